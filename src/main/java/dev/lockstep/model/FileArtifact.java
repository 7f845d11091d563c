package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/** Any other file that pins versions: scripts, docs, workflow files, pin files. */
public record FileArtifact(
    ArtifactId id,
    Optional<ArtifactId> repo,
    Optional<String> disabled,
    List<Reference> uses,
    Source source,
    Optional<String> path,
    VersionScheme scheme)
    implements Artifact {

  public FileArtifact {
    uses = List.copyOf(uses);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.file(this);
  }

  @Override
  public Kind kind() {
    return Kind.FILE;
  }

  @Override
  public VersionFormat referenceFormat() {
    return VersionFormat.PLAIN.withScheme(scheme);
  }
}
