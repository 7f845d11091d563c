package dev.lockstep.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files written through a temp file in the same folder and an atomic rename: a reader sees the old
 * file or the new one, never half of one. The one place lockstep renames files into place.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8; an existing file keeps its permissions, a new one gets 0644. */
  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes}, flushed to disk before the rename; creates missing parent folders. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = tempBeside(abs);
    try {
      Files.write(tmp, bytes);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.setPosixFilePermissions(
            tmp,
            Files.exists(abs)
                ? Files.getPosixFilePermissions(abs)
                : PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the defaults
      }
      moveIntoPlace(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Copies {@code from} to {@code to} through a temp file beside {@code to}. */
  public static void copy(Path from, Path to) throws IOException {
    Path abs = to.toAbsolutePath();
    Path tmp = tempBeside(abs);
    try {
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
      moveIntoPlace(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Renames a finished file (in the same file system as {@code target}) over {@code target},
   * atomically where the file system can.
   */
  public static void moveIntoPlace(Path finished, Path target) throws IOException {
    try {
      Files.move(
          finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** An empty temp file beside {@code file} (hidden, named after it); parents are created. */
  public static Path tempBeside(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + file.getFileName() + ".", ".lockstep-tmp");
  }
}
