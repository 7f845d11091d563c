package dev.lockstep.diagram;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small two-repo system on disk: repo {@code app} builds an image and a chart (whose values.yaml
 * names the image tag), repo {@code platform} holds a setup script and a hook that name the chart,
 * repo {@code absent} is not checked out, and two external images (one disabled).
 */
final class Fixture {
  static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: app, url: https://github.com/example/app }
        platform: { path: platform, url: "https://gitlab.example.com/example/platform.git" }
        absent: { path: absent }
      artifacts:
        app-image:
          kind: image
          repo: app
          name: ghcr.io/example/app
          base: base-image
        app-chart:
          kind: chart
          repo: app
          path: chart
          publish: oci://ghcr.io/example/app-chart
          version: "{version}"
          appVersion: "{version}"
          placeholder: "0.1.0"
          uses:
            - to: app-image
              at: [ { file: chart/values.yaml, yaml: .image.tag } ]
        base-image:
          kind: image
          name: gcr.io/distroless/static
          external: { version: 1.0.0 }
        setup:
          kind: file
          repo: platform
          path: setup.sh
          uses:
            - to: app-chart
              at: [ { file: setup.sh, regex: '^CHART_VERSION=(?<version>\\S+)$' } ]
            - to: app
              format: "v{version}"
              at: [ { file: setup.sh, regex: '^APP_TAG=(?<version>\\S+)$' } ]
            - to: old-tool
              at: [ { file: setup.sh, regex: '^OLD=(?<version>\\S+)$' } ]
        hook:
          kind: hook
          repo: platform
          path: hook.yaml
          uses:
            - to: app-chart
              placeholder: "0.0.0"
              at: [ { file: hook.yaml, yaml: .spec.version } ]
            - to: app-image
              unversioned: "uses the local build"
        absent-doc:
          kind: file
          repo: absent
          uses:
            - to: app-chart
              at: [ { file: README.md, regex: 'chart (?<version>\\S+)' } ]
        old-tool:
          kind: image
          name: quay.io/example/old
          external: { version: 2.0.0 }
          enabled: false
          reason: retired
      """;

  static final String CHART_YAML =
      """
      apiVersion: v2
      name: app
      version: 0.1.0
      appVersion: 0.1.0
      """;

  static final String SETUP_SH =
      """
      #!/bin/sh
      CHART_VERSION=0.2.0
      APP_TAG=v0.2.0
      OLD=2.0.0
      helm install app oci://ghcr.io/example/app-chart --version "$CHART_VERSION"
      """;

  static final String HOOK_YAML =
      """
      apiVersion: v1
      kind: Hook
      spec:
        version: 0.0.0
      """;

  final Path dir;
  final Path graphFile;

  private Fixture(Path dir) {
    this.dir = dir;
    this.graphFile = dir.resolve("lockstep.yaml");
  }

  static Fixture in(Path dir) {
    Fixture f = new Fixture(dir);
    f.write("app/chart/Chart.yaml", CHART_YAML);
    f.write("app/chart/values.yaml", values("0.2.0"));
    f.write("platform/setup.sh", SETUP_SH);
    f.write("platform/hook.yaml", HOOK_YAML);
    return f;
  }

  static String values(String tag) {
    return "image:\n  repository: ghcr.io/example/app\n  tag: " + tag + "\n";
  }

  void write(String relPath, String text) {
    try {
      Path p = dir.resolve(relPath);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ReleaseGraph graph() {
    return GraphLoader.parse(graphFile, GRAPH);
  }

  /** The graph and a fresh survey of the files as they are now. */
  Survey survey() {
    return Survey.of(graph());
  }
}
