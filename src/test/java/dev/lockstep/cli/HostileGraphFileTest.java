package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph file is read with bounds: no device, FIFO or folder is opened, size, scalar length,
 * nesting, number length and aliases are limited, and each refusal is one line with a fix, fast.
 */
@Tag("hostile")
class HostileGraphFileTest {
  @TempDir Path dir;

  private static Cli.Result refusedQuickly(Path graph) {
    Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Cli.verify(graph));
    assertEquals(2, r.code(), r::toString);
    Cli.assertNoStackTrace(r);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).contains("; "), () -> "a fix after the problem: " + r);
    return r;
  }

  @Test
  void devicesFifosAndFoldersAreNotRead() throws Exception {
    Cli.Result zero = refusedQuickly(Path.of("/dev/zero"));
    assertTrue(zero.err().contains("not a regular file"), zero::toString);
    Path fifo = dir.resolve("graph.fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    assertTrue(refusedQuickly(fifo).err().contains("FIFO"));
    assertTrue(refusedQuickly(dir).err().contains("a folder"));
    Path link = dir.resolve("lockstep.yaml");
    Files.createSymbolicLink(link, Path.of("/dev/zero"));
    assertTrue(refusedQuickly(link).err().contains("not a regular file"));
  }

  @Test
  void aHugeGraphIsRefusedBeforeParsing() throws IOException {
    Path g = dir.resolve("lockstep.yaml");
    byte[] big = new byte[20 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    byte[] head = "lockstep: 1\nx: ".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, big, 0, head.length);
    Files.write(g, big);
    assertTrue(refusedQuickly(g).err().contains("too large for a graph file"));
  }

  @Test
  void aLongScalarIsRefusedAtItsLineQuickly() throws IOException {
    Path g = dir.resolve("lockstep.yaml");
    Files.writeString(g, "lockstep: 1\nrepos:\n  a: { path: \"" + "x".repeat(3_000_000) + "\" }\n");
    long start = System.nanoTime();
    Cli.Result r = refusedQuickly(g);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 2000, "refused in " + ms + " ms");
    assertTrue(r.err().contains("lockstep.yaml:3:"), r::toString);
    assertTrue(r.err().contains("longer than"), r::toString);
  }

  @Test
  void deepNestingManyAliasesAndLongNumbersAreRefused() throws IOException {
    Path g = dir.resolve("lockstep.yaml");
    Files.writeString(g, "lockstep: 1\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
    assertTrue(refusedQuickly(g).err().contains("nested"));
    StringBuilder bomb = new StringBuilder("lockstep: 1\na0: &a0 [x, x]\n");
    for (int i = 1; i < 60; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1);
      bomb.append(", *a").append(i - 1).append("]\n");
    }
    Files.writeString(g, bomb.toString());
    // Aliases are never expanded into a tree (the parser streams): refused for what it is, fast.
    Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Cli.verify(g));
    assertEquals(2, r.code(), r::toString);
    Cli.assertNoStackTrace(r);
    Files.writeString(g, "lockstep: 1\nrepos: { a: { path: x } }\nx: " + "9".repeat(2000) + "\n");
    assertTrue(refusedQuickly(g).err().contains("lockstep.yaml:3:"));
  }

  @Test
  void aHugeDocumentIndexIsRefusedNotWrapped() throws IOException {
    Path g = dir.resolve("lockstep.yaml");
    Files.createDirectories(dir.resolve("x"));
    Files.writeString(dir.resolve("x/a.yaml"), "v: 1.0.0\n");
    Files.writeString(
        g,
        """
        lockstep: 1
        repos: { a: { path: x } }
        artifacts:
          i: { kind: image, repo: a, name: ghcr.io/x/i }
          f:
            kind: file
            repo: a
            uses: [ { to: i, at: [ { file: a.yaml, yaml: .v, document: 99999999999 } ] } ]
        """);
    Cli.Result r = refusedQuickly(g);
    assertTrue(r.err().contains("lockstep.yaml:8:"), r::toString);
    assertTrue(r.err().contains("document index 99999999999 is out of range"), r::toString);
  }

  @Test
  void aGraphThatIsNotUtf8IsRefusedAtTheBadByte() throws IOException {
    Path g = dir.resolve("lockstep.yaml");
    Files.write(g, "lockstep: 1\nrepos:\n  caf\u00e9: {}\n".getBytes(StandardCharsets.ISO_8859_1));
    Cli.Result r = refusedQuickly(g);
    assertTrue(r.err().contains("lockstep.yaml:3:6: not UTF-8 (byte 0xE9)"), r::toString);
    assertTrue(r.err().contains("save the graph file as UTF-8"), r::toString);
  }
}
