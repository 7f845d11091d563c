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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad {@code scheme:}: exit 2, one line at its key's file:line:col with the fix. */
class SchemeBadInputTest {
  @TempDir Path dir;

  @BeforeEach
  void makeRepo() throws IOException {
    Files.createDirectories(dir.resolve("repo"));
  }

  private String only(String text, String marker) throws IOException {
    Path g = Files.writeString(dir.resolve("lockstep.yaml"), text);
    Cli.Result r = Cli.verify(g);
    assertExit(2, r);
    assertNoStackTrace(r);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), () -> "expected one problem line:\n" + r);
    assertPointsAt(lines.get(0), g, lineOf(text, marker), columnOf(text, marker));
    return lines.get(0);
  }

  private static String graph(String scheme) {
    return """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          base:
            kind: image
            name: docker.io/library/alpine
            scheme: %s
            external: { version: "3.19" }
        """
        .formatted(scheme);
  }

  @Test
  void unknownSchemeNameSaysWhichExist() throws IOException {
    String text = graph("lose");
    String line = only(text, "scheme: lose");
    assertContains(line, "unknown scheme 'lose'", "did you mean 'loose'?", "pep440", "pattern");
  }

  @Test
  void unanchoredPatternIsRefusedWithTheAnchoredSpelling() throws IOException {
    String text = graph("{ pattern: 'main-[0-9a-f]{7}' }");
    String line = only(text, "pattern: 'main");
    assertContains(line, "not anchored", "'^main-[0-9a-f]{7}$'");
  }

  @Test
  void aPatternRe2RefusesNamesTheConstruct() throws IOException {
    String text = graph("{ pattern: '^(?=main)main-[0-9a-f]{7}$' }");
    String line = only(text, "pattern: '^(?=");
    assertContains(line, "linear-time engine", "(?=", "lookaround");
  }

  @Test
  void aPinThatIsNotAVersionOfTheSchemeNamesTheScheme() throws IOException {
    String text = graph("semver");
    String line = only(text, "version: \"3.19\"");
    assertContains(line, "'3.19' is not a version (scheme semver)", "scheme:");
  }
}
