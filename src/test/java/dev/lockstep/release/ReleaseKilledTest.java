package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.HaltingRelease;
import dev.lockstep.cli.Main;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.testing.ChildLockstep;
import dev.lockstep.testing.ChildLockstep.Kill;
import dev.lockstep.testing.ChildLockstep.Run;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault: lockstep itself is killed ({@code kill -9}) during a release to a real registry and a real
 * bare remote. The CLI runs as a separate JVM, as a user runs it. Whenever it dies: {@code main}
 * and its work tree are byte-identical to before, a tag (on the remote or locally) exists only when
 * everything it names is in the registry, and a re-run exits 0 and converges to what a clean
 * release of an identical workspace gives (same release commit, tag object, refs and digests).
 *
 * <p>Two kinds of kill: a real SIGKILL ({@code Process.destroyForcibly()}) right after a given
 * progress line (so it lands at the same point whatever the machine's speed), and {@code
 * simulatedKill...}: the test build of the command line ({@link HaltingRelease}) ends the JVM with
 * {@code Runtime.halt(137)} (no finally block, no shutdown hook) as the first step of a given kind
 * starts, which hits exact points between the publish stages.
 *
 * <p>The workspace is made once for the class and copied for each case (same commits, its own
 * remote); each case has its own registry and JVM, so cases run side by side.
 */
@Order(1) // among the longest classes: start early
@Execution(ExecutionMode.CONCURRENT) // its cases are independent: own copies, registries, JVMs
class ReleaseKilledTest {
  static final String VERSION = "1.1.0";
  static final String TAG_REF = "refs/tags/v" + VERSION;
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The executor's workspace with a few MB of incompressible layer content, so a release takes
   * seconds.
   */
  static final String GRAPH =
      ReleaseWorkspace.GRAPH.replace(
          "layers: [ { from: out/worker.txt, to: /opt/worker/ } ]",
          "layers: [ { from: out/worker.txt, to: /opt/worker/ }, { from: data, to: /opt/worker/data } ]");

  /** How many kill cases run at once. */
  static final int KILL_THREADS = 2;

  static final int WEB_ASSETS = 4;
  static final int WORKER_PARTS = 3;
  static final int MIB = 1 << 20;

  @TempDir static Path shared;

  /** The heavy workspace, made once; every case releases from a copy of it. */
  static ReleaseWorkspace template;

  /** What a clean, uninterrupted release of the same workspace left (run once for the class). */
  static Outcome clean;

  /** Wall time of the clean release as a separate JVM, for the report. */
  static long cleanMillis;

  @TempDir Path tmp;

  /** Refs, release commit and digests of a finished release; registry-independent. */
  record Outcome(
      Map<String, ObjectId> localRefs,
      Map<String, ObjectId> remoteRefs,
      String commit,
      Map<String, String> imageDigests,
      String chartLayerDigest,
      Map<String, String> manifestDigests) {}

  @BeforeAll
  static void cleanRelease() throws Exception {
    template = buildHeavyWorkspace(shared.resolve("template"));
    try (LocalRegistry registry = LocalRegistry.start(shared.resolve("registry"));
        ReleaseWorkspace ws = heavyWorkspace(shared.resolve("clean"))) {
      Run run = runCli(ws, registry, Optional.empty(), Optional.empty());
      assertEquals(0, run.exit(), run::toString);
      cleanMillis = run.millis();
      clean = outcome(ws, registry);
      System.out.printf(
          "[timing] clean release as a separate JVM (2 images, %d MiB of layers, 1 chart): %d ms%n%s",
          WEB_ASSETS + WORKER_PARTS, cleanMillis, run.stderr());
    }
  }

  @AfterAll
  static void closeTemplate() {
    if (template != null) {
      template.close();
    }
  }

  // ------------------------------------------------------------------ real SIGKILL

  @Test
  void killedWithSigkillAtSeveralMomentsMainStaysUntouchedAndARerunConverges() throws Exception {
    // Right after a progress line: early (preflight done, release objects written, checkout
    // made, chart packaged, prepare run, one image built while the other may still be building),
    // then in the publish phase: in the middle of the image pushes, between images and chart,
    // between the chart and the refs, between the remote push and the local refs, before the
    // manifest, at the after branch.
    List<Kill> kills =
        List.of(
            Kill.afterLine("preflight " + ReleaseWorkspace.REPO.value() + " "),
            Kill.afterLine("commit release-"),
            Kill.afterLine("checkout "),
            Kill.afterLine("package chart"),
            Kill.afterLine("prepare "),
            Kill.afterLine("build image"),
            Kill.afterLine("publish image"),
            Kill.afterLine("publish chart"),
            Kill.afterLine("push refs/"),
            Kill.afterLine("tag v" + VERSION),
            Kill.afterLine("manifest "));
    // The cases are independent (own workspace copy, registry and child JVM) and a kill follows a
    // progress line, not the clock: they run KILL_THREADS at a time.
    ExecutorService pool = Executors.newFixedThreadPool(KILL_THREADS);
    List<Future<KillCase>> cases = new ArrayList<>();
    try {
      for (int i = 0; i < kills.size(); i++) {
        int index = i;
        cases.add(pool.submit(() -> killCase(index, kills.get(index))));
      }
    } finally {
      pool.shutdown();
    }
    int killedMidway = 0;
    List<String> report = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Future<KillCase> f : cases) {
      KillCase c;
      try {
        c = f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception x) {
          throw x;
        }
        throw (Error) e.getCause();
      }
      if (c.killed()) {
        killedMidway++;
      }
      report.add(c.report());
      c.failure().ifPresent(failures::add);
    }
    System.out.println(
        "[kill -9] clean release " + cleanMillis + " ms; kills:\n  " + String.join("\n  ", report));
    assertEquals(
        List.of(),
        failures,
        "kills after which a guarantee did not hold:\n" + String.join("\n", report));
    assertTrue(
        killedMidway >= kills.size() - 2,
        "too few kills hit a running release:\n" + String.join("\n", report));
  }

  /** What one kill case found: whether the kill hit a running release, its report line. */
  record KillCase(boolean killed, String report, Optional<String> failure) {}

  /**
   * One kill: a copy of the workspace and a registry of its own, the release killed after {@code
   * kill}'s line, then the guarantees. A wrong exit code fails at once; a broken guarantee is
   * returned, so that every kill point is checked whatever an earlier one found.
   */
  KillCase killCase(int i, Kill kill) throws Exception {
    long started = System.nanoTime();
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry-" + i));
        ReleaseWorkspace ws = heavyWorkspace(tmp.resolve("ws-" + i))) {
      Snapshot before = Snapshot.of(ws);

      Run run = runCli(ws, registry, Optional.empty(), Optional.of(kill));

      if (run.killed()) {
        assertEquals(137, run.exit(), run::toString);
      } else {
        assertEquals(0, run.exit(), run::toString);
      }
      String line =
          String.format(
              "%-32s %s at %5d ms; last line: %s",
              kill, run.killed() ? "killed" : "finished first", run.millis(), run.lastStep());
      String where = "killed " + kill + " (" + run.lastStep() + ")";
      try {
        before.assertUnchanged(ws, where);
        assertATagMeansEverythingIsPublished(ws, registry, where);
        long rerun = System.nanoTime();
        rerunConverges(ws, registry, where);
        return new KillCase(
            run.killed(),
            line
                + String.format(
                    "; re-run converged in %d ms (case %d ms)",
                    (System.nanoTime() - rerun) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000),
            Optional.empty());
      } catch (AssertionError e) {
        return new KillCase(run.killed(), line + "; FAILED", Optional.of(e.getMessage()));
      }
    }
  }

  // ------------------------------------------------------------------ simulated kill at exact
  // points

  /**
   * {@code PREPARE}, {@code BUILD_IMAGE}: nothing published yet. {@code PUBLISH_IMAGE}: while the
   * first image is pushed. {@code PUBLISH_CHART}: the images are published, the chart is not.
   * {@code PUSH}: images and chart published, no ref anywhere. {@code TAG}: the remote has the tag
   * and branch, the local repo not yet. {@code MANIFEST}: every ref exists, no manifest. {@code
   * AFTER_BRANCH}: all but the after-release branch.
   */
  @ParameterizedTest(name = "simulatedKill at {0}")
  @EnumSource(
      value = ReleaseStep.Kind.class,
      names = {
        "PREPARE",
        "BUILD_IMAGE",
        "PUBLISH_IMAGE",
        "PUBLISH_CHART",
        "PUSH",
        "TAG",
        "MANIFEST",
        "AFTER_BRANCH"
      })
  void simulatedKillAtAStepLeavesMainUntouchedAndARerunConverges(ReleaseStep.Kind kind)
      throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = heavyWorkspace(tmp.resolve("ws"))) {
      Snapshot before = Snapshot.of(ws);
      Map<String, ObjectId> remoteBefore = ws.remoteRefs();
      Map<String, ObjectId> localBefore = ws.localRefs();

      Run run = runCli(ws, registry, Optional.of(kind), Optional.empty());

      assertEquals(137, run.exit(), run::toString);
      assertTrue(run.stderr().contains(": " + HaltingRelease.MARKER), run::toString);
      String where = "halted at " + kind;
      before.assertUnchanged(ws, where);
      assertATagMeansEverythingIsPublished(ws, registry, where);

      // What exists at each point: the publish order of design section 6.
      boolean imagesDone = kind.compareTo(ReleaseStep.Kind.PUBLISH_CHART) >= 0;
      boolean chartDone = kind.compareTo(ReleaseStep.Kind.PUSH) >= 0;
      boolean remoteRefsDone = kind.compareTo(ReleaseStep.Kind.TAG) >= 0;
      boolean localRefsDone = kind.compareTo(ReleaseStep.Kind.MANIFEST) >= 0;
      boolean manifestDone = kind == ReleaseStep.Kind.AFTER_BRANCH;
      RegistryClient client = RegistryClient.forHost(registry.host(), true, Optional.empty());
      if (imagesDone) {
        for (String image : List.of("web", "worker")) {
          assertEquals(
              Optional.of(clean.imageDigests().get(image)),
              client.manifestDigest("example/app/" + image, VERSION),
              image + ", " + where);
        }
      }
      if (kind.compareTo(ReleaseStep.Kind.PUBLISH_IMAGE) < 0) {
        assertEquals(List.of(), client.tags("example/app/web"), where);
        assertEquals(List.of(), client.tags("example/app/worker"), where);
      }
      assertEquals(
          chartDone ? List.of(VERSION) : List.of(), client.tags("example/app/app-chart"), where);
      Map<String, ObjectId> remote = ws.remoteRefs();
      Map<String, ObjectId> local = ws.localRefs();
      if (remoteRefsDone) {
        assertEquals(clean.remoteRefs().get(TAG_REF), remote.get(TAG_REF), where);
        assertEquals(
            clean.remoteRefs().get("refs/heads/release-" + VERSION),
            remote.get("refs/heads/release-" + VERSION));
      } else {
        assertEquals(remoteBefore, remote, "no ref pushed, " + where);
      }
      if (localRefsDone) {
        assertEquals(clean.localRefs().get(TAG_REF), local.get(TAG_REF), where);
      } else {
        assertEquals(localBefore, local, "no local ref, " + where);
      }
      assertFalse(remote.containsKey("refs/heads/lockstep/after-v" + VERSION), where);
      assertFalse(local.containsKey("refs/heads/lockstep/after-v" + VERSION), where);
      assertEquals(manifestDone, Files.exists(manifestFile(ws)), "manifest written, " + where);

      rerunConverges(ws, registry, where);
    }
  }

  /**
   * A kill inside the creation of the local tag: JGit's {@code RefUpdate} first creates {@code
   * refs/tags/v1.1.0.lock} (and writes the new id into it), then renames it to the ref. A SIGKILL
   * between the two leaves the lock file behind; the real-kill test above lands there now and then
   * ({@code kill 0 ms after 'push refs/'}). Here the same state is made exactly: halted as the
   * local refs are about to be created (the remote already has them), plus the lock file JGit
   * leaves. The guarantee is the same as everywhere else: the re-run converges.
   */
  @Test
  void simulatedKillInsideTheLocalTagUpdateLeavesItsLockFileAndARerunConverges() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = heavyWorkspace(tmp.resolve("ws"))) {
      Snapshot before = Snapshot.of(ws);
      Run run = runCli(ws, registry, Optional.of(ReleaseStep.Kind.TAG), Optional.empty());
      assertEquals(137, run.exit(), run::toString);
      ObjectId tagObject = clean.localRefs().get(TAG_REF);
      Path lock = ws.git().getDirectory().toPath().resolve(TAG_REF + ".lock");
      Files.writeString(lock, tagObject.name() + "\n");
      String where = "killed while JGit held " + ws.dir().relativize(lock);

      before.assertUnchanged(ws, where);
      assertATagMeansEverythingIsPublished(ws, registry, where);
      rerunConverges(ws, registry, where);
    }
  }

  // ------------------------------------------------------------------ the guarantees

  /**
   * A tag, on the remote or locally, exists only when every artifact it names is in the registry.
   */
  static void assertATagMeansEverythingIsPublished(
      ReleaseWorkspace ws, LocalRegistry registry, String where) throws Exception {
    boolean remoteTag = ws.remoteRefs().containsKey(TAG_REF);
    boolean localTag = ws.localRefs().containsKey(TAG_REF);
    if (!remoteTag && !localTag) {
      return;
    }
    RegistryClient client = RegistryClient.forHost(registry.host(), true, Optional.empty());
    for (String image : List.of("web", "worker")) {
      assertEquals(
          Optional.of(clean.imageDigests().get(image)),
          client.manifestDigest("example/app/" + image, VERSION),
          "tag v"
              + VERSION
              + " exists (remote "
              + remoteTag
              + ", local "
              + localTag
              + ") but image "
              + image
              + " is not published as in a clean release; "
              + where);
    }
    assertEquals(
        clean.chartLayerDigest(),
        chartLayerDigest(registry),
        "tag v"
            + VERSION
            + " exists but the chart is not published as in a clean release; "
            + where);
  }

  /**
   * Re-run in-process (as a user would run the same command again): exit 0, and the state of a
   * clean run.
   */
  static void rerunConverges(ReleaseWorkspace ws, LocalRegistry registry, String where)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            args(ws, registry).toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertEquals(0, exit, () -> "re-run after being " + where + ":\n" + out + err);
    Outcome resumed = outcome(ws, registry);
    assertEquals(clean.commit(), resumed.commit(), "release commit, " + where);
    assertEquals(
        clean.localRefs(), resumed.localRefs(), "local refs (tag object, branches), " + where);
    assertEquals(clean.remoteRefs(), resumed.remoteRefs(), "remote refs, " + where);
    assertEquals(
        clean.imageDigests(), resumed.imageDigests(), "image digests in the registry, " + where);
    assertEquals(clean.chartLayerDigest(), resumed.chartLayerDigest(), "chart content, " + where);
    assertEquals(clean.manifestDigests(), resumed.manifestDigests(), "manifest digests, " + where);
  }

  static Outcome outcome(ReleaseWorkspace ws, LocalRegistry registry) throws Exception {
    Map<String, String> images = new TreeMap<>();
    for (String image : List.of("web", "worker")) {
      images.put(
          image, Skopeo.manifestDigest(registry.host() + "/example/app/" + image + ":" + VERSION));
    }
    JsonNode manifest = JSON.readTree(Files.readString(manifestFile(ws)));
    Map<String, String> digests = new TreeMap<>();
    manifest
        .path("artifacts")
        .forEach(a -> digests.put(a.path("id").asText(), a.path("digest").asText()));
    return new Outcome(
        ws.localRefs(),
        ws.remoteRefs(),
        ws.commitOf(TAG_REF).orElseThrow().name(),
        images,
        chartLayerDigest(registry),
        digests);
  }

  static String chartLayerDigest(LocalRegistry registry) throws Exception {
    return Skopeo.rawManifest(registry.host() + "/example/app/app-chart:" + VERSION)
        .path("layers")
        .path(0)
        .path("digest")
        .asText();
  }

  static Path manifestFile(ReleaseWorkspace ws) {
    return ws.out().resolve("release-app-" + VERSION + ".json");
  }

  // ------------------------------------------------------------------ main and its work tree

  /** The main branch, HEAD and every file of the work tree (bytes, modes, link targets). */
  record Snapshot(ObjectId main, String head, Map<String, String> files) {
    static Snapshot of(ReleaseWorkspace ws) throws IOException {
      Ref head = ws.git().exactRef(Constants.HEAD);
      assertTrue(ws.repo().isClean());
      return new Snapshot(
          ws.git().resolve("refs/heads/main"), head.getTarget().getName(), hashes(ws.repo().dir()));
    }

    void assertUnchanged(ReleaseWorkspace ws, String where) throws IOException {
      assertEquals(main, ws.git().resolve("refs/heads/main"), "main moved, " + where);
      assertEquals(head, ws.git().exactRef(Constants.HEAD).getTarget().getName(), "HEAD, " + where);
      assertEquals(files, hashes(ws.repo().dir()), "work tree, " + where);
      assertTrue(ws.repo().isClean(), "git status not clean, " + where);
    }

    private static Map<String, String> hashes(Path root) throws IOException {
      Map<String, String> files = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.filter(p -> !root.relativize(p).startsWith(".git")).toList()) {
          String name = root.relativize(p).toString();
          if (Files.isSymbolicLink(p)) {
            files.put(name, "link " + Files.readSymbolicLink(p));
          } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            files.put(name, (Files.isExecutable(p) ? "x " : "- ") + sha256(Files.readAllBytes(p)));
          }
        }
      }
      return files;
    }
  }

  // ------------------------------------------------------------------ fixture and process

  /** A copy of the {@link #template}, for one case. */
  static ReleaseWorkspace heavyWorkspace(Path dir) throws Exception {
    return ReleaseWorkspace.copyOf(template, dir);
  }

  /**
   * {@link ReleaseWorkspace} plus 4 MiB of web assets and 3 MiB of worker data (seeded random
   * bytes: the same commits in every folder), committed on main and pushed to origin.
   */
  static ReleaseWorkspace buildHeavyWorkspace(Path dir) throws Exception {
    assertTrue(
        GRAPH.contains("{ from: data, to: /opt/worker/data }"),
        "the worker layer line moved in ReleaseWorkspace");
    ReleaseWorkspace ws = ReleaseWorkspace.create(dir);
    Files.writeString(dir.resolve("graph.yaml"), GRAPH);
    Random random = new Random(20250106L);
    for (int i = 0; i < WEB_ASSETS; i++) {
      byte[] bytes = new byte[MIB];
      random.nextBytes(bytes);
      ws.repo().writeBytes("web/assets/asset-" + i + ".bin", bytes);
    }
    for (int i = 0; i < WORKER_PARTS; i++) {
      byte[] bytes = new byte[MIB];
      random.nextBytes(bytes);
      ws.repo().writeBytes("data/part-" + i + ".bin", bytes);
    }
    ws.repo().commit("Add web assets and worker data");
    ws.repo()
        .git()
        .push()
        .setRemote("origin")
        .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
        .call();
    return ws;
  }

  static List<String> args(ReleaseWorkspace ws, LocalRegistry registry) {
    return List.of(
        "release",
        "--graph",
        ws.dir().resolve("graph.yaml").toString(),
        ReleaseWorkspace.REPO.value(),
        VERSION,
        "--registry",
        registry.host(),
        "--output",
        ws.out().toString(),
        "--cache",
        ws.dir().resolve("cache").toString());
  }

  /**
   * {@code lockstep release} in its own JVM ({@link ChildLockstep#run}); killed with SIGKILL as
   * {@code kill} says if it is still running then, or, with {@code haltAt}, the test build of the
   * command line ({@link HaltingRelease}) that halts there.
   */
  static Run runCli(
      ReleaseWorkspace ws,
      LocalRegistry registry,
      Optional<ReleaseStep.Kind> haltAt,
      Optional<Kill> kill)
      throws Exception {
    List<String> args = new ArrayList<>();
    haltAt.ifPresent(k -> args.add(k.name()));
    args.addAll(args(ws, registry));
    return ChildLockstep.run(
        ws.dir(),
        haltAt.isPresent() ? HaltingRelease.class.getName() : Main.class.getName(),
        args,
        kill,
        3);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
