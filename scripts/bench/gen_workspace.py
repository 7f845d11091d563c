#!/usr/bin/env python3
"""Generates a synthetic lockstep workspace for scripts/bench-verify.

Layout of OUT (a workspace is reused when its key, i.e. parameters plus this file's hash, matches):
  OUT/graph.yaml   the graph: one repo "bench", image and chart artifacts, one file/hook
                   artifact per file that writes versions, locators grouped per file
  OUT/repo/        a real git repo: one commit on main, annotated tag v1.0.0; with --history N,
                   N commits on main (written with git fast-import) and --tags release tags, each
                   on a release commit made on top of a main commit, the last one v1.0.0
  OUT/meta.json    what was generated (files, bytes, expected sites, locators, key)

The workspace is consistent: `lockstep verify --graph OUT/graph.yaml` must exit 0. Own images and
charts are written at 1.0.0 (the tag), external images at their pinned version, every `name:tag`
of a known image and every chart `--version` sits inside a declared locator (so the undeclared
scan has real hits that are all covered), and most files hold no reference at all.

Deterministic: everything comes from one seeded random.Random; git dates and identity are fixed.
Standard library only.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

VERSION = "1.0.0"  # the repo's release: tag v1.0.0, what every self-reference must name
CHART_PLACEHOLDER = "0.1.0"  # what the platform chart's Chart.yaml holds in git
HOOK_PLACEHOLDER = "0.0.0-dev"  # what the bootstrap hook holds in git

WORDS = """
cluster controller release version manifest registry binding policy workload placement status
addon hub agent transport syncer namespace secret config value image chart template render deploy
upgrade rollout replica service endpoint gateway webhook certificate issuer token lease leader
election cache informer queue worker reconcile event condition phase label selector annotation
tenant space provider context kubeconfig inventory member proxy tunnel bundle artifact digest
layer index mirror source target revision commit branch tag pipeline stage check gate audit
metric exporter scrape alert dashboard trace span log level shard partition snapshot restore
backup volume claim storage class quota limit request budget timeout retry backoff jitter
""".split()
VERBS = """
reconciles watches applies renders resolves publishes validates records rejects forwards caches
patches merges prunes schedules evicts drains rotates verifies signs mirrors promotes pins
""".split()
ADJ = """
stale pending ready degraded healthy orphaned immutable optional default regular latest local remote
external internal shared scoped namespaced cluster-wide transient durable
""".split()
UNICODE = ["café", "naïve", "→", "–", "über", "façade", "µs", "≥"]  # real docs are not pure ASCII

SHORT_NAMES = """
api worker gateway scheduler controller webhook syncer indexer agent exporter operator proxy
dashboard migrator notifier collector router auditor planner builder
""".split()
EXTERNAL_REGISTRIES = ["quay.io/ext-org", "registry.k8s.io/ext", "docker.io/bitnami-ext"]
EXTERNAL_NAMES = """
clusteradm kube-state-metrics redis postgres cert-manager-controller ingress-nginx etcd coredns
""".split()

TAG_CHARS = r"[\w.+-]*[\w+-]"  # a tag, never ending on a sentence's full stop


# ---------------------------------------------------------------- text pools

def sentence(rng, lo=6, hi=16):
    n = rng.randint(lo, hi)
    words = []
    for i in range(n):
        r = rng.random()
        if r < 0.12:
            words.append(rng.choice(VERBS))
        elif r < 0.2:
            words.append(rng.choice(ADJ))
        elif r < 0.205:
            words.append(rng.choice(UNICODE))
        else:
            words.append(rng.choice(WORDS))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def camel(words):
    return "".join(w.capitalize() for w in words)


def go_block(rng):
    a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
    typ, name, ret = camel([a, "manager"]), camel([rng.choice(VERBS)[:-1], b]), camel([c])
    arg, field = b + "Name", camel([c, "id"])
    lines = [
        f"// {name} {rng.choice(VERBS)} the {b} of a {c}. {sentence(rng, 5, 12)}",
        f"func (m *{typ}) {name}(ctx context.Context, {arg} string) (*{ret}, error) {{",
        f"\tif {arg} == \"\" {{",
        f"\t\treturn nil, fmt.Errorf(\"{b}: empty name for {c}\")",
        "\t}",
        "\tm.mu.Lock()",
        "\tdefer m.mu.Unlock()",
        f"\tfor i, item := range m.{c}s {{",
        f"\t\tif item.{field} == {arg} {{",
        f"\t\t\tm.log.V({rng.randint(1, 4)}).Info(\"found {c}\", \"index\", i, \"{b}\", {arg})",
        "\t\t\treturn &item, nil",
        "\t\t}",
        "\t}",
    ]
    for _ in range(rng.randint(0, 6)):
        lines.append(f"\t// {sentence(rng)}")
        lines.append(f"\tm.metrics.{camel([rng.choice(WORDS), 'total'])}.WithLabelValues({arg}).Inc()")
    lines += [f"\treturn nil, fmt.Errorf(\"{c} %q: %w\", {arg}, ErrNotFound)", "}", ""]
    return "\n".join(lines) + "\n"


def md_block(rng):
    r = rng.random()
    if r < 0.55:
        return " ".join(sentence(rng) for _ in range(rng.randint(2, 6))) + "\n\n"
    if r < 0.7:
        return f"## {sentence(rng, 2, 5)[:-1]}\n\n"
    if r < 0.85:
        return "".join(f"- {sentence(rng, 4, 10)}\n" for _ in range(rng.randint(2, 6))) + "\n"
    w = rng.choice(WORDS)
    return ("```shell\n"
            f"kubectl --context {w}-hub get {rng.choice(WORDS)}s -n {rng.choice(WORDS)}-system\n"
            f"kubectl wait --for=condition=Ready {w}/{rng.choice(WORDS)} --timeout={rng.randint(1, 9)}0s\n"
            "```\n\n")


def yaml_block(rng, key):
    w = rng.choice(WORDS)
    return (f"{key}:\n"
            f"  enabled: {rng.choice(['true', 'false'])}\n"
            f"  replicas: {rng.randint(1, 5)}\n"
            f"  # {sentence(rng)}\n"
            f"  labels:\n"
            f"    app.kubernetes.io/name: {w}\n"
            f"    app.kubernetes.io/part-of: {rng.choice(WORDS)}\n"
            f"  resources:\n"
            f"    limits: {{ cpu: {rng.randint(1, 9)}00m, memory: {rng.randint(1, 8)*64}Mi }}\n"
            f"  description: \"{sentence(rng)}\"\n")


def sh_block(rng):
    fn = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"
    lines = [f"# {sentence(rng)}", f"{fn}() {{", f"  local ns=\"${{1:-{rng.choice(WORDS)}-system}}\""]
    for _ in range(rng.randint(2, 7)):
        lines.append(rng.choice([
            f"  kubectl -n \"$ns\" get {rng.choice(WORDS)}s -o name | xargs -r kubectl -n \"$ns\" delete",
            f"  echo \"{sentence(rng, 3, 8)}\" >&2",
            f"  if ! kubectl -n \"$ns\" rollout status deploy/{rng.choice(WORDS)} --timeout=120s; then return 1; fi",
            f"  curl -fsSL \"https://example.invalid/{rng.choice(WORDS)}/{rng.choice(WORDS)}\" -o \"$tmp/{rng.choice(WORDS)}\"",
        ]))
    lines += ["}", ""]
    return "\n".join(lines) + "\n"


class Pools:
    """Pre-generated blocks; files are composed from them, which keeps generation fast."""

    def __init__(self, rng, images, charts):
        self.go = [go_block(rng) for _ in range(500)]
        self.md = [md_block(rng) for _ in range(1500)]
        self.sh = [sh_block(rng) for _ in range(400)]
        self.sentences = [sentence(rng) for _ in range(2000)]
        # Mentions of known names that are not versions: the scan must look at them and pass on.
        self.noise = []
        for img in images:
            self.noise += [
                f"The `{img['name']}` image is built from this repository.\n\n",
                f"Pin by digest: `{img['name']}@sha256:{hashlib.sha256(img['name'].encode()).hexdigest()}`.\n\n",
                f"Templates write `image: {img['name']}:{{{{ .Values.tag }}}}`, so the tag comes from values.\n\n",
                f"`{img['name']}: {sentence(rng, 3, 6)}`\n\n",
            ]
        for ch in charts:
            self.noise.append(f"Inspect it with `helm show chart oci://{ch['publish_path']} --version \"$VERSION\"`.\n\n")

    def fill(self, rng, pool, nbytes):
        if nbytes <= 0:
            return ""
        avg = sum(len(x) for x in pool[:50]) / 50
        return "".join(rng.choices(pool, k=max(1, int(nbytes / avg))))


# ---------------------------------------------------------------- the model

class Workspace:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.files = {}  # path -> text
        self.artifacts = []  # (id, yaml text of the entry)
        self.sites = 0
        self.locators = 0
        self.references = 0
        self.referencing = []  # paths of files that write versions (fillers never do)
        self.images = self.make_images(args.images)
        self.own_images = [i for i in self.images if not i["external"]]
        self.charts = [
            {"id": "platform", "path": "charts/platform", "publish_path": "ghcr.io/bench/charts/platform"},
            {"id": "addons", "path": "charts/addons", "publish_path": "ghcr.io/bench/charts/addons"},
        ]
        self.pools = Pools(self.rng, self.images, self.charts)

    def make_images(self, n):
        out = []
        n_ext = max(1, n // 5)
        for i in range(n - n_ext):
            base = SHORT_NAMES[i % len(SHORT_NAMES)]
            short = base if i < len(SHORT_NAMES) else f"{base}-{i // len(SHORT_NAMES)}"
            # Some teams keep the v in image tags: exercise both formats.
            fmt = "v{version}" if i % 7 == 3 else "{version}"
            out.append({"id": short, "name": f"ghcr.io/bench/{short}", "external": False, "fmt": fmt,
                        "written": fmt.replace("{version}", VERSION)})
        for j in range(n_ext):
            base = EXTERNAL_NAMES[j % len(EXTERNAL_NAMES)]
            short = base if j < len(EXTERNAL_NAMES) else f"{base}-{j // len(EXTERNAL_NAMES)}"
            reg = EXTERNAL_REGISTRIES[j % len(EXTERNAL_REGISTRIES)]
            ver = f"{j % 3}.{(j * 7 + 10) % 17}.{(j + 1) % 5}"  # the first is clusteradm 0.10.1
            out.append({"id": "ext-" + short, "name": f"{reg}/{short}", "external": True, "fmt": "{version}",
                        "version": ver, "written": ver})
        return out

    # -- graph text helpers

    @staticmethod
    def q(s):
        return "'" + s.replace("'", "''") + "'"

    def loc(self, file, **kw):
        """One locator as a flow mapping; strings single-quoted so regexes stay literal."""
        self.locators += 1
        parts = [f"file: {file}"]
        for k, v in kw.items():
            if isinstance(v, bool):
                parts.append(f"{k}: {'true' if v else 'false'}")
            elif isinstance(v, int):
                parts.append(f"{k}: {v}")
            else:
                parts.append(f"{k}: {self.q(v)}")
        return "{ " + ", ".join(parts) + " }"

    def uses(self, refs):
        """refs: list of (to, [locator text], extra dict) -> the uses: block."""
        lines = ["    uses:"]
        for to, locs, extra in refs:
            self.references += 1
            lines.append(f"      - to: {to}")
            for k, v in extra.items():
                lines.append(f"        {k}: {self.q(v)}")
            lines.append("        at:")
            lines += [f"          - {x}" for x in locs]
        return "\n".join(lines) + "\n"

    def add_artifact(self, aid, kind, path, refs, extra=""):
        text = f"  {aid}:\n    kind: {kind}\n    repo: bench\n"
        if path:
            text += f"    path: {path}\n"
        text += extra
        if refs:
            text += self.uses(refs)
        self.artifacts.append(text)

    # -- fixed files: charts, docs site config, README, bootstrap hook, install script, vendored copies

    def fixed(self):
        rng, a = self.rng, self.own_images
        api, worker = a[0], a[1 % len(a)]
        # platform: placeholder chart; values name images split (repository/tag).
        self.files["charts/platform/Chart.yaml"] = (
            "apiVersion: v2\nname: platform\ndescription: The bench platform\ntype: application\n"
            f"version: {CHART_PLACEHOLDER}\nappVersion: \"{CHART_PLACEHOLDER}\"\n")
        self.files["charts/platform/values.yaml"] = (
            f"# Images the platform chart runs.\napi:\n  image:\n    repository: {api['name']}\n"
            f"    tag: \"{api['written']}\"\nworker:\n  image:\n    repository: {worker['name']}\n"
            f"    tag: {worker['written']}\n  replicas: 2\n")
        self.files["charts/platform/templates/deployment.yaml"] = (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-api\nspec:\n"
            "  template:\n    spec:\n      containers:\n        - name: api\n"
            f"          image: \"{api['name']}:{{{{ .Values.api.image.tag }}}}\"\n")
        self.sites += 2 + 2  # version + appVersion placeholders, two values
        self.add_artifact("platform", "chart", None, [
            (api["id"], [self.loc("charts/platform/values.yaml", yaml=".api.image.tag")], {}),
            (worker["id"], [self.loc("charts/platform/values.yaml", yaml=".worker.image.tag")], {}),
        ], extra=("    path: charts/platform\n    publish: oci://ghcr.io/bench/charts/platform\n"
                  "    version: '{version}'\n    appVersion: '{version}'\n"
                  f"    placeholder: '{CHART_PLACEHOLDER}'\n"))
        # addons: literal chart version (a self-reference); values hold a whole image reference.
        self.files["charts/addons/Chart.yaml"] = (
            f"apiVersion: v2\nname: addons\nversion: {VERSION}\nappVersion: \"{VERSION}\"\n")
        self.files["charts/addons/values.yaml"] = f"syncer:\n  image: {worker['name']}:{worker['written']}\n"
        self.sites += 1 + 1
        self.add_artifact("addons", "chart", None, [
            (worker["id"], [self.loc("charts/addons/values.yaml", yaml=".syncer.image",
                                     format=f"{worker['name']}:{worker['fmt']}")], {}),
        ], extra=("    path: charts/addons\n    publish: oci://ghcr.io/bench/charts/addons\n"
                  "    version: '{version}'\n    dependencies: [ platform ]\n"))
        # mkdocs: the latest regular release of the repo itself.
        self.files["mkdocs.yml"] = (
            "site_name: bench\nnav:\n  - Home: index.md\nextra:\n"
            f"  latest_release: v{VERSION}\n  repo: https://github.com/bench/bench\n")
        self.sites += 1
        self.add_artifact("docs-site", "file", "mkdocs.yml", [
            ("bench", [self.loc("mkdocs.yml", yaml=".extra.latest_release")], {"stamp": "regular"}),
        ])
        # README: a Go install of the repo's CLI, a chart install and an image pull.
        self.files["README.md"] = (
            "# bench\n\n" + self.pools.fill(rng, self.pools.md, 3000) +
            f"Install the CLI:\n\n```shell\ngo install github.com/bench/bench/cmd/benchctl@v{VERSION}\n```\n\n"
            f"Install the platform:\n\n```shell\nhelm install platform oci://ghcr.io/bench/charts/platform --version {VERSION}\n```\n\n"
            f"Or run the API alone: `docker run --rm -p 8080:8080 {api['name']}:{api['written']}`.\n\n" +
            self.pools.fill(rng, self.pools.md, 3000))
        self.sites += 3
        self.add_artifact("readme", "file", "README.md", [
            ("bench", [self.loc("README.md", regex=r"benchctl@(?<version>v[\w.+-]*[\w+-])")], {}),
            ("platform", [self.loc("README.md", regex=r"charts/platform --version (?<version>" + TAG_CHARS + ")")], {}),
            (api["id"], [self.loc("README.md", regex=esc(api["name"]) + ":(?<version>" + TAG_CHARS + ")")], {}),
        ])
        # A PostCreateHook that git keeps at a placeholder; the release commit stamps it.
        self.files["manifests/bootstrap-hook.yaml"] = (
            "apiVersion: tenancy.kflex.kubestellar.org/v1alpha1\nkind: PostCreateHook\n"
            "metadata:\n  name: bench-bootstrap\nspec:\n  templates:\n    - apiVersion: batch/v1\n"
            "      kind: Job\n      metadata:\n        name: install-platform\n      spec:\n        template:\n"
            "          spec:\n            containers:\n              - name: helm\n"
            "                image: quay.io/kubestellar/helm:3.14.0\n                args:\n"
            f"                  - helm upgrade --install platform oci://ghcr.io/bench/charts/platform --version {HOOK_PLACEHOLDER} --namespace bench-system\n"
            "            restartPolicy: Never\n")
        self.sites += 1
        self.add_artifact("bootstrap-hook", "hook", "manifests/bootstrap-hook.yaml", [
            ("platform", [self.loc("manifests/bootstrap-hook.yaml", regex=r"charts/platform --version (?<version>\S+)")],
             {"placeholder": HOOK_PLACEHOLDER}),
        ])
        # An install script: a pinned variable and a chart install split over two lines.
        self.files["scripts/install.sh"] = (
            "#!/usr/bin/env bash\nset -euo pipefail\n" + self.pools.fill(rng, self.pools.sh, 1500) +
            f"BENCH_VERSION=\"{VERSION}\"\n"
            "helm upgrade --install addons oci://ghcr.io/bench/charts/addons \\\n"
            f"  --version {VERSION} \\\n  --namespace bench-system --wait\n" +
            self.pools.fill(rng, self.pools.sh, 1500))
        self.sites += 2
        self.add_artifact("install-script", "file", "scripts/install.sh", [
            ("bench", [self.loc("scripts/install.sh", regex=r'^BENCH_VERSION="(?<version>[^"]+)"')], {"format": "{version}"}),
            ("addons", [self.loc("scripts/install.sh",
                                 regex=r"charts/addons[ \\\n]*--version[ =](?<version>" + TAG_CHARS + ")")], {}),
        ])
        # Vendored copies with stale tags: the graph excludes them from the scan (scan.exclude).
        for k in range(3):
            img = self.own_images[k % len(self.own_images)]
            self.files[f"third_party/upstream-{k}/README.md"] = (
                f"Vendored from upstream; it still says `{img['name']}:0.{k + 1}.0`.\n\n" +
                self.pools.fill(rng, self.pools.md, 2000))
        self.files["go.mod"] = "module github.com/bench/bench\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/mod v0.30.0\n)\n"

    # -- files that write versions, one artifact per file, locators grouped per target

    def ref_file(self, i, kind, targets, size):
        """targets: list of (target dict, n sites). Returns nothing; records file and artifact."""
        rng, pools = self.rng, self.pools
        refs = []
        if kind == "values":
            path = f"deploy/svc-{i:04d}/values.yaml"
            out = [f"# Default values for svc-{i:04d}.\n# {pools.sentences[i % 2000]}\nreplicaCount: 2\ncomponents:\n"]
            for t, n in targets:
                locs = []
                for k in range(n):
                    comp = f"{t['id']}-{k}"
                    if rng.random() < 0.5:  # split repository/tag, as most charts do
                        quote = '"' if rng.random() < 0.6 else ""
                        out.append(f"  {comp}:\n    image:\n      repository: {t['name']}\n"
                                   f"      tag: {quote}{t['written']}{quote}\n      pullPolicy: IfNotPresent\n")
                        locs.append(self.loc(path, yaml=f".components.{comp}.image.tag"))
                    else:  # a whole image reference: a real hit for the undeclared scan
                        out.append(f"  {comp}:\n    image: {t['name']}:{t['written']}\n"
                                   f"    # {pools.sentences[(i + k) % 2000]}\n")
                        locs.append(self.loc(path, yaml=f".components.{comp}.image", format=f"{t['name']}:{t['fmt']}"))
                refs.append((t["id"], locs, {}))
            body = "".join(out)
            keys = (f"feature_{j:04d}" for j in range(10**6))
            pad = []
            while len(body) + sum(map(len, pad)) < size:
                pad.append(yaml_block(rng, next(keys)))
            text = body + "".join(pad)
            kind_out = "file"
        elif kind == "manifests":
            path = f"manifests/svc-{i:04d}/workloads.yaml"
            docs = []
            by_doc = rng.random() < 0.3  # some graphs pick each document by name, most use one grouped regex
            for t, n in targets:
                locs = []
                for k in range(n):
                    name = f"svc-{i:04d}-{t['id']}-{k}"
                    docs.append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                                f"  name: {name}\n  labels: {{ app: {t['id']} }}\nspec:\n  replicas: 1\n"
                                "  template:\n    spec:\n      containers:\n        - name: main\n"
                                f"          image: {t['name']}:{t['written']}\n"
                                "          ports: [ { containerPort: 8080 } ]\n")
                    if by_doc:
                        locs.append(self.loc(path, yaml=".spec.template.spec.containers[name=main].image",
                                             document=f"metadata.name={name}", format=f"{t['name']}:{t['fmt']}"))
                if not by_doc:
                    locs.append(self.loc(path, regex=f"image: {esc(t['name'])}:(?<version>{TAG_CHARS})", count=n))
                refs.append((t["id"], locs, {}))
            j = 0
            while sum(map(len, docs)) < size:
                data = "".join(f"  key-{m}: \"{rng.choice(pools.sentences)}\"\n" for m in range(rng.randint(3, 12)))
                docs.insert(rng.randint(0, len(docs)), f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-{j}\ndata:\n{data}")
                j += 1
            text = "---\n".join(docs)
            kind_out = "hook"
        elif kind == "docs":
            path = f"docs/operations/runbook-{i:04d}.md"
            parts = []
            for t, n in targets:
                for k in range(n):
                    if "publish_path" in t:
                        parts.append(f"```shell\nhelm upgrade --install {t['id']} oci://{t['publish_path']} --version {VERSION} -n bench-system\n```\n\n")
                    else:
                        parts.append(rng.choice([
                            f"```shell\ndocker pull {t['name']}:{t['written']}\n```\n\n",
                            f"The {t['id']} component runs `{t['name']}:{t['written']}`.\n\n",
                            f"| {t['id']} | {t['name']}:{t['written']} | {rng.choice(WORDS)} |\n\n",
                            f"Upgrade to {t['name']}:{t['written']}. {rng.choice(pools.sentences)}\n\n",
                        ]))
                if "publish_path" in t:
                    rx = f"charts/{t['id']} --version (?<version>{TAG_CHARS})"
                else:
                    rx = f"{esc(t['name'])}:(?<version>{TAG_CHARS})"
                loc = self.loc(path, regex=rx, all=True) if rng.random() < 0.5 else self.loc(path, regex=rx, count=n)
                refs.append((t["id"], [loc], {}))
            rng.shuffle(parts)
            filler = pools.fill(rng, pools.md, size - sum(map(len, parts))) if size > 0 else ""
            # Interleave prose and references, with a few near misses the scan must pass over.
            chunks = [filler[x:x + 4000] for x in range(0, len(filler), 4000)]
            chunks = [c[:c.rfind("\n\n") + 2] if "\n\n" in c else c for c in chunks]
            out = [f"# Runbook {i}\n\n"]
            for m in range(max(len(parts), len(chunks))):
                if m < len(chunks):
                    out.append(chunks[m])
                if m < len(parts):
                    out.append(parts[m])
                if m % 3 == 0:
                    out.append(rng.choice(pools.noise))
            text = "".join(out)
            kind_out = "file"
        elif kind == "pins":
            path = f"pins/env-{i:04d}.json"
            comps = []
            for t, n in targets:
                locs = []
                for k in range(n):
                    idx = len(comps)
                    if rng.random() < 0.6:
                        comps.append({"name": f"{t['id']}-{k}", "repository": t["name"], "tag": t["written"]})
                        locs.append(self.loc(path, json=f"/components/{idx}/tag"))
                    else:
                        comps.append({"name": f"{t['id']}-{k}", "image": f"{t['name']}:{t['written']}"})
                        locs.append(self.loc(path, json=f"/components/{idx}/image", format=f"{t['name']}:{t['fmt']}"))
                refs.append((t["id"], locs, {}))
            settings = {}
            doc = {"schema": 1, "environment": f"env-{i:04d}", "settings": settings, "components": comps}
            base = len(json.dumps(doc, indent=2))
            j = 0
            while base < size:
                s = rng.choice(pools.sentences)
                settings[f"setting_{j:05d}"] = s
                base += len(s) + 24
                j += 1
            text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
            kind_out = "file"
        elif kind == "scripts":
            path = f"hack/deploy-{i:04d}.sh"
            out = ["#!/usr/bin/env bash\n# Deploys one environment.\nset -euo pipefail\n"]
            for t, n in targets:
                if "publish_path" in t:
                    for k in range(n):
                        out.append(f"helm upgrade --install {t['id']}-{k} oci://{t['publish_path']} --version {VERSION} -n env-{k}\n")
                    rx = f"charts/{t['id']} --version (?<version>{TAG_CHARS})"
                    refs.append((t["id"], [self.loc(path, regex=rx, count=n)], {}))
                    continue
                var = t["id"].upper().replace("-", "_") + "_TAG"
                out.append(f"{var}=\"{t['written']}\"\n")
                locs = [self.loc(path, regex=f'^{var}="(?<version>[^"]+)"')]
                for k in range(n - 1):
                    out.append(f"docker run --rm {t['name']}:{t['written']} --check {k}\n")
                if n > 1:
                    locs.append(self.loc(path, regex=f"docker run --rm {esc(t['name'])}:(?<version>{TAG_CHARS})", count=n - 1))
                refs.append((t["id"], locs, {}))
            body = "".join(out)
            text = body + pools.fill(rng, pools.sh, size - len(body))
            kind_out = "file"
        else:  # go
            path = f"pkg/images/defaults_{i:04d}.go"
            out = [f"package images\n\n// Defaults for test fixtures, set {i}.\nvar fixtures{i} = []struct{{ name, image string }}{{\n"]
            for t, n in targets:
                for k in range(n):
                    out.append(f"\t{{name: \"{t['id']}-{k}\", image: \"{t['name']}:{t['written']}\"}},\n")
                refs.append((t["id"], [self.loc(path, regex=f"image: \"{esc(t['name'])}:(?<version>[^\"]+)\"", count=n)], {}))
            out.append("}\n\n")
            body = "".join(out)
            text = body + pools.fill(rng, pools.go, size - len(body))
            kind_out = "file"
        self.files[path] = text
        self.referencing.append(path)
        self.sites += sum(n for _, n in targets)
        self.add_artifact(f"f{i:04d}-{kind}", kind_out, path, refs)

    def filler(self, i, size):
        rng, pools = self.rng, self.pools
        r = rng.random()
        d = i // 25  # about 25 files per directory
        if r < 0.45:
            path = f"pkg/mod{d:03d}/{rng.choice(WORDS)}_{i:05d}.go"
            text = f"package mod{d:03d}\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\n" + pools.fill(rng, pools.go, size)
        elif r < 0.7:
            path = f"docs/guide{d:03d}/{rng.choice(WORDS)}-{i:05d}.md"
            text = f"# {sentence(rng, 2, 5)[:-1]}\n\n" + pools.fill(rng, pools.md, size)
            if rng.random() < 0.3:
                text += rng.choice(pools.noise)
        elif r < 0.85:
            path = f"config/set{d:03d}/{rng.choice(WORDS)}-{i:05d}.yaml"
            blocks, n = [], 0
            while n < size:
                b = yaml_block(rng, f"{rng.choice(WORDS)}_{len(blocks):04d}")
                blocks.append(b)
                n += len(b)
            text = "".join(blocks)
        elif r < 0.95:
            path = f"hack/lib{d:03d}/{rng.choice(WORDS)}-{i:05d}.sh"
            text = "#!/usr/bin/env bash\nset -euo pipefail\n" + pools.fill(rng, pools.sh, size)
        else:
            path = f"testdata/set{d:03d}/{rng.choice(WORDS)}-{i:05d}.json"
            items, n = [], 0
            while n < size:
                s = rng.choice(pools.sentences)
                items.append({"id": len(items), "kind": rng.choice(WORDS), "note": s})
                n += len(s) + 40
            text = json.dumps({"items": items}, indent=1, ensure_ascii=False) + "\n"
        self.files[path] = text

    def build(self):
        a, rng = self.args, self.rng
        self.fixed()
        n_fixed = len(self.files)
        self.referencing += [p for p in self.files if not p.startswith("third_party/")]
        remaining = max(0, a.sites - self.sites)
        # About 20 sites per referencing file; a floor of 12 files so small cases still mix kinds.
        n_ref = max(12, min(a.files // 4, remaining // 20))
        n_ref = min(n_ref, remaining) if remaining else 0
        n_fill = a.files - n_fixed - n_ref
        if n_fill < 0:
            sys.exit("gen_workspace: too few files for the fixed files and the sites asked for")
        # Sizes: log-normal like real repos (many small files, a few big ones). Referencing files
        # run a third of the size (pin files are small); fillers are scaled so the total is --mb.
        raw = [rng.lognormvariate(0, 1.0) for _ in range(n_ref + n_fill)]
        fixed_bytes = sum(len(t.encode()) for t in self.files.values())
        unit = a.mb * 1e6 / sum(raw)
        ref_sizes = [int(min(max(x * unit / 3, 300), 500_000)) for x in raw[:n_ref]]
        fill_raw = raw[n_ref:]
        scale = max(0.0, a.mb * 1e6 - fixed_bytes - sum(ref_sizes)) / max(sum(fill_raw), 1e-9)
        fill_sizes = [int(min(max(x * scale, 300), 1_500_000)) for x in fill_raw]
        # Sites per referencing file: at least one each, the rest spread unevenly.
        per_file = [1] * n_ref
        for _ in range(remaining - n_ref):
            per_file[min(int(rng.random() ** 1.5 * n_ref), n_ref - 1)] += 1
        kinds = ["values"] * 30 + ["manifests"] * 20 + ["docs"] * 25 + ["pins"] * 10 + ["scripts"] * 10 + ["go"] * 5
        for i in range(n_ref):
            kind = rng.choice(kinds)
            # Charts are written with --version on command lines: docs and scripts only.
            pool = self.images + self.charts if kind in ("docs", "scripts") else self.images
            n = per_file[i]
            k = max(1, min(n, len(pool), rng.randint(1, 8)))
            chosen = rng.sample(pool, k)
            counts = [1] * k
            for _ in range(n - k):
                counts[rng.randrange(k)] += 1
            self.ref_file(i, kind, list(zip(chosen, counts)), ref_sizes[i])
        for j in range(n_fill):
            self.filler(j, fill_sizes[j])

    def scan_hits(self):
        """How many name:tag / chart --version the undeclared scan will find (all covered)."""
        chart = re.compile("(?:" + "|".join(re.escape(c["publish_path"]) for c in self.charts) + ")" + r"[ \\\n]*--version[ =]?\w")
        n = 0
        for p in self.referencing:
            t = self.files[p]
            n += sum(t.count(f"{i['name']}:{i['written']}") for i in self.images) + len(chart.findall(t))
        return n

    def graph_text(self):
        lines = [f"# Synthetic benchmark workspace from scripts/bench/gen_workspace.py (seed {self.args.seed}).",
                 "lockstep: 1", "repos:",
                 "  bench: { path: repo, url: https://github.com/bench/bench, tag: 'v{version}', scan: { exclude: [ 'third_party/**' ] } }",
                 "artifacts:"]
        for img in self.images:
            if img["external"]:
                lines.append(f"  {img['id']}:\n    kind: image\n    name: {img['name']}\n    external: {{ version: '{img['version']}' }}")
            else:
                lines.append(f"  {img['id']}:\n    kind: image\n    repo: bench\n    name: {img['name']}\n    tag: '{img['fmt']}'")
        return "\n".join(lines) + "\n" + "".join(self.artifacts)


def esc(s):
    """A literal for an RE2 pattern."""
    return "".join("\\" + c if c in ".+*?()[]{}|^$\\" else c for c in s)


def git(repo, *argv):
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid",
               GIT_AUTHOR_DATE="2024-01-01T00:00:00Z", GIT_COMMITTER_DATE="2024-01-01T00:00:00Z",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "-C", repo, *argv], check=True, env=env, stdout=subprocess.DEVNULL)


def fast_import_history(repo, files, commits, tags):
    """Writes a history of `commits` commits on main whose last one holds `files`, with `tags`
    annotated release tags v0.1.0 ... v1.0.0 on release commits that sit on top of a main commit
    (as a release process makes them), and branches release-0.N for the last few lines."""
    git(repo, "init", "-q", "-b", "main")
    out = bytearray()
    ident = "bench <bench@example.invalid>"
    t0 = 1_600_000_000

    def data(b):
        out.extend(b"data %d\n" % len(b))
        out.extend(b)
        out.extend(b"\n")

    # Main commit k (1-based) bases release j when k == base[j]; the last release's base is the
    # commit before the final few, so HEAD is ahead of its latest release like a real main.
    last_base = max(1, commits - 5)
    bases = [max(1, round(last_base * (j + 1) / tags)) for j in range(tags)]
    releases = {b: j for j, b in enumerate(bases)}
    mark = 0
    main_marks = {}
    for k in range(1, commits + 1):
        mark += 1
        main_marks[k] = mark
        when = t0 + k * 600
        out.extend(b"commit refs/heads/main\nmark :%d\n" % mark)
        out.extend(f"author {ident} {when} +0000\ncommitter {ident} {when} +0000\n".encode())
        data(f"change {k}".encode())
        if k > 1:
            out.extend(b"from :%d\n" % main_marks[k - 1])
        if k == commits:
            out.extend(b"deleteall\n")
            for rel, text in files.items():
                mode = "100755" if rel.endswith(".sh") else "100644"
                out.extend(f"M {mode} inline {rel}\n".encode())
                data(text.encode("utf-8"))
        else:
            out.extend(b"M 100644 inline .history\n")
            data(f"{k}\n".encode())
        out.extend(b"\n")
        if k in releases:
            j = releases[k]
            version = VERSION if j == tags - 1 else f"0.{j + 1}.0"
            mark += 1
            out.extend(f"commit refs/heads/release-{version}\nmark :{mark}\n".encode())
            out.extend(f"author {ident} {when + 60} +0000\ncommitter {ident} {when + 60} +0000\n".encode())
            data(f"release {version}".encode())
            out.extend(b"from :%d\nM 100644 inline .release\n" % main_marks[k])
            data(f"{version}\n".encode())
            out.extend(b"\n")
            out.extend(f"tag v{version}\nfrom :{mark}\ntagger {ident} {when + 60} +0000\n".encode())
            data(f"release {version}".encode())
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=bytes(out), check=True, env=env)
    # Release branches are deleted once tagged, but for the last three lines (kept for patches).
    for j in range(tags - 1):
        if j < tags - 4:
            git(repo, "branch", "-q", "-D", f"release-0.{j + 1}.0")
    git(repo, "branch", "-q", "-D", f"release-{VERSION}")
    git(repo, "reset", "-q", "--hard", "main")
    git(repo, "pack-refs", "--all")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--files", type=int, required=True, help="tracked files in the repo")
    p.add_argument("--mb", type=float, required=True, help="total size of tracked files, MB (10^6 bytes)")
    p.add_argument("--sites", type=int, required=True, help="declared places to aim for")
    p.add_argument("--images", type=int, required=True, help="image artifacts (a fifth of them external)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--history", type=int, default=0, help="commits on main (0: one commit)")
    p.add_argument("--tags", type=int, default=1, help="release tags with --history")
    a = p.parse_args()

    me = open(__file__, "rb").read()
    params = [a.files, a.mb, a.sites, a.images, a.seed] + ([a.history, a.tags] if a.history else [])
    key = hashlib.sha256(json.dumps(params).encode() + me).hexdigest()[:16]
    meta_path = os.path.join(a.out, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            if json.load(f).get("key") == key:
                print(f"gen_workspace: reusing {a.out}", file=sys.stderr)
                return

    t0 = time.time()
    tmp = a.out.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    ws = Workspace(a)
    ws.build()
    repo = os.path.join(tmp, "repo")
    for rel, text in ws.files.items():
        path = os.path.join(repo, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if rel.endswith(".sh"):
            os.chmod(path, 0o755)
    with open(os.path.join(tmp, "graph.yaml"), "w", encoding="utf-8") as f:
        f.write(ws.graph_text())
    if a.history:
        fast_import_history(repo, ws.files, a.history, a.tags)
    else:
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "bench workspace")
        git(repo, "tag", "-a", "v" + VERSION, "-m", "release " + VERSION)
    nbytes = sum(len(t.encode("utf-8")) for t in ws.files.values())
    meta = {"key": key, "files": len(ws.files), "bytes": nbytes, "commits": max(1, a.history), "sites": ws.sites, "locators": ws.locators,
            "references": ws.references, "scan_hits": ws.scan_hits(), "artifacts": len(ws.images) + len(ws.artifacts), "seed": a.seed,
            "graph_bytes": os.path.getsize(os.path.join(tmp, "graph.yaml")),
            "generated_in_s": round(time.time() - t0, 1)}
    with open(os.path.join(tmp, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    shutil.rmtree(a.out, ignore_errors=True)
    os.rename(tmp, a.out)
    print(f"gen_workspace: {a.out}: {meta['files']} files, {nbytes / 1e6:.1f} MB, {ws.sites} sites, "
          f"{ws.locators} locators, in {meta['generated_in_s']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
