package dev.lockstep.exec.chart;

import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.HelmChartManifest;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.oci.TagContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Pushes a packaged chart to an OCI registry the way {@code helm push} stores it (config blob,
 * chart content layer, image manifest with Helm's annotations), through lockstep's own registry
 * client: no Helm login, so no Helm registry config is ever written, and {@code
 * org.opencontainers.image.created} is the time given (the release commit's), so the same archive
 * gives the same manifest digest on every push.
 *
 * <p>Refuses to overwrite: the registry's tag list and the chart content layer digest decide what
 * happens. Blobs the registry already holds are not uploaded again.
 */
public final class ChartPublisher {

  private ChartPublisher() {}

  /**
   * @param tgz a chart archive, ideally from {@link ChartPackager} so that equal charts have equal
   *     bytes
   * @param ociRepository where charts go, e.g. "oci://127.0.0.1:5000/charts"; the chart lands at
   *     .../NAME:VERSION
   * @param plainHttp speak HTTP (decided by {@code RegistryPolicy})
   * @param credentials for the registry's host, when it may have them
   * @param created the manifest's {@code org.opencontainers.image.created} (whole seconds, UTC)
   * @throws ChartConflictException when the version exists with different content
   * @throws RegistryException when the registry cannot be reached or refuses the credentials
   */
  public static PushResult push(
      Path tgz,
      String ociRepository,
      boolean plainHttp,
      Optional<Credentials> credentials,
      Instant created)
      throws IOException, InterruptedException {
    if (!ociRepository.startsWith("oci://")) {
      throw new IllegalArgumentException("not an oci:// repository: " + ociRepository);
    }
    byte[] archive = Files.readAllBytes(tgz);
    ChartMetadata chart = ChartMetadata.of(tgz);
    HelmChartManifest oci = HelmChartManifest.of(archive, created);
    ImageName at = ImageName.parse(ociRepository).child(chart.name());
    String contentDigest = oci.contentDigest();
    String repository = at.repository();
    String host = at.registry();
    String tag = chart.ociTag();
    String reference = at.withTag(tag).toString();
    RegistryClient registry = RegistryClient.forHost(at.apiHost(), plainHttp, credentials);

    if (registry.tags(repository).contains(tag)) {
      return alreadyThere(registry, repository, tag, reference, contentDigest)
          .orElseThrow(
              () -> new ChartConflictException(chart.name(), chart.version(), ociRepository));
    }

    long uploaded = registry.pushBlob(repository, oci.contentDigest(), oci.content());
    uploaded += registry.pushBlob(repository, oci.configDigest(), oci.config());
    // A concurrent push of this version may have landed meanwhile: never overwrite it.
    if (registry.tags(repository).contains(tag)) {
      return alreadyThere(registry, repository, tag, reference, contentDigest)
          .orElseThrow(
              () -> new ChartConflictException(chart.name(), chart.version(), ociRepository));
    }
    registry.putManifest(repository, tag, HelmChartManifest.MEDIA_TYPE, oci.manifest());

    // Trust the registry, not our own bytes: and catch a concurrent push of other content.
    if (!TagContents.contentDigestOf(registry.manifest(repository, tag))
        .equals(Optional.of(contentDigest))) {
      throw new ChartConflictException(chart.name(), chart.version(), ociRepository);
    }
    String digest =
        registry
            .manifestDigest(repository, tag)
            .orElseThrow(
                () ->
                    new RegistryException(
                        "registry " + host + " lost " + reference + " right after the push", 0));
    return PushResult.pushed(reference, digest, contentDigest, uploaded);
  }

  /** The push result when the tag holds this very archive; empty when it holds other content. */
  private static Optional<PushResult> alreadyThere(
      RegistryClient registry,
      String repository,
      String tag,
      String reference,
      String contentDigest)
      throws IOException, InterruptedException {
    byte[] manifest = registry.manifest(repository, tag);
    if (!TagContents.contentDigestOf(manifest).equals(Optional.of(contentDigest))) {
      return Optional.empty();
    }
    String digest = registry.manifestDigest(repository, tag).orElseThrow();
    return Optional.of(PushResult.alreadyPresent(reference, digest, contentDigest));
  }
}
