package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/**
 * A file a release publishes (a jar, a binary, a tarball): its {@code prepare} command builds it in
 * a clean checkout of the release commit, at {@code path}; the release copies it to the output
 * folder, lists it in {@code SHA256SUMS} and records it with its sha256 in the manifest.
 */
public record AssetArtifact(
    ArtifactId id,
    Optional<ArtifactId> repo,
    Optional<String> disabled,
    List<Reference> uses,
    Source source,
    String path,
    List<String> prepare)
    implements Artifact {

  public AssetArtifact {
    uses = List.copyOf(uses);
    prepare = List.copyOf(prepare);
  }

  /** The file name it is published under (the last segment of {@code path}). */
  public String fileName() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.asset(this);
  }

  @Override
  public Kind kind() {
    return Kind.ASSET;
  }
}
