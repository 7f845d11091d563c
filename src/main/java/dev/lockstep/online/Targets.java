package dev.lockstep.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Mirror;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.oci.HelmCharts;
import dev.lockstep.oci.ImageName;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a version of a graph node is looked up: a repo (or a hook or file, which release with their
 * repo) by its git tag; an image by its tag in its registry; a chart of ours by its version tag in
 * its OCI repository ({@code publish:}); an external chart in its {@code external.repository}. Our
 * images and charts move to {@code --registry} when one is given.
 */
public final class Targets {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ReleaseGraph graph;
  private final OnlineOptions options;

  /**
   * {@code external: { repository, chart, git, allow, ignore }} of external artifacts; the model
   * keeps only the version.
   */
  private final Map<ArtifactId, External> externals;

  /** Where an external artifact's versions are listed, and which tags may be proposed. */
  record External(
      Optional<String> repository,
      Optional<String> chart,
      Optional<String> git,
      Optional<com.google.re2j.Pattern> allow,
      Optional<com.google.re2j.Pattern> ignore) {
    static final External NONE =
        new External(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** True when {@code tag} passes {@code allow:} (when given) and not {@code ignore:}. */
    boolean admits(String tag) {
      return allow.map(p -> p.matcher(tag).find()).orElse(true)
          && !ignore.map(p -> p.matcher(tag).find()).orElse(false);
    }
  }

  public Targets(ReleaseGraph graph, OnlineOptions options) {
    this.graph = graph;
    this.options = options;
    this.externals = readExternals(graph);
  }

  /** What the graph file says about an external artifact's lookups. */
  External external(ArtifactId id) {
    return externals.getOrDefault(id, External.NONE);
  }

  /** The mirrors of the command line, then the graph's. */
  private List<Mirror> mirrors() {
    List<Mirror> all = new ArrayList<>(options.mirrors());
    graph.mirrors().stream().filter(m -> !all.contains(m)).forEach(all::add);
    return all;
  }

  /** A registry name as its first matching mirror serves it. */
  ImageName mirrored(ImageName name) {
    for (Mirror m : mirrors()) {
      Optional<String> rest = m.rest(name.repositoryName());
      if (rest.isPresent()) {
        String path =
            m.toPath().isEmpty()
                ? rest.get()
                : rest.get().isEmpty() ? m.toPath() : m.toPath() + "/" + rest.get();
        return new ImageName(m.toHost(), path, name.tag(), name.digest());
      }
    }
    return name;
  }

  /** A Helm repository URL as its first matching mirror serves it. */
  String mirrored(String url) {
    for (Mirror m : mirrors()) {
      Optional<String> rest = m.rest(url);
      if (rest.isPresent()) {
        String to = m.to().toString().replaceFirst("/+$", "");
        return rest.get().isEmpty() ? to : to + "/" + rest.get();
      }
    }
    return url;
  }

  /** The lookup that says whether {@code version} of {@code target} exists. */
  public Lookup resolve(ArtifactId target, Version version, Optional<String> digest) {
    try {
      return resolveOrThrow(target, version, digest);
    } catch (IllegalArgumentException e) {
      return new Lookup.Unresolvable(
          target + " " + version,
          "cannot write " + version + " for " + target + ": " + e.getMessage());
    }
  }

  private Lookup resolveOrThrow(ArtifactId target, Version version, Optional<String> digest) {
    Optional<Repo> repo = graph.repo(target);
    if (repo.isPresent()) {
      return gitTag(repo.get(), version);
    }
    Optional<Artifact> found = graph.artifact(target);
    if (found.isEmpty()) {
      return new Lookup.Unresolvable(target + " " + version, target + " is not in the graph");
    }
    return found
        .get()
        .match(
            i -> new Lookup.RegistryTag("image", image(i), imageTag(i, version), digest),
            c -> chart(c, version),
            h -> heldIn(h, version),
            f -> heldIn(f, version),
            // an asset is a file of the repo's release: its tag says it exists
            s -> heldIn(s, version));
  }

  /** Hooks and files carry the version of the repo that holds them. */
  private Lookup heldIn(Artifact a, Version version) {
    if (a.repo().isPresent() && graph.repo(a.repo().get()).isPresent()) {
      return gitTag(graph.repo(a.repo().get()).get(), version);
    }
    return new Lookup.Unresolvable(
        a.kind().label() + " " + a.id() + " " + version,
        "external "
            + a.kind().label()
            + " "
            + a.id()
            + " has no registry or repository where "
            + version
            + " could be looked up");
  }

  /** Where an image of the graph is looked for (our images at {@code --registry} when given). */
  public ImageName image(ImageArtifact i) {
    return mirrored(redirect(ImageName.parse(i.name()), !i.isExternal()));
  }

  /** The tag an image gets for a version: its tag format, without any {@code @digest} part. */
  public static String imageTag(ImageArtifact i, Version version) {
    VersionFormat f = i.tagFormat();
    if (f.hasDigest()) {
      f = VersionFormat.of(f.template().replace("@{digest}", "").replace("{digest}", ""));
    }
    return f.render(version);
  }

  /** Where a chart of ours is published (at {@code --registry} when given), if it is. */
  public Optional<ImageName> chartRepository(ChartArtifact c) {
    return c.publishPath().map(p -> mirrored(redirect(ImageName.parse(p), !c.isExternal())));
  }

  /** Our artifacts move to {@code --registry}; external ones stay where they are. */
  private ImageName redirect(ImageName name, boolean ours) {
    return ours && options.registry().isPresent()
        ? name.withRegistry(options.registry().get())
        : name;
  }

  /** Helm writes the chart version as the OCI tag, with {@code +} as {@code _}. */
  public static String chartTag(ChartArtifact c, Version version) {
    return HelmCharts.tag(c.versionFormat().render(version));
  }

  private Lookup chart(ChartArtifact c, Version version) {
    String written = c.versionFormat().render(version);
    if (!c.isExternal()) {
      Optional<ImageName> at = chartRepository(c);
      if (at.isPresent()) {
        return new Lookup.RegistryTag("chart", at.get(), chartTag(c, version), Optional.empty());
      }
      // Not published to a registry: the chart is released with its repo.
      return gitTag(graph.repo(c.repo().get()).get(), version);
    }
    External ext = external(c.id());
    Optional<String> repository = ext.repository().or(c::publish);
    if (repository.isEmpty()) {
      return new Lookup.Unresolvable(
          "chart " + c.id() + " " + written,
          "external chart "
              + c.id()
              + " declares no external.repository to look "
              + written
              + " up in");
    }
    String url = repository.get().replaceFirst("/+$", "");
    String name = ext.chart().orElse("");
    if (url.startsWith("oci://")) {
      ImageName base = ImageName.parse(url);
      ImageName at = mirrored(name.isEmpty() ? base : base.child(name));
      return new Lookup.RegistryTag("chart", at, HelmCharts.tag(written), Optional.empty());
    }
    url = mirrored(url);
    if (name.isEmpty()) {
      return new Lookup.Unresolvable(
          "chart " + c.id() + " " + written,
          "external chart " + c.id() + " names no external.chart in " + url);
    }
    return new Lookup.HelmIndex(url, name, written);
  }

  private Lookup gitTag(Repo repo, Version version) {
    Optional<java.nio.file.Path> checkout = repo.checkout();
    if (checkout.isEmpty() && repo.url().isEmpty()) {
      return new Lookup.Unresolvable(
          "tag " + repo.tagFor(version) + " of " + repo.id(),
          "repo "
              + repo.id()
              + " is not checked out at "
              + repo.root()
              + " and declares no url: to ask for tag "
              + repo.tagFor(version));
    }
    return new Lookup.GitTag(repo.id(), checkout, repo.url(), repo.tagFor(version));
  }

  private static Map<ArtifactId, External> readExternals(ReleaseGraph graph) {
    Map<ArtifactId, External> out = new HashMap<>();
    if (graph.file() == null || !Files.isRegularFile(graph.file())) {
      return out;
    }
    JsonNode artifacts;
    try {
      artifacts = YAML.readTree(graph.file().toFile()).path("artifacts");
    } catch (IOException e) {
      return out; // the graph loaded, so this does not happen; without it external charts are
      // unresolvable
    }
    for (Artifact a : graph.artifacts().values()) {
      if (a.isExternal()) {
        JsonNode ext = artifacts.path(a.id().value()).path("external");
        out.put(
            a.id(),
            new External(
                text(ext.path("repository")),
                text(ext.path("chart")),
                text(ext.path("git")),
                text(ext.path("allow")).map(com.google.re2j.Pattern::compile),
                text(ext.path("ignore")).map(com.google.re2j.Pattern::compile)));
      }
    }
    return out;
  }

  private static Optional<String> text(JsonNode n) {
    return n.isValueNode() && !n.asText().isBlank()
        ? Optional.of(n.asText().trim())
        : Optional.empty();
  }
}
