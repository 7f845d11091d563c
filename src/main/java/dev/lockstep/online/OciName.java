package dev.lockstep.online;

import java.util.Optional;

/**
 * A repository in an OCI registry, split the way docker reads image names: the first component is
 * the registry when it has a {@code .} or a {@code :} or is {@code localhost}; otherwise the image
 * is on Docker Hub ({@code nginx} is {@code docker.io/library/nginx}).
 *
 * @param host the registry as written ("ghcr.io", "127.0.0.1:5000", "docker.io")
 * @param repository the path inside it ("acme/app")
 */
public record OciName(String host, String repository) {

  /** Parses an image name or an OCI chart path ({@code oci://} allowed), without tag or digest. */
  public static OciName parse(String name) {
    String n = name.replaceFirst("^oci://", "").replaceFirst("/+$", "");
    int slash = n.indexOf('/');
    if (slash > 0) {
      String first = n.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return new OciName(first, n.substring(slash + 1));
      }
      return new OciName("docker.io", n);
    }
    return new OciName("docker.io", "library/" + n);
  }

  /** The same repository in another registry. */
  public OciName withHost(String other) {
    return new OciName(other, repository);
  }

  /** Our artifacts move to {@code --registry}; external ones stay where they are. */
  public OciName redirect(Optional<String> registry, boolean ours) {
    return ours && registry.isPresent() ? withHost(registry.get()) : this;
  }

  /** The host the distribution API answers on: Docker Hub's API lives elsewhere than its name. */
  public String apiHost() {
    return host.equals("docker.io") ? "registry-1.docker.io" : host;
  }

  @Override
  public String toString() {
    return host + "/" + repository;
  }
}
