package dev.lockstep.exec.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.PushCommand;
import com.marcnuri.helm.RegistryCommand;
import dev.lockstep.exec.registry.Credentials;
import dev.lockstep.exec.registry.RegistryClient;
import dev.lockstep.exec.registry.RegistryException;
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

  static final String CHART_CONTENT_MEDIA_TYPE =
      "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    OciLocation location = OciLocation.parse(ociRepository);
    ChartMetadata chart = ChartMetadata.of(tgz);
    String contentDigest = "sha256:" + ChartPackager.sha256Hex(Files.readAllBytes(tgz));
    String repository = location.repositoryFor(chart.name());
    String reference = location.host() + "/" + repository + ":" + chart.ociTag();
    RegistryClient registry = RegistryClient.forHost(location.host(), plainHttp, credentials);

    if (registry.tags(repository).contains(chart.ociTag())) {
      byte[] manifest = registry.manifest(repository, chart.ociTag());
      if (contentDigestOf(manifest).equals(Optional.of(contentDigest))) {
        String digest = registry.manifestDigest(repository, chart.ociTag()).orElseThrow();
        return PushResult.alreadyPresent(reference, digest, contentDigest);
      }
      throw new ChartConflictException(chart.name(), chart.version(), ociRepository);
    }

    helmPush(tgz, ociRepository, location.host(), plainHttp, credentials);

    // Trust the registry, not Helm's output: and catch a concurrent push of other content.
    byte[] manifest = registry.manifest(repository, chart.ociTag());
    if (!contentDigestOf(manifest).equals(Optional.of(contentDigest))) {
      throw new ChartConflictException(chart.name(), chart.version(), ociRepository);
    }
    String digest =
        registry
            .manifestDigest(repository, chart.ociTag())
            .orElseThrow(
                () ->
                    new RegistryException(
                        "registry "
                            + location.host()
                            + " lost "
                            + reference
                            + " right after the push",
                        0));
    return PushResult.pushed(reference, digest, contentDigest);
  }

  /** The digest of the chart content layer in a Helm OCI manifest. */
  static Optional<String> contentDigestOf(byte[] manifest) throws IOException {
    for (JsonNode layer : JSON.readTree(manifest).path("layers")) {
      if (CHART_CONTENT_MEDIA_TYPE.equals(layer.path("mediaType").asText())) {
        return Optional.of(layer.path("digest").asText());
      }
    }
    return Optional.empty();
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

  /** "oci://HOST[:PORT][/PATH]" split into host and repository path. */
  record OciLocation(String host, String path) {

    static OciLocation parse(String ociRepository) {
      URI uri;
      try {
        uri = URI.create(ociRepository);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not an oci:// repository: " + ociRepository, e);
      }
      if (!"oci".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
        throw new IllegalArgumentException("not an oci:// repository: " + ociRepository);
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
      return new OciLocation(uri.getRawAuthority(), path);
    }

    String repositoryFor(String chartName) {
      return path.isEmpty() ? chartName : path + "/" + chartName;
    }
  }
}
