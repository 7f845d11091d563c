package dev.lockstep.verify;

import dev.lockstep.model.Verdict;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Severity;
import java.nio.file.Path;

/**
 * For people: one line per finding ({@code file:line:col: severity[code]: message; fix}), related
 * places indented, then the summary.
 */
public final class TextReport {
  private TextReport() {}

  public static String render(VerifyReport report, Path base, boolean verbose) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.NOTE
          && !verbose
          && !f.rule().equals(Rule.REPO_SKIPPED)
          && !f.rule().equals(Rule.NOT_SCANNED)) {
        continue;
      }
      sb.append(f.primary().position(base))
          .append(": ")
          .append(f.severity().label())
          .append('[')
          .append(f.rule().code())
          .append("]: ")
          .append(f.message());
      if (!f.fix().isEmpty()) {
        sb.append("; ").append(f.fix());
      }
      sb.append('\n');
      for (Location l : f.locations().subList(1, f.locations().size())) {
        sb.append("    ").append(l.position(base));
        if (!l.note().isEmpty()) {
          sb.append(": ").append(l.note());
        }
        sb.append('\n');
      }
    }
    sb.append(
            report.verdict(false) == Verdict.PASS && report.count(Severity.WARNING) == 0
                ? "ok: "
                : "")
        .append(report.summary())
        .append('\n');
    return sb.toString();
  }
}
