#!/usr/bin/env bash
# Where `tagscan scan` spends its CPU time, by sampling with perf (see PROFILE.md):
#
#     Benchmarks/profile.sh                                        # 2,000 pages, glyph path
#     Benchmarks/profile.sh --extraction glib                      # the poppler-glib path
#     Benchmarks/profile.sh Benchmarks/.corpus/libreoffice-contract.pdf
#
# Runs `tagscan scan --jobs 1 --in-process [ARGS] FILE` (release build, .build-bench) under
# `perf record -e cpu-clock --call-graph dwarf` and prints Markdown: the share of each stage
# (poppler setup and fonts, content stream, tagscan's glyph collector, Swift text handling,
# anchor search, JSON), the top self-time functions and tagscan's top inclusive functions.
# One job and in-process, so every sample belongs to one scan thread; the worker-process
# overhead is measured by compare.sh instead. cpu-clock is a software event, so this works
# where hardware counters are not exposed (VMs); valgrind 3.19 cannot read the DWARF 5 debug
# information the Swift 6.3 toolchain writes, hence perf.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/.out"
mkdir -p "$out"

file="$here/.corpus/contract-2000.pdf"
args=()
for a in "$@"; do
    case "$a" in
        *.pdf) file="$a" ;;
        *) args+=("$a") ;;
    esac
done

if ! command -v perf >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "profile.sh: perf missing (apt-get install linux-perf)" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
fi
if [ ! -f "$file" ]; then
    python3 "$here/Generator/make_corpus.py" --out "$here/.corpus" "$(basename "$file" .pdf)"
fi
(cd "$root" && swift build -c release --scratch-path .build-bench --product tagscan >&2)
tagscan="$(cd "$root" && swift build -c release --scratch-path .build-bench --show-bin-path)/tagscan"

data="$out/perf.data"
perf record -q -e cpu-clock -F 2000 --call-graph dwarf,16384 -o "$data" \
    "$tagscan" scan --jobs 1 --in-process "${args[@]}" "$file" >/dev/null
perf report -i "$data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null \
    | swift demangle --simplified >"$out/perf-self.txt"
echo "Profile of \`tagscan scan --jobs 1 --in-process ${args[*]:+${args[*]} }$(basename "$file")\` ($(git -C "$root" describe --always --dirty)):"
echo
perf script -i "$data" -F comm,tid,period,ip,sym,dso 2>/dev/null | swift demangle --simplified \
    | python3 "$here/Profile/classify.py" --self-report "$out/perf-self.txt"
