package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.testing.KubestellarWorkspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git read ahead while the graph loads gives the report git read afterwards gives, and is used only
 * by a run whose graph has the same repos, once.
 */
class GitAheadTest {
  @TempDir Path tmp;

  @Test
  void gitReadAheadGivesTheSameReport() {
    Path graph = KubestellarWorkspace.create(tmp);
    // a stale self-reference: the report depends on what git says the current release is
    KubestellarWorkspace.plant(
        KubestellarWorkspace.ws(graph), KubestellarWorkspace.Fault.SELF_REFERENCE_STALE);
    List<List<Repo>> heard = new ArrayList<>();
    GitAhead ahead = new GitAhead();
    ReleaseGraph g =
        GraphLoader.load(
            graph,
            repos -> {
              heard.add(repos);
              ahead.start(repos);
            });
    List<Repo> repos = List.copyOf(g.repos().values());
    assertEquals(List.of(repos), heard, "the loader hands out the graph's repos once");

    VerifyReport read = Verifier.verify(g, List.of(), ahead);
    VerifyReport plain = Verifier.verify(g);

    assertTrue(
        read.findings().stream().anyMatch(f -> f.rule().code().startsWith("self-reference")),
        read.findings().toString());
    assertEquals(plain.findings(), read.findings());
    assertTrue(ahead.take(repos).isEmpty(), "the lookups are handed out once");
  }

  @Test
  void lookupsStartedForOtherReposAreNotUsed() {
    Path graph = KubestellarWorkspace.create(tmp);
    List<Repo> repos = List.copyOf(GraphLoader.load(graph).repos().values());
    GitAhead ahead = new GitAhead();
    ahead.start(repos.subList(0, 1));
    assertTrue(ahead.take(repos).isEmpty());
    assertTrue(GitAhead.none().take(repos).isEmpty());
  }
}
