package dev.lockstep.online;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryException;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code bump IMAGE TAG --resolve-digest}: asks the image's registry (through mirrors, at the tag
 * its format writes) which manifest the tag names now, so tag and digest move together.
 */
public final class TagDigest {
  private TagDigest() {}

  /**
   * The digest {@code version}'s tag of image {@code target} resolves to.
   *
   * @throws BadInputException when {@code target} is not an image of the graph
   * @throws IOException when the registry cannot answer, or has no such tag (naming the URL)
   */
  public static String resolve(
      ReleaseGraph graph, ArtifactId target, Version version, OnlineOptions given)
      throws IOException, InterruptedException {
    ImageArtifact image =
        graph
            .artifact(target)
            .flatMap(a -> a.asImage())
            .orElseThrow(
                () ->
                    BadInputException.plain(
                        "--resolve-digest asks a registry for an image's tag; "
                            + target
                            + " is not an image of the graph"));
    OnlineOptions options = given.withMirrors(graph.mirrors());
    Targets targets = new Targets(graph, options);
    ImageName name = targets.image(image);
    String tag = Targets.imageTag(image, version);
    String host = name.apiHost();
    String url =
        (options.plainHttp(host) ? "http://" : "https://")
            + host
            + "/v2/"
            + name.repository()
            + "/manifests/"
            + tag;
    Optional<String> digest;
    try (Lookups lookups = new Lookups(options)) {
      digest = lookups.onRegistry(host, c -> c.manifestDigest(name.repository(), tag));
    } catch (RegistryException e) {
      throw new IOException("HEAD " + url + ": " + e.withCause(), e);
    }
    return digest.orElseThrow(
        () ->
            new IOException(
                "HEAD " + url + ": no such tag; push it first, or name one that exists"));
  }
}
