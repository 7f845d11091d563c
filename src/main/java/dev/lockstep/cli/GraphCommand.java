package dev.lockstep.cli;

import dev.lockstep.diagram.DotRenderer;
import dev.lockstep.diagram.JsonRenderer;
import dev.lockstep.diagram.MermaidRenderer;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    addMethodSubcommands = false,
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
      "  lockstep graph --format markdown -o docs/graph.md    # GitHub renders it",
      "  lockstep graph --level repo                      # one arrow per pair of repos",
      "  lockstep graph --format dot | dot -Tsvg > graph.svg",
      "  lockstep graph --format json | jq '.edges[] | select(.type == \"reference\")'",
    },
    usageHelpWidth = 100,
    sortOptions = false)
final class GraphCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "mermaid",
      description =
          "mermaid, markdown (Mermaid in a fenced block, for a .md file GitHub renders), dot or"
              + " json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the drawing to FILE instead of standard output.")
  java.nio.file.Path output;

  @Option(
      names = "--level",
      paramLabel = "LEVEL",
      defaultValue = "artifact",
      description =
          "artifact (every artifact and reference) or repo (one arrow per pair of repos, labelled"
              + " with how many references it stands for; mermaid, markdown or dot)."
              + " Default: ${DEFAULT-VALUE}.")
  Level level;

  enum Level {
    artifact,
    repo
  }

  @Option(
      names = "--repo",
      paramLabel = "REPO",
      description = "Only this repo, what it references and what references it.")
  String repo;

  enum Format {
    mermaid,
    markdown,
    dot,
    json
  }

  @Override
  public Integer call() throws java.io.IOException {
    ReleaseGraph graph = common.loadGraph();
    String text;
    if (level == Level.repo) {
      if (repo != null || format == Format.json) {
        throw BadInputException.plain(
            "--level repo draws every repo as one node with mermaid, markdown or dot;"
                + " drop --repo and --format json");
      }
      text =
          switch (format) {
            case mermaid -> new MermaidRenderer().renderRepos(graph);
            case markdown -> MermaidRenderer.fenced(new MermaidRenderer().renderRepos(graph));
            default -> new DotRenderer().renderRepos(graph);
          };
    } else {
      Survey survey = Survey.of(graph);
      Optional<ArtifactId> focus = Optional.ofNullable(repo).map(ArtifactId::of);
      text =
          switch (format) {
            case mermaid -> new MermaidRenderer().render(graph, survey, focus);
            case markdown ->
                MermaidRenderer.fenced(new MermaidRenderer().render(graph, survey, focus));
            case dot -> new DotRenderer().render(graph, survey, focus);
            case json -> new JsonRenderer().render(graph, survey, focus);
          };
    }
    if (output != null) {
      VerifyCommand.writeAtomically(output, text);
    } else {
      spec.commandLine().getOut().print(text);
    }
    return ExitCodes.OK;
  }
}
