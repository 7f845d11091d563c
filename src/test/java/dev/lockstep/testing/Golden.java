package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden files: {@code src/test/resources/golden/<dir>/<name>}, compared whole and rewritten when
 * the build runs with {@code -Dgolden.update=true} (or the environment has {@code
 * LOCKSTEP_UPDATE_GOLDEN=1}). A mismatch fails with a unified diff from the golden file to the
 * actual text.
 *
 * <p>Carriage returns are written as {@code ␍} and a missing final newline as a diff-style marker
 * line, so that editors and git's line-ending handling cannot change what a golden file says.
 * Output that names temporary folders or timings is first passed through a {@link Normalizer}.
 *
 * <pre>
 * Golden.assertMatches(test, actual);                                  // golden/Class/method.txt
 * Golden.assertMatches("VerifyOutput", "report.sarif", normalizer.apply(sarif));
 * </pre>
 */
public final class Golden {
  /** Where golden files live, from the project's base folder. */
  public static final Path ROOT = Path.of("src", "test", "resources", "golden");

  public static final String NO_NEWLINE = "\\ No newline at end of file";

  private Golden() {}

  /** True when golden files are rewritten instead of compared. */
  public static boolean updating() {
    return Boolean.getBoolean("golden.update")
        || "1".equals(System.getenv("LOCKSTEP_UPDATE_GOLDEN"))
        || "true".equals(System.getenv("LOCKSTEP_UPDATE_GOLDEN"));
  }

  /** Compares {@code actual} with {@code golden/<TestClass>/<testMethod>.txt}. */
  public static void assertMatches(TestInfo test, String actual) {
    assertMatches(
        test.getTestClass().orElseThrow().getSimpleName(),
        test.getTestMethod().orElseThrow().getName(),
        actual);
  }

  /**
   * Compares {@code actual} with {@code golden/<dir>/<name>}; a {@code name} without an extension
   * gets {@code .txt}.
   */
  public static void assertMatches(String dir, String name, String actual) {
    Path file = file(dir, name);
    String encoded = encode(actual);
    try {
      if (updating()) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, encoded, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "no golden file "
                + file
                + "; run the tests with -Dgolden.update=true to write it, then review it");
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      if (!expected.equals(encoded)) {
        fail(
            "differs from "
                + ROOT.resolve(dir).resolve(file.getFileName())
                + " (rerun with -Dgolden.update=true if the change is intended, then review git"
                + " diff):\n"
                + diff(file.getFileName().toString(), expected, encoded));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The golden file {@code golden/<dir>/<name>} (with {@code .txt} when {@code name} has none). */
  public static Path file(String dir, String name) {
    String fileName = name.contains(".") ? name : name + ".txt";
    return Path.of(System.getProperty("basedir", ".")).resolve(ROOT).resolve(dir).resolve(fileName);
  }

  /** The golden form of a text: CR visible, a missing final newline marked. */
  public static String encode(String text) {
    String s = text.replace("\r", "␍");
    if (!s.isEmpty() && !s.endsWith("\n")) {
      s = s + "\n" + NO_NEWLINE + "\n";
    }
    return s;
  }

  /** A unified diff (3 lines of context) from {@code expected} to {@code actual}. */
  static String diff(String name, String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff(
            "golden/" + name, "actual/" + name, a, DiffUtils.diff(a, b), 3);
    return String.join("\n", lines) + "\n";
  }

  /**
   * Makes output comparable across runs: each registered folder (a temporary directory, in its
   * absolute and its {@code file:} URI form) becomes a fixed token such as {@code <ws>}, and
   * timings ({@code in 132 ms}, {@code "millis" : 132}, {@code "elapsedMillis": 7}) become {@code
   * <ms>} or {@code 0}.
   */
  public static final class Normalizer {
    private static final Pattern IN_MILLIS = Pattern.compile("\\b(in|after) [0-9]+ ms\\b");
    private static final Pattern JSON_MILLIS =
        Pattern.compile("(\"(?:millis|elapsedMillis|durationMillis)\"\\s*:\\s*)[0-9]+");

    private final Map<String, String> replacements = new LinkedHashMap<>();

    /** Replaces {@code folder} (and anything under it) by {@code token}, e.g. {@code <ws>}. */
    public Normalizer folder(Path folder, String token) {
      Path abs = folder.toAbsolutePath().normalize();
      List<String> forms = new ArrayList<>();
      forms.add(abs.toUri().toString().replaceAll("/$", ""));
      forms.add(abs.toString());
      try {
        Path real = abs.toRealPath();
        if (!real.equals(abs)) {
          forms.add(real.toUri().toString().replaceAll("/$", ""));
          forms.add(real.toString());
        }
      } catch (IOException e) {
        // not there (yet): its absolute form is enough
      }
      forms.forEach(f -> replacements.put(f, token));
      return this;
    }

    /** The normalized text. */
    public String apply(String text) {
      String s = text;
      // Longest first, so that a folder inside another is replaced by its own token.
      List<Map.Entry<String, String>> byLength = new ArrayList<>(replacements.entrySet());
      byLength.sort((x, y) -> Integer.compare(y.getKey().length(), x.getKey().length()));
      for (Map.Entry<String, String> e : byLength) {
        s = s.replace(e.getKey(), e.getValue());
      }
      s = IN_MILLIS.matcher(s).replaceAll(m -> m.group(1) + " <ms> ms");
      s = JSON_MILLIS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "0");
      return s;
    }
  }
}
