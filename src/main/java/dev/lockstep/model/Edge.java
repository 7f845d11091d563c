package dev.lockstep.model;

/** An edge of the graph: solid (build) or dotted (reference). */
public sealed interface Edge {
  // The records' equals and hashCode are written out: a network hashes its edges many times, and
  // the generated ones link a method handle per record class at first call.

  /** {@code from} is built from {@code to}: a repo's sources, a base image, a chart dependency. */
  record Build(ArtifactId from, ArtifactId to) implements Edge {
    @Override
    public boolean equals(Object o) {
      return o instanceof Build b && from.equals(b.from) && to.equals(b.to);
    }

    @Override
    public int hashCode() {
      return 31 * from.hashCode() + to.hashCode();
    }
  }

  /** {@code from} names {@code to} at a version. */
  record Ref(Reference reference) implements Edge {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ref r && reference.equals(r.reference);
    }

    @Override
    public int hashCode() {
      return reference.hashCode();
    }
  }
}
