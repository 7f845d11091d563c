package dev.lockstep.verify;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.scan.UndeclaredPlace;
import dev.lockstep.scan.UndeclaredScan;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns scan hits that no declared place covers into findings. */
final class UndeclaredCheck {
  private UndeclaredCheck() {}

  /** Scans each checked-out repo's tracked files, then reports hits no declared place covers. */
  static List<Finding> check(VerifyContext context) {
    ReleaseGraph graph = context.graph();
    UndeclaredScan scan = UndeclaredScan.of(graph);
    List<UndeclaredPlace> hits = new ArrayList<>();
    if (!scan.isEmpty()) {
      context
          .git()
          .forEach(
              (repo, facts) ->
                  hits.addAll(scan.scan(graph.repo(repo).get(), facts.tracked(), graph.file())));
    }
    return run(withoutUnread(graph, hits), context.readings());
  }

  /**
   * Drops hits in files that a reference of a disabled artifact, or to a disabled target, declares
   * for that target: the survey does not read those places, but they are declared all the same.
   */
  private static List<UndeclaredPlace> withoutUnread(
      ReleaseGraph graph, List<UndeclaredPlace> hits) {
    record Declared(Path file, ArtifactId target) {}
    Set<Declared> declared = new HashSet<>();
    for (Artifact a : graph.artifacts().values()) {
      Optional<Repo> repo = a.repo().flatMap(graph::repo);
      if (repo.isEmpty()) {
        continue;
      }
      for (Reference r : a.uses()) {
        boolean unread =
            !a.enabled() || graph.artifact(r.to()).map(t -> !t.enabled()).orElse(false);
        if (unread) {
          for (Locator l : r.at()) {
            declared.add(new Declared(repo.get().root().resolve(l.file()).normalize(), r.to()));
          }
        }
      }
    }
    if (declared.isEmpty()) {
      return hits;
    }
    return hits.stream()
        .filter(h -> !declared.contains(new Declared(h.absolute().normalize(), h.artifact())))
        .toList();
  }

  static List<Finding> run(List<UndeclaredPlace> hits, List<Reading> readings) {
    Map<Path, List<Reading>> byFile = new HashMap<>();
    for (Reading r : readings) {
      byFile.computeIfAbsent(r.place().file().absolute(), f -> new ArrayList<>()).add(r);
    }
    List<Finding> out = new ArrayList<>();
    for (UndeclaredPlace o : hits) {
      Path real;
      try {
        real = o.absolute().toRealPath();
      } catch (java.io.IOException e) {
        real = o.absolute();
      }
      if (covered(o, byFile.getOrDefault(real, List.of()))) {
        continue;
      }
      boolean image =
          switch (o.kind()) {
            case IMAGE -> true;
            case CHART -> false;
          };
      Location where =
          new Location(o.absolute(), o.line(), o.column(), o.line(), o.endColumn(), o.version());
      out.add(
          Finding.of(
              image ? Rule.UNDECLARED_IMAGE : Rule.UNDECLARED_CHART,
              o.path()
                  + ":"
                  + o.line()
                  + ": '"
                  + o.text()
                  + "' names "
                  + (image ? "image " : "chart ")
                  + o.artifact()
                  + " at "
                  + o.version()
                  + ", but no reference declares this place",
              "add it to a reference's at: (e.g. { file: "
                  + o.path()
                  + ", regex: ... }) so releases keep it right, "
                  + "or exclude the file with scan.exclude",
              where));
    }
    return out;
  }

  private static boolean covered(UndeclaredPlace o, List<Reading> readings) {
    for (Reading r : readings) {
      var s = r.place();
      if (s.line() <= o.line() && s.endLine() >= o.line()) {
        int from = s.line() == o.line() ? s.column() : Integer.MIN_VALUE;
        int to = s.endLine() == o.line() ? s.endColumn() : Integer.MAX_VALUE;
        if (from < o.endColumn() && o.column() < to) {
          return true;
        }
      }
    }
    return false;
  }
}
