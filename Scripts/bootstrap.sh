#!/usr/bin/env bash
# Installs what tagscan needs to build on Debian/Ubuntu, when it is missing:
# poppler-glib (the PDF engine), poppler's core headers (the glyph-level fast path and page
# rotation), qpdf (libqpdf-dev: the content-stream rewriter of `tagscan scrub`; the qpdf tool
# checks its output in the tests), pkg-config. Swift itself must already be installed (swift.org toolchain).
set -euo pipefail

packages=(pkg-config libpoppler-glib-dev libpoppler-private-dev libqpdf-dev qpdf)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "bootstrap: installing ${missing[*]}" >&2
    # Set-up chatter goes to stderr: callers such as scan-samples.sh keep stdout for the report.
    $sudo apt-get update >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}" >&2
fi

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "bootstrap: add /opt/swift/usr/bin to PATH" >&2
    else
        echo "bootstrap: no Swift toolchain found; install Swift 6.1 or newer from swift.org" >&2
        exit 1
    fi
fi
