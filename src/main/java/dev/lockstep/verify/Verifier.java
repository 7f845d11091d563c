package dev.lockstep.verify;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *   <li>the undeclared-reference scan over tracked files;
 *   <li>agreement: one version per (repo, artifact, stamp), and external pins;
 *   <li>self-references against each repo's current release.
 * </ol>
 *
 * Checks the caller adds ({@code --online} lookups, {@code --render}) start first and run beside
 * these, so their network and Helm time overlaps the offline work.
 */
public final class Verifier {
  private Verifier() {}

  /** The undeclared check: it waits for the scan, which often ends after the survey. */
  private static final Check UNDECLARED = UndeclaredCheck::check;

  /**
   * The gate's own checks, in the order their findings are listed. They run side by side (see
   * {@link #run}); checks only read the context.
   */
  static final List<Check> GATE =
      List.of(
          context -> context.survey().findings(),
          context -> CycleCheck.run(context.graph()),
          UNDECLARED,
          context -> AgreementCheck.run(context.graph(), context.readings(), Blame.known(context)),
          SelfReferenceCheck::check);

  public static VerifyReport verify(ReleaseGraph graph) {
    return verify(graph, List.of());
  }

  /**
   * The gate's checks plus {@code added}; git is read in the background while the survey reads
   * every place.
   */
  public static VerifyReport verify(ReleaseGraph graph, List<Check> added) {
    return verify(graph, added, GitAhead.none());
  }

  /** As {@link #verify(ReleaseGraph, List)}, with git lookups {@code ahead} may have started. */
  public static VerifyReport verify(ReleaseGraph graph, List<Check> added, GitAhead ahead) {
    long start = System.nanoTime();
    return run(VerifyContext.of(graph, ahead), added, start);
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
    // Each check runs on a thread of its own, the last on this one: the undeclared check waits for
    // the scan, and the others, each a pass over every reading, end sooner side by side on two
    // cores than one after the other. Their findings keep the checks' order.
    List<CompletableFuture<List<Finding>>> byCheck = new ArrayList<>();
    for (int i = 0; i < GATE.size() - 1; i++) {
      Check c = GATE.get(i);
      byCheck.add(
          CompletableFuture.supplyAsync(() -> c.run(context), VerifyContext.ownThread("verify")));
    }
    List<Finding> last = GATE.get(GATE.size() - 1).run(context);
    List<Finding> findings = new ArrayList<>();
    for (CompletableFuture<List<Finding>> f : byCheck) {
      findings.addAll(join(f));
    }
    findings.addAll(last);
    findings = ReleaseCommit.withoutCarriedVersions(context, findings);
    for (CompletableFuture<List<Finding>> f : extra) {
      findings.addAll(join(f));
    }
    findings = merge(findings);
    findings.sort(Finding.ORDER);
    int scanned = context.tracked().values().stream().mapToInt(List::size).sum();
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

  /** Rules that judge the version at one place, the most specific first. */
  private static final List<Rule> SAME_PLACE =
      List.of(Rule.EXTERNAL_PIN, Rule.SELF_REFERENCE, Rule.DISAGREEMENT);

  /**
   * One finding per place and cause: findings of {@link #SAME_PLACE} rules with the same primary
   * location and the same target become one, under the most specific rule, naming the others and
   * carrying every related location once.
   */
  static List<Finding> merge(List<Finding> findings) {
    record Key(Path file, int line, int column, ArtifactId target) {}
    Map<Key, List<Finding>> groups = new LinkedHashMap<>();
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (SAME_PLACE.contains(f.rule()) && f.target().isPresent()) {
        Location p = f.primary();
        groups
            .computeIfAbsent(
                new Key(p.file(), p.line(), p.column(), f.target().get()), k -> new ArrayList<>())
            .add(f);
      } else {
        out.add(f);
      }
    }
    for (List<Finding> group : groups.values()) {
      if (group.size() == 1) {
        out.add(group.get(0));
        continue;
      }
      List<Finding> ranked = new ArrayList<>(group);
      ranked.sort(Comparator.comparingInt((Finding f) -> SAME_PLACE.indexOf(f.rule())));
      Finding first = ranked.get(0);
      List<Location> locations = new ArrayList<>(first.locations());
      Set<String> others = new LinkedHashSet<>();
      for (Finding other : ranked.subList(1, ranked.size())) {
        if (other.rule() != first.rule()) {
          others.add(other.rule().code());
        }
        for (Location l : other.locations().subList(1, other.locations().size())) {
          boolean seen =
              locations.stream()
                  .anyMatch(
                      k ->
                          k.file().equals(l.file())
                              && k.line() == l.line()
                              && k.column() == l.column());
          if (!seen) {
            locations.add(l);
          }
        }
      }
      String message =
          others.isEmpty()
              ? first.message()
              : first.message() + " (also " + String.join(", ", others) + ")";
      out.add(
          new Finding(
              first.rule(), first.severity(), message, first.fix(), locations, first.target()));
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
