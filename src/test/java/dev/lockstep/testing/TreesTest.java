package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of fixture trees: a real git repo copied is the same repo, and its own. */
class TreesTest {

  @Test
  void aCopiedRepoHasTheSameCommitsFilesModesAndLinksAndChangesAlone(@TempDir Path tmp)
      throws Exception {
    Path source = tmp.resolve("source");
    try (GitFixture git = GitFixture.init(source)) {
      git.write("run.sh", "#!/bin/sh\necho hi\n").symlink("latest", "run.sh");
      Files.setPosixFilePermissions(
          source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
      git.commit("first").tag("v1.0.0");
    }
    Files.createDirectories(source.resolve("empty"));

    Path copy = tmp.resolve("copies/copy");
    Trees.copy(source, copy);

    try (GitFixture a = GitFixture.open(source);
        GitFixture b = GitFixture.open(copy)) {
      assertEquals(a.head().getId(), b.head().getId());
      assertTrue(b.isClean(), "the copy's work tree matches its index");
      assertTrue(b.isSymlink("latest"));
      assertEquals(Path.of("run.sh"), Files.readSymbolicLink(copy.resolve("latest")));
      assertTrue(Files.isExecutable(copy.resolve("run.sh")));
      assertTrue(Files.isDirectory(copy.resolve("empty")));

      // Git objects are shared (hard links), the work tree and refs are not.
      List<Path> objects;
      try (Stream<Path> walk = Files.walk(copy.resolve(".git/objects"))) {
        objects = walk.filter(Files::isRegularFile).toList();
      }
      assertFalse(objects.isEmpty());
      for (Path o : objects) {
        assertTrue(Files.isSameFile(o, source.resolve(copy.relativize(o).toString())), o + "");
      }
      assertFalse(Files.isSameFile(copy.resolve("run.sh"), source.resolve("run.sh")));

      b.write("run.sh", "#!/bin/sh\necho changed\n").commit("second");
      assertEquals("#!/bin/sh\necho hi\n", a.read("run.sh"));
      assertEquals(a.head().getId(), GitFixture.open(source).head().getId());
      assertTrue(a.isClean(), "the source is untouched by commits in the copy");
    }
  }

  @Test
  void deleteRemovesLinksNotTheirTargets(@TempDir Path tmp) throws Exception {
    Path keep = Files.writeString(tmp.resolve("keep.txt"), "keep\n");
    Path dir = Files.createDirectories(tmp.resolve("dir/sub"));
    Files.createSymbolicLink(dir.resolve("link"), keep);
    Files.writeString(dir.resolve("file"), "x");
    Trees.delete(tmp.resolve("dir"));
    assertFalse(Files.exists(tmp.resolve("dir"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep\n", Files.readString(keep));
  }
}
