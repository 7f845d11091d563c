package dev.lockstep.online;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.Policy;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import dev.lockstep.verify.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verify --online}: every literal place with a parsed version, and every version the graph
 * pins for an external artifact, is looked up where that version would be published. A version that
 * is not there is {@link Rule#ONLINE_MISSING}, at each place that names it; a lookup that fails
 * (registry down, credentials refused, remote unreachable, nowhere to ask) is {@link
 * Rule#ONLINE_UNREACHABLE}, an error too: a lookup that did not answer never passes.
 *
 * <p>Placeholders, floating values and a chart's own {@code Chart.yaml} version are not looked up:
 * the first two name no release, and the last is the version the chart is about to be released at.
 */
public final class OnlineCheck {
  private OnlineCheck() {}

  /** The findings, and how many distinct lookups the places needed. */
  public record Result(List<Finding> findings, int lookups, int places) {}

  /** A place that names a version: who names it and where. */
  record LabeledLocation(String label, Location location) {}

  /**
   * The check {@code verify --online} adds to the gate; {@code lookups} is closed by the caller.
   */
  public static Check check(Lookups lookups) {
    return context -> run(context.graph(), context.readings(), lookups).findings();
  }

  public static Result run(ReleaseGraph graph, List<Reading> readings, Lookups lookups) {
    Targets targets = new Targets(graph, lookups.options());
    Map<Lookup, List<LabeledLocation>> places = new LinkedHashMap<>();
    int count = 0;
    for (Reading r : readings) {
      if (r.policy() != Policy.LITERAL || r.isChartSelf() || r.version().isEmpty()) {
        continue;
      }
      if (graph.artifact(r.target()).map(a -> !a.enabled()).orElse(false)) {
        continue;
      }
      Lookup l = targets.resolve(r.target(), r.version().get(), r.digest());
      places
          .computeIfAbsent(l, k -> new ArrayList<>())
          .add(
              new LabeledLocation(
                  r.from() + " -> " + r.target(), Location.of(r.place(), r.place().value())));
      count++;
    }
    for (Artifact a : graph.artifacts().values()) {
      if (a.isExternal() && a.enabled() && a.pinned().isPresent()) {
        Lookup l = targets.resolve(a.id(), a.pinned().get(), Optional.empty());
        places
            .computeIfAbsent(l, k -> new ArrayList<>())
            .add(
                new LabeledLocation(
                    "external " + a.kind().label() + " " + a.id() + " pins " + a.pinned().get(),
                    Location.of(a.source(), "external.version " + a.pinned().get())));
        count++;
      }
    }
    Map<Lookup, Outcome> outcomes = lookups.run(places.keySet());
    List<Finding> findings = new ArrayList<>();
    places.forEach(
        (lookup, where) -> {
          Outcome o = outcomes.get(lookup);
          if (o.state() == Outcome.State.MISSING) {
            for (LabeledLocation p : where) {
              findings.add(
                  Finding.of(
                      Rule.ONLINE_MISSING,
                      p.label() + ": " + o.detail(),
                      "publish that version first, or name one that exists",
                      p.location()));
            }
          } else if (o.movedTo().isPresent() && lookup instanceof Lookup.RegistryTag t) {
            for (LabeledLocation p : where) {
              findings.add(
                  Finding.of(
                      Rule.ONLINE_TAG_MOVED,
                      p.label()
                          + ": "
                          + t.name().repositoryName()
                          + ":"
                          + t.tag()
                          + " now resolves to "
                          + o.movedTo().get()
                          + ", not the pinned "
                          + t.digest().orElse("?")
                          + " (the tag moved)",
                      "the pin still names the image it ran; to take the new one, lockstep bump "
                          + "with --resolve-digest",
                      p.location()));
            }
          } else if (o.state() == Outcome.State.UNREACHABLE) {
            List<Location> locations = new ArrayList<>();
            where.forEach(p -> locations.add(p.location()));
            findings.add(
                Finding.of(
                    Rule.ONLINE_UNREACHABLE,
                    where.get(0).label()
                        + ": could not check that "
                        + lookup.display()
                        + " exists: "
                        + o.detail()
                        + (where.size() > 1 ? " (" + where.size() + " places name it)" : ""),
                    "a lookup that fails fails the gate; retry when it answers, or check --registry, "
                        + "--insecure-registry and credentials",
                    locations));
          }
        });
    return new Result(findings, places.size(), count);
  }
}
