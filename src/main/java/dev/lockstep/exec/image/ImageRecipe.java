package dev.lockstep.exec.image;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What goes into an image, independent of where it is sent.
 *
 * @param base an image reference to build on ("127.0.0.1:5000/base:1", "gcr.io/x@sha256:...");
 *     empty = scratch
 * @param layers one image layer each, in order
 * @param entrypoint the container entrypoint; empty = inherit from the base
 * @param env environment variables (copied sorted, so no caller map order can leak into the image)
 * @param labels OCI labels (kept sorted for the same reason)
 * @param workdir absolute working directory in the image
 * @param user user (name or uid[:gid]) the container runs as
 */
public record ImageRecipe(
    Optional<String> base,
    List<Layer> layers,
    List<String> entrypoint,
    Map<String, String> env,
    Map<String, String> labels,
    Optional<String> workdir,
    Optional<String> user) {

  public ImageRecipe {
    Objects.requireNonNull(base, "base");
    layers = List.copyOf(layers);
    entrypoint = List.copyOf(entrypoint);
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
  }

  /**
   * Copies {@code from} (a file or directory, relative to the build's source root) to {@code to},
   * an absolute path in the image. A directory's contents land under {@code to}; a file lands at
   * {@code to}, or under it when {@code to} ends with "/".
   */
  public record Layer(String from, String to) {
    public Layer {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!to.startsWith("/")) {
        throw new IllegalArgumentException(
            "layer destination must be an absolute path in the image: " + to);
      }
    }
  }
}
