package dev.lockstep.verify;

import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.MutableGraph;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * References between repos that form a cycle (the seed's kubestellar -> ocm-status-addon ->
 * kubestellar doc references): not wrong, but no release order satisfies both sides at once.
 */
final class CycleCheck {
  private CycleCheck() {}

  static List<Finding> run(ReleaseGraph graph) {
    MutableGraph<ArtifactId> repos = GraphBuilder.directed().allowsSelfLoops(false).build();
    for (Reference r : graph.references()) {
      Optional<ArtifactId> from = graph.artifact(r.from()).flatMap(a -> a.repo());
      Optional<ArtifactId> to = graph.releaseRepoOf(r.to());
      if (from.isPresent() && to.isPresent() && !from.get().equals(to.get())) {
        repos.putEdge(from.get(), to.get());
      }
    }
    List<Finding> out = new ArrayList<>();
    Set<Set<ArtifactId>> reported = new LinkedHashSet<>();
    for (ArtifactId start : graph.repos().keySet()) {
      if (!repos.nodes().contains(start)) {
        continue;
      }
      Set<ArtifactId> reach = Graphs.reachableNodes(repos, start);
      Set<ArtifactId> component = new java.util.TreeSet<>();
      for (ArtifactId other : reach) {
        if (!other.equals(start) && Graphs.reachableNodes(repos, other).contains(start)) {
          component.add(other);
        }
      }
      if (component.isEmpty()) {
        continue;
      }
      component.add(start);
      if (!reported.add(component)) {
        continue;
      }
      List<Location> where = new ArrayList<>();
      for (Reference r : graph.references()) {
        Optional<ArtifactId> from = graph.artifact(r.from()).flatMap(a -> a.repo());
        Optional<ArtifactId> to = graph.releaseRepoOf(r.to());
        if (from.isPresent()
            && to.isPresent()
            && !from.equals(to)
            && component.contains(from.get())
            && component.contains(to.get())) {
          where.add(Location.of(r.source(), r.label()));
        }
      }
      out.add(
          Finding.of(
              Rule.REFERENCE_CYCLE,
              "repos "
                  + String.join(", ", component.stream().map(ArtifactId::value).toList())
                  + " refer to each other; no release order satisfies every reference at once",
              "break the cycle (often a doc reference), or release them together",
              where));
    }
    return out;
  }
}
