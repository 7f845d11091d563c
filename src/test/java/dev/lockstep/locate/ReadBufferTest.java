package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One buffer per thread, reused file after file: each read must see its own file alone. */
class ReadBufferTest {
  @TempDir Path dir;

  @Test
  void eachReadHoldsExactlyItsFileWhateverWasReadBefore() throws Exception {
    Random random = new Random(7);
    ReadBuffer buffer = ReadBuffer.local();
    // sizes around the initial 64 KiB, the doubling steps and the 1 MiB a buffer is kept up to
    int[] sizes = {0, 1, 65_535, 65_536, 65_537, 300_000, 3, 1 << 20, (1 << 20) + 1, 2_500_000, 17};
    for (int size : sizes) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      Path file = Files.write(dir.resolve("f" + size), bytes);
      assertTrue(buffer.read(file, RepoFiles.MAX_BYTES), "size " + size);
      assertEquals(size, buffer.length());
      assertArrayEquals(bytes, Arrays.copyOf(buffer.bytes(), buffer.length()), "size " + size);
    }
  }

  @Test
  void aFileOverTheLimitIsRefusedAndOneAtItIsRead() throws Exception {
    ReadBuffer buffer = ReadBuffer.local();
    Path at = Files.write(dir.resolve("at"), new byte[100_000]);
    Path over = Files.write(dir.resolve("over"), new byte[100_001]);
    assertTrue(buffer.read(at, 100_000));
    assertEquals(100_000, buffer.length());
    assertFalse(buffer.read(over, 100_000));
    assertTrue(buffer.read(at, 100_000)); // a refused read leaves nothing behind
    assertEquals(100_000, buffer.length());
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    ReadBuffer mine = ReadBuffer.local();
    ReadBuffer[] other = new ReadBuffer[1];
    Thread t = new Thread(() -> other[0] = ReadBuffer.local());
    t.start();
    t.join();
    assertTrue(mine != other[0]);
    assertTrue(mine == ReadBuffer.local());
  }
}
