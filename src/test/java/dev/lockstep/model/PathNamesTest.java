package dev.lockstep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A name becomes one path element inside its base folder, or is refused in one line. */
class PathNamesTest {
  static final Path BASE = Path.of("/tmp/lockstep-base/out");

  /** Names that must never become a path, whatever site they reach. */
  static final List<String> HOSTILE =
      List.of("", ".", "..", "../../..", "a/b", "../escaped", "/etc/passwd", "a\\b", "x\0y");

  @Test
  void aNameIsOneElementInsideItsBase() {
    assertEquals(
        BASE.resolve("release-app-1.0.0.json"), PathNames.child(BASE, "release-app-1.0.0.json"));
    assertEquals(BASE.resolve("..a"), PathNames.child(BASE, "..a"));
  }

  @Test
  void anythingElseIsRefusedInOneLine() {
    for (String name : HOSTILE) {
      BadInputException e =
          assertThrows(BadInputException.class, () -> PathNames.child(BASE, name), name);
      assertTrue(e.getMessage().contains("cannot be a file name in " + BASE), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }
}
