package dev.lockstep.online;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Source;
import dev.lockstep.model.Version;
import java.util.Optional;

/**
 * What {@code lockstep outdated} found for one pinned external artifact.
 *
 * @param where the OCI repository or Helm repository whose versions were listed
 * @param pinnedAt the line of the graph that pins the version
 * @param newest the newest version found (stable unless pre-releases were asked for), when the
 *     lookup succeeded
 * @param newestTag how {@code newest} is written where it was found (a tag or index version)
 * @param error why the versions could not be listed; a failed lookup is never "up to date"
 */
public record OutdatedCheck(
    ArtifactId id,
    String kind,
    Version pinned,
    String where,
    Source pinnedAt,
    Optional<Version> newest,
    Optional<String> newestTag,
    Optional<String> error) {

  public enum State {
    CURRENT,
    OUTDATED,
    FAILED
  }

  static OutdatedCheck found(
      ArtifactId id,
      String kind,
      Version pinned,
      String where,
      Source pinnedAt,
      Version newest,
      String newestTag) {
    return new OutdatedCheck(
        id,
        kind,
        pinned,
        where,
        pinnedAt,
        Optional.of(newest),
        Optional.of(newestTag),
        Optional.empty());
  }

  static OutdatedCheck failed(
      ArtifactId id, String kind, Version pinned, String where, Source pinnedAt, String error) {
    return new OutdatedCheck(
        id, kind, pinned, where, pinnedAt, Optional.empty(), Optional.empty(), Optional.of(error));
  }

  public State state() {
    if (error.isPresent() || newest.isEmpty()) {
      return State.FAILED;
    }
    return newest.get().compareTo(pinned) > 0 ? State.OUTDATED : State.CURRENT;
  }
}
