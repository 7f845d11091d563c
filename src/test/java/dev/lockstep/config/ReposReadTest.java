package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader hands out a graph's repos before its artifacts are read (verify starts reading git
 * then), but never a repo it would refuse: nothing outside the workspace is read ahead.
 */
class ReposReadTest {
  @TempDir Path tmp;

  private List<List<Repo>> load(String graph) throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.createDirectories(ws.resolve("app"));
    Path file = ws.resolve("graph.yaml");
    Files.writeString(file, graph);
    List<List<Repo>> heard = new ArrayList<>();
    try {
      GraphLoader.load(file, heard::add);
    } catch (BadInputException e) {
      heard.add(null); // marks a refused graph
    }
    return heard;
  }

  @Test
  void theReposAreHandedOutBeforeAnArtifactIsRefused() throws Exception {
    List<List<Repo>> heard =
        load(
            String.join(
                "\n",
                "lockstep: 1",
                "repos:",
                "  app: { path: app, url: https://github.com/o/app }",
                "artifacts:",
                "  api: { kind: image, repo: app, name: ghcr.io/o/api, tag: '{nope}' }",
                ""));
    assertEquals(2, heard.size(), heard.toString());
    assertEquals(1, heard.get(0).size());
    assertEquals(tmp.resolve("ws/app").normalize(), heard.get(0).get(0).root());
    assertEquals(null, heard.get(1), "and the graph is still refused");
  }

  @Test
  void aRepoOutsideTheWorkspaceIsNeverHandedOut() throws Exception {
    List<List<Repo>> heard =
        load(
            String.join(
                "\n",
                "lockstep: 1",
                "repos:",
                "  app: { path: app }",
                "  etc: { path: ../../../../../../../etc }",
                "artifacts: {}",
                ""));
    assertEquals(1, heard.size(), heard.toString());
    assertEquals(null, heard.get(0));
  }

  @Test
  void aBadRepoEntryStopsTheHandOutToo() throws Exception {
    List<List<Repo>> heard =
        load("lockstep: 1\nrepos:\n  app: { path: app, tag: 'v{oops}' }\nartifacts: {}\n");
    assertTrue(heard.size() == 1 && heard.get(0) == null, heard.toString());
  }
}
