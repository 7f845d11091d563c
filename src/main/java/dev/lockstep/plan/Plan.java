package dev.lockstep.plan;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Version;
import java.util.List;

/**
 * What releasing {@code repo} at {@code version} will do, in order: rewrites and the release
 * commit, the tag, image builds, chart packaging, publishing (images, then charts), the git push,
 * the manifest and the after-release branch. Immutable; the same graph, files and version always
 * give the same plan.
 *
 * @param previous the current release of the line this release continues (the newest release
 *     reachable from HEAD), if any
 * @param line which line the release continues, in words (empty when not said)
 */
public record Plan(
    ArtifactId repo,
    Version version,
    String tag,
    String releaseBranch,
    java.util.Optional<Version> previous,
    List<Action> actions,
    String line) {

  public Plan {
    actions = List.copyOf(actions);
  }

  public Plan(
      ArtifactId repo,
      Version version,
      String tag,
      String releaseBranch,
      java.util.Optional<Version> previous,
      List<Action> actions) {
    this(repo, version, tag, releaseBranch, previous, actions, "");
  }

  public <T extends Action> List<T> actions(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
