package dev.lockstep.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a registry holds at a tag: an image's manifest digest and labels, a chart's content layer
 * and {@code Chart.yaml}. Only reads. The one answer for a multi-platform index: the digest is the
 * index's own; the labels are those of its {@code linux/amd64} image, else of its first.
 */
public final class TagContents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A Chart.yaml larger than this is not a Chart.yaml. */
  private static final int MAX_CHART_YAML = 1 << 20;

  private TagContents() {}

  /**
   * An image: the digest of what the tag points at (manifest or index), and its config's labels.
   */
  public record Image(String digest, Map<String, String> labels) {}

  /**
   * A chart as Helm pushes it: the manifest digest and the digest of its chart content layer (empty
   * when something other than a chart is at the tag).
   */
  public record ChartManifest(String digest, Optional<String> contentDigest) {}

  /** The top-level {@code Chart.yaml} of a pushed chart. */
  public record Chart(String digest, String name, String version, Optional<String> appVersion) {}

  /** The image at {@code repository:tag}, or empty when there is no such tag. */
  public static Optional<Image> image(RegistryClient c, String repository, String tag)
      throws IOException, InterruptedException {
    Optional<String> digest = c.manifestDigest(repository, tag);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    JsonNode manifest = JSON.readTree(c.manifest(repository, digest.get()));
    if (manifest.has("manifests")) {
      JsonNode chosen = null;
      for (JsonNode m : manifest.path("manifests")) {
        JsonNode p = m.path("platform");
        boolean amd64 =
            p.path("os").asText().equals("linux")
                && p.path("architecture").asText().equals("amd64");
        if (chosen == null || amd64 && !isLinuxAmd64(chosen)) {
          chosen = m;
        }
      }
      if (chosen == null) {
        throw new IOException("the image index at " + tag + " lists no manifest");
      }
      manifest = JSON.readTree(c.manifest(repository, chosen.path("digest").asText()));
    }
    String config = manifest.path("config").path("digest").asText("");
    if (config.isEmpty()) {
      throw new IOException("the manifest at " + tag + " names no config");
    }
    JsonNode labels = JSON.readTree(c.blob(repository, config)).path("config").path("Labels");
    Map<String, String> out = new LinkedHashMap<>();
    labels.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return Optional.of(new Image(digest.get(), out));
  }

  private static boolean isLinuxAmd64(JsonNode m) {
    JsonNode p = m.path("platform");
    return p.path("os").asText().equals("linux") && p.path("architecture").asText().equals("amd64");
  }

  /** The chart manifest at {@code repository:tag}, or empty when there is no such tag. */
  public static Optional<ChartManifest> chartManifest(
      RegistryClient c, String repository, String tag) throws IOException, InterruptedException {
    Optional<String> digest = c.manifestDigest(repository, tag);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ChartManifest(digest.get(), contentDigestOf(c.manifest(repository, digest.get()))));
  }

  /** The digest of the chart content layer in a Helm OCI manifest. */
  public static Optional<String> contentDigestOf(byte[] manifest) throws IOException {
    String layer = null;
    for (JsonNode l : JSON.readTree(manifest).path("layers")) {
      if (HelmCharts.CONTENT_MEDIA_TYPE.equals(l.path("mediaType").asText())) {
        layer = l.path("digest").asText();
      }
    }
    return Optional.ofNullable(layer);
  }

  /**
   * The chart at {@code repository:tag}, read from its content layer, or empty when there is no
   * such tag.
   */
  public static Optional<Chart> chart(RegistryClient c, String repository, String tag)
      throws IOException, InterruptedException {
    Optional<ChartManifest> manifest = chartManifest(c, repository, tag);
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    String layer =
        manifest
            .get()
            .contentDigest()
            .orElseThrow(
                () ->
                    new IOException(
                        "the manifest at "
                            + tag
                            + " has no Helm chart content layer; it is not a chart"));
    JsonNode chart = YAML.readTree(chartYaml(c.blob(repository, layer)));
    if (chart == null || !chart.isObject()) {
      throw new IOException("the Chart.yaml in the pushed chart is not a mapping");
    }
    return Optional.of(
        new Chart(
            manifest.get().digest(),
            chart.path("name").asText(""),
            chart.path("version").asText(""),
            chart.hasNonNull("appVersion")
                ? Optional.of(chart.path("appVersion").asText())
                : Optional.empty()));
  }

  /** The bytes of {@code NAME/Chart.yaml} in a chart archive. */
  public static byte[] chartYaml(byte[] tgz) throws IOException {
    try {
      return TarArchive.find(new ByteArrayInputStream(tgz), 2, "Chart.yaml", MAX_CHART_YAML);
    } catch (IOException e) {
      throw new IOException("the pushed chart archive: " + e.getMessage(), e);
    }
  }
}
