package dev.lockstep.cli;

import dev.lockstep.diagram.Explainer;
import dev.lockstep.diagram.Explanation;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
    name = "explain",
    description = {
      "Shows every place that names an artifact, and what depends on it.",
      "",
      "Shows every place that names ARTIFACT (file:line, the version written there, its policy),",
      "the places of its own version, what it is built from, and what is affected if it changes.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep explain core-chart",
      "  lockstep explain --graph graph/examples/kubestellar.yaml osa-chart --format json",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class ExplainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ARTIFACT",
      description = "An artifact or repo id of the graph.")
  String artifact;

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

  @Override
  public Integer call() {
    ReleaseGraph graph = common.loadGraph();
    Explainer explainer = new Explainer();
    Explanation e = explainer.explain(graph, Survey.of(graph), ArtifactId.of(artifact));
    spec.commandLine()
        .getOut()
        .print(
            format == Format.json
                ? explainer.renderJson(e, CommonOptions.base())
                : explainer.renderText(e, CommonOptions.base()));
    return ExitCodes.OK;
  }
}
