package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.DemoWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release preflight runs verify's checks on the released repo: whatever makes {@code verify}
 * fail on it makes {@code release} exit 2 before any tag, branch or output exists.
 */
@Tag("hostile")
class ReleaseRefusesWhatVerifyRejectsTest {
  @TempDir Path dir;

  private Cli.Result release(DemoWorkspace w, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "release",
                "--graph",
                w.graph.toString(),
                "platform",
                "1.5.0",
                "--output",
                dir.resolve("out").toString(),
                "--cache",
                dir.resolve("cache").toString(),
                "--quiet"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private void assertNothingWritten(DemoWorkspace w) throws IOException {
    Repository git = w.platform.git().getRepository();
    assertEquals(null, git.exactRef("refs/tags/v1.5.0"), "no tag");
    assertEquals(null, git.exactRef("refs/heads/release-1.5.0"), "no release branch");
    assertEquals(null, git.exactRef("refs/heads/lockstep/after-v1.5.0"), "no after branch");
    assertFalse(Files.exists(dir.resolve("out")), "no output folder");
    assertTrue(w.platform.isClean(), "work tree untouched");
  }

  @Test
  void aDisagreementInTheHookIsRefusedThenTheFixedRepoReleases() throws IOException {
    DemoWorkspace w = DemoWorkspace.create(dir.resolve("ws"));
    w.platform.replace("hooks/its.yaml", "--version, v0.2.0", "--version, v0.1.0").commit("drift");

    Cli.Result verify = Cli.verify(w.graph);
    assertEquals(1, verify.code(), verify::toString);
    assertTrue(verify.out().contains("error[disagreement]"), verify::toString);

    Cli.Result r = release(w);
    assertEquals(2, r.code(), r::toString);
    Cli.assertNoStackTrace(r);
    // The findings as verify prints them, then one line that says nothing happened.
    assertTrue(r.err().contains("error[disagreement]"), r::toString);
    assertTrue(r.err().contains("hooks/its.yaml"), r::toString);
    assertTrue(r.err().contains("release of platform refused"), r::toString);
    assertNothingWritten(w);

    Cli.Result dry = Cli.run("release", "--graph", w.graph.toString(), "platform", "1.5.0", "-n");
    assertEquals(2, dry.code(), dry::toString);

    w.platform.replace("hooks/its.yaml", "--version, v0.1.0", "--version, v0.2.0").commit("fix");
    assertEquals(0, Cli.verify(w.graph).code());
    Cli.Result ok = release(w);
    assertEquals(0, ok.code(), ok::toString);
    assertTrue(w.platform.git().getRepository().exactRef("refs/tags/v1.5.0") != null);
  }

  @Test
  void aMissingLocatedFileIsRefused() throws IOException {
    DemoWorkspace w = DemoWorkspace.create(dir.resolve("ws"));
    w.writeGraph(DemoWorkspace.GRAPH.replace("file: scripts/setup.sh", "file: scripts/gone.sh"));
    assertEquals(2, Cli.verify(w.graph).code());
    Cli.Result r = release(w);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("[locator.file-missing]"), r::toString);
    assertTrue(r.err().contains("lockstep.yaml:"), r::toString);
    assertNothingWritten(w);
  }

  @Test
  void aPathThatLeavesTheRepoIsRefused() throws IOException {
    DemoWorkspace w = DemoWorkspace.create(dir.resolve("ws"));
    w.writeGraph(
        DemoWorkspace.GRAPH.replace(
            "file: core-chart/values.yaml", "file: ../addon/chart/values.yaml"));
    assertEquals(2, Cli.verify(w.graph).code());
    Cli.Result r = release(w);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("[locator.path-escape]"), r::toString);
    assertNothingWritten(w);
  }

  @Test
  void warningsDoNotBlockButStrictDoes() throws IOException {
    DemoWorkspace w = DemoWorkspace.create(dir.resolve("ws"));
    // References between the two repos both ways: graph.reference-cycle, a warning.
    w.writeGraph(
        DemoWorkspace.GRAPH
            + """
              addon-doc:
                kind: file
                repo: addon
                uses: [ { to: platform, unversioned: "mentions the platform in prose" } ]
            """);
    Cli.Result v = Cli.verify(w.graph);
    assertEquals(0, v.code(), v::toString);
    assertTrue(v.out().contains("warning[graph.reference-cycle]"), v::toString);
    Cli.Result strict =
        Cli.run("release", "--graph", w.graph.toString(), "addon", "0.3.0", "-n", "--strict");
    assertEquals(2, strict.code(), strict::toString);
    assertTrue(strict.err().contains("warning[graph.reference-cycle]"), strict::toString);
    Cli.Result lax = Cli.run("release", "--graph", w.graph.toString(), "addon", "0.3.0", "-n");
    assertEquals(0, lax.code(), lax::toString);
  }
}
