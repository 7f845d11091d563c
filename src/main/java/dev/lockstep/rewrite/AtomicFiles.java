package dev.lockstep.rewrite;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a file through a temp file in the same folder and an atomic rename: never half-written.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, String text) throws IOException {
    dev.lockstep.files.AtomicFiles.write(file, text);
  }
}
