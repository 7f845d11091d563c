package dev.lockstep.exec.image;

import java.nio.file.Path;
import java.util.Objects;

/** Where a built image goes. */
public sealed interface ImageTarget {

  /** The image reference the result is known by. */
  String reference();

  /** Whether plain HTTP (and unverified TLS) may be used for the registries this build talks to. */
  boolean allowInsecure();

  /** Push to a registry. {@code allowInsecure} permits plain HTTP, e.g. for a loopback registry. */
  static ImageTarget registry(String reference, boolean allowInsecure) {
    return new Registry(reference, allowInsecure);
  }

  /** Write an OCI image-layout tarball; the base image (if any) is pulled over HTTPS. */
  static ImageTarget tarball(Path file, String reference) {
    return new Tarball(file, reference, false);
  }

  /**
   * Write an OCI image-layout tarball; {@code allowInsecureBase} permits pulling the base over
   * plain HTTP.
   */
  static ImageTarget tarball(Path file, String reference, boolean allowInsecureBase) {
    return new Tarball(file, reference, allowInsecureBase);
  }

  record Registry(String reference, boolean allowInsecure) implements ImageTarget {
    public Registry {
      Objects.requireNonNull(reference, "reference");
    }
  }

  record Tarball(Path file, String reference, boolean allowInsecure) implements ImageTarget {
    public Tarball {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reference, "reference");
    }
  }
}
