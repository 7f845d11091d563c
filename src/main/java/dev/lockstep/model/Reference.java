package dev.lockstep.model;

import java.util.List;
import java.util.Optional;

/**
 * A dotted edge: {@code from} names {@code to} (an artifact, or a repo's release line) at a version
 * written at each of {@code at}. All places of one reference must agree.
 *
 * @param index its position among all references of the graph, which makes edges distinct
 * @param placeholder the text git holds when the policy is {@link Policy#PLACEHOLDER}
 * @param unversioned why this edge carries no version on purpose (e.g. it uses the local checkout);
 *     such an edge needs no locator
 * @param follow {@code train: follow}: in a release train this reference moves on the after-release
 *     branch, not in the release commit, and does not order the train (a documentation reference
 *     back to a downstream repo)
 */
public record Reference(
    int index,
    ArtifactId from,
    ArtifactId to,
    Policy policy,
    Optional<String> placeholder,
    Stamp stamp,
    Optional<VersionFormat> format,
    List<Locator> at,
    Optional<String> unversioned,
    Source source,
    boolean follow) {

  public Reference {
    at = List.copyOf(at);
  }

  /** A reference that moves in release commits ({@code train:} not given). */
  public Reference(
      int index,
      ArtifactId from,
      ArtifactId to,
      Policy policy,
      Optional<String> placeholder,
      Stamp stamp,
      Optional<VersionFormat> format,
      List<Locator> at,
      Optional<String> unversioned,
      Source source) {
    this(index, from, to, policy, placeholder, stamp, format, at, unversioned, source, false);
  }

  /**
   * The format of one place: the locator's own, else the reference's, else the target's; always
   * read under the target's scheme.
   */
  public VersionFormat formatAt(Locator locator, VersionFormat targetDefault) {
    return locator
        .format()
        .or(() -> format)
        .orElse(targetDefault)
        .withScheme(targetDefault.scheme());
  }

  /**
   * Hashes the identifying fields only: the generated hash walks every locator of {@link #at}, and
   * a graph's network hashes each edge many times. Equal references have equal fields, so the hash
   * agrees with {@link #equals}.
   */
  @Override
  public int hashCode() {
    return (31 * index + from.hashCode()) * 31 + to.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof Reference r
            && index == r.index
            && follow == r.follow
            && from.equals(r.from)
            && to.equals(r.to)
            && policy == r.policy
            && stamp == r.stamp
            && placeholder.equals(r.placeholder)
            && format.equals(r.format)
            && unversioned.equals(r.unversioned)
            && source.equals(r.source)
            && at.equals(r.at);
  }

  public String label() {
    return from + " -> " + to;
  }
}
