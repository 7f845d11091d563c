package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The undeclared scan knows an image under every spelling docker accepts: {@code bitnami/kubectl}
 * is {@code docker.io/bitnami/kubectl}, {@code nginx} is {@code docker.io/library/nginx}.
 */
class ImageSpellingsScanTest {
  @TempDir Path tmp;

  private Path workspace() throws Exception {
    GitFixture.init(tmp.resolve("platform"))
        .write(
            "deploy/jobs.yaml",
            """
            jobs:
              - image: bitnami/kubectl:latest
              - image: registry-1.docker.io/bitnami/kubectl:1.30.14
              - image: nginx:1.25.3
              - image: docker.io/nginx:1.25.3
              - image: index.docker.io/library/nginx:1.25.3
              - image: example.com/bitnami/kubectl:1.0.0
              - image: mynginx:1.0.0
            declared:
              kubectl: docker.io/bitnami/kubectl:1.30.14
            """)
        .commit("platform");
    return Files.writeString(
        tmp.resolve("lockstep.yaml"),
        """
        lockstep: 1
        repos:
          platform: { path: platform }
        artifacts:
          kubectl:
            kind: image
            name: docker.io/bitnami/kubectl
            external: { version: 1.30.14 }
          nginx:
            kind: image
            name: nginx
            external: { version: 1.25.3 }
          jobs:
            kind: file
            repo: platform
            uses:
              - to: kubectl
                format: "docker.io/bitnami/kubectl:{version}"
                at: [ { file: deploy/jobs.yaml, yaml: .declared.kubectl } ]
        """);
  }

  @Test
  void everySpellingOfAKnownImageIsFoundAndOnlyThose() throws Exception {
    List<String> found =
        Verifier.verify(GraphLoader.load(workspace())).findings().stream()
            .filter(f -> f.rule().code().equals("undeclared.image"))
            .map(f -> f.primary().line() + " " + f.message().replaceAll("^.*' names ", ""))
            .toList();
    assertEquals(
        List.of(
            "2 image kubectl at latest, but no reference declares this place",
            "3 image kubectl at 1.30.14, but no reference declares this place",
            "4 image nginx at 1.25.3, but no reference declares this place",
            "5 image nginx at 1.25.3, but no reference declares this place",
            "6 image nginx at 1.25.3, but no reference declares this place"),
        found);
  }
}
