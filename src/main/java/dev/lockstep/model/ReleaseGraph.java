package dev.lockstep.model;

import com.google.common.graph.ImmutableNetwork;
import com.google.common.graph.NetworkBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The validated graph: repos and artifacts as nodes (ids are unique across both), build and
 * reference edges between them, held in a Guava network so parallel references between the same two
 * nodes stay distinct.
 */
public final class ReleaseGraph {
  private final Path file;
  private final Map<ArtifactId, Repo> repos;
  private final Map<ArtifactId, Artifact> artifacts;
  private final List<Mirror> mirrors;

  /** Built on first use: most commands never walk the edges, and a large graph has thousands. */
  private volatile ImmutableNetwork<ArtifactId, Edge> network;

  private ReleaseGraph(
      Path file, Map<ArtifactId, Repo> repos, Map<ArtifactId, Artifact> artifacts) {
    this(file, repos, artifacts, List.of());
  }

  private ReleaseGraph(
      Path file,
      Map<ArtifactId, Repo> repos,
      Map<ArtifactId, Artifact> artifacts,
      List<Mirror> mirrors) {
    this.mirrors = List.copyOf(mirrors);
    this.file = file;
    this.repos = Collections.unmodifiableMap(new LinkedHashMap<>(repos));
    this.artifacts = Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
  }

  /** Builds the graph; the caller has already checked that every id an edge names exists. */
  public static ReleaseGraph of(
      Path file, Map<ArtifactId, Repo> repos, Map<ArtifactId, Artifact> artifacts) {
    return new ReleaseGraph(file, repos, artifacts);
  }

  /** The same graph with the {@code mirrors:} its file declares. */
  public ReleaseGraph withMirrors(List<Mirror> mirrors) {
    return new ReleaseGraph(file, repos, artifacts, mirrors);
  }

  /** The graph's {@code mirrors:}, in the order written. */
  public List<Mirror> mirrors() {
    return mirrors;
  }

  /** The same graph with repo {@code id} read from {@code root} (a checkout of one commit). */
  public ReleaseGraph withRepoAt(ArtifactId id, Path root) {
    Map<ArtifactId, Repo> moved = new LinkedHashMap<>(repos);
    moved.put(id, repos.get(id).at(root));
    return new ReleaseGraph(file, moved, artifacts, mirrors);
  }

  /** Like {@link #withRepoAt}, with every other repo treated as not checked out. */
  public ReleaseGraph onlyRepoAt(ArtifactId id, Path root) {
    Map<ArtifactId, Repo> only = new LinkedHashMap<>();
    repos.forEach((k, r) -> only.put(k, k.equals(id) ? r.at(root) : r.away()));
    return new ReleaseGraph(file, only, artifacts, mirrors);
  }

  private ImmutableNetwork<ArtifactId, Edge> buildNetwork() {
    ImmutableNetwork.Builder<ArtifactId, Edge> b =
        NetworkBuilder.directed().allowsParallelEdges(true).allowsSelfLoops(true).immutable();
    repos.keySet().forEach(b::addNode);
    artifacts.keySet().forEach(b::addNode);
    for (Artifact a : artifacts.values()) {
      for (ArtifactId to : buildSources(a)) {
        b.addEdge(a.id(), to, new Edge.Build(a.id(), to));
      }
      for (Reference r : a.uses()) {
        b.addEdge(r.from(), r.to(), new Edge.Ref(r));
      }
    }
    return b.build();
  }

  /**
   * What an artifact is built from: its repo (images and charts), base image, chart dependencies.
   */
  public static List<ArtifactId> buildSources(Artifact a) {
    return a.match(
        i -> Stream.concat(i.repo().stream(), i.base().stream()).toList(),
        c -> Stream.concat(c.repo().stream(), c.dependencies().stream()).toList(),
        // Hooks and files are kept in their repo, not built from it.
        h -> List.of(),
        f -> List.of(),
        // An asset is built by its prepare command from its repo.
        s -> s.repo().stream().toList());
  }

  /** Every image of the graph, in declaration order. */
  public List<ImageArtifact> images() {
    return artifacts.values().stream().flatMap(a -> a.asImage().stream()).toList();
  }

  /** Every chart of the graph, in declaration order. */
  public List<ChartArtifact> charts() {
    return artifacts.values().stream().flatMap(a -> a.asChart().stream()).toList();
  }

  /** The images that {@code repo} builds, in declaration order. */
  public List<ImageArtifact> imagesOf(ArtifactId repo) {
    return images().stream().filter(i -> i.repo().equals(Optional.of(repo))).toList();
  }

  /** The charts that {@code repo} holds, in declaration order. */
  public List<ChartArtifact> chartsOf(ArtifactId repo) {
    return charts().stream().filter(c -> c.repo().equals(Optional.of(repo))).toList();
  }

  public Path file() {
    return file;
  }

  public Map<ArtifactId, Repo> repos() {
    return repos;
  }

  public Map<ArtifactId, Artifact> artifacts() {
    return artifacts;
  }

  public ImmutableNetwork<ArtifactId, Edge> network() {
    ImmutableNetwork<ArtifactId, Edge> n = network;
    if (n == null) {
      synchronized (this) {
        n = network;
        if (n == null) {
          n = buildNetwork();
          network = n;
        }
      }
    }
    return n;
  }

  public Optional<Repo> repo(ArtifactId id) {
    return Optional.ofNullable(repos.get(id));
  }

  public Optional<Artifact> artifact(ArtifactId id) {
    return Optional.ofNullable(artifacts.get(id));
  }

  public boolean contains(ArtifactId id) {
    return repos.containsKey(id) || artifacts.containsKey(id);
  }

  /** The repo a reference's target releases with: the repo itself, or the artifact's repo. */
  public Optional<ArtifactId> releaseRepoOf(ArtifactId node) {
    if (repos.containsKey(node)) {
      return Optional.of(node);
    }
    return artifact(node).flatMap(Artifact::repo);
  }

  /** Every reference edge, in declaration order. */
  public List<Reference> references() {
    List<Reference> out = new ArrayList<>();
    artifacts.values().forEach(a -> out.addAll(a.uses()));
    out.sort((a, b) -> Integer.compare(a.index(), b.index())); // not comparingInt: GitRepo.releases
    return out;
  }

  /** The references whose target is {@code id}. */
  public List<Reference> referencesTo(ArtifactId id) {
    return references().stream().filter(r -> r.to().equals(id)).toList();
  }

  /** How a version of {@code target} is written by default: its tag or chart-version format. */
  public VersionFormat defaultFormat(ArtifactId target) {
    Repo repo = repos.get(target);
    if (repo != null) {
      return repo.tagFormat();
    }
    return artifact(target).map(Artifact::referenceFormat).orElse(VersionFormat.PLAIN);
  }

  /** Everything that names {@code id}, directly or through other references, sorted by id. */
  public Set<ArtifactId> dependents(ArtifactId id) {
    Set<ArtifactId> seen = new TreeSet<>();
    List<ArtifactId> todo = new ArrayList<>(List.of(id));
    while (!todo.isEmpty()) {
      ArtifactId next = todo.remove(todo.size() - 1);
      for (ArtifactId p : network().predecessors(next)) {
        if (!p.equals(id) && seen.add(p)) {
          todo.add(p);
        }
      }
    }
    return seen;
  }
}
