#!/usr/bin/env bash
# The test suite under AddressSanitizer and under ThreadSanitizer. Not part of the
# default test run: each build takes a long while the first time.
#
#   Scripts/sanitizers.sh              # both, one after the other
#   Scripts/sanitizers.sh address      # ASan only (.build-asan)
#   Scripts/sanitizers.sh thread       # TSan only (.build-tsan)
#   Scripts/sanitizers.sh thread --filter Isolation    # extra arguments go to swift test
#
# The worker processes of isolated scans are the same binary built with the same sanitizer;
# sanitizers reserve terabytes of address space, so the tests run them without a memory cap
# and skip the one test that needs it (too-large).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
which="${1:-both}"
[ $# -gt 0 ] && shift

# Leaks: poppler, GLib, fontconfig and cairo keep process-lifetime caches that are never freed
# (GlobalParams, the font cache, type registrations); the suppressions name those libraries
# only, so a leak in tagscan's own code is still reported.
export LSAN_OPTIONS="suppressions=$PWD/Scripts/sanitizers-leak.supp:print_suppressions=0"
# A 16 MiB quarantine instead of 256 MiB: the large-document test bounds memory growth.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:quarantine_size_mb=16"
export TSAN_OPTIONS="suppressions=$PWD/Scripts/sanitizers-thread.supp:halt_on_error=0:second_deadlock_stack=1"

status=0
if [ "$which" = both ] || [ "$which" = address ]; then
    echo "== AddressSanitizer"
    swift test --sanitize=address --scratch-path .build-asan "$@" || status=1
fi
if [ "$which" = both ] || [ "$which" = thread ]; then
    echo "== ThreadSanitizer"
    swift test --sanitize=thread --scratch-path .build-tsan "$@" || status=1
fi
exit $status
