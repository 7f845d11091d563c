package dev.lockstep.survey;

import dev.lockstep.locate.Locate;
import dev.lockstep.locate.LocateException;
import dev.lockstep.locate.Place;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Count;
import dev.lockstep.model.ImageBuild;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Query;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.VersionFormat;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every declared place of the graph: each reference's locators and each chart's own {@code
 * version}/{@code appVersion}. Produces the {@link Reading}s that the agreement rules work on, and
 * the findings about single places (file problems, counts, values, placeholders). {@code graph},
 * {@code explain} and the release planner read the same survey.
 */
public final class Survey {
  private final ReleaseGraph graph;
  private final Locate locate = new Locate();
  private final Map<ArtifactId, RepoFiles> files = new LinkedHashMap<>();
  private final List<Reading> readings = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<ArtifactId> skippedRepos = new ArrayList<>();
  private final Map<RepoFiles, Map<Locator, Locate.Attempt>> located = new IdentityHashMap<>();

  private Survey(ReleaseGraph graph) {
    this.graph = graph;
  }

  public static Survey of(ReleaseGraph graph) {
    Survey s = new Survey(graph);
    s.run();
    return s;
  }

  public ReleaseGraph graph() {
    return graph;
  }

  public List<Reading> readings() {
    return readings;
  }

  /** Findings about single places, in graph order. */
  public List<Finding> findings() {
    return findings;
  }

  /** Repos whose checkout is missing, in graph order. */
  public List<ArtifactId> skippedRepos() {
    return skippedRepos;
  }

  /** The files of each checked-out repo, as read during the survey. */
  public Map<ArtifactId, RepoFiles> repoFiles() {
    return files;
  }

  public List<Reading> readingsOf(Reference r) {
    return readings.stream().filter(x -> x.referenceIndex() == r.index()).toList();
  }

  private void run() {
    for (Repo repo : graph.repos().values()) {
      if (repo.checkout().isPresent()) {
        files.put(repo.id(), new RepoFiles(repo.root()));
      } else {
        skippedRepos.add(repo.id());
        findings.add(
            Finding.of(
                Rule.REPO_SKIPPED,
                "repo "
                    + repo.id()
                    + (repo.local()
                        ? " is not checked out at " + repo.root()
                        : " is not checked out here (url: alone)")
                    + "; its files were not verified",
                "check it out there, or adjust repos." + repo.id() + ".path",
                Location.of(repo.source(), "")));
      }
    }
    locateAhead();
    // Each artifact's places are read on their own (files were located ahead, and nothing read
    // here is shared), so artifacts go in parallel; their readings and findings keep graph order.
    // A list, not the map's values: those split in batches of 1,024, so never on a real graph.
    List<Part> parts =
        List.copyOf(graph.artifacts().values()).parallelStream()
            .map(
                a -> {
                  Part part = new Part();
                  part.artifact(a);
                  return part;
                })
            .toList();
    for (Part part : parts) {
      findings.addAll(part.findings);
      readings.addAll(part.readings);
    }
    located.clear();
  }

  /**
   * Locates every reference's places before the survey walks the graph: file by file (each read and
   * parsed once, its parse dropped after) and files in parallel. The walk then takes each locator's
   * result in graph order, so readings and findings keep their order. A locator the walk meets that
   * was not located ahead is located then.
   */
  private void locateAhead() {
    Map<RepoFiles, Map<String, Job>> jobs = new LinkedHashMap<>();
    // a method per artifact and per file, not loop bodies: this method runs once, and its loops
    // would run interpreted throughout
    for (Artifact a : graph.artifacts().values()) {
      jobsOf(a, jobs);
    }
    List<Job> all = jobs.values().stream().flatMap(m -> m.values().stream()).toList();
    List<List<Locate.Attempt>> results =
        all.parallelStream()
            .map(j -> locate.locateEach(j.files(), j.path(), j.locators()))
            .toList();
    for (int i = 0; i < all.size(); i++) {
      keep(all.get(i), results.get(i));
    }
  }

  /** The locators of one file of one repo. */
  private record Job(RepoFiles files, String path, List<Locator> locators) {}

  /** Files {@code a}'s locators under their repo and file. */
  private void jobsOf(Artifact a, Map<RepoFiles, Map<String, Job>> jobs) {
    RepoFiles repoFiles = a.repo().map(files::get).orElse(null);
    if (!a.enabled() || repoFiles == null) {
      return;
    }
    for (Reference r : a.uses()) {
      if (graph.artifact(r.to()).map(t -> !t.enabled()).orElse(false)) {
        continue;
      }
      for (Locator l : r.at()) {
        jobs.computeIfAbsent(repoFiles, f -> new LinkedHashMap<>())
            .computeIfAbsent(l.file(), p -> new Job(repoFiles, p, new ArrayList<>()))
            .locators()
            .add(l);
      }
    }
  }

  /** Keeps what one file's locators found, by locator. */
  private void keep(Job j, List<Locate.Attempt> results) {
    Map<Locator, Locate.Attempt> byLocator =
        located.computeIfAbsent(j.files(), f -> new IdentityHashMap<>());
    for (int k = 0; k < j.locators().size(); k++) {
      byLocator.putIfAbsent(j.locators().get(k), results.get(k));
    }
  }

  /** What {@code l} finds in {@code repoFiles}: located ahead, or now. */
  private Locate.Found located(RepoFiles repoFiles, Locator l) throws LocateException {
    Map<Locator, Locate.Attempt> ahead = located.get(repoFiles);
    Locate.Attempt attempt = ahead == null ? null : ahead.get(l);
    return attempt != null ? attempt.get() : locate.locate(repoFiles, l);
  }

  private static Rule ruleOf(LocateException.Reason reason) {
    switch (reason) {
      case FILE_MISSING:
        return Rule.FILE_MISSING;
      case PATH_ESCAPE:
        return Rule.PATH_ESCAPE;
      case NOT_A_FILE:
        return Rule.NOT_A_FILE;
      case BINARY:
        return Rule.BINARY;
      case HUGE:
        return Rule.HUGE;
      case NOT_UTF8:
        return Rule.NOT_UTF8;
      default:
        return Rule.UNPARSABLE;
    }
  }

  /** One artifact's share of the survey: its readings and findings, in the order made. */
  private final class Part {
    private final List<Reading> readings = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private void artifact(Artifact a) {
      if (!a.enabled()) {
        findings.add(
            Finding.of(
                Rule.DISABLED,
                a.kind().label() + " " + a.id() + " is disabled: " + a.disabled().get(),
                "",
                Location.of(a.source(), "")));
        return;
      }
      Optional<RepoFiles> repoFiles = a.repo().map(files::get);
      if (a.repo().isPresent() && repoFiles.isEmpty()) {
        return; // its repo is skipped, and said so
      }
      if (a.asChart().isPresent() && repoFiles.isPresent()) {
        ChartArtifact c = a.asChart().get();
        chartSelf(c, repoFiles.get());
        packagedLinks(a, c.path(), repoFiles.get());
      }
      if (a.asImage().isPresent()
          && a.asImage().get().build().isPresent()
          && repoFiles.isPresent()) {
        for (ImageBuild.Layer l : a.asImage().get().build().get().layers()) {
          packagedLinks(a, l.from(), repoFiles.get());
        }
      }
      for (Reference r : a.uses()) {
        reference(a, r, repoFiles);
      }
    }

    private void reference(Artifact from, Reference r, Optional<RepoFiles> repoFiles) {
      if (graph.artifact(r.to()).map(t -> !t.enabled()).orElse(false)) {
        return; // a disabled target is reported once, where it is declared
      }
      if (r.at().isEmpty()) {
        if (r.unversioned().isEmpty()) {
          findings.add(
              Finding.of(
                  Rule.UNVERSIONED,
                  "reference "
                      + r.label()
                      + " says nowhere which version of "
                      + r.to()
                      + " it uses",
                  "add at: with the file and place where the version is written, or unversioned: \"why\"",
                  Location.of(r.source(), "")));
        }
        return;
      }
      if (repoFiles.isEmpty()) {
        return; // an external artifact's files are not ours to read
      }
      VersionFormat targetFormat = graph.defaultFormat(r.to());
      for (Locator l : r.at()) {
        List<Place> places = locate(l, repoFiles.get(), r.label(), Optional.of(r.to()));
        for (Place s : places) {
          read(
              r.index(),
              from.id(),
              from.repo().get(),
              r.to(),
              r.policy(),
              r.placeholder(),
              r.stamp(),
              s,
              r.formatAt(l, targetFormat));
        }
      }
    }

    /**
     * What a chart or an image layer packages must come from the repo: a symlink leading out would
     * package a file of the machine that runs the release (or {@code verify --render}).
     */
    private void packagedLinks(Artifact a, String relPath, RepoFiles repoFiles) {
      List<String> links;
      try {
        links = repoFiles.leavingLinks(relPath);
      } catch (java.io.IOException e) {
        links = List.of(relPath);
      }
      for (String link : links) {
        findings.add(
            Finding.of(
                Rule.PATH_ESCAPE,
                a.kind().label()
                    + " "
                    + a.id()
                    + ": "
                    + link
                    + " is a symlink that leads out of the repo; it would be packaged",
                "commit the file itself, not a link to a file outside the repo",
                Location.of(a.source(), link)));
      }
    }

    private void chartSelf(ChartArtifact c, RepoFiles repoFiles) {
      chartName(c, repoFiles);
      List<String> fields = new ArrayList<>(List.of("version"));
      if (c.appVersionFormat().isPresent() || c.appVersionPlaceholder().isPresent()) {
        fields.add("appVersion");
      }
      for (String field : fields) {
        Locator l =
            new Locator(
                c.chartYaml(),
                new Query.Yaml(
                    "." + field, List.of(new Query.YamlStep.Key(field)), Optional.empty()),
                Count.ONE,
                Optional.empty(),
                Optional.of(field),
                c.source());
        Optional<String> placeholder =
            field.equals("version") ? c.versionPlaceholder() : c.appVersionPlaceholder();
        VersionFormat format =
            field.equals("version")
                ? c.versionFormat()
                : c.appVersionFormat().orElse(c.versionFormat());
        for (Place s : locate(l, repoFiles, "chart " + c.id(), Optional.of(c.id()))) {
          read(
              -1,
              c.id(),
              c.repo().get(),
              c.id(),
              placeholder.isPresent() ? Policy.PLACEHOLDER : Policy.LITERAL,
              placeholder,
              Stamp.EVERY,
              s,
              format);
        }
      }
    }

    /**
     * Helm pushes a chart under its Chart.yaml name: it must be the last part of the publish path.
     */
    private void chartName(ChartArtifact c, RepoFiles repoFiles) {
      if (c.publishPath().isEmpty()) {
        return;
      }
      String path = c.publishPath().get();
      String expected = path.substring(path.lastIndexOf('/') + 1);
      Locator l =
          new Locator(
              c.chartYaml(),
              new Query.Yaml(".name", List.of(new Query.YamlStep.Key("name")), Optional.empty()),
              Count.ONE,
              Optional.empty(),
              Optional.of("name"),
              c.source());
      try {
        for (Place s : locate.locate(repoFiles, l).places()) {
          if (!s.value().equals(expected)) {
            findings.add(
                Finding.of(
                    Rule.CHART_NAME,
                    "chart "
                        + c.id()
                        + ": "
                        + s.position()
                        + " names the chart '"
                        + s.value()
                        + "' but publish: "
                        + c.publish().get()
                        + " ends in '"
                        + expected
                        + "'; Helm pushes by the Chart.yaml name",
                    "make them agree",
                    List.of(Location.of(s, s.value()), Location.of(c.source(), "publish"))));
          }
        }
      } catch (LocateException e) {
        // reported by the version place of the same Chart.yaml
      }
    }

    private List<Place> locate(
        Locator l, RepoFiles repoFiles, String owner, Optional<ArtifactId> target) {
      try {
        Locate.Found found = located(repoFiles, l);
        if (!l.count().accepts(found.places().size())) {
          List<Location> where = new ArrayList<>();
          where.add(Location.of(l.source(), ""));
          found.places().forEach(s -> where.add(Location.of(s, "match: " + s.raw())));
          String notes =
              found.notes().isEmpty() ? "" : " (" + String.join("; ", found.notes()) + ")";
          add(
              Finding.of(
                  Rule.COUNT,
                  owner
                      + ": "
                      + l.describe()
                      + " matches "
                      + found.places().size()
                      + " place(s), expected "
                      + l.count()
                      + notes,
                  found.places().isEmpty()
                      ? "fix the path or pattern, or the file"
                      : "narrow the query, or declare count: "
                          + found.places().size()
                          + " (or all: true)",
                  where),
              target);
          return found.places().isEmpty() ? List.of() : found.places();
        }
        return found.places();
      } catch (LocateException e) {
        add(
            Finding.of(
                ruleOf(e.reason()),
                owner + ": " + e.getMessage(),
                e.fix(),
                Location.of(l.source(), "")),
            target);
        return List.of();
      }
    }

    private void add(Finding f, Optional<ArtifactId> target) {
      findings.add(target.map(f::about).orElse(f));
    }

    /** Checks one place's value against its policy and format, and records the reading. */
    private void read(
        int index,
        ArtifactId from,
        ArtifactId fromRepo,
        ArtifactId target,
        Policy policy,
        Optional<String> placeholder,
        Stamp stamp,
        Place s,
        VersionFormat format) {
      String value = s.value();
      Optional<VersionFormat.Written> written = Optional.empty();
      Optional<String> digestOnly = Optional.empty();
      Optional<String> image = format.imageName();
      if (policy == Policy.PLACEHOLDER) {
        if (!value.equals(placeholder.get())) {
          add(
              Finding.of(
                  Rule.PLACEHOLDER,
                  what(index, from, target, s)
                      + ": "
                      + s.position()
                      + " holds '"
                      + value
                      + "', not the placeholder '"
                      + placeholder.get()
                      + "'",
                  "git keeps the placeholder; the release commit carries the version: restore '"
                      + placeholder.get()
                      + "'",
                  Location.of(s, value)),
              Optional.of(target));
        }
      } else if (image.isPresent() && isDigestPin(image.get(), value)) {
        written = Optional.empty(); // NAME@sha256:...: a pin by digest alone, valid with no tag
        digestOnly = Optional.of(value.substring(value.indexOf('@') + 1));
      } else if (value.isBlank()
          || image.isPresent() && value.equals(image.get())
          || format.scheme().isFloating(format.slot(value).orElse(value))) {
        add(
            Finding.of(
                Rule.FLOATING,
                what(index, from, target, s)
                    + ": '"
                    + value
                    + "' at "
                    + s.position()
                    + " floats; it names no release",
                "pin a released version written as " + format,
                Location.of(s, value)),
            Optional.of(target));
      } else {
        written = format.parse(value);
        if (written.isEmpty()) {
          Optional<VersionFormat> other =
              VersionFormat.common(format.scheme()).stream()
                  .filter(f -> !f.equals(format) && f.parse(value).isPresent())
                  .findFirst();
          if (other.isPresent()) {
            add(
                Finding.of(
                    Rule.WRONG_FORMAT,
                    what(index, from, target, s)
                        + ": '"
                        + value
                        + "' at "
                        + s.position()
                        + " is written as "
                        + other.get()
                        + ", expected "
                        + format,
                    "write " + format.render(other.get().parse(value).get().version()),
                    Location.of(s, value)),
                Optional.of(target));
          } else {
            add(
                Finding.of(
                    Rule.NOT_A_VERSION,
                    what(index, from, target, s)
                        + ": '"
                        + value
                        + "' at "
                        + s.position()
                        + " is not a version in format "
                        + format,
                    "write " + format.scheme().example() + ", as " + format,
                    Location.of(s, value)),
                Optional.of(target));
          }
        } else if (!s.isSpliceable()) {
          add(
              Finding.of(
                  Rule.UNSAFE_EDIT,
                  what(index, from, target, s)
                      + ": the value at "
                      + s.position()
                      + " is a block scalar or holds escapes, so a release cannot rewrite it in place",
                  "write it as a one-line plain or quoted value",
                  Location.of(s, value)),
              Optional.of(target));
        }
      }
      readings.add(
          new Reading(
              index,
              from,
              fromRepo,
              target,
              policy,
              stamp,
              s,
              format,
              written.map(VersionFormat.Written::version),
              written.isPresent() ? written.get().digest() : digestOnly));
    }

    /**
     * What a finding about a reading names; made only for a finding (a verify reads thousands of
     * places and reports few).
     */
    private static String what(int index, ArtifactId from, ArtifactId target, Place s) {
      return index < 0
          ? "chart " + target + " " + s.locator().chartField().orElse("version")
          : from + " -> " + target;
    }
  }

  private static final java.util.regex.Pattern DIGEST_PIN =
      java.util.regex.Pattern.compile("@sha256:[0-9a-f]{64}");

  /** {@code name@sha256:...} for an image {@code name}: pinned by digest, with no tag. */
  private static boolean isDigestPin(String name, String value) {
    return value.startsWith(name) && DIGEST_PIN.matcher(value.substring(name.length())).matches();
  }
}
