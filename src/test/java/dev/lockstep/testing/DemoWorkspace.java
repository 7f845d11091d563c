package dev.lockstep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workspace {@code scripts/demo} builds, in the state after its "fix the rest by hand" step:
 * {@code addon} (an image and a chart) and {@code platform} (an umbrella chart, a hook, a script, a
 * doc) as real git repos beside {@code graph/lockstep.yaml}. It verifies clean, so a test can plant
 * one fault and see what each command does with it.
 */
public final class DemoWorkspace {
  public final Path root;
  public final Path graph;
  public final GitFixture addon;
  public final GitFixture platform;

  private DemoWorkspace(Path root) {
    this.root = root;
    this.graph = root.resolve("graph/lockstep.yaml");
    this.addon = GitFixture.init(root.resolve("addon"));
    this.platform = GitFixture.init(root.resolve("platform"));
  }

  public static DemoWorkspace create(Path root) {
    DemoWorkspace w = new DemoWorkspace(root);
    w.addon
        .write(
            "chart/Chart.yaml",
            "apiVersion: v2\nname: addon-chart\nversion: v0.2.0\nappVersion: v0.2.0\n")
        .write(
            "chart/values.yaml",
            "image:\n  repository: ghcr.io/example/addon\n"
                + "  tag: \"0.2.0\"  # the addon image this chart runs\n")
        .write(
            "chart/templates/deployment.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: addon }
            spec:
              template:
                spec:
                  containers:
                    - name: addon
                      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
            """)
        .write("bin/addon", "#!/bin/sh\necho \"addon controller\"\n")
        .commit("addon 0.2.0")
        .tag("v0.2.0");
    w.platform
        .write(
            "core-chart/Chart.yaml",
            "apiVersion: v2\nname: core-chart\nversion: 0.1.0   # placeholder: stamped at release\n"
                + "appVersion: 0.1.0\n")
        .write("core-chart/values.yaml", "ADDON_CHART_VERSION: v0.2.0\n")
        .write(
            "core-chart/templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: core }\n")
        .write(
            "hooks/its.yaml",
            """
            apiVersion: tenancy.kflex.kubestellar.org/v1alpha1
            kind: PostCreateHook
            metadata:
              name: its
            spec:
              templates:
                - apiVersion: batch/v1
                  kind: Job
                  spec:
                    template:
                      spec:
                        containers:
                          - name: install-addon
                            image: quay.io/example/helm:3.14.0
                            args: [ install, addon, oci://ghcr.io/example/addon-chart, --version, v0.2.0 ]
            """)
        .write(
            "scripts/setup.sh",
            """
            #!/usr/bin/env bash
            ADDON_VERSION=v0.2.0
            helm upgrade --install addon oci://ghcr.io/example/addon-chart --version "$ADDON_VERSION"
            """)
        .write(
            "docs/install.md",
            """
            # Install

            Install the latest release, 1.4.0:

                helm install core oci://ghcr.io/example/core-chart --version 1.4.0
            """)
        .write(".gitignore", ".lockstep/\n")
        .commit("platform")
        .tag("v1.4.0");
    w.writeGraph(GRAPH);
    return w;
  }

  public void writeGraph(String text) {
    try {
      Files.createDirectories(graph.getParent());
      Files.writeString(graph, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo's graph. */
  public static final String GRAPH =
      """
      lockstep: 1
      repos:
        platform: { path: ../platform, tag: "v{version}" }
        addon:    { path: ../addon,    tag: "v{version}" }
      artifacts:
        addon-image:
          kind: image
          repo: addon
          name: ghcr.io/example/addon
          build:
            layers: [ { from: bin/addon, to: /addon } ]
            entrypoint: [ /addon ]
        addon-chart:
          kind: chart
          repo: addon
          path: chart
          publish: oci://ghcr.io/example/addon-chart
          version: "v{version}"
          appVersion: "v{version}"
          uses:
            - to: addon-image
              at: [ { file: chart/values.yaml, yaml: .image.tag } ]
        helm-image:
          kind: image
          name: quay.io/example/helm
          external: { version: 3.14.0 }
        core-chart:
          kind: chart
          repo: platform
          path: core-chart
          publish: oci://ghcr.io/example/core-chart
          placeholder: 0.1.0
          appVersion: "{version}"
          uses:
            - to: addon-chart
              at: [ { file: core-chart/values.yaml, yaml: .ADDON_CHART_VERSION } ]
        its-hook:
          kind: hook
          repo: platform
          path: hooks/its.yaml
          uses:
            - to: helm-image
              at: [ { file: hooks/its.yaml, yaml: ".spec.templates[0].spec.template.spec.containers[name=install-addon].image", format: "quay.io/example/helm:{version}" } ]
            - to: addon-chart
              at: [ { file: hooks/its.yaml, yaml: ".spec.templates[0].spec.template.spec.containers[name=install-addon].args[4]" } ]
        setup-script:
          kind: file
          repo: platform
          uses:
            - to: addon-chart
              at: [ { file: scripts/setup.sh, regex: '^ADDON_VERSION=(?<version>\\S+)' } ]
        install-doc:
          kind: file
          repo: platform
          uses:
            - to: core-chart
              stamp: regular
              at: [ { file: docs/install.md, regex: 'latest release, (?<version>[0-9.]+):' },
                    { file: docs/install.md, regex: 'core-chart --version (?<version>\\S+)' } ]
      """;
}
