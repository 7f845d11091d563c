package dev.lockstep.release;

import dev.lockstep.oci.RegistryPolicy;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a release goes.
 *
 * @param outputDir the embedded default target (OCI image-layout tarballs under {@code images/},
 *     chart archives under {@code charts/}) and where the release manifest is written
 * @param registry {@code host[:port][/prefix]} that replaces the registry host of every image name
 *     and chart publish path of ours, e.g. {@code 127.0.0.1:5000}; empty: the embedded default,
 *     nothing is pushed and git refs stay local
 * @param insecureRegistries hosts ({@code host} or {@code host:port}) that may be spoken to over
 *     plain HTTP; loopback hosts always may
 * @param cacheDir jib's layer caches and the release's scratch space (checkout, staging)
 */
public record ReleaseOptions(
    Path outputDir, Optional<String> registry, Set<String> insecureRegistries, Path cacheDir) {

  public ReleaseOptions {
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(cacheDir, "cacheDir");
    registry.ifPresent(RegistryPolicy::refuseUserInfo);
    insecureRegistries.forEach(RegistryPolicy::refuseUserInfo);
    insecureRegistries = Set.copyOf(insecureRegistries);
    registry =
        registry
            .map(r -> r.replaceFirst("^oci://", "").replaceAll("/+$", ""))
            .filter(r -> !r.isEmpty());
  }

  /** The embedded default: everything into {@code outputDir}, nothing pushed. */
  public static ReleaseOptions embedded(Path outputDir, Path cacheDir) {
    return new ReleaseOptions(outputDir, Optional.empty(), Set.of(), cacheDir);
  }

  /** Everything pushed to {@code registry} ({@code host[:port][/prefix]}). */
  public static ReleaseOptions toRegistry(String registry, Path outputDir, Path cacheDir) {
    return new ReleaseOptions(outputDir, Optional.of(registry), Set.of(), cacheDir);
  }

  public boolean embeddedDefault() {
    return registry.isEmpty();
  }
}
