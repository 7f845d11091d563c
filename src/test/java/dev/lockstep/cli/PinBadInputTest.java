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

/** A second pin of one artifact in one repo, an override on a placeholder: exit 2, one line. */
class PinBadInputTest {
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

  @Test
  void twoPinsOfOneArtifactInOneRepo() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          tool:
            kind: image
            name: ghcr.io/o/tool
            external: { version: 1.0.0 }
          pins:
            kind: file
            repo: app
            uses:
              - to: tool
                at: [ { file: versions.json, json: /tool, pin: true } ]
          values:
            kind: file
            repo: app
            uses:
              - to: tool
                at: [ { file: values.yaml, yaml: .tool, pin: yes } ]
        """;
    String line = only(text, "pin: yes");
    assertContains(line, "repo app pins tool twice", "versions.json", "override: NAME");
  }

  @Test
  void overrideOnAPlaceholderReference() throws IOException {
    String text =
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          tool:
            kind: image
            name: ghcr.io/o/tool
            external: { version: 1.0.0 }
          stack:
            kind: file
            repo: app
            uses:
              - to: tool
                placeholder: "0.0.0"
                at: [ { file: Pulumi.dev.yaml, yaml: .tool, override: dev } ]
        """;
    String line = only(text, "override: dev");
    assertContains(line, "override: on a placeholder reference", "drop placeholder:");
  }
}
