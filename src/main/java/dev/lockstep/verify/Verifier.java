package dev.lockstep.verify;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Survey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The verify gate: an ordered list of checks over one survey. Its own checks, in the order they
 * run:
 *
 * <ol>
 *   <li>the survey's findings: every declared place read, with its file, count, value, format and
 *       placeholder findings;
 *   <li>cycles of references between repos;
 *   <li>agreement: one version per (repo, artifact, stamp), and external pins;
 *   <li>self-references against each repo's current release;
 *   <li>the undeclared-reference scan over tracked files.
 * </ol>
 *
 * Checks the caller adds ({@code --online} lookups, {@code --render}) start first and run beside
 * these, so their network and Helm time overlaps the offline work.
 */
public final class Verifier {
  private Verifier() {}

  /** The gate's own checks, in order. */
  static final List<Check> GATE =
      List.of(
          context -> context.survey().findings(),
          context -> CycleCheck.run(context.graph()),
          context -> AgreementCheck.run(context.graph(), context.readings()),
          SelfReferenceCheck::check,
          UndeclaredCheck::check);

  public static VerifyReport verify(ReleaseGraph graph) {
    long start = System.nanoTime();
    return run(VerifyContext.of(graph), List.of(), start);
  }

  /** Verifies with a survey the caller has already made. */
  public static VerifyReport verify(ReleaseGraph graph, Survey survey) {
    return verify(graph, survey, List.of());
  }

  /** The gate's checks plus {@code added}, all over {@code survey}. */
  public static VerifyReport verify(ReleaseGraph graph, Survey survey, List<Check> added) {
    long start = System.nanoTime();
    return run(VerifyContext.of(graph, survey), added, start);
  }

  /** Verify with git read for one repo only: what a release of that repo checks. */
  static VerifyReport verifyRepo(ReleaseGraph graph, Survey survey, ArtifactId repo) {
    long start = System.nanoTime();
    return run(VerifyContext.forRepo(graph, survey, repo), List.of(), start);
  }

  private static VerifyReport run(VerifyContext context, List<Check> added, long start) {
    List<CompletableFuture<List<Finding>>> extra = new ArrayList<>();
    for (Check c : added) {
      extra.add(CompletableFuture.supplyAsync(() -> c.run(context)));
    }
    List<Finding> findings = new ArrayList<>();
    for (Check c : GATE) {
      findings.addAll(c.run(context));
    }
    findings = ReleaseCommit.withoutCarriedVersions(context, findings);
    for (CompletableFuture<List<Finding>> f : extra) {
      findings.addAll(join(f));
    }
    findings.sort(Finding.ORDER);
    int scanned = context.git().values().stream().mapToInt(g -> g.tracked().size()).sum();
    ReleaseGraph graph = context.graph();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new VerifyReport(
        graph.file(),
        findings,
        graph.repos().size(),
        context.survey().skippedRepos().stream().map(a -> a.value()).toList(),
        graph.references().size(),
        context.readings().size(),
        scanned,
        millis);
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
