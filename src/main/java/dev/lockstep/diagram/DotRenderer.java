package dev.lockstep.diagram;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.util.List;
import java.util.Optional;

/**
 * Draws the same picture as {@link MermaidRenderer} in Graphviz DOT: a {@code cluster_<repo>}
 * subgraph per repo, solid edges for builds, dashed edges labelled with the versions written.
 *
 * <pre>
 * digraph lockstep {
 *   rankdir=LR;
 *   node [shape=box];
 *   subgraph cluster_kubestellar {
 *     label="kubestellar@GitHub";
 *     kubestellar_src [label="kubestellar source"];
 *   }
 *   kcm_image [label="kcm-image\nimage ghcr.io/kubestellar/kubestellar/controller-manager"];
 *   kcm_image -&gt; kubestellar_src;
 *   core_chart_src -&gt; kcm_image [style=dashed, label="0.29.0"];
 * }
 * </pre>
 */
public final class DotRenderer {
  private static final String INDENT = "  ";
  private static final String DISABLED = ", style=dashed, color=gray50, fontcolor=gray50";

  /**
   * @param focusRepo when present, only that repo's nodes, what they reference or are built from,
   *     and what references them
   * @throws dev.lockstep.model.BadInputException when {@code focusRepo} is not a repo of {@code g}
   */
  public String render(ReleaseGraph g, Survey s, Optional<ArtifactId> focusRepo) {
    return render(GraphView.of(g, s, focusRepo));
  }

  /** The repo-level view: one arrow per pair of repos, labelled with its number of references. */
  public String renderRepos(ReleaseGraph g) {
    return render(GraphView.repos(g));
  }

  private String render(GraphView view) {
    Ids.Allocator clusterIds = new Ids.Allocator();
    StringBuilder out = new StringBuilder("digraph lockstep {\n");
    out.append(INDENT).append("rankdir=LR;\n");
    out.append(INDENT).append("node [shape=box];\n");
    for (GraphView.Cluster c : view.clusters()) {
      out.append(INDENT)
          .append("subgraph ")
          .append(clusterIds.claim("cluster_" + c.repo().value()))
          .append(" {\n");
      out.append(INDENT)
          .append(INDENT)
          .append("label=")
          .append(quote(List.of(c.title())))
          .append(";\n");
      for (GraphView.Node n : view.nodesIn(c)) {
        node(out, INDENT + INDENT, n);
      }
      out.append(INDENT).append("}\n");
    }
    for (GraphView.Node n : view.outside()) {
      node(out, INDENT, n);
    }
    for (GraphView.Line l : view.lines()) {
      out.append(INDENT).append(l.from()).append(" -> ").append(l.to());
      if (!l.build()) {
        out.append(" [style=dashed, label=").append(quote(List.of(l.label()))).append(']');
      } else if (!l.label().isEmpty()) {
        out.append(" [label=").append(quote(List.of(l.label()))).append(']');
      }
      out.append(";\n");
    }
    return out.append("}\n").toString();
  }

  private static void node(StringBuilder out, String indent, GraphView.Node n) {
    out.append(indent).append(n.id()).append(" [label=").append(quote(n.label()));
    if (n.disabled()) {
      out.append(DISABLED);
    }
    out.append("];\n");
  }

  /** A DOT double-quoted string, lines joined by {@code \n}. */
  static String quote(List<String> lines) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        sb.append("\\n");
      }
      String line = lines.get(i);
      for (int j = 0; j < line.length(); j++) {
        char c = line.charAt(j);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n', '\r', '\t' -> sb.append(' ');
          default -> sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }
}
