package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.plan.Plan;
import dev.lockstep.testing.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: images and charts into the output folder, refs local, against real git and
 * Helm.
 */
class EmbeddedReleaseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void releasesIntoTheOutputFolderAndARerunSkipsEverything() throws Exception {
    try (ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      ObjectId main = ws.git().resolve("refs/heads/main");
      Map<String, ObjectId> remoteBefore = ws.remoteRefs();
      Plan plan = ws.plan("1.1.0");
      RecordingListener events = new RecordingListener();

      ReleaseResult result = new Releaser().run(plan, ws.graph(), ws.embedded(), events);
      System.out.printf(
          "[timing] embedded release of 2 images + 1 chart: %d ms%n", result.elapsed().toMillis());

      // Refs: tag and branches exist locally, at the release commit; main and its work tree
      // untouched.
      ObjectId commit = ObjectId.fromString(result.commit());
      assertEquals(commit, ws.commitOf("refs/tags/v1.1.0").orElseThrow());
      assertEquals(commit, ws.git().resolve("refs/heads/release-1.1.0"));
      assertEquals(main, ws.git().resolve("refs/heads/main"));
      assertEquals(
          main,
          ws.git().resolve("refs/heads/release-1.1.0~1"),
          "release commit sits on main's head");
      assertTrue(ws.repo().isClean(), "work tree untouched");
      assertEquals(ReleaseWorkspace.README, ws.repo().read("README.md"));
      assertEquals(ReleaseWorkspace.CHART_YAML, ws.repo().read("chart/Chart.yaml"));
      assertEquals(remoteBefore, ws.remoteRefs(), "the embedded default pushes nothing");

      // The release commit stamps chart versions and self-references; the after branch only literal
      // ones.
      assertTrue(
          ws.fileAt("v1.1.0", "chart/Chart.yaml")
              .contains("version: 1.1.0\nappVersion: \"1.1.0\"\n"));
      assertTrue(ws.fileAt("v1.1.0", "chart/values.yaml").contains("tag: \"1.1.0\""));
      assertTrue(ws.fileAt("v1.1.0", "README.md").contains("install app v1.1.0,"));
      assertEquals(main, ws.git().resolve("refs/heads/lockstep/after-v1.1.0~1"));
      assertTrue(ws.fileAt("lockstep/after-v1.1.0", "README.md").contains("install app v1.1.0,"));
      assertEquals(
          ReleaseWorkspace.CHART_YAML,
          ws.fileAt("lockstep/after-v1.1.0", "chart/Chart.yaml"),
          "placeholders stay placeholders on main");

      // Deterministic identity: the configured user, the base commit's time + 1 s.
      var released = ws.git().parseCommit(commit);
      var base = ws.git().parseCommit(main);
      assertEquals("Lockstep Test", released.getCommitterIdent().getName());
      assertEquals(
          base.getCommitterIdent().getWhenAsInstant().plusSeconds(1),
          released.getCommitterIdent().getWhenAsInstant());

      // Outputs: OCI tarballs whose labels name the release commit, and the chart archive.
      Path web = ws.out().resolve("images/web-image-1.1.0.tar");
      Path worker = ws.out().resolve("images/worker-image-1.1.0.tar");
      Path chart = ws.out().resolve("charts/app-chart-1.1.0.tgz");
      assertTrue(
          Files.isRegularFile(web) && Files.isRegularFile(worker) && Files.isRegularFile(chart));
      JsonNode webConfig = Skopeo.archiveConfig(web);
      JsonNode labels = webConfig.path("config").path("Labels");
      assertEquals(result.commit(), labels.path("org.opencontainers.image.revision").asText());
      assertEquals("1.1.0", labels.path("org.opencontainers.image.version").asText());
      assertEquals(ReleaseWorkspace.URL, labels.path("org.opencontainers.image.source").asText());
      assertEquals(
          "worker",
          Skopeo.archiveConfig(worker)
              .path("config")
              .path("Labels")
              .path("org.opencontainers.image.title")
              .asText());
      assertTrue(
          events.events().stream()
              .anyMatch(
                  e -> e.startsWith("output prepare sh -c") && e.endsWith(": prepared worker")),
          events.toString());

      // The manifest on disk is the one returned.
      JsonNode manifest =
          JSON.readTree(Files.readString(ws.out().resolve("release-app-1.1.0.json")));
      assertEquals(result.manifestFile(), ws.out().resolve("release-app-1.1.0.json"));
      assertEquals(JSON.readTree(result.manifest().toJson()), manifest);
      assertEquals("app", manifest.path("repo").asText());
      assertEquals("1.1.0", manifest.path("version").asText());
      assertEquals("v1.1.0", manifest.path("tag").asText());
      assertEquals(result.commit(), manifest.path("commit").asText());
      assertEquals(
          List.of("web-image", "worker-image", "app-chart"),
          manifest.path("artifacts").findValuesAsText("id"));
      JsonNode webEntry = manifest.path("artifacts").path(0);
      assertEquals("image", webEntry.path("kind").asText());
      assertEquals("ghcr.io/example/app/web:1.1.0", webEntry.path("reference").asText());
      assertEquals(
          Skopeo.inspectArchive(web).path("Digest").asText(), webEntry.path("digest").asText());
      assertEquals("images/web-image-1.1.0.tar", webEntry.path("file").asText());
      JsonNode chartEntry = manifest.path("artifacts").path(2);
      assertEquals("ghcr.io/example/app/app-chart:1.1.0", chartEntry.path("reference").asText());
      assertEquals("charts/app-chart-1.1.0.tgz", chartEntry.path("file").asText());
      assertTrue(chartEntry.path("digest").asText().startsWith("sha256:"));
      assertTrue(
          manifest
              .path("references")
              .toString()
              .contains(
                  "{\"from\":\"app-chart\",\"to\":\"web-image\",\"file\":\"chart/values.yaml\",\"line\":4,\"value\":\"1.1.0\"}"),
          manifest.path("references").toString());
      assertTrue(
          manifest
              .path("references")
              .toString()
              .contains(
                  "{\"from\":\"readme\",\"to\":\"app\",\"file\":\"README.md\",\"line\":3,\"value\":\"v1.1.0\"}"));

      // Re-run the same plan: everything is there with identical content, so nothing is done.
      byte[] manifestBytes = Files.readAllBytes(result.manifestFile());
      long webModified = Files.getLastModifiedTime(web).toMillis();
      RecordingListener again = new RecordingListener();
      ReleaseResult rerun = new Releaser().run(plan, ws.graph(), ws.embedded(), again);
      System.out.printf(
          "[timing] embedded re-run (all skipped): %d ms%n", rerun.elapsed().toMillis());
      assertEquals(result.commit(), rerun.commit());
      assertEquals(result.manifest(), rerun.manifest());
      assertEquals(
          List.of(),
          again.about(ReleaseStep.Kind.PUBLISH_IMAGE).stream()
              .filter(e -> e.startsWith("finished"))
              .toList(),
          again.toString());
      assertEquals(
          2,
          again.about(ReleaseStep.Kind.PUBLISH_IMAGE).stream()
              .filter(e -> e.startsWith("skipped"))
              .count());
      assertEquals(
          1,
          again.about(ReleaseStep.Kind.PUBLISH_CHART).stream()
              .filter(e -> e.startsWith("skipped"))
              .count());
      assertTrue(
          again.events().stream().anyMatch(e -> e.startsWith("skipped tag v1.1.0")),
          again.toString());
      assertTrue(
          again.events().stream().anyMatch(e -> e.startsWith("skipped after branch")),
          again.toString());
      assertEquals(webModified, Files.getLastModifiedTime(web).toMillis(), "tarball not rewritten");
      assertTrue(java.util.Arrays.equals(manifestBytes, Files.readAllBytes(result.manifestFile())));
      assertEquals(commit, ws.commitOf("refs/tags/v1.1.0").orElseThrow());
      assertFalse(Files.exists(tmp.resolve("ws/cache/work/app-1.1.0")), "scratch space removed");
    }
  }
}
