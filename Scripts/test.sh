#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine: installs dependencies, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
Scripts/bootstrap.sh
swift build
swift test "$@"
