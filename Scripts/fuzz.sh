#!/usr/bin/env bash
# A short libFuzzer run over tagscan's PDF layer and anchor parsers. Not part of the
# default test run.
#
#   Scripts/fuzz.sh            # 60 seconds, from Fuzz/corpus
#   Scripts/fuzz.sh 600        # ten minutes
#   FUZZ_JOBS=2 Scripts/fuzz.sh 300
#
# Builds Fuzz/ (its own package, depending on this one) with -sanitize=fuzzer and AddressSanitizer
# into .build-fuzz. New inputs that add coverage go to .build-fuzz/corpus (Fuzz/corpus, the
# committed seeds, is only read). A crash leaves crash-<sha1> in .build-fuzz/artifacts and makes
# the script fail: minimise it (the command is printed), add it under Fixtures/hostile/ with a
# regression test, and fix the cause.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-60}"
jobs="${FUZZ_JOBS:-1}"
scratch="$PWD/.build-fuzz"

(cd Fuzz && swift build --sanitize=fuzzer --sanitize=address --scratch-path "$scratch")
binary="$(cd Fuzz && swift build --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" --show-bin-path)/TagScanFuzz"
mkdir -p "$scratch/corpus" "$scratch/artifacts"

# poppler is a system library, not instrumented: coverage guides the mutations through
# tagscan's Swift and C++ only. -timeout marks an input that hangs one iteration; -rss_limit_mb
# one that grows past 2 GiB (the same defences the worker processes give the CLI).
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
set +e
ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" "$binary" \
    "$scratch/corpus" Fuzz/corpus \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    ${parallel[@]+"${parallel[@]}"} \
    -artifact_prefix="$scratch/artifacts/" -print_final_stats=1
status=$?
set -e
crashes=$(find "$scratch/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
echo "fuzz: exit $status, $crashes artifact(s) in $scratch/artifacts"
if [ "$crashes" -gt 0 ]; then
    echo "minimise one with: $binary -minimize_crash=1 -runs=10000 <artifact>"
    exit 1
fi
exit "$status"
