package dev.lockstep.model;

/** An edge of the graph: solid (build) or dotted (reference). */
public sealed interface Edge {

  /** {@code from} is built from {@code to}: a repo's sources, a base image, a chart dependency. */
  record Build(ArtifactId from, ArtifactId to) implements Edge {}

  /** {@code from} names {@code to} at a version. */
  record Ref(Reference reference) implements Edge {}
}
