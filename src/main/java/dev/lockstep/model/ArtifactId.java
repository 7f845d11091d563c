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

  // equals and hashCode by hand: the generated ones link a method handle at first call, a start-up
  // cost every run pays for the graph's most hashed key. Same value, same hash as generated.
  @Override
  public boolean equals(Object o) {
    return o instanceof ArtifactId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
