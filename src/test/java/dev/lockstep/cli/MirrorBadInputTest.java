package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertContains;
import static dev.lockstep.cli.Cli.assertExit;
import static dev.lockstep.cli.Cli.assertNoStackTrace;
import static dev.lockstep.cli.Cli.assertPointsAt;
import static dev.lockstep.cli.Cli.columnOf;
import static dev.lockstep.cli.Cli.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror that is not a URL, a bad allow: pattern: exit 2, one line with the fix. */
class MirrorBadInputTest {
  @TempDir Path dir;

  private static final String GRAPH =
      """
      lockstep: 1
      artifacts:
        tool:
          kind: image
          name: docker.io/bitnami/kubectl
          external: { version: 1.30.14 }
      """;

  @Test
  void aMirrorInTheGraphThatIsNotAUrl() throws IOException {
    String text = GRAPH + "mirrors:\n  docker.io: mirror.example.com/hub\n";
    Path g = Files.writeString(dir.resolve("lockstep.yaml"), text);
    Cli.Result r = Cli.run("outdated", "--graph", g.toString());
    assertExit(2, r);
    assertNoStackTrace(r);
    assertEquals(1, r.errLines().size(), r::toString);
    assertPointsAt(
        r.errLines().get(0),
        g,
        lineOf(text, "docker.io: mirror"),
        columnOf(text, "docker.io: mirror"));
    assertContains(
        r.errLines().get(0),
        "mirror 'mirror.example.com/hub' for docker.io is not a URL",
        "oci://");
  }

  @Test
  void aMirrorOnTheCommandLineThatIsNotAUrl() throws IOException {
    Path g = Files.writeString(dir.resolve("lockstep.yaml"), GRAPH);
    Cli.Result r = Cli.run("outdated", "--graph", g.toString(), "--mirror", "docker.io=not a url");
    assertExit(2, r);
    assertNoStackTrace(r);
    assertEquals(1, r.errLines().size(), r::toString);
    assertContains(r.errLines().get(0), "--mirror", "'not a url'", "is not a URL", "write e.g.");
  }

  @Test
  void anAllowPatternRe2Refuses() throws IOException {
    String text = GRAPH.replace("1.30.14 }", "1.30.14, allow: '^(?=1)1' }");
    Path g = Files.writeString(dir.resolve("lockstep.yaml"), text);
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertEquals(1, r.errLines().size(), r::toString);
    assertPointsAt(r.errLines().get(0), g, lineOf(text, "allow:"), columnOf(text, "allow:"));
    assertContains(r.errLines().get(0), "allow: pattern does not compile", "RE2");
  }
}
