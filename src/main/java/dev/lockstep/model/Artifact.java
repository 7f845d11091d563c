package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/**
 * A node of the graph that is not a repo. One record per kind; code that treats kinds differently
 * switches over this sealed interface so the compiler checks every kind is handled.
 */
public sealed interface Artifact permits ImageArtifact, ChartArtifact, HookArtifact, FileArtifact {

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
