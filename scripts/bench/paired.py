"""Times commands in alternating rounds and prints medians of per-round ratios, as JSON.

    python3 paired.py ROUNDS OUT.json NAME=CMD [NAME=CMD ...]

Each round runs every command once, in forward order on even rounds and reversed on odd ones,
so a host that speeds up or slows down (shared cores drift by tens of percent within minutes)
weighs on all of them alike. Ratios are taken within a round, then the median over rounds: the
before/after and lockstep/floor figures then hold across the host's phases, where two medians
taken minutes apart do not. Wall time and CPU time (user + system, from wait4) are both kept.
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"paired: {' '.join(argv)} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    rounds, out, specs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    cmds = [(s.split("=", 1)[0], shlex.split(s.split("=", 1)[1])) for s in specs]
    times = {name: [] for name, _ in cmds}
    for _, argv in cmds:
        run(argv)  # one warm-up each: page cache, CDS archive
    for i in range(rounds):
        for name, argv in cmds if i % 2 == 0 else reversed(cmds):
            times[name].append(run(argv))
    result = {"rounds": rounds, "median": {}, "ratio": {}}
    for name, ts in times.items():
        result["median"][name] = {"wall": statistics.median(t[0] for t in ts),
                                  "cpu": statistics.median(t[1] for t in ts)}
    for a, _ in cmds:
        for b, _ in cmds:
            if a != b:
                result["ratio"][f"{a}/{b}"] = {
                    "wall": statistics.median(x[0] / y[0] for x, y in zip(times[a], times[b])),
                    "cpu": statistics.median(x[1] / y[1] for x, y in zip(times[a], times[b])),
                }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
