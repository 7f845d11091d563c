package dev.lockstep.verify;

import dev.lockstep.locate.Locate;
import dev.lockstep.locate.LocateException;
import dev.lockstep.locate.Place;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.scan.UndeclaredPlace;
import dev.lockstep.scan.UndeclaredScan;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns scan hits that no declared place covers into findings. */
final class UndeclaredCheck {
  private UndeclaredCheck() {}

  /** Scans each checked-out repo's tracked files, then reports hits no declared place covers. */
  static List<Finding> check(VerifyContext context) {
    ReleaseGraph graph = context.graph();
    Scanned scanned = context.scanned();
    List<UndeclaredPlace> hits = scanned.hits();
    List<Finding> notScanned = new ArrayList<>();
    if (!scanned.empty()) {
      for (Repo repo : graph.repos().values()) {
        if (repo.checkout().isPresent() && !context.tracked().containsKey(repo.id())) {
          notScanned.add(notScanned(repo));
        }
      }
    }
    List<Place> declared = new ArrayList<>();
    context.readings().forEach(r -> declared.add(r.place()));
    declared.addAll(disabledPlaces(graph));
    List<Finding> out = new ArrayList<>(run(hits, declared));
    out.addAll(notScanned);
    return out;
  }

  /**
   * What the scan found in every repo's tracked files; {@code empty}: it had nothing to look for.
   */
  record Scanned(List<UndeclaredPlace> hits, boolean empty) {}

  /**
   * Scans each repo's tracked files for the graph's known names. Needs no survey, so verify runs it
   * beside the survey as soon as git has listed the files.
   */
  static Scanned scan(
      ReleaseGraph graph, Map<dev.lockstep.model.ArtifactId, List<String>> tracked) {
    UndeclaredScan scan = UndeclaredScan.of(graph);
    List<UndeclaredPlace> hits = new ArrayList<>();
    if (!scan.isEmpty()) {
      tracked.forEach(
          (repo, files) -> hits.addAll(scan.scan(graph.repo(repo).get(), files, graph.file())));
    }
    return new Scanned(hits, scan.isEmpty());
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

  /**
   * The places that disabled artifacts declare: not checked (the artifact is off) but declared, so
   * the scan does not call them undeclared. Files that cannot be read are passed over.
   */
  static List<Place> disabledPlaces(ReleaseGraph graph) {
    List<Place> out = new ArrayList<>();
    Locate locate = new Locate();
    for (Artifact a : graph.artifacts().values()) {
      if (a.enabled() || a.repo().isEmpty()) {
        continue;
      }
      Optional<Repo> repo = graph.repo(a.repo().get());
      if (repo.isEmpty() || repo.get().checkout().isEmpty()) {
        continue;
      }
      RepoFiles files = new RepoFiles(repo.get().root());
      for (Reference r : a.uses()) {
        for (Locator l : r.at()) {
          try {
            out.addAll(locate.locate(files, l).places());
          } catch (LocateException e) {
            // a disabled artifact's broken locator is not this check's to report
          }
        }
      }
    }
    return out;
  }

  static List<Finding> run(List<UndeclaredPlace> hits, List<Place> declared) {
    Map<Path, List<Place>> byFile = new HashMap<>();
    // methods per place and per hit: a loop body in a method called once runs interpreted
    for (Place p : declared) {
      file(p, byFile);
    }
    List<Finding> out = new ArrayList<>();
    // Declared files are keyed by real path. A hit's path that is one of them is that file; any
    // other is resolved (once per file: hits come file by file), as a link may name a declared
    // file.
    Map<Path, Path> realPaths = new HashMap<>();
    for (UndeclaredPlace o : hits) {
      undeclared(o, byFile, realPaths).ifPresent(out::add);
    }
    return out;
  }

  private static void file(Place p, Map<Path, List<Place>> byFile) {
    byFile.computeIfAbsent(p.file().absolute(), f -> new ArrayList<>()).add(p);
  }

  /** The finding for a hit no declared place covers. */
  private static Optional<Finding> undeclared(
      UndeclaredPlace o, Map<Path, List<Place>> byFile, Map<Path, Path> realPaths) {
    List<Place> places = byFile.get(o.absolute());
    if (places == null) {
      Path real = realPaths.computeIfAbsent(o.absolute(), UndeclaredCheck::realPath);
      places = byFile.getOrDefault(real, List.of());
    }
    if (covered(o, places)) {
      return Optional.empty();
    }
    boolean image =
        switch (o.kind()) {
          case IMAGE -> true;
          case CHART -> false;
        };
    Location where =
        new Location(o.absolute(), o.line(), o.column(), o.line(), o.endColumn(), o.version());
    return Optional.of(
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

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return p;
    }
  }

  private static boolean covered(UndeclaredPlace o, List<Place> places) {
    for (Place s : places) {
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
