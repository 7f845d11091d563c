package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/**
 * An OCI image: {@code name} without tag, the tag format, and how it is built (or that it is built
 * elsewhere, when {@code build} is empty).
 */
public record ImageArtifact(
    ArtifactId id,
    Optional<ArtifactId> repo,
    Optional<String> disabled,
    List<Reference> uses,
    Source source,
    String name,
    VersionFormat tagFormat,
    Optional<ImageBuild> build,
    Optional<ArtifactId> base,
    Optional<Version> pinned)
    implements Artifact {

  public ImageArtifact {
    uses = List.copyOf(uses);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.image(this);
  }

  @Override
  public Kind kind() {
    return Kind.IMAGE;
  }

  @Override
  public VersionFormat referenceFormat() {
    return tagFormat;
  }
}
