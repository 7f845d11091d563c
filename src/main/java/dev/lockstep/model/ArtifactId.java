package dev.lockstep.model;

import java.util.Objects;

/** The id of a node of the graph: an artifact or a repo (ids are unique across both). */
public record ArtifactId(String value) implements Comparable<ArtifactId> {
  public ArtifactId {
    Objects.requireNonNull(value, "value");
  }

  public static ArtifactId of(String value) {
    return new ArtifactId(value);
  }

  @Override
  public int compareTo(ArtifactId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
