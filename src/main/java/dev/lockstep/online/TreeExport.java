package dev.lockstep.online;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of one commit into a folder (files, executables and symlinks; submodules are
 * left out).
 */
final class TreeExport {
  private TreeExport() {}

  static void export(Repository repo, ObjectId commit, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      tree.addTree(c.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        FileMode mode = tree.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          continue;
        }
        Path out = root.resolve(tree.getPathString()).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
          throw new IOException(
              "the tree of " + commit.name() + " holds a path outside it: " + tree.getPathString());
        }
        Files.createDirectories(out.getParent());
        if (mode == FileMode.SYMLINK) {
          byte[] target = repo.open(tree.getObjectId(0)).getBytes();
          Files.createSymbolicLink(out, Path.of(new String(target, StandardCharsets.UTF_8)));
          continue;
        }
        try (OutputStream o = Files.newOutputStream(out)) {
          repo.open(tree.getObjectId(0)).copyTo(o);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
          try {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
          } catch (UnsupportedOperationException notPosix) {
            // only the bits differ; locators read the text
          }
        }
      }
    }
  }

  /** Removes a folder written by {@link #export}, links not followed. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temp folder left behind is harmless; the audit's answer is not affected
    }
  }
}
