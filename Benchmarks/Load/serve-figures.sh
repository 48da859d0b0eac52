#!/usr/bin/env bash
# The release-build figures of `tagscan serve` that README's service section quotes, in one run
# anyone can repeat:
#
#   Benchmarks/Load/serve-figures.sh            # builds .build/release/tagscan if it is missing
#   TAGSCAN=path/to/tagscan SCRATCH=.build-x Benchmarks/Load/serve-figures.sh
#
# 1. `tagscan scan --jobs 2` on COPIES copies of the 3-page template: pages/s and CPU per page;
# 2. the service at saturation (2 workers, 4 client threads) on the same template: pages/s,
#    CPU per page (server and workers), p50/p99;
# 3. one client at a time: the latency of a single 3-page request;
# 4. 1,000 warm-up requests, then 10,000: the server's RSS, sampled;
# 5. good and hostile files mixed at full load: every answer checked, no 5xx, no restart.
# Each figure comes with the load average: the machine may be shared, so prefer the CPU-time
# ratios to the wall-clock ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build}
BIN=${TAGSCAN:-$SCRATCH/release/tagscan}
COPIES=${COPIES:-300}
LONG=${LONG:-10000}
WARMUP=${WARMUP:-1000}
if [ ! -x "$BIN" ]; then
  swift build -c release --scratch-path "$SCRATCH" --product tagscan
fi
TEMPLATE=Fixtures/templates/multi-page.pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== $(nproc) cores, $(uname -sr); $("$BIN" --version 2>/dev/null || true); load average now: $(load)"

echo "== 1. tagscan scan --jobs 2 on $COPIES copies of $TEMPLATE (3 rounds)"
mkdir "$work/copies"
for i in $(seq "$COPIES"); do cp "$TEMPLATE" "$work/copies/t$i.pdf"; done
pages=$("$BIN" scan "$work/copies/t1.pdf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["page_count"])')
for round in 1 2 3; do
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$BIN" scan --jobs 2 --quiet "$work/copies" > /dev/null
  read -r wall user sys maxrss < "$work/time"
  python3 - "$wall" "$user" "$sys" "$((pages * COPIES))" "$(load)" <<'PY'
import sys
wall, user, system, pages, load = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"   scan: {pages} pages in {wall:.2f} s = {pages / wall:.0f} pages/s; CPU {user + system:.2f} s = {(user + system) * 1000 / pages:.3f} ms/page; load {load}")
PY
done

run() {
  local label=$1
  shift
  echo "== $label (load average before: $(load))"
  python3 Benchmarks/Load/load.py --tagscan "$BIN" --json "$@" > "$work/out.json" || echo "   (the load client reported failures)"
  python3 - "$work/out.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
keys = ["requests", "warmup", "concurrency", "wall_s", "pages_per_s", "cpu_ms_per_page", "p50_ms", "p99_ms", "statuses", "failures",
        "server_alive_same_pid", "server_rss_start_mib", "server_rss_end_mib", "server_rss_growth_pct", "server_rss_samples_mib",
        "process_tree_rss_end_mib", "server_threads", "malloc_arena_max", "load_average_start", "load_average_end"]
for key in keys:
    print(f"   {key:>26}: {f.get(key)}")
PY
}

run "2. saturation: 2 workers, 4 clients, 2,000 requests of the 3-page template" \
  --workers 2 --concurrency 4 --warmup 200 --requests 2000 "$TEMPLATE"
run "3. latency: one client, 500 requests of the 3-page template" \
  --workers 2 --concurrency 1 --warmup 50 --requests 500 "$TEMPLATE"
run "4. memory: $WARMUP warm-up requests, then $LONG" \
  --workers 2 --concurrency 4 --warmup "$WARMUP" --requests "$LONG" --rss-samples 10 "$TEMPLATE"
# The same with glibc held to two malloc arenas: growth that disappears here is the allocator
# spreading the server's many threads over more arenas, not memory the server keeps.
MALLOC_ARENA_MAX=2 run "4b. memory as in 4, with MALLOC_ARENA_MAX=2 in the server" \
  --workers 2 --concurrency 4 --warmup "$WARMUP" --requests "$LONG" --rss-samples 10 "$TEMPLATE"
run "5. good and hostile mixed, --document-timeout 2, 400 requests" \
  --workers 2 --concurrency 4 --document-timeout 2 --requests 400 "$TEMPLATE" Fixtures/hostile/good-neighbour.pdf \
  Fixtures/hostile/encrypted-aes-128.pdf Fixtures/hostile/zero-pages.pdf Fixtures/hostile/array-bomb.pdf Fixtures/hostile/jbig2-bomb.pdf
echo "== load average at the end: $(load)"
