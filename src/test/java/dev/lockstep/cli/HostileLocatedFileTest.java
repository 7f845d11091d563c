package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile files a locator points at: one locator problem each, never a crash. */
@Tag("hostile")
class HostileLocatedFileTest {
  @TempDir Path dir;

  private Cli.Result verifyJson(String json) throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("pins.json"), json);
    Path g = dir.resolve("lockstep.yaml");
    Files.writeString(
        g,
        """
        lockstep: 1
        repos: { app: { path: repo } }
        artifacts:
          img: { kind: image, repo: app, name: ghcr.io/example/app }
          pins:
            kind: file
            repo: app
            uses: [ { to: img, at: [ { file: pins.json, json: /app } ] } ]
        """);
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Cli.verify(g));
  }

  @Test
  void deeplyNestedJsonIsALocatorProblem() throws IOException {
    Cli.Result r = verifyJson("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.out().contains("error[locator.unparsable]"), r::toString);
    Cli.assertNoStackTrace(r);
  }

  @Test
  void aThousandDigitNumberIsALocatorProblem() throws IOException {
    Cli.Result r = verifyJson("{\"x\": " + "1".repeat(1500) + ", \"app\": \"1.0.0\"}");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.out().contains("error[locator.unparsable]"), r::toString);
    Cli.assertNoStackTrace(r);
  }

  @Test
  void aFifoIsNotOpened() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Process mk = new ProcessBuilder("mkfifo", repo.resolve("pins.json").toString()).start();
    assertEquals(0, mk.waitFor());
    Path g = dir.resolve("lockstep.yaml");
    Files.writeString(
        g,
        """
        lockstep: 1
        repos: { app: { path: repo } }
        artifacts:
          img: { kind: image, repo: app, name: ghcr.io/example/app }
          pins:
            kind: file
            repo: app
            uses: [ { to: img, at: [ { file: pins.json, json: /app } ] } ]
        """);
    Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Cli.verify(g));
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.out().contains("error[locator.not-a-file]"), r::toString);
  }
}
