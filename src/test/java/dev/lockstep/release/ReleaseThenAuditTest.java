package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Main;
import dev.lockstep.oci.HelmChartManifest;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.testing.LocalRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop through the CLI: release to a real registry, then audit what landed. */
class ReleaseThenAuditTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run lockstep(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void releasedVersionPassesItsAudit_andAnUnreleasedOneFails() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      String graph = ws.dir().resolve("graph.yaml").toString();
      Run release =
          lockstep(
              "release",
              "--graph",
              graph,
              "app",
              "1.1.0",
              "--registry",
              registry.host(),
              "--output",
              ws.out().toString(),
              "--cache",
              ws.dir().resolve("cache").toString(),
              "--quiet");
      assertEquals(0, release.code(), release::toString);
      assertTrue(release.out().contains("tag v1.1.0"), release::toString);

      Run audit =
          lockstep("audit", "--graph", graph, "app", "1.1.0", "--registry", registry.host());
      assertEquals(0, audit.code(), audit::toString);
      assertTrue(audit.out().contains("ok"), audit::toString);

      Run missing =
          lockstep("audit", "--graph", graph, "app", "1.2.0", "--registry", registry.host());
      assertEquals(1, missing.code(), missing::toString);
    }
  }

  @Test
  void auditComparesTheChartManifestDigestTheReleaseRecorded() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        ReleaseWorkspace ws = ReleaseWorkspace.create(tmp.resolve("ws"))) {
      String graph = ws.dir().resolve("graph.yaml").toString();
      Run release =
          lockstep(
              "release",
              "--graph",
              graph,
              "app",
              "1.1.0",
              "--registry",
              registry.host(),
              "--output",
              ws.out().toString(),
              "--cache",
              ws.dir().resolve("cache").toString(),
              "--quiet");
      assertEquals(0, release.code(), release::toString);
      Path manifest = ws.out().resolve("release-app-1.1.0.json");
      JsonNode chart = null;
      for (JsonNode a : new ObjectMapper().readTree(manifest.toFile()).path("artifacts")) {
        if (a.path("id").asText().equals("app-chart")) {
          chart = a;
        }
      }
      String recorded = chart.path("manifestDigest").asText();
      String repository = "example/app/app-chart";
      RegistryClient client = RegistryClient.forHost(registry.host(), true, Optional.empty());
      assertEquals(Optional.of(recorded), client.manifestDigest(repository, "1.1.0"));

      // The chart manifest carries the release commit's time as its creation time.
      JsonNode pushed = new ObjectMapper().readTree(client.manifest(repository, "1.1.0"));
      Instant commitTime;
      try (RevWalk walk = new RevWalk(ws.git())) {
        commitTime =
            walk.parseCommit(ws.git().resolve("refs/tags/v1.1.0^{commit}"))
                .getCommitterIdent()
                .getWhenAsInstant();
      }
      assertEquals(
          commitTime.toString(),
          pushed.path("annotations").path(HelmChartManifest.CREATED).asText());

      Run audit =
          lockstep(
              "audit",
              "--graph",
              graph,
              "app",
              "1.1.0",
              "--registry",
              registry.host(),
              "--manifest",
              manifest.toString());
      assertEquals(0, audit.code(), audit::toString);
      assertTrue(audit.out().contains("manifest " + recorded + " as recorded"), audit::toString);

      // The same chart pushed again the way helm push does it (the clock as creation time): the
      // content is the same, the manifest is not the release's.
      String layer = pushed.path("layers").path(0).path("digest").asText();
      byte[] tgz = client.blob(repository, layer);
      HelmChartManifest repushed = HelmChartManifest.of(tgz, commitTime.plusSeconds(3600));
      client.pushBlob(repository, repushed.configDigest(), repushed.config());
      client.putManifest(repository, "1.1.0", HelmChartManifest.MEDIA_TYPE, repushed.manifest());

      Run changed =
          lockstep(
              "audit",
              "--graph",
              graph,
              "app",
              "1.1.0",
              "--registry",
              registry.host(),
              "--manifest",
              manifest.toString());
      assertEquals(1, changed.code(), changed::toString);
      assertTrue(
          changed
              .out()
              .contains(
                  "manifest digest is "
                      + repushed.digest()
                      + ", the release manifest recorded "
                      + recorded),
          changed::toString);

      Run plain =
          lockstep("audit", "--graph", graph, "app", "1.1.0", "--registry", registry.host());
      assertEquals(0, plain.code(), "without --manifest the chart content still checks out");
    }
  }
}
