#!/usr/bin/env python3
"""Where a `tagscan scan` run's CPU time goes, from `perf script` output (demangled).

    perf script -i perf.data -F comm,tid,period,ip,sym,dso | swift demangle --simplified \\
        | classify.py [--top 15] [--self-report REPORT]

Each sample's call stack is put into the first bucket (in the order below) one of whose frames
matches, so the buckets add up to 100 %. Then the top self-time functions and the top inclusive
functions of tagscan's own code. REPORT is `perf report --no-children --sort dso,symbol --stdio
-g none` output (demangled): its self times are used instead of the script's leaf frames
because perf report names poppler's hidden functions by address, which are then attributed to
the nearest exported symbol before them (`nm -D`), marked "(hidden, after …)".
"""

import argparse
import bisect
import collections
import re
import subprocess
import sys

LIBRARY_DIRS = ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"]


class HiddenSymbols:
    """Names a library-relative address by the closest exported symbol at or below it."""

    def __init__(self):
        self.tables = {}

    def table(self, dso):
        if dso not in self.tables:
            rows = []
            for folder in LIBRARY_DIRS:
                try:
                    out = subprocess.run(["nm", "-D", "--defined-only", folder + "/" + dso], capture_output=True, text=True).stdout
                except OSError:
                    out = ""
                if out:
                    for line in out.splitlines():
                        parts = line.split()
                        if len(parts) >= 3 and parts[1].lower() in ("t", "w"):
                            rows.append((int(parts[0], 16), parts[2]))
                    break
            rows.sort()
            names = subprocess.run(["c++filt"], input="\n".join(n for _, n in rows), capture_output=True, text=True).stdout.splitlines() if rows else []
            self.tables[dso] = ([a for a, _ in rows], [re.sub(r"\(.*", "", n) for n in names])
        return self.tables[dso]

    def name(self, dso, address):
        addresses, names = self.table(dso)
        i = bisect.bisect_right(addresses, address) - 1
        if i < 0:
            return "(hidden)"
        if names[i] == "Stream::addFilters":
            # poppler's own inflate: hidden, placed after Stream::addFilters, reached from
            # Lexer::getChar through Stream::getChar, and its hot loops build Huffman tables.
            return "FlateStream inflate (hidden; after Stream::addFilters)"
        return "(hidden, after %s)" % names[i]


def self_times(path, top):
    """[(function, library, percent)] from a perf report, hidden poppler code grouped."""
    hidden = HiddenSymbols()
    totals = collections.Counter()
    for line in open(path):
        m = re.match(r"\s*([0-9.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*?)(?:\s+-\s+-)?\s*$", line)
        if not m:
            continue
        percent, dso, sym = float(m.group(1)), m.group(2), m.group(3)
        if re.fullmatch(r"0x[0-9a-f]+", sym) and dso.startswith("lib"):
            sym = hidden.name(dso, int(sym, 16))
        totals[(sym, dso)] += percent
    return [(s, d, p) for (s, d), p in totals.most_common(top)]

# (bucket, test on the frame list, leaf first). First match wins.
BUCKETS = [
    ("JSON report (JSONReporter)", lambda f: any("JSONReporter." in s for s, _ in f)),
    ("worker protocol (result JSON encode/decode, pipes)", lambda f: any(
        k in s for s, _ in f for k in ("IsolationWorker.", "IsolatedRun.", "WorkerProcess.", "WorkerProtocol"))
        and not any("BatchRun.scan" in s for s, _ in f)),
    ("anchor search: PageScan (all dialects, one pass)", lambda f: any("PageScan.init" in s or "PageScan.findDialect" in s for s, _ in f)),
    ("poppler: page setup, resources, fonts (Page::createGfx)", lambda f: any(s.startswith("Page::createGfx") for s, _ in f)),
    ("tagscan C++: GlyphCollector::drawChar", lambda f: any("GlyphCollector::drawChar" in s for s, _ in f)),
    ("poppler: TextOutputDev words/lines/blocks (endPage, coalesce)", lambda f: any(
        s.startswith(("TextOutputDev::endPage", "TextPage::coalesce")) for s, _ in f)),
    ("poppler: content stream interpretation (Page::display)", lambda f: any(s.startswith("Page::display") for s, _ in f)),
    ("poppler-glib: get_text / get_text_layout / attributes dump", lambda f: any(
        s.startswith(("poppler_page_get_text", "TextPage::getSelectionText", "TextSelectionDumper", "TextWord::visitSelection",
                      "TextPage::visitSelection", "TextPage::getText"))
        or (d.startswith("libpoppler") and "PDFDocumentHandle.pageText" in " ".join(x for x, _ in f)) for s, d in f)),
    ("Swift: glyph lines and reading order (GlyphLayout)", lambda f: any("GlyphLayout." in s for s, _ in f)),
    ("Swift: page text decoding and copies (Core/PDFDocumentHandle.pageText)", lambda f: any(
        "CoreDocumentHandle.pageText" in s or "PDFDocumentHandle.pageText" in s for s, _ in f)),
    ("poppler: document open (PDFDoc, XRef)", lambda f: any(s.startswith(("PDFDoc::", "XRef::XRef", "poppler_document_new")) for s, _ in f)),
    ("assembly (DocumentAssembler, TagPlacer)", lambda f: any("DocumentAssembler." in s or "TagPlacer." in s for s, _ in f)),
    ("process start (dynamic loader, runtime init)", lambda f: any(d.startswith("ld-linux") for s, d in f[-6:]) or any(
        s in ("_dl_start", "_dl_start_user", "__libc_start_main_impl", "_dl_init") for s, _ in f[-3:])),
]
OTHER = "other (scheduling, threads, exit, kernel outside the above)"


def samples(stream):
    frames, header = [], None
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if header is not None:
                yield header, frames
            frames, header = [], None
            continue
        if not line.startswith(("\t", " ")):
            header = line
            frames = []
            continue
        m = re.match(r"\s*[0-9a-f]+\s+(.*)\s+\(([^)]*)\)\s*$", line)
        if m:
            sym, dso = m.group(1).strip(), m.group(2).rsplit("/", 1)[-1]
            frames.append((sym, dso))
    if header is not None:
        yield header, frames


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--self-report", help="perf report --no-children --sort dso,symbol output")
    args = parser.parse_args()
    buckets = collections.Counter()
    leaves = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for header, frames in samples(sys.stdin):
        if not frames:
            continue
        total += 1
        for name, test in BUCKETS:
            if test(frames):
                buckets[name] += 1
                break
        else:
            buckets[OTHER] += 1
        sym, dso = frames[0]
        leaves[(sym, dso)] += 1
        seen = set()
        for s, d in frames:
            if d.startswith("tagscan") and s not in seen and "(inlined)" not in s:
                seen.add(s)
                inclusive[s] += 1
    if total == 0:
        sys.exit("classify.py: no samples")
    print("%d samples\n" % total)
    print("| where | share |")
    print("|---|---:|")
    for name, _ in BUCKETS + [(OTHER, None)]:
        if buckets[name]:
            print("| %s | %.1f %% |" % (name, 100.0 * buckets[name] / total))
    print("\nTop %d functions by self time:\n" % args.top)
    print("| function | library | self |")
    print("|---|---|---:|")
    rows = self_times(args.self_report, args.top) if args.self_report else [
        (sym, dso, 100.0 * n / total) for (sym, dso), n in leaves.most_common(args.top)]
    for sym, dso, percent in rows:
        print("| `%s` | %s | %.1f %% |" % (sym.replace("|", "\\|")[:110], dso, percent))
    print("\nTop %d tagscan functions by inclusive time:\n" % args.top)
    print("| function | inclusive |")
    print("|---|---:|")
    skip = ("start_thread", "_dispatch", "thunk for", "partial apply", "closure #", "BatchRun.run", "BatchRun.work", "main", "$main")
    shown = 0
    for sym, n in inclusive.most_common():
        if sym.startswith(skip) or "protocol witness" in sym:
            continue
        print("| `%s` | %.1f %% |" % (sym.replace("|", "\\|")[:110], 100.0 * n / total))
        shown += 1
        if shown == args.top:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
