#!/usr/bin/env bash
# Scans the bundled sample templates on a fresh Debian/Ubuntu machine: installs dependencies,
# builds tagscan in release mode and prints the schema-1 JSON of Fixtures/templates.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
Scripts/bootstrap.sh
swift build -c release --product tagscan >&2
.build/release/tagscan scan Fixtures/templates "$@"
