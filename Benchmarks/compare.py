#!/usr/bin/env python3
"""Runs the issue-8 comparison and prints its Markdown report. Called by compare.sh, which
installs, generates and builds everything first; see there for the one command to run.

Every tool runs as a whole process on the same files, in rounds (each round runs every tool
once, so background load hits them alike), under /usr/bin/time -v for CPU time and peak resident
memory; wall time is measured around the process. Reported: median and best wall time of the
rounds, median CPU (user + system), and the highest peak RSS. Targets are judged on the best wall
time of each tool: on a shared machine other work only ever adds time, so the best round is the
closest to what the tool itself costs (the medians are in the tables).
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_timed(command, nice):
    """(wall seconds, cpu seconds, peak RSS in MB, stdout) of one run of `command`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = ["/usr/bin/time", "-v", "-o", report.name] + command
        if nice:
            wrapped = ["nice", "-n", str(nice)] + wrapped
        start = time.perf_counter()
        done = subprocess.run(wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        text = report.read()
    if done.returncode not in (0,):
        sys.exit("compare.py: %s failed (%d):\n%s" % (" ".join(command), done.returncode, done.stderr[-2000:]))

    def field(name):
        m = re.search(r"^\s*%s:\s*([0-9.]+)\s*$" % re.escape(name), text, re.M)
        if not m:
            sys.exit("compare.py: /usr/bin/time printed no %r" % name)
        return float(m.group(1))

    cpu = field("User time (seconds)") + field("System time (seconds)")
    rss = field("Maximum resident set size (kbytes)") / 1024.0
    return wall, cpu, rss, done.stdout


def tree_rss_mb(root_pid):
    """Sum of VmRSS over `root_pid` and all its descendants, in MB."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024.0


def peak_tree_rss(command, interval=0.02):
    """Highest summed RSS of `command`'s process tree (parent plus worker processes), sampled;
    an untimed run of its own, since sampling costs CPU."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(interval)
    if process.returncode != 0:
        sys.exit("compare.py: %s failed (%d)" % (" ".join(command), process.returncode))
    return peak


def wait_quiet(threshold, limit=600):
    if threshold <= 0:
        return
    waited = 0
    while os.getloadavg()[0] >= threshold and waited < limit:
        time.sleep(10)
        waited += 10
    if waited:
        print("compare.py: waited %d s for the load average to fall below %.1f (now %.2f)" % (waited, threshold, os.getloadavg()[0]), file=sys.stderr, flush=True)


class Tool:
    def __init__(self, key, label, command):
        self.key, self.label, self.command = key, label, command
        self.walls, self.cpus, self.rsss = [], [], []
        self.tree_rss = None

    def record(self, wall, cpu, rss):
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.rsss.append(rss)

    @property
    def wall(self):
        return statistics.median(self.walls)

    @property
    def best(self):
        return min(self.walls)

    @property
    def cpu(self):
        return statistics.median(self.cpus)

    @property
    def rss(self):
        return max(self.rsss)


def tagscan_anchors(tagscan, target, extraction, jobs):
    """Anchors found by one real scan, to check the run before timing it."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done = subprocess.run([tagscan, "scan", "--jobs", str(jobs), "--timeout", "600", "--extraction", extraction, "--output", out.name, target],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit("compare.py: tagscan scan %s failed (%d): %s" % (target, done.returncode, done.stderr[-2000:]))
        report = json.load(open(out.name))
    return sum(len(d["anchors"]) for d in report["documents"]), len(report["documents"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tagscan", required=True)
    parser.add_argument("--glib-probe", required=True)
    parser.add_argument("--core-probe", required=True)
    parser.add_argument("--python", required=True, help="the venv's python with PyMuPDF")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--revision", help="the tagscan revision built (default: git describe now)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--runs-10000", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--nice", type=int, default=0, help="run measured commands under nice -n N (see compare.sh)")
    parser.add_argument("--only", action="append", help="workload keys to run (default: all)")
    parser.add_argument("--wait-quiet", type=float, default=0,
                        help="before each round, wait (up to 10 min) until the 1-minute load average is below this")
    args = parser.parse_args()

    corpus = os.path.abspath(args.corpus)
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))["items"]
    args.template_files = manifest["templates"]["files"]
    j = str(args.jobs)
    pymupdf = [args.python, os.path.join(HERE, "Probe", "pymupdf_search.py")]

    # --timeout only lifts the per-document limit (30 s) that a loaded machine could hit on
    # 10,000 pages; it changes no work.
    tagscan = [args.tagscan, "scan", "--jobs", j, "--timeout", "600"]

    def tagscan_tools(path):
        return [
            Tool("tagscan", "`tagscan scan` (default: glyph path, worker process)", tagscan + [path]),
            Tool("tagscan-inproc", "`tagscan scan --in-process`", tagscan + ["--in-process", path]),
            Tool("tagscan-glib", "`tagscan scan --extraction glib`", tagscan + ["--extraction", "glib", path]),
        ]

    def single_file_tools(path):
        return tagscan_tools(path) + [
            Tool("glib", "bare poppler-glib probe (get_text + layout)", [args.glib_probe, "-j", j, path]),
            Tool("core", "bare poppler-core probe (glyph OutputDev)", [args.core_probe, "-j", j, path]),
            Tool("pdftotext", "`pdftotext FILE /dev/null`", ["pdftotext", path, "/dev/null"]),
            Tool("pymupdf", "PyMuPDF TextPage + 3 × `search_for`", pymupdf + [path]),
        ]

    templates = os.path.join(corpus, "templates")
    workloads = [
        ("2000", "contract-2000.pdf: %d pages, reportlab" % manifest["contract-2000"]["pages"], "contract-2000", os.path.join(corpus, "contract-2000.pdf"), args.runs,
         single_file_tools(os.path.join(corpus, "contract-2000.pdf"))),
        ("libreoffice", "libreoffice-contract.pdf: %d pages, LibreOffice, embedded fonts" % manifest["libreoffice-contract"]["pages"], "libreoffice-contract",
         os.path.join(corpus, "libreoffice-contract.pdf"), args.runs, single_file_tools(os.path.join(corpus, "libreoffice-contract.pdf"))),
        ("10000", "contract-10000.pdf: %d pages, reportlab" % manifest["contract-10000"]["pages"], "contract-10000", os.path.join(corpus, "contract-10000.pdf"), args.runs_10000,
         [t for t in single_file_tools(os.path.join(corpus, "contract-10000.pdf")) if t.key != "pymupdf"]),
        ("templates", "templates/: %d files, %d pages" % (manifest["templates"]["files"], manifest["templates"]["pages"]), "templates", templates, args.runs, tagscan_tools(templates) + [
            Tool("glib", "bare poppler-glib probe (get_text + layout)", [args.glib_probe, "-j", j, templates]),
            Tool("core", "bare poppler-core probe (glyph OutputDev)", [args.core_probe, "-j", j, templates]),
            Tool("pdftotext", "`pdftotext` per file (a shell loop, one process each)",
                 ["sh", "-c", 'for f in "$0"/*.pdf; do pdftotext "$f" /dev/null || exit 1; done', templates]),
            Tool("pymupdf", "PyMuPDF TextPage + 3 × `search_for`", pymupdf + [templates]),
        ]),
    ]
    if args.only:
        workloads = [w for w in workloads if w[0] in args.only]

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()
    results = {}
    for key, title, item, target, runs, tools in workloads:
        expected = manifest[item]["anchors"]
        for extraction in ("glyphs", "glib"):
            found, documents = tagscan_anchors(args.tagscan, target, extraction, args.jobs)
            if found != expected:
                sys.exit("compare.py: %s: tagscan (%s) found %d anchors, the generator drew %d" % (item, extraction, found, expected))
        print("compare.py: %s: anchors checked (%d); %d rounds of %d tools" % (item, expected, runs, len(tools)), file=sys.stderr, flush=True)
        for tool in tools:  # one unmeasured warm-up run each: page cache, dynamic linking
            run_timed(tool.command, args.nice)
        for r in range(runs):
            wait_quiet(args.wait_quiet)
            for tool in tools:
                tool.record(*run_timed(tool.command, args.nice)[:3])
            print("compare.py: %s: round %d/%d done" % (item, r + 1, runs), file=sys.stderr, flush=True)
        for tool in tools:
            tool.tree_rss = peak_tree_rss(tool.command)
        results[key] = (title, manifest[item]["pages"], {t.key: t for t in tools}, tools)
    load_after = os.getloadavg()

    print(report(args, results, started, load_before, load_after))
    return 0


def versions(args):
    def first_line(command):
        try:
            out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
            return out.strip().splitlines()[0] if out.strip() else "?"
        except OSError:
            return "?"

    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        mem = "%.0f GiB" % (int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024)
    except (OSError, StopIteration):
        pass
    osname = "?"
    try:
        osname = next(l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME="))
    except (OSError, StopIteration):
        pass
    return {
        "machine": "%s, %d cores, %s RAM, %s" % (cpu, os.cpu_count(), mem, osname),
        "poppler": first_line(["pkg-config", "--modversion", "poppler-glib"]),
        "pdftotext": first_line(["pdftotext", "-v"]),
        "pymupdf": first_line([args.python, "-c", "import pymupdf; print('PyMuPDF', pymupdf.__version__, 'MuPDF', pymupdf.mupdf_version)"]),
        "swift": first_line(["swift", "--version"]),
        "tagscan": args.revision or first_line(["git", "-C", HERE, "describe", "--always", "--dirty"]),
    }


def report(args, results, started, load_before, load_after):
    v = versions(args)
    lines = []
    lines.append("Measured %s on %s." % (started, v["machine"]))
    lines.append("poppler %s; %s; %s; %s; tagscan at `%s`. `--jobs %d` for tagscan and the probes; pdftotext and PyMuPDF run one thread." % (
        v["poppler"], v["pdftotext"], v["pymupdf"], v["swift"], v["tagscan"], args.jobs))
    lines.append("Load average before/after: %.2f / %.2f%s. Whole processes, %d rounds (10,000 pages: %d) after one warm-up run; targets judged on each tool's best round." % (
        load_before[0], load_after[0], "; measured commands under `nice -n %d`" % args.nice if args.nice else "", args.runs, args.runs_10000))
    lines.append("")
    for key, (title, pages, by_key, tools) in results.items():
        lines.append("**%s**" % title)
        lines.append("")
        lines.append("| tool | wall (median) | wall (best) | CPU (median) | peak RSS, largest process | peak RSS, process tree | pages/s |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for t in tools:
            lines.append("| %s | %.2f s | %.2f s | %.2f s | %.0f MB | %.0f MB | %.0f |" % (t.label, t.wall, t.best, t.cpu, t.rss, t.tree_rss, pages / t.wall))
        lines.append("")

    rows = []

    def ratio_row(name, key, num, den, limit, strict=False):
        if key not in results:
            return
        by = results[key][2]
        if num not in by or den not in by:
            return
        r = by[num].best / by[den].best
        ok = r < limit if strict else r <= limit
        rows.append("| %s | %.2f s / %.2f s = **%.2f** | %s %.2f | %s | %.2f | %.2f |" % (
            name, by[num].best, by[den].best, r, "<" if strict else "≤", limit, "pass" if ok else "**FAIL**",
            by[num].wall / by[den].wall, by[num].cpu / by[den].cpu))

    ratio_row("2,000 pages: `tagscan scan` ÷ `pdftotext`", "2000", "tagscan", "pdftotext", 0.45)
    ratio_row("2,000 pages: `tagscan scan` ÷ PyMuPDF `search_for`", "2000", "tagscan", "pymupdf", 0.25)
    ratio_row("2,000 pages: `tagscan scan --extraction glib` ÷ bare glib probe", "2000", "tagscan-glib", "glib", 1.15)
    ratio_row("2,000 pages: `tagscan scan` (fast path) ÷ bare glib probe", "2000", "tagscan", "glib", 1.00, strict=True)
    ratio_row("LibreOffice contract: `tagscan scan` ÷ `pdftotext`", "libreoffice", "tagscan", "pdftotext", 0.60)
    if "10000" in results:
        t = results["10000"][2]["tagscan"]
        peak = max(t.rss, t.tree_rss)
        rows.append("| 10,000 pages: `tagscan scan` peak RSS (process tree: parent + worker) | **%.0f MB** | < 120 MB | %s | | |" % (peak, "pass" if peak < 120 else "**FAIL**"))
    if "templates" in results:
        by = results["templates"][2]
        files = args.template_files
        for num, den, name in [("tagscan", "core", "`tagscan scan` − bare core probe"), ("tagscan-inproc", "core", "`tagscan scan --in-process` − bare core probe"),
                               ("tagscan-glib", "glib", "`tagscan scan --extraction glib` − bare glib probe")]:
            per = (by[num].best - by[den].best) / files * 1000
            rows.append("| %d templates: (%s) ÷ %d | (%.2f s − %.2f s) ÷ %d = **%.2f ms** | < 2 ms | %s | %.2f ms | %.2f ms |" % (
                files, name, files, by[num].best, by[den].best, files, per, "pass" if per < 2 else "**FAIL**",
                (by[num].wall - by[den].wall) / files * 1000, (by[num].cpu - by[den].cpu) / files * 1000))
    lines.append("| target (best wall time of the rounds) | measured | limit | result | on median wall | on median CPU |")
    lines.append("|---|---|---|---|---:|---:|")
    lines += rows
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
