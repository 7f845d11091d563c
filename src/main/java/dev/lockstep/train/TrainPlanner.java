package dev.lockstep.train;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Policy;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.Planner;
import dev.lockstep.plan.UpstreamMove;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a release train: orders the repos ({@link TrainOrder}) and plans each one with {@link
 * Planner}, giving it the versions of the other repos of the train (and the digests of upstream
 * images already built).
 */
public final class TrainPlanner {
  private TrainPlanner() {}

  /** How {@code --changed --next RULE} chooses each version. */
  public enum Next {
    PATCH,
    MINOR,
    MAJOR,
    PRERELEASE
  }

  /**
   * @param versions the repos of the train and their versions (any order)
   * @param digests per repo, the digests of its images already built (image id -> sha256:...)
   */
  public static TrainPlan plan(
      ReleaseGraph graph,
      Survey survey,
      Map<ArtifactId, Version> versions,
      Map<ArtifactId, Map<ArtifactId, String>> digests) {
    if (versions.isEmpty()) {
      throw BadInputException.plain("a train needs at least one repo: name REPO=VERSION");
    }
    for (ArtifactId repo : versions.keySet()) {
      if (graph.repo(repo).isEmpty()) {
        throw BadInputException.plain(
            "unknown repo '"
                + repo
                + "'; repos of this graph: "
                + String.join(
                    ", ", graph.repos().keySet().stream().map(ArtifactId::value).toList()));
      }
    }
    TrainOrder order = TrainOrder.of(graph, versions.keySet());
    Map<ArtifactId, Version> ordered = new LinkedHashMap<>();
    order.order().forEach(r -> ordered.put(r, versions.get(r)));
    Map<ArtifactId, Plan> plans = new LinkedHashMap<>();
    Map<ArtifactId, List<String>> pending = new LinkedHashMap<>();
    for (ArtifactId repo : order.order()) {
      List<UpstreamMove> moves = new ArrayList<>();
      ordered.forEach(
          (other, v) -> {
            if (!other.equals(repo)) {
              moves.add(new UpstreamMove(other, v, digests.getOrDefault(other, Map.of())));
            }
          });
      plans.put(repo, Planner.plan(graph, survey, repo, ordered.get(repo), moves));
      List<String> waiting = pendingDigests(survey, repo, order, digests);
      if (!waiting.isEmpty()) {
        pending.put(repo, waiting);
      }
    }
    return new TrainPlan(ordered, order, plans, pending);
  }

  /** Digest places of {@code repo} naming upstream images that are not built yet. */
  private static List<String> pendingDigests(
      Survey survey,
      ArtifactId repo,
      TrainOrder order,
      Map<ArtifactId, Map<ArtifactId, String>> digests) {
    ReleaseGraph graph = survey.graph();
    List<String> out = new ArrayList<>();
    for (Reading r : survey.readings()) {
      if (r.isChartSelf() || !r.fromRepo().equals(repo) || !r.format().hasDigest()) {
        continue;
      }
      if (r.policy() != Policy.LITERAL && r.policy() != Policy.PLACEHOLDER) {
        continue;
      }
      Optional<ArtifactId> target = graph.releaseRepoOf(r.target());
      if (target.isPresent()
          && order.upstreamsOf(repo).contains(target.get())
          && !digests.getOrDefault(target.get(), Map.of()).containsKey(r.target())) {
        out.add(
            r.place().position()
                + ": the digest of "
                + r.target()
                + " is written once "
                + target.get()
                + " has built it (verify before the train does not check this place)");
      }
    }
    return out;
  }

  /**
   * What {@code --changed --next RULE} chose.
   *
   * @param versions every repo with commits since its last release on its line, at its next version
   * @param leftOut every other checked-out repo, with why it is not in the train
   * @param lastTags every checked-out repo's last release tag on its line
   */
  public record Changed(
      Map<ArtifactId, Version> versions,
      Map<ArtifactId, String> leftOut,
      Map<ArtifactId, String> lastTags) {
    public Changed {
      versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
      leftOut = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
      lastTags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastTags));
    }

    /** Refuses an empty train, naming why each repo was left out. */
    public Map<ArtifactId, Version> nonEmpty() {
      if (versions.isEmpty()) {
        throw BadInputException.plain(
            "no repo has commits since its last release; nothing to train ("
                + String.join(
                    ", ",
                    leftOut.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                + ")");
      }
      return versions;
    }
  }

  /**
   * {@code --changed --next RULE}: every checked-out repo with commits on its branch since its last
   * release on its line (the newest release tag in HEAD's history, or made on a commit of it), at
   * the next version by {@code rule}; the others are left out, each with its reason. May be empty
   * ({@link Changed#nonEmpty}).
   */
  public static Changed changed(ReleaseGraph graph, Next rule) {
    Map<ArtifactId, Version> out = new LinkedHashMap<>();
    Map<ArtifactId, String> leftOut = new LinkedHashMap<>();
    Map<ArtifactId, String> lastTags = new LinkedHashMap<>();
    for (Repo repo : graph.repos().values()) {
      if (repo.checkout().isEmpty()) {
        continue;
      }
      try (GitRepo git =
          GitRepo.open(repo.root())
              .orElseThrow(
                  () ->
                      BadInputException.plain(
                          "repo " + repo.id() + " at " + repo.root() + " is not a git checkout"))) {
        Optional<GitRepo.Release> last = git.currentRelease(repo.tagFormat(), false);
        if (last.isEmpty()) {
          throw BadInputException.plain(
              "repo "
                  + repo.id()
                  + " has no release tag yet; name its first version: lockstep train "
                  + repo.id()
                  + "=VERSION");
        }
        lastTags.put(repo.id(), last.get().tag());
        int since = git.commitsSince(last.get().commit());
        if (since > 0) {
          out.put(repo.id(), next(last.get().version(), rule));
        } else {
          leftOut.put(repo.id(), "no commits since " + last.get().tag());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the history of " + repo.id() + ": " + e.getMessage(), e);
      }
    }
    return new Changed(out, leftOut, lastTags);
  }

  /**
   * The train a {@code --changed} run resumes: a train that stopped part-way leaves its released
   * repos with no commits since their new release, so {@code --changed} alone would leave them out
   * and plan the rest without their moves. An unfinished train manifest in {@code outputDir} whose
   * repos are the changed ones plus repos it records as released (at a release tag of theirs) is
   * that train; its versions are used again.
   *
   * @return the manifest's versions, in its order, when one matches
   */
  public static Optional<Map<ArtifactId, Version>> unfinished(
      Changed changed, java.nio.file.Path outputDir) throws IOException {
    if (!java.nio.file.Files.isDirectory(outputDir)) {
      return Optional.empty();
    }
    List<java.nio.file.Path> files;
    try (var list = java.nio.file.Files.list(outputDir)) {
      files =
          list.filter(f -> f.getFileName().toString().matches("train-[0-9a-f]+\\.json"))
              .sorted()
              .toList();
    }
    for (java.nio.file.Path f : files) {
      TrainManifest m = TrainManifest.read(f).orElseThrow();
      if (m.repos().stream().allMatch(e -> e.status() == TrainManifest.Status.RELEASED)) {
        continue;
      }
      Map<ArtifactId, Version> versions = new LinkedHashMap<>();
      boolean matches = true;
      for (TrainManifest.Entry e : m.repos()) {
        ArtifactId repo = ArtifactId.of(e.repo());
        Version v = Version.of(e.version());
        versions.put(repo, v);
        Version chosen = changed.versions().get(repo);
        // released (or tagged before the run stopped): its last release is this train's
        boolean releasedBefore =
            e.status() != TrainManifest.Status.PLANNED
                && changed.leftOut().containsKey(repo)
                && e.tag().equals(changed.lastTags().get(repo));
        if (!(chosen != null && chosen.compareTo(v) == 0) && !releasedBefore) {
          matches = false;
        }
      }
      if (matches && versions.keySet().containsAll(changed.versions().keySet())) {
        return Optional.of(versions);
      }
    }
    return Optional.empty();
  }

  /** The next version after {@code last} by {@code rule}. */
  public static Version next(Version last, Next rule) {
    com.github.zafarkhaja.semver.Version s = last.semver();
    com.github.zafarkhaja.semver.Version n =
        switch (rule) {
          case PATCH ->
              last.isRegular()
                  ? s.nextPatchVersion()
                  : com.github.zafarkhaja.semver.Version.of(
                      s.majorVersion(), s.minorVersion(), s.patchVersion());
          case MINOR -> s.nextMinorVersion();
          case MAJOR -> s.nextMajorVersion();
          case PRERELEASE ->
              last.isRegular() ? s.nextPatchVersion("rc", "1") : s.nextPreReleaseVersion();
        };
    return Version.of(n.toString());
  }
}
