package dev.lockstep.verify;

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
import java.util.List;
import java.util.Map;

/** Turns scan hits that no declared place covers into findings. */
final class UndeclaredCheck {
  private UndeclaredCheck() {}

  /** Scans each checked-out repo's tracked files, then reports hits no declared place covers. */
  static List<Finding> check(VerifyContext context) {
    ReleaseGraph graph = context.graph();
    UndeclaredScan scan = UndeclaredScan.of(graph);
    List<UndeclaredPlace> hits = new ArrayList<>();
    List<Finding> notScanned = new ArrayList<>();
    if (!scan.isEmpty()) {
      context
          .git()
          .forEach(
              (repo, facts) ->
                  hits.addAll(scan.scan(graph.repo(repo).get(), facts.tracked(), graph.file())));
      for (Repo repo : graph.repos().values()) {
        if (repo.checkout().isPresent() && !context.git().containsKey(repo.id())) {
          notScanned.add(notScanned(repo));
        }
      }
    }
    List<Finding> out = run(hits, context.readings());
    out.addAll(notScanned);
    return out;
  }

  /** The scan reads what git tracks; a folder that is not a git work tree is named, not skipped. */
  static Finding notScanned(Repo repo) {
    return Finding.of(
        Rule.NOT_SCANNED,
        "repo "
            + repo.id()
            + " at "
            + repo.root()
            + " is not a git work tree; its files were not scanned for undeclared references",
        "run verify in a git checkout of "
            + repo.id()
            + " (git init, or clone it there) so the scan can read its tracked files",
        Location.of(repo.source(), ""));
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
