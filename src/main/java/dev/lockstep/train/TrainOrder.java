package dev.lockstep.train;

import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.ImmutableGraph;
import com.google.common.graph.MutableGraph;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order of a release train, from the graph: repo B is upstream of repo A when an artifact of A
 * references an artifact (or the release line) of B with a version written somewhere, unless the
 * reference says {@code train: follow}. Stages are sets of repos whose upstreams are all in earlier
 * stages; the repos of one stage are independent and may be released at the same time.
 *
 * @param upstreams edge A -> B when B is upstream of A, over the repos of the train
 * @param stages in release order; inside a stage, in the graph's declaration order
 */
public record TrainOrder(ImmutableGraph<ArtifactId> upstreams, List<List<ArtifactId>> stages) {

  public TrainOrder {
    stages = stages.stream().map(List::copyOf).toList();
  }

  /**
   * Orders {@code members} (repos of {@code graph}).
   *
   * @throws BadInputException when references that move in release commits form a cycle, naming
   *     each edge with its graph file:line
   */
  public static TrainOrder of(ReleaseGraph graph, Set<ArtifactId> members) {
    MutableGraph<ArtifactId> g = GraphBuilder.directed().allowsSelfLoops(false).build();
    List<ArtifactId> ordered = graph.repos().keySet().stream().filter(members::contains).toList();
    ordered.forEach(g::addNode);
    for (Reference r : graph.references()) {
      edge(graph, r, members).ifPresent(e -> g.putEdge(e.get(0), e.get(1)));
    }
    if (Graphs.hasCycle(g)) {
      throw cycle(graph, g, members);
    }
    List<List<ArtifactId>> stages = new ArrayList<>();
    Set<ArtifactId> placed = new LinkedHashSet<>();
    while (placed.size() < ordered.size()) {
      List<ArtifactId> stage = new ArrayList<>();
      for (ArtifactId repo : ordered) {
        if (!placed.contains(repo) && placed.containsAll(g.successors(repo))) {
          stage.add(repo);
        }
      }
      placed.addAll(stage);
      stages.add(stage);
    }
    return new TrainOrder(ImmutableGraph.copyOf(g), stages);
  }

  /** The repos in release order. */
  public List<ArtifactId> order() {
    return stages.stream().flatMap(List::stream).toList();
  }

  /** The repos {@code repo} waits for (its direct upstreams in the train). */
  public Set<ArtifactId> upstreamsOf(ArtifactId repo) {
    return upstreams.successors(repo);
  }

  /** 0-based stage of {@code repo}. */
  public int stageOf(ArtifactId repo) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).contains(repo)) {
        return i;
      }
    }
    throw new IllegalArgumentException(repo + " is not in the train");
  }

  /** [from repo, to repo] when {@code r} orders the train. */
  private static Optional<List<ArtifactId>> edge(
      ReleaseGraph graph, Reference r, Set<ArtifactId> members) {
    if (r.follow() || r.at().isEmpty()) {
      return Optional.empty();
    }
    Optional<ArtifactId> from = graph.artifact(r.from()).flatMap(a -> a.repo());
    Optional<ArtifactId> to = graph.releaseRepoOf(r.to());
    if (from.isEmpty()
        || to.isEmpty()
        || from.equals(to)
        || !members.contains(from.get())
        || !members.contains(to.get())) {
      return Optional.empty();
    }
    return Optional.of(List.of(from.get(), to.get()));
  }

  private static BadInputException cycle(
      ReleaseGraph graph, MutableGraph<ArtifactId> g, Set<ArtifactId> members) {
    Set<ArtifactId> inCycle = new LinkedHashSet<>();
    for (ArtifactId a : g.nodes()) {
      for (ArtifactId b : g.successors(a)) {
        if (Graphs.reachableNodes(g, b).contains(a)) {
          inCycle.add(a);
        }
      }
    }
    StringBuilder sb =
        new StringBuilder("references between repos ")
            .append(String.join(", ", inCycle.stream().map(ArtifactId::value).toList()))
            .append(" form a cycle that release commits cannot satisfy; no train order exists:");
    for (Reference r : graph.references()) {
      Optional<List<ArtifactId>> e = edge(graph, r, members);
      if (e.isPresent()
          && inCycle.contains(e.get().get(0))
          && inCycle.contains(e.get().get(1))
          && Graphs.reachableNodes(g, e.get().get(1)).contains(e.get().get(0))) {
        sb.append("\n  ")
            .append(r.source().file())
            .append(':')
            .append(r.source().line())
            .append(": ")
            .append(r.label())
            .append(" (")
            .append(e.get().get(0))
            .append(" -> ")
            .append(e.get().get(1))
            .append(')');
      }
    }
    sb.append(
        "\nmark the reference that may wait for the next release train: follow (it then moves on"
            + " the after-release branch)");
    return BadInputException.plain(sb.toString());
  }
}
