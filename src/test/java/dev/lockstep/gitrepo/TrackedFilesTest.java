package dev.lockstep.gitrepo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracked files as git's index names them, ASCII and not, staged or only committed; links are
 * listed (the scan then declines to follow them).
 */
class TrackedFilesTest {
  @TempDir Path tmp;

  @Test
  void pathsAreTheIndexsPathsWhateverTheirCharacters() throws Exception {
    try (GitFixture g = GitFixture.init(tmp.resolve("app"))) {
      g.write("README.md", "x\n")
          .write("charts/app/Chart.yaml", "name: app\n")
          .write("docs/café/über.md", "y\n")
          .write("docs/日本/a b.txt", "z\n")
          .symlink("link", "README.md")
          .commit("files");
      g.write("staged.txt", "s\n");
      g.git().add().addFilepattern("staged.txt").call();
      g.write("untracked.txt", "u\n");
      try (GitRepo repo = GitRepo.open(g.dir()).orElseThrow()) {
        assertEquals(
            List.of(
                "README.md",
                "charts/app/Chart.yaml",
                "docs/café/über.md",
                "docs/日本/a b.txt",
                "link",
                "staged.txt"),
            repo.trackedFiles());
        // read from the index without opening the repo: the same list
        assertEquals(repo.trackedFiles(), GitRepo.trackedFiles(g.dir()).orElseThrow());
      }
    }
  }

  @Test
  void aCheckoutWhoseGitIsAFileIsReadThroughItsRepo() throws Exception {
    try (GitFixture g = GitFixture.init(tmp.resolve("app"))) {
      g.write("README.md", "x\n").commit("one");
      Path work = java.nio.file.Files.createDirectories(tmp.resolve("linked"));
      // a worktree-style .git file naming the real git folder
      java.nio.file.Files.writeString(
          work.resolve(".git"), "gitdir: " + g.dir().resolve(".git") + "\n");
      assertEquals(List.of("README.md"), GitRepo.trackedFiles(work).orElseThrow());
    }
    assertEquals(java.util.Optional.empty(), GitRepo.trackedFiles(tmp.resolve("nothing")));
    try (GitFixture fresh = GitFixture.init(tmp.resolve("fresh"))) { // no index yet
      assertEquals(List.of(), GitRepo.trackedFiles(fresh.dir()).orElseThrow());
    }
  }
}
