package dev.lockstep.release;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.Planner;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.GitFixture;
import dev.lockstep.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A small released repo for the executor's tests, as real git: repo {@code app} (tagged v1.0.0,
 * pushed to a bare {@code file://} remote) with two images built from scratch (one after a prepare
 * command), a chart whose Chart.yaml holds a placeholder and whose values name the web image's tag,
 * and a README that names the release. Commit ids are the same in every temp dir.
 *
 * <pre>
 * DIR/graph.yaml   DIR/app (work tree, origin = DIR/remote.git)   DIR/out   DIR/cache
 * </pre>
 */
final class ReleaseWorkspace implements AutoCloseable {
  static final ArtifactId REPO = ArtifactId.of("app");
  static final String URL = "https://example.com/app.git";
  static final String WEB_IMAGE = "ghcr.io/example/app/web";
  static final String WORKER_IMAGE = "ghcr.io/example/app/worker";
  static final String CHART_REPOSITORY = "ghcr.io/example/app";

  static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: app, url: %s, tag: "v{version}" }
      artifacts:
        web-image:
          kind: image
          repo: app
          name: %s
          tag: "{version}"
          build:
            layers: [ { from: web, to: /srv/web } ]
            entrypoint: [ /srv/web/run.sh ]
        worker-image:
          kind: image
          repo: app
          name: %s
          tag: "{version}"
          build:
            prepare: [ sh, -c, 'mkdir -p out && printf "worker %%s\\n" "$LOCKSTEP_VERSION" > out/worker.txt && echo prepared worker' ]
            layers: [ { from: out/worker.txt, to: /opt/worker/ } ]
            labels: { org.opencontainers.image.title: worker }
        app-chart:
          kind: chart
          repo: app
          path: chart
          publish: oci://%s/app-chart
          version: "{version}"
          appVersion: "{version}"
          placeholder: "0.1.0"
          uses:
            - to: web-image
              at: [ { file: chart/values.yaml, yaml: .web.tag } ]
        readme:
          kind: file
          repo: app
          path: README.md
          uses:
            - to: app
              at: [ { file: README.md, regex: 'install app (?<version>v[0-9][0-9.]*)' } ]
      """
          .formatted(URL, WEB_IMAGE, WORKER_IMAGE, CHART_REPOSITORY);

  static final String CHART_YAML =
      """
      apiVersion: v2
      name: app-chart
      description: The app, as a chart
      type: application
      version: 0.1.0
      appVersion: "0.1.0"
      """;
  static final String VALUES_YAML =
      """
      # the web image the chart runs
      web:
        image: %s
        tag: "1.0.0"
      """
          .formatted(WEB_IMAGE);
  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: {{ .Release.Name }}-web
      spec:
        template:
          spec:
            containers:
              - name: web
                image: "{{ .Values.web.image }}:{{ .Values.web.tag }}"
      """;
  static final String README = "# app\n\nTo install app v1.0.0, run the installer.\n";

  private final Path dir;
  private final GitFixture repo;
  private final Path remote;

  private ReleaseWorkspace(Path dir, GitFixture repo, Path remote) {
    this.dir = dir;
    this.repo = repo;
    this.remote = remote;
  }

  static ReleaseWorkspace create(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("graph.yaml"), GRAPH);
    GitFixture repo =
        GitFixture.init(dir.resolve("app"))
            .write("README.md", README)
            .write("web/index.html", "<h1>app</h1>\n")
            .write("web/run.sh", "#!/bin/sh\necho web\n")
            .symlink("web/latest.html", "index.html")
            .write("chart/Chart.yaml", CHART_YAML)
            .write("chart/values.yaml", VALUES_YAML)
            .write("chart/templates/deployment.yaml", DEPLOYMENT);
    Files.setPosixFilePermissions(
        dir.resolve("app/web/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    repo.commit("app 1.0.0").tag("v1.0.0");
    Path remote = dir.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", remote.toUri().toString());
    config.save();
    repo.git()
        .push()
        .setRemote("origin")
        .setRefSpecs(
            new RefSpec("refs/heads/main:refs/heads/main"),
            new RefSpec("refs/tags/v1.0.0:refs/tags/v1.0.0"))
        .call();
    return new ReleaseWorkspace(dir, repo, remote);
  }

  /**
   * A copy of a workspace made by {@link #create} (and perhaps given more commits), never released
   * from: the same commits and refs, its {@code origin} pointed at its own copy of the remote.
   */
  static ReleaseWorkspace copyOf(ReleaseWorkspace template, Path dir) throws IOException {
    Trees.copy(template.dir, dir);
    GitFixture repo = GitFixture.open(dir.resolve("app"));
    Path remote = dir.resolve("remote.git");
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", remote.toUri().toString());
    config.save();
    return new ReleaseWorkspace(dir, repo, remote);
  }

  Path dir() {
    return dir;
  }

  GitFixture repo() {
    return repo;
  }

  Repository git() {
    return repo.git().getRepository();
  }

  ReleaseGraph graph() {
    return GraphLoader.load(dir.resolve("graph.yaml"));
  }

  Plan plan(String version) {
    ReleaseGraph graph = graph();
    return Planner.plan(graph, Survey.of(graph), REPO, Version.of(version));
  }

  Path out() {
    return dir.resolve("out");
  }

  ReleaseOptions embedded() {
    return ReleaseOptions.embedded(out(), dir.resolve("cache"));
  }

  ReleaseOptions registry(String host) {
    return ReleaseOptions.toRegistry(host, out(), dir.resolve("cache"));
  }

  /** Every ref of the work repo (heads and tags), name to target. */
  Map<String, ObjectId> localRefs() throws IOException {
    Map<String, ObjectId> refs = new TreeMap<>();
    for (Ref r : git().getRefDatabase().getRefs()) {
      if (r.getName().startsWith(Constants.R_HEADS) || r.getName().startsWith(Constants.R_TAGS)) {
        refs.put(r.getName(), r.getObjectId());
      }
    }
    return refs;
  }

  /** Every ref of the bare remote, name to target. */
  Map<String, ObjectId> remoteRefs() throws IOException {
    try (Git bare = Git.open(remote.toFile())) {
      Map<String, ObjectId> refs = new TreeMap<>();
      for (Ref r : bare.getRepository().getRefDatabase().getRefs()) {
        refs.put(r.getName(), r.getObjectId());
      }
      return refs;
    }
  }

  Git remoteGit() throws IOException {
    return Git.open(remote.toFile());
  }

  /** The commit a tag (or branch) of the work repo peels to, if it exists. */
  Optional<ObjectId> commitOf(String refName) throws IOException {
    ObjectId id = git().resolve(refName + "^{commit}");
    return Optional.ofNullable(id);
  }

  /** A file's text at a commit (or ref) of the work repo. */
  String fileAt(String rev, String path) throws IOException {
    try (RevWalk walk = new RevWalk(git())) {
      var tree = walk.parseCommit(git().resolve(rev)).getTree();
      try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(git(), path, tree)) {
        return new String(
            git().open(tw.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  /** Tags and heads lockstep would create for {@code version}. */
  static Set<String> releaseRefs(String version) {
    return Set.of(
        "refs/tags/v" + version,
        "refs/heads/release-" + version,
        "refs/heads/lockstep/after-v" + version);
  }

  @Override
  public void close() {
    repo.close();
  }
}
