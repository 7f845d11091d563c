package dev.lockstep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.release.ReleaseListener;
import dev.lockstep.release.ReleaseOptions;
import dev.lockstep.release.Releaser;
import dev.lockstep.testing.GitFixture;
import dev.lockstep.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Actions fan-out equals one train: the stages of {@code --format github-matrix} run as
 * separate invocations of {@code lockstep train ... --only REPO}, each in a fresh clone of every
 * remote (sharing only the bare remotes, the registry and the output folder), leave the same
 * commits, tags, branches and digests as one {@code lockstep train} to a registry. Faults (the
 * registry stopped during the second repo, a remote that rejects the push) are resumed by running
 * the same train again, which converges to the clean run.
 */
class TrainMatrixTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static LocalRegistry registry;
  static Outcome clean;

  record Outcome(Map<String, ObjectId> remoteRefs, Map<String, String> digests) {}

  @BeforeAll
  static void cleanTrain() throws Exception {
    registry = LocalRegistry.start(shared.resolve("registry"));
    TrainWorkspace ws = TrainWorkspace.create(shared.resolve("clean"));
    TrainWorkspace.CliResult r = ws.cli(args(ws.out(), ws.cache(), "train"));
    assertEquals(0, r.code(), r::toString);
    clean = outcome(ws, ws.out());
    assertTrue(clean.remoteRefs().containsKey("core:refs/tags/v0.30.0"), clean::toString);
    assertTrue(clean.remoteRefs().containsKey("addon:refs/heads/release-0.3.0"), clean::toString);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static String[] args(Path out, Path cache, String... head) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(TrainPlanTest.TRAIN));
    all.addAll(
        List.of(
            "--registry",
            registry.host() + "/m" + Math.abs(out.hashCode()),
            "--output",
            out.toString(),
            "--cache",
            cache.toString()));
    return all.toArray(String[]::new);
  }

  static Outcome outcome(TrainWorkspace ws, Path out) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    try (var files = Files.list(out)) {
      for (Path f : files.sorted().toList()) {
        if (f.getFileName().toString().startsWith("release-")) {
          for (var a : JSON.readTree(f.toFile()).path("artifacts")) {
            digests.put(a.path("id").asText(), a.path("digest").asText());
          }
        }
      }
    }
    return new Outcome(ws.allRemoteRefs(), digests);
  }

  @Test
  void stagesAsSeparateInvocationsEqualOneTrain() throws Exception {
    TrainWorkspace ws = TrainWorkspace.create(shared.resolve("matrix"));
    Path out = shared.resolve("matrix-out");
    TrainWorkspace.CliResult m =
        ws.cli(args(out, ws.cache(), "train", "--format", "github-matrix"));
    assertEquals(0, m.code(), m::toString);
    var stages = JSON.readTree(m.out()).path("stages");
    int job = 0;
    for (var stage : stages) {
      for (var repo : stage.path("repo")) {
        // a fresh runner: every repo cloned from its remote, nothing else of the earlier jobs
        TrainWorkspace runner = cloneAll(ws, shared.resolve("job-" + job++));
        TrainWorkspace.CliResult r =
            runner.cli(args(out, runner.cache(), "train", "--only", repo.asText()));
        assertEquals(0, r.code(), () -> repo + ":\n" + r);
      }
    }
    assertEquals(clean, outcome(ws, out));
  }

  @Test
  void theRegistryStoppedDuringTheSecondRepoThenARerunConverges() throws Exception {
    TrainWorkspace ws = TrainWorkspace.create(shared.resolve("stopped"));
    ReleaseOptions options =
        new ReleaseOptions(
            ws.out(),
            Optional.of(registry.host() + "/m" + Math.abs(ws.out().hashCode())),
            java.util.Set.of(),
            ws.cache());
    TrainRunner.Listener stopAtSecond =
        new TrainRunner.Listener() {
          int started;

          @Override
          public void started(
              dev.lockstep.model.ArtifactId repo, dev.lockstep.model.Version v, int s, int n) {
            if (++started == 2) {
              registry.stop();
            }
          }
        };
    try {
      TrainException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              TrainException.class,
              () ->
                  new TrainRunner(new Releaser(), ReleaseListener.NONE, stopAtSecond)
                      .run(ws.graph(), versions(), options, Optional.empty()));
      assertTrue(e.getMessage().startsWith("transport: "), e::getMessage);
      assertTrue(e.getMessage().contains("released in this run: kubeflex"), e::getMessage);
    } finally {
      registry.restart();
    }
    assertTrue(ws.remoteRefs("kubeflex").containsKey("refs/tags/v0.9.0"));
    assertNoTagWithoutItsArtifacts(ws);
    TrainWorkspace.CliResult again = ws.cli(args(ws.out(), ws.cache(), "train"));
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.err().contains("train: kubeflex: skipped, released before"), again::toString);
    assertEquals(clean, outcome(ws, ws.out()));
  }

  @Test
  void aRemoteThatRejectsThePushThenARerunConverges() throws Exception {
    TrainWorkspace ws = TrainWorkspace.create(shared.resolve("rejecting"));
    // the addon's remote refuses the push: another writer holds the lock of the tag's ref
    Path lock = ws.remote("addon").resolve("refs/tags/v0.3.0.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "");
    TrainWorkspace.CliResult r;
    try {
      r = ws.cli(args(ws.out(), ws.cache(), "train"));
    } finally {
      Files.delete(lock);
    }
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("lockstep train: addon: "), r::toString);
    assertTrue(ws.remoteRefs("kubeflex").containsKey("refs/tags/v0.9.0"));
    assertTrue(!ws.remoteRefs("addon").containsKey("refs/tags/v0.3.0"));
    assertTrue(!ws.remoteRefs("core").containsKey("refs/tags/v0.30.0"));
    assertNoTagWithoutItsArtifacts(ws);
    TrainWorkspace.CliResult again = ws.cli(args(ws.out(), ws.cache(), "train"));
    assertEquals(0, again.code(), again::toString);
    assertEquals(clean, outcome(ws, ws.out()));
  }

  /** A remote tag means every artifact its release names is in the registry. */
  static void assertNoTagWithoutItsArtifacts(TrainWorkspace ws) throws Exception {
    Map<String, String> digests = outcome(ws, ws.out()).digests();
    Map<String, List<String>> artifacts =
        Map.of(
            "kubeflex", List.of("kubeflex-image", "kubeflex-chart"),
            "transport", List.of("transport-image", "transport-chart"),
            "addon", List.of("addon-image", "addon-chart"),
            "core", List.of("core-image", "core-chart"));
    for (String repo : TrainWorkspace.REPOS) {
      boolean tagged =
          ws.remoteRefs(repo).keySet().stream()
              .anyMatch(
                  k -> k.startsWith("refs/tags/") && !k.equals("refs/tags/" + initialTag(repo)));
      if (tagged) {
        for (String a : artifacts.get(repo)) {
          assertTrue(digests.containsKey(a), repo + " is tagged but " + a + " is not recorded");
          assertEquals(clean.digests().get(a), digests.get(a), a);
        }
      }
    }
  }

  static String initialTag(String repo) {
    return Map.of("kubeflex", "v0.8.0", "transport", "v0.1.0", "addon", "v0.2.0", "core", "v0.29.0")
        .get(repo);
  }

  static Map<dev.lockstep.model.ArtifactId, dev.lockstep.model.Version> versions() {
    Map<dev.lockstep.model.ArtifactId, dev.lockstep.model.Version> v =
        new java.util.LinkedHashMap<>();
    for (String a : TrainPlanTest.TRAIN) {
      String[] p = a.split("=");
      v.put(dev.lockstep.model.ArtifactId.of(p[0]), dev.lockstep.model.Version.of(p[1]));
    }
    return v;
  }

  /** A runner's workspace: the graph, and every repo cloned from the remotes of {@code ws}. */
  static TrainWorkspace cloneAll(TrainWorkspace ws, Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.copy(ws.graphFile(), dir.resolve("graph.yaml"));
    for (String repo : TrainWorkspace.REPOS) {
      try (Git clone =
          Git.cloneRepository()
              .setURI(ws.remote(repo).toUri().toString())
              .setDirectory(dir.resolve(repo).toFile())
              .setBranch("main")
              .call()) {
        clone.fetch().setRefSpecs(new RefSpec("+refs/tags/*:refs/tags/*")).call();
        StoredConfig config = clone.getRepository().getConfig();
        config.setString("user", null, "name", GitFixture.NAME);
        config.setString("user", null, "email", GitFixture.EMAIL);
        config.save();
      }
    }
    return TrainWorkspace.at(dir, ws);
  }
}
