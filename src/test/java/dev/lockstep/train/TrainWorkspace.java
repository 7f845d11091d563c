package dev.lockstep.train;

import dev.lockstep.cli.Main;
import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.testing.GitFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A system of four repos shaped like KubeStellar's, each a real git repo with its own bare {@code
 * file://} remote: {@code kubeflex} (an operator image and chart), {@code transport} (a transport
 * plugin image and chart), {@code addon} (an image and a chart, docs naming the KubeFlex it needs,
 * and a documentation reference back to {@code core} marked {@code train: follow}), and {@code
 * core}, whose umbrella chart values, PostCreateHook (one place pinning the addon image by digest),
 * setup script and docs name all of them. Commit ids are the same in every temp dir.
 *
 * <pre>
 * DIR/graph.yaml   DIR/REPO (work tree, origin = DIR/remotes/REPO.git)
 * </pre>
 *
 * Train order: kubeflex and transport, then addon, then core.
 */
final class TrainWorkspace {
  static final List<String> REPOS = List.of("kubeflex", "transport", "addon", "core");
  static final String OLD_DIGEST = "sha256:" + "0".repeat(63) + "1";

  static final String GRAPH =
      """
      lockstep: 1
      repos:
        kubeflex:  { path: kubeflex,  tag: "v{version}" }
        transport: { path: transport, tag: "v{version}" }
        addon:     { path: addon,     tag: "v{version}" }
        core:      { path: core,      tag: "v{version}" }
      artifacts:
        kubeflex-image:
          kind: image
          repo: kubeflex
          name: ghcr.io/example/kubeflex
          build: { layers: [ { from: bin, to: /opt/kubeflex } ], entrypoint: [ /opt/kubeflex/run ] }
        kubeflex-chart:
          kind: chart
          repo: kubeflex
          path: chart
          publish: oci://ghcr.io/example/charts/kubeflex-chart
          version: "{version}"
          appVersion: "{version}"
          placeholder: "0.0.0"
          uses:
            - to: kubeflex-image
              placeholder: "0.0.0"
              at: [ { file: chart/values.yaml, yaml: .image.tag } ]
        transport-image:
          kind: image
          repo: transport
          name: ghcr.io/example/transport
          build: { layers: [ { from: bin, to: /opt/transport } ], entrypoint: [ /opt/transport/run ] }
        transport-chart:
          kind: chart
          repo: transport
          path: chart
          publish: oci://ghcr.io/example/charts/transport-chart
          version: "{version}"
          appVersion: "{version}"
          placeholder: "0.0.0"
          uses:
            - to: transport-image
              placeholder: "0.0.0"
              at: [ { file: chart/values.yaml, yaml: .image.tag } ]
        addon-image:
          kind: image
          repo: addon
          name: ghcr.io/example/addon
          build: { layers: [ { from: bin, to: /opt/addon } ], entrypoint: [ /opt/addon/run ] }
        addon-chart:
          kind: chart
          repo: addon
          path: chart
          publish: oci://ghcr.io/example/charts/addon-chart
          version: "v{version}"
          appVersion: "v{version}"
          uses:
            - to: addon-image
              at: [ { file: chart/values.yaml, yaml: .image.tag } ]
        addon-docs:
          kind: file
          repo: addon
          uses:
            - to: kubeflex
              at: [ { file: docs/install.md, regex: 'needs KubeFlex (?<version>v[0-9]+\\.[0-9]+\\.[0-9]+)' } ]
            - to: core
              train: follow
              at: [ { file: docs/install.md, regex: 'with KubeStellar (?<version>v[0-9]+\\.[0-9]+\\.[0-9]+)' } ]
        core-image:
          kind: image
          repo: core
          name: ghcr.io/example/core
          build: { layers: [ { from: bin, to: /opt/core } ], entrypoint: [ /opt/core/run ] }
        core-chart:
          kind: chart
          repo: core
          path: core-chart
          publish: oci://ghcr.io/example/charts/core-chart
          version: "{version}"
          appVersion: "{version}"
          placeholder: "0.0.0"
          uses:
            - to: core-image
              placeholder: "0.0.0"
              at: [ { file: core-chart/values.yaml, yaml: .image.tag } ]
            - to: addon-chart
              at: [ { file: core-chart/values.yaml, yaml: .addon.version } ]
            - to: transport-chart
              at: [ { file: core-chart/values.yaml, yaml: .transport.version } ]
            - to: kubeflex-chart
              at: [ { file: core-chart/values.yaml, yaml: .kubeflex.version } ]
        its-hook:
          kind: hook
          repo: core
          path: hooks/its.yaml
          uses:
            - to: addon-chart
              at: [ { file: hooks/its.yaml, yaml: ".spec.chart.version" } ]
            - to: addon-image
              format: "ghcr.io/example/addon:{version}@{digest}"
              at: [ { file: hooks/its.yaml, yaml: ".spec.image" } ]
        wds-hook:
          kind: hook
          repo: core
          path: hooks/wds.yaml
          uses:
            - to: transport-chart
              at: [ { file: hooks/wds.yaml, yaml: ".spec.chart.version" } ]
        setup-script:
          kind: file
          repo: core
          uses:
            - to: transport
              at: [ { file: scripts/setup.sh, regex: '^TRANSPORT_VERSION=(?<version>\\S+)$' } ]
            - to: kubeflex
              format: "v{version}"
              at: [ { file: scripts/setup.sh, regex: '^KUBEFLEX_VERSION=(?<version>\\S+)$' } ]
        core-docs:
          kind: file
          repo: core
          uses:
            - to: core
              format: "{version}"
              at: [ { file: docs/install.md, regex: 'core-chart --version (?<version>\\S+)' } ]
            - to: kubeflex
              at: [ { file: docs/install.md, regex: 'install KubeFlex (?<version>v[0-9]+\\.[0-9]+\\.[0-9]+)' } ]
      """;

  private final Path dir;
  private final Path remotes;

  private TrainWorkspace(Path dir) {
    this(dir, dir.resolve("remotes"));
  }

  private TrainWorkspace(Path dir, Path remotes) {
    this.dir = dir;
    this.remotes = remotes;
  }

  /** A workspace of clones at {@code dir} whose remotes are those of {@code origin}. */
  static TrainWorkspace at(Path dir, TrainWorkspace origin) {
    return new TrainWorkspace(dir, origin.remotes);
  }

  static TrainWorkspace create(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("remotes"));
    Files.writeString(dir.resolve("graph.yaml"), GRAPH);
    operator(dir, "kubeflex", "0.8.0");
    operator(dir, "transport", "0.1.0");
    GitFixture addon =
        chartRepo(GitFixture.init(dir.resolve("addon")), "addon", "v0.2.0", "v0.2.0", "0.2.0")
            .write(
                "docs/install.md",
                "# addon\n\nThe addon needs KubeFlex v0.8.0 and runs with KubeStellar v0.29.0.\n");
    publish(dir, addon.commit("addon 0.2.0").tag("v0.2.0"), "addon", "v0.2.0");
    GitFixture core =
        GitFixture.init(dir.resolve("core"))
            .write("bin/run", "#!/bin/sh\necho core\n")
            .write(
                "core-chart/Chart.yaml",
                "apiVersion: v2\nname: core-chart\nversion: 0.0.0\nappVersion: \"0.0.0\"\n")
            .write(
                "core-chart/values.yaml",
                """
                image:
                  repository: ghcr.io/example/core
                  tag: "0.0.0"
                addon:
                  version: v0.2.0   # the addon chart the ITS hook installs
                transport:
                  version: 0.1.0
                kubeflex:
                  version: 0.8.0
                """)
            .write(
                "core-chart/templates/configmap.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: core }\n"
                    + "data: { image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\" }\n")
            .write(
                "hooks/its.yaml",
                """
                apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
                kind: PostCreateHook
                metadata: { name: its }
                spec:
                  chart: { name: addon-chart, version: v0.2.0 }
                  image: ghcr.io/example/addon:0.2.0@%s
                """
                    .formatted(OLD_DIGEST))
            .write(
                "hooks/wds.yaml",
                """
                apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
                kind: PostCreateHook
                metadata: { name: wds }
                spec:
                  chart: { name: transport-chart, version: 0.1.0 }
                """)
            .write(
                "scripts/setup.sh",
                "#!/usr/bin/env bash\nTRANSPORT_VERSION=v0.1.0\nKUBEFLEX_VERSION=v0.8.0\n")
            .write(
                "docs/install.md",
                "# core\n\nFirst install KubeFlex v0.8.0, then\n\n"
                    + "    helm install core oci://ghcr.io/example/charts/core-chart --version 0.29.0\n");
    publish(dir, core.commit("core 0.29.0").tag("v0.29.0"), "core", "v0.29.0");
    return new TrainWorkspace(dir);
  }

  private static void operator(Path dir, String name, String version) throws Exception {
    GitFixture g = chartRepo(GitFixture.init(dir.resolve(name)), name, "0.0.0", "0.0.0", "0.0.0");
    publish(dir, g.commit(name + " " + version).tag("v" + version), name, "v" + version);
  }

  private static GitFixture chartRepo(
      GitFixture g, String name, String version, String appVersion, String tag) {
    return g.write("bin/run", "#!/bin/sh\necho " + name + "\n")
        .write(
            "chart/Chart.yaml",
            "apiVersion: v2\nname: "
                + name
                + "-chart\nversion: "
                + version
                + "\nappVersion: \""
                + appVersion
                + "\"\n")
        .write(
            "chart/values.yaml",
            "image:\n  repository: ghcr.io/example/" + name + "\n  tag: \"" + tag + "\"\n")
        .write(
            "chart/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: "
                + name
                + " }\nspec:\n  template:\n    spec:\n      containers:\n        - name: "
                + name
                + "\n          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n");
  }

  /** A bare remote for the repo, {@code origin}, with main and the tag pushed. */
  private static void publish(Path dir, GitFixture g, String name, String tag) throws Exception {
    Path remote = dir.resolve("remotes").resolve(name + ".git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    StoredConfig config = g.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", remote.toUri().toString());
    config.save();
    g.git()
        .push()
        .setRemote("origin")
        .setRefSpecs(
            new RefSpec("refs/heads/main:refs/heads/main"),
            new RefSpec("refs/tags/" + tag + ":refs/tags/" + tag))
        .call();
    g.close();
  }

  Path dir() {
    return dir;
  }

  Path graphFile() {
    return dir.resolve("graph.yaml");
  }

  ReleaseGraph graph() {
    return GraphLoader.load(graphFile());
  }

  Path out() {
    return dir.resolve("out");
  }

  Path cache() {
    return dir.resolve("cache");
  }

  Path remote(String repo) {
    return remotes.resolve(repo + ".git");
  }

  /** Replaces text in the graph file. */
  void editGraph(String from, String to) throws IOException {
    String text = Files.readString(graphFile());
    if (!text.contains(from)) {
      throw new IllegalArgumentException("graph has no '" + from + "'");
    }
    Files.writeString(graphFile(), text.replace(from, to));
  }

  /** Runs the CLI in-process from the workspace folder's point of view (absolute paths). */
  CliResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--graph");
    all.add(graphFile().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliResult(code, out.toString(), err.toString());
  }

  record CliResult(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Every ref of a repo's bare remote, name to target. */
  Map<String, ObjectId> remoteRefs(String repo) throws IOException {
    try (Git bare = Git.open(remote(repo).toFile())) {
      Map<String, ObjectId> refs = new TreeMap<>();
      for (Ref r : bare.getRepository().getRefDatabase().getRefs()) {
        refs.put(r.getName(), r.getObjectId());
      }
      return refs;
    }
  }

  /** Every repo's remote refs, {@code repo:ref} to target: what a train left on the remotes. */
  Map<String, ObjectId> allRemoteRefs() throws IOException {
    Map<String, ObjectId> out = new TreeMap<>();
    for (String r : REPOS) {
      remoteRefs(r).forEach((k, v) -> out.put(r + ":" + k, v));
    }
    return out;
  }

  /** Every repo's local heads and tags, {@code repo:ref} to target. */
  Map<String, ObjectId> allLocalRefs() throws IOException {
    Map<String, ObjectId> out = new TreeMap<>();
    for (String r : REPOS) {
      try (Git git = Git.open(dir.resolve(r).toFile())) {
        for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
          if (ref.getName().startsWith(Constants.R_HEADS)
              || ref.getName().startsWith(Constants.R_TAGS)) {
            out.put(r + ":" + ref.getName(), ref.getObjectId());
          }
        }
      }
    }
    return out;
  }

  /** A file's text at a rev of a repo's work repo. */
  String fileAt(String repo, String rev, String path) throws IOException {
    try (Git git = Git.open(dir.resolve(repo).toFile())) {
      Repository r = git.getRepository();
      try (RevWalk walk = new RevWalk(r)) {
        var tree = walk.parseCommit(r.resolve(rev)).getTree();
        try (TreeWalk tw = TreeWalk.forPath(r, path, tree)) {
          if (tw == null) {
            throw new IOException(repo + ":" + rev + " has no " + path);
          }
          return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
      }
    }
  }

  /** The commit a rev of a repo peels to. */
  ObjectId commitOf(String repo, String rev) throws IOException {
    try (Git git = Git.open(dir.resolve(repo).toFile())) {
      return git.getRepository().resolve(rev + "^{commit}");
    }
  }

  /** Image digests per id from the release manifests in the output folder. */
  Map<String, String> imageDigests() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    try (var files = Files.list(out())) {
      for (Path f : files.sorted().toList()) {
        if (f.getFileName().toString().startsWith("release-")) {
          for (var a : json.readTree(f.toFile()).path("artifacts")) {
            out.put(a.path("id").asText(), a.path("digest").asText());
          }
        }
      }
    }
    return out;
  }
}
