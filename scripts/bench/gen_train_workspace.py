#!/usr/bin/env python3
"""Generates the four-repo train system of scripts/bench-train (the shape of the train tests'
TrainWorkspace: kubeflex, transport, addon, core), each image with MB MiB of seeded random data in a
layer of its own, as real git repos with their first release tagged and pushed to bare remotes.

Usage: gen_train_workspace.py DIR [--mb-per-image MB]
"""
import argparse
import os
import random
import subprocess

GRAPH = r'''lockstep: 1
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
    build: { layers: [ { from: bin, to: /opt/kubeflex }, { from: data, to: /opt/kubeflex/data } ], entrypoint: [ /opt/kubeflex/run ] }
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
    build: { layers: [ { from: bin, to: /opt/transport }, { from: data, to: /opt/transport/data } ], entrypoint: [ /opt/transport/run ] }
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
    build: { layers: [ { from: bin, to: /opt/addon }, { from: data, to: /opt/addon/data } ], entrypoint: [ /opt/addon/run ] }
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
        at: [ { file: docs/install.md, regex: 'needs KubeFlex (?<version>v[0-9]+\.[0-9]+\.[0-9]+)' } ]
      - to: core
        train: follow
        at: [ { file: docs/install.md, regex: 'with KubeStellar (?<version>v[0-9]+\.[0-9]+\.[0-9]+)' } ]
  core-image:
    kind: image
    repo: core
    name: ghcr.io/example/core
    build: { layers: [ { from: bin, to: /opt/core }, { from: data, to: /opt/core/data } ], entrypoint: [ /opt/core/run ] }
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
        at: [ { file: scripts/setup.sh, regex: '^TRANSPORT_VERSION=(?<version>\S+)$' } ]
      - to: kubeflex
        format: "v{version}"
        at: [ { file: scripts/setup.sh, regex: '^KUBEFLEX_VERSION=(?<version>\S+)$' } ]
  core-docs:
    kind: file
    repo: core
    uses:
      - to: core
        format: "{version}"
        at: [ { file: docs/install.md, regex: 'core-chart --version (?<version>\S+)' } ]
      - to: kubeflex
        at: [ { file: docs/install.md, regex: 'install KubeFlex (?<version>v[0-9]+\.[0-9]+\.[0-9]+)' } ]
'''

OLD_DIGEST = "sha256:" + "0" * 63 + "1"
ENV = dict(os.environ, GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z",
           GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
           GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid")


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def chart_repo(root, name, version, app_version, tag):
    write(root, "bin/run", "#!/bin/sh\necho %s\n" % name)
    write(root, "chart/Chart.yaml",
          "apiVersion: v2\nname: %s-chart\nversion: %s\nappVersion: \"%s\"\n" % (name, version, app_version))
    write(root, "chart/values.yaml", "image:\n  repository: ghcr.io/example/%s\n  tag: \"%s\"\n" % (name, tag))
    write(root, "chart/templates/deployment.yaml",
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: %s }\nspec:\n  template:\n    spec:\n"
          "      containers:\n        - name: %s\n"
          "          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n" % (name, name))


def data(root, rng, mb):
    for i in range(mb):
        full = os.path.join(root, "data", "part-%d.bin" % i)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(rng.randbytes(1 << 20))


def git(root, *args):
    subprocess.run(["git", "-C", root, "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                   check=True, env=ENV, stdout=subprocess.DEVNULL)


def publish(ws, name, tag):
    root = os.path.join(ws, name)
    remote = os.path.join(ws, "remotes", name + ".git")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "%s %s" % (name, tag))
    git(root, "tag", "-a", tag, "-m", "release " + tag)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", remote], check=True)
    git(root, "remote", "add", "origin", "file://" + remote)
    git(root, "push", "-q", "origin", "main", tag)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--mb-per-image", type=int, default=4)
    a = p.parse_args()
    ws = os.path.abspath(a.dir)
    rng = random.Random(20260101)
    write(ws, "graph.yaml", GRAPH)
    for name, version in (("kubeflex", "0.8.0"), ("transport", "0.1.0")):
        root = os.path.join(ws, name)
        chart_repo(root, name, "0.0.0", "0.0.0", "0.0.0")
        data(root, rng, a.mb_per_image)
        publish(ws, name, "v" + version)
    addon = os.path.join(ws, "addon")
    chart_repo(addon, "addon", "v0.2.0", "v0.2.0", "0.2.0")
    write(addon, "docs/install.md", "# addon\n\nThe addon needs KubeFlex v0.8.0 and runs with KubeStellar v0.29.0.\n")
    data(addon, rng, a.mb_per_image)
    publish(ws, "addon", "v0.2.0")
    core = os.path.join(ws, "core")
    write(core, "bin/run", "#!/bin/sh\necho core\n")
    write(core, "core-chart/Chart.yaml", "apiVersion: v2\nname: core-chart\nversion: 0.0.0\nappVersion: \"0.0.0\"\n")
    write(core, "core-chart/values.yaml",
          "image:\n  repository: ghcr.io/example/core\n  tag: \"0.0.0\"\naddon:\n"
          "  version: v0.2.0   # the addon chart the ITS hook installs\ntransport:\n  version: 0.1.0\n"
          "kubeflex:\n  version: 0.8.0\n")
    write(core, "core-chart/templates/configmap.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: core }\n"
          "data: { image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\" }\n")
    write(core, "hooks/its.yaml",
          "apiVersion: tenancy.kflex.kubestellar.org/v1alpha1\nkind: PostCreateHook\nmetadata: { name: its }\n"
          "spec:\n  chart: { name: addon-chart, version: v0.2.0 }\n"
          "  image: ghcr.io/example/addon:0.2.0@%s\n" % OLD_DIGEST)
    write(core, "hooks/wds.yaml",
          "apiVersion: tenancy.kflex.kubestellar.org/v1alpha1\nkind: PostCreateHook\nmetadata: { name: wds }\n"
          "spec:\n  chart: { name: transport-chart, version: 0.1.0 }\n")
    write(core, "scripts/setup.sh", "#!/usr/bin/env bash\nTRANSPORT_VERSION=v0.1.0\nKUBEFLEX_VERSION=v0.8.0\n")
    write(core, "docs/install.md",
          "# core\n\nFirst install KubeFlex v0.8.0, then\n\n"
          "    helm install core oci://ghcr.io/example/charts/core-chart --version 0.29.0\n")
    data(core, rng, a.mb_per_image)
    publish(ws, "core", "v0.29.0")


if __name__ == "__main__":
    main()
