package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The undeclared-reference scan reads what git tracks: a repo folder that is not a git work tree is
 * named in verify's output ({@code undeclared.not-scanned}, a note shown without --verbose), never
 * skipped in silence; the same repo as a git checkout is scanned and its undeclared pin found.
 */
@Tag("hostile")
class UnscannedFolderTest {
  @TempDir Path dir;

  static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: repo }
      artifacts:
        lib:
          kind: image
          name: ghcr.io/example/lib
          external: { version: 0.2.0 }
      """;

  /** A Dockerfile that pins lib where no locator looks. */
  void plant() throws Exception {
    Files.createDirectories(dir.resolve("repo"));
    Files.writeString(dir.resolve("repo/Dockerfile"), "FROM ghcr.io/example/lib:0.2.0\n");
    Files.writeString(dir.resolve("lockstep.yaml"), GRAPH);
  }

  @Test
  void aFolderThatIsNotAGitWorkTreeIsNamed() throws Exception {
    plant();
    for (String format : List.of("text", "json")) {
      Cli.Result r = Cli.verify(dir.resolve("lockstep.yaml"), "--format", format);
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("undeclared.not-scanned"), r::toString);
      assertTrue(r.out().contains("is not a git work tree"), r::toString);
      Cli.assertNoStackTrace(r);
    }
    String line =
        Cli.verify(dir.resolve("lockstep.yaml"))
            .out()
            .lines()
            .filter(l -> l.contains("undeclared.not-scanned"))
            .findFirst()
            .orElseThrow();
    Cli.assertPointsAt(line, dir.resolve("lockstep.yaml"), Cli.lineOf(GRAPH, "app: { path"));
  }

  @Test
  void theSameFolderAsAGitCheckoutIsScanned() throws Exception {
    plant();
    try (GitFixture g = GitFixture.init(dir.resolve("repo"))) {
      g.commit("Add Dockerfile");
    }
    Cli.Result r = Cli.verify(dir.resolve("lockstep.yaml"));
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.out().contains("undeclared.image"), r::toString);
    assertTrue(!r.out().contains("undeclared.not-scanned"), r::toString);
  }
}
