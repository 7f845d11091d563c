package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.DemoWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred seeded mutations of the example graphs (keys deleted, duplicated and retyped,
 * values swapped, {@code ..} injected, huge numbers, bad UTF-8), each verified through the CLI
 * in-process: exit 0, 1 or 2, never a stack trace or an unexpected error. Bounded in time so it
 * runs with the normal suite.
 */
@Tag("hostile")
class GraphMutationFuzzTest {
  private static final long SEED = 0x10c4573L;
  private static final int MUTANTS = 300;
  private static final long BUDGET_NANOS = 20_000_000_000L;
  private static final String[] INJECT = {
    "..",
    "../../..",
    "/etc",
    ".git/config",
    "99999999999999999999",
    "-1",
    "\"\"",
    "[",
    "{}",
    "&a [1]",
    "*a",
    "~",
    "!!binary AAAA",
    "'\\u0000'",
    "\"${HOME}\"",
    "x".repeat(300),
    "{ kind: image }",
    "[ { file: ../x, regex: '(' } ]",
    "null",
    "true",
    "1e999"
  };

  @TempDir Path dir;

  @Test
  void mutatedGraphsEndInAnExitCodeNeverACrash() throws IOException {
    DemoWorkspace w = DemoWorkspace.create(dir.resolve("ws"));
    List<String> seeds =
        List.of(DemoWorkspace.GRAPH, Files.readString(Path.of("graph/examples/kubestellar.yaml")));
    Random random = new Random(SEED);
    long start = System.nanoTime();
    int tried = 0;
    int[] byCode = new int[3];
    List<String> defects = new ArrayList<>();
    while (tried < MUTANTS && System.nanoTime() - start < BUDGET_NANOS) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      byte[] mutant = mutate(seed, random);
      Files.write(w.graph, mutant);
      Cli.Result r = Cli.verify(w.graph);
      tried++;
      String all = r.out() + r.err();
      boolean crash =
          r.code() < 0
              || r.code() > 2
              || all.contains("--stacktrace for details")
              || all.contains("\tat ")
              || all.contains("Exception");
      if (crash) {
        defects.add("mutant " + tried + ":\n" + new String(mutant, StandardCharsets.UTF_8) + r);
      } else {
        byCode[r.code()]++;
      }
    }
    System.out.printf(
        "[hostile] graph mutations: %d tried, %d handled cleanly (exit 0: %d, 1: %d, 2: %d),"
            + " %d defects%n",
        tried, tried - defects.size(), byCode[0], byCode[1], byCode[2], defects.size());
    assertTrue(tried >= 50, "too few mutants in the time budget: " + tried);
    assertEquals(List.of(), defects.stream().limit(3).toList(), defects.size() + " defects");
  }

  private static byte[] mutate(String graph, Random random) {
    List<String> lines = new ArrayList<>(graph.lines().toList());
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n && !lines.isEmpty(); i++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(8)) {
        case 0 -> lines.remove(at); // delete a key
        case 1 -> lines.add(at, line); // duplicate a key
        case 2 -> lines.set(at, line.replaceFirst("([A-Za-z_]+):", "$1x:")); // retype a key
        case 3 -> { // swap two values
          int other = random.nextInt(lines.size());
          String a = valueOf(line);
          String b = valueOf(lines.get(other));
          if (a != null && b != null) {
            lines.set(at, line.substring(0, line.length() - a.length()) + b);
          }
        }
        case 4 -> { // inject a hostile value
          String v = valueOf(line);
          String inject = INJECT[random.nextInt(INJECT.length)];
          lines.set(
              at,
              v == null
                  ? line + " " + inject
                  : line.substring(0, line.length() - v.length()) + inject);
        }
        case 5 -> lines.set(at, "  " + line); // indentation
        case 6 -> lines.set(at, line.replaceAll("[0-9]+", "9".repeat(1 + random.nextInt(40))));
        default -> lines.set(at, line + " \uFFFD");
      }
    }
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(10) == 0 && bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x40)); // bad UTF-8
    }
    return bytes;
  }

  private static String valueOf(String line) {
    int colon = line.indexOf(": ");
    return colon < 0 ? null : line.substring(colon + 2);
  }
}
