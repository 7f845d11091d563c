package dev.lockstep.release;

import dev.lockstep.model.ArtifactId;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where this release's images and charts go: the registry option replaces the registry host of
 * every name of ours; without it everything lands in the output folder. Also decides where plain
 * HTTP is allowed: loopback hosts and the ones the user listed, nothing else.
 */
final class Targets {
  private final Optional<String> registry;
  private final Set<String> insecure;
  private final Path outputDir;

  Targets(ReleaseOptions options) {
    this.registry = options.registry();
    this.insecure = options.insecureRegistries();
    this.outputDir = options.outputDir().toAbsolutePath().normalize();
  }

  boolean embedded() {
    return registry.isEmpty();
  }

  Path outputDir() {
    return outputDir;
  }

  /**
   * The reference an image is published as: the declared one, or re-homed to the registry option.
   */
  String image(String declared) {
    return registry.map(r -> r + "/" + pathOf(declared)).orElse(declared);
  }

  /** The {@code oci://} repository a chart is pushed under (its parent, without the chart name). */
  String chartRepository(String declared) {
    String bare = declared.replaceFirst("^oci://", "");
    return "oci://" + registry.map(r -> r + "/" + pathOf(bare)).orElse(bare);
  }

  /** {@code outputDir/images/<artifact>-<tag>.tar}. */
  Path imageFile(ArtifactId artifact, String reference) {
    return outputDir
        .resolve("images")
        .resolve(artifact.value() + "-" + ImageRef.parse(reference).tag() + ".tar");
  }

  /** {@code outputDir/charts/<name>-<version>.tgz}, as Helm names a packaged chart. */
  Path chartFile(String name, String version) {
    return outputDir.resolve("charts").resolve(name + "-" + version + ".tgz");
  }

  /** Plain HTTP (and, for jib, unverified TLS) only for loopback or listed hosts. */
  boolean plainHttp(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return isLoopback(h) || insecure.contains(h) || insecure.contains(withoutPort(h));
  }

  static boolean isLoopback(String host) {
    String name = withoutPort(host);
    return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(1, close);
    }
    return host.replaceFirst(":\\d+$", "");
  }

  /** The registry host an image reference names explicitly, if any. */
  static Optional<String> hostOf(String reference) {
    String path = pathOf(reference);
    return path.length() == reference.length()
        ? Optional.empty()
        : Optional.of(reference.substring(0, reference.length() - path.length() - 1));
  }

  /**
   * An image name without its registry host, by Docker's rule: a first part with '.' or ':' (or
   * localhost) is a host.
   */
  static String pathOf(String name) {
    int slash = name.indexOf('/');
    if (slash <= 0) {
      return name;
    }
    String first = name.substring(0, slash);
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
    return host ? name.substring(slash + 1) : name;
  }
}
