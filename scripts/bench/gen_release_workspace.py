#!/usr/bin/env python3
"""Writes the files of the workspace scripts/bench-release releases (bash makes the git repos).

Layout of OUT:
  OUT/graph/lockstep.yaml   the graph
  OUT/platform/             the released repo: IMAGES images built by jib-core onto scratch, one
                            chart per image except the last (web), and an umbrella chart
                            (platform-chart) whose values name the other charts and the web image
  OUT/site/                 a second repo: a docs page that names the umbrella chart
  OUT/meta.json             what was generated

Each image has three layers: data/ (MB_PER_IMAGE MiB of seeded random bytes, incompressible,
the big layer that must never be uploaded twice), bin/ (a tiny entrypoint) and VERSION (the
repo's version, rewritten by every release: the one small layer that changes).

Everything in git names the last release, 0.9.0 (tag v0.9.0), so the workspace verifies clean;
Chart.yaml holds the placeholder 0.1.0, stamped only in the release commit.
Deterministic: the bytes come from a seeded random.Random. Standard library only.
"""
import argparse
import json
import os
import random

LAST = "0.9.0"
PLACEHOLDER = "0.1.0"
NAMES = ["api", "worker", "scheduler", "gateway", "indexer", "notifier", "exporter", "router"]
HOST = "ghcr.io/example/platform"


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(path, mode)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--images", type=int, default=3, help="images (>= 3); the last one, web, has no chart of its own")
    ap.add_argument("--mb-per-image", type=float, default=4.0, help="MiB of generated data per image")
    ap.add_argument("--files-per-image", type=int, default=4)
    ap.add_argument("--seed", type=int, default=20261124)
    a = ap.parse_args()
    if a.images < 3 or a.images > len(NAMES) + 1:
        ap.error(f"--images must be between 3 and {len(NAMES) + 1}")
    rnd = random.Random(a.seed)
    out = os.path.abspath(a.out)
    plat = os.path.join(out, "platform")
    images = NAMES[: a.images - 1] + ["web"]
    charted = images[:-1]  # every image but web has a chart; the umbrella runs web itself
    per_file = int(a.mb_per_image * 1024 * 1024 / a.files_per_image)

    artifacts = []
    data_bytes = 0
    for name in images:
        base = os.path.join(plat, "images", name)
        for i in range(a.files_per_image):
            p = os.path.join(base, "data", f"part-{i:02d}.bin")
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(rnd.randbytes(per_file))
            data_bytes += per_file
        write(os.path.join(base, "bin", name), f'#!/bin/sh\necho "{name} $(cat /opt/{name}/VERSION)"\n', 0o755)
        write(os.path.join(base, "VERSION"), LAST + "\n")
        artifacts.append(f"""  {name}-image:
    kind: image
    repo: platform
    name: {HOST}/{name}
    tag: "{{version}}"
    build:
      layers:
        - {{ from: images/{name}/data, to: /opt/{name}/data }}
        - {{ from: images/{name}/bin, to: /opt/{name}/bin }}
        - {{ from: images/{name}/VERSION, to: /opt/{name}/VERSION }}
      entrypoint: [ /opt/{name}/bin/{name} ]
      labels: {{ org.opencontainers.image.title: {name} }}
  {name}-version:
    kind: file
    repo: platform
    path: images/{name}/VERSION
    uses:
      - to: platform
        format: "{{version}}"
        at: [ {{ file: images/{name}/VERSION, regex: '^(?<version>[0-9][^\\s]*)$' }} ]
""")

    deployment = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-%s
spec:
  template:
    spec:
      containers:
        - name: %s
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"""
    for name in charted:
        c = os.path.join(plat, "charts", name)
        write(os.path.join(c, "Chart.yaml"),
              f"apiVersion: v2\nname: {name}-chart\ndescription: The {name} service\ntype: application\n"
              f"version: {PLACEHOLDER}   # stamped at release\nappVersion: \"{PLACEHOLDER}\"\n")
        write(os.path.join(c, "values.yaml"),
              f"# the {name} image this chart runs\nimage:\n  repository: {HOST}/{name}\n  tag: \"{LAST}\"\n")
        write(os.path.join(c, "templates", "deployment.yaml"), deployment % (name, name))
        artifacts.append(f"""  {name}-chart:
    kind: chart
    repo: platform
    path: charts/{name}
    publish: oci://{HOST}/charts/{name}-chart
    version: "{{version}}"
    appVersion: "{{version}}"
    placeholder: "{PLACEHOLDER}"
    uses:
      - to: {name}-image
        at: [ {{ file: charts/{name}/values.yaml, yaml: .image.tag }} ]
""")

    # The umbrella: its values name every other chart's version and the web image's tag.
    u = os.path.join(plat, "charts", "platform")
    write(os.path.join(u, "Chart.yaml"),
          f"apiVersion: v2\nname: platform-chart\ndescription: The whole platform\ntype: application\n"
          f"version: {PLACEHOLDER}   # stamped at release\nappVersion: \"{PLACEHOLDER}\"\n")
    values = "# the charts this umbrella installs, and the web front end it runs itself\ncharts:\n"
    for name in charted:
        values += f"  {name}:\n    chart: oci://{HOST}/charts/{name}-chart\n    version: \"{LAST}\"\n"
    values += f"web:\n  image:\n    repository: {HOST}/web\n    tag: \"{LAST}\"\n"
    write(os.path.join(u, "values.yaml"), values)
    write(os.path.join(u, "templates", "web.yaml"), deployment.replace(".Values.image", ".Values.web.image") % ("web", "web"))
    uses = "".join(f"""      - to: {name}-chart
        at: [ {{ file: charts/platform/values.yaml, yaml: .charts.{name}.version }} ]
""" for name in charted)
    artifacts.append(f"""  platform-chart:
    kind: chart
    repo: platform
    path: charts/platform
    publish: oci://{HOST}/charts/platform-chart
    version: "{{version}}"
    appVersion: "{{version}}"
    placeholder: "{PLACEHOLDER}"
    uses:
{uses}      - to: web-image
        at: [ {{ file: charts/platform/values.yaml, yaml: .web.image.tag }} ]
""")

    write(os.path.join(plat, "README.md"),
          "# platform\n\nInstall the latest release:\n\n"
          f"    helm install platform oci://{HOST}/charts/platform-chart --version {LAST}\n")
    artifacts.append(f"""  platform-readme:
    kind: file
    repo: platform
    path: README.md
    uses:
      - to: platform-chart
        stamp: regular
        at: [ {{ file: README.md, regex: 'platform-chart --version (?<version>\\S+)' }} ]
""")

    # A second repo that names the umbrella chart (moved by `lockstep bump`, not by the release).
    write(os.path.join(out, "site", "docs", "install.md"),
          f"# Installing the platform\n\n    helm install platform oci://{HOST}/charts/platform-chart --version {LAST}\n")
    artifacts.append(f"""  site-install:
    kind: file
    repo: site
    path: docs/install.md
    uses:
      - to: platform-chart
        at: [ {{ file: docs/install.md, regex: 'platform-chart --version (?<version>\\S+)' }} ]
""")

    graph = f"""lockstep: 1
repos:
  platform: {{ path: ../platform, url: https://example.invalid/platform.git, tag: "v{{version}}" }}
  site:     {{ path: ../site, url: https://example.invalid/site.git, tag: "v{{version}}" }}
artifacts:
""" + "".join(artifacts)
    write(os.path.join(out, "graph", "lockstep.yaml"), graph)
    meta = {"images": images, "charts": [f"{n}-chart" for n in charted] + ["platform-chart"],
            "data_bytes": data_bytes, "bytes_per_data_file": per_file, "last": LAST}
    write(os.path.join(out, "meta.json"), json.dumps(meta, indent=2) + "\n")


if __name__ == "__main__":
    main()
