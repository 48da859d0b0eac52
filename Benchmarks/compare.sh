#!/usr/bin/env bash
# The issue-8 comparison in one command, from anywhere:
#
#     Benchmarks/compare.sh                  # everything: ~15 minutes on 2 cores, once set up
#     Benchmarks/compare.sh --runs 3         # fewer rounds
#     Benchmarks/compare.sh --only 2000      # one workload: 2000, libreoffice, 10000, templates
#     Benchmarks/compare.sh --cpu            # the CPU-time targets instead (cpu_targets.py): one
#                                            # job against the bare probes on every corpus file,
#                                            # the dense contracts included; 2-job gain; memory
#
# It installs what is missing (Debian packages; a venv with PyMuPDF, reportlab and pikepdf
# under Benchmarks/.venv), generates the corpus when missing (Benchmarks/.corpus), builds
# `tagscan` in release (scratch path .build-bench) and the two bare probes (Benchmarks/.out),
# then runs `tagscan scan`, `pdftotext`, PyMuPDF `search_for` and the probes on the same files
# and prints a Markdown report with the targets judged. The report is also written to
# Benchmarks/.out/compare-latest.md.
#
# The timings are only as good as the machine is quiet: the report prints the load average.
# BENCH_NICE=N runs the measured commands under `nice -n N`, but that is not fair to tagscan:
# libdispatch on Linux gives its worker threads a nice level of their own from their QoS
# (default QoS: 0), so they lose the boost that the probes' plain pthreads keep.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/.out"
venv="$here/.venv"
mkdir -p "$out"
mode=compare
if [ "${1:-}" = "--cpu" ]; then
    mode=cpu
    shift
fi

say() { printf 'compare.sh: %s\n' "$*" >&2; }

# (a) System packages.
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/time ] || need+=(time)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v cc >/dev/null && command -v c++ >/dev/null || need+=(gcc g++)
pkg-config --exists poppler-glib 2>/dev/null || need+=(libpoppler-glib-dev)
[ -f /usr/include/poppler/OutputDev.h ] || need+=(libpoppler-private-dev)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -q 'Liberation Serif' || need+=(fonts-liberation2)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        say "missing Debian packages: ${need[*]} (run as root, or apt-get install them)"
        exit 1
    fi
    say "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Python packages, in a venv of our own.
if ! "$venv/bin/python" -c 'import pymupdf, reportlab, pikepdf' 2>/dev/null; then
    say "creating $venv (PyMuPDF, reportlab, pikepdf)"
    python3 -m venv "$venv"
    # Pinned: the corpus bytes depend on reportlab and pikepdf, the timings on PyMuPDF.
    "$venv/bin/pip" install -q --disable-pip-version-check pymupdf==2.0 reportlab==5.1.0 pikepdf==10.18.0
fi

# (b) The corpus (the generator skips what exists).
"$venv/bin/python" "$here/Generator/make_corpus.py" --out "$here/.corpus"

# (c) tagscan in release; the revision is read before the build, as what the build compiles.
revision="$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
say "building tagscan (release) at $revision"
(cd "$root" && swift build -c release --scratch-path .build-bench --product tagscan >&2)
tagscan="$(cd "$root" && swift build -c release --scratch-path .build-bench --show-bin-path)/tagscan"

# (d) The bare probes.
cc -O2 -o "$out/glib_probe" "$here/Probe/glib_probe.c" $(pkg-config --cflags --libs poppler-glib) -lpthread
c++ -O2 -std=c++20 -o "$out/core_probe" "$here/Probe/core_probe.cc" $(pkg-config --cflags --libs poppler) -lpthread

# (e, f) Runs and report.
if [ "$mode" = cpu ]; then
    "$venv/bin/python" "$here/cpu_targets.py" --tagscan "$tagscan" --glib-probe "$out/glib_probe" --core-probe "$out/core_probe" \
        --corpus "$here/.corpus" --revision "$revision" "$@" | tee "$out/cpu-latest.md"
    exit 0
fi
nice_level="${BENCH_NICE:-0}"
"$venv/bin/python" "$here/compare.py" \
    --tagscan "$tagscan" --glib-probe "$out/glib_probe" --core-probe "$out/core_probe" \
    --python "$venv/bin/python" --corpus "$here/.corpus" --nice "$nice_level" --revision "$revision" "$@" | tee "$out/compare-latest.md"
