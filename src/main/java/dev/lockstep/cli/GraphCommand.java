package dev.lockstep.cli;

import dev.lockstep.diagram.DotRenderer;
import dev.lockstep.diagram.JsonRenderer;
import dev.lockstep.diagram.MermaidRenderer;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "graph",
    description = {
      "Draws the graph as Mermaid, DOT or JSON.",
      "",
      "Draws the graph: a subgraph per repo, solid arrows (-->) for build edges, dotted arrows",
      "(-.->) for references, each labelled with the version written at its places.",
    },
    footer = {
      "",
      "Examples:",
      "  lockstep graph                                   # Mermaid, paste into Markdown",
      "  lockstep graph --graph graph/examples/kubestellar.yaml --repo ocm-status-addon",
      "  lockstep graph --format dot | dot -Tsvg > graph.svg",
      "  lockstep graph --format json | jq '.edges[] | select(.type == \"reference\")'",
    },
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    sortOptions = false)
final class GraphCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "mermaid",
      description = "mermaid, dot or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--repo",
      paramLabel = "REPO",
      description = "Only this repo, what it references and what references it.")
  String repo;

  enum Format {
    mermaid,
    dot,
    json
  }

  @Override
  public Integer call() {
    ReleaseGraph graph = common.loadGraph();
    Survey survey = Survey.of(graph);
    Optional<ArtifactId> focus = Optional.ofNullable(repo).map(ArtifactId::of);
    String text =
        switch (format) {
          case mermaid -> new MermaidRenderer().render(graph, survey, focus);
          case dot -> new DotRenderer().render(graph, survey, focus);
          case json -> new JsonRenderer().render(graph, survey, focus);
        };
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
  }
}
