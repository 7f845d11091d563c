package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/<dir>/<name>.txt}, compared byte for byte and
 * rewritten when {@code LOCKSTEP_UPDATE_GOLDEN=1} is set (or {@code -Dgolden.update=true}).
 */
public final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static boolean updating() {
    return "1".equals(System.getenv("LOCKSTEP_UPDATE_GOLDEN"))
        || Boolean.getBoolean("golden.update");
  }

  public static void assertMatches(String dir, String name, String actual) {
    Path file = ROOT.resolve(dir).resolve(name + ".txt");
    try {
      if (updating()) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "no golden file "
                + file
                + "; run with LOCKSTEP_UPDATE_GOLDEN=1 to write it, then review it");
      }
      assertEquals(
          Files.readString(file, StandardCharsets.UTF_8),
          actual,
          () -> "differs from " + file + " (rerun with LOCKSTEP_UPDATE_GOLDEN=1 if intended)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
