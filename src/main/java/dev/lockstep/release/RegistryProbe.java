package dev.lockstep.release;

import dev.lockstep.oci.HelmCharts;
import dev.lockstep.oci.ImageLabels;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.oci.TagContents;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what registries already hold, before anything is pushed: an image tag's manifest digest, a
 * chart version's content digest, an image's revision label. Only reads; one client per host.
 */
final class RegistryProbe {
  private final Targets targets;
  private final RegistryCredentials credentials;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  RegistryProbe(Targets targets, RegistryCredentials credentials) {
    this.targets = targets;
    this.credentials = credentials;
  }

  /** The manifest digest at the image's tag, or empty when the tag does not exist. */
  Optional<String> imageDigest(ImageName image) throws IOException, InterruptedException {
    return client(image.apiHost()).manifestDigest(image.repository(), image.tag().orElseThrow());
  }

  /** The image's revision label (of its linux/amd64 image when it is an index); empty if none. */
  Optional<String> revisionLabel(ImageName image) throws IOException, InterruptedException {
    return TagContents.image(client(image.apiHost()), image.repository(), image.tag().orElseThrow())
        .flatMap(i -> Optional.ofNullable(i.labels().get(ImageLabels.REVISION)));
  }

  /**
   * The digest of the chart archive stored at {@code oci://host/path/name:version}, or empty when
   * that version does not exist.
   */
  Optional<String> chartContentDigest(String ociRepository, String name, String version)
      throws IOException, InterruptedException {
    ImageName at = ImageName.parse(ociRepository).child(name);
    String tag = HelmCharts.tag(version);
    RegistryClient client = client(at.apiHost());
    if (!client.tags(at.repository()).contains(tag)) {
      return Optional.empty();
    }
    return TagContents.chartManifest(client, at.repository(), tag)
        // something else lives at that tag: never equal
        .map(m -> m.contentDigest().orElse("(no chart content layer)"));
  }

  private RegistryClient client(String host) {
    return clients.computeIfAbsent(
        host,
        h ->
            RegistryClient.forHost(
                h,
                targets.plainHttp(h),
                targets.policy().credentialsAllowed(h) ? credentials.find(h) : Optional.empty()));
  }
}
