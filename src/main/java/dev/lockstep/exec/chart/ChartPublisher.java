package dev.lockstep.exec.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.PushCommand;
import com.marcnuri.helm.RegistryCommand;
import dev.lockstep.oci.Credentials;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.oci.TagContents;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pushes a packaged chart to an OCI registry with Helm, refusing to overwrite: Helm itself silently
 * replaces an existing version. The registry's tag list and the chart content layer digest decide
 * what happens.
 *
 * <p>Helm reads HELM_CONFIG_HOME / HELM_CACHE_HOME from the process environment; a login made here
 * is written to Helm's registry config and removed again after the push.
 */
public final class ChartPublisher {

  private ChartPublisher() {}

  /**
   * @param tgz a chart archive, ideally from {@link ChartPackager} so that equal charts have equal
   *     bytes
   * @param ociRepository where charts go, e.g. "oci://127.0.0.1:5000/charts"; the chart lands at
   *     .../NAME:VERSION
   * @throws ChartConflictException when the version exists with different content
   * @throws RegistryException when the registry cannot be reached or refuses the credentials
   */
  public static PushResult push(
      Path tgz, String ociRepository, boolean plainHttp, Optional<Credentials> credentials)
      throws IOException, InterruptedException {
    if (!ociRepository.startsWith("oci://")) {
      throw new IllegalArgumentException("not an oci:// repository: " + ociRepository);
    }
    ChartMetadata chart = ChartMetadata.of(tgz);
    ImageName at = ImageName.parse(ociRepository).child(chart.name());
    String contentDigest = "sha256:" + ChartPackager.sha256Hex(Files.readAllBytes(tgz));
    String repository = at.repository();
    String host = at.registry();
    String reference = at.withTag(chart.ociTag()).toString();
    RegistryClient registry = RegistryClient.forHost(at.apiHost(), plainHttp, credentials);

    if (registry.tags(repository).contains(chart.ociTag())) {
      byte[] manifest = registry.manifest(repository, chart.ociTag());
      if (TagContents.contentDigestOf(manifest).equals(Optional.of(contentDigest))) {
        String digest = registry.manifestDigest(repository, chart.ociTag()).orElseThrow();
        return PushResult.alreadyPresent(reference, digest, contentDigest);
      }
      throw new ChartConflictException(chart.name(), chart.version(), ociRepository);
    }

    helmPush(tgz, ociRepository, host, plainHttp, credentials);

    // Trust the registry, not Helm's output: and catch a concurrent push of other content.
    byte[] manifest = registry.manifest(repository, chart.ociTag());
    if (!TagContents.contentDigestOf(manifest).equals(Optional.of(contentDigest))) {
      throw new ChartConflictException(chart.name(), chart.version(), ociRepository);
    }
    String digest =
        registry
            .manifestDigest(repository, chart.ociTag())
            .orElseThrow(
                () ->
                    new RegistryException(
                        "registry " + host + " lost " + reference + " right after the push", 0));
    return PushResult.pushed(reference, digest, contentDigest);
  }

  private static void helmPush(
      Path tgz,
      String ociRepository,
      String host,
      boolean plainHttp,
      Optional<Credentials> credentials)
      throws RegistryException {
    boolean loggedIn = false;
    try {
      if (credentials.isPresent()) {
        RegistryCommand.LoginCommand login =
            Helm.registry()
                .login()
                .withHost(host)
                .withUsername(credentials.get().username())
                .withPassword(credentials.get().password());
        if (plainHttp) {
          login.plainHttp();
        }
        login.call();
        loggedIn = true;
      }
      PushCommand push =
          Helm.push().withChart(tgz.toAbsolutePath()).withRemote(URI.create(ociRepository));
      if (plainHttp) {
        push.plainHttp();
      }
      push.call();
    } catch (IllegalStateException e) {
      throw new RegistryException(
          "helm push to " + host + " failed: " + ChartPackager.firstLine(e.getMessage()), 0, e);
    } finally {
      if (loggedIn) {
        logout(host, plainHttp);
      }
    }
  }

  private static void logout(String host, boolean plainHttp) {
    try {
      RegistryCommand.LogoutCommand logout = Helm.registry().logout().withHost(host);
      if (plainHttp) {
        logout.plainHttp();
      }
      logout.call();
    } catch (IllegalStateException ignored) {
      // Best effort: the push result matters more than removing the stored login.
    }
  }
}
