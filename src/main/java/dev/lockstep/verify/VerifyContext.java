package dev.lockstep.verify;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the checks of one verify run look at: the graph, its survey (every place read once), and
 * what git says about each checked-out repo, looked up in the background while the places are read
 * (JGit's cold start overlaps the survey instead of adding to it), and the undeclared scan, which
 * starts as soon as git has listed the tracked files.
 */
public final class VerifyContext {
  private final ReleaseGraph graph;
  private final Survey survey;
  private final GitLookup git;
  private final CompletableFuture<UndeclaredCheck.Scanned> scanned;

  private VerifyContext(ReleaseGraph graph, Survey survey, GitLookup git) {
    this(graph, survey, git, scanOf(graph, git));
  }

  /** Starts the git lookups and the scan they feed, then reads every place. */
  static VerifyContext of(ReleaseGraph graph, GitAhead ahead) {
    List<Repo> repos = List.copyOf(graph.repos().values());
    GitLookup git = ahead.take(repos).orElseGet(() -> GitLookup.start(repos));
    CompletableFuture<UndeclaredCheck.Scanned> scanned = scanOf(graph, git);
    return new VerifyContext(graph, Survey.of(graph), git, scanned);
  }

  /** With a survey the caller has already made. */
  static VerifyContext of(ReleaseGraph graph, Survey survey) {
    return new VerifyContext(graph, survey, GitLookup.start(List.copyOf(graph.repos().values())));
  }

  /** With git read for {@code repo} only (a release checks its own repo's history). */
  static VerifyContext forRepo(ReleaseGraph graph, Survey survey, ArtifactId repo) {
    return new VerifyContext(graph, survey, GitLookup.start(graph.repo(repo).stream().toList()));
  }

  private VerifyContext(
      ReleaseGraph graph,
      Survey survey,
      GitLookup git,
      CompletableFuture<UndeclaredCheck.Scanned> scanned) {
    this.graph = graph;
    this.survey = survey;
    this.git = git;
    this.scanned = scanned;
  }

  /** The undeclared scan, started as soon as git has listed the tracked files. */
  private static CompletableFuture<UndeclaredCheck.Scanned> scanOf(
      ReleaseGraph graph, GitLookup git) {
    // on a thread of its own, beside the survey, which has the common pool (on two cores the scan
    // reads its files on this thread alone: see UndeclaredScan.PARALLEL)
    return git.tracked()
        .thenApplyAsync(
            tracked -> UndeclaredCheck.scan(graph, tracked), ownThread("undeclared-scan"));
  }

  /** Runs each task on a new daemon thread of that name: work kept off the common pool. */
  static java.util.concurrent.Executor ownThread(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    };
  }

  /** What the undeclared scan found; waits for it. */
  UndeclaredCheck.Scanned scanned() {
    return join(scanned);
  }

  public ReleaseGraph graph() {
    return graph;
  }

  public Survey survey() {
    return survey;
  }

  public List<Reading> readings() {
    return survey.readings();
  }

  /**
   * What git's tags say about one repo: its current releases, and the release whose commit HEAD is,
   * if it is one (its tracked files are in {@link #tracked()}).
   */
  record GitFacts(SelfReferenceCheck.Current current, Optional<GitRepo.Release> releaseAtHead) {}

  /** Per checked-out git repo; waits for the background lookup. */
  Map<ArtifactId, GitFacts> git() {
    return join(git.facts());
  }

  /**
   * The tracked files of each checked-out git repo: the first thing the background lookup reads, so
   * the scan can start while the tags are still being read.
   */
  Map<ArtifactId, List<String>> tracked() {
    return join(git.tracked());
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * The newest release of {@code target} by its own history: its repo's newest release tag
   * reachable from HEAD (regular only for {@code stamp: regular}), when that repo is checked out;
   * else the pin of an external target.
   */
  Optional<dev.lockstep.model.Version> latestRelease(
      ArtifactId target, dev.lockstep.model.Stamp stamp) {
    Optional<ArtifactId> repo = graph.releaseRepoOf(target);
    if (repo.isPresent()) {
      GitFacts facts = git().get(repo.get());
      if (facts == null) {
        return Optional.empty();
      }
      SelfReferenceCheck.Current c = facts.current();
      return (stamp == dev.lockstep.model.Stamp.REGULAR ? c.regular() : c.any())
          .map(GitRepo.Release::version);
    }
    return graph.artifact(target).flatMap(dev.lockstep.model.Artifact::pinned);
  }

  /**
   * One background lookup over the repos: every repo's tracked files first (published as soon as
   * they are read), then its tags and history.
   */
  record GitLookup(
      CompletableFuture<Map<ArtifactId, List<String>>> tracked,
      CompletableFuture<Map<ArtifactId, GitFacts>> facts) {

    static GitLookup start(List<Repo> repos) {
      CompletableFuture<Map<ArtifactId, List<String>>> tracked = new CompletableFuture<>();
      CompletableFuture<Map<ArtifactId, GitFacts>> facts =
          CompletableFuture.supplyAsync(() -> gitFacts(repos, tracked));
      facts.whenComplete(
          (f, e) -> {
            if (e != null) {
              tracked.completeExceptionally(e instanceof CompletionException c ? c.getCause() : e);
            }
          });
      return new GitLookup(tracked, facts);
    }
  }

  private static Map<ArtifactId, GitFacts> gitFacts(
      List<Repo> repos, CompletableFuture<Map<ArtifactId, List<String>>> trackedOut) {
    Map<ArtifactId, GitRepo> open = new LinkedHashMap<>();
    try {
      // the index alone first, without opening the repo: the scan waits for it
      Map<ArtifactId, List<String>> tracked = new LinkedHashMap<>();
      for (Repo repo : repos) {
        if (repo.checkout().isPresent()) {
          read(
              repo,
              () -> GitRepo.trackedFiles(repo.root()).ifPresent(t -> tracked.put(repo.id(), t)));
        }
      }
      trackedOut.complete(tracked);
      Map<ArtifactId, GitFacts> out = new LinkedHashMap<>();
      for (Repo repo : repos) {
        if (tracked.containsKey(repo.id())) {
          read(
              repo,
              () -> {
                Optional<GitRepo> g = GitRepo.open(repo.root());
                if (g.isEmpty()) {
                  return; // gone since its index was read
                }
                GitRepo git = g.get();
                open.put(repo.id(), git);
                GitRepo.Current current = git.current(repo.tagFormat());
                out.put(
                    repo.id(),
                    new GitFacts(
                        new SelfReferenceCheck.Current(current.any(), current.regular()),
                        current.atHead()));
              });
        }
      }
      return out;
    } finally {
      open.values().forEach(GitRepo::close);
    }
  }

  private interface GitRead {
    void run() throws IOException;
  }

  private static void read(Repo repo, GitRead read) {
    try {
      read.run();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read git repo " + repo.id() + " at " + repo.root() + ": " + e.getMessage(), e);
    }
  }
}
