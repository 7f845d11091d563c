package dev.lockstep.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.oci.ImageLabels;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.oci.TagContents;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * {@code lockstep audit REPO VERSION}: checks a published release from the outside.
 *
 * <ol>
 *   <li>the tag (the repo's tag format) exists in the checkout and peels to a commit, the release
 *       commit; when the checkout has an {@code origin}, the tag there names the same commit;
 *   <li>every image of the repo exists at its tag for VERSION, and its config labels {@link
 *       ImageLabels#REVISION} and {@link ImageLabels#VERSION} name the release commit and VERSION
 *       (required for images lockstep builds; checked where present for images built elsewhere);
 *   <li>every chart of the repo with a {@code publish:} path exists at its version, and the {@code
 *       Chart.yaml} inside the pushed archive has {@code version} and {@code appVersion} as the
 *       chart's formats write VERSION;
 *   <li>every image of ours a chart names (its values, its {@code appVersion}) at the release
 *       commit exists; and every other version the repo's files name at the release commit exists
 *       (as {@code verify --online} would look it up);
 *   <li>given the release manifest ({@code release-REPO-VERSION.json}): every chart's manifest
 *       digest in the registry is the {@code manifestDigest} it recorded. lockstep pushes charts
 *       with the release commit's time as their creation time, so that digest is the same for every
 *       push of the release commit, and any other is a chart pushed by something else.
 * </ol>
 *
 * The files of the release commit are the work tree when HEAD is that commit and nothing tracked is
 * changed, and otherwise a temporary export of the commit's tree.
 */
public final class Auditor {

  private final ReleaseGraph graph;
  private final Repo repo;
  private final Version version;
  private final String tag;
  private final Lookups lookups;
  private final Targets targets;

  /** Chart id to the manifest digest the release manifest recorded for it. */
  private final Map<String, String> recordedChartDigests;

  private Auditor(
      ReleaseGraph graph,
      Repo repo,
      Version version,
      String tag,
      Lookups lookups,
      Map<String, String> recordedChartDigests) {
    this.graph = graph;
    this.repo = repo;
    this.version = version;
    this.tag = tag;
    this.lookups = lookups;
    this.targets = new Targets(graph, lookups.options());
    this.recordedChartDigests = recordedChartDigests;
  }

  /**
   * The chart manifest digests a release manifest recorded ({@code artifacts[].manifestDigest} of
   * its charts), by chart id.
   *
   * @throws BadInputException the file cannot be read or is not a release manifest
   */
  public static Map<String, String> recordedChartDigests(Path releaseManifest) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(releaseManifest.toFile());
    } catch (IOException e) {
      throw BadInputException.plain(
          "cannot read release manifest " + releaseManifest + ": " + Lookups.message(e));
    }
    if (root == null || !root.path("artifacts").isArray()) {
      throw BadInputException.plain(
          releaseManifest + " is not a release manifest (no artifacts list)");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode a : root.path("artifacts")) {
      if (a.path("kind").asText().equals("chart") && a.path("manifestDigest").isTextual()) {
        out.put(a.path("id").asText(), a.path("manifestDigest").asText());
      }
    }
    return out;
  }

  /**
   * @throws BadInputException the repo is not in the graph or not checked out, or its tag format
   *     cannot write VERSION
   */
  public static AuditReport audit(
      ReleaseGraph graph, ArtifactId repoId, Version version, OnlineOptions options) {
    return audit(graph, repoId, version, options, Map.of());
  }

  /**
   * As {@link #audit(ReleaseGraph, ArtifactId, Version, OnlineOptions)}, where each chart's
   * manifest digest in the registry must be the one {@code recordedChartDigests} holds for its id.
   */
  public static AuditReport audit(
      ReleaseGraph graph,
      ArtifactId repoId,
      Version version,
      OnlineOptions options,
      Map<String, String> recordedChartDigests) {
    Repo repo =
        graph
            .repo(repoId)
            .orElseThrow(
                () ->
                    BadInputException.plain(
                        "unknown repo '"
                            + repoId
                            + "'; repos of this graph: "
                            + String.join(
                                ", ",
                                graph.repos().keySet().stream().map(ArtifactId::value).toList())));
    String tag;
    try {
      tag = repo.tagFor(version);
    } catch (IllegalArgumentException e) {
      throw BadInputException.plain("repo " + repoId + ": " + e.getMessage());
    }
    Optional<GitRepo> git;
    try {
      git = GitRepo.open(repo.root());
    } catch (IOException e) {
      throw BadInputException.plain(
          "repo " + repoId + " at " + repo.root() + " cannot be read: " + e.getMessage());
    }
    if (git.isEmpty()) {
      throw BadInputException.plain(
          "repo "
              + repoId
              + " is not checked out at "
              + repo.root()
              + "; audit reads the release tag there");
    }
    try (GitRepo g = git.get();
        Lookups lookups = new Lookups(options.withMirrors(graph.mirrors()))) {
      return new Auditor(graph, repo, version, tag, lookups, recordedChartDigests)
          .run(g.repository());
    }
  }

  private AuditReport run(Repository git) {
    List<AuditCheck> checks = new ArrayList<>();
    String tagCheck = "tag " + tag;
    ObjectId commit;
    Ref ref;
    try {
      ref = git.exactRef(Constants.R_TAGS + tag);
      if (ref == null) {
        checks.add(
            AuditCheck.fail(
                tagCheck,
                "does not exist in "
                    + repo.id()
                    + " at "
                    + repo.root()
                    + " (fetch tags if it was pushed elsewhere)"));
        return report(checks, Optional.empty());
      }
      Ref peeled = git.getRefDatabase().peel(ref);
      boolean annotated = peeled.getPeeledObjectId() != null;
      ObjectId target = annotated ? peeled.getPeeledObjectId() : ref.getObjectId();
      try (RevWalk walk = new RevWalk(git)) {
        RevObject o = walk.parseAny(target);
        if (!(o instanceof RevCommit)) {
          checks.add(
              AuditCheck.fail(
                  tagCheck, "names a " + Constants.typeString(o.getType()) + ", not a commit"));
          return report(checks, Optional.empty());
        }
      }
      commit = target;
      checks.add(
          AuditCheck.ok(
              tagCheck,
              (annotated ? "annotated" : "lightweight (releases are annotated)")
                  + ", peels to commit "
                  + commit.name()));
    } catch (IOException e) {
      checks.add(
          AuditCheck.fail(
              tagCheck, "cannot read it in " + repo.root() + ": " + Lookups.message(e)));
      return report(checks, Optional.empty());
    }

    final ObjectId release = commit;
    final Ref tagRef = ref;
    List<Future<AuditCheck>> pending = new ArrayList<>();
    pending.add(lookups.submit(() -> origin(git, tagRef, release)));
    for (ImageArtifact i : graph.imagesOf(repo.id())) {
      if (i.enabled()) {
        pending.add(lookups.submit(() -> image(i, release)));
      }
    }
    for (ChartArtifact c : graph.chartsOf(repo.id())) {
      if (c.enabled()) {
        pending.add(lookups.submit(() -> chart(c)));
      }
    }
    List<AuditCheck> references = references(git, release);
    for (Future<AuditCheck> f : pending) {
      checks.add(Lookups.await(f, e -> AuditCheck.fail("check", Lookups.message(e))));
    }
    checks.addAll(references);
    return report(checks, Optional.of(release.name()));
  }

  private AuditReport report(List<AuditCheck> checks, Optional<String> commit) {
    return new AuditReport(repo.id().value(), version.toString(), tag, commit, checks);
  }

  /** The tag on {@code origin}: there, and naming the same commit. */
  private AuditCheck origin(Repository git, Ref local, ObjectId commit) {
    String check = "tag " + tag + " on origin";
    String url = git.getConfig().getString("remote", "origin", "url");
    if (url == null || url.isBlank()) {
      return AuditCheck.skip(check, "the checkout has no origin remote");
    }
    String where = Lookups.redact(url);
    Ref remote;
    try {
      remote =
          GitCredentials.fromEnvironment()
              .apply(
                  Git.wrap(git)
                      .lsRemote()
                      .setRemote("origin")
                      .setTags(true)
                      .setHeads(false)
                      .setTimeout(30),
                  url)
              .callAsMap()
              .get(Constants.R_TAGS + tag);
    } catch (GitAPIException | RuntimeException e) {
      return AuditCheck.fail(
          check, "could not ask origin (" + where + "): " + Lookups.redact(Lookups.message(e)));
    }
    if (remote == null) {
      return AuditCheck.fail(check, "does not exist on origin (" + where + ")");
    }
    if (remote.getObjectId().equals(local.getObjectId())) {
      return AuditCheck.ok(check, "the same tag on " + where);
    }
    ObjectId peeled = remote.getPeeledObjectId();
    if (peeled == null) {
      try (RevWalk walk = new RevWalk(git)) {
        peeled = walk.peel(walk.parseAny(remote.getObjectId())).getId();
      } catch (IOException notFetched) {
        return AuditCheck.fail(
            check,
            "origin's tag is object "
                + remote.getObjectId().name()
                + ", the local tag "
                + local.getObjectId().name()
                + "; fetch it to compare");
      }
    }
    if (peeled.equals(commit)) {
      return AuditCheck.ok(check, "names the same commit on " + where);
    }
    return AuditCheck.fail(
        check,
        "names commit "
            + peeled.name()
            + " on "
            + where
            + ", not the release commit "
            + commit.name());
  }

  private AuditCheck image(ImageArtifact i, ObjectId commit) {
    ImageName name = targets.image(i);
    String t = Targets.imageTag(i, version);
    String check = "image " + name + ":" + t;
    Optional<TagContents.Image> found;
    try {
      found = lookups.onRegistry(name.apiHost(), c -> TagContents.image(c, name.repository(), t));
    } catch (RegistryException e) {
      return AuditCheck.fail(check, e.getMessage());
    } catch (IOException e) {
      return AuditCheck.fail(check, "registry " + name.registry() + ": " + Lookups.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AuditCheck.fail(check, "interrupted");
    }
    if (found.isEmpty()) {
      return AuditCheck.fail(check, "does not exist");
    }
    Map<String, String> labels = found.get().labels();
    boolean ours = i.build().isPresent();
    List<String> problems = new ArrayList<>();
    String revision = labels.get(ImageLabels.REVISION);
    if (revision == null) {
      if (ours) {
        problems.add(
            "has no label "
                + ImageLabels.REVISION
                + " (expected the release commit "
                + commit.name()
                + ")");
      }
    } else if (!sameCommit(revision, commit)) {
      problems.add(
          "label "
              + ImageLabels.REVISION
              + " names "
              + revision
              + ", not the release commit "
              + commit.name());
    }
    String written = labels.get(ImageLabels.VERSION);
    if (written == null) {
      if (ours) {
        problems.add("has no label " + ImageLabels.VERSION + " (expected " + version + ")");
      }
    } else if (!written.equals(version.toString())) {
      problems.add("label " + ImageLabels.VERSION + " is " + written + ", not " + version);
    }
    if (!problems.isEmpty()) {
      return AuditCheck.fail(check, String.join("; ", problems));
    }
    if (revision == null && written == null) {
      return AuditCheck.ok(
          check,
          "exists (" + found.get().digest() + "); built elsewhere, it carries no revision label");
    }
    return AuditCheck.ok(
        check,
        (revision == null ? "" : "revision " + commit.name() + ", ")
            + (written == null ? "no version label" : "version " + written));
  }

  private static boolean sameCommit(String label, ObjectId commit) {
    String l = label.trim().toLowerCase(java.util.Locale.ROOT);
    return l.equals(commit.name())
        || (l.length() >= 7 && l.matches("[0-9a-f]+") && commit.name().startsWith(l));
  }

  private AuditCheck chart(ChartArtifact c) {
    Optional<ImageName> at = targets.chartRepository(c);
    if (at.isEmpty()) {
      return AuditCheck.skip(
          "chart " + c.id(), "declares no publish: repository; nothing to look up");
    }
    String t = Targets.chartTag(c, version);
    String check = "chart " + at.get() + ":" + t;
    Optional<TagContents.Chart> found;
    try {
      found =
          lookups.onRegistry(
              at.get().apiHost(), client -> TagContents.chart(client, at.get().repository(), t));
    } catch (RegistryException e) {
      return AuditCheck.fail(check, e.getMessage());
    } catch (IOException e) {
      return AuditCheck.fail(check, Lookups.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AuditCheck.fail(check, "interrupted");
    }
    if (found.isEmpty()) {
      return AuditCheck.fail(check, "does not exist");
    }
    TagContents.Chart chart = found.get();
    List<String> problems = new ArrayList<>();
    String expected = c.versionFormat().render(version);
    if (!chart.version().equals(expected)) {
      problems.add("Chart.yaml version is '" + chart.version() + "', expected '" + expected + "'");
    }
    Optional<String> expectedApp = c.appVersionFormat().map(f -> f.render(version));
    if (expectedApp.isPresent() && !chart.appVersion().equals(expectedApp)) {
      problems.add(
          "Chart.yaml appVersion is "
              + chart.appVersion().map(v -> "'" + v + "'").orElse("missing")
              + ", expected '"
              + expectedApp.get()
              + "'");
    }
    String repoPath = at.get().repository();
    String lastSegment = repoPath.substring(repoPath.lastIndexOf('/') + 1);
    if (!chart.name().equals(lastSegment)) {
      problems.add(
          "Chart.yaml name is '" + chart.name() + "', but it is published as " + lastSegment);
    }
    Optional<String> recorded = Optional.ofNullable(recordedChartDigests.get(c.id().value()));
    if (recorded.isPresent() && !recorded.get().equals(chart.digest())) {
      problems.add(
          "manifest digest is "
              + chart.digest()
              + ", the release manifest recorded "
              + recorded.get()
              + " (pushed again by something else?)");
    }
    if (!problems.isEmpty()) {
      return AuditCheck.fail(check, String.join("; ", problems));
    }
    return AuditCheck.ok(
        check,
        "version "
            + chart.version()
            + expectedApp.map(a -> ", appVersion " + a).orElse("")
            + recorded.map(d -> ", manifest " + d + " as recorded").orElse(""));
  }

  /** A place and what it names, for the reference checks. */
  private record Named(String label, String where) {}

  /**
   * The versions the repo's files name at the release commit: the images its charts name, then the
   * rest.
   */
  private List<AuditCheck> references(Repository git, ObjectId commit) {
    Path export = null;
    try {
      Path root = repo.root();
      if (!atWorkTree(git, commit)) {
        export = Files.createTempDirectory("lockstep-audit-");
        TreeExport.export(git, commit, export);
        root = export;
      }
      Survey survey = Survey.of(onlyThisRepo(root));
      return references(survey);
    } catch (IOException e) {
      return List.of(
          AuditCheck.fail(
              "references at " + tag,
              "cannot read the files of the release commit: " + Lookups.message(e)));
    } finally {
      if (export != null) {
        TreeExport.delete(export);
      }
    }
  }

  private List<AuditCheck> references(Survey survey) {
    Map<String, Map<Lookup, List<Named>>> chartImages = new LinkedHashMap<>();
    Map<Lookup, List<Named>> others = new LinkedHashMap<>();
    List<AuditCheck> unversioned = new ArrayList<>();
    for (Reading r : survey.readings()) {
      if (!r.fromRepo().equals(repo.id()) || r.isChartSelf()) {
        continue;
      }
      Optional<Artifact> target = graph.artifact(r.target());
      if (target.map(a -> !a.enabled()).orElse(false)) {
        continue;
      }
      String where = r.place().position();
      Optional<ChartArtifact> chart = chartOf(r);
      boolean chartImage =
          chart.isPresent()
              && target.flatMap(Artifact::asImage).filter(i -> !i.isExternal()).isPresent();
      Optional<Version> v = versionAt(r);
      if (v.isEmpty()) {
        if (chartImage) {
          unversioned.add(
              AuditCheck.fail(
                  "chart " + chart.get().id() + " names image " + r.target(),
                  "'" + r.place().value() + "' at " + where + " names no version"));
        }
        continue;
      }
      Lookup l = targets.resolve(r.target(), v.get(), r.digest());
      Named n = new Named(r.from() + " -> " + r.target(), where);
      if (chartImage) {
        chartImages
            .computeIfAbsent(chart.get().id().value(), k -> new LinkedHashMap<>())
            .computeIfAbsent(l, k -> new ArrayList<>())
            .add(n);
      } else {
        others.computeIfAbsent(l, k -> new ArrayList<>()).add(n);
      }
    }
    List<Lookup> all = new ArrayList<>();
    chartImages.values().forEach(m -> all.addAll(m.keySet()));
    all.addAll(others.keySet());
    Map<Lookup, Outcome> outcomes = lookups.run(all);
    List<AuditCheck> out = new ArrayList<>(unversioned);
    chartImages.forEach(
        (chartId, m) ->
            m.forEach(
                (l, places) ->
                    out.add(
                        check(
                            "chart " + chartId + " names " + l.display(),
                            "exists",
                            outcomes.get(l),
                            places))));
    others.forEach(
        (l, places) ->
            out.add(
                check(
                    "reference " + places.get(0).label(),
                    l.display() + " exists",
                    outcomes.get(l),
                    places)));
    return out;
  }

  private static AuditCheck check(String check, String exists, Outcome o, List<Named> places) {
    String at =
        places.get(0).where() + (places.size() > 1 ? " and " + (places.size() - 1) + " more" : "");
    if (o.exists()) {
      return AuditCheck.ok(check, exists + " (named at " + at + ")");
    }
    return AuditCheck.fail(
        check,
        (o.state() == Outcome.State.UNREACHABLE ? "could not look it up: " : "")
            + o.detail()
            + " (named at "
            + at
            + ")");
  }

  /**
   * The chart a place belongs to: the chart whose reference it is, or the chart whose folder holds
   * the file.
   */
  private Optional<ChartArtifact> chartOf(Reading r) {
    Optional<ChartArtifact> from = graph.artifact(r.from()).flatMap(Artifact::asChart);
    if (from.isPresent()) {
      return from;
    }
    String file = r.place().file().path();
    for (ChartArtifact c : graph.chartsOf(repo.id())) {
      if (c.enabled()) {
        String dir = c.path().isEmpty() || c.path().equals(".") ? "" : c.path() + "/";
        if (file.startsWith(dir)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The version a place names at the release commit. A placeholder place still holding its
   * placeholder names this release when its target releases with this repo: the release stamps it
   * when packaging.
   */
  private Optional<Version> versionAt(Reading r) {
    if (r.version().isPresent()) {
      return r.version();
    }
    if (r.policy() != Policy.PLACEHOLDER) {
      return Optional.empty();
    }
    String value = r.place().value();
    Optional<String> placeholder =
        graph.references().stream()
            .filter(x -> x.index() == r.referenceIndex())
            .findFirst()
            .flatMap(Reference::placeholder);
    if (placeholder.equals(Optional.of(value))) {
      // Still the placeholder (a placeholder often parses as a version, 0.1.0, but names none).
      return graph.releaseRepoOf(r.target()).equals(Optional.of(repo.id()))
          ? Optional.of(version)
          : Optional.empty();
    }
    return r.format().parse(value).map(VersionFormat.Written::version);
  }

  /** True when the work tree is the release commit: HEAD is it and nothing tracked is changed. */
  private static boolean atWorkTree(Repository git, ObjectId commit) throws IOException {
    ObjectId head = git.resolve(Constants.HEAD);
    if (head == null || !head.equals(commit)) {
      return false;
    }
    try {
      return !Git.wrap(git).status().call().hasUncommittedChanges();
    } catch (GitAPIException e) {
      return false;
    }
  }

  /** The graph with this repo read from {@code root} and every other repo not checked out. */
  private ReleaseGraph onlyThisRepo(Path root) {
    return graph.onlyRepoAt(repo.id(), root);
  }
}
