package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/** A Kubernetes manifest kept in a repo (KubeFlex PostCreateHook, Kratix Promise, Job). */
public record HookArtifact(
    ArtifactId id,
    Optional<ArtifactId> repo,
    Optional<String> disabled,
    List<Reference> uses,
    Source source,
    Optional<String> path,
    VersionScheme scheme)
    implements Artifact {

  public HookArtifact {
    uses = List.copyOf(uses);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.hook(this);
  }

  @Override
  public Kind kind() {
    return Kind.HOOK;
  }

  @Override
  public VersionFormat referenceFormat() {
    return VersionFormat.PLAIN.withScheme(scheme);
  }
}
