package dev.lockstep.plan;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Version;
import java.util.Map;

/**
 * Another repo of a release train and the version the train gives it, with the digests of its
 * images once they are built. When repo A is released after upstream B, A's release commit moves
 * A's references to B (literal and placeholder) to B's version, and A's after-release branch moves
 * the literal ones; {@code train: follow} references move only on the after-release branch.
 *
 * @param digests image artifact id to manifest digest ({@code sha256:...}); a place whose format
 *     pins a digest of an image not listed here is left as it is
 */
public record UpstreamMove(ArtifactId repo, Version version, Map<ArtifactId, String> digests) {
  public UpstreamMove {
    digests = Map.copyOf(digests);
  }
}
