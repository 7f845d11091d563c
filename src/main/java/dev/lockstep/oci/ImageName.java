package dev.lockstep.oci;

import java.util.Locale;
import java.util.Optional;

/**
 * An image or OCI chart reference, split the way docker reads it: {@code
 * [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}. The first component is the registry when it has a {@code
 * .} or a {@code :} or is {@code localhost}; otherwise the image is on Docker Hub, named {@code
 * docker.io}, and a one-part name is in its {@code library/} ({@code nginx} is {@code
 * docker.io/library/nginx}). {@code index.docker.io} and {@code registry-1.docker.io} are Docker
 * Hub too. The only image-name parser of lockstep.
 *
 * @param registry the registry as written, lower case ("ghcr.io", "127.0.0.1:5000", "docker.io")
 * @param repository the path inside it ("acme/app", "library/nginx")
 * @param tag the tag, if written
 * @param digest the {@code sha256:...} digest, if written
 */
public record ImageName(
    String registry, String repository, Optional<String> tag, Optional<String> digest) {

  /** Docker Hub, as image names write it. */
  public static final String DOCKER_HUB = "docker.io";

  /** The host Docker Hub's distribution API answers on. */
  static final String DOCKER_HUB_API = "registry-1.docker.io";

  private static final String LIBRARY = "library/";

  public ImageName {
    if (registry.isEmpty() || repository.isEmpty()) {
      throw new IllegalArgumentException("an image name needs a registry and a repository");
    }
  }

  /**
   * Parses an image reference or an OCI chart path ({@code oci://} allowed, a trailing {@code /}
   * forgiven), with or without tag and digest.
   *
   * @throws IllegalArgumentException the text is empty or has an empty part
   */
  public static ImageName parse(String text) {
    String rest = text.strip().replaceFirst("^(?i)oci://", "").replaceFirst("/+$", "");
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()
        || tag.map(String::isEmpty).orElse(false)
        || digest.map(String::isEmpty).orElse(false)) {
      throw new IllegalArgumentException("not an image reference: '" + text + "'");
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = normalizeRegistry(first);
        repository = rest.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = LIBRARY + repository;
    }
    return new ImageName(registry, repository, tag, digest);
  }

  /**
   * A registry host as written in an image name or a credential store key, Docker Hub's aliases
   * folded to {@value #DOCKER_HUB}; a scheme and a path are dropped.
   */
  public static String normalizeRegistry(String host) {
    String h = host.replaceFirst("^[a-zA-Z]+://", "");
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    h = h.toLowerCase(Locale.ROOT);
    if (h.equals("index.docker.io") || h.equals(DOCKER_HUB_API) || h.equals(DOCKER_HUB)) {
      return DOCKER_HUB;
    }
    return h;
  }

  /** The host the distribution API answers on: Docker Hub's API lives elsewhere than its name. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /**
   * The same repository in another registry, as {@code release --registry HOST[/PREFIX]} re-homes
   * images of ours: {@code ghcr.io/acme/app} moves to {@code HOST/PREFIX/acme/app}. Docker Hub's
   * implicit {@code library/} stays behind: {@code app} moves to {@code HOST/app}.
   */
  public ImageName withRegistry(String hostAndPrefix) {
    String path =
        registry.equals(DOCKER_HUB) && repository.startsWith(LIBRARY)
            ? repository.substring(LIBRARY.length())
            : repository;
    String h = hostAndPrefix.replaceFirst("^(?i)oci://", "").replaceFirst("/+$", "");
    int slash = h.indexOf('/');
    if (slash > 0) {
      path = h.substring(slash + 1) + "/" + path;
      h = h.substring(0, slash);
    }
    return new ImageName(normalizeRegistry(h), path, tag, digest);
  }

  /** The same repository at another tag, without a digest. */
  public ImageName withTag(String newTag) {
    return new ImageName(registry, repository, Optional.of(newTag), Optional.empty());
  }

  /** A repository below this one ({@code charts} + {@code app} is {@code charts/app}). */
  public ImageName child(String name) {
    return new ImageName(registry, repository + "/" + name, Optional.empty(), Optional.empty());
  }

  /** {@code registry/repository}, without tag and digest. */
  public String repositoryName() {
    return registry + "/" + repository;
  }

  /**
   * Every way text may write this repository (no tag, no digest), longest first: for Docker Hub
   * {@code docker.io/bitnami/kubectl}, {@code index.docker.io/bitnami/kubectl}, {@code
   * registry-1.docker.io/bitnami/kubectl} and {@code bitnami/kubectl}; for an official image also
   * without {@code library/} ({@code docker.io/nginx}, {@code nginx}). Elsewhere the one name.
   */
  public java.util.List<String> spellings() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (!registry.equals(DOCKER_HUB)) {
      out.add(repositoryName());
      return out;
    }
    java.util.List<String> paths = new java.util.ArrayList<>(java.util.List.of(repository));
    if (repository.startsWith(LIBRARY)) {
      paths.add(repository.substring(LIBRARY.length()));
    }
    for (String host : java.util.List.of(DOCKER_HUB, "index.docker.io", DOCKER_HUB_API)) {
      for (String path : paths) {
        out.add(host + "/" + path);
      }
    }
    out.addAll(paths);
    return out;
  }

  /** The {@code oci://registry/repository} form Helm pushes to and pulls from. */
  public String ociUrl() {
    return "oci://" + repositoryName();
  }

  @Override
  public String toString() {
    return repositoryName()
        + tag.map(t -> ":" + t).orElse("")
        + digest.map(d -> "@" + d).orElse("");
  }
}
