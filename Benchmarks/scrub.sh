#!/usr/bin/env bash
# What `tagscan scrub` costs against `tagscan scan` on the same file, in one command:
#
#     Benchmarks/scrub.sh                          # the ~500-page LibreOffice contract, 5 runs each
#     Benchmarks/scrub.sh --runs 3 FILE.pdf        # any file
#
# The target: scrubbing the LibreOffice contract costs at most 2 x scanning it. Scrubbing is a scan
# of the original, poppler's glyph walk of the pages holding anchors, qpdf's rewrite, then the
# proof: qpdf's page-by-page comparison with the original, and for every page whose content
# changed a scan, the plain text, a glyph walk and both renderings (72 dpi). Wall-clock medians of
# alternating runs, so load drifts hit both alike.
#
# Generates the corpus with Generator/make_corpus.py when missing (LibreOffice, pikepdf: see
# README.md here); builds `tagscan` in release with the scratch path in BENCH_SCRATCH
# (default .build-bench). Prints a Markdown table; also written to Benchmarks/.out/scrub-latest.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/.out"
scratch="${BENCH_SCRATCH:-.build-bench}"
runs=5
file=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        *) file="$1"; shift ;;
    esac
done
mkdir -p "$out"
say() { printf 'scrub.sh: %s\n' "$*" >&2; }

if [ -z "$file" ]; then
    file="$here/.corpus/libreoffice-contract.pdf"
    if [ ! -f "$file" ]; then
        python="python3"
        [ -x "$here/.venv/bin/python" ] && python="$here/.venv/bin/python"
        say "generating the LibreOffice contract"
        "$python" "$here/Generator/make_corpus.py" --out "$here/.corpus" libreoffice-contract
    fi
fi

(cd "$root" && swift build -c release --scratch-path "$scratch" --product tagscan >&2)
tagscan="$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)/tagscan"

python3 - "$tagscan" "$file" "$runs" "$out" <<'PY'
import os, statistics, subprocess, sys, tempfile, time

tagscan, path, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
target = os.path.join(tempfile.mkdtemp(prefix="tagscan-scrub-bench-"), "scrubbed.pdf")

def timed(arguments):
    start = time.perf_counter()
    done = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - start, done

scan_cmd = [tagscan, "scan", path]
scrub_cmd = [tagscan, "scrub", path, "-o", target]
# One warm-up of each: page cache and dynamic loading out of the figures.
timed(scan_cmd)
_, first = timed(scrub_cmd)
if first.returncode != 0:
    sys.exit("scrub.sh: scrub failed:\n" + first.stdout.decode() + first.stderr.decode())
scan, scrub = [], []
for _ in range(runs):
    scan.append(timed(scan_cmd)[0])
    scrub.append(timed(scrub_cmd)[0])
s, c = statistics.median(scan), statistics.median(scrub)
ratio = c / s
pages = first.stdout.decode().count("\n")
load = os.getloadavg()[0]
report = f"""| file | scan (median of {runs}) | scrub (median of {runs}) | scrub / scan | target ≤ 2 × |
|---|---|---|---|---|
| `{os.path.basename(path)}` | {s:.3f} s | {c:.3f} s | {ratio:.2f} × | {"met" if ratio <= 2 else "missed"} |

load average at the end: {load:.2f}

scrub's own report:

```
{first.stdout.decode().strip()}
```
"""
print(report)
with open(os.path.join(out, "scrub-latest.md"), "w") as f:
    f.write(report)
PY
