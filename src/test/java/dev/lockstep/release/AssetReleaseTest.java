package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.Planner;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kind: asset}: the prepare command builds the file in the release checkout; the release
 * copies it to the output folder, lists it in SHA256SUMS and records its sha256 in the manifest.
 */
class AssetReleaseTest {
  @TempDir Path tmp;

  @Test
  void anAssetIsBuiltPublishedAndChecksummed() throws Exception {
    try (GitFixture app = GitFixture.init(tmp.resolve("app"))) {
      app.write(
              "build.sh",
              "mkdir -p dist\nprintf 'app %s at %s\\n' \"$LOCKSTEP_VERSION\" \"$LOCKSTEP_TAG\""
                  + " > dist/app.bin\n")
          .write(".gitignore", "dist/\n")
          .commit("app");
      Files.writeString(
          tmp.resolve("graph.yaml"),
          "lockstep: 1\n"
              + "repos:\n  app: { path: app }\n"
              + "artifacts:\n"
              + "  app-bin:\n    kind: asset\n    repo: app\n"
              + "    prepare: [ sh, build.sh ]\n    path: dist/app.bin\n");
      ReleaseGraph graph = GraphLoader.load(tmp.resolve("graph.yaml"));
      Plan plan = Planner.plan(graph, Survey.of(graph), ArtifactId.of("app"), Version.of("1.2.0"));
      List<Action.BuildAsset> builds = plan.actions(Action.BuildAsset.class);
      assertEquals(1, builds.size());
      assertEquals("app.bin", builds.get(0).fileName());

      Path out = tmp.resolve("out");
      ReleaseResult result =
          new Releaser()
              .run(
                  plan,
                  graph,
                  ReleaseOptions.embedded(out, tmp.resolve("cache")),
                  ReleaseListener.NONE);

      Path published = out.resolve("app.bin");
      assertEquals("app 1.2.0 at v1.2.0\n", Files.readString(published));
      String hex = AssetReleases.sha256(published);
      assertEquals(
          hex + "  app.bin\n",
          Files.readString(out.resolve("SHA256SUMS"), StandardCharsets.UTF_8),
          "sha256sum -c reads it");
      JsonNode manifest = new ObjectMapper().readTree(result.manifestFile().toFile());
      JsonNode asset = manifest.get("artifacts").get(0);
      assertEquals("app-bin", asset.get("id").asText());
      assertEquals("asset", asset.get("kind").asText());
      assertEquals("sha256:" + hex, asset.get("digest").asText());
      assertTrue(app.isClean(), "the work tree is untouched: the asset was built in a checkout");
    }
  }

  @Test
  void anAssetNeedsARepoAndARelativePath() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.lockstep.model.BadInputException.class,
            () ->
                GraphLoader.parse(
                    tmp.resolve("g.yaml"),
                    "lockstep: 1\nartifacts:\n  a: { kind: asset, path: /etc/passwd }\n"));
    assertTrue(e.getMessage().contains("an asset needs repo:"), e.getMessage());
    assertTrue(e.getMessage().contains("is not a file inside the repo"), e.getMessage());
  }
}
