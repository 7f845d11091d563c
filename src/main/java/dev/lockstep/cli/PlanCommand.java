package dev.lockstep.cli;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionScheme;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanPrinter;
import dev.lockstep.plan.Planner;
import dev.lockstep.survey.Survey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "plan",
    description = {
      "Shows what releasing a repo at a version will do, changing nothing.",
      "",
      "Shows what releasing REPO at VERSION will do, and changes nothing: the files and lines the",
      "release commit rewrites (unified diff), the commit, image builds, chart packaging, publishing",
      "in dependency order, the tag, the push, the manifest, and the after-release branch for main.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep plan kubestellar 0.30.0",
      "  lockstep plan kubestellar 0.30.0-rc.1 --format json",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class PlanCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repo (release unit) to release.")
  String repo;

  @Parameters(
      index = "1",
      paramLabel = "VERSION",
      description = "The version, SemVer (a leading v is accepted).")
  String version;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    text,
    json
  }

  static Version parseVersion(String text) {
    return parseVersion(VersionScheme.SEMVER, text);
  }

  /** A release version of a repo, read under the repo's scheme. */
  static Version parseVersion(ReleaseGraph graph, String repo, String text) {
    return parseVersion(graph.defaultFormat(ArtifactId.of(repo)).scheme(), text);
  }

  static Version parseVersion(VersionScheme scheme, String text) {
    if (!(scheme instanceof VersionScheme.SemVer)) {
      return Version.parseLenient(scheme, text)
          .orElseThrow(
              () ->
                  BadInputException.plain(
                      "'"
                          + text
                          + "' is not a "
                          + scheme.name()
                          + " version; write "
                          + scheme.example()));
    }
    return Version.parseLenient(text)
        .orElseThrow(
            () ->
                BadInputException.plain(
                    "'" + text + "' is not a SemVer version; write e.g. 0.30.0 or 0.30.0-rc.1"));
  }

  @Override
  public Integer call() {
    ReleaseGraph graph = common.loadGraph();
    Plan plan =
        Planner.plan(
            graph, Survey.of(graph), ArtifactId.of(repo), parseVersion(graph, repo, version));
    spec.commandLine()
        .getOut()
        .print(format == Format.json ? PlanPrinter.json(plan) : PlanPrinter.text(plan));
    return ExitCodes.OK;
  }
}
