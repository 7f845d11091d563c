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
 * release" may lag a pre-release). A repo that marks one place {@code pin: true} has its own
 * version of record: its other places must name that version. Otherwise an external artifact's
 * places must name the graph's {@code external.version}. Places with {@code override: NAME} are an
 * environment's own choice and take part in neither rule.
 */
final class AgreementCheck {
  private AgreementCheck() {}

  static List<Finding> run(
      ReleaseGraph graph,
      List<Reading> readings,
      BiFunction<ArtifactId, Stamp, Optional<Blame.Known>> known) {
    List<Finding> out = new ArrayList<>();
    Map<Key, List<Reading>> groups = new LinkedHashMap<>();
    Map<PinKey, Reading> pins = new LinkedHashMap<>();
    // The loops over every reading call a method per reading: called once, a loop body would run
    // interpreted throughout, where a method called per reading is compiled after a few hundred.
    for (Reading r : readings) {
      group(r, groups, pins);
    }
    groups.forEach((key, group) -> judge(key, group, pins, known, out));
    for (Reading r : readings) {
      externalPinMismatch(graph, r, pins).ifPresent(out::add);
    }
    return out;
  }

  private record PinKey(ArtifactId fromRepo, ArtifactId target) {}

  /** The findings of one group: against its pin if it has one, else among its places. */
  private static void judge(
      Key key,
      List<Reading> group,
      Map<PinKey, Reading> pins,
      BiFunction<ArtifactId, Stamp, Optional<Blame.Known>> known,
      List<Finding> out) {
    Reading pin = pins.get(new PinKey(key.fromRepo(), key.target()));
    if (pin != null) {
      for (Reading r : group) {
        againstPin(r, pin, out);
      }
      return;
    }
    Version first = group.get(0).version().get();
    boolean one = true;
    for (Reading r : group) {
      one &= sameVersion(r, first);
    }
    if (!one) {
      out.addAll(
          Blame.disagreements(
              key.fromRepo(), key.target(), group, known.apply(key.target(), key.stamp())));
    } else if (distinctValues(group).size() > 1) {
      out.addAll(digestDrift(key, group));
    }
  }

  // per reading, so compiled after a few hundred: the loops above run in a method called per group

  private static void againstPin(Reading r, Reading pin, List<Finding> out) {
    if (r != pin && !agree(r, pin)) {
      out.add(pinMismatch(r, pin));
    }
  }

  /** Same version as versions compare (a build suffix aside), as the set of them did. */
  private static boolean sameVersion(Reading r, Version first) {
    return r.version().get().compareTo(first) == 0;
  }

  /**
   * Files a literal place under its repo, target and stamp, and a pin under its repo and target.
   */
  private static void group(Reading r, Map<Key, List<Reading>> groups, Map<PinKey, Reading> pins) {
    if (r.policy() == Policy.LITERAL
        && r.version().isPresent()
        && !r.isChartSelf()
        && r.override().isEmpty()) {
      groups
          .computeIfAbsent(new Key(r.fromRepo(), r.target(), r.stamp()), k -> new ArrayList<>())
          .add(r);
      if (r.isPin()) {
        pins.putIfAbsent(new PinKey(r.fromRepo(), r.target()), r);
      }
    }
  }

  /** A literal place that names another version than the graph pins its external target at. */
  private static Optional<Finding> externalPinMismatch(
      ReleaseGraph graph, Reading r, Map<PinKey, Reading> pins) {
    Optional<Artifact> target = graph.artifact(r.target());
    Optional<Version> pinned = target.flatMap(Artifact::pinned);
    if (r.policy() == Policy.LITERAL
        && r.override().isEmpty()
        && !r.isChartSelf()
        && !pins.containsKey(new PinKey(r.fromRepo(), r.target()))
        && pinned.isPresent()
        && r.version().isPresent()
        && r.version().get().compareTo(pinned.get()) != 0) {
      return Optional.of(
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
                  r.version().get().compareTo(pinned.get()) > 0
                      ? "the place is newer than the pin; move the pin, e.g. lockstep bump "
                          + r.target()
                          + " "
                          + r.version().get()
                      : "write "
                          + r.format().render(pinned.get())
                          + ", or move the pin in the graph (external.version)",
                  List.of(
                      Location.of(r.place(), r.place().value()),
                      Location.of(target.get().source(), "pinned " + pinned.get())))
              .about(r.target()));
    }
    return Optional.empty();
  }

  /** Places of one repo that name one target at one stamp must agree. */
  private record Key(ArtifactId fromRepo, ArtifactId target, Stamp stamp) {
    // written out: a record's generated equals/hashCode links method handles on first use
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && fromRepo.equals(k.fromRepo)
          && target.equals(k.target)
          && stamp == k.stamp;
    }

    @Override
    public int hashCode() {
      return (fromRepo.hashCode() * 31 + target.hashCode()) * 31 + stamp.hashCode();
    }
  }

  /**
   * One version, different digests: the same tag would run as different images. The expected digest
   * is the one most places name (ties: the first); each other place is its own finding.
   */
  private static List<Finding> digestDrift(Key key, List<Reading> group) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    group.stream()
        .filter(r -> r.digest().isPresent())
        .forEach(r -> counts.merge(r.digest().get(), 1, Integer::sum));
    String expected = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    List<Reading> right =
        group.stream().filter(r -> r.digest().map(expected::equals).orElse(false)).toList();
    List<Location> related =
        right.stream()
            .map(r -> Location.of(r.place(), written(r) + " (" + r.from() + ")"))
            .toList();
    List<Finding> out = new ArrayList<>();
    for (Reading r : group) {
      if (r.digest().isEmpty() || r.digest().get().equals(expected)) {
        continue;
      }
      List<Location> where = new ArrayList<>();
      where.add(Location.of(r.place(), written(r)));
      where.addAll(related);
      Version v = r.version().get();
      out.add(
          Finding.of(
                  Rule.DISAGREEMENT,
                  "repo "
                      + key.fromRepo()
                      + " names "
                      + key.target()
                      + " at 2 digests of one tag "
                      + v
                      + ": "
                      + r.digest().get()
                      + " here ("
                      + r.from()
                      + "), "
                      + expected
                      + " in "
                      + right.size()
                      + (right.size() == 1 ? " other place" : " other places")
                      + "; one tag would run as different images",
                  "write the digest "
                      + expected
                      + " here, or run lockstep bump "
                      + key.target()
                      + " "
                      + v
                      + "@"
                      + expected,
                  where)
              .about(key.target()));
    }
    return out;
  }

  private static boolean agree(Reading r, Reading pin) {
    return r.version().get().compareTo(pin.version().get()) == 0
        && (r.digest().isEmpty() || pin.digest().isEmpty() || r.digest().equals(pin.digest()));
  }

  /** The pin's value as {@code r}'s format writes it. */
  private static String rendered(Reading r, Reading pin) {
    try {
      return r.format().render(pin.version().get(), pin.digest());
    } catch (dev.lockstep.model.BadInputException e) {
      return written(pin);
    }
  }

  private static Finding pinMismatch(Reading r, Reading pin) {
    return Finding.of(
            Rule.EXTERNAL_PIN,
            r.from()
                + " -> "
                + r.target()
                + ": "
                + r.place().position()
                + " names "
                + written(r)
                + " but repo "
                + r.fromRepo()
                + " pins "
                + r.target()
                + " at "
                + written(pin)
                + " ("
                + pin.place().position()
                + ")",
            r.version().get().compareTo(pin.version().get()) > 0
                ? "the place is newer than the pin; move the pin, e.g. lockstep bump "
                    + r.target()
                    + " "
                    + r.version().get()
                : "write "
                    + rendered(r, pin)
                    + " (the repo's version of record), or move the pin first",
            List.of(
                Location.of(r.place(), r.place().value()),
                Location.of(pin.place(), "pin " + written(pin))))
        .about(r.target());
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
