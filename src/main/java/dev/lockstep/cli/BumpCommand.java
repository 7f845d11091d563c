package dev.lockstep.cli;

import dev.lockstep.bump.Bump;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "bump",
    description = {
      "Moves every literal reference to an artifact to a new version.",
      "",
      "Rewrites every literal reference to ARTIFACT so that it names VERSION, editing exactly the",
      "characters of each declared place (comments, quoting, indentation and line endings stay).",
      "Placeholders and chart versions are left alone. Nothing is written if any place refuses.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep bump ocm-status-addon-chart 0.3.0 --dry-run   # show the diff only",
      "  lockstep bump clusteradm-image 0.10.2",
      "  lockstep bump app-image 1.4.0 --digest sha256:...     # for formats with {digest}",
    },
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    sortOptions = false)
final class BumpCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ARTIFACT",
      description = "The artifact (or repo) id whose references move.")
  String artifact;

  @Parameters(
      index = "1",
      paramLabel = "VERSION",
      description = "The new version, SemVer (a leading v is accepted).")
  String version;

  @Option(
      names = "--digest",
      paramLabel = "DIGEST",
      description = "The image digest, for places whose format has {digest}.")
  String digest;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Print the unified diff and change nothing.")
  boolean dryRun;

  @Option(
      names = "--progress",
      description = "Print a line on stderr as the files are staged and as each one is written.")
  boolean progress;

  @Override
  public Integer call() throws IOException {
    Version v =
        Version.parseLenient(version)
            .orElseThrow(
                () ->
                    BadInputException.plain(
                        "'" + version + "' is not a SemVer version; write e.g. 0.3.0"));
    ReleaseGraph graph = common.loadGraph();
    InterruptedWrites.finish(graph, spec.commandLine().getErr());
    Survey survey = Survey.of(graph);
    Bump bump = Bump.plan(survey, ArtifactId.of(artifact), v, Optional.ofNullable(digest));
    survey
        .skippedRepos()
        .forEach(
            r ->
                spec.commandLine()
                    .getErr()
                    .println(
                        "skipped repo " + r + ": not checked out, its places were not bumped"));
    var out = spec.commandLine().getOut();
    out.print(bump.diff());
    if (!dryRun) {
      var err = spec.commandLine().getErr();
      bump.apply(
          line -> {
            if (progress) {
              err.println(line);
              err.flush();
            }
            PauseAfter.maybe(line);
          });
    }
    spec.commandLine()
        .getErr()
        .println((dryRun ? "would change " : "changed ") + bump.changedFiles() + " file(s)");
    return ExitCodes.OK;
  }

  /**
   * Test hook for the kill tests: with {@code LOCKSTEP_TEST_BUMP_PAUSE_AFTER=TEXT}, the bump stops
   * for good right after the progress step whose line contains TEXT, so a SIGKILL sent when that
   * line appears lands exactly there, whatever the machine's speed.
   */
  static final class PauseAfter {
    static final String VARIABLE = "LOCKSTEP_TEST_BUMP_PAUSE_AFTER";

    private PauseAfter() {}

    static void maybe(String line) {
      String at = System.getenv(VARIABLE);
      if (at == null || at.isEmpty() || !line.contains(at)) {
        return;
      }
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
