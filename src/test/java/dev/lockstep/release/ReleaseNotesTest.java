package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lockstep notes: commits since the previous release, grouped; artifacts from the manifest. */
class ReleaseNotesTest {
  @TempDir Path tmp;

  @Test
  void commitsSinceThePreviousReleaseGroupedAndTheManifestsArtifacts() throws Exception {
    try (GitFixture app = GitFixture.init(tmp.resolve("app"))) {
      app.write("a", "1").commit("feat: before the last release").tag("v1.0.0", "1.0.0");
      app.write("a", "2").commit("feat(cli): a notes command");
      app.write("a", "3").commit("fix: quote the tag");
      app.write("a", "4").commit("Tidy the README");
      app.write("a", "5").commit("refactor!: drop the old flag");
      Files.writeString(tmp.resolve("g.yaml"), "lockstep: 1\nrepos:\n  app: { path: app }\n");
      Repo repo = GraphLoader.load(tmp.resolve("g.yaml")).repo(ArtifactId.of("app")).orElseThrow();
      Path manifest = tmp.resolve("release-app-1.1.0.json");
      Files.writeString(
          manifest,
          "{\"repo\":\"app\",\"version\":\"1.1.0\",\"tag\":\"v1.1.0\",\"commit\":\"abc\","
              + "\"artifacts\":[{\"id\":\"app-jar\",\"kind\":\"asset\",\"reference\":\"app.jar\","
              + "\"digest\":\"sha256:00ff\"}],"
              + "\"references\":[{\"from\":\"readme\",\"to\":\"app\",\"file\":\"README.md\","
              + "\"line\":3,\"value\":\"v1.1.0\"}]}");

      String notes = ReleaseNotes.write(repo, Version.of("1.1.0"), Optional.of(manifest));

      assertTrue(notes.startsWith("# app 1.1.0\n"), notes);
      assertTrue(notes.contains("Changes since v1.0.0, up to HEAD"), notes);
      assertTrue(notes.contains("## Features\n\n- a notes command ("), notes);
      assertTrue(notes.contains("## Fixes\n\n- quote the tag ("), notes);
      assertTrue(notes.contains("## Breaking changes\n\n- drop the old flag ("), notes);
      assertTrue(notes.contains("## Changes\n\n- Tidy the README ("), notes);
      assertFalse(notes.contains("before the last release"), notes);
      assertTrue(notes.contains("| app-jar | asset | 1.1.0 | `app.jar` | `sha256:00ff` |"), notes);
      assertTrue(notes.contains("| `README.md:3` | readme | app | `v1.1.0` |"), notes);
    }
  }
}
