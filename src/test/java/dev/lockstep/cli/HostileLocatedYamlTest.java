package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile YAML in a located values.yaml: an alias bomb and deep nesting are each one {@code
 * locator.unparsable} line naming the limit (exit 2, no stack trace, in seconds), and a file within
 * the limits, anchors included, is read as before.
 */
@Tag("hostile")
class HostileLocatedYamlTest {
  @TempDir Path dir;

  private Cli.Result verifyValues(String yaml) throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("values.yaml"), yaml);
    Path g = dir.resolve("lockstep.yaml");
    Files.writeString(
        g,
        """
        lockstep: 1
        repos: { app: { path: repo } }
        artifacts:
          img: { kind: image, name: ghcr.io/example/app, external: { version: 1.0.0 } }
          values:
            kind: file
            repo: app
            uses: [ { to: img, at: [ { file: values.yaml, yaml: .image.tag } ] } ]
        """);
    return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.verify(g));
  }

  private static List<String> unparsable(Cli.Result r) {
    return r.out().lines().filter(l -> l.contains("error[locator.unparsable]")).toList();
  }

  /** Twelve levels of ten aliases each: 10^12 values if expanded. */
  static String aliasBomb() {
    StringBuilder sb = new StringBuilder("image: { tag: 1.0.0 }\nl0: &l0 [a, b, c]\n");
    for (int i = 1; i <= 12; i++) {
      sb.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  @Test
  void anAliasBombIsOneLocatorProblem() throws IOException {
    Cli.Result r = verifyValues(aliasBomb());
    assertEquals(2, r.code(), r::toString);
    List<String> lines = unparsable(r);
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).contains("values.yaml"), r::toString);
    assertTrue(lines.get(0).contains("aliases to collections"), r::toString);
    Cli.assertNoStackTrace(r);
  }

  @Test
  void deepNestingIsOneLocatorProblem() throws IOException {
    String deep = "image: { tag: 1.0.0 }\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    Cli.Result r = verifyValues(deep);
    assertEquals(2, r.code(), r::toString);
    List<String> lines = unparsable(r);
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).contains("nested deeper than 64 levels"), r::toString);
    Cli.assertNoStackTrace(r);
  }

  @Test
  void deepBlockNestingIsOneLocatorProblem() throws IOException {
    StringBuilder sb = new StringBuilder("image: { tag: 1.0.0 }\n");
    for (int i = 0; i < 200; i++) {
      sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    sb.append("  ".repeat(200)).append("leaf\n");
    Cli.Result r = verifyValues(sb.toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(unparsable(r).get(0).contains("nested deeper than 64 levels"), r::toString);
  }

  @Test
  void anchorsWithinTheLimitsAreRead() throws IOException {
    Cli.Result r =
        verifyValues(
            "defaults: &d { tag: 1.0.0 }\nimage:\n  <<: *d\nother: [*d, *d, *d]\n"
                + "nested: "
                + "[".repeat(40)
                + "]".repeat(40)
                + "\n");
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of(), unparsable(r), r::toString);
  }
}
