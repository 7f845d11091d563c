package dev.lockstep.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden files: {@code src/test/resources/golden/<TestClass>/<test>.txt}, compared byte for byte
 * and rewritten when the build runs with {@code -Dgolden.update=true}. Carriage returns are written
 * as {@code ␍} and a missing final newline as a diff-style marker line, so that editors and git's
 * line-ending handling cannot change what a golden file says.
 */
final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources", "golden");
  static final String NO_NEWLINE = "\\ No newline at end of file";

  private Golden() {}

  static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Compares {@code actual} with the golden file of the running test. */
  static void assertMatches(TestInfo test, String actual) {
    assertMatches(
        test.getTestClass().orElseThrow().getSimpleName(),
        test.getTestMethod().orElseThrow().getName(),
        actual);
  }

  /** Compares {@code actual} with {@code golden/<dir>/<name>.txt}. */
  static void assertMatches(String dir, String name, String actual) {
    Path file = ROOT.resolve(dir).resolve(name + ".txt");
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
      assertEquals(
          Files.readString(file, StandardCharsets.UTF_8),
          encoded,
          () ->
              "differs from "
                  + file
                  + " (rerun with -Dgolden.update=true if the change is intended)");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The golden form of a text: CR visible, a missing final newline marked. */
  static String encode(String text) {
    String s = text.replace("\r", "␍");
    if (!s.isEmpty() && !s.endsWith("\n")) {
      s = s + "\n" + NO_NEWLINE + "\n";
    }
    return s;
  }
}
