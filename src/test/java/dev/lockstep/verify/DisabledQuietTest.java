package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.survey.Finding;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Konductor-style platform whose disabled modules still declare their places: those places are
 * not undeclared, while the same image written where nothing declares it still is.
 */
class DisabledQuietTest {
  @TempDir Path tmp;

  private Path platform(boolean planted) throws Exception {
    GitFixture g =
        GitFixture.init(tmp.resolve("platform"))
            .write("modules/cilium/values.yaml", "hubble:\n  image: ghcr.io/example/relay:1.2.0\n")
            .write("modules/core/values.yaml", "name: core\n");
    if (planted) {
      g.write("modules/core/values.yaml", "name: core\nrelay: ghcr.io/example/relay:1.2.0\n");
    }
    g.commit("platform");
    Path graph = tmp.resolve("lockstep.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          platform: { path: platform }
        artifacts:
          relay:
            kind: image
            name: ghcr.io/example/relay
            external: { version: 1.2.0 }
          cilium:
            kind: file
            repo: platform
            enabled: false
            reason: the cilium module is disabled in this platform
            uses:
              - to: relay
                format: "ghcr.io/example/relay:{version}"
                at: [ { file: modules/cilium/values.yaml, yaml: .hubble.image } ]
        """);
    return graph;
  }

  private static List<Finding> undeclared(Path graph) {
    return Verifier.verify(GraphLoader.load(graph)).findings().stream()
        .filter(f -> f.rule().code().startsWith("undeclared"))
        .toList();
  }

  @Test
  void placesOfADisabledArtifactAreNotUndeclared() throws Exception {
    assertEquals(List.of(), undeclared(platform(false)));
  }

  @Test
  void theSameImageWhereNothingDeclaresItIsStillReported() throws Exception {
    List<Finding> found = undeclared(platform(true));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).primary().file().endsWith("modules/core/values.yaml"));
    assertEquals(2, found.get(0).primary().line());
  }
}
