package dev.lockstep.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package table in docs/design.md is the law: every import of one of our packages, and of the
 * libraries the second table confines, must be allowed there. A small import scan, so the rule
 * costs nothing to run and its failures name file and line.
 */
class LayeringTest {
  private static final Path SRC = Path.of("src/main/java/dev/lockstep");
  private static final Path DESIGN = Path.of("docs/design.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\|(.*)\\|(.*)\\|\\s*$");
  private static final Pattern TICKED = Pattern.compile("`([a-z.]+)`");
  private static final Pattern LIB_ROW =
      Pattern.compile("^\\| [^|]*\\(`([a-z.]+)`\\) \\|(.*)\\|\\s*$");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?((?:dev\\.lockstep\\.([a-z]+))|[a-z][\\w.]*)\\b.*;");

  /** Package -> packages it may use; {@code null} values mean everything. */
  private static Map<String, Set<String>> allowed() throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DESIGN, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String uses = m.group(3);
        Set<String> deps = new LinkedHashSet<>();
        Matcher t = TICKED.matcher(uses);
        while (t.find()) {
          deps.add(t.group(1));
        }
        out.put(m.group(1), uses.contains("everything") ? null : deps);
      }
    }
    return out;
  }

  /** Library package prefix -> our packages that may import it. */
  private static Map<String, Set<String>> libraries() throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DESIGN, StandardCharsets.UTF_8)) {
      Matcher m = LIB_ROW.matcher(line);
      if (m.matches()) {
        Set<String> where = new LinkedHashSet<>();
        Matcher t = TICKED.matcher(m.group(2));
        while (t.find()) {
          where.add(t.group(1));
        }
        out.put(m.group(1), where);
      }
    }
    return out;
  }

  @Test
  void everyPackageHasARowAndEveryImportIsAllowed() throws IOException {
    Map<String, Set<String>> allowed = allowed();
    Map<String, Set<String>> libs = libraries();
    assertFalse(allowed.isEmpty(), "no package table found in " + DESIGN);
    assertFalse(libs.isEmpty(), "no library table found in " + DESIGN);
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SRC)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = SRC.relativize(f).getName(0).toString();
        if (!allowed.containsKey(pkg)) {
          problems.add(f + ": package " + pkg + " has no row in " + DESIGN);
          continue;
        }
        Set<String> may = allowed.get(pkg);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = IMPORT.matcher(lines.get(i));
          if (!m.matches()) {
            continue;
          }
          String ours = m.group(2);
          if (ours != null) {
            if (!ours.equals(pkg) && may != null && !may.contains(ours)) {
              problems.add(f + ":" + (i + 1) + ": " + pkg + " may not use " + ours);
            }
            continue;
          }
          String imported = m.group(1);
          for (Map.Entry<String, Set<String>> lib : libs.entrySet()) {
            if (imported.startsWith(lib.getKey() + ".") && !lib.getValue().contains(pkg)) {
              problems.add(f + ":" + (i + 1) + ": " + pkg + " may not use " + lib.getKey());
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems, () -> String.join("\n", problems));
  }

  /** Kinds and query types dispatch through their visitors, so the compiler sees every case. */
  @Test
  void noInstanceofChainOverKindsOrQueries() throws IOException {
    Pattern chain =
        Pattern.compile(
            "instanceof (ImageArtifact|ChartArtifact|HookArtifact|FileArtifact|AssetArtifact"
                + "|Query\\.|ImageSpec|ChartSpec|HookSpec|FileSpec|AssetSpec)\\b");
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SRC)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (chain.matcher(lines.get(i)).find()) {
            problems.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(
        List.of(),
        problems,
        () -> "use Artifact.match/accept or the Query visitor:\n" + String.join("\n", problems));
  }

  @Test
  void theTableHasNoCycles() throws IOException {
    Map<String, Set<String>> allowed = allowed();
    for (String start : allowed.keySet()) {
      if (allowed.get(start) == null) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      List<String> todo = new ArrayList<>(allowed.get(start));
      while (!todo.isEmpty()) {
        String next = todo.remove(todo.size() - 1);
        assertFalse(next.equals(start), "the package table has a cycle through " + start);
        if (seen.add(next) && allowed.get(next) != null) {
          todo.addAll(allowed.get(next));
        }
      }
    }
  }

  @Test
  void theScanSeesAViolation() {
    Matcher m = IMPORT.matcher("import dev.lockstep.cli.Main;");
    assertTrue(m.matches());
    assertEquals("cli", m.group(2));
    Matcher lib = IMPORT.matcher("import org.eclipse.jgit.api.Git;");
    assertTrue(lib.matches());
    assertEquals("org.eclipse.jgit.api.Git", lib.group(1));
  }
}
