#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine: installs dependencies, builds, tests,
# then checks style and that the documentation builds.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
Scripts/bootstrap.sh
swift build --build-tests
swift test "$@"

# Style: the repository's .swift-format, checked rather than argued about in review.
swift format lint --strict --configuration .swift-format --recursive --parallel Sources Tests Package.swift >&2

# The DocC catalog: a broken symbol link or a misspelt article is an error, so it cannot rot.
swift package --disable-sandbox generate-documentation --target TagScanKit --warnings-as-errors >/dev/null
echo "documentation: TagScanKit built without warnings" >&2
