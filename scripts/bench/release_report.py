#!/usr/bin/env python3
"""Measurement helpers for scripts/bench-release (standard library only).

  release_report.py blobs STORAGE            one line per blob in a registry's filesystem storage:
                                             "sha256:HEX SIZE" (walks docker/registry/v2/blobs)
  release_report.py roles URL OUT.json       reads every tag's manifest from the registry at URL and
                                             writes what each blob digest is (manifest, config, layer)
  release_report.py report ROUND_DIR...      prints the table and the targets from the rounds' results

A round directory holds results/ as scripts/bench-release writes it:
  run{1,2}.time   GNU time "%e %M %U %S" (wall s, peak RSS KiB, user s, sys s)
  run{1,2}.json   lockstep's --format json output       run{1,2}.cmd  the command line
  blobs-{0,1,2}   `blobs` before run 1, after run 1, after run 2
  log-{1,2}       the registry's log lines written during each run
  roles.json      `roles` after run 2                    audit.rc, audit.txt  lockstep audit of 1.0.1
  meta.json       the generator's summary (copied from the workspace)
"""
import hashlib
import json
import os
import re
import statistics
import sys
import urllib.request

ACCEPT = ", ".join([
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.index.v1+json",
])
HELM_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json"
TARGET_WALL_S = 10.0
TARGET_RSS_BYTES = 10**9  # 1 GB


# ---------------------------------------------------------------------------------------- blobs

def blobs(storage):
    root = os.path.join(storage, "docker", "registry", "v2", "blobs")
    for dirpath, _dirs, files in os.walk(root):
        if "data" in files:
            algo = os.path.basename(os.path.dirname(os.path.dirname(dirpath)))
            digest = f"{algo}:{os.path.basename(dirpath)}"
            print(digest, os.path.getsize(os.path.join(dirpath, "data")))


def read_blobs(path):
    out = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                d, s = line.split()
                out[d] = int(s)
    return out


# ---------------------------------------------------------------------------------------- roles

def get(url, accept=None):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read()


def roles(url, out):
    url = url.rstrip("/")
    catalog = json.loads(get(f"{url}/v2/_catalog?n=1000"))["repositories"]
    result = {"blobs": {}, "manifests": {}}
    for repo in catalog:
        tags = json.loads(get(f"{url}/v2/{repo}/tags/list?n=1000")).get("tags") or []
        for tag in tags:
            body = get(f"{url}/v2/{repo}/manifests/{tag}", ACCEPT)
            m = json.loads(body)
            digest = "sha256:" + hashlib.sha256(body).hexdigest()
            chart = m.get("config", {}).get("mediaType") == HELM_CONFIG
            kind = "chart" if chart else "image"
            ref = f"{repo}:{tag}"
            layers = [{"digest": l["digest"], "size": l["size"], "mediaType": l["mediaType"]} for l in m.get("layers", [])]
            result["manifests"][ref] = {"kind": kind, "digest": digest, "layers": layers,
                                        "config": m.get("config", {}).get("digest")}
            result["blobs"].setdefault(digest, f"{kind} manifest {ref}")
            if m.get("config"):
                result["blobs"].setdefault(m["config"]["digest"], f"{kind} config {ref}")
            for i, l in enumerate(layers):
                what = "archive" if l["mediaType"] == HELM_CONTENT else f"layer {i}"
                result["blobs"].setdefault(l["digest"], f"{kind} {what} {ref}")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


# ---------------------------------------------------------------------------------------- log

LINE = re.compile(r'time="(?P<time>[^"]+)".*?msg="response completed[^"]*"')
FIELD = re.compile(r'(http\.request\.(?:method|uri)|http\.response\.status)=("(?:[^"\\]|\\.)*"|\S+)')


def log_requests(path):
    """The registry's access lines: (time, method, uri, status)."""
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.search(line)
            if not m:
                continue
            fields = {k: v.strip('"') for k, v in FIELD.findall(line)}
            if "http.request.method" in fields:
                out.append((m["time"], fields["http.request.method"], fields.get("http.request.uri", ""),
                            int(fields.get("http.response.status", "0"))))
    return out


def uploads(requests):
    """Digests whose upload completed (PUT .../blobs/uploads/...?digest=, or a monolithic POST ?digest=),
    cross-repository mounts, existence checks that found the blob, and manifests written."""
    done, mounts, found, manifests = [], [], 0, []
    for _t, method, uri, status in requests:
        digest = re.search(r"[?&]digest=(sha256(?::|%3A)[0-9a-f]{64})", uri)
        if "/blobs/uploads/" in uri and digest and status == 201 and method in ("PUT", "POST"):
            done.append(digest.group(1).replace("%3A", ":"))
        elif method == "POST" and "mount=" in uri and status == 201:
            mounts.append(uri)
        elif method == "HEAD" and "/blobs/sha256:" in uri and status == 200:
            found += 1
        elif method == "PUT" and "/manifests/" in uri and status == 201:
            manifests.append(uri)
    return done, mounts, found, manifests


def overlap(requests):
    """Whether blob uploads of different image repositories were in flight at the same time."""
    spans = {}
    for t, method, uri, _s in requests:
        m = re.match(r"/v2/(.+)/blobs/uploads/", uri)
        if m and method in ("POST", "PATCH", "PUT") and "/charts/" not in uri:
            lo, hi = spans.get(m.group(1), (t, t))
            spans[m.group(1)] = (min(lo, t), max(hi, t))
    s = sorted(spans.values())
    return len(s), any(s[i + 1][0] < s[i][1] for i in range(len(s) - 1))


# ---------------------------------------------------------------------------------------- report

def find_key(node, key):
    if isinstance(node, dict):
        if key in node:
            return node[key]
        node = list(node.values())
    if isinstance(node, list):
        for v in node:
            r = find_key(v, key)
            if r is not None:
                return r
    return None


def load_run(res, n):
    wall, rss, user, sys_ = open(f"{res}/run{n}.time").read().split()[:4]
    try:
        out = json.load(open(f"{res}/run{n}.json"))
    except (OSError, ValueError):
        out = None
    before = read_blobs(f"{res}/blobs-{n - 1}")
    after = read_blobs(f"{res}/blobs-{n}")
    new = {d: s for d, s in after.items() if d not in before}
    reqs = log_requests(f"{res}/log-{n}")
    return dict(wall=float(wall), rss_kib=int(rss), cpu=float(user) + float(sys_), json=out,
                own_bytes=find_key(out, "bytesUploaded") if out else None,
                before=before, after=after, new=new, new_bytes=sum(new.values()), requests=reqs,
                uploads=uploads(reqs), overlap=overlap(reqs), cmd=open(f"{res}/run{n}.cmd").read().strip())


def mib(kib):
    return kib / 1024


def fmt_bytes(n):
    return f"{n:,}"


def report(rounds):
    data = []
    for r in rounds:
        res = os.path.join(r, "results")
        d = dict(dir=r, run1=load_run(res, 1), run2=load_run(res, 2),
                 roles=json.load(open(f"{res}/roles.json")), meta=json.load(open(f"{res}/meta.json")),
                 audit_rc=int(open(f"{res}/audit.rc").read().strip()))
        data.append(d)

    print()
    print(f"{'round':>5}  {'run':<24} {'wall s':>7} {'CPU s':>6} {'peak RSS MiB':>13} {'bytes uploaded':>15} "
          f"{'lockstep says':>14} {'new blobs':>10}")
    for i, d in enumerate(data, 1):
        for key, label in (("run1", "1.0.0 (first release)"), ("run2", "1.0.1 (same layers)")):
            r = d[key]
            own = "n/a" if r["own_bytes"] is None else fmt_bytes(int(r["own_bytes"]))
            print(f"{i:>5}  {label:<24} {r['wall']:>7.2f} {r['cpu']:>6.2f} {mib(r['rss_kib']):>13.0f} "
                  f"{fmt_bytes(r['new_bytes']):>15} {own:>14} {len(r['new']):>10}")
    print("  bytes uploaded: sizes of the blob files that appeared in the registry's storage during the run;"
          "\n  lockstep says: bytesUploaded in its --format json result (n/a: the json does not carry it)")

    last = data[-1]
    roles = last["roles"]["blobs"]
    manifests = last["roles"]["manifests"]
    r1, r2 = last["run1"], last["run2"]

    print(f"\nround {len(data)}, run 2 (1.0.1): the {len(r2['new'])} blobs it added to the registry")
    for dgst, size in sorted(r2["new"].items(), key=lambda kv: (roles.get(kv[0], "~"), kv[0])):
        print(f"  {size:>9,}  {dgst[:19]}…  {roles.get(dgst, '(not named by any tag)')}")

    # Layers of each image at 1.0.1 against the same image at 1.0.0, position by position.
    unchanged, changed = [], []
    for ref, m in sorted(manifests.items()):
        if m["kind"] != "image" or not ref.endswith(":1.0.1"):
            continue
        old = manifests.get(ref[: -len("1.0.1")] + "1.0.0")
        if not old:
            continue
        for i, l in enumerate(m["layers"]):
            same = i < len(old["layers"]) and old["layers"][i]["digest"] == l["digest"]
            (unchanged if same else changed).append((ref, i, l))
    existed = set(r2["before"])
    done2, mounts2, found2, _man2 = r2["uploads"]
    done1 = r1["uploads"][0]
    reuploaded = [x for x in done2 if x in existed]
    twice = sorted({x for x in done1 + done2 if (done1 + done2).count(x) > 1})
    layer_bytes_1 = sum(s for dgst, s in r1["new"].items() if " layer " in roles.get(dgst, ""))
    new_layer_bytes_2 = sum(s for dgst, s in r2["new"].items() if " layer " in roles.get(dgst, ""))
    log_ok = bool(r1["requests"]) and bool(r2["requests"])

    print("\nlayers of the 1.0.1 images, against 1.0.0:")
    print(f"  unchanged: {len(unchanged)} layers, {fmt_bytes(sum(l['size'] for _r, _i, l in unchanged))} bytes"
          f" (same digest as in 1.0.0)")
    print(f"  changed:   {len(changed)} layers, {fmt_bytes(sum(l['size'] for _r, _i, l in changed))} bytes"
          + (": " + ", ".join(f"{r.split('/')[-1]} #{i} ({l['size']} B)" for r, i, l in changed) if changed else ""))
    if log_ok:
        print(f"  registry log, run 1: {len(done1)} blob uploads completed; run 2: {len(done2)} completed, "
              f"{found2} existence checks found the blob already there, {len(mounts2)} cross-repository mounts")
        print(f"  blobs uploaded again in run 2 although the registry held them: {len(reuploaded)}"
              + (" " + ", ".join(reuploaded) if reuploaded else ""))
        print(f"  digests uploaded more than once over both runs: {len(twice)}" + (" " + ", ".join(twice) if twice else ""))
        n, ov = r1["overlap"]
        print(f"  run 1: uploads of {n} images {'overlapped in time (pushed in parallel)' if ov else 'did not overlap'}")
    else:
        print("  registry log: no access lines found; upload counts unavailable (storage comparison only)")
    share = new_layer_bytes_2 / layer_bytes_1 if layer_bytes_1 else 0.0
    print(f"  new layer bytes: run 1 {fmt_bytes(layer_bytes_1)}, run 2 {fmt_bytes(new_layer_bytes_2)} ({share:.4%} of run 1)")

    print(f"\naudit platform 1.0.1 (exit {last['audit_rc']}):")
    with open(os.path.join(last["dir"], "results", "audit.txt"), errors="replace") as f:
        for line in f:
            print("  | " + line.rstrip())

    walls = [d["run1"]["wall"] for d in data]
    wall = statistics.median(walls)
    rss = max(max(d["run1"]["rss_kib"], d["run2"]["rss_kib"]) for d in data) * 1024
    no_reupload = all(
        not [x for x in d["run2"]["uploads"][0] if x in set(d["run2"]["before"])] for d in data)
    small = all(sum(s for g, s in d["run2"]["new"].items() if " layer " in d["roles"]["blobs"].get(g, ""))
                <= 0.01 * max(1, sum(s for g, s in d["run1"]["new"].items() if " layer " in d["roles"]["blobs"].get(g, "")))
                for d in data)
    audits = all(d["audit_rc"] == 0 for d in data)
    many = f" (median of {len(walls)} rounds: {', '.join(f'{w:.2f}' for w in walls)})" if len(walls) > 1 else ""

    def verdict(ok, what, word=("PASS", "MISS")):
        print(f"  {word[0] if ok else word[1]}  {what}")

    print("\ntargets:")
    verdict(wall <= TARGET_WALL_S, f"demo release <= 10 s wall  (got {wall:.2f} s{many}; "
            f"{len(last['meta']['images'])} images, {len(last['meta']['charts'])} charts, "
            f"{last['meta']['data_bytes'] / 2**20:.0f} MiB of layer data)")
    verdict(rss < TARGET_RSS_BYTES, f"peak RSS < 1 GB  (got {rss / 2**20:.0f} MiB, the larger of both runs)")
    verdict(no_reupload and small,
            "second release re-uploads no unchanged layer  (" +
            (f"{len(reuploaded)} existing blobs uploaded again per the registry log; " if log_ok else "no registry log; ") +
            f"new layer bytes {share:.4%} of the first release's)")
    verdict(audits, "lockstep audit platform 1.0.1 passes against the registry", ("PASS", "FAIL"))
    hf = os.path.join(last["dir"], "results", "audit-hyperfine.json")
    if os.path.exists(hf):
        t = json.load(open(hf))["results"][0]
        print(f"\naudit timing (hyperfine, {len(t['times'])} runs): median {t['median']:.2f} s, "
              f"min {t['min']:.2f} s, max {t['max']:.2f} s")
    return 0 if audits else 3


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "blobs":
        blobs(*args)
    elif cmd == "roles":
        roles(*args)
    elif cmd == "report":
        return report(args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
