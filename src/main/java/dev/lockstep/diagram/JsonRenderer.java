package dev.lockstep.diagram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The graph as JSON for scripts: repos, artifacts, and every edge with the places the survey read.
 * Keys come in a fixed order and absent values are {@code null}, so every object of one kind has
 * the same keys.
 *
 * <pre>
 * { "repos":     [ { id, path, url, tag, checkedOut } ],
 *   "artifacts": [ { id, kind, repo, external, pinned, enabled, disabledReason } ],
 *   "edges":     [ { type: "build"|"reference", from, to, policy, stamp, placeholder, unversioned,
 *                    places: [ { file, line, column, value, version } ] } ] }
 * </pre>
 *
 * {@code path} is the repo's folder relative to the graph file's folder; a place's {@code file} is
 * relative to the root of the repo of the edge's {@code from}.
 */
public final class JsonRenderer {

  /**
   * @param focusRepo when present, only that repo, its artifacts, the edges that touch them and the
   *     nodes at their other ends
   * @throws IllegalArgumentException when {@code focusRepo} is not a repo of {@code g}
   */
  public String render(ReleaseGraph g, Survey s, Optional<ArtifactId> focusRepo) {
    List<Edge> edges = edges(g);
    Set<ArtifactId> shown = new LinkedHashSet<>();
    if (focusRepo.isPresent()) {
      Set<ArtifactId> own = GraphView.ownIds(g, focusRepo.get());
      edges = edges.stream().filter(e -> own.contains(e.from()) || own.contains(e.to())).toList();
      shown.addAll(own);
      edges.forEach(
          e -> {
            shown.add(e.from());
            shown.add(e.to());
          });
    } else {
      shown.addAll(g.repos().keySet());
      shown.addAll(g.artifacts().keySet());
    }
    ObjectNode root = Json.object();
    ArrayNode repos = root.putArray("repos");
    Path graphDir = g.file().toAbsolutePath().normalize().getParent();
    for (Repo r : g.repos().values()) {
      if (!shown.contains(r.id())) {
        continue;
      }
      ObjectNode o = repos.addObject();
      o.put("id", r.id().value());
      o.put("path", Labels.display(r.root(), Optional.ofNullable(graphDir)));
      Json.put(o, "url", r.url());
      o.put("tag", r.tagFormat().template());
      o.put("checkedOut", !s.skippedRepos().contains(r.id()));
    }
    ArrayNode artifacts = root.putArray("artifacts");
    for (Artifact a : g.artifacts().values()) {
      if (!shown.contains(a.id())) {
        continue;
      }
      ObjectNode o = artifacts.addObject();
      o.put("id", a.id().value());
      o.put("kind", a.kind().label());
      Json.put(o, "repo", a.repo());
      o.put("external", a.isExternal());
      Json.put(o, "pinned", a.pinned());
      o.put("enabled", a.enabled());
      Json.put(o, "disabledReason", a.disabled());
    }
    ArrayNode out = root.putArray("edges");
    for (Edge e : edges) {
      ObjectNode o = out.addObject();
      o.put("type", e.reference().isPresent() ? "reference" : "build");
      o.put("from", e.from().value());
      o.put("to", e.to().value());
      Optional<Reference> r = e.reference();
      Json.put(o, "policy", r.map(x -> x.policy().name().toLowerCase(Locale.ROOT)));
      Json.put(o, "stamp", r.map(x -> x.stamp().name().toLowerCase(Locale.ROOT)));
      Json.put(o, "placeholder", r.flatMap(Reference::placeholder));
      Json.put(o, "unversioned", r.flatMap(Reference::unversioned));
      ArrayNode places = o.putArray("places");
      r.ifPresent(x -> s.readingsOf(x).forEach(reading -> Json.place(places, reading)));
    }
    return Json.write(root);
  }

  /** A build edge (no reference) or a reference edge. */
  private record Edge(ArtifactId from, ArtifactId to, Optional<Reference> reference) {}

  /** Every edge in declaration order: per artifact, its build sources, then its references. */
  private static List<Edge> edges(ReleaseGraph g) {
    List<Edge> out = new ArrayList<>();
    for (Artifact a : g.artifacts().values()) {
      ReleaseGraph.buildSources(a).forEach(to -> out.add(new Edge(a.id(), to, Optional.empty())));
      a.uses().forEach(r -> out.add(new Edge(a.id(), r.to(), Optional.of(r))));
    }
    return out;
  }
}
