package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.chart.ChartPackager;
import dev.lockstep.exec.chart.ChartPublisher;
import dev.lockstep.exec.chart.PackagedChart;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.plan.Plan;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases to a real registry (docker-registry on loopback) and a real bare git remote, checked
 * with skopeo.
 */
class RegistryReleaseTest {
  @TempDir Path tmp;

  LocalRegistry registry;
  ReleaseWorkspace ws;

  @BeforeEach
  void start() throws Exception {
    registry = LocalRegistry.start(tmp.resolve("registry"));
    ws = ReleaseWorkspace.create(tmp.resolve("ws"));
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
    if (ws != null) {
      ws.close();
    }
  }

  @Test
  void releasesToTheRegistryWithRevisionLabelsAndPushesTheRefs() throws Exception {
    Plan plan = ws.plan("1.1.0");

    ReleaseResult result =
        new Releaser().run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE);
    System.out.printf(
        "[timing] registry release of 2 images + 1 chart: %d ms, %d bytes uploaded%n",
        result.elapsed().toMillis(), result.bytesUploaded());

    ObjectId tagged = ws.commitOf("refs/tags/v1.1.0").orElseThrow();
    assertEquals(result.commit(), tagged.name());
    for (String image : List.of("web", "worker")) {
      String reference = registry.host() + "/example/app/" + image + ":1.1.0";
      JsonNode labels = Skopeo.inspect(reference).path("Labels");
      assertEquals(
          tagged.name(), labels.path("org.opencontainers.image.revision").asText(), reference);
      assertEquals("1.1.0", labels.path("org.opencontainers.image.version").asText());
      assertEquals(
          result.manifest().artifact(image + "-image").orElseThrow().digest(),
          Skopeo.manifestDigest(reference));
      assertEquals(
          reference, result.manifest().artifact(image + "-image").orElseThrow().reference());
    }
    assertEquals(List.of("1.1.0"), Skopeo.listTags(registry.host() + "/example/app/app-chart"));
    JsonNode chart = Skopeo.rawManifest(registry.host() + "/example/app/app-chart:1.1.0");
    assertEquals(
        result.manifest().artifact("app-chart").orElseThrow().digest(),
        chart.path("layers").path(0).path("digest").asText());
    assertEquals(Optional.empty(), result.manifest().artifact("app-chart").orElseThrow().file());
    assertTrue(result.bytesUploaded() > 0);

    // The remote got the tag, the release branch and the after-release branch; main is untouched
    // there too.
    Map<String, ObjectId> remote = ws.remoteRefs();
    assertTrue(result.pushed());
    assertEquals(ws.git().resolve("refs/tags/v1.1.0"), remote.get("refs/tags/v1.1.0"));
    assertEquals(tagged, remote.get("refs/heads/release-1.1.0"));
    assertEquals(
        ws.git().resolve("refs/heads/lockstep/after-v1.1.0"),
        remote.get("refs/heads/lockstep/after-v1.1.0"));
    assertEquals(ws.git().resolve("refs/heads/main"), remote.get("refs/heads/main"));

    // A re-run pushes nothing: no new manifest revision, no bytes.
    int webRevisions = registry.manifestRevisions("example/app/web");
    int chartRevisions = registry.manifestRevisions("example/app/app-chart");
    RecordingListener again = new RecordingListener();
    ReleaseResult rerun = new Releaser().run(plan, ws.graph(), ws.registry(registry.host()), again);
    assertEquals(0, rerun.bytesUploaded());
    assertEquals(result.manifest(), rerun.manifest());
    assertEquals(webRevisions, registry.manifestRevisions("example/app/web"));
    assertEquals(chartRevisions, registry.manifestRevisions("example/app/app-chart"));
    assertTrue(
        again.events().stream().anyMatch(e -> e.startsWith("skipped push v1.1.0")),
        again.toString());
  }

  @Test
  void imageTagWithOtherContentIsRefusedBeforeAnythingIsPublished() throws Exception {
    Plan plan = ws.plan("1.1.0");
    Path src = Files.createDirectories(tmp.resolve("other-src"));
    Files.writeString(src.resolve("other.txt"), "another image\n");
    String taken = registry.host() + "/example/app/web:1.1.0";
    new ImageBuilder(RegistryCredentials.none())
        .build(
            new ImageRecipe(
                Optional.empty(),
                List.of(new ImageRecipe.Layer("other.txt", "/other.txt")),
                List.of(),
                Map.of(),
                Map.of(),
                Optional.empty(),
                Optional.empty()),
            src,
            ImageTarget.registry(taken, true),
            tmp.resolve("jib"),
            ProgressListener.NONE);
    String takenDigest = Skopeo.manifestDigest(taken);
    Map<String, ObjectId> local = ws.localRefs();
    Map<String, ObjectId> remote = ws.remoteRefs();

    ContentConflictException e =
        assertThrows(
            ContentConflictException.class,
            () ->
                new Releaser()
                    .run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE));

    assertTrue(
        e.getMessage()
            .startsWith(
                "image "
                    + taken
                    + " already exists with other content ("
                    + takenDigest
                    + "; this release builds sha256:"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("image tags are immutable: release another version; nothing was published"));
    assertEquals(takenDigest, Skopeo.manifestDigest(taken));
    assertEquals(List.of(), tags("example/app/worker"));
    assertEquals(List.of(), tags("example/app/app-chart"));
    assertEquals(local, ws.localRefs());
    assertEquals(remote, ws.remoteRefs());
  }

  @Test
  void chartVersionWithOtherContentIsRefusedBeforeAnythingIsPublished() throws Exception {
    Plan plan = ws.plan("1.1.0");
    Path other = Files.createDirectories(tmp.resolve("other-chart"));
    Files.writeString(
        other.resolve("Chart.yaml"),
        ReleaseWorkspace.CHART_YAML
            .replace("0.1.0", "1.1.0")
            .replace("The app, as a chart", "Someone else's chart"));
    PackagedChart packaged = ChartPackager.packageChart(other, tmp.resolve("other-out"));
    ChartPublisher.push(
        packaged.tgz(),
        "oci://" + registry.host() + "/example/app",
        true,
        Optional.empty(),
        Instant.EPOCH);
    Map<String, ObjectId> local = ws.localRefs();
    Map<String, ObjectId> remote = ws.remoteRefs();

    ContentConflictException e =
        assertThrows(
            ContentConflictException.class,
            () ->
                new Releaser()
                    .run(plan, ws.graph(), ws.registry(registry.host()), ReleaseListener.NONE));

    assertEquals(
        "chart "
            + registry.host()
            + "/example/app/app-chart:1.1.0 already exists with other content;"
            + " chart versions are immutable: release another version; nothing was published",
        e.getMessage());
    assertEquals(List.of(), tags("example/app/web"));
    assertEquals(List.of(), tags("example/app/worker"));
    assertEquals(local, ws.localRefs());
    assertEquals(remote, ws.remoteRefs());
  }

  @Test
  void unreachableRegistryIsRefusedBeforeAnythingChanges() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Map<String, ObjectId> local = ws.localRefs();

    RegistryAccessException e =
        assertThrows(
            RegistryAccessException.class,
            () ->
                new Releaser()
                    .run(
                        ws.plan("1.1.0"),
                        ws.graph(),
                        ws.registry("127.0.0.1:" + closedPort),
                        ReleaseListener.NONE));

    assertEquals(
        "registry 127.0.0.1:" + closedPort + " is not reachable; nothing was changed",
        e.getMessage());
    assertTrue(e.isRefusal());
    assertEquals(local, ws.localRefs());
    assertFalse(Files.exists(ws.out()));
  }

  /**
   * Fault: the registry process is killed (SIGKILL) after the images are pushed, when the chart
   * push starts. The release fails in one line, leaves no tag anywhere, and a re-run after the
   * registry is back converges to exactly what a clean run in another folder gives.
   */
  @Test
  void faultRegistryKilledBeforeTheChartPushThenTheRerunConvergesToACleanRun() throws Exception {
    Map<String, ObjectId> local = ws.localRefs();
    Map<String, ObjectId> remote = ws.remoteRefs();
    RecordingListener killer =
        new RecordingListener(
            step -> {
              if (step.kind() == ReleaseStep.Kind.PUBLISH_CHART) {
                registry.kill();
              }
            });

    RegistryAccessException e =
        assertThrows(
            RegistryAccessException.class,
            () ->
                new Releaser()
                    .run(ws.plan("1.1.0"), ws.graph(), ws.registry(registry.host()), killer));

    assertEquals(
        "registry "
            + registry.host()
            + " is not reachable; nothing was tagged; re-run lockstep release"
            + " to resume",
        e.getMessage());
    assertFalse(e.isRefusal());
    assertEquals(local, ws.localRefs(), "no tag or branch locally");
    assertEquals(remote, ws.remoteRefs(), "no tag or branch on the remote");

    registry.restart();
    assertEquals(
        List.of("1.1.0"), tags("example/app/web"), "the images were pushed before the kill");
    RecordingListener resume = new RecordingListener();
    ReleaseResult resumed =
        new Releaser().run(ws.plan("1.1.0"), ws.graph(), ws.registry(registry.host()), resume);
    assertEquals(
        2,
        resume.about(ReleaseStep.Kind.PUBLISH_IMAGE).stream()
            .filter(l -> l.startsWith("skipped"))
            .count(),
        resume.toString());
    assertTrue(
        resume.events().stream().anyMatch(l -> l.startsWith("finished publish chart")),
        resume.toString());

    try (LocalRegistry cleanRegistry = LocalRegistry.start(tmp.resolve("clean-registry"));
        ReleaseWorkspace clean = ReleaseWorkspace.create(tmp.resolve("clean"))) {
      ReleaseResult fresh =
          new Releaser()
              .run(
                  clean.plan("1.1.0"),
                  clean.graph(),
                  clean.registry(cleanRegistry.host()),
                  ReleaseListener.NONE);
      assertEquals(fresh.commit(), resumed.commit());
      assertEquals(
          clean.git().resolve("refs/tags/v1.1.0"),
          ws.git().resolve("refs/tags/v1.1.0"),
          "same tag object");
      assertEquals(
          clean.remoteRefs().get("refs/tags/v1.1.0"), ws.remoteRefs().get("refs/tags/v1.1.0"));
      for (String id : List.of("web-image", "worker-image", "app-chart")) {
        assertEquals(
            fresh.manifest().artifact(id).orElseThrow().digest(),
            resumed.manifest().artifact(id).orElseThrow().digest(),
            id);
      }
      assertEquals(fresh.manifest().references(), resumed.manifest().references());
      assertEquals(
          Skopeo.manifestDigest(cleanRegistry.host() + "/example/app/worker:1.1.0"),
          Skopeo.manifestDigest(registry.host() + "/example/app/worker:1.1.0"));
    }
  }

  private List<String> tags(String repository) throws Exception {
    return RegistryClient.forHost(registry.host(), true, Optional.empty()).tags(repository);
  }
}
