#!/usr/bin/env python3
"""Figures for scripts/bench-train from its results folder.

Usage: train_report.py RESULTS

RESULTS holds, per timed run NAME: NAME.time (GNU time: wall s, peak RSS KiB, user s, sys s),
NAME.log (the registry's access log lines of that run), and blobs-before-NAME / blobs-after-NAME
(digest and size of every blob in the registry's storage). Runs: single-REPO (the four one-repo
releases, one by one), train (the same system as one train), train2 (a second train, layers
unchanged).

Exit 0 when measured (a target may be MISS).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from release_report import log_requests, read_blobs, uploads  # noqa: E402

REPOS = ["kubeflex", "transport", "addon", "core"]
TARGET_RATIO = 1.3
TARGET_RSS_BYTES = 10**9


def run(res, name):
    wall, rss_kib, user, sys_ = open(os.path.join(res, name + ".time")).read().split()[:4]
    before = read_blobs(os.path.join(res, "blobs-before-" + name))
    after = read_blobs(os.path.join(res, "blobs-after-" + name))
    done, mounts, found, manifests = uploads(log_requests(os.path.join(res, name + ".log")))
    sizes = dict(before)
    sizes.update(after)
    uploaded = sum(sizes.get(d, 0) for d in done)
    again = [d for d in done if d in before]
    return {
        "wall": float(wall), "rss": int(rss_kib) * 1024, "cpu": float(user) + float(sys_),
        "uploads": len(done), "bytes": uploaded, "again": again, "manifests": len(manifests),
        "found": found, "sizes": sizes,
    }


def mib(n):
    return f"{n / 2**20:7.1f} MiB"


def main():
    res = sys.argv[1]
    singles = {r: run(res, "single-" + r) for r in REPOS}
    train = run(res, "train")
    train2 = run(res, "train2")
    print()
    print(f"{'run':<28} {'wall':>8} {'cpu':>8} {'peak RSS':>12} {'uploaded':>12} {'blobs':>6}")
    for r in REPOS:
        s = singles[r]
        print(f"{'release ' + r:<28} {s['wall']:7.2f}s {s['cpu']:7.2f}s {mib(s['rss']):>12} "
              f"{mib(s['bytes']):>12} {s['uploads']:>6}")
    total_wall = sum(s["wall"] for s in singles.values())
    total_bytes = sum(s["bytes"] for s in singles.values())
    peak_single = max(s["rss"] for s in singles.values())
    print(f"{'sum of the four releases':<28} {total_wall:7.2f}s {'':>8} {mib(peak_single):>12} "
          f"{mib(total_bytes):>12}")
    for name, t in (("train (4 repos)", train), ("second train, same layers", train2)):
        print(f"{name:<28} {t['wall']:7.2f}s {t['cpu']:7.2f}s {mib(t['rss']):>12} "
              f"{mib(t['bytes']):>12} {t['uploads']:>6}")
    ratio = train["wall"] / total_wall if total_wall else float("inf")
    layer_again = [d for d in train2["again"]]
    big_again = [d for d in layer_again if train2["sizes"].get(d, 0) > 64 * 1024]
    print()
    ok_ratio = ratio <= TARGET_RATIO
    ok_rss = max(train["rss"], train2["rss"]) < TARGET_RSS_BYTES
    ok_again = not layer_again
    print(f"train wall / sum of single releases: {ratio:.2f}x (target <= {TARGET_RATIO}x): "
          f"{'PASS' if ok_ratio else 'MISS'}")
    print(f"peak RSS of a train: {mib(max(train['rss'], train2['rss'])).strip()} (target < 1 GB): "
          f"{'PASS' if ok_rss else 'MISS'}")
    print(f"second train: {train2['uploads']} blobs uploaded ({mib(train2['bytes']).strip()}), "
          f"{len(layer_again)} of them already in the registry ({len(big_again)} over 64 KiB); "
          f"no layer uploaded twice: {'PASS' if ok_again else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
