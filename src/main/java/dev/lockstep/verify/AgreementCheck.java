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
import java.util.TreeSet;
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
          TreeSet<Version> versions = new TreeSet<>();
          group.forEach(r -> versions.add(r.version().get()));
          if (versions.size() > 1) {
            out.addAll(
                Blame.disagreements(
                    key.fromRepo(), key.target(), group, known.apply(key.target(), key.stamp())));
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
}
