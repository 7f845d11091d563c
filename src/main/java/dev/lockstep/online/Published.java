package dev.lockstep.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.exec.registry.RegistryClient;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads what a registry holds for a published image or chart: labels, and a chart's {@code
 * Chart.yaml}.
 */
final class Published {
  static final String CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final int BLOCK = 512;

  /** A Chart.yaml larger than this is not a Chart.yaml. */
  private static final int MAX_CHART_YAML = 1 << 20;

  private Published() {}

  /** An image: its manifest digest and its config's labels. */
  record Image(String digest, Map<String, String> labels) {}

  /** The top-level {@code Chart.yaml} of a pushed chart. */
  record Chart(String digest, String name, String version, Optional<String> appVersion) {}

  /** The image at {@code repository:tag}, or empty when there is no such tag. */
  static Optional<Image> image(RegistryClient c, String repository, String tag)
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
        if (chosen == null
            || (p.path("os").asText().equals("linux")
                && p.path("architecture").asText().equals("amd64"))) {
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

  /**
   * The chart at {@code repository:tag}, read from its content layer, or empty when there is no
   * such tag.
   */
  static Optional<Chart> chart(RegistryClient c, String repository, String tag)
      throws IOException, InterruptedException {
    Optional<String> digest = c.manifestDigest(repository, tag);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    JsonNode manifest = JSON.readTree(c.manifest(repository, digest.get()));
    String layer = null;
    for (JsonNode l : manifest.path("layers")) {
      if (CHART_CONTENT.equals(l.path("mediaType").asText())) {
        layer = l.path("digest").asText();
      }
    }
    if (layer == null) {
      throw new IOException(
          "the manifest at " + tag + " has no Helm chart content layer; it is not a chart");
    }
    JsonNode chart = YAML.readTree(chartYaml(c.blob(repository, layer)));
    if (chart == null || !chart.isObject()) {
      throw new IOException("the Chart.yaml in the pushed chart is not a mapping");
    }
    return Optional.of(
        new Chart(
            digest.get(),
            chart.path("name").asText(""),
            chart.path("version").asText(""),
            chart.hasNonNull("appVersion")
                ? Optional.of(chart.path("appVersion").asText())
                : Optional.empty()));
  }

  /**
   * The bytes of {@code NAME/Chart.yaml} in a chart archive (gzipped tar; ustar, pax and GNU long
   * names).
   */
  static byte[] chartYaml(byte[] tgz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (in.readNBytes(header, 0, BLOCK) == BLOCK && !zero(header)) {
        char type = (char) header[156];
        long size = octal(header, 124, 12);
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        String name = longName != null ? longName : ustarName(header);
        longName = null;
        if (type == 'x' || type == 'L') {
          byte[] data = read(in, size, padded);
          longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
          continue;
        }
        String path = name.replaceFirst("^(\\./)+", "");
        String[] parts = path.split("/");
        if ((type == '0' || type == '\0') && parts.length == 2 && parts[1].equals("Chart.yaml")) {
          if (size > MAX_CHART_YAML) {
            throw new IOException("Chart.yaml in the pushed chart is " + size + " bytes");
          }
          return read(in, size, padded);
        }
        in.skipNBytes(padded);
      }
    }
    throw new IOException("the pushed chart archive has no top-level Chart.yaml");
  }

  private static byte[] read(InputStream in, long size, long padded) throws IOException {
    if (size > MAX_CHART_YAML) {
      in.skipNBytes(padded);
      return new byte[0];
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("the pushed chart archive is truncated");
    }
    in.skipNBytes(padded - size);
    return data;
  }

  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static String ustarName(byte[] h) {
    String name = cString(h, 0, 100);
    String prefix = cString(h, 257, 6).startsWith("ustar") ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static long octal(byte[] h, int offset, int length) throws IOException {
    if ((h[offset] & 0x80) != 0) {
      long v = 0;
      for (int i = offset + 1; i < offset + length; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    String text = cString(h, offset, length).trim();
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new IOException("the pushed chart archive has a malformed tar header", e);
    }
  }

  private static String cString(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean zero(byte[] block) {
    for (byte x : block) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
