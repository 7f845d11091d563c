package dev.lockstep.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A jib-core recipe: run {@code prepare} in a clean checkout of the release commit, then layer
 * files onto {@code from} (a base image reference, or empty for scratch).
 */
public record ImageBuild(
    List<String> prepare,
    Optional<String> from,
    List<Layer> layers,
    List<String> entrypoint,
    Map<String, String> env,
    Map<String, String> labels,
    Optional<String> workdir,
    Optional<String> user) {

  public ImageBuild {
    prepare = List.copyOf(prepare);
    layers = List.copyOf(layers);
    entrypoint = List.copyOf(entrypoint);
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
  }

  /** A file or folder of the repo ({@code from}) copied to a path in the image ({@code to}). */
  public record Layer(String from, String to) {}
}
