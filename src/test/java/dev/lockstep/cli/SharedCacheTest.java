package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.DemoWorkspace;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two releases of one repo sharing a cache: the second is told so, and changes nothing. */
@Tag("hostile")
class SharedCacheTest {
  @TempDir Path dir;

  @Test
  void aReleaseRunningOnTheSameCacheIsNamed() throws Exception {
    DemoWorkspace w = DemoWorkspace.create(dir.resolve("ws"));
    Path cache = dir.resolve("cache");
    Path lockFile = Files.createDirectories(cache.resolve("work")).resolve("addon.lock");
    String[] args = {
      "release",
      "--graph",
      w.graph.toString(),
      "addon",
      "0.3.0",
      "--output",
      dir.resolve("out").toString(),
      "--cache",
      cache.toString(),
      "--quiet"
    };
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      Cli.Result r = Cli.run(args);
      assertEquals(2, r.code(), r::toString);
      assertTrue(
          r.err().contains("another release of addon is running with the cache"), r::toString);
      Cli.assertNoStackTrace(r);
      assertEquals(null, w.addon.git().getRepository().exactRef("refs/tags/v0.3.0"));
    }
    Cli.Result ok = Cli.run(args);
    assertEquals(0, ok.code(), ok::toString);
  }
}
