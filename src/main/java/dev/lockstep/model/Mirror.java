package dev.lockstep.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Points lookups of a Helm repository or a registry at an internal mirror ({@code --mirror
 * FROM=TO}, or {@code mirrors: { FROM: TO }} in the graph): a lookup whose location starts with
 * {@code FROM} (compared without its scheme, at a {@code /} boundary) is asked at {@code TO}
 * instead, the rest of its path kept.
 *
 * @param from a Helm repository URL or a registry host with an optional path ({@code docker.io},
 *     {@code oci://ghcr.io/acme}, {@code https://charts.example.com})
 * @param to the mirror: an {@code http}, {@code https} or {@code oci} URL
 */
public record Mirror(String from, URI to) {

  private static final List<String> SCHEMES = List.of("http", "https", "oci");
  private static final List<String> DOCKER_HUB =
      List.of("docker.io", "index.docker.io", "registry-1.docker.io");

  /**
   * Reads one mapping.
   *
   * @throws IllegalArgumentException with what is wrong and how to write it
   */
  public static Mirror parse(String from, String to) {
    if (from == null || from.isBlank() || from.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "mirror source '"
              + from
              + "' is not a repository URL or registry host; write e.g. docker.io or"
              + " https://charts.example.com");
    }
    URI uri;
    try {
      uri = to == null ? null : new URI(to.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getScheme() == null
        || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "mirror '"
              + to
              + "' for "
              + from
              + " is not a URL; write e.g. https://mirror.example.com/helm or"
              + " oci://mirror.example.com:5000/dockerhub");
    }
    return new Mirror(from.strip(), uri);
  }

  /** {@code FROM=TO} as given on the command line. */
  public static Mirror parse(String option) {
    int eq = option.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--mirror '"
              + option
              + "' is not FROM=TO; write e.g. --mirror docker.io=oci://mirror:5000/hub");
    }
    return parse(option.substring(0, eq), option.substring(eq + 1));
  }

  /** True when the mirror speaks plain HTTP ({@code http://}). */
  public boolean plainHttp() {
    return to.getScheme().equalsIgnoreCase("http");
  }

  /** The mirror's host and port, as a registry is named ({@code mirror.example.com:5000}). */
  public String toHost() {
    return to.getPort() < 0 ? to.getHost() : to.getHost() + ":" + to.getPort();
  }

  /** The mirror's path without slashes at either end; empty at its root. */
  public String toPath() {
    String p = to.getRawPath() == null ? "" : to.getRawPath();
    return p.replaceAll("^/+|/+$", "");
  }

  /**
   * The rest of {@code location} (written with or without a scheme) after this mirror's {@code
   * from}, empty string when they are equal; empty when the mirror does not apply.
   */
  public Optional<String> rest(String location) {
    String l = bare(location);
    String f = bare(from);
    if (l.equals(f)) {
      return Optional.of("");
    }
    if (l.startsWith(f + "/")) {
      return Optional.of(l.substring(f.length() + 1));
    }
    return Optional.empty();
  }

  /** Without scheme and trailing slashes, the host in lower case, Docker Hub's aliases folded. */
  private static String bare(String s) {
    String b = s.strip().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("/+$", "");
    int slash = b.indexOf('/');
    String host = (slash < 0 ? b : b.substring(0, slash)).toLowerCase(Locale.ROOT);
    if (DOCKER_HUB.contains(host)) {
      host = "docker.io";
    }
    return slash < 0 ? host : host + b.substring(slash);
  }

  @Override
  public String toString() {
    return from + "=" + to;
  }
}
