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
 * @param previous the repo's current release before this one, if any
 */
public record Plan(
    ArtifactId repo,
    Version version,
    String tag,
    String releaseBranch,
    java.util.Optional<Version> previous,
    List<Action> actions) {

  public Plan {
    actions = List.copyOf(actions);
  }

  public <T extends Action> List<T> actions(Class<T> type) {
    return actions.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
