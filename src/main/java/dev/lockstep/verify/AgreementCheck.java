package dev.lockstep.verify;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Policy;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Literal places from one repo to one artifact must name one version (per stamp: a "latest regular
 * release" may lag a pre-release). An external artifact's places must name its pinned version.
 */
final class AgreementCheck {
  private AgreementCheck() {}

  static List<Finding> run(
      ReleaseGraph graph,
      List<Reading> readings,
      BiFunction<ArtifactId, Stamp, Optional<Blame.Known>> known) {
    List<Finding> out = new ArrayList<>();
    record Key(ArtifactId fromRepo, ArtifactId target, Stamp stamp) {}
    Map<Key, List<Reading>> groups = new LinkedHashMap<>();
    for (Reading r : readings) {
      if (r.policy() == Policy.LITERAL && r.version().isPresent() && !r.isChartSelf()) {
        groups
            .computeIfAbsent(new Key(r.fromRepo(), r.target(), r.stamp()), k -> new ArrayList<>())
            .add(r);
      }
    }
    groups.forEach(
        (key, group) -> {
          List<Reading> distinct = distinctValues(group);
          if (distinct.size() > 1) {
            Version newest =
                distinct.stream().map(r -> r.version().get()).max(Version::compareTo).get();
            boolean digestsOnly =
                distinct.stream().allMatch(r -> r.version().get().compareTo(newest) == 0);
            if (!digestsOnly) {
              out.addAll(
                  Blame.disagreements(
                      key.fromRepo(), key.target(), group, known.apply(key.target(), key.stamp())));
              return;
            }
            List<Location> where =
                group.stream()
                    .map(r -> Location.of(r.place(), written(r) + " (" + r.from() + ")"))
                    .toList();
            out.add(
                Finding.of(
                    Rule.DISAGREEMENT,
                    "repo "
                        + key.fromRepo()
                        + " names "
                        + key.target()
                        + " at "
                        + distinct.size()
                        + " digests of one tag: "
                        + String.join(", ", distinct.stream().map(AgreementCheck::written).toList())
                        + " ("
                        + group.size()
                        + " places)",
                    "one tag ran as different images; make every place name one digest, e.g."
                        + " lockstep bump "
                        + key.target()
                        + " "
                        + newest
                        + "@"
                        + distinct.get(0).digest().get(),
                    where));
          }
        });
    for (Reading r : readings) {
      Optional<Artifact> target = graph.artifact(r.target());
      Optional<Version> pinned = target.flatMap(Artifact::pinned);
      if (r.policy() == Policy.LITERAL
          && pinned.isPresent()
          && r.version().isPresent()
          && r.version().get().compareTo(pinned.get()) != 0) {
        out.add(
            Finding.of(
                    Rule.EXTERNAL_PIN,
                    r.from()
                        + " -> "
                        + r.target()
                        + ": "
                        + r.place().position()
                        + " names "
                        + r.version().get()
                        + " but the graph pins "
                        + r.target()
                        + " at "
                        + pinned.get(),
                    "write "
                        + r.format().render(pinned.get())
                        + ", or move the pin in the graph (external.version)",
                    List.of(
                        Location.of(r.place(), r.place().value()),
                        Location.of(target.get().source(), "pinned " + pinned.get())))
                .about(r.target()));
      }
    }
    return out;
  }

  /**
   * The different values among places of one reference, sorted by the target's scheme: two places
   * hold the same value when their versions compare equal under the scheme ({@code 1.2.3+a} and
   * {@code 1.2.3+b} do) and, when both carry a digest, the digests are equal. A place without a
   * digest agrees with any digest of its version.
   */
  static List<Reading> distinctValues(List<Reading> group) {
    List<Reading> distinct = new ArrayList<>();
    for (Reading r : group) {
      boolean seen =
          distinct.stream()
              .anyMatch(
                  d ->
                      d.version().get().compareTo(r.version().get()) == 0
                          && (d.digest().isEmpty()
                              || r.digest().isEmpty()
                              || d.digest().equals(r.digest())));
      if (!seen) {
        distinct.add(r);
      }
    }
    distinct.sort(
        (a, b) -> {
          int c = a.version().get().compareTo(b.version().get());
          return c != 0 ? c : a.digest().orElse("").compareTo(b.digest().orElse(""));
        });
    return distinct;
  }

  /** A place's value as compared: its version, and its digest when it has one. */
  private static String written(Reading r) {
    return r.version().get() + r.digest().map(d -> "@" + d).orElse("");
  }
}
