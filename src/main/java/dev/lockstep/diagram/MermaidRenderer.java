package dev.lockstep.diagram;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.util.List;
import java.util.Optional;

/**
 * Draws the graph as a Mermaid flowchart, the way KubeStellar's packaging doc does: a subgraph per
 * repo, {@code -->} for build edges, {@code -.->} for references labelled with the versions written
 * at their places.
 *
 * <pre>
 * flowchart LR
 *     subgraph kubestellar_repo["kubestellar@GitHub"]
 *         kubestellar_src["kubestellar source"]
 *         core_chart_src["core-chart&lt;br&gt;chart source core-chart/"]
 *     end
 *     kcm_image["kcm-image&lt;br&gt;image ghcr.io/kubestellar/kubestellar/controller-manager"]
 *     kcm_image --&gt; kubestellar_src
 *     core_chart_src -.-&gt;|"0.29.0"| kcm_image
 * </pre>
 */
public final class MermaidRenderer {
  private static final String INDENT = "    ";

  /** The style of a disabled artifact's nodes. */
  static final String DISABLED_CLASS =
      "classDef disabled fill:#f4f4f4,stroke:#999999,color:#888888,stroke-dasharray: 5 5";

  /**
   * @param focusRepo when present, only that repo's nodes, what they reference or are built from,
   *     and what references them
   * @throws IllegalArgumentException when {@code focusRepo} is not a repo of {@code g}
   */
  public String render(ReleaseGraph g, Survey s, Optional<ArtifactId> focusRepo) {
    return render(GraphView.of(g, s, focusRepo));
  }

  /** The repo-level view: one arrow per pair of repos, labelled with its number of references. */
  public String renderRepos(ReleaseGraph g) {
    return render(GraphView.repos(g));
  }

  /** Mermaid inside a fenced code block, for Markdown files GitHub renders. */
  public static String fenced(String mermaid) {
    return "```mermaid\n" + mermaid + "```\n";
  }

  private String render(GraphView view) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (GraphView.Cluster c : view.clusters()) {
      out.append(INDENT)
          .append("subgraph ")
          .append(c.id())
          .append('[')
          .append(quote(List.of(c.title())))
          .append("]\n");
      for (GraphView.Node n : view.nodesIn(c)) {
        node(out, INDENT + INDENT, n);
      }
      out.append(INDENT).append("end\n");
    }
    for (GraphView.Node n : view.outside()) {
      node(out, INDENT, n);
    }
    for (GraphView.Line l : view.lines()) {
      out.append(INDENT).append(l.from());
      if (l.build() && l.label().isEmpty()) {
        out.append(" --> ");
      } else if (l.build()) {
        out.append(" -->|").append(quote(List.of(l.label()))).append("| ");
      } else {
        out.append(" -.->|").append(quote(List.of(l.label()))).append("| ");
      }
      out.append(l.to()).append('\n');
    }
    if (view.anyDisabled()) {
      out.append(INDENT).append(DISABLED_CLASS).append('\n');
    }
    return out.toString();
  }

  private static void node(StringBuilder out, String indent, GraphView.Node n) {
    out.append(indent).append(n.id()).append('[').append(quote(n.label())).append(']');
    if (n.disabled()) {
      out.append(":::disabled");
    }
    out.append('\n');
  }

  /**
   * A quoted Mermaid string, lines joined by {@code <br>}. Characters Mermaid would read as syntax
   * or markup become entity codes: {@code "} as {@code #quot;}, {@code #} as {@code #35;}, and
   * {@code < > | `} likewise.
   */
  static String quote(List<String> lines) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        sb.append("<br>");
      }
      sb.append(escape(lines.get(i)));
    }
    return sb.append('"').toString();
  }

  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '#' -> sb.append("#35;");
        case '"' -> sb.append("#quot;");
        case '<' -> sb.append("#lt;");
        case '>' -> sb.append("#gt;");
        case '|' -> sb.append("#124;");
        case '`' -> sb.append("#96;");
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
