package dev.lockstep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.testing.ChildLockstep;
import dev.lockstep.testing.ChildLockstep.Kill;
import dev.lockstep.testing.ChildLockstep.Run;
import dev.lockstep.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the train process is killed ({@code kill -9}) between two repos, right after the progress
 * line that says a repo was released, and inside one repo, right after a publish line. The train
 * runs as a separate JVM, as a user runs it ({@link ChildLockstep}), against the loopback registry
 * and the repos' bare remotes. Whenever it dies, no remote tag names an artifact that is not in the
 * registry, and running the same train again exits 0 and converges to a clean run: the same remote
 * and local refs (release commits, tag objects, branches), the same digests, the same train
 * manifest.
 */
class TrainKilledTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> TAGS =
      Map.of("kubeflex", "v0.9.0", "transport", "v0.2.0", "addon", "v0.3.0", "core", "v0.30.0");

  @TempDir static Path shared;
  static LocalRegistry registry;
  static Outcome clean;

  /** What a finished train left; registry-independent (references name the namespace as NS). */
  record Outcome(
      Map<String, ObjectId> remoteRefs,
      Map<String, ObjectId> localRefs,
      Map<String, String> digests,
      String trainManifest) {}

  @BeforeAll
  static void cleanTrain() throws Exception {
    registry = LocalRegistry.start(shared.resolve("registry"));
    TrainWorkspace ws = TrainWorkspace.create(shared.resolve("clean"));
    TrainWorkspace.CliResult r = ws.cli(args(ws, "clean"));
    assertEquals(0, r.code(), r::toString);
    clean = outcome(ws, "clean");
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static String[] args(TrainWorkspace ws, String namespace) {
    return args(registry.host(), ws, namespace);
  }

  /** The clean train to {@code host/namespace}, with the workspace's output and cache. */
  static String[] args(String host, TrainWorkspace ws, String namespace) {
    List<String> all = new ArrayList<>(List.of("train"));
    all.addAll(List.of(TrainPlanTest.TRAIN));
    all.addAll(
        List.of(
            "--registry",
            host + "/" + namespace,
            "--output",
            ws.out().toString(),
            "--cache",
            ws.cache().toString()));
    return all.toArray(String[]::new);
  }

  static Outcome outcome(TrainWorkspace ws, String namespace) throws Exception {
    return outcome(registry.host(), ws, namespace);
  }

  static Outcome outcome(String host, TrainWorkspace ws, String namespace) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    String manifest = null;
    try (var files = Files.list(ws.out())) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith("release-")) {
          for (JsonNode a : JSON.readTree(f.toFile()).path("artifacts")) {
            digests.put(a.path("id").asText(), a.path("digest").asText());
            if (a.has("manifestDigest")) {
              digests.put(a.path("id").asText() + " manifest", a.path("manifestDigest").asText());
            }
          }
        } else if (name.startsWith("train-")) {
          manifest = Files.readString(f).replace(host + "/" + namespace + "/", "NS/");
        }
      }
    }
    return new Outcome(ws.allRemoteRefs(), ws.allLocalRefs(), digests, manifest);
  }

  @Test
  void killedBetweenReposAndInsideOneThenARerunConverges() throws Exception {
    List<Case> kills =
        List.of(
            new Case(Kill.afterLines("train: released kubeflex"), "kubeflex", null, null),
            new Case(Kill.afterLines("train: released addon"), "addon", null, null),
            new Case(
                Kill.afterLines("train: stage 2/3: releasing addon", "  publish image"),
                "transport",
                "addon",
                "publish image " + registry.host() + "/kill-2/example/addon:0.3.0"),
            new Case(
                Kill.afterLines("train: stage 3/3: releasing core", "  publish chart"),
                "addon",
                "core",
                "publish chart " + registry.host() + "/kill-3/example/charts/core-chart:0.30.0"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String>> cases = new ArrayList<>();
    try {
      for (int i = 0; i < kills.size(); i++) {
        int index = i;
        cases.add(pool.submit(() -> killCase(index, kills.get(index))));
      }
    } finally {
      pool.shutdown();
    }
    List<String> report = new ArrayList<>();
    for (Future<String> f : cases) {
      try {
        report.add(f.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception x) {
          throw x;
        }
        throw (Error) e.getCause();
      }
    }
    System.out.println("[train kill -9]\n  " + String.join("\n  ", report));
  }

  /**
   * A kill point and what the train manifest must say after it.
   *
   * @param released a repo released before the kill
   * @param releasing the repo the kill stopped part-way, or null
   * @param done a step of {@code releasing} done before the kill
   */
  record Case(Kill kill, String released, String releasing, String done) {}

  String killCase(int i, Case c) throws Exception {
    Kill kill = c.kill();
    String namespace = "kill-" + i;
    TrainWorkspace ws = TrainWorkspace.create(shared.resolve(namespace));
    List<String> child = new ArrayList<>(List.of(args(ws, namespace)));
    child.addAll(List.of("--graph", ws.graphFile().toString()));
    Run run = ChildLockstep.run(ws.dir(), ChildLockstep.MAIN, child, Optional.of(kill), 4);
    String where = "killed " + kill + " (" + run.lastStep() + ")";
    assertTrue(run.killed(), () -> "the train ended before the kill " + kill + ":\n" + run);
    assertEquals(137, run.exit(), run::toString);
    assertNoRemoteTagWithoutItsArtifacts(ws, namespace, where);
    assertTheManifestAndPlanShowWhatIsDone(ws, namespace, c, where);

    TrainWorkspace.CliResult again = ws.cli(args(ws, namespace));
    assertEquals(0, again.code(), () -> "re-run after being " + where + ":\n" + again);
    Outcome resumed = outcome(ws, namespace);
    assertEquals(clean.remoteRefs(), resumed.remoteRefs(), "remote refs, " + where);
    assertEquals(clean.localRefs(), resumed.localRefs(), "local refs, " + where);
    assertEquals(clean.digests(), resumed.digests(), "digests, " + where);
    assertEquals(clean.trainManifest(), resumed.trainManifest(), "train manifest, " + where);
    return String.format(
        "%-60s killed at %5d ms; last line: %s", kill, run.millis(), run.lastStep());
  }

  /** The train manifest, and the dry run reading it, show which repos and steps are done. */
  static void assertTheManifestAndPlanShowWhatIsDone(
      TrainWorkspace ws, String namespace, Case c, String where) throws Exception {
    Path file;
    try (var files = Files.list(ws.out())) {
      file = files.filter(f -> f.getFileName().toString().startsWith("train-")).findFirst().get();
    }
    TrainManifest m = TrainManifest.read(file).orElseThrow();
    TrainManifest.Entry released = m.entry(c.released()).orElseThrow();
    assertEquals(TrainManifest.Status.RELEASED, released.status(), where);
    assertEquals(List.of(), released.done(), where);
    // every kill lands before the last repo is released
    assertTrue(m.entry("core").orElseThrow().status() != TrainManifest.Status.RELEASED, where);
    TrainWorkspace.CliResult dry = ws.cli(withDryRun(args(ws, namespace)));
    assertEquals(0, dry.code(), dry::toString);
    assertTrue(
        dry.out()
            .contains(
                "status: released, "
                    + TAGS.get(c.released())
                    + " -> "
                    + released.commit().orElseThrow()
                    + " (the train skips it)"),
        () -> where + "\n" + dry);
    if (c.releasing() != null) {
      TrainManifest.Entry part = m.entry(c.releasing()).orElseThrow();
      assertEquals(TrainManifest.Status.RELEASING, part.status(), where);
      assertTrue(
          part.done().stream().anyMatch(d -> d.startsWith(c.done())),
          () -> where + ": " + part.done());
      int at = dry.out().indexOf(": " + c.releasing() + " " + part.version() + " ");
      String section = dry.out().substring(at);
      assertTrue(section.contains("status: stopped part-way ("), () -> where + "\n" + dry);
      assertTrue(section.contains("\n  done: " + c.done()), () -> where + "\n" + dry);
    }
  }

  static String[] withDryRun(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--dry-run");
    return all.toArray(String[]::new);
  }

  /**
   * A repo's release tag on its remote means every artifact of the clean run's release of that repo
   * is in the registry, with the clean run's digest.
   */
  static void assertNoRemoteTagWithoutItsArtifacts(
      TrainWorkspace ws, String namespace, String where) throws Exception {
    RegistryClient client = RegistryClient.forHost(registry.host(), true, Optional.empty());
    Path cleanOut = shared.resolve("clean").resolve("out");
    for (String repo : TrainWorkspace.REPOS) {
      String tag = TAGS.get(repo);
      if (!ws.remoteRefs(repo).containsKey("refs/tags/" + tag)) {
        continue;
      }
      Path manifest = cleanOut.resolve("release-" + repo + "-" + tag.substring(1) + ".json");
      for (JsonNode a : JSON.readTree(manifest.toFile()).path("artifacts")) {
        String ref = a.path("reference").asText();
        String path = ref.substring(ref.indexOf('/') + 1, ref.lastIndexOf(':'));
        String repository = namespace + path.substring(path.indexOf('/'));
        String version = ref.substring(ref.lastIndexOf(':') + 1);
        String want =
            a.path("kind").asText().equals("chart")
                ? a.path("manifestDigest").asText()
                : a.path("digest").asText();
        assertEquals(
            Optional.of(want),
            client.manifestDigest(repository, version),
            repo
                + " is tagged "
                + tag
                + " on its remote but "
                + repository
                + ":"
                + version
                + " is not in the registry as in a clean run; "
                + where);
      }
    }
  }
}
