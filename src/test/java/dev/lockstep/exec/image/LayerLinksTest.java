package dev.lockstep.exec.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer sources may follow links inside the sources, never out of them. */
@Tag("hostile")
class LayerLinksTest {
  @TempDir Path dir;

  @Test
  void aLinkOutOfTheSourcesIsRefusedOneInsideIsFollowed() throws Exception {
    Path root = Files.createDirectories(dir.resolve("src"));
    Path host = Files.writeString(dir.resolve("host"), "host\n");
    Files.createDirectories(root.resolve("bin"));
    Files.writeString(root.resolve("bin/real"), "x\n");
    Files.createSymbolicLink(root.resolve("bin/inside"), Path.of("real"));
    assertDoesNotThrow(() -> LayerEntries.toJibLayer(new ImageRecipe.Layer("bin", "/app/"), root));
    Files.createSymbolicLink(root.resolve("bin/host"), host);
    IllegalArgumentException dirCase =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerEntries.toJibLayer(new ImageRecipe.Layer("bin", "/app/"), root));
    assertTrue(dirCase.getMessage().contains("bin/host"), dirCase.getMessage());
    IllegalArgumentException fileCase =
        assertThrows(
            IllegalArgumentException.class,
            () -> LayerEntries.toJibLayer(new ImageRecipe.Layer("bin/host", "/h"), root));
    assertTrue(fileCase.getMessage().contains("leads out of the repo"), fileCase.getMessage());
  }
}
