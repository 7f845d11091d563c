package dev.lockstep.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a commit's tree into an empty folder straight from the object store: what is built is
 * exactly what the tag names, never the user's work tree. Executable bits and symbolic links are
 * kept; submodules become empty folders (git does the same without --recurse-submodules). No
 * clean/smudge filters run, so LFS files stay pointers.
 */
final class TreeCheckout {
  private TreeCheckout() {}

  /**
   * A committed symlink is kept as a link only when it stays in the repo: relative, and not
   * climbing above the repo's root. Links into other links are checked the same way, each on its
   * own, so no chain leads out either.
   */
  static void refuseLeavingLink(String path, String link) {
    Path target = Path.of(link);
    boolean leaves = link.isEmpty() || target.isAbsolute() || link.contains("\\");
    if (!leaves) {
      Path parent = Path.of(path).getParent();
      Path resolved = (parent == null ? target : parent.resolve(target)).normalize();
      leaves = resolved.startsWith("..") || resolved.toString().isEmpty();
      for (Path part : resolved) {
        leaves |= part.toString().equals(".git");
      }
    }
    if (leaves) {
      throw new UnsafeSymlinkException(path, link);
    }
  }

  /**
   * @return the number of files written
   */
  static int extract(Repository repo, ObjectId commitId, Path into) throws IOException {
    Files.createDirectories(into);
    Path root = into.toAbsolutePath().normalize();
    int files = 0;
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        TreeWalk tree = new TreeWalk(reader)) {
      RevCommit commit = walk.parseCommit(commitId);
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        Path target = root.resolve(tree.getPathString()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("git path " + tree.getPathString() + " escapes the checkout");
        }
        Files.createDirectories(target.getParent());
        FileMode mode = tree.getFileMode(0);
        ObjectId id = tree.getObjectId(0);
        if (mode == FileMode.SYMLINK) {
          String link =
              new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
          refuseLeavingLink(tree.getPathString(), link);
          Files.createSymbolicLink(target, Path.of(link));
        } else if (mode == FileMode.GITLINK) {
          Files.createDirectories(target);
        } else {
          try (OutputStream out = Files.newOutputStream(target)) {
            reader.open(id, Constants.OBJ_BLOB).copyTo(out);
          }
          Files.setPosixFilePermissions(
              target,
              PosixFilePermissions.fromString(
                  mode == FileMode.EXECUTABLE_FILE ? "rwxr-xr-x" : "rw-r--r--"));
          // A fixed time: the build sees the same inputs for the same content in every release.
          Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(1000));
        }
        files++;
      }
    }
    return files;
  }
}
