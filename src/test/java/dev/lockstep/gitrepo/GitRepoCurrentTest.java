package dev.lockstep.gitrepo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.model.VersionFormat;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitRepo#current} answers in one pass what verify used to ask in three: the current release
 * of HEAD's line, its newest regular release, and the release at HEAD. On every checkout of a repo
 * with two lines, pre-releases and a release commit beside main, it answers as the three separate
 * lookups do.
 */
class GitRepoCurrentTest {
  @TempDir Path tmp;

  @Test
  void oneAnswerEqualsTheThreeLookupsOnEveryLine() throws Exception {
    VersionFormat tags = VersionFormat.of("v{version}");
    try (GitFixture g = GitFixture.init(tmp.resolve("app"))) {
      g.write("README.md", "app 1.0.0\n").commit("first").tag("v1.0.0");
      g.git().branchCreate().setName("release-1.0").call();
      g.replace("README.md", "1.0.0", "1.1.0-rc.1").commit("rc").tag("v1.1.0-rc.1");
      g.replace("README.md", "1.1.0-rc.1", "2.0.0-alpha.1").commit("2.0").tag("v2.0.0-alpha.1");
      // a release commit beside main, on its own branch
      g.git().checkout().setCreateBranch(true).setName("release-2.0.0").call();
      g.replace("README.md", "2.0.0-alpha.1", "2.0.0").commit("release 2.0.0").tag("v2.0.0");
      g.git().checkout().setName("main").call();
      g.replace("README.md", "2.0.0-alpha.1", "2.1.0-dev").commit("after 2.0");
      g.git().checkout().setName("release-1.0").call();
      g.replace("README.md", "1.0.0", "1.0.1").commit("release 1.0.1").tag("v1.0.1");

      List<String> checkouts = List.of("main", "release-1.0", "release-2.0.0", "v1.1.0-rc.1");
      for (String at : checkouts) {
        g.git().checkout().setName(at).call();
        try (GitRepo repo = GitRepo.open(g.dir()).orElseThrow()) {
          GitRepo.Current current = repo.current(tags);
          assertEquals(repo.currentRelease(tags, false), current.any(), at);
          assertEquals(repo.currentRelease(tags, true), current.regular(), at);
          assertEquals(repo.releaseAtHead(tags), current.atHead(), at);
        }
      }
      g.git().checkout().setName("main").call();
      try (GitRepo repo = GitRepo.open(g.dir()).orElseThrow()) {
        GitRepo.Current current = repo.current(tags);
        assertEquals("2.0.0", current.any().orElseThrow().version().toString());
        assertEquals("2.0.0", current.regular().orElseThrow().version().toString());
        assertEquals(Optional.empty(), current.atHead());
      }
      g.git().checkout().setName("v1.1.0-rc.1").call();
      try (GitRepo repo = GitRepo.open(g.dir()).orElseThrow()) {
        GitRepo.Current current = repo.current(tags);
        assertEquals("1.1.0-rc.1", current.any().orElseThrow().version().toString());
        assertEquals("1.0.0", current.regular().orElseThrow().version().toString());
        assertEquals("v1.1.0-rc.1", current.atHead().orElseThrow().tag());
      }
    }
  }
}
