package dev.lockstep.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A node of the graph that is not a repo. One record per kind. Code that treats kinds differently
 * goes through {@link #accept} or {@link #match}, never {@code instanceof}: a new kind adds a
 * {@link Visitor} method and a {@code match} parameter, and every caller then fails to compile
 * until it says what the new kind does. Code that wants one kind only narrows with {@link #asImage}
 * or {@link #asChart}, or asks the graph ({@link ReleaseGraph#images}, {@link
 * ReleaseGraph#chartsOf}).
 */
public sealed interface Artifact
    permits ImageArtifact, ChartArtifact, HookArtifact, FileArtifact, AssetArtifact {

  /** One method per kind. */
  interface Visitor<R> {
    R image(ImageArtifact image);

    R chart(ChartArtifact chart);

    R hook(HookArtifact hook);

    R file(FileArtifact file);

    R asset(AssetArtifact asset);
  }

  <R> R accept(Visitor<R> visitor);

  /** The result of the function for this artifact's kind. */
  default <R> R match(
      Function<? super ImageArtifact, ? extends R> image,
      Function<? super ChartArtifact, ? extends R> chart,
      Function<? super HookArtifact, ? extends R> hook,
      Function<? super FileArtifact, ? extends R> file,
      Function<? super AssetArtifact, ? extends R> asset) {
    return accept(
        new Visitor<R>() {
          @Override
          public R image(ImageArtifact a) {
            return image.apply(a);
          }

          @Override
          public R chart(ChartArtifact a) {
            return chart.apply(a);
          }

          @Override
          public R hook(HookArtifact a) {
            return hook.apply(a);
          }

          @Override
          public R file(FileArtifact a) {
            return file.apply(a);
          }

          @Override
          public R asset(AssetArtifact a) {
            return asset.apply(a);
          }
        });
  }

  /** This artifact when it is an image. */
  default Optional<ImageArtifact> asImage() {
    return match(
        Optional::of,
        c -> Optional.empty(),
        h -> Optional.empty(),
        f -> Optional.empty(),
        s -> Optional.empty());
  }

  /** This artifact when it is a chart. */
  default Optional<ChartArtifact> asChart() {
    return match(
        i -> Optional.empty(),
        Optional::of,
        h -> Optional.empty(),
        f -> Optional.empty(),
        s -> Optional.empty());
  }

  ArtifactId id();

  /** The repo that builds or holds it; empty for an external artifact. */
  Optional<ArtifactId> repo();

  /** The skip reason of an artifact declared {@code enabled: false}. */
  Optional<String> disabled();

  /** Its outgoing reference edges, in declaration order. */
  List<Reference> uses();

  Source source();

  Kind kind();

  /**
   * A version pinned in the graph for an artifact built elsewhere ({@code external: {version: X}}).
   */
  default Optional<Version> pinned() {
    return Optional.empty();
  }

  default boolean isExternal() {
    return repo().isEmpty();
  }

  default boolean enabled() {
    return disabled().isEmpty();
  }

  /** How this artifact's own version is written by default when something refers to it. */
  default VersionFormat referenceFormat() {
    return VersionFormat.PLAIN;
  }
}
