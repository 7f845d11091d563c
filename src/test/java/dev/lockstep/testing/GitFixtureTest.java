package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFixtureTest {

  private static ObjectId build(Path dir) {
    try (GitFixture g = GitFixture.init(dir)) {
      return g.write("a.txt", "one\n")
          .commit("first")
          .tag("v0.1.0")
          .write("dir/b.txt", "two\n")
          .commit("second")
          .head()
          .getId();
    }
  }

  @Test
  void sameCallsSameCommits(@TempDir Path a, @TempDir Path b) {
    assertEquals(build(a), build(b));
  }

  @Test
  void fixedIdentityAndAdvancingClock(@TempDir Path dir) throws Exception {
    try (GitFixture g = GitFixture.init(dir)) {
      RevCommit first = g.write("a.txt", "1\n").commit("first").head();
      RevCommit second = g.write("a.txt", "2\n").commit("second").head();
      assertEquals(GitFixture.NAME, first.getAuthorIdent().getName());
      assertEquals(GitFixture.EMAIL, first.getCommitterIdent().getEmailAddress());
      assertEquals(GitFixture.EPOCH, first.getCommitterIdent().getWhenAsInstant());
      assertEquals(
          Duration.ofMinutes(1),
          Duration.between(
              first.getCommitterIdent().getWhenAsInstant(),
              second.getCommitterIdent().getWhenAsInstant()));
      assertEquals("main", g.git().getRepository().getBranch());
    }
  }

  @Test
  void tagsAreAnnotated(@TempDir Path dir) throws Exception {
    try (GitFixture g = GitFixture.init(dir)) {
      g.write("a.txt", "1\n").commit("first").tag("v1.0.0");
      Repository r = g.git().getRepository();
      Ref ref = r.exactRef("refs/tags/v1.0.0");
      try (RevWalk walk = new RevWalk(r)) {
        RevTag tag = walk.parseTag(ref.getObjectId());
        assertEquals("Release v1.0.0", tag.getFullMessage());
        assertEquals(g.head().getId(), tag.getObject().getId());
        assertEquals(GitFixture.NAME, tag.getTaggerIdent().getName());
      }
    }
  }

  @Test
  void symlinksAndDeletionsAreCommitted(@TempDir Path dir) throws Exception {
    try (GitFixture g = GitFixture.init(dir)) {
      g.write("real.txt", "x\n").write("gone.txt", "y\n").commit("files");
      g.symlink("link.txt", "real.txt").delete("gone.txt").commit("link and delete");
      assertTrue(g.isClean());
      assertTrue(g.isSymlink("link.txt"));
      Repository r = g.git().getRepository();
      try (TreeWalk tw = TreeWalk.forPath(r, "link.txt", g.head().getTree())) {
        assertEquals(FileMode.SYMLINK, tw.getFileMode(0));
      }
      try (TreeWalk tw = TreeWalk.forPath(r, "gone.txt", g.head().getTree())) {
        assertEquals(null, tw);
      }
    }
  }

  @Test
  void replaceRefusesAmbiguousEdits(@TempDir Path dir) {
    try (GitFixture g = GitFixture.init(dir)) {
      g.write("a.txt", "v1 v1\n");
      assertThrows(IllegalStateException.class, () -> g.replace("a.txt", "v1", "v2"));
      assertThrows(IllegalStateException.class, () -> g.replace("a.txt", "v3", "v2"));
      g.replace("a.txt", "v1 v1", "v2");
      assertEquals("v2\n", g.read("a.txt"));
      assertThrows(IllegalArgumentException.class, () -> g.write("../escape.txt", "no"));
    }
  }

  @Test
  void openContinuesTheClock(@TempDir Path dir) {
    RevCommit first;
    try (GitFixture g = GitFixture.init(dir)) {
      first = g.write("a.txt", "1\n").commit("first").head();
    }
    try (GitFixture g = GitFixture.open(dir)) {
      RevCommit second = g.write("a.txt", "2\n").commit("second").head();
      assertNotEquals(first.getId(), second.getId());
      assertTrue(
          second
              .getCommitterIdent()
              .getWhenAsInstant()
              .isAfter(first.getCommitterIdent().getWhenAsInstant()));
      assertFalse(Files.exists(dir.resolve("b.txt")));
    }
  }
}
