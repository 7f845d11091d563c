package dev.lockstep.plan;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.locate.TextFile;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.AssetArtifact;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Policy;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.oci.ImageLabels;
import dev.lockstep.rewrite.Edit;
import dev.lockstep.rewrite.FileEdits;
import dev.lockstep.rewrite.RewriteException;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import dev.lockstep.verify.ReleaseGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pure planner: graph + survey + version -> an immutable {@link Plan}. It reads git (the repo's
 * release tags and HEAD) but changes nothing. The order of actions is the order of the release: the
 * release commit, builds (base images first), chart packaging (dependencies first), publishing
 * (images, then charts), and only then the tag and the push, so that a tag on a remote means
 * everything it names exists.
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(ReleaseGraph graph, Survey survey, ArtifactId repoId, Version version) {
    return plan(graph, survey, repoId, version, false, List.of());
  }

  /**
   * Plans a release of {@code repoId} at {@code version}, refusing ({@link ReleaseGate.Refused})
   * when verify reports an error or an input problem on the repo (a warning too when {@code
   * strict}).
   */
  public static Plan plan(
      ReleaseGraph graph, Survey survey, ArtifactId repoId, Version version, boolean strict) {
    return plan(graph, survey, repoId, version, strict, List.of());
  }

  /**
   * The plan of one repo of a release train: as {@link #plan(ReleaseGraph, Survey, ArtifactId,
   * Version)}, and the release commit and after-release branch also move the repo's references to
   * the other repos of the train ({@link UpstreamMove}).
   */
  public static Plan plan(
      ReleaseGraph graph,
      Survey survey,
      ArtifactId repoId,
      Version version,
      List<UpstreamMove> moves) {
    return plan(graph, survey, repoId, version, false, moves);
  }

  private static Plan plan(
      ReleaseGraph graph,
      Survey survey,
      ArtifactId repoId,
      Version version,
      boolean strict,
      List<UpstreamMove> moves) {
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
    if (survey.skippedRepos().contains(repoId)) {
      throw BadInputException.plain(
          "repo "
              + repoId
              + " is not checked out at "
              + repo.root()
              + "; check it out to release it");
    }
    Line line = line(repo, version);
    Optional<Version> previous = line.current().map(GitRepo.Release::version);
    if (previous.isPresent() && version.compareTo(previous.get()) <= 0) {
      throw BadInputException.plain(
          "version "
              + version
              + " is not newer than "
              + previous.get()
              + " (tag "
              + line.current().get().tag()
              + "), the current release of "
              + repoId
              + " on the line of "
              + line.branch()
              + " (the newest release tag reachable from HEAD); choose a higher version");
    }
    ReleaseGate.require(graph, survey, repoId, strict);
    String tag = repo.tagFor(version);
    String branch = "release-" + version;
    List<Action> actions = new ArrayList<>();
    List<Action.RewriteFile> release = rewrites(survey, repoId, version, true, moves);
    actions.addAll(release);
    actions.add(
        new Action.ReleaseCommit(
            repoId, line.branch(), branch, "Release " + repoId + " " + version));
    List<ImageArtifact> images = imagesInBuildOrder(graph, repoId);
    List<Action.BuildImage> builds = new ArrayList<>();
    for (ImageArtifact i : images) {
      String reference = i.name() + ":" + i.tagFormat().render(version);
      if (i.build().isPresent()) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ImageLabels.VERSION, version.toString());
        repo.url().ifPresent(u -> labels.put(ImageLabels.SOURCE, u));
        Action.BuildImage b = new Action.BuildImage(i.id(), reference, i.build().get(), labels);
        builds.add(b);
        actions.add(b);
      } else {
        actions.add(new Action.CheckImage(i.id(), reference));
      }
    }
    for (Artifact a : graph.artifacts().values()) {
      if (a.enabled() && a.repo().equals(Optional.of(repoId))) {
        a.match(
                i -> Optional.<AssetArtifact>empty(),
                c -> Optional.<AssetArtifact>empty(),
                h -> Optional.<AssetArtifact>empty(),
                f -> Optional.<AssetArtifact>empty(),
                Optional::of)
            .ifPresent(
                s ->
                    actions.add(
                        new Action.BuildAsset(s.id(), s.path(), s.prepare(), s.fileName())));
      }
    }
    List<ChartArtifact> charts = chartsInBuildOrder(graph, repoId);
    for (ChartArtifact c : charts) {
      actions.add(
          new Action.PackageChart(
              c.id(),
              c.path(),
              c.versionFormat().render(version),
              c.appVersionFormat().map(f -> f.render(version))));
    }
    for (Action.BuildImage b : builds) {
      actions.add(new Action.PublishImage(b.artifact(), b.reference()));
    }
    for (ChartArtifact c : charts) {
      if (c.publish().isPresent()) {
        String path = c.publish().get();
        int slash = path.lastIndexOf('/');
        actions.add(
            new Action.PublishChart(
                c.id(),
                path.substring(0, slash),
                path.substring(slash + 1),
                c.versionFormat().render(version)));
      }
    }
    actions.add(new Action.Tag(repoId, tag, "Release " + repoId + " " + version));
    actions.add(new Action.PushGit(repoId, List.of("refs/heads/" + branch, "refs/tags/" + tag)));
    actions.add(new Action.WriteManifest("release-" + repoId + "-" + version + ".json"));
    List<Action.RewriteFile> after = rewrites(survey, repoId, version, false, moves);
    if (!after.isEmpty()) {
      actions.add(new Action.AfterReleaseBranch(repoId, "lockstep/after-" + tag, after));
    }
    return new Plan(repoId, version, tag, branch, previous, actions, line.describe(version));
  }

  /**
   * The line a release continues: the branch HEAD is on (the release commit and the after-release
   * branch go off it; the repo's {@code branch:} when HEAD is detached), the line's current release
   * (the newest release tag reachable from HEAD, as verify's self-references read it), and the
   * newest release on any line. A release must be newer than its line's current release; a
   * maintenance release (v0.14.2 after v0.20.0-alpha.1) is newer than its line only. The version's
   * own tag may exist: that is a re-run, and the executor checks it names exactly the release
   * commit this plan makes (never moving it).
   */
  record Line(String branch, Optional<GitRepo.Release> current, Optional<GitRepo.Release> newest) {
    String describe(Version version) {
      StringBuilder sb = new StringBuilder("continues ");
      sb.append(
          current
              .map(c -> "the line of " + c.tag() + " (newest release reachable from HEAD)")
              .orElse("no earlier release (first release reachable from HEAD)"));
      sb.append(" from branch ").append(branch);
      if (newest.isPresent() && newest.get().version().compareTo(version) > 0) {
        sb.append("; a maintenance release: ")
            .append(newest.get().tag())
            .append(" is newer, on another line");
      }
      return sb.toString();
    }
  }

  private static Line line(Repo repo, Version version) {
    try {
      Optional<GitRepo> git = GitRepo.open(repo.root());
      if (git.isEmpty()) {
        throw BadInputException.plain(
            "repo " + repo.id() + " at " + repo.root() + " is not a git checkout");
      }
      try (GitRepo g = git.get()) {
        Optional<GitRepo.Release> current =
            g.currentRelease(repo.tagFormat(), false, Optional.of(version));
        for (GitRepo.Release r : g.releases(repo.tagFormat())) {
          if (r.version().compareTo(version) == 0 && !g.madeFromHead(r)) {
            throw BadInputException.plain(
                "tag "
                    + r.tag()
                    + " of "
                    + repo.id()
                    + " already exists (commit "
                    + r.commit().abbreviate(10).name()
                    + ", not made from HEAD); a release never moves a tag: choose another version");
          }
        }
        Optional<GitRepo.Release> newest =
            g.releases(repo.tagFormat()).stream()
                .filter(r -> r.version().compareTo(version) != 0)
                .findFirst();
        return new Line(g.currentBranch().orElse(repo.branch()), current, newest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the tags of " + repo.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files to rewrite. For the release commit: every self-reference (literal and placeholder)
   * and every chart version/appVersion of the repo move to the version. For the after-release
   * branch: only literal places (placeholders stay placeholders). {@code stamp: regular} places
   * move only on regular releases.
   */
  private static List<Action.RewriteFile> rewrites(
      Survey survey,
      ArtifactId repoId,
      Version version,
      boolean releaseCommit,
      List<UpstreamMove> moves) {
    ReleaseGraph graph = survey.graph();
    Map<TextFile, List<Edit>> edits = new LinkedHashMap<>();
    Map<TextFile, Set<String>> why = new LinkedHashMap<>();
    for (Reading r : survey.readings()) {
      if (!r.fromRepo().equals(repoId)
          || !graph.releaseRepoOf(r.target()).map(repoId::equals).orElse(false)) {
        continue;
      }
      if (!releaseCommit && r.policy() == Policy.PLACEHOLDER) {
        continue;
      }
      if (r.stamp() == Stamp.REGULAR && !version.isRegular()) {
        continue;
      }
      if (r.format().hasDigest()) {
        continue; // a digest exists only after the build; such places are pinned by bump later
      }
      String value = r.format().render(version);
      if (value.equals(r.place().value())) {
        continue;
      }
      edits
          .computeIfAbsent(r.place().file(), f -> new ArrayList<>())
          .add(new Edit(r.place(), value));
      why.computeIfAbsent(r.place().file(), f -> new LinkedHashSet<>())
          .add(
              r.isChartSelf()
                  ? "chart " + r.target() + " " + r.place().locator().chartField().orElse("version")
                  : r.from() + " -> " + r.target());
    }
    upstreamEdits(survey, repoId, releaseCommit, moves, edits, why);
    List<Action.RewriteFile> out = new ArrayList<>();
    for (Map.Entry<TextFile, List<Edit>> e : edits.entrySet()) {
      try {
        String after = FileEdits.apply(e.getKey(), e.getValue());
        out.add(
            new Action.RewriteFile(
                repoId,
                e.getKey().path(),
                e.getKey().text(),
                after,
                List.copyOf(why.get(e.getKey()))));
      } catch (RewriteException ex) {
        throw BadInputException.plain(ex.getMessage());
      }
    }
    return out;
  }

  /**
   * The edits that move the repo's references to the other repos of a train: in the release commit
   * every literal and placeholder reference that does not say {@code train: follow}; on the
   * after-release branch every literal one. A digest place is written only when the upstream
   * image's digest is known.
   */
  private static void upstreamEdits(
      Survey survey,
      ArtifactId repoId,
      boolean releaseCommit,
      List<UpstreamMove> moves,
      Map<TextFile, List<Edit>> edits,
      Map<TextFile, Set<String>> why) {
    if (moves.isEmpty()) {
      return;
    }
    ReleaseGraph graph = survey.graph();
    Map<Integer, Boolean> follow = new LinkedHashMap<>();
    graph.references().forEach(ref -> follow.put(ref.index(), ref.follow()));
    for (Reading r : survey.readings()) {
      if (r.isChartSelf() || !r.fromRepo().equals(repoId)) {
        continue;
      }
      Optional<ArtifactId> targetRepo = graph.releaseRepoOf(r.target());
      Optional<UpstreamMove> move =
          moves.stream()
              .filter(m -> !m.repo().equals(repoId) && targetRepo.equals(Optional.of(m.repo())))
              .findFirst();
      if (move.isEmpty()) {
        continue;
      }
      boolean followed = follow.getOrDefault(r.referenceIndex(), false);
      boolean moving =
          releaseCommit
              ? !followed && (r.policy() == Policy.LITERAL || r.policy() == Policy.PLACEHOLDER)
              : r.policy() == Policy.LITERAL;
      Version v = move.get().version();
      if (!moving || (r.stamp() == Stamp.REGULAR && !v.isRegular())) {
        continue;
      }
      Optional<String> digest = Optional.ofNullable(move.get().digests().get(r.target()));
      if (r.format().hasDigest() && digest.isEmpty()) {
        continue; // the upstream image is not built yet: the train pins it when it is
      }
      String value = r.format().render(v, digest);
      if (value.equals(r.place().value())) {
        continue;
      }
      edits
          .computeIfAbsent(r.place().file(), f -> new ArrayList<>())
          .add(new Edit(r.place(), value));
      why.computeIfAbsent(r.place().file(), f -> new LinkedHashSet<>())
          .add(r.from() + " -> " + r.target() + " (" + move.get().repo() + " " + v + ")");
    }
  }

  private static List<ImageArtifact> imagesInBuildOrder(ReleaseGraph graph, ArtifactId repo) {
    List<ImageArtifact> out = new ArrayList<>();
    Set<ArtifactId> done = new LinkedHashSet<>();
    for (ImageArtifact i : graph.imagesOf(repo)) {
      addImage(graph, repo, i, out, done);
    }
    return out;
  }

  private static void addImage(
      ReleaseGraph graph,
      ArtifactId repo,
      ImageArtifact i,
      List<ImageArtifact> out,
      Set<ArtifactId> done) {
    if (!i.enabled() || !i.repo().map(repo::equals).orElse(false) || !done.add(i.id())) {
      return;
    }
    i.base()
        .flatMap(graph::artifact)
        .flatMap(Artifact::asImage)
        .ifPresent(b -> addImage(graph, repo, b, out, done));
    out.add(i);
  }

  private static List<ChartArtifact> chartsInBuildOrder(ReleaseGraph graph, ArtifactId repo) {
    List<ChartArtifact> out = new ArrayList<>();
    Set<ArtifactId> done = new LinkedHashSet<>();
    for (ChartArtifact c : graph.chartsOf(repo)) {
      addChart(graph, repo, c, out, done);
    }
    return out;
  }

  private static void addChart(
      ReleaseGraph graph,
      ArtifactId repo,
      ChartArtifact c,
      List<ChartArtifact> out,
      Set<ArtifactId> done) {
    if (!c.enabled() || !c.repo().map(repo::equals).orElse(false) || !done.add(c.id())) {
      return;
    }
    for (ArtifactId d : c.dependencies()) {
      graph
          .artifact(d)
          .flatMap(Artifact::asChart)
          .ifPresent(dep -> addChart(graph, repo, dep, out, done));
    }
    out.add(c);
  }
}
