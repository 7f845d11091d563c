package dev.lockstep.exec.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.HelmChartManifest;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import dev.lockstep.testing.TokenServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts pushed by lockstep's own registry client: what {@code helm push} would store, but with the
 * creation time given (the release commit's), so the same chart gives the same manifest digest on
 * every push, to any registry; and Helm still reads it.
 */
class ChartPushReproducibleTest {

  static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");
  static final ObjectMapper JSON = new ObjectMapper();

  /** A Chart.yaml using every field Helm puts in its config blob, and text Go escapes. */
  static final String RICH_METADATA =
      """
      home: https://example.com/a?b=<c>&d
      sources: [https://github.com/x/y, https://z]
      keywords: [a, b]
      maintainers:
      - name: Ann Ä
        email: ann@example.com
        url: https://ann.example
      - name: Bob
      annotations:
        zeta: '1'
        alpha: "two\\tthree"
        org.opencontainers.image.title: other
        org.opencontainers.image.version: 9.9.9
        "\u00e9t\u00e9": "\u2028x"
      kubeVersion: '>=1.20.0-0'
      icon: https://icon
      deprecated: true
      condition: web.enabled
      tags: front
      dependencies:
      - name: dep
        version: 1.0.0
        repository: file://../dep
        condition: dep.enabled
        tags: [t1]
        enabled: true
        alias: dd
        import-values: [a, {parent: c, child: b}, 7, 1.5]
      """;

  @TempDir Path tmp;

  private PackagedChart richChart(String dir) throws Exception {
    Path src = ChartFixtures.create(tmp.resolve(dir), "web");
    Path chartYaml = src.resolve("Chart.yaml");
    String text =
        Files.readString(chartYaml)
            .replace(
                "description: A Helm chart for Kubernetes",
                "description: |\n  A chart \"quoted\"\n  over\tlines \\ and <tags>\n");
    Files.writeString(chartYaml, text + RICH_METADATA);
    Path dep = ChartFixtures.create(tmp.resolve(dir + "-dep"), "dep");
    ChartFixtures.replace(dep.resolve("Chart.yaml"), "version: 0.1.0", "version: 1.0.0");
    ChartPackager.packageChart(dep, src.resolve("charts"));
    return ChartPackager.packageChart(src, tmp.resolve(dir + "-out"));
  }

  @Test
  void configAndManifestAreWhatHelmPushWritesButForTheCreationTime() throws Exception {
    PackagedChart chart = richChart("rich");
    try (LocalRegistry byHelm = LocalRegistry.start(tmp);
        LocalRegistry byUs = LocalRegistry.start(tmp)) {
      Helm.push()
          .withChart(chart.tgz())
          .withRemote(URI.create("oci://" + byHelm.host() + "/charts"))
          .plainHttp()
          .call();
      PushResult ours =
          ChartPublisher.push(
              chart.tgz(), "oci://" + byUs.host() + "/charts", true, Optional.empty(), CREATED);

      byte[] helmManifest = manifest(byHelm, "charts/web", "0.1.0");
      byte[] ourManifest = manifest(byUs, "charts/web", "0.1.0");
      JsonNode helm = JSON.readTree(helmManifest);
      JsonNode us = JSON.readTree(ourManifest);
      assertEquals(
          "2026-03-04T05:06:07Z",
          us.path("annotations").path(HelmChartManifest.CREATED).asText(),
          us.toString());
      assertNotEquals(
          us.path("annotations").path(HelmChartManifest.CREATED),
          helm.path("annotations").path(HelmChartManifest.CREATED),
          "Helm stamps the clock");

      // The config blob, byte for byte.
      String configDigest = helm.path("config").path("digest").asText();
      assertEquals(configDigest, us.path("config").path("digest").asText());
      byte[] helmConfig = client(byHelm).blob("charts/web", configDigest);
      byte[] ourConfig = client(byUs).blob("charts/web", configDigest);
      assertEquals(
          new String(helmConfig, StandardCharsets.UTF_8),
          new String(ourConfig, StandardCharsets.UTF_8));

      // The manifest, byte for byte, once Helm's creation time is replaced with ours.
      String helmCreated = helm.path("annotations").path(HelmChartManifest.CREATED).asText();
      assertEquals(
          new String(helmManifest, StandardCharsets.UTF_8)
              .replace(helmCreated, "2026-03-04T05:06:07Z"),
          new String(ourManifest, StandardCharsets.UTF_8));
      assertEquals(RegistryClient.sha256Digest(ourManifest), ours.digest());

      // What the rich metadata turned into, so the comparison above covers it.
      JsonNode config = JSON.readTree(ourConfig);
      assertEquals(
          "A chart \"quoted\" over lines \\ and <tags> ", config.path("description").asText());
      assertEquals("dd", config.path("dependencies").path(0).path("alias").asText());
      ObjectNode annotations = (ObjectNode) us.path("annotations");
      assertEquals("web", annotations.path(HelmChartManifest.TITLE).asText());
      assertEquals("0.1.0", annotations.path(HelmChartManifest.VERSION).asText());
      assertEquals(
          "Ann \u00c4 (ann@example.com), Bob",
          annotations.path(HelmChartManifest.AUTHORS).asText());
    }
  }

  @Test
  void theSameChartPushedToTwoFreshRegistriesHasOneDigestAndHelmReadsIt() throws Exception {
    // Two packagings of one chart directory: ChartPackager makes them byte-identical.
    Path src = ChartFixtures.create(tmp.resolve("src"), "site");
    PackagedChart first = ChartPackager.packageChart(src, tmp.resolve("out1"));
    PackagedChart second = ChartPackager.packageChart(src, tmp.resolve("out2"));
    try (LocalRegistry one = LocalRegistry.start(tmp);
        LocalRegistry two = LocalRegistry.start(tmp)) {
      PushResult a =
          ChartPublisher.push(
              first.tgz(), "oci://" + one.host() + "/charts", true, Optional.empty(), CREATED);
      PushResult b =
          ChartPublisher.push(
              second.tgz(),
              "oci://" + two.host() + "/team/charts",
              true,
              Optional.empty(),
              CREATED);
      assertFalse(a.alreadyPresent());
      assertFalse(b.alreadyPresent());
      assertEquals(a.digest(), b.digest(), "same chart, same commit time: same manifest digest");
      assertEquals(a.digest(), Skopeo.manifestDigest(one.host() + "/charts/site:0.1.0"));
      assertEquals(b.digest(), Skopeo.manifestDigest(two.host() + "/team/charts/site:0.1.0"));
      assertEquals(
          HelmChartManifest.of(Files.readAllBytes(first.tgz()), CREATED).digest(),
          a.digest(),
          "known before any registry is asked");

      JsonNode raw = Skopeo.rawManifest(two.host() + "/team/charts/site:0.1.0");
      assertEquals(
          "2026-03-04T05:06:07Z",
          raw.path("annotations").path("org.opencontainers.image.created").asText());
      assertEquals(first.contentDigest(), raw.path("layers").path(0).path("digest").asText());

      // Helm clients accept it: show chart and template straight from the registry.
      String shown =
          Helm.show("oci://" + two.host() + "/team/charts/site")
              .chart()
              .withVersion("0.1.0")
              .plainHttp()
              .call();
      assertTrue(shown.contains("name: site"), shown);
      String rendered =
          Helm.template("oci://" + one.host() + "/charts/site")
              .withVersion("0.1.0")
              .withName("r1")
              .plainHttp()
              .call();
      assertTrue(rendered.contains("kind: Deployment"), rendered);
      assertTrue(rendered.contains("name: r1-site"), rendered);
    }
  }

  @Test
  void aPushAfterAnInterruptedOneUploadsNoBlobTwice() throws Exception {
    PackagedChart chart =
        ChartPackager.packageChart(
            ChartFixtures.create(tmp.resolve("src"), "resumed"), tmp.resolve("out"));
    HelmChartManifest oci = HelmChartManifest.of(Files.readAllBytes(chart.tgz()), CREATED);
    try (LocalRegistry registry = LocalRegistry.start(tmp)) {
      // An earlier push that died after its blobs and before the manifest.
      RegistryClient client = client(registry);
      assertEquals(
          oci.content().length,
          client.pushBlob("charts/resumed", oci.contentDigest(), oci.content()));
      assertEquals(0, client.pushBlob("charts/resumed", oci.contentDigest(), oci.content()));
      assertTrue(client.blobExists("charts/resumed", oci.contentDigest()));
      assertFalse(client.blobExists("charts/resumed", oci.configDigest()));

      PushResult resumed =
          ChartPublisher.push(
              chart.tgz(), "oci://" + registry.host() + "/charts", true, Optional.empty(), CREATED);
      assertFalse(resumed.alreadyPresent());
      assertEquals(oci.config().length, resumed.bytesUploaded(), "only the config blob was new");
      assertEquals(oci.digest(), resumed.digest());

      PushResult again =
          ChartPublisher.push(
              chart.tgz(), "oci://" + registry.host() + "/charts", true, Optional.empty(), CREATED);
      assertTrue(again.alreadyPresent());
      assertEquals(0, again.bytesUploaded());
      assertEquals(1, registry.manifestRevisions("charts/resumed"));
    }
  }

  @Test
  void pushesThroughTheBearerTokenFlowWithPushScope() throws Exception {
    PackagedChart chart =
        ChartPackager.packageChart(
            ChartFixtures.create(tmp.resolve("src"), "tokened"), tmp.resolve("out"));
    try (TokenServer tokens = TokenServer.start(tmp, "dave", "t0ken-pass");
        LocalRegistry registry =
            LocalRegistry.startWithTokenAuth(tmp, tokens, "dave", "t0ken-pass")) {
      Optional<Credentials> dave = Optional.of(new Credentials("dave", "t0ken-pass"));
      PushResult pushed =
          ChartPublisher.push(
              chart.tgz(), "oci://" + registry.host() + "/charts", true, dave, CREATED);
      assertFalse(pushed.alreadyPresent());
      assertEquals(Files.size(chart.tgz()) + configSize(chart), pushed.bytesUploaded());
      assertEquals(
          pushed.digest(),
          Skopeo.manifestDigest(registry.host() + "/charts/tokened:0.1.0", "dave", "t0ken-pass"));
    }
  }

  private static long configSize(PackagedChart chart) throws Exception {
    return HelmChartManifest.of(Files.readAllBytes(chart.tgz()), CREATED).config().length;
  }

  private static RegistryClient client(LocalRegistry r) {
    return RegistryClient.forHost(r.host(), true, Optional.empty());
  }

  private static byte[] manifest(LocalRegistry r, String repository, String tag) throws Exception {
    return client(r).manifest(repository, tag);
  }
}
