package dev.lockstep.online;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.chart.ChartPackager;
import dev.lockstep.exec.chart.ChartPublisher;
import dev.lockstep.exec.chart.PackagedChart;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.GitFixture;
import dev.lockstep.testing.LocalRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A published release made from real parts, the way {@code lockstep release app 1.0.0 --registry
 * REG} leaves it, without depending on the release executor:
 *
 * <pre>
 * TMP/lockstep.yaml          repos app (checked out, origin = TMP/remotes/app.git) and lib (not checked out,
 *                            url = TMP/remotes/lib.git, tag v0.3.0 there); image app-image built by lockstep
 *                            (named ghcr.io/acme/app: found at REG through --registry), chart app-chart
 *                            (publish oci://ghcr.io/acme/charts/app), external image tool-image at REG/ext/tool
 * TMP/ws/app                 v1.0.0 annotated on the release commit, pushed to origin; then one more commit
 * REG/acme/app:1.0.0         labelled revision = release commit, version = 1.0.0, source
 * REG/acme/charts/app:1.0.0  packaged with Helm, version/appVersion 1.0.0
 * REG/ext/tool:2.0.0         built elsewhere: no labels
 * </pre>
 *
 * The knobs break one thing each.
 */
final class ReleasedApp implements AutoCloseable {
  static final String VERSION = "1.0.0";
  static final String VALUES = "image:\n  repository: ghcr.io/acme/app\n  tag: \"1.0.0\"\n";

  /** chart/values.yaml line of the image tag. */
  static final int VALUES_TAG_LINE = 3;

  final Path dir;
  final LocalRegistry registry;
  final Path graph;
  final Path app;
  final Path appOrigin;
  final Path libRemote;
  String releaseCommit;

  /** What to publish; each knob breaks one part of the release. */
  static final class Knobs {
    boolean pushImage = true;
    Optional<String> imageRevision = Optional.empty();
    Optional<String> chartAppVersion = Optional.empty();
    boolean commitAfterTag = true;
    String libVersionInDocs = "v0.3.0";
  }

  private ReleasedApp(Path dir, LocalRegistry registry) {
    this.dir = dir;
    this.registry = registry;
    this.graph = dir.resolve("lockstep.yaml");
    this.app = dir.resolve("ws/app");
    this.appOrigin = dir.resolve("remotes/app.git");
    this.libRemote = dir.resolve("remotes/lib.git");
  }

  static ReleasedApp create(Path dir) throws Exception {
    return create(dir, new Knobs());
  }

  static ReleasedApp create(Path dir, Knobs knobs) throws Exception {
    LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
    ReleasedApp r = new ReleasedApp(dir, registry);
    try {
      r.build(knobs);
    } catch (Exception | Error e) {
      registry.close();
      throw e;
    }
    return r;
  }

  String reg() {
    return registry.host();
  }

  Path values() {
    return app.resolve("chart/values.yaml");
  }

  Path docs() {
    return app.resolve("docs/install.md");
  }

  private void build(Knobs k) throws Exception {
    // lib: released elsewhere, reached only through its url.
    Path libSrc = dir.resolve("lib-src");
    try (GitFixture lib = GitFixture.init(libSrc)) {
      lib.write("README.md", "lib\n").commit("lib").tag("v0.3.0");
      pushAll(lib.git(), bare(libRemote));
    }

    bare(appOrigin);
    try (GitFixture fx = GitFixture.init(app)) {
      fx.write("bin/app", "#!/bin/sh\necho app\n")
          .write(
              "chart/Chart.yaml",
              "apiVersion: v2\nname: app\ndescription: the app\ntype: application\n"
                  + "version: 1.0.0\nappVersion: \"1.0.0\"\n")
          .write("chart/values.yaml", VALUES)
          .write(
              "docs/install.md",
              "# Install\n\n"
                  + "helm install app oci://ghcr.io/acme/charts/app --version 1.0.0\n\n"
                  + "Needs LIB_VERSION="
                  + k.libVersionInDocs
                  + " and the tool image "
                  + reg()
                  + "/ext/tool:2.0.0 here\n")
          .commit("Release 1.0.0")
          .tag("v1.0.0");
      releaseCommit = fx.head().name();
      fx.git()
          .getRepository()
          .getConfig()
          .setString("remote", "origin", "url", appOrigin.toString());
      fx.git().getRepository().getConfig().save();
      pushAll(fx.git(), appOrigin);
      if (k.commitAfterTag) {
        fx.write("NOTES.md", "after the release\n").commit("Notes");
      }
    }

    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app:
            path: ws/app
            url: %s
          lib:
            path: ws/lib
            url: %s
        artifacts:
          app-image:
            kind: image
            repo: app
            name: ghcr.io/acme/app
            build:
              layers:
                - { from: bin/app, to: /app }
              entrypoint: [ /app ]
          app-chart:
            kind: chart
            repo: app
            path: chart
            publish: oci://ghcr.io/acme/charts/app
            appVersion: "{version}"
            uses:
              - to: app-image
                at: [ { file: chart/values.yaml, yaml: .image.tag } ]
          tool-image:
            kind: image
            name: %s/ext/tool
            external: { version: 2.0.0 }
          install-doc:
            kind: file
            repo: app
            path: docs/install.md
            uses:
              - to: lib
                at: [ { file: docs/install.md, regex: 'LIB_VERSION=(?<version>v[0-9.]+)' } ]
              - to: app-chart
                at: [ { file: docs/install.md, regex: '--version (?<version>[0-9.]+)' } ]
              - to: tool-image
                at: [ { file: docs/install.md, regex: 'ext/tool:(?<version>[0-9.]+)' } ]
        """
            .formatted(appOrigin, libRemote, reg()));

    ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
    Path cache = dir.resolve("jib-cache");
    if (k.pushImage) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("org.opencontainers.image.revision", k.imageRevision.orElse(releaseCommit));
      labels.put("org.opencontainers.image.version", VERSION);
      labels.put("org.opencontainers.image.source", appOrigin.toString());
      builder.build(
          new ImageRecipe(
              Optional.empty(),
              List.of(new ImageRecipe.Layer("bin/app", "/app")),
              List.of("/app"),
              Map.of(),
              labels,
              Optional.empty(),
              Optional.empty()),
          app,
          ImageTarget.registry(reg() + "/acme/app:" + VERSION, true),
          cache,
          ProgressListener.NONE);
    }
    builder.build(
        new ImageRecipe(
            Optional.empty(),
            List.of(new ImageRecipe.Layer("bin/app", "/tool")),
            List.of("/tool"),
            Map.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty()),
        app,
        ImageTarget.registry(reg() + "/ext/tool:2.0.0", true),
        cache,
        ProgressListener.NONE);

    // The chart as the release packages it: from the release commit, appVersion stamped.
    Path chartDir = dir.resolve("chart-build/app");
    copy(app.resolve("chart"), chartDir);
    if (k.chartAppVersion.isPresent()) {
      Path chartYaml = chartDir.resolve("Chart.yaml");
      Files.writeString(
          chartYaml,
          Files.readString(chartYaml)
              .replace("appVersion: \"1.0.0\"", "appVersion: \"" + k.chartAppVersion.get() + "\""));
    }
    PackagedChart chart = ChartPackager.packageChart(chartDir, dir.resolve("chart-out"));
    ChartPublisher.push(
        chart.tgz(), "oci://" + reg() + "/acme/charts", true, Optional.empty(), Instant.EPOCH);
  }

  private static Path bare(Path at) throws Exception {
    Files.createDirectories(at);
    Git.init().setBare(true).setDirectory(at.toFile()).setInitialBranch("main").call().close();
    return at;
  }

  private static void pushAll(Git git, Path remote) throws Exception {
    git.push()
        .setRemote(remote.toString())
        .setRefSpecs(
            new RefSpec("refs/heads/main:refs/heads/main"), new RefSpec("refs/tags/*:refs/tags/*"))
        .call();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    }
  }

  /** Runs the CLI in-process; what it returned and printed. */
  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }

    List<String> linesWith(String fragment) {
      return lines().stream().filter(l -> l.contains(fragment)).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        dev.lockstep.cli.Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Run verifyOnline(String... extra) {
    return run(
        concat(
            new String[] {"verify", "--graph", graph.toString(), "--online", "--registry", reg()},
            extra));
  }

  Run audit(String version, String... extra) {
    return run(
        concat(
            new String[] {
              "audit", "app", version, "--graph", graph.toString(), "--registry", reg()
            },
            extra));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() {
    registry.close();
  }
}
