package dev.lockstep.release;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.PathNames;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryPolicy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where this release's images and charts go: the registry option replaces the registry host of
 * every name of ours; without it everything lands in the output folder. How hosts are spoken to is
 * the {@link RegistryPolicy}'s.
 */
final class Targets {
  private final Optional<String> registry;
  private final RegistryPolicy policy;
  private final Path outputDir;

  Targets(ReleaseOptions options) {
    this.registry = options.registry();
    this.policy = RegistryPolicy.of(options.insecureRegistries());
    this.outputDir = options.outputDir().toAbsolutePath().normalize();
  }

  boolean embedded() {
    return registry.isEmpty();
  }

  Path outputDir() {
    return outputDir;
  }

  RegistryPolicy policy() {
    return policy;
  }

  /**
   * The reference an image is published as: the declared one, or re-homed to the registry option.
   */
  String image(String declared) {
    return registry.map(r -> ImageName.parse(declared).withRegistry(r).toString()).orElse(declared);
  }

  /** The {@code oci://} repository a chart is pushed under (its parent, without the chart name). */
  String chartRepository(String declared) {
    return registry
        .map(r -> ImageName.parse(declared).withRegistry(r).ociUrl())
        .orElse("oci://" + declared.replaceFirst("^oci://", ""));
  }

  /** {@code outputDir/images/<artifact>-<tag>.tar}. */
  Path imageFile(ArtifactId artifact, String reference) {
    return PathNames.child(
        outputDir.resolve("images"),
        artifact.value() + "-" + tagged(reference).tag().orElseThrow() + ".tar");
  }

  /** {@code outputDir/charts/<name>-<version>.tgz}, as Helm names a packaged chart. */
  Path chartFile(String name, String version) {
    return PathNames.child(outputDir.resolve("charts"), name + "-" + version + ".tgz");
  }

  /**
   * An image reference of a release: {@code NAME:TAG}, no digest. Only tagged references are ours
   * to publish or check.
   */
  static ImageName tagged(String reference) {
    ImageName name;
    try {
      name = ImageName.parse(reference);
    } catch (IllegalArgumentException e) {
      name = null;
    }
    if (name == null || name.tag().isEmpty() || name.digest().isPresent()) {
      throw new PlanMismatchException(
          "image reference " + reference + " has no tag; an image of a release is named NAME:TAG");
    }
    return name;
  }

  /** Plain HTTP (and, for jib, unverified TLS) only for loopback or listed hosts. */
  boolean plainHttp(String host) {
    return policy.plainHttp(host);
  }
}
