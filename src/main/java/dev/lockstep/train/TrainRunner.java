package dev.lockstep.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Plan;
import dev.lockstep.release.ReleaseException;
import dev.lockstep.release.ReleaseListener;
import dev.lockstep.release.ReleaseManifest;
import dev.lockstep.release.ReleaseOptions;
import dev.lockstep.release.ReleaseResult;
import dev.lockstep.release.ReleaseStep;
import dev.lockstep.release.Releaser;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Carries out a release train: plans every repo, checks every repo's preflight and the whole system
 * as it will be after the train before anything is published, then releases the repos stage by
 * stage with {@link Releaser}, each downstream plan made again once its upstreams' image digests
 * are known. The repos of one stage are independent: with {@code jobs} above 1 they are released at
 * the same time, in one process, and leave the same commits, tags and digests as one by one. The
 * train manifest is written after each repo; a re-run skips the repos it records as released (whose
 * tag names the recorded commit) and resumes the rest, which {@link Releaser} converges.
 *
 * <p>With {@code only}, just that repo is released (a stage job of the GitHub Actions fan-out): its
 * upstreams must be released already, and their digests are read from the release manifests in the
 * output folder.
 */
public final class TrainRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a train reports as it goes; progress lines for people. */
  public interface Listener {
    default void checked(String what) {}

    default void started(ArtifactId repo, Version version, int stage, int stages) {}

    default void released(ArtifactId repo, ReleaseResult result) {}

    default void skipped(ArtifactId repo, String reason) {}

    Listener NONE = new Listener() {};
  }

  /** What a train left behind. */
  public record Result(
      TrainPlan plan,
      TrainManifest manifest,
      Path manifestFile,
      Map<ArtifactId, ReleaseResult> released,
      long bytesUploaded) {}

  private final Releaser releaser;
  private final ReleaseListener releaseListener;
  private final Listener listener;
  private final int jobs;

  /** A train that releases one repo at a time. */
  public TrainRunner(Releaser releaser, ReleaseListener releaseListener, Listener listener) {
    this(releaser, releaseListener, listener, 1);
  }

  /**
   * @param jobs how many repos of one stage are released at the same time (at least 1)
   */
  public TrainRunner(
      Releaser releaser, ReleaseListener releaseListener, Listener listener, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
    this.releaser = releaser;
    this.releaseListener = releaseListener;
    this.listener = listener;
    this.jobs = jobs;
  }

  /** The plan as a dry run shows it: digests of images already released are known. */
  public static TrainPlan plan(
      ReleaseGraph graph, Map<ArtifactId, Version> versions, ReleaseOptions options) {
    Survey survey = Survey.of(graph);
    return TrainPlanner.plan(graph, survey, versions, releasedDigests(versions, options));
  }

  public Result run(
      ReleaseGraph graph,
      Map<ArtifactId, Version> versions,
      ReleaseOptions options,
      Optional<ArtifactId> only)
      throws InterruptedException {
    Survey survey = Survey.of(graph);
    Map<ArtifactId, Map<ArtifactId, String>> digests = releasedDigests(versions, options);
    TrainPlan plan = TrainPlanner.plan(graph, survey, versions, digests);
    List<ArtifactId> selected = only.map(List::of).orElse(plan.order().order());
    if (only.isPresent() && !versions.containsKey(only.get())) {
      throw refusal("--only " + only.get() + " is not a repo of this train", null);
    }
    Path manifestFile = options.outputDir().resolve(plan.manifestFile());
    TrainManifest manifest = io(() -> TrainManifest.read(manifestFile)).orElse(fresh(plan));

    // 1. Preflight of every repo, changing nothing.
    for (ArtifactId repo : selected) {
      for (ArtifactId up : plan.order().upstreamsOf(repo)) {
        if (!selected.contains(up) && !released(graph, up, plan.versions().get(up))) {
          throw refusal(
              repo
                  + " waits for "
                  + up
                  + " "
                  + plan.versions().get(up)
                  + ", which is not released yet (no tag "
                  + graph.repo(up).orElseThrow().tagFor(plan.versions().get(up))
                  + "); release stage "
                  + (plan.order().stageOf(up) + 1)
                  + " first",
              null);
        }
      }
    }
    for (ArtifactId repo : plan.order().order()) {
      if (!selected.contains(repo)) {
        continue;
      }
      try {
        releaser.preflight(plan.plans().get(repo), graph, options, ReleaseListener.NONE);
      } catch (ReleaseException e) {
        throw refusal(repo + ": " + e.getMessage(), e);
      }
    }
    listener.checked("preflight of " + selected.size() + " repo(s)");

    // 2. The system as it will be after the train.
    Path scratch = options.cacheDir().resolve("train").resolve(plan.id());
    List<String> errors = io(() -> SystemCheck.run(graph, plan, scratch));
    io(
        () -> {
          SystemCheck.deleteTree(scratch);
          return null;
        });
    if (!errors.isEmpty()) {
      throw refusal(
          "the system after this train would not verify, so the train does not start:\n  "
              + String.join("\n  ", errors),
          null);
    }
    listener.checked(
        "verify of the system after the train ("
            + plan.plans().size()
            + " release commits in memory)");
    Book book = new Book(manifest, manifestFile);
    book.write();

    // 3. Release, stage by stage; the repos of one stage at the same time, at most `jobs`.
    Map<ArtifactId, ReleaseResult> results = new LinkedHashMap<>();
    List<List<ArtifactId>> stages = plan.order().stages();
    for (int s = 0; s < stages.size(); s++) {
      List<ArtifactId> todo = new ArrayList<>();
      for (ArtifactId repo : stages.get(s)) {
        if (!selected.contains(repo)) {
          continue;
        }
        Version version = plan.versions().get(repo);
        Optional<TrainManifest.Entry> done =
            book.manifest()
                .entry(repo.value())
                .filter(e -> e.status() == TrainManifest.Status.RELEASED)
                .filter(e -> tagNames(graph, repo, version, e.commit()));
        if (done.isPresent()) {
          listener.skipped(
              repo,
              "released before: " + done.get().tag() + " -> " + done.get().commit().orElse(""));
        } else {
          todo.add(repo);
        }
      }
      if (todo.isEmpty()) {
        continue;
      }
      if (jobs == 1 || todo.size() == 1) {
        for (ArtifactId repo : todo) {
          listener.started(repo, plan.versions().get(repo), s + 1, stages.size());
          Plan repoPlan = replan(graph, survey, versions, options, repo);
          try {
            results.put(repo, release(repo, repoPlan, graph, options, book));
          } catch (ReleaseException e) {
            throw stopped(repo, e, results);
          }
          listener.released(repo, results.get(repo));
        }
      } else {
        releaseTogether(todo, s, stages.size(), graph, survey, versions, options, book, results);
      }
    }
    long bytes = results.values().stream().mapToLong(ReleaseResult::bytesUploaded).sum();
    return new Result(plan, book.manifest(), manifestFile, results, bytes);
  }

  /**
   * Releases the repos of one stage at the same time (at most {@link #jobs} at once). Each repo's
   * manifest entry is written as it finishes; the released lines are reported in the stage's order.
   * When one fails, the others finish, then the train stops.
   */
  private void releaseTogether(
      List<ArtifactId> todo,
      int stage,
      int stages,
      ReleaseGraph graph,
      Survey survey,
      Map<ArtifactId, Version> versions,
      ReleaseOptions options,
      Book book,
      Map<ArtifactId, ReleaseResult> results)
      throws InterruptedException {
    // Every upstream of this stage is released: the plans, digests included, are known now.
    Map<ArtifactId, Plan> plans = new LinkedHashMap<>();
    TrainPlan now = TrainPlanner.plan(graph, survey, versions, releasedDigests(versions, options));
    todo.forEach(r -> plans.put(r, now.plans().get(r)));
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, todo.size()));
    Map<ArtifactId, Future<ReleaseResult>> running = new LinkedHashMap<>();
    try {
      for (ArtifactId repo : todo) {
        listener.started(repo, versions.get(repo), stage + 1, stages);
        running.put(repo, pool.submit(() -> release(repo, plans.get(repo), graph, options, book)));
      }
    } finally {
      pool.shutdown();
    }
    Optional<ArtifactId> failed = Optional.empty();
    Throwable failure = null;
    for (Map.Entry<ArtifactId, Future<ReleaseResult>> e : running.entrySet()) {
      try {
        ReleaseResult r = e.getValue().get();
        results.put(e.getKey(), r);
        listener.released(e.getKey(), r);
      } catch (ExecutionException x) {
        if (failure == null) {
          failed = Optional.of(e.getKey());
          failure = x.getCause();
        }
      }
    }
    if (failure instanceof ReleaseException re) {
      throw stopped(failed.orElseThrow(), re, results);
    } else if (failure instanceof RuntimeException re) {
      throw re;
    } else if (failure instanceof Error err) {
      throw err;
    } else if (failure instanceof InterruptedException ie) {
      throw ie;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /** One repo's plan, made again now that its upstreams' image digests are known. */
  private static Plan replan(
      ReleaseGraph graph,
      Survey survey,
      Map<ArtifactId, Version> versions,
      ReleaseOptions options,
      ArtifactId repo) {
    return TrainPlanner.plan(graph, survey, versions, releasedDigests(versions, options))
        .plans()
        .get(repo);
  }

  /** Releases one repo, its manifest entry rewritten as it starts, at each step and at the end. */
  private ReleaseResult release(
      ArtifactId repo, Plan repoPlan, ReleaseGraph graph, ReleaseOptions options, Book book)
      throws InterruptedException {
    book.put(
        new TrainManifest.Entry(
            repo.value(),
            repoPlan.version().toString(),
            repoPlan.tag(),
            TrainManifest.Status.RELEASING,
            Optional.empty(),
            List.of()));
    ReleaseResult result =
        releaser.run(repoPlan, graph, options, book.recording(repo, releaseListener));
    book.put(entry(repo, repoPlan.version(), result));
    return result;
  }

  /** The train stopped at {@code repo}; a refusal when nothing was released in this run. */
  private static TrainException stopped(
      ArtifactId repo, ReleaseException e, Map<ArtifactId, ReleaseResult> results) {
    boolean first = results.isEmpty() && e.isRefusal();
    return new TrainException(
        repo
            + ": "
            + e.getMessage()
            + (results.isEmpty()
                ? ""
                : " (released in this run: "
                    + String.join(", ", results.keySet().stream().map(ArtifactId::value).toList())
                    + ")")
            + "; run the same lockstep train again to resume",
        first,
        e);
  }

  /**
   * The train manifest as the train goes, rewritten on every change: a repo started, each of its
   * steps done, the repo released. Repos of one stage report from their own threads.
   */
  private static final class Book {
    private final Path file;
    private TrainManifest manifest;

    Book(TrainManifest manifest, Path file) {
      this.manifest = manifest;
      this.file = file;
    }

    synchronized TrainManifest manifest() {
      return manifest;
    }

    synchronized void write() {
      writeManifest(manifest, file);
    }

    synchronized void put(TrainManifest.Entry entry) {
      manifest = manifest.with(entry);
      writeManifest(manifest, file);
    }

    synchronized void done(ArtifactId repo, ReleaseStep step) {
      put(manifest.entry(repo.value()).orElseThrow().withDone(step.toString()));
    }

    /** {@code delegate}, and each step finished or skipped (already done) recorded as done. */
    ReleaseListener recording(ArtifactId repo, ReleaseListener delegate) {
      return new ReleaseListener() {
        @Override
        public void started(ReleaseStep step) {
          delegate.started(step);
        }

        @Override
        public void finished(ReleaseStep step, String outcome) {
          done(repo, step);
          delegate.finished(step, outcome);
        }

        @Override
        public void skipped(ReleaseStep step, String reason) {
          done(repo, step);
          delegate.skipped(step, reason);
        }

        @Override
        public void progress(ReleaseStep step, String phase, long done, long total) {
          delegate.progress(step, phase, done, total);
        }

        @Override
        public void uploaded(ReleaseStep step, long bytes) {
          delegate.uploaded(step, bytes);
        }

        @Override
        public void output(ReleaseStep step, String line) {
          delegate.output(step, line);
        }
      };
    }
  }

  private static TrainManifest fresh(TrainPlan plan) {
    List<TrainManifest.Entry> entries = new ArrayList<>();
    plan.plans()
        .forEach(
            (repo, p) ->
                entries.add(
                    new TrainManifest.Entry(
                        repo.value(),
                        p.version().toString(),
                        p.tag(),
                        TrainManifest.Status.PLANNED,
                        Optional.empty(),
                        List.of())));
    return new TrainManifest(
        plan.arguments(),
        plan.order().stages().stream()
            .map(s -> s.stream().map(ArtifactId::value).toList())
            .toList(),
        entries);
  }

  private static TrainManifest.Entry entry(ArtifactId repo, Version version, ReleaseResult r) {
    List<TrainManifest.Artifact> arts = new ArrayList<>();
    for (ReleaseManifest.Artifact a : r.manifest().artifacts()) {
      arts.add(new TrainManifest.Artifact(a.id(), a.kind(), a.reference(), a.digest()));
    }
    return new TrainManifest.Entry(
        repo.value(),
        version.toString(),
        r.tag(),
        TrainManifest.Status.RELEASED,
        Optional.of(r.commit()),
        arts);
  }

  private static void writeManifest(TrainManifest manifest, Path file) {
    io(
        () -> {
          manifest.write(file);
          return null;
        });
  }

  /** Whether the repo's release tag for {@code version} exists locally. */
  private static boolean released(ReleaseGraph graph, ArtifactId repo, Version version) {
    return releaseCommit(graph, repo, version).isPresent();
  }

  private static boolean tagNames(
      ReleaseGraph graph, ArtifactId repo, Version version, Optional<String> commit) {
    return commit.isPresent() && releaseCommit(graph, repo, version).equals(commit);
  }

  private static Optional<String> releaseCommit(
      ReleaseGraph graph, ArtifactId repoId, Version version) {
    Repo repo = graph.repo(repoId).orElseThrow();
    return io(
        () -> {
          Optional<GitRepo> git = GitRepo.open(repo.root());
          if (git.isEmpty()) {
            return Optional.<String>empty();
          }
          try (GitRepo g = git.get()) {
            return g.releases(repo.tagFormat()).stream()
                .filter(r -> r.version().compareTo(version) == 0)
                .map(r -> r.commit().name())
                .findFirst();
          }
        });
  }

  /**
   * The image digests of the train's repos already released, from their release manifests in the
   * output folder ({@code release-REPO-VERSION.json}).
   */
  static Map<ArtifactId, Map<ArtifactId, String>> releasedDigests(
      Map<ArtifactId, Version> versions, ReleaseOptions options) {
    Map<ArtifactId, Map<ArtifactId, String>> out = new LinkedHashMap<>();
    for (Map.Entry<ArtifactId, Version> e : versions.entrySet()) {
      Path file =
          options.outputDir().resolve("release-" + e.getKey() + "-" + e.getValue() + ".json");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      JsonNode root = io(() -> JSON.readTree(file.toFile()));
      Map<ArtifactId, String> digests = new LinkedHashMap<>();
      for (JsonNode a : root.path("artifacts")) {
        if (a.path("kind").asText().equals("image") && a.path("digest").isTextual()) {
          digests.put(ArtifactId.of(a.path("id").asText()), a.path("digest").asText());
        }
      }
      out.put(e.getKey(), digests);
    }
    return out;
  }

  private static TrainException refusal(String message, Throwable cause) {
    return new TrainException(message, true, cause);
  }

  @FunctionalInterface
  private interface IoWork<T> {
    T run() throws IOException;
  }

  private static <T> T io(IoWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
