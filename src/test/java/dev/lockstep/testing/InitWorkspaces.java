package dev.lockstep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small workspaces of real git repos for {@code lockstep init}, each with the graph a person would
 * write for it: the demo workspace of {@code scripts/demo}, a pin file with Python defaults (the
 * Kargo Pulumi modules' shape) and a Kratix promise with two digest-pinned images.
 */
public final class InitWorkspaces {
  private InitWorkspaces() {}

  /** The repos of a workspace and its hand-written graph. */
  public record Workspace(Path graph, java.util.List<Path> repos) {}

  // ------------------------------------------------------------------ demo (scripts/demo)

  public static Workspace demo(Path tmp) {
    GitFixture addon = GitFixture.init(tmp.resolve("addon"));
    addon
        .write(
            "chart/Chart.yaml",
            "apiVersion: v2\nname: addon-chart\nversion: v0.2.0\nappVersion: v0.2.0\n")
        .write(
            "chart/values.yaml",
            "image:\n  repository: ghcr.io/example/addon\n"
                + "  tag: \"0.2.0\"  # the addon image this chart runs\n")
        .write(
            "chart/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: addon }\nspec:\n  template:\n"
                + "    spec:\n      containers:\n        - name: addon\n"
                + "          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n")
        .write("bin/addon", "#!/bin/sh\necho \"addon controller\"\n")
        .commit("addon 0.2.0")
        .tag("v0.2.0");
    addon.close();
    GitFixture platform = GitFixture.init(tmp.resolve("platform"));
    platform
        .write(
            "core-chart/Chart.yaml",
            "apiVersion: v2\nname: core-chart\nversion: 0.1.0   # placeholder: stamped at release\n"
                + "appVersion: 0.1.0\n")
        .write("core-chart/values.yaml", "ADDON_CHART_VERSION: v0.2.0\n")
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
                            args: [ install, addon, oci://ghcr.io/example/addon-chart, --version, v0.1.0 ]
            """)
        .write(
            "scripts/setup.sh",
            """
            #!/usr/bin/env bash
            ADDON_VERSION=v0.2.0
            helm upgrade --install addon oci://ghcr.io/example/addon-chart --version "$ADDON_VERSION"
            # debugging aid someone left behind:
            # docker run ghcr.io/example/addon:0.1.9 --help
            """)
        .write(
            "docs/install.md",
            """
            # Install

            Install the latest release, 1.3.0:

                helm install core oci://ghcr.io/example/core-chart --version 1.3.0
            """)
        .commit("platform")
        .tag("v1.4.0");
    platform.close();
    Path graph =
        write(
            tmp.resolve("graph/lockstep.yaml"),
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
            """);
    return new Workspace(graph, java.util.List.of(tmp.resolve("platform"), tmp.resolve("addon")));
  }

  // ------------------------------------------------------------------ a pin file with Python
  // defaults

  public static Workspace pins(Path tmp) {
    GitFixture kargo = GitFixture.init(tmp.resolve("kargo"));
    kargo
        .write(
            "pulumi/default_versions.json",
            """
            {
              "cert_manager": "1.15.3",
              "kubevirt": "1.3.1"
            }
            """)
        .write(
            "pulumi/modules/cert_manager/types.py",
            """
            from dataclasses import dataclass
            from typing import Optional


            @dataclass
            class CertManagerConfig:
                version: Optional[str] = "1.15.3"
                namespace: str = "cert-manager"
                install_crds: bool = True
            """)
        .write(
            "pulumi/modules/cert_manager/deploy.py",
            """
            import pulumi_kubernetes as k8s

            chart_name = "cert-manager"
            chart_url = "https://charts.jetstack.io"


            def deploy(config, provider):
                return k8s.helm.v3.Release(
                    chart_name,
                    k8s.helm.v3.ReleaseArgs(
                        chart=chart_name,
                        version=config.version,
                        repository_opts=k8s.helm.v3.RepositoryOptsArgs(repo=chart_url),
                    ),
                )
            """)
        .write(
            "pulumi/modules/kubevirt/types.py",
            """
            from dataclasses import dataclass
            from typing import Optional


            @dataclass
            class KubeVirtConfig:
                version: Optional[str] = "1.3.1"
                namespace: str = "kubevirt"
            """)
        .write(
            "pulumi/modules/kubevirt/deploy.py",
            """
            def operator_manifest(version: str) -> str:
                image = f"quay.io/kubevirt/virt-operator:v{version}"
                return f"https://github.com/kubevirt/kubevirt/releases/download/v{version}/kubevirt-operator.yaml"
            """)
        .commit("Kargo modules");
    kargo.close();
    Path graph =
        write(
            tmp.resolve("graph/lockstep.yaml"),
            """
            lockstep: 1
            repos:
              kargo: { path: ../kargo }
            artifacts:
              cert-manager:
                kind: chart
                external: { version: 1.15.3, repository: "https://charts.jetstack.io", chart: cert-manager }
              kubevirt:
                kind: image
                name: quay.io/kubevirt/virt-operator
                tag: "v{version}"
                external: { version: 1.3.1 }
              default-versions:
                kind: file
                repo: kargo
                path: pulumi/default_versions.json
                uses:
                  - to: cert-manager
                    at: [ { file: pulumi/default_versions.json, json: /cert_manager } ]
                  - to: kubevirt
                    format: "{version}"
                    at: [ { file: pulumi/default_versions.json, json: /kubevirt } ]
              python-defaults:
                kind: file
                repo: kargo
                uses:
                  - to: cert-manager
                    at: [ { file: pulumi/modules/cert_manager/types.py, regex: 'version: Optional\\[str\\] = "(?<version>[^"]+)"' } ]
                  - to: kubevirt
                    format: "{version}"
                    at: [ { file: pulumi/modules/kubevirt/types.py, regex: 'version: Optional\\[str\\] = "(?<version>[^"]+)"' } ]
            """);
    return new Workspace(graph, java.util.List.of(tmp.resolve("kargo")));
  }

  // ------------------------------------------------------------------ a promise, two digest pins

  static final String CONFIGURE_DIGEST = "sha256:" + "3f".repeat(32);
  static final String UTILITY_DIGEST = "sha256:" + "a1".repeat(32);

  public static Workspace promise(Path tmp) {
    GitFixture homelab = GitFixture.init(tmp.resolve("homelab"));
    homelab
        .write(
            "promises/vcluster-orchestrator-v2/promise.yaml",
            """
            apiVersion: platform.kratix.io/v1alpha1
            kind: Promise
            metadata:
              name: vcluster-orchestrator-v2
            spec:
              workflows:
                resource:
                  configure:
                    - apiVersion: platform.kratix.io/v1alpha1
                      kind: Pipeline
                      metadata:
                        name: configure
                      spec:
                        containers:
                          - name: generate
                            image: ghcr.io/jamesatintegratnio/vcluster-orchestrator-v2-configure:v0.3.0@%s
                          - name: status
                            image: ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1@%s
            """
                .formatted(CONFIGURE_DIGEST, UTILITY_DIGEST))
        .write(
            "promises/vcluster-orchestrator-v2/workflows/resource/configure/Dockerfile",
            "FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /configure .\n"
                + "FROM alpine:3.19\nCOPY --from=build /configure /configure\n"
                + "ENTRYPOINT [\"/configure\"]\n")
        .write(
            "promises/vcluster-orchestrator-v2/README.md",
            """
            # VCluster Orchestrator V2 Promise

            ## Build Container
            ```bash
            cd promises/vcluster-orchestrator-v2/workflows/resource/configure
            docker build -t ghcr.io/jamesatintegratnio/vcluster-orchestrator-v2-configure:latest .
            docker push ghcr.io/jamesatintegratnio/vcluster-orchestrator-v2-configure:latest
            ```
            """)
        .commit("vcluster orchestrator v2");
    homelab.close();
    Path graph =
        write(
            tmp.resolve("graph/lockstep.yaml"),
            """
            lockstep: 1
            repos:
              homelab: { path: ../homelab }
            artifacts:
              configure-image:
                kind: image
                repo: homelab
                name: ghcr.io/jamesatintegratnio/vcluster-orchestrator-v2-configure
                tag: "v{version}"
              pipeline-utility-image:
                kind: image
                name: ghcr.io/syntasso/kratix-pipeline-utility
                tag: "v{version}"
                external: { version: 0.0.1 }
              promise:
                kind: hook
                repo: homelab
                path: promises/vcluster-orchestrator-v2/promise.yaml
                uses:
                  - to: configure-image
                    format: "ghcr.io/jamesatintegratnio/vcluster-orchestrator-v2-configure:v{version}@{digest}"
                    at: [ { file: promises/vcluster-orchestrator-v2/promise.yaml, yaml: ".spec.workflows.resource.configure[0].spec.containers[name=generate].image" } ]
                  - to: pipeline-utility-image
                    format: "ghcr.io/syntasso/kratix-pipeline-utility:v{version}@{digest}"
                    at: [ { file: promises/vcluster-orchestrator-v2/promise.yaml, yaml: ".spec.workflows.resource.configure[0].spec.containers[name=status].image" } ]
            """);
    return new Workspace(graph, java.util.List.of(tmp.resolve("homelab")));
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
