package dev.lockstep.release;

import dev.lockstep.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the output folder: compared by content, published by copy and atomic rename. */
final class OutputFiles {
  private OutputFiles() {}

  static boolean sameBytes(Path a, Path b) throws IOException {
    return Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1;
  }

  /** Copies {@code from} to {@code to} through a temp file beside it: never a half-written file. */
  static void publish(Path from, Path to) throws IOException {
    AtomicFiles.copy(from, to);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
