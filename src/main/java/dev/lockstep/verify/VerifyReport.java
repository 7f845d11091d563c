package dev.lockstep.verify;

import dev.lockstep.model.Verdict;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of a verify run: findings in a stable order, and what was looked at.
 *
 * @param graphFile the graph that was verified
 */
public record VerifyReport(
    Path graphFile,
    List<Finding> findings,
    int repos,
    List<String> skippedRepos,
    int references,
    int places,
    int filesScanned,
    long millis) {

  public VerifyReport {
    findings = List.copyOf(findings);
    skippedRepos = List.copyOf(skippedRepos);
  }

  /**
   * The report of a graph that does not load: one {@code graph.invalid} finding per problem, so
   * SARIF and GitHub output say it too (exit 2).
   */
  public static VerifyReport badInput(Path graphFile, dev.lockstep.model.BadInputException e) {
    List<Finding> findings = new java.util.ArrayList<>();
    for (dev.lockstep.model.Problem p : e.problems()) {
      String path = p.source().yamlPath();
      findings.add(
          Finding.of(
              Rule.GRAPH_INVALID,
              (path.isEmpty() ? "" : path + ": ") + p.message(),
              p.fix(),
              Location.of(p.source(), "")));
    }
    if (findings.isEmpty()) {
      findings.add(
          Finding.of(
              Rule.GRAPH_INVALID,
              e.getMessage(),
              "",
              new Location(graphFile.toAbsolutePath(), 1, 1, 1, 1, "")));
    }
    findings.sort(Finding.ORDER);
    return new VerifyReport(graphFile, findings, 0, List.of(), 0, 0, 0, 0);
  }

  /** The same report with one more finding (in report order). */
  public VerifyReport with(Finding finding) {
    List<Finding> all = new java.util.ArrayList<>(findings);
    all.add(finding);
    all.sort(Finding.ORDER);
    return new VerifyReport(
        graphFile, all, repos, skippedRepos, references, places, filesScanned, millis);
  }

  /**
   * The report a gate must not pass silently: when no place was read because every repo was skipped
   * (or there is none), a {@code verify.nothing-checked} finding; unchanged otherwise.
   */
  public VerifyReport failIfNothingChecked() {
    if (places > 0 || skippedRepos.size() < repos) {
      return this;
    }
    return with(
        Finding.of(
            Rule.NOTHING_CHECKED,
            "verify checked no place: "
                + (skippedRepos.isEmpty()
                    ? "the graph declares none in a checked-out repo"
                    : "every repo was skipped (not checked out: "
                        + String.join(", ", skippedRepos)
                        + ")"),
            "check the repos out where path: says, or pass --allow-skipped when that is expected",
            new Location(graphFile, 1, 1, 1, 1, "")));
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  public boolean hasInputProblems() {
    return findings.stream().anyMatch(f -> f.rule().input());
  }

  /** Bad input when the graph cannot be checked; fail on errors (and warnings when strict). */
  public Verdict verdict(boolean strict) {
    if (hasInputProblems()) {
      return Verdict.BAD_INPUT;
    }
    if (count(Severity.ERROR) > 0 || (strict && count(Severity.WARNING) > 0)) {
      return Verdict.FAIL;
    }
    return Verdict.PASS;
  }

  /**
   * {@code 2 errors, 1 warning, 1 note; 4 repos (1 skipped), 31 references, 58 places, 212 files
   * scanned}.
   */
  public String summary() {
    return plural(count(Severity.ERROR), "error")
        + ", "
        + plural(count(Severity.WARNING), "warning")
        + ", "
        + plural(count(Severity.NOTE), "note")
        + "; "
        + plural(repos, "repo")
        + (skippedRepos.isEmpty() ? "" : " (" + skippedRepos.size() + " skipped)")
        + ", "
        + plural(references, "reference")
        + ", "
        + plural(places, "place")
        + ", "
        + filesScanned
        + " files scanned in "
        + millis
        + " ms";
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
