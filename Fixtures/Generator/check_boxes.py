#!/usr/bin/env python3
"""Self-check of the fixture manifests against poppler (not used by the test suite).

For every Fixtures/expected/**/*.json this runs

    pdftotext -bbox -cropbox [-upw PASSWORD] Fixtures/<file> -

and confirms that
  * the page count and each page's displayed width/height match the manifest;
  * every expected anchor is found on its page as a run of consecutive poppler words whose
    concatenation is the anchor text (spaces removed), and the union of those word boxes equals
    the expected box within 1 pt on x, y, width and height;
  * every part of a "wrapped" anchor is found with its box;
  * every "not_found" anchor is absent (and, if the manifest gives "poppler_text", that poppler
    shows exactly that fragment instead).

    python3 Fixtures/Generator/check_boxes.py          # check, exit 1 on any mismatch
    python3 Fixtures/Generator/check_boxes.py -v       # also print how poppler split each anchor
    python3 Fixtures/Generator/check_boxes.py --probe  # print the poppler behaviours noted in README
"""

import glob
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOL = 1.0

PAGE_RE = re.compile(r'<page width="([-\d.]+)" height="([-\d.]+)">(.*?)</page>', re.S)
WORD_RE = re.compile(
    r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', re.S)
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def pdftotext_bbox(path, password=None):
    cmd = ["pdftotext", "-bbox", "-cropbox", "-enc", "UTF-8"]
    if password:
        cmd += ["-upw", password]
    cmd += [path, "-"]
    out = subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")
    pages = []
    for m in PAGE_RE.finditer(out):
        words = []
        for w in WORD_RE.finditer(m.group(3)):
            x0, y0, x1, y1 = map(float, w.group(1, 2, 3, 4))
            words.append((html.unescape(w.group(5)).translate(BIDI_MARKS), (x0, y0, x1, y1)))
        pages.append({"width": float(m.group(1)), "height": float(m.group(2)), "words": words})
    return pages


def union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def runs(words, needle):
    """All (i, j) such that words[i:j] concatenate to needle."""
    found = []
    for i in range(len(words)):
        acc = ""
        for j in range(i, len(words)):
            b0, bj = words[i][1], words[j][1]
            if abs(bj[1] - b0[1]) > 0.5 * (b0[3] - b0[1]):  # a run stays on one line
                break
            acc += words[j][0]
            if acc == needle:
                found.append((i, j + 1))
                break
            if not needle.startswith(acc):
                break
    return found


def as_xywh(b):
    return (b[0], b[1], b[2] - b[0], b[3] - b[1])


def diff(exp, got):
    e = (exp["x"], exp["y"], exp["width"], exp["height"])
    return max(abs(a - b) for a, b in zip(e, got))


def find_box(page, text, exp_box, used):
    needle = "".join(text.split())
    cands = [(i, j) for (i, j) in runs(page["words"], needle) if (i, j) not in used]
    if not cands:
        return None, None
    best = min(cands, key=lambda ij: diff(exp_box, as_xywh(union([w[1] for w in page["words"][ij[0]:ij[1]]]))))
    used.add(best)
    return best, as_xywh(union([w[1] for w in page["words"][best[0]:best[1]]]))


def check(manifest_path, verbose=False):
    with open(manifest_path, encoding="utf-8") as f:
        m = json.load(f)
    pdf = os.path.join(ROOT, m["file"])
    errors = []
    if "expected_error" in m:  # broken files: poppler must refuse them
        rc = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).returncode
        if rc == 0:
            errors.append("expected poppler to fail (%s), but pdftotext succeeded" % m["expected_error"]["code"])
        return m["file"], errors, []
    if m.get("open_password") is not None:
        rc = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).returncode
        if (rc == 0) != m.get("opens_without_password", False):
            errors.append("opening without a password: pdftotext rc=%d" % rc)
        for v in m.get("password_variants", []):
            pw = bytes.fromhex(v["utf8_hex"]).decode("utf-8")
            rc = subprocess.run(["pdftotext", "-upw", pw, pdf, "-"], capture_output=True).returncode
            if (rc == 0) != v["opens_as_typed"]:
                errors.append("password variant %s: pdftotext rc=%d" % (v["form"], rc))
    pages = pdftotext_bbox(pdf, m.get("open_password"))
    if len(pages) != len(m["pages"]):
        errors.append("page count %d, expected %d" % (len(pages), len(m["pages"])))
    for ep, gp in zip(m["pages"], pages):
        # pdftotext -bbox prints the crop box size *unrotated* (not swapped for /Rotate 90/270),
        # although its word coordinates are in the rotated (displayed) space.
        w, h = ep["width"], ep["height"]
        if ep["rotation"] in (90, 270):
            w, h = h, w
        if abs(w - gp["width"]) > 0.01 or abs(h - gp["height"]) > 0.01:
            errors.append("page %d size %.2fx%.2f, expected %.2fx%.2f (unrotated)" % (
                ep["page_number"], gp["width"], gp["height"], w, h))
        for word, b in gp["words"]:
            if ep["rotation"] in (90, 270) and (b[2] > ep["width"] + 1 or b[3] > ep["height"] + 1):
                errors.append("page %d: word %r lies outside the displayed page" % (ep["page_number"], word))
    used = {}
    notes = []

    def locate(text, pno, box, label):
        page = pages[pno - 1]
        ij, got = find_box(page, text, box, used.setdefault(pno, set()))
        if ij is None:
            errors.append("%s %r not found on page %d" % (label, text, pno))
            return
        d = diff(box, got)
        words = [w[0] for w in page["words"][ij[0]:ij[1]]]
        if d > TOL:
            errors.append("%s %r on page %d: poppler box %s, expected %s (off by %.3f)" % (
                label, text, pno, tuple(round(v, 3) for v in got),
                tuple(box[k] for k in ("x", "y", "width", "height")), d))
        if verbose or len(words) > 1:
            notes.append("%s %r p%d: %d word(s) %s, max diff %.4f" % (
                label, text, pno, len(words), words if len(words) > 1 else "", d))

    for a in m["anchors"]:
        locate(a["text"], a["page_number"], a["box"], "anchor")
    for w in m.get("wrapped", []):
        for part, pno, box in zip(w["parts"], w["page_numbers"], w["boxes"]):
            locate(part, pno, box, "wrapped part")
        # and the whole anchor must not appear on any one page
        for k, page in enumerate(pages):
            if runs(page["words"], w["text"]):
                errors.append("wrapped anchor %r appears whole on page %d" % (w["text"], k + 1))
    for nf in m.get("not_found", []):
        for k, page in enumerate(pages):
            joined = "".join(w[0] for w in page["words"])
            if nf["text"] in joined:
                errors.append("%r should not be found but is on page %d" % (nf["text"], k + 1))
        if "poppler_text" in nf:
            if not any(w[0] == nf["poppler_text"] for page in pages for w in page["words"]):
                errors.append("expected poppler to show the fragment %r of %r" % (nf["poppler_text"], nf["text"]))
    return m["file"], errors, notes


def probe():
    """Print the poppler behaviours the README reports."""
    def run(args):
        p = subprocess.run(args, capture_output=True)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    t = lambda name: os.path.join(ROOT, "templates", name)
    print("== letter-spacing.pdf words (pdftotext -bbox -cropbox)")
    for pg in pdftotext_bbox(t("letter-spacing.pdf")):
        print("  ", [w[0] for w in pg["words"]])
    print("== glyph-per-operator.pdf words")
    for pg in pdftotext_bbox(t("glyph-per-operator.pdf")):
        print("  ", [w[0] for w in pg["words"]])
    print("== hidden.pdf plain text")
    print(run(["pdftotext", "-cropbox", t("hidden.pdf"), "-"])[1])
    print("== bidi.pdf plain text (code points of RTL lines shown escaped)")
    out = run(["pdftotext", t("bidi.pdf"), "-"])[1]
    for line in out.splitlines():
        print("  ", line.encode("unicode_escape").decode("ascii") if any(ord(c) > 127 for c in line) else line)
    print("== bidi.pdf words (raw, with marks)")
    raw = run(["pdftotext", "-bbox", t("bidi.pdf"), "-"])[1]
    for w in WORD_RE.finditer(raw):
        print("  ", html.unescape(w.group(5)).encode("unicode_escape").decode("ascii"))
    print("== ligature.pdf plain text")
    print(run(["pdftotext", t("ligature.pdf"), "-"])[1].encode("unicode_escape").decode("ascii")[:400])
    print("== cropbox.pdf without -cropbox (media box)")
    print(run(["pdftotext", t("cropbox.pdf"), "-"])[1])
    print("== cropbox.pdf with -cropbox")
    print(run(["pdftotext", "-cropbox", t("cropbox.pdf"), "-"])[1])
    print("== wrapped.pdf plain text")
    print(run(["pdftotext", t("wrapped.pdf"), "-"])[1])
    print("== passwords (pdftotext -upw ...)")
    b = lambda name: os.path.join(ROOT, "broken", name)
    import unicodedata
    pw = "p\u00e4ssw\u00f6rd"
    for label, f, args in [
            ("aes-256 no password", "encrypted-aes-256.pdf", []),
            ("aes-256 'secret'", "encrypted-aes-256.pdf", ["-upw", "secret"]),
            ("aes-256 owner pw as -opw", "encrypted-aes-256.pdf", ["-opw", "owner"]),
            ("rc4-40 'secret'", "encrypted-rc4-40.pdf", ["-upw", "secret"]),
            ("unicode NFC", "encrypted-aes-256-unicode.pdf", ["-upw", pw]),
            ("unicode NFD", "encrypted-aes-256-unicode.pdf", ["-upw", unicodedata.normalize("NFD", pw)]),
            ("unicode soft hyphen", "encrypted-aes-256-unicode.pdf", ["-upw", "p\u00e4ss\u00adw\u00f6rd"]),
            ("owner-only no password", "owner-only.pdf", []),
            ("truncated", "truncated.pdf", []),
            ("not-a-pdf", "not-a-pdf.pdf", []),
            ("empty", "empty.pdf", [])]:
        rc, out, err = run(["pdftotext"] + args + [b(f), "-"])
        print("   %-26s rc=%d text=%r err=%r" % (label, rc, out.strip()[:40], err.strip()[:120]))


def main():
    if "--probe" in sys.argv[1:]:
        probe()
        return
    verbose = "-v" in sys.argv[1:]
    failed = 0
    total = 0
    for mp in sorted(glob.glob(os.path.join(ROOT, "expected", "**", "*.json"), recursive=True)):
        name, errors, notes = check(mp, verbose)
        total += 1
        status = "ok" if not errors else "FAIL"
        print("%-40s %s" % (name, status))
        for n in notes:
            print("    note: " + n)
        for e in errors:
            print("    error: " + e)
        failed += bool(errors)
    print("%d manifests, %d failed" % (total, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
