package dev.lockstep.diagram;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.survey.Survey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The graph as the seed doc draws it, independent of the diagram language: a cluster per repo
 * holding the repo's source and what is kept in it (chart sources, hooks, files); published
 * artifacts (images, charts) and external ones outside; solid lines for builds, dotted lines for
 * references, labelled with the versions the survey read. Mermaid and DOT print this.
 *
 * <p>A chart of ours is two nodes, as in the seed: its source directory inside the repo, and the
 * published chart outside, built from that source. References a chart makes start at its source
 * (that is where the files the survey read live); references to a chart end at the published one.
 */
final class GraphView {

  /** A repo's cluster: {@code id} is its Mermaid subgraph id. */
  record Cluster(ArtifactId repo, String id, String title) {}

  /**
   * One drawn node.
   *
   * @param model the repo or artifact it stands for (a chart of ours has two nodes)
   * @param cluster the repo whose cluster holds it; empty when it is drawn outside
   */
  record Node(
      String id,
      ArtifactId model,
      Optional<ArtifactId> cluster,
      List<String> label,
      boolean disabled) {
    Node {
      label = List.copyOf(label);
    }
  }

  /** One drawn edge between node ids; {@code label} is empty for a build edge. */
  record Line(String from, String to, boolean build, String label) {}

  private final List<Cluster> clusters;
  private final List<Node> nodes;
  private final List<Line> lines;

  private GraphView(List<Cluster> clusters, List<Node> nodes, List<Line> lines) {
    this.clusters = List.copyOf(clusters);
    this.nodes = List.copyOf(nodes);
    this.lines = List.copyOf(lines);
  }

  List<Cluster> clusters() {
    return clusters;
  }

  List<Node> nodes() {
    return nodes;
  }

  List<Line> lines() {
    return lines;
  }

  List<Node> nodesIn(Cluster c) {
    return nodes.stream().filter(n -> n.cluster().equals(Optional.of(c.repo()))).toList();
  }

  List<Node> outside() {
    return nodes.stream().filter(n -> n.cluster().isEmpty()).toList();
  }

  boolean anyDisabled() {
    return nodes.stream().anyMatch(Node::disabled);
  }

  /** The whole graph, or only what touches {@code focusRepo} (see {@link #focus}). */
  static GraphView of(ReleaseGraph g, Survey s, Optional<ArtifactId> focusRepo) {
    GraphView all = of(g, s);
    return focusRepo.isPresent() ? all.focus(g, focusRepo.get()) : all;
  }

  /**
   * Every repo and artifact in declaration order; ids are allocated over the whole graph so a focus
   * keeps them.
   */
  static GraphView of(ReleaseGraph g, Survey s) {
    Ids.Allocator ids = new Ids.Allocator();
    List<Cluster> clusters = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    Map<ArtifactId, String> target = new HashMap<>(); // where edges to a model id end
    Map<ArtifactId, String> origin = new HashMap<>(); // where a model id's references start
    Map<ArtifactId, String> source = new HashMap<>(); // a chart of ours: its source node
    for (Repo r : g.repos().values()) {
      clusters.add(new Cluster(r.id(), ids.claim(r.id().value() + "_repo"), Labels.repoTitle(r)));
      String src = ids.claim(r.id().value() + "_src");
      nodes.add(new Node(src, r.id(), Optional.of(r.id()), List.of(Labels.repoSource(r)), false));
      target.put(r.id(), src);
    }
    for (Artifact a : g.artifacts().values()) {
      String id = ids.claim(a.id().value());
      boolean disabled = !a.enabled();
      Optional<ChartArtifact> ownChart = a.asChart().filter(c -> c.repo().isPresent());
      if (ownChart.isPresent()) {
        ChartArtifact c = ownChart.get();
        String src = ids.claim(a.id().value() + "_src");
        nodes.add(new Node(src, a.id(), a.repo(), Labels.chartSource(c), disabled));
        nodes.add(new Node(id, a.id(), Optional.empty(), Labels.artifact(a), disabled));
        source.put(a.id(), src);
        origin.put(a.id(), src);
      } else {
        // Images are published, so they stand outside like the seed's "KCM container image";
        // hooks and files are kept in their repo.
        boolean published = a.match(i -> true, c -> true, h -> false, f -> false, asset -> true);
        Optional<ArtifactId> cluster = published ? Optional.empty() : a.repo();
        nodes.add(new Node(id, a.id(), cluster, Labels.artifact(a), disabled));
        origin.put(a.id(), id);
      }
      target.put(a.id(), id);
    }
    List<Line> lines = new ArrayList<>();
    for (Artifact a : g.artifacts().values()) {
      for (ArtifactId to : ReleaseGraph.buildSources(a)) {
        // The seed draws a published chart as built from its chart source, which lives in the repo.
        boolean ownRepo = a.repo().equals(Optional.of(to)) && source.containsKey(a.id());
        lines.add(
            new Line(target.get(a.id()), ownRepo ? source.get(a.id()) : target.get(to), true, ""));
      }
      for (Reference r : a.uses()) {
        String unread =
            a.repo().map(s.skippedRepos()::contains).orElse(false)
                ? Labels.NOT_CHECKED_OUT
                : !a.enabled() || g.artifact(r.to()).map(t -> !t.enabled()).orElse(false)
                    ? Labels.DISABLED
                    : Labels.UNREAD;
        lines.add(
            new Line(
                origin.get(a.id()),
                target.get(r.to()),
                false,
                Labels.reference(r, s.readingsOf(r), unread)));
      }
    }
    return new GraphView(clusters, nodes, once(lines));
  }

  /**
   * Parallel edges with the same label drawn once: build edges simply once, references with the
   * count of references they stand for ({@code 0.29.0 (x3)}).
   */
  static List<Line> once(List<Line> lines) {
    Map<Line, Integer> counts = new LinkedHashMap<>();
    lines.forEach(l -> counts.merge(l, 1, Integer::sum));
    List<Line> out = new ArrayList<>();
    counts.forEach(
        (l, n) ->
            out.add(
                n == 1 || l.build()
                    ? l
                    : new Line(l.from(), l.to(), false, l.label() + " (x" + n + ")")));
    return out;
  }

  /**
   * The repo-level view (the seed doc's first diagram): a node per repo, one arrow per pair of
   * repos from the repo that writes references to the repo that releases their target, labelled
   * with how many references it stands for. References within a repo and to external artifacts are
   * left out.
   */
  static GraphView repos(ReleaseGraph g) {
    Ids.Allocator ids = new Ids.Allocator();
    List<Node> nodes = new ArrayList<>();
    Map<ArtifactId, String> id = new HashMap<>();
    for (Repo r : g.repos().values()) {
      String n = ids.claim(r.id().value());
      id.put(r.id(), n);
      nodes.add(new Node(n, r.id(), Optional.empty(), List.of(r.id().value()), false));
    }
    Map<List<ArtifactId>, Integer> pairs = new LinkedHashMap<>();
    for (Artifact a : g.artifacts().values()) {
      if (a.repo().isEmpty()) {
        continue;
      }
      for (Reference r : a.uses()) {
        Optional<ArtifactId> to = g.releaseRepoOf(r.to());
        if (to.isPresent() && !to.get().equals(a.repo().get())) {
          pairs.merge(List.of(a.repo().get(), to.get()), 1, Integer::sum);
        }
      }
    }
    List<Line> lines = new ArrayList<>();
    pairs.forEach(
        (pair, n) ->
            lines.add(
                new Line(
                    id.get(pair.get(0)),
                    id.get(pair.get(1)),
                    true,
                    n + (n == 1 ? " reference" : " references"))));
    return new GraphView(List.of(), nodes, lines);
  }

  /**
   * Only {@code repo}'s nodes (its source and every artifact whose repo it is), the nodes they
   * reference or are built from, and the nodes that reference them or are built from them. Edges
   * between two foreign nodes are left out.
   */
  GraphView focus(ReleaseGraph g, ArtifactId repo) {
    Set<ArtifactId> own = ownIds(g, repo);
    Set<String> ownNodes = new HashSet<>();
    nodes.stream().filter(n -> own.contains(n.model())).forEach(n -> ownNodes.add(n.id()));
    List<Line> kept =
        lines.stream()
            .filter(l -> ownNodes.contains(l.from()) || ownNodes.contains(l.to()))
            .toList();
    Set<String> visible = new LinkedHashSet<>(ownNodes);
    kept.forEach(
        l -> {
          visible.add(l.from());
          visible.add(l.to());
        });
    List<Node> keptNodes = nodes.stream().filter(n -> visible.contains(n.id())).toList();
    List<Cluster> keptClusters =
        clusters.stream()
            .filter(
                c -> keptNodes.stream().anyMatch(n -> n.cluster().equals(Optional.of(c.repo()))))
            .toList();
    return new GraphView(keptClusters, keptNodes, kept);
  }

  /**
   * The repo and the artifacts it holds; an unknown or non-repo id is an {@link BadInputException}.
   */
  static Set<ArtifactId> ownIds(ReleaseGraph g, ArtifactId repo) {
    if (g.repo(repo).isEmpty()) {
      Optional<Artifact> a = g.artifact(repo);
      if (a.isPresent()) {
        throw BadInputException.plain(
            "'"
                + repo
                + "' is "
                + Labels.what(g, repo)
                + ", not a repo"
                + a.get()
                    .repo()
                    .map(r -> "; focus on its repo '" + r + "', or explain " + repo)
                    .orElse("; explain " + repo));
      }
      throw Ids.unknown("repo", repo, g.repos().keySet().stream().map(ArtifactId::value).toList());
    }
    Set<ArtifactId> own = new LinkedHashSet<>();
    own.add(repo);
    g.artifacts().values().stream()
        .filter(a -> a.repo().equals(Optional.of(repo)))
        .forEach(a -> own.add(a.id()));
    return own;
  }
}
