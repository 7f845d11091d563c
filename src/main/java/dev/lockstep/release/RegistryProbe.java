package dev.lockstep.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.exec.registry.RegistryClient;
import dev.lockstep.exec.registry.RegistryCredentials;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what registries already hold, before anything is pushed: an image tag's manifest digest, a
 * chart version's content digest, an image's revision label. Only reads; one client per host.
 */
final class RegistryProbe {
  static final String CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  static final String REVISION_LABEL = "org.opencontainers.image.revision";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Targets targets;
  private final RegistryCredentials credentials;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  RegistryProbe(Targets targets, RegistryCredentials credentials) {
    this.targets = targets;
    this.credentials = credentials;
  }

  /** The manifest digest at the image's tag, or empty when the tag does not exist. */
  Optional<String> imageDigest(ImageRef image) throws IOException, InterruptedException {
    return client(image.host()).manifestDigest(image.repository(), image.tag());
  }

  /** The image's revision label; empty when it has none or is a multi-platform index. */
  Optional<String> revisionLabel(ImageRef image) throws IOException, InterruptedException {
    RegistryClient client = client(image.host());
    JsonNode manifest = JSON.readTree(client.manifest(image.repository(), image.tag()));
    String config = manifest.path("config").path("digest").asText("");
    if (config.isEmpty()) {
      return Optional.empty();
    }
    JsonNode labels =
        JSON.readTree(client.blob(image.repository(), config)).path("config").path("Labels");
    return Optional.ofNullable(labels.get(REVISION_LABEL)).map(JsonNode::asText);
  }

  /**
   * The digest of the chart archive stored at {@code oci://host/path/name:version}, or empty when
   * that version does not exist. Helm writes '+' of a version as '_' in the tag.
   */
  Optional<String> chartContentDigest(String ociRepository, String name, String version)
      throws IOException, InterruptedException {
    URI uri = URI.create(ociRepository);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
    String repository = path.isEmpty() ? name : path + "/" + name;
    String tag = version.replace('+', '_');
    RegistryClient client = client(uri.getRawAuthority());
    if (!client.tags(repository).contains(tag)) {
      return Optional.empty();
    }
    for (JsonNode layer : JSON.readTree(client.manifest(repository, tag)).path("layers")) {
      if (CHART_CONTENT.equals(layer.path("mediaType").asText())) {
        return Optional.of(layer.path("digest").asText());
      }
    }
    return Optional.of("(no chart content layer)"); // something else lives at that tag: never equal
  }

  private RegistryClient client(String host) {
    return clients.computeIfAbsent(
        host, h -> RegistryClient.forHost(h, targets.plainHttp(h), credentials.find(h)));
  }
}
