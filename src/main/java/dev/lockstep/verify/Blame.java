package dev.lockstep.verify;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Who is wrong when places disagree. The expected version is the target's own release when a place
 * names it (its repo's current release, or the graph's pin for an external), else the version most
 * places name (ties: the newest). Each place naming another version is its own finding at its own
 * line; the places that are right are only ever related locations.
 */
final class Blame {
  private Blame() {}

  /**
   * What the target is known to be at, independently of the places: a release or a pin.
   *
   * @param why how a message names it, e.g. {@code the current release of kubeflex (tag v0.9.1)}
   */
  record Known(Version version, String why) {}

  /** The version a group of places should name, and why. */
  record Expected(Version version, String why) {}

  /** The expected version of {@code group} (every reading has a version). */
  static Expected expected(List<Reading> group, Optional<Known> known) {
    Map<Version, Integer> counts = new TreeMap<>(); // by compareTo: the scheme's equality
    group.forEach(r -> counts.merge(r.version().get(), 1, Integer::sum));
    if (known.isPresent() && counts.containsKey(known.get().version())) {
      return new Expected(known.get().version(), known.get().why());
    }
    int most = counts.values().stream().max(Integer::compare).orElse(0);
    List<Version> leaders =
        counts.entrySet().stream()
            .filter(e -> e.getValue() == most)
            .map(Map.Entry::getKey)
            .sorted(Comparator.reverseOrder())
            .toList();
    String why =
        leaders.size() > 1
            ? "the newest of the versions named most often"
            : "the version most places name";
    return new Expected(leaders.get(0), why);
  }

  /** One finding per place of {@code group} that names another version than expected. */
  static List<Finding> disagreements(
      ArtifactId fromRepo, ArtifactId target, List<Reading> group, Optional<Known> known) {
    Expected expected = expected(group, known);
    List<Reading> correct =
        group.stream().filter(r -> r.version().get().compareTo(expected.version()) == 0).toList();
    List<Location> related =
        correct.stream()
            .map(r -> Location.of(r.place(), r.version().get() + " (" + r.from() + ")"))
            .toList();
    Version bumpTo = bumpTarget(group, expected, known);
    List<Finding> out = new ArrayList<>();
    for (Reading r : group) {
      Version v = r.version().get();
      if (v.compareTo(expected.version()) == 0) {
        continue;
      }
      List<Location> where = new ArrayList<>();
      where.add(Location.of(r.place(), r.place().value()));
      where.addAll(related);
      out.add(
          Finding.of(
                  Rule.DISAGREEMENT,
                  "repo "
                      + fromRepo
                      + " names "
                      + target
                      + " at "
                      + v
                      + " here ("
                      + r.from()
                      + ") but at "
                      + expected.version()
                      + " in "
                      + plural(correct.size(), "other place")
                      + "; "
                      + expected.version()
                      + " is "
                      + expected.why(),
                  "write "
                      + written(r, expected.version())
                      + " here, or run lockstep bump "
                      + target
                      + " "
                      + bumpTo
                      + " to move every reference to "
                      + target,
                  where)
              .about(target));
    }
    return out;
  }

  /**
   * The version a {@code bump} suggestion names: never lower than a place already holds (that would
   * be a downgrade), and the target's own latest release when it is newer still.
   */
  static Version bumpTarget(List<Reading> group, Expected expected, Optional<Known> known) {
    Version top = expected.version();
    for (Reading r : group) {
      if (r.version().get().compareTo(top) > 0) {
        top = r.version().get();
      }
    }
    Version newest = top;
    return known
        .map(Known::version)
        .filter(v -> v.identity().equals(newest.identity()) && v.compareTo(newest) > 0)
        .orElse(newest);
  }

  /** What the place's format writes for {@code v} (just the version when it needs a digest). */
  static String written(Reading r, Version v) {
    try {
      return r.format().render(v);
    } catch (RuntimeException e) {
      return v.toString();
    }
  }

  /**
   * What each target is known to be at: the pin of an external, else the current release (the
   * newest regular one for {@code stamp: regular}) of its repo when that repo is checked out.
   */
  static BiFunction<ArtifactId, Stamp, Optional<Known>> known(VerifyContext context) {
    ReleaseGraph graph = context.graph();
    return (target, stamp) -> {
      Optional<Version> pinned = graph.artifact(target).flatMap(Artifact::pinned);
      if (pinned.isPresent()) {
        return Optional.of(new Known(pinned.get(), "the version the graph pins"));
      }
      Optional<ArtifactId> repo = graph.releaseRepoOf(target);
      if (repo.isEmpty() || !context.git().containsKey(repo.get())) {
        return Optional.empty();
      }
      SelfReferenceCheck.Current current = context.git().get(repo.get()).current();
      Optional<GitRepo.Release> release =
          stamp == Stamp.REGULAR ? current.regular() : current.any();
      return release.map(
          r ->
              new Known(
                  r.version(),
                  (stamp == Stamp.REGULAR
                          ? "the latest regular release of "
                          : "the current release of ")
                      + repo.get()
                      + " (tag "
                      + r.tag()
                      + ")"));
    };
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
