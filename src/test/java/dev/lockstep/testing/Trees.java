package dev.lockstep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies of folder trees, {@code .git} included: a fixture built once is copied for each test,
 * which is much faster than making its commits again.
 */
public final class Trees {
  private Trees() {}

  /**
   * Copies {@code from} to {@code to} (which must not exist yet): files with their bytes,
   * permissions and modification times, symlinks as symlinks (their targets unchanged), empty
   * folders too. Files under a {@code .git/objects} folder (or a bare {@code NAME.git/objects}) are
   * hard-linked instead when the file system allows it: git never changes an object file once
   * written (it writes a new file and renames it), so a copy and its source can share them.
   */
  public static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectory(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Path target = to.resolve(from.relativize(file).toString());
              if (attrs.isSymbolicLink()) {
                Files.createSymbolicLink(target, Files.readSymbolicLink(file));
              } else if (isGitObject(from.relativize(file)) && link(file, target)) {
                // shared with the source
              } else {
                Files.copy(
                    file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.setLastModifiedTime(
                  to.resolve(from.relativize(dir).toString()), Files.getLastModifiedTime(dir));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  private static boolean isGitObject(Path relative) {
    for (int i = 0; i + 1 < relative.getNameCount(); i++) {
      if (relative.getName(i).toString().endsWith(".git") // .git, or a bare remote.git
          && relative.getName(i + 1).toString().equals("objects")) {
        return true;
      }
    }
    return false;
  }

  private static boolean link(Path existing, Path link) {
    try {
      Files.createLink(link, existing);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // another file system, or no hard links: copy instead
    }
  }

  /** Deletes {@code dir} and everything under it (symlinks themselves, not their targets). */
  public static void delete(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
