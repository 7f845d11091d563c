package dev.lockstep.verify;

import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Severity;
import java.nio.file.Path;

/**
 * GitHub Actions workflow commands ({@code ::error file=F,line=L,col=C::message}), which GitHub
 * shows as annotations on the pull request's diff.
 */
public final class GithubReport {
  private GithubReport() {}

  public static String render(VerifyReport report, Path base) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : report.findings()) {
      Location l = f.primary();
      String command =
          f.severity() == Severity.ERROR
              ? "error"
              : f.severity() == Severity.WARNING ? "warning" : "notice";
      sb.append("::")
          .append(command)
          .append(" file=")
          .append(property(Location.display(l.file(), base)))
          .append(",line=")
          .append(l.line())
          .append(",col=")
          .append(l.column())
          .append(",endLine=")
          .append(l.endLine())
          .append(",endColumn=")
          .append(Math.max(l.endColumn(), l.column()))
          .append(",title=")
          .append(property("lockstep " + f.rule().code()))
          .append("::")
          .append(data(f.fix().isEmpty() ? f.message() : f.message() + "; " + f.fix()))
          .append('\n');
    }
    sb.append(report.summary()).append('\n');
    if (report.findings().size() > ANNOTATIONS_SHOWN) {
      sb.append(
              "GitHub shows at most "
                  + ANNOTATIONS_SHOWN
                  + " annotations of a kind per step; every finding is in the job summary")
          .append('\n');
    }
    return sb.toString();
  }

  /** How many annotations of one kind GitHub shows for a step; the rest only in the summary. */
  static final int ANNOTATIONS_SHOWN = 10;

  /**
   * The job summary ({@code $GITHUB_STEP_SUMMARY}): every finding in one Markdown table, so none is
   * lost past GitHub's annotation limit.
   */
  public static String jobSummary(VerifyReport report, Path base) {
    StringBuilder sb = new StringBuilder("### lockstep verify\n\n");
    sb.append(report.summary()).append("\n\n");
    if (report.findings().isEmpty()) {
      return sb.append("No findings.\n").toString();
    }
    sb.append("| severity | rule | where | message |\n| --- | --- | --- | --- |\n");
    for (Finding f : report.findings()) {
      sb.append("| ")
          .append(f.rule().input() ? "bad input" : f.severity().label())
          .append(" | [`")
          .append(f.rule().code())
          .append("`](")
          .append(RuleHelp.uri(f.rule()))
          .append(") | `")
          .append(cell(f.primary().position(base)))
          .append("` | ")
          .append(cell(f.fix().isEmpty() ? f.message() : f.message() + "; " + f.fix()))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\r", " ").replace("\n", "<br>");
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
