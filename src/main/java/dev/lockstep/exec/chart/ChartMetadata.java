package dev.lockstep.exec.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.oci.HelmCharts;
import dev.lockstep.oci.TarArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Name and version from the top-level Chart.yaml inside a packaged chart. */
record ChartMetadata(String name, String version) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The OCI tag Helm pushes this version under: '+' is not allowed in tags, Helm writes '_'. */
  String ociTag() {
    return HelmCharts.tag(version);
  }

  static ChartMetadata of(Path tgz) throws IOException {
    try (InputStream in = Files.newInputStream(tgz)) {
      return of(TarArchive.read(in), tgz.toString());
    }
  }

  static ChartMetadata of(List<TarArchive.Entry> entries, String origin) throws IOException {
    for (TarArchive.Entry entry : entries) {
      String[] parts = entry.path().split("/");
      if (parts.length == 2 && parts[1].equals("Chart.yaml") && !entry.isDirectory()) {
        JsonNode chart = YAML.readTree(new ByteArrayInputStream(entry.content()));
        String name = chart.path("name").asText("");
        String version = chart.path("version").asText("");
        if (name.isEmpty() || version.isEmpty()) {
          throw new IOException("Chart.yaml in " + origin + " lacks name or version");
        }
        return new ChartMetadata(name, version);
      }
    }
    throw new IOException("no top-level Chart.yaml in " + origin);
  }
}
