package dev.lockstep.verify;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.scan.Occurrence;
import dev.lockstep.scan.UndeclaredScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The verify gate. Its checks, in the order they run:
 *
 * <ol>
 *   <li>git, in the background: each checked-out repo's tracked files and current release (JGit's
 *       cold start overlaps the survey instead of adding to it);
 *   <li>the survey: every declared place read, with its file, count, value, format and placeholder
 *       findings;
 *   <li>cycles of references between repos;
 *   <li>agreement: one version per (repo, artifact, stamp), and external pins;
 *   <li>self-references against each repo's current release;
 *   <li>the undeclared-reference scan over tracked files.
 * </ol>
 */
public final class Verifier {
  private Verifier() {}

  public static VerifyReport verify(ReleaseGraph graph) {
    long start = System.nanoTime();
    CompletableFuture<Map<ArtifactId, GitFacts>> git =
        CompletableFuture.supplyAsync(() -> gitFacts(graph));
    return verify(graph, Survey.of(graph), git, start);
  }

  /** Verifies with a survey the caller has already made (--online and --render read it too). */
  public static VerifyReport verify(ReleaseGraph graph, Survey survey) {
    long start = System.nanoTime();
    return verify(graph, survey, CompletableFuture.supplyAsync(() -> gitFacts(graph)), start);
  }

  /** Verify with git read for one repo only: what a release of that repo checks. */
  static VerifyReport verifyRepo(ReleaseGraph graph, Survey survey, ArtifactId repo) {
    long start = System.nanoTime();
    return verify(
        graph,
        survey,
        CompletableFuture.supplyAsync(() -> gitFacts(graph.repo(repo).stream().toList())),
        start);
  }

  private static VerifyReport verify(
      ReleaseGraph graph,
      Survey survey,
      CompletableFuture<Map<ArtifactId, GitFacts>> git,
      long start) {
    List<Finding> findings = new ArrayList<>(survey.findings());
    findings.addAll(CycleCheck.run(graph));
    findings.addAll(AgreementCheck.run(graph, survey.readings()));
    Map<ArtifactId, GitFacts> facts = join(git);
    Map<ArtifactId, SelfReferenceCheck.Current> current = new LinkedHashMap<>();
    facts.forEach((id, f) -> current.put(id, f.current()));
    findings.addAll(SelfReferenceCheck.run(graph, survey.readings(), current));
    UndeclaredScan scan = UndeclaredScan.of(graph);
    int scanned = 0;
    List<Occurrence> hits = new ArrayList<>();
    for (Map.Entry<ArtifactId, GitFacts> e : facts.entrySet()) {
      List<String> tracked = e.getValue().tracked();
      scanned += tracked.size();
      if (!scan.isEmpty()) {
        hits.addAll(scan.scan(graph.repo(e.getKey()).get(), tracked, graph.file()));
      }
    }
    findings.addAll(UndeclaredCheck.run(hits, survey.readings()));
    findings.sort(Finding.ORDER);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new VerifyReport(
        graph.file(),
        findings,
        graph.repos().size(),
        survey.skippedRepos().stream().map(ArtifactId::value).toList(),
        graph.references().size(),
        survey.readings().size(),
        scanned,
        millis);
  }

  /** What git says about one repo. */
  private record GitFacts(List<String> tracked, SelfReferenceCheck.Current current) {}

  private static Map<ArtifactId, GitFacts> gitFacts(ReleaseGraph graph) {
    return gitFacts(List.copyOf(graph.repos().values()));
  }

  private static Map<ArtifactId, GitFacts> gitFacts(List<Repo> repos) {
    Map<ArtifactId, GitFacts> out = new LinkedHashMap<>();
    for (Repo repo : repos) {
      try {
        Optional<GitRepo> g = GitRepo.open(repo.root());
        if (g.isEmpty()) {
          continue;
        }
        try (GitRepo git = g.get()) {
          out.put(
              repo.id(),
              new GitFacts(
                  git.trackedFiles(),
                  new SelfReferenceCheck.Current(
                      git.currentRelease(repo.tagFormat(), false),
                      git.currentRelease(repo.tagFormat(), true))));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read git repo " + repo.id() + " at " + repo.root() + ": " + e.getMessage(), e);
      }
    }
    return out;
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
}
