#!/usr/bin/env python3
"""The CPU-time targets of tagscan's glyph and glib paths against the bare poppler probes, one
job each, in rounds; the 2-job wall-time gain; the 10,000-page memory. Called by
cpu-targets.sh, which installs, generates and builds everything first.

CPU time (user + system of the whole process tree, from /usr/bin/time -v) is what is compared:
on a shared machine other work only stretches wall time, while the CPU a run needs stays put.
Each round runs every tool once on the same file, so a drift in load hits them alike; the
report gives the median of the rounds and judges the targets on it.
"""

import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from compare import peak_tree_rss, run_timed, tagscan_anchors, wait_quiet  # noqa: E402

WORKLOADS = [
    # key, corpus item, file (relative to the corpus), target of `--in-process` and of the default
    ("dense", "dense-2000", "dense-2000.pdf", 1.25, 1.35),
    ("dense-embedded", "dense-embedded-2000", "dense-embedded-2000.pdf", 1.25, 1.35),
    ("2000", "contract-2000", "contract-2000.pdf", 1.15, 1.15),
    ("libreoffice", "libreoffice-contract", "libreoffice-contract.pdf", 1.15, 1.15),
    ("templates", "templates", "templates", 1.15, 1.15),
    ("10000", "contract-10000", "contract-10000.pdf", 1.15, 1.15),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tagscan", required=True)
    parser.add_argument("--glib-probe", required=True)
    parser.add_argument("--core-probe", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--revision", default="unknown")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", help="workload keys: %s (default: all)" % ", ".join(w[0] for w in WORKLOADS))
    parser.add_argument("--wait-quiet", type=float, default=0, help="before each round, wait (up to 10 min) for the load average to fall below this")
    args = parser.parse_args()

    corpus = os.path.abspath(args.corpus)
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))["items"]
    ts = [args.tagscan, "scan", "--timeout", "600"]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()
    lines = []
    verdicts = []
    for key, item, name, inproc_limit, default_limit in WORKLOADS:
        if args.only and key not in args.only:
            continue
        if item not in manifest:
            print("cpu_targets.py: %s is not in the corpus; skipped" % item, file=sys.stderr)
            continue
        target = os.path.join(corpus, name)
        expected = manifest[item]["anchors"]
        for extraction in ("glyphs", "glib"):
            found, _ = tagscan_anchors(args.tagscan, target, extraction, 1)
            if found != expected:
                sys.exit("cpu_targets.py: %s: tagscan (%s) found %d anchors, the generator drew %d" % (item, extraction, found, expected))
        tools = [
            ("core", "bare core probe, 1 thread", [args.core_probe, "-j", "1", target]),
            ("core-reuse", "bare core probe `--reuse-gfx`, 1 thread", [args.core_probe, "-j", "1", "--reuse-gfx", target]),
            ("inproc", "`tagscan scan --jobs 1 --in-process`", ts + ["--jobs", "1", "--in-process", target]),
            ("default", "`tagscan scan --jobs 1` (worker process)", ts + ["--jobs", "1", target]),
            ("default-2", "`tagscan scan --jobs 2` (worker processes)", ts + ["--jobs", "2", target]),
            ("glib", "bare glib probe, 1 thread", [args.glib_probe, "-j", "1", target]),
            ("glib-inproc", "`tagscan scan --extraction glib --jobs 1 --in-process`", ts + ["--extraction", "glib", "--jobs", "1", "--in-process", target]),
            ("glib-default", "`tagscan scan --extraction glib --jobs 1`", ts + ["--extraction", "glib", "--jobs", "1", target]),
        ]
        runs = max(1, args.runs if key != "10000" else min(args.runs, 3))
        print("cpu_targets.py: %s: anchors checked (%d); %d rounds" % (item, expected, runs), file=sys.stderr, flush=True)
        for _, _, command in tools:  # warm-up: page cache, dynamic linking
            run_timed(command, 0)
        walls = {k: [] for k, _, _ in tools}
        cpus = {k: [] for k, _, _ in tools}
        for r in range(runs):
            wait_quiet(args.wait_quiet)
            for k, _, command in tools:
                wall, cpu, _, _ = run_timed(command, 0)
                walls[k].append(wall)
                cpus[k].append(cpu)
            print("cpu_targets.py: %s: round %d/%d" % (item, r + 1, runs), file=sys.stderr, flush=True)
        cpu = {k: statistics.median(v) for k, v in cpus.items()}
        wall = {k: statistics.median(v) for k, v in walls.items()}
        floor = min(cpu["core"], cpu["core-reuse"])
        pages = manifest[item]["pages"]
        lines.append("**%s** (%d pages, %d anchors)" % (name, pages, expected))
        lines.append("")
        lines.append("| tool | CPU (median) | wall (median) |")
        lines.append("|---|---:|---:|")
        for k, label, _ in tools:
            lines.append("| %s | %.3f s | %.3f s |" % (label, cpu[k], wall[k]))
        lines.append("")

        def judge(what, value, limit):
            verdicts.append("| %s: %s | **%.2f** | ≤ %.2f | %s |" % (name, what, value, limit, "pass" if value <= limit else "**FAIL**"))

        judge("`--in-process` CPU ÷ core probe (better mode)", cpu["inproc"] / floor, inproc_limit)
        judge("default CPU ÷ core probe (better mode)", cpu["default"] / floor, default_limit)
        judge("glib `--in-process` CPU ÷ glib probe", cpu["glib-inproc"] / cpu["glib"], 1.10)
        judge("glib default CPU ÷ glib probe", cpu["glib-default"] / cpu["glib"], 1.10)
        judge("2 jobs wall ÷ 1 job wall", wall["default-2"] / wall["default"], 0.55)
        if key == "10000":
            peak = peak_tree_rss(ts + ["--jobs", "2", target])
            verdicts.append("| %s: peak RSS of `tagscan scan` (parent + workers) | **%.0f MB** | ≤ 90 MB | %s |" % (name, peak, "pass" if peak <= 90 else "**FAIL**"))
    load_after = os.getloadavg()
    print("Measured %s; tagscan at `%s`; load average before/after %.2f / %.2f; medians of the rounds." % (started, args.revision, load_before[0], load_after[0]))
    print("")
    print("\n".join(lines))
    print("| target | measured | limit | result |")
    print("|---|---:|---:|---|")
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
