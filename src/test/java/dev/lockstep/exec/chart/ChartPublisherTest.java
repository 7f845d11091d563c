package dev.lockstep.exec.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.HelmCharts;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.oci.TagContents;
import dev.lockstep.testing.LocalRegistry;
import dev.lockstep.testing.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPublisherTest {

  /** The creation time a release gives its charts: the release commit's. */
  static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");

  @TempDir static Path shared;
  static LocalRegistry registry;
  static LocalRegistry authRegistry;

  @TempDir Path tmp;

  @BeforeAll
  static void startRegistries() throws Exception {
    registry = LocalRegistry.start(shared);
    authRegistry = LocalRegistry.startWithAuth(shared, "carol", "pa55");
  }

  @AfterAll
  static void stopRegistries() {
    if (registry != null) {
      registry.close();
    }
    if (authRegistry != null) {
      authRegistry.close();
    }
  }

  private String charts(LocalRegistry r) {
    return "oci://" + r.host() + "/charts";
  }

  private PackagedChart chart(String name, String dir) throws Exception {
    return ChartPackager.packageChart(
        ChartFixtures.create(tmp.resolve(dir), name), tmp.resolve(dir + "-out"));
  }

  @Test
  void pushesThenRecognisesTheSameContentWithoutPushingAgain() throws Exception {
    PackagedChart chart = chart("web", "a");
    long start = System.nanoTime();
    PushResult first =
        ChartPublisher.push(chart.tgz(), charts(registry), true, Optional.empty(), CREATED);
    long pushMillis = (System.nanoTime() - start) / 1_000_000;

    assertFalse(first.alreadyPresent());
    assertEquals(registry.host() + "/charts/web:0.1.0", first.reference());
    assertEquals(chart.contentDigest(), first.contentDigest());
    assertEquals(List.of("0.1.0"), Skopeo.listTags(registry.host() + "/charts/web"));
    JsonNode manifest = Skopeo.rawManifest(registry.host() + "/charts/web:0.1.0");
    assertEquals(
        HelmCharts.CONTENT_MEDIA_TYPE, manifest.path("layers").path(0).path("mediaType").asText());
    assertEquals(chart.contentDigest(), manifest.path("layers").path(0).path("digest").asText());
    assertEquals(first.digest(), Skopeo.manifestDigest(registry.host() + "/charts/web:0.1.0"));

    // A fresh packaging of the same chart: identical bytes, so the registry already has it. The
    // manifest carries org.opencontainers.image.created, and this second push is given another
    // time, so a re-push would show.
    assertTrue(
        manifest.path("annotations").has("org.opencontainers.image.created"), manifest.toString());
    PackagedChart again = chart("web", "b");
    start = System.nanoTime();
    PushResult second =
        ChartPublisher.push(
            again.tgz(), charts(registry), true, Optional.empty(), CREATED.plusSeconds(60));
    long checkMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("chart push: %d ms; already-present check: %d ms%n", pushMillis, checkMillis);

    assertTrue(second.alreadyPresent());
    assertEquals(
        first.digest(), second.digest(), "manifest untouched: Helm would have written a new one");
    assertEquals(first.contentDigest(), second.contentDigest());
    assertEquals(1, registry.manifestRevisions("charts/web"), "one manifest ever stored");
  }

  @Test
  void changedContentUnderTheSameVersionIsAConflict() throws Exception {
    Path src = ChartFixtures.create(tmp.resolve("src"), "api");
    PackagedChart original = ChartPackager.packageChart(src, tmp.resolve("out1"));
    PushResult pushed =
        ChartPublisher.push(original.tgz(), charts(registry), true, Optional.empty(), CREATED);

    ChartFixtures.replace(src.resolve("values.yaml"), "replicaCount: 1", "replicaCount: 3");
    PackagedChart changed = ChartPackager.packageChart(src, tmp.resolve("out2"));
    ChartConflictException e =
        assertThrows(
            ChartConflictException.class,
            () ->
                ChartPublisher.push(
                    changed.tgz(), charts(registry), true, Optional.empty(), CREATED));
    assertEquals(
        "chart api:0.1.0 already exists at "
            + charts(registry)
            + " with different content; versions are immutable, release a new version",
        e.getMessage());

    RegistryClient client = RegistryClient.forHost(registry.host(), true, Optional.empty());
    assertEquals(Optional.of(pushed.digest()), client.manifestDigest("charts/api", "0.1.0"));
    assertEquals(1, registry.manifestRevisions("charts/api"));
    assertEquals(
        Optional.of(original.contentDigest()),
        TagContents.contentDigestOf(client.manifest("charts/api", "0.1.0")));
  }

  @Test
  void aNewVersionIsPushedBesideTheOldOne() throws Exception {
    Path src = ChartFixtures.create(tmp.resolve("src"), "worker");
    ChartPublisher.push(
        ChartPackager.packageChart(src, tmp.resolve("out1")).tgz(),
        charts(registry),
        true,
        Optional.empty(),
        CREATED);
    ChartFixtures.replace(src.resolve("Chart.yaml"), "version: 0.1.0", "version: 0.2.0+build.7");
    PushResult second =
        ChartPublisher.push(
            ChartPackager.packageChart(src, tmp.resolve("out2")).tgz(),
            charts(registry),
            true,
            Optional.empty(),
            CREATED);
    assertFalse(second.alreadyPresent());
    assertEquals(registry.host() + "/charts/worker:0.2.0_build.7", second.reference());
    assertEquals(
        List.of("0.1.0", "0.2.0_build.7"),
        Skopeo.listTags(registry.host() + "/charts/worker").stream().sorted().toList());
  }

  @Test
  void pushesToAnAuthenticatedRegistryAndRejectsWrongCredentials() throws Exception {
    PackagedChart chart = chart("secure", "a");
    Optional<Credentials> right = Optional.of(new Credentials("carol", "pa55"));
    PushResult pushed =
        ChartPublisher.push(chart.tgz(), charts(authRegistry), true, right, CREATED);
    assertFalse(pushed.alreadyPresent());
    assertEquals(
        pushed.digest(),
        Skopeo.manifestDigest(authRegistry.host() + "/charts/secure:0.1.0", "carol", "pa55"));
    assertTrue(
        ChartPublisher.push(chart.tgz(), charts(authRegistry), true, right, CREATED)
            .alreadyPresent());

    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                ChartPublisher.push(
                    chart.tgz(),
                    charts(authRegistry),
                    true,
                    Optional.of(new Credentials("carol", "nope")),
                    CREATED));
    assertEquals(
        "authentication failed for "
            + authRegistry.host()
            + ": check LOCKSTEP_REGISTRY_USERNAME/PASSWORD or docker login",
        e.getMessage());

    Path helmRegistryConfig = Path.of(System.getenv("HELM_CONFIG_HOME"), "registry", "config.json");
    if (Files.exists(helmRegistryConfig)) {
      assertFalse(
          Files.readString(helmRegistryConfig).contains(authRegistry.host()),
          "login removed again");
    }
  }

  @Test
  void unreachableRegistryIsNamed() throws Exception {
    PackagedChart chart = chart("lonely", "a");
    String host;
    try (LocalRegistry gone = LocalRegistry.start(tmp)) {
      host = gone.host();
    }
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                ChartPublisher.push(
                    chart.tgz(), "oci://" + host + "/charts", true, Optional.empty(), CREATED));
    assertEquals("registry " + host + " is not reachable", e.getMessage());
  }

  @Test
  void pushedChartIsUsableByHelm() throws Exception {
    PackagedChart chart = chart("usable", "a");
    ChartPublisher.push(chart.tgz(), charts(registry), true, Optional.empty(), CREATED);
    String shown =
        Helm.show("oci://" + registry.host() + "/charts/usable")
            .chart()
            .withVersion("0.1.0")
            .plainHttp()
            .call();
    assertTrue(shown.contains("name: usable"), shown);
  }

  @Test
  void rejectsNonOciRepositories() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ChartPublisher.push(
                tmp.resolve("x.tgz"),
                "https://example.com/charts",
                true,
                Optional.empty(),
                CREATED));
  }
}
