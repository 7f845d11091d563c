package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.LocalRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep outdated} against a real registry holding an external image under several tags.
 */
class OutdatedTest {
  private static final List<String> TAGS =
      List.of("0.8.2", "0.9.0", "v0.9.5", "0.10.1", "0.11.0-rc.1", "latest");

  @TempDir static Path shared;

  @TempDir Path tmp;

  private static LocalRegistry registry;

  @BeforeAll
  static void pushTags() throws Exception {
    Path tmp = shared;
    registry = LocalRegistry.start(tmp.resolve("registry"));
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("bin"));
    Files.writeString(src.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
    ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
    for (String tag : TAGS) {
      builder.build(
          new ImageRecipe(
              Optional.empty(),
              List.of(new ImageRecipe.Layer("bin/tool", "/tool")),
              List.of("/tool"),
              Map.of(),
              Map.of(),
              Optional.empty(),
              Optional.empty()),
          src,
          ImageTarget.registry(registry.host() + "/kubestellar/clusteradm:" + tag, true),
          tmp.resolve("jib-cache"),
          dev.lockstep.exec.ProgressListener.NONE);
    }
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private Path graph(String name, String pin) throws Exception {
    Path g = tmp.resolve(name + ".yaml");
    Files.writeString(
        g,
        """
        lockstep: 1
        artifacts:
          clusteradm-image:
            kind: image
            name: %s/kubestellar/clusteradm
            external:
              version: %s
          off-image:
            kind: image
            name: %s/nowhere/off
            enabled: false
            external: { version: 1.0.0 }
        """
            .formatted(registry.host(), pin, registry.host()));
    return g;
  }

  @Test
  void reportsTheNewestStableVersionInNumericOrder() throws Exception {
    Path g = graph("old", "0.8.2");
    ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
    assertEquals(1, run.code(), run::toString);
    String where = registry.host() + "/kubestellar/clusteradm";
    assertEquals(
        List.of(
            "clusteradm-image  0.8.2 -> 0.10.1  (" + where + ")  pinned at " + g + ":7",
            "1 outdated, 0 up to date, 0 failed"),
        run.lines(),
        run::toString);

    ReleasedApp.Run json = ReleasedApp.run("outdated", "--graph", g.toString(), "--format", "json");
    assertEquals(1, json.code(), json::toString);
    JsonNode a = new ObjectMapper().readTree(json.out()).path("artifacts").get(0);
    assertEquals("outdated", a.path("state").asText());
    assertEquals("0.10.1", a.path("newest").asText());
    assertEquals(g + ":7", a.path("pinnedAt").asText());
  }

  @Test
  void preReleasesCountWhenAskedFor() throws Exception {
    Path g = graph("pre", "0.8.2");
    ReleasedApp.Run run =
        ReleasedApp.run("outdated", "--graph", g.toString(), "--include-prereleases");
    assertEquals(1, run.code(), run::toString);
    assertTrue(
        run.lines().get(0).startsWith("clusteradm-image  0.8.2 -> 0.11.0-rc.1  ("), run::toString);
  }

  @Test
  void theNewestPinIsCurrent() throws Exception {
    Path g = graph("current", "0.10.1");
    ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals(
        List.of(
            "clusteradm-image  0.10.1  up to date  ("
                + registry.host()
                + "/kubestellar/clusteradm)",
            "0 outdated, 1 up to date, 0 failed"),
        run.lines(),
        run::toString);
  }

  @Test
  void anEmptyRepositoryIsAnErrorNotCurrent() throws Exception {
    Path g = tmp.resolve("missing.yaml");
    Files.writeString(
        g,
        """
        lockstep: 1
        artifacts:
          gone-image: { kind: image, name: %s/nobody/gone, external: { version: 1.0.0 } }
        """
            .formatted(registry.host()));
    ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
    assertEquals(1, run.code(), run::toString);
    assertTrue(
        run.lines().get(0).startsWith("error: gone-image 1.0.0: no tags in "), run::toString);
  }

  @Test
  void versionsAreParsedInTheArtifactsFormat() {
    VersionFormat plain = VersionFormat.PLAIN;
    assertEquals("1.2.3", Outdated.parse(plain, "v1.2.3").orElseThrow().toString());
    assertTrue(Outdated.parse(plain, "latest").isEmpty());
    assertTrue(Outdated.parse(plain, "1.2").isEmpty());
    assertTrue(Outdated.parse(plain, "abcdef1").isEmpty());
    assertEquals(
        "1.2.3",
        Outdated.parse(VersionFormat.of("release-{version}"), "release-1.2.3")
            .orElseThrow()
            .toString());
  }

  @Test
  void aHelmRepositoryIndexIsRead() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] index =
        """
        apiVersion: v1
        entries:
          postgresql:
            - { name: postgresql, version: 13.10.0 }
            - { name: postgresql, version: 13.9.1 }
            - { name: postgresql, version: 14.0.0-beta.1 }
            - { name: postgresql, version: 13.1.5 }
          other:
            - { name: other, version: 99.0.0 }
        """
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/charts/index.yaml",
        ex -> {
          ex.sendResponseHeaders(200, index.length);
          ex.getResponseBody().write(index);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
      Path g = tmp.resolve("helm.yaml");
      Files.writeString(
          g,
          """
          lockstep: 1
          artifacts:
            postgresql-chart:
              kind: chart
              external: { version: 13.1.5, repository: %s, chart: postgresql }
          """
              .formatted(url));
      ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
      assertEquals(1, run.code(), run::toString);
      assertEquals(
          "postgresql-chart  13.1.5 -> 13.10.0  (chart postgresql in "
              + url
              + ")  pinned at "
              + g
              + ":5",
          run.lines().get(0),
          run::toString);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aStoppedRegistryIsAFailedLookup() throws Exception {
    Path g = graph("stopped", "0.10.1");
    try (LocalRegistry other = LocalRegistry.start(tmp.resolve("other"))) {
      Files.writeString(g, Files.readString(g).replace(registry.host(), other.host()));
      other.stop();
      ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
      assertEquals(1, run.code(), run::toString);
      assertEquals(
          1,
          run.linesWith(
                  "error: clusteradm-image 0.10.1: cannot list the versions in "
                      + other.host()
                      + "/kubestellar/clusteradm")
              .size(),
          run::toString);
      assertTrue(run.linesWith("up to date  (").isEmpty(), run::toString);
      assertTrue(run.out().contains("0 outdated, 0 up to date, 1 failed"), run::toString);
    }
  }

  @Test
  void aRegistryMirrorIsAskedForTheImagesOfItsSource() throws Exception {
    Path g = tmp.resolve("mirror.yaml");
    Files.writeString(
        g,
        """
        lockstep: 1
        mirrors:
          quay.io: oci://%s
        artifacts:
          clusteradm-image:
            kind: image
            name: quay.io/kubestellar/clusteradm
            external: { version: 0.9.0 }
        """
            .formatted(registry.host()));
    ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
    assertEquals(1, run.code(), run::toString);
    assertEquals(
        "clusteradm-image  0.9.0 -> 0.10.1  ("
            + registry.host()
            + "/kubestellar/clusteradm)  pinned at "
            + g
            + ":8",
        run.lines().get(0),
        run::toString);
  }
}
