#!/usr/bin/env bash
# Opens a `tagscan preview --format html` report in headless Chromium, takes a screenshot and fails
# unless the screenshot shows the report: mostly-white page, text, a recipient's colour swatch and
# a field drawn in that colour over an embedded page image.
#
# Usage: Scripts/check-preview-html.sh [REPORT.html [SCREENSHOT.png]]
#   Without REPORT.html it builds tagscan (scratch path $SCRATCH_PATH, default .build) and writes a
#   report for Fixtures/templates/rotated.pdf. The screenshot defaults to
#   $TMPDIR/tagscan-preview-screenshot.png; look at it.
# Needs chromium (installed with apt-get when missing and running as root) and python3.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SCRATCH_PATH:-$root/.build}
html=${1:-}
shot=${2:-${TMPDIR:-/tmp}/tagscan-preview-screenshot.png}

if [ -z "$html" ]; then
    swift build --package-path "$root" --scratch-path "$scratch" --product tagscan >&2
    out=$(mktemp -d)
    "$scratch/debug/tagscan" preview "$root/Fixtures/templates/rotated.pdf" --format html --out "$out" >/dev/null
    html=$out/rotated.html
fi
[ -f "$html" ] || { echo "no such report: $html" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing chromium…" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
        browser=$(command -v chromium)
    else
        echo "chromium is not installed: apt-get install chromium" >&2
        exit 3
    fi
fi

rm -f "$shot"
# A tall window: --screenshot captures the viewport only, and the pages follow the tables.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1200,6000 --screenshot="$shot" "file://$(realpath "$html")" >/dev/null 2>&1 || true
[ -s "$shot" ] || { echo "chromium wrote no screenshot" >&2; exit 1; }

python3 - "$shot" <<'PY'
import struct, sys, zlib

def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and color in (2, 6) and interlace == 0, f"unexpected PNG format {depth}/{color}/{interlace}"
    channels = 4 if color == 6 else 3
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows

width, height, channels, rows = read_png(sys.argv[1])
colors, dark, total = {}, 0, 0
for row in rows:
    for x in range(0, len(row), channels * 2):  # every other pixel is plenty
        rgb = row[x:x + 3]
        colors[rgb] = colors.get(rgb, 0) + 1
        total += 1
        if sum(rgb) < 200: dark += 1

def near(target, tolerance):
    return sum(n for c, n in colors.items() if all(abs(c[i] - target[i]) <= tolerance for i in range(3)))

swatch = near((0x00, 0x72, 0xB2), 2)             # Signer 1's colour, solid in the legend
field = near((166, 206, 228), 3)                 # the same at 35 % over white: a field on a page
problems = []
if len(colors) < 20: problems.append(f"only {len(colors)} colours")
if dark < total * 0.001: problems.append("no text")
if swatch == 0: problems.append("no Signer 1 swatch (#0072b2)")
if field < 50: problems.append("no field drawn over a page image")
print(f"{width}x{height}: {len(colors)} colours, {dark} dark, swatch {swatch}, field {field} (sampled {total})")
if problems:
    print("screenshot looks blank or wrong: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
PY
echo "ok: $shot"
