package dev.lockstep.verify;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Policy;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Stamp;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A literal reference to something of the writer's own repo must name that repo's current release:
 * the newest release tag reachable from HEAD (the newest regular one for {@code stamp: regular}).
 * Charts without a placeholder are checked the same way.
 */
final class SelfReferenceCheck {
  private SelfReferenceCheck() {}

  /** The current releases of a repo, looked up once: every release and regular releases only. */
  record Current(Optional<GitRepo.Release> any, Optional<GitRepo.Release> regular) {}

  private static boolean isSelf(ReleaseGraph graph, Reading r) {
    return r.policy() == Policy.LITERAL
        && r.version().isPresent()
        && graph.releaseRepoOf(r.target()).map(r.fromRepo()::equals).orElse(false);
  }

  static List<Finding> check(VerifyContext context) {
    Map<ArtifactId, Current> current = new LinkedHashMap<>();
    context.git().forEach((id, f) -> current.put(id, f.current()));
    return run(context.graph(), context.readings(), current);
  }

  /**
   * The finding for a self-reference that names another version than its repo's current release; a
   * repo with no release is noted in {@code noRelease}.
   */
  private static Optional<Finding> stale(
      ReleaseGraph graph, Reading r, Map<ArtifactId, Current> current, Set<ArtifactId> noRelease) {
    if (!isSelf(graph, r)) {
      return Optional.empty();
    }
    Current c = current.getOrDefault(r.fromRepo(), new Current(Optional.empty(), Optional.empty()));
    Optional<GitRepo.Release> release = r.stamp() == Stamp.REGULAR ? c.regular() : c.any();
    if (release.isEmpty()) {
      noRelease.add(r.fromRepo());
      return Optional.empty();
    }
    if (r.version().get().compareTo(release.get().version()) != 0) {
      String kind = r.stamp() == Stamp.REGULAR ? "latest regular release" : "current release";
      String what =
          r.isChartSelf()
              ? "chart " + r.target() + " " + r.place().locator().chartField().orElse("version")
              : r.from() + " -> " + r.target();
      return Optional.of(
          Finding.of(
                  Rule.SELF_REFERENCE,
                  what
                      + ": "
                      + r.place().position()
                      + " names "
                      + r.version().get()
                      + " but the "
                      + kind
                      + " of "
                      + r.fromRepo()
                      + " is "
                      + release.get().version()
                      + " (tag "
                      + release.get().tag()
                      + ")",
                  "write "
                      + r.format().render(release.get().version())
                      + " (lockstep release updates self-references on the after-release branch)",
                  Location.of(r.place(), r.place().value()))
              .about(r.target()));
    }
    return Optional.empty();
  }

  static List<Finding> run(
      ReleaseGraph graph, List<Reading> readings, Map<ArtifactId, Current> current) {
    List<Finding> out = new ArrayList<>();
    Set<ArtifactId> noRelease = new LinkedHashSet<>();
    // a method per reading: a loop body in a method called once would run interpreted throughout
    for (Reading r : readings) {
      stale(graph, r, current, noRelease).ifPresent(out::add);
    }
    for (ArtifactId repo : noRelease) {
      out.add(
          Finding.of(
              Rule.NO_RELEASE,
              "repo "
                  + repo
                  + " has no release tag ("
                  + graph.repo(repo).get().tagFormat()
                  + ") reachable from HEAD; its self-references were not checked",
              "",
              Location.of(graph.repo(repo).get().source(), "")));
    }
    return out;
  }
}
