package dev.lockstep.verify;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Source;
import dev.lockstep.model.Verdict;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Release refuses what verify rejects: the checks {@code verify} runs, scoped to the repo being
 * released (its files, its artifacts and the references they declare). Errors and input problems
 * block the release; warnings block it only when strict. A stale self-reference does not: the
 * release commit rewrites every self-reference to the released version (between a release and the
 * merge of its after-release branch, main's self-references name the previous one).
 */
public final class ReleaseGate {
  private ReleaseGate() {}

  /** Verify's findings about {@code repoId}: what a release of it starts from. */
  public static VerifyReport check(ReleaseGraph graph, Survey survey, ArtifactId repoId) {
    Repo repo = graph.repo(repoId).orElseThrow();
    VerifyReport all = Verifier.verifyRepo(graph, survey, repoId);
    Set<String> declared = new HashSet<>();
    declared.add(key(repo.source()));
    int references = 0;
    for (Artifact a : graph.artifacts().values()) {
      if (!a.repo().map(repoId::equals).orElse(false)) {
        continue;
      }
      declared.add(key(a.source()));
      for (Reference r : a.uses()) {
        references++;
        declared.add(key(r.source()));
        for (Locator l : r.at()) {
          declared.add(key(l.source()));
        }
      }
    }
    Path root = repo.root();
    List<Finding> scoped =
        all.findings().stream()
            .filter(f -> f.rule() != Rule.SELF_REFERENCE)
            .filter(
                f ->
                    f.locations().stream()
                        .anyMatch(
                            l ->
                                l.file().toAbsolutePath().normalize().startsWith(root)
                                    || declared.contains(key(l))))
            .toList();
    long places = survey.readings().stream().filter(r -> r.fromRepo().equals(repoId)).count();
    return new VerifyReport(
        all.graphFile(),
        scoped,
        1,
        all.skippedRepos().stream().filter(repoId.value()::equals).toList(),
        references,
        (int) places,
        all.filesScanned(),
        all.millis());
  }

  /** Throws {@link Refused} when the scoped report fails the gate. */
  public static void require(ReleaseGraph graph, Survey survey, ArtifactId repoId, boolean strict) {
    VerifyReport report = check(graph, survey, repoId);
    if (report.verdict(strict) != Verdict.PASS) {
      throw new Refused(repoId, report);
    }
  }

  private static String key(Source s) {
    return s.file().toAbsolutePath().normalize() + ":" + s.line() + ":" + s.column();
  }

  private static String key(Location l) {
    return l.file().toAbsolutePath().normalize() + ":" + l.line() + ":" + l.column();
  }

  /** A release refused before anything was written: verify's findings on the repo (exit 2). */
  public static final class Refused extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final transient VerifyReport report;
    private final transient ArtifactId repo;

    Refused(ArtifactId repo, VerifyReport report) {
      super(
          List.of(
              dev.lockstep.model.Problem.at(
                  Source.at(report.graphFile(), 1, 1, ""),
                  "lockstep verify reports "
                      + report.summary().replaceFirst(";.*", "")
                      + " on "
                      + repo,
                  "fix them before releasing " + repo)));
      this.report = report;
      this.repo = repo;
    }

    public VerifyReport report() {
      return report;
    }

    public ArtifactId repo() {
      return repo;
    }

    /** The line said after the findings. */
    public String verdict() {
      return "release of "
          + repo
          + " refused: lockstep verify reports "
          + report.summary().replaceFirst(";.*", "")
          + " on it; fix them and commit, then release again (nothing was written)";
    }
  }
}
