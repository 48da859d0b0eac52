#!/usr/bin/env python3
"""Generate tagscan's PDF fixtures and their expected-anchor manifests.

Run by hand from anywhere (never at test time); the outputs are committed:

    python3 Fixtures/Generator/make_fixtures.py            # regenerate everything
    python3 Fixtures/Generator/make_fixtures.py --force    # also re-encrypt the AES-256 files

Needs: python3, reportlab 5.x, pikepdf, the qpdf command-line tool, and
/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf (Debian: fonts-dejavu-core).

Writes (paths relative to Fixtures/):
    templates/*.pdf   good sample templates, one feature each
    envelope/*.pdf    three documents meant for one envelope
    broken/*          not-a-PDF, truncated, empty, encrypted and owner-password-only files
    expected/<same relative path>.json   what the generator drew, in tagscan geometry

Geometry written to the manifests (SPEC section 2): PDF points, origin at the top-left of the
page as displayed (CropBox intersected with MediaBox, after /Rotate), y down.  An anchor's box is
the union of poppler's glyph boxes for its characters:

    x      = pen x of the first glyph
    width  = sum of the glyph advances (font widths * size) + Tc * (number of glyphs - 1)
             (+ any TJ displacement inside the anchor)
    y      = baseline - ascent * size
    height = (ascent - descent) * size

where ascent/descent are what poppler's GfxFont uses:
    * base-14 font, not embedded, no FontDescriptor (Helvetica here): the built-in AFM
      metrics, Helvetica Ascender 718 / Descender -207 (per 1000);
    * embedded TrueType (DejaVuSans here): the FontDescriptor /Ascent and /Descent, which
      reportlab fills from the OS/2 sTypoAscender/sTypoDescender (DejaVuSans: 1556/-492 of
      2048 units = 759.765625 / -240.234375 per 1000).
Every page's content is drawn in a "display frame" (the page as the viewer shows it, origin at
its bottom-left) mapped into PDF user space by one `cm` that undoes the crop offset and /Rotate,
so the expected box is computed in the display frame directly.  See Fixtures/README.md.

Determinism: reportlab runs with invariant=1 (fixed dates and /ID), qpdf runs with --static-id
and --static-aes-iv, so re-running gives identical bytes, except for the AES-256 (R6) files:
qpdf draws their file key and salts from the OS random generator.  Those are therefore only
re-encrypted when missing, when they no longer decrypt to the freshly generated plain file's
content, or with --force.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # Fixtures/

DEJAVU_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pdfmetrics.registerFont(TTFont("DejaVuSans", DEJAVU_PATH))

A4 = (595.28, 841.89)

PRODUCER_NOTE = "tagscan Fixtures/Generator/make_fixtures.py"

# Yoti auto-tag anchors (SPEC 3.1), as the generator recognises them in the strings it draws.
ANCHOR_RE = re.compile(
    r"\|AT\||\|[STLAGC](?:[1-9]|[12][0-9]|30)(?:CB|DS|RG[0-9]+|IN|S|T|A)[RO](?:\{[^}]*\})?\|"
)


def font_metrics(font):
    """(ascent, descent) per 1 pt of font size, as poppler uses them (see module doc)."""
    face = pdfmetrics.getFont(font).face
    return face.ascent / 1000.0, face.descent / 1000.0


def sw(text, font, size):
    return pdfmetrics.stringWidth(text, font, size)


def r4(v):
    v = round(float(v), 4)
    return 0.0 if v == 0 else v


class Doc:
    """A reportlab canvas plus the generator's record of every anchor it drew."""

    def __init__(self, relpath, title, out_path=None):
        self.relpath = relpath
        self.path = out_path or os.path.join(ROOT, relpath)
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self.c = rl_canvas.Canvas(self.path, pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("tagscan")
        self.c.setCreator(PRODUCER_NOTE)
        self.c.setSubject("tagscan test fixture")
        self.pages = []
        self.anchors = []
        self.wrapped = []
        self.not_found = []
        self.notes = []
        self.open_page = False

    # ---- pages -------------------------------------------------------------------------
    def page(self, media=A4, crop=None, rotate=0):
        if self.open_page:
            self.c.showPage()
        c = self.c
        # reportlab writes the MediaBox swapped when /Rotate is 90 or 270 (it treats the page size
        # as the displayed size), so hand it the swapped size to get exactly `media` in the file.
        c.setPageSize((media[1], media[0]) if rotate in (90, 270) else media)
        mx0, my0, mx1, my1 = 0.0, 0.0, media[0], media[1]
        if crop is None:
            cx0, cy0, cx1, cy1 = mx0, my0, mx1, my1
            c.setCropBox(None)
        else:
            c.setCropBox(tuple(crop))
            cx0, cy0 = max(crop[0], mx0), max(crop[1], my0)
            cx1, cy1 = min(crop[2], mx1), min(crop[3], my1)
        c.setPageRotation(rotate)
        w, h = cx1 - cx0, cy1 - cy0
        disp_w, disp_h = (h, w) if rotate in (90, 270) else (w, h)
        # display frame (X right, Y up, origin bottom-left of the displayed page) -> user space
        cm = {
            0: (1, 0, 0, 1, cx0, cy0),
            90: (0, 1, -1, 0, cx1, cy0),
            180: (-1, 0, 0, -1, cx1, cy1),
            270: (0, -1, 1, 0, cx0, cy1),
        }[rotate]
        if cm != (1, 0, 0, 1, 0, 0):
            c.transform(*cm)
        self.W, self.H = disp_w, disp_h
        self.open_page = True
        self.pages.append({
            "page_number": len(self.pages) + 1,
            "width": r4(disp_w),
            "height": r4(disp_h),
            "rotation": rotate,
            "media_box": [r4(v) for v in (mx0, my0, mx1, my1)],
            "crop_box": [r4(v) for v in (cx0, cy0, cx1, cy1)],
        })

    @property
    def pno(self):
        return len(self.pages)

    # ---- drawing -----------------------------------------------------------------------
    def text(self, x, base, s, font="Helvetica", size=10.0, color=(0, 0, 0), mode=0, tc=0.0,
             record=True, align="left", note=None):
        """Draw s with its baseline `base` pt below the displayed top edge.

        x is the left edge (align="left") or the right edge (align="right").  Every Yoti anchor
        in s is recorded with its expected box unless record is False.  Returns the pen x of the
        first glyph."""
        width = sw(s, font, size) + tc * max(len(s) - 1, 0)
        if align == "right":
            x = x - width
        # q/Q around every run: Tc and Tr are graphics-state parameters and would otherwise leak
        # into later text objects (including the raw BT/ET literals below).
        self.c.saveState()
        t = self.c.beginText(x, self.H - base)
        t.setFont(font, size)
        if tc:
            t.setCharSpace(tc)
        if mode:
            t.setTextRenderMode(mode)
        t.setFillColorRGB(*color)
        t.textOut(s)
        self.c.drawText(t)
        self.c.restoreState()
        if record:
            for m in ANCHOR_RE.finditer(s):
                self.add_anchor(m.group(0), self.span_box(x, base, s, m.start(), m.end(), font, size, tc),
                                size, color, mode, note=note)
        return x

    def span_box(self, x, base, s, i, j, font, size, tc=0.0, extra=0.0):
        asc, desc = font_metrics(font)
        x0 = x + sw(s[:i], font, size) + tc * i
        w = sw(s[i:j], font, size) + tc * (j - i - 1) + extra
        return {"x": x0, "y": base - asc * size, "width": w, "height": (asc - desc) * size}

    def add_anchor(self, text, box, size, color=(0, 0, 0), mode=0, note=None, page=None):
        a = {
            "text": text,
            "page_number": page or self.pno,
            "box": {k: r4(v) for k, v in box.items()},
            "font_size": float(size),
            "color": [float(c) for c in color],
            "render_mode": mode,
        }
        if note:
            a["note"] = note
        self.anchors.append(a)
        return a

    def literal(self, ops):
        self.c.addLiteral(ops)

    def font_res(self, font):
        """Make sure `font` (a base-14 name) is in the page resources; return its resource name."""
        self.c.setFont(font, 10)
        return self.c._doc.getInternalFontName(font)

    def para(self, x, base, lines, size=10.0, leading=14.0, font="Helvetica"):
        for ln in lines:
            self.text(x, base, ln, font=font, size=size)
            base += leading
        return base

    # ---- output ------------------------------------------------------------------------
    def save(self, extra=None):
        if self.open_page:
            self.c.showPage()
        self.c.save()
        manifest = {
            "file": self.relpath,
            "generator": "Fixtures/Generator/make_fixtures.py",
            "page_count": len(self.pages),
            "pages": self.pages,
            "anchors": self.anchors,
            "wrapped": self.wrapped,
            "not_found": self.not_found,
        }
        if self.notes:
            manifest["notes"] = self.notes
        if extra:
            manifest.update(extra)
        write_manifest(self.relpath, manifest)
        return manifest


def write_manifest(relpath, manifest):
    out = os.path.join(ROOT, "expected", relpath + ".json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(dump_manifest(manifest))


def dump_manifest(m):
    """JSON with one line per page / anchor / entry, so diffs stay readable."""
    one = lambda v: json.dumps(v, ensure_ascii=False)
    lines = []
    for k, v in m.items():
        if isinstance(v, list) and v and all(isinstance(e, dict) for e in v):
            body = ",\n".join("    " + one(e) for e in v)
            lines.append("  %s: [\n%s\n  ]" % (one(k), body))
        else:
            lines.append("  %s: %s" % (one(k), one(v)))
    return "{\n" + ",\n".join(lines) + "\n}\n"


BODY = [
    "This agreement is made between the parties named below. Each party has read the terms",
    "set out in this document and agrees to be bound by them from the date of signature.",
]


# =====================================================================================
# templates/
# =====================================================================================

def make_all_roles():
    d = Doc("templates/all-roles.pdf", "All auto-tag roles and types")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 84, "All roles and tag types", font="Helvetica-Bold", size=14)
    base = 108
    base = d.para(72, base, BODY)
    rows = [
        ("Signer 1 signature", "|S1SR|"), ("Signer 1 signature (optional)", "|S1SO|"),
        ("Signer 1 text", "|S1TR|"), ("Signer 1 text (optional)", "|S1TO|"),
        ("Signer 1 checkbox", "|S1CBR|"), ("Signer 1 checkbox (optional)", "|S1CBO|"),
        ("Signer 1 date signed", "|S1DSR|"),
        ("Signer 1 radio group 1, button a", "|S1RG1R|"),
        ("Signer 1 radio group 1, button b", "|S1RG1R|"),
        ("Signer 1 radio group 2, button a (optional)", "|S1RG2O|"),
        ("Signer 1 radio group 2, button b (optional)", "|S1RG2O|"),
        ("Signer 1 attachment", "|S1AR|"), ("Signer 1 attachment (optional)", "|S1AO|"),
        ("Signer 1 initials", "|S1INR|"), ("Signer 1 initials (optional)", "|S1INO|"),
        ("Signer 2 signature", "|S2SR|"), ("Signer 2 date signed", "|S2DSR|"),
        ("Signer 30 signature", "|S30SR|"), ("Signer 30 text (optional)", "|S30TO|"),
        ("Tenant 1 signature", "|T1SR|"), ("Tenant 1 text", "|T1TR|"),
        ("Tenant 2 text (optional)", "|T2TO|"), ("Tenant 2 signature", "|T2SR|"),
        ("Tenant 30 checkbox", "|T30CBR|"), ("Tenant 30 initials (optional)", "|T30INO|"),
    ]
    rows2 = [
        ("Landlord 1 signature", "|L1SR|"), ("Landlord 1 date signed", "|L1DSR|"),
        ("Landlord 2 attachment (optional)", "|L2AO|"), ("Landlord 2 checkbox (optional)", "|L2CBO|"),
        ("Landlord 30 signature", "|L30SR|"), ("Landlord 30 initials", "|L30INR|"),
        ("Agent 1 signature", "|A1SR|"), ("Agent 1 attachment", "|A1AR|"),
        ("Agent 2 text", "|A2TR|"), ("Agent 2 attachment (optional)", "|A2AO|"),
        ("Agent 3 initials", "|A3INR|"), ("Agent 30 date signed", "|A30DSR|"),
        ("Guarantor 1 signature", "|G1SR|"), ("Guarantor 2 text (optional)", "|G2TO|"),
        ("Guarantor 4 text (optional)", "|G4TO|"), ("Guarantor 30 signature", "|G30SR|"),
        ("Guarantor 30 checkbox (optional)", "|G30CBO|"),
        ("Contractor 1 signature", "|C1SR|"), ("Contractor 1 initials (optional)", "|C1INO|"),
        ("Contractor 2 text", "|C2TR|"), ("Contractor 2 radio group 3, button a", "|C2RG3R|"),
        ("Contractor 2 radio group 3, button b", "|C2RG3R|"), ("Contractor 30 attachment", "|C30AR|"),
    ]
    base += 10
    for label, anchor in rows:
        d.text(72, base, label + ":")
        d.text(320, base, anchor)
        base += 22
    d.page()
    d.text(72, 60, "All roles and tag types (continued)", font="Helvetica-Bold", size=14)
    base = 90
    for label, anchor in rows2:
        d.text(72, base, label + ":")
        d.text(320, base, anchor)
        base += 22
    d.save()


def make_metadata():
    d = Doc("templates/metadata.pdf", "Auto-tags with metadata")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 84, "Anchors with metadata", font="Helvetica-Bold", size=14)
    base = d.para(72, 108, BODY)
    base += 12
    d.text(72, base, 'Company: |S1TR{"nm":"company","ph":"Company name"}|')
    base += 28
    d.text(72, base, 'Signed: |S1SR{"nm":"main_signature"}|')
    base += 28
    d.text(72, base, 'Trading as: |S1TO{"pf":"ACME Ltd"}|')
    base += 28
    # Word's autocorrect turns straight quotes into curly ones; needs a TTF with U+201C/U+201D.
    d.text(72, base, "Curly quotes: |S1TR{\u201cnm\u201d:\u201ccurly\u201d}|", font="DejaVuSans",
           note="metadata written with Word-style curly quotes U+201C/U+201D")
    d.notes.append("The curly-quote anchor is drawn in embedded DejaVuSans; the others in Helvetica.")
    d.notes.append("Anchors whose metadata contains a space are split into two words by poppler.")
    d.save()


def make_rotated():
    d = Doc("templates/rotated.pdf", "Pages with /Rotate 0, 90, 180, 270")
    for i, rot in enumerate((0, 90, 180, 270)):
        d.page(media=A4, rotate=rot)
        if i == 0:
            d.text(72, 60, "|AT|")
        d.text(72, 90, "Page %d is stored with /Rotate %d and reads upright on screen." % (i + 1, rot),
               size=12)
        d.text(72, 130, "Sign here: |S1SR|", size=12) if i != 3 else None
        if i == 1:
            d.text(d.W - 72, d.H - 80, "Date: |S2DSR|", size=12, align="right")
        if i == 2:
            d.text(300, 400, "Initials: |S1INR|", size=12)
        if i == 3:
            d.text(d.W - 72, d.H - 60, "Signature: |S2SR|", size=12, align="right")
    d.notes.append("MediaBox is A4 portrait on every page; pages 2 and 4 therefore display as "
                   "landscape 841.89 x 595.28.")
    d.save()


def make_cropbox():
    d = Doc("templates/cropbox.pdf", "CropBox offset from the MediaBox")
    crop = (50, 60, 645, 860)
    d.page(media=(700, 900), crop=crop)
    d.text(30, 40, "|AT|")
    d.text(30, 70, "The MediaBox is 0 0 700 900; the CropBox is 50 60 645 860.", size=12)
    d.text(30, 110, "Sign here: |S1SR|", size=12)
    d.text(d.W - 30, d.H - 40, "Date: |S1DSR|", size=12, align="right")
    # Entirely outside the crop box (bottom-left margin of the media box): poppler drops it.
    ux, uy = 5.0, 30.0  # user space
    X, base = ux - crop[0], d.H - (uy - crop[1])
    d.text(X, base, "|S9SR|", size=12, record=False)
    d.not_found.append({"text": "|S9SR|", "reason": "outside_crop", "outside_crop": True,
                        "user_space_origin": [ux, uy],
                        "note": "drawn in the media box but outside the crop box; poppler's text "
                                "layout drops it (pdftotext without -cropbox still shows it)"})
    # Straddles the crop box's left edge: poppler keeps only glyphs not entirely outside.
    X, base = -15.0, 300.0
    d.text(X, base, "|S8SR|", size=12, record=False)
    kept, gx = "", X
    for ch in "|S8SR|":  # poppler drops a glyph when origin x + advance < 0 (left of the crop)
        if gx + sw(ch, "Helvetica", 12) >= 0:
            kept += ch
        gx += sw(ch, "Helvetica", 12)
    d.not_found.append({"text": "|S8SR|", "reason": "partly_outside_crop", "outside_crop": True,
                        "user_space_origin": [crop[0] + X, crop[3] - base],
                        "poppler_text": kept,
                        "note": "starts 15 pt left of the crop box; poppler keeps only the glyphs "
                                "whose advance box reaches into the crop box"})
    d.save()


def make_letter_spacing():
    d = Doc("templates/letter-spacing.pdf", "Character spacing and TJ kerning")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Letter spacing and kerning", font="Helvetica-Bold", size=14)
    size = 12
    # poppler first breaks a word wherever the gap between glyphs exceeds 0.1 em, then
    # TextLine::coalesce re-merges adjacent pieces whose gap is below a per-line threshold:
    # 0.03 em if one of the line's first two words has more than one glyph, otherwise
    # min(1.3 * smallest gap, 0.4 em).  So a letter-spaced anchor alone on its line (a separate
    # column here: the label is > 0.7 em away) is re-joined when Tc < 0.4 em, and split when
    # Tc >= 0.4 em; right after other text on the same line it is split at any Tc > 0.1 em.
    d.text(72, 130, "Tc 4 pt:", size=size)
    d.text(200, 130, "|S1SR|", size=size, tc=4.0,
           note="Tc 4 pt (1/3 em), alone in its column: poppler re-joins it into one word")
    d.text(72, 170, "Tc 0.5 pt:", size=size)
    d.text(200, 170, "|S1TR|", size=size, tc=0.5, note="Tc 0.5 pt: one word")
    d.text(72, 210, "Tc 6 pt:", size=size)
    d.text(200, 210, "|S2SR|", size=size, tc=6.0,
           note="Tc 6 pt (1/2 em), alone in its column: split into one word per glyph")
    x = d.text(72, 370, "Sign after this text:", size=size)
    x += sw("Sign after this text: ", "Helvetica", size)
    d.text(x, 370, "|S2TR|", size=size, tc=3.0,
           note="Tc 3 pt right after other words on the same line: split into one word per glyph")

    # TJ with kerning gaps.  A TJ number n moves the pen by -n/1000 * size.
    def tj(x, base, parts, note):
        fres = d.font_res("Helvetica")
        ops, text, extra = [], "", 0.0
        for p in parts:
            if isinstance(p, str):
                ops.append("(%s)" % p)
                text += p
            else:
                ops.append("%d" % p)
                extra += -p / 1000.0 * size  # only used between strings here
        d.literal("BT %s %g Tf 1 0 0 1 %s %s Tm [%s] TJ ET" % (fres, size, fmt(x), fmt(d.H - base), " ".join(ops)))
        box = d.span_box(x, base, text, 0, len(text), "Helvetica", size, extra=extra)
        d.add_anchor(text, box, size, note=note)

    d.text(72, 250, "TJ -400:", size=size)
    tj(200, 250, ["|S1", -400, "SR|"], "TJ array [(|S1) -400 (SR|)]: 4.8 pt gap, poppler splits it in two words")
    d.text(72, 290, "TJ -250 x2:", size=size)
    tj(200, 290, ["|S3", -250, "S", -250, "R|"], "TJ array [(|S3) -250 (S) -250 (R|)]: 3 pt gaps")
    d.text(72, 330, "TJ -60 kern:", size=size)
    tj(200, 330, ["|S", -60, "1", -60, "SO|"], "TJ array with -60 kerning (0.72 pt): stays one word")
    d.save()


def make_glyph_per_operator():
    d = Doc("templates/glyph-per-operator.pdf", "One glyph per text operator")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Anchors drawn one glyph per operator", font="Helvetica-Bold", size=14)
    size = 12
    fres = d.font_res("Helvetica")

    def adv(ch):
        return sw(ch, "Helvetica", size)

    # 1. a separate BT ... ET per glyph, absolute Tm at each glyph's exact advance position
    text, x0, base = "|S1SR|", 200.0, 130.0
    d.text(72, base, "BT/ET per glyph:", size=size)
    x = x0
    for ch in text:
        d.literal("BT %s %g Tf 1 0 0 1 %s %s Tm (%s) Tj ET" % (fres, size, fmt(x), fmt(d.H - base), ch))
        x += adv(ch)
    d.add_anchor(text, d.span_box(x0, base, text, 0, len(text), "Helvetica", size), size,
                 note="separate BT/ET and Tm for every glyph")

    # 2. one BT, a Tj per glyph with relative Td moves
    text, x0, base = "|S2SR|", 200.0, 170.0
    d.text(72, base, "Tj + Td per glyph:", size=size)
    ops = ["BT %s %g Tf %s %s Td" % (fres, size, fmt(x0), fmt(d.H - base))]
    for k, ch in enumerate(text):
        if k:
            ops.append("%s 0 Td" % fmt(adv(text[k - 1])))
        ops.append("(%s) Tj" % ch)
    ops.append("ET")
    d.literal(" ".join(ops))
    d.add_anchor(text, d.span_box(x0, base, text, 0, len(text), "Helvetica", size), size,
                 note="one BT; a Tj per glyph separated by Td moves equal to the advance")

    # 3. glyphs drawn last-to-first at their correct positions
    text, x0, base = "|S1TR|", 200.0, 210.0
    d.text(72, base, "reverse drawing order:", size=size)
    xs, x = [], x0
    for ch in text:
        xs.append(x)
        x += adv(ch)
    for ch, gx in reversed(list(zip(text, xs))):
        d.literal("BT %s %g Tf 1 0 0 1 %s %s Tm (%s) Tj ET" % (fres, size, fmt(gx), fmt(d.H - base), ch))
    d.add_anchor(text, d.span_box(x0, base, text, 0, len(text), "Helvetica", size), size,
                 note="glyphs drawn right-to-left (last glyph first) at their correct positions")

    # 4. glyphs drawn with a separate Tj each but in one text object, no positioning at all
    text, x0, base = "|S2TO|", 200.0, 250.0
    d.text(72, base, "Tj per glyph, no moves:", size=size)
    ops = ["BT %s %g Tf 1 0 0 1 %s %s Tm" % (fres, size, fmt(x0), fmt(d.H - base))]
    ops += ["(%s) Tj" % ch for ch in text]
    ops.append("ET")
    d.literal(" ".join(ops))
    d.add_anchor(text, d.span_box(x0, base, text, 0, len(text), "Helvetica", size), size,
                 note="one Tj per glyph; the pen advances by itself")
    d.save()


def fmt(v):
    s = ("%.4f" % v).rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


def make_ligature():
    d = Doc("templates/ligature.pdf", "Ligature glyphs and curly quotes next to anchors")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Ligatures", font="Helvetica-Bold", size=14)
    d.text(72, 130, "Of\ufb01ce \ufb02oor certi\ufb01ed |S1SR|", font="DejaVuSans", size=12,
           note="preceded by words using U+FB01/U+FB02 ligature characters")
    d.text(72, 170, "The \u201cTenant\u201d signs here: |T1SR|", font="DejaVuSans", size=12,
           note="preceded by a curly-quoted word")
    d.text(72, 210, "Con\ufb01rmed by the of\ufb01cer: |S1DSR|", font="DejaVuSans", size=12)
    d.notes.append("The ligatures are real characters U+FB01/U+FB02 in the text (ToUnicode maps "
                   "each glyph to the ligature code point), as some producers emit them.")
    d.save()


def make_hidden():
    d = Doc("templates/hidden.pdf", "White, tiny and invisible anchors")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Hidden anchors", font="Helvetica-Bold", size=14)
    d.text(72, 130, "White text:", size=12)
    d.text(200, 130, "|S1SR|", size=12, color=(1, 1, 1), note="white on white")
    d.text(72, 170, "4 pt text:", size=12)
    d.text(200, 170, "|S1TR|", size=4, note="4 pt")
    d.text(72, 210, "2 pt text:", size=12)
    d.text(200, 210, "|S1DSR|", size=2, note="2 pt")
    d.text(72, 250, "Invisible (Tr 3):", size=12)
    d.text(200, 250, "|S1INR|", size=12, mode=3, note="text render mode 3 (invisible)")
    d.text(72, 290, "Normal:", size=12)
    d.text(200, 290, "|S2SR|", size=12)
    d.save()


def make_edges():
    d = Doc("templates/edges.pdf", "Anchors at the page edges")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Anchors at the edges", font="Helvetica-Bold", size=14)
    # flush against the right edge; 8 pt so that x / width > 0.949
    d.text(d.W, 200, "|S1SR|", size=8, align="right", note="flush right: x fraction > 0.949")
    # at the very bottom
    d.text(72, d.H - 3, "|S2SR|", size=12, note="bottom of the page: y fraction > 0.949")
    # text field whose x + 0.2 >= 1
    d.text(500, 300, "|S1TR|", size=12, note="text field near the right edge: x + 0.2 >= 1")
    # top-left corner: box starts at (0, 0)
    asc, _ = font_metrics("Helvetica")
    d.text(0, asc * 12, "|S1INR|", size=12, note="top-left corner: box at x = 0, y = 0")
    d.save()


def make_wrapped():
    d = Doc("templates/wrapped.pdf", "Anchors broken across lines and pages")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Wrapped anchors", font="Helvetica-Bold", size=14)
    size = 11
    d.text(72, 130, "The first signer signs here: |S1SR|", size=size)
    # |S2S ends line 1, R| starts line 2
    line1 = "The second signer is asked to sign at the end of this long line here: |S2S"
    line2 = "R| and then to initial every page of the schedule."
    x1 = d.text(72, 170, line1, size=size)
    x2 = d.text(72, 170 + 13.5, line2, size=size)
    b1 = d.span_box(x1, 170, line1, len(line1) - 4, len(line1), "Helvetica", size)
    b2 = d.span_box(x2, 170 + 13.5, line2, 0, 2, "Helvetica", size)
    d.wrapped.append({"text": "|S2SR|", "parts": ["|S2S", "R|"], "page_numbers": [1, 1],
                      "boxes": [{k: r4(v) for k, v in b1.items()}, {k: r4(v) for k, v in b2.items()}],
                      "reason": "line_break"})
    # |S3S at the bottom of page 1, R| at the top of page 2
    line3 = "The third signer signs at the bottom of this page: |S3S"
    base3 = d.H - 40
    x3 = d.text(72, base3, line3, size=size)
    b3 = d.span_box(x3, base3, line3, len(line3) - 4, len(line3), "Helvetica", size)
    d.page()
    line4 = "R| (continued from the previous page)."
    x4 = d.text(72, 60, line4, size=size)
    b4 = d.span_box(x4, 60, line4, 0, 2, "Helvetica", size)
    d.wrapped.append({"text": "|S3SR|", "parts": ["|S3S", "R|"], "page_numbers": [1, 2],
                      "boxes": [{k: r4(v) for k, v in b3.items()}, {k: r4(v) for k, v in b4.items()}],
                      "reason": "page_break"})
    d.text(72, 100, "Witnessed by: |S4SR|", size=size)
    d.save()


HEBREW_WORD = "\u05e9\u05dc\u05d5\u05dd"  # shalom, logical order
HEBREW_LINE = "\u05d7\u05ea\u05d9\u05de\u05d4 \u05e9\u05dc \u05d4\u05dc\u05e7\u05d5\u05d7"  # "signature of the client"
ARABIC_LINE = "\u062a\u0648\u0642\u064a\u0639 \u0627\u0644\u0639\u0645\u064a\u0644"  # "client signature", unshaped


def visual(s):
    """Visual (left-to-right drawing) order of a purely right-to-left run."""
    return s[::-1]


def make_bidi():
    d = Doc("templates/bidi.pdf", "Right-to-left text next to anchors")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Right-to-left text", font="Helvetica-Bold", size=14)
    # logical "<hebrew> |S1SR|" in a left-to-right paragraph: hebrew word (drawn reversed), then anchor
    d.text(72, 130, visual(HEBREW_WORD) + " |S1SR|", font="DejaVuSans", size=12,
           note="preceded by a Hebrew word drawn in visual order")
    # a Hebrew-only line, right aligned (RTL paragraph)
    d.text(d.W - 72, 170, visual(HEBREW_LINE), font="DejaVuSans", size=12, align="right")
    # an Arabic-only line (isolated letter forms, no shaping), right aligned
    d.text(d.W - 72, 210, visual(ARABIC_LINE), font="DejaVuSans", size=12, align="right")
    # RTL paragraph ending with an anchor: logical "<hebrew>: |S2SR|" -> visual "|S2SR| :<hebrew>"
    d.text(d.W - 72, 250, "|S2SR| :" + visual(HEBREW_LINE), font="DejaVuSans", size=12, align="right",
           note="anchor at the logical end of a right-aligned Hebrew line (drawn at its left)")
    d.text(72, 290, "English text follows so that the page's primary direction is left to right.",
           font="DejaVuSans", size=12)
    d.notes.append("Hebrew/Arabic glyphs are drawn in visual order (as a PDF producer lays them "
                   "out); Arabic letters are unshaped isolated forms.")
    d.save()


def make_multi_page():
    d = Doc("templates/multi-page.pdf", "Three pages, anchors on pages 1 and 3")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Service agreement", font="Helvetica-Bold", size=16)
    base = d.para(72, 120, BODY)
    d.text(72, base + 20, "Signer 1: |S1SR|   Date: |S1DSR|", size=11)
    d.text(72, base + 50, "Signer 2: |S2SR|   Date: |S2DSR|", size=11)
    d.page()
    d.text(72, 72, "Schedule of services", font="Helvetica-Bold", size=14)
    d.para(72, 100, ["This page has plain text only and no anchors.",
                     "1. Monthly maintenance of the premises.",
                     "2. Quarterly inspection and report.",
                     "3. Emergency call-out within 24 hours."])
    d.page()
    d.text(72, 72, "Acceptance", font="Helvetica-Bold", size=14)
    d.text(72, 110, "Signer 1 initials: |S1INR|", size=11)
    d.text(72, 140, "Signer 2 initials: |S2INR|", size=11)
    d.text(72, 170, "Signer 1 job title: |S1TR|", size=11)
    d.text(72, 200, "Signer 2 job title (optional): |S2TO|", size=11)
    d.save()


# =====================================================================================
# envelope/
# =====================================================================================

def make_envelope():
    d = Doc("envelope/nda.pdf", "Mutual non-disclosure agreement")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Mutual non-disclosure agreement", font="Helvetica-Bold", size=16)
    d.para(72, 120, BODY + ["Confidential information stays confidential for five years."])
    d.page()
    d.text(72, 72, "Signatures", font="Helvetica-Bold", size=14)
    d.text(72, 110, "Disclosing party: |S1SR|", size=11)
    d.text(320, 110, "Date: |S1DSR|", size=11)
    d.text(72, 150, "Receiving party: |S2SR|", size=11)
    d.text(320, 150, "Date: |S2DSR|", size=11)
    d.save()

    d = Doc("envelope/schedule.pdf", "Schedule 1")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Schedule 1: confidential information", font="Helvetica-Bold", size=16)
    d.para(72, 120, ["Product road maps, price lists and customer lists.",
                     "Company registration number (to be completed by the receiving party):"])
    d.text(72, 160, "|S2TR{\"nm\":\"company_number\"}|", size=11)
    d.text(72, 200, "Initials: |S1INR|", size=11)
    d.text(320, 200, "Initials: |S2INR|", size=11)
    d.save()

    d = Doc("envelope/annex.pdf", "Annex A")
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Annex A: return of materials", font="Helvetica-Bold", size=16)
    d.text(72, 130, "I confirm materials were returned: |S2CBR|", size=11)
    d.text(72, 160, "Certificate of destruction (optional): |S2AO|", size=11)
    d.text(72, 200, "Disclosing party: |S1SR|", size=11)
    d.text(72, 230, "Receiving party: |S2SR|", size=11)
    d.save()


# =====================================================================================
# broken/
# =====================================================================================

ENCRYPTED = [
    # file, qpdf key-length args, notes
    ("broken/encrypted-rc4-40.pdf", ["40"], "RC4 40-bit, /V 1 /R 2"),
    ("broken/encrypted-rc4-128.pdf", ["128", "--use-aes=n"], "RC4 128-bit, /V 2 /R 3"),
    ("broken/encrypted-aes-128.pdf", ["128", "--use-aes=y"], "AES-128, /V 4 /R 4 (AESV2)"),
    ("broken/encrypted-aes-256.pdf", ["256"], "AES-256, /V 5 /R 6 (AESV3)"),
]

# AES-256 with a non-ASCII user password.  PDF 2.0 (ISO 32000-2 7.6.4.3.3) says an R6 password is
# SASLprep-processed (RFC 4013: map soft hyphen etc. to nothing, non-ASCII spaces to U+0020,
# NFKC-normalise) and then UTF-8 encoded.  The file's key is made from exactly those bytes:
UNICODE_PASSWORD = "p\u00e4ssw\u00f6rd"  # "pässwörd" in NFC = its SASLprep form
assert unicodedata.normalize("NFKC", UNICODE_PASSWORD) == UNICODE_PASSWORD
UNICODE_PASSWORD_NFD = unicodedata.normalize("NFD", UNICODE_PASSWORD)  # "pa\u0308sswo\u0308rd"
UNICODE_PASSWORD_SOFT_HYPHEN = "p\u00e4ss\u00adw\u00f6rd"  # U+00AD is mapped to nothing


def make_plain_secret(relpath, out_path):
    """The one-page document that the encrypted files carry (written to a temp path)."""
    d = Doc(relpath, "Encrypted fixture", out_path=out_path)
    d.page()
    d.text(72, 60, "|AT|")
    d.text(72, 90, "Encrypted document", font="Helvetica-Bold", size=16)
    d.para(72, 120, BODY)
    d.text(72, 170, "Signer 1: |S1SR|", size=12)
    return d


def qpdf_encrypt(src, dst, user, owner, keyargs, extra=()):
    cmd = ["qpdf", "--static-id", "--static-aes-iv", "--allow-weak-crypto"]
    cmd += ["--encrypt", user, owner] + keyargs + list(extra) + ["--", src, dst]
    subprocess.run(cmd, check=True)


def content_fingerprint(path, password=""):
    """Decrypted page content + page boxes, to tell whether an R6 file is still current."""
    with pikepdf.open(path, password=password) as pdf:
        parts = []
        for p in pdf.pages:
            parts.append(repr(p.mediabox) + repr(p.obj.get("/Rotate")))
            for cs in (p.obj.Contents if isinstance(p.obj.Contents, pikepdf.Array) else [p.obj.Contents]):
                parts.append(cs.read_bytes().hex())
        return "|".join(parts)


def make_broken(force=False):
    bdir = os.path.join(ROOT, "broken")
    os.makedirs(bdir, exist_ok=True)
    with open(os.path.join(bdir, "not-a-pdf.pdf"), "w", encoding="utf-8") as f:
        f.write("This is a plain text file with a .pdf extension, not a PDF.\n"
                "It even mentions |AT| and |S1SR| so that a naive grep would be fooled.\n")
    open(os.path.join(bdir, "empty.pdf"), "wb").close()
    with open(os.path.join(ROOT, "templates", "multi-page.pdf"), "rb") as f:
        data = f.read()
    with open(os.path.join(bdir, "truncated.pdf"), "wb") as f:
        f.write(data[: len(data) // 2])
    for name, code, why in (
            ("not-a-pdf.pdf", "not-a-pdf", "a UTF-8 text file with a .pdf extension (no %PDF- header)"),
            ("empty.pdf", "not-a-pdf", "0 bytes (poppler: 'Document stream is empty')"),
            ("truncated.pdf", "damaged", "templates/multi-page.pdf cut after %d of %d bytes: header "
                                         "and first objects present, no xref/trailer" % (len(data) // 2, len(data)))):
        write_manifest("broken/" + name, {"file": "broken/" + name,
                                          "generator": "Fixtures/Generator/make_fixtures.py",
                                          "expected_error": {"code": code, "why": why}})

    tmp = tempfile.mkdtemp(prefix="tagscan-fx-")
    try:
        # The manifest is written for the encrypted name; the plain PDF goes to a temp file.
        for relpath, keyargs, desc in ENCRYPTED + [
                ("broken/encrypted-aes-256-unicode.pdf", ["256"], "AES-256, /V 5 /R 6, non-ASCII password"),
                ("broken/owner-only.pdf", ["256"], "AES-256, /V 5 /R 6, empty user password")]:
            plain = os.path.join(tmp, os.path.basename(relpath))
            d = make_plain_secret(relpath, plain)
            unicode_pw = relpath.endswith("unicode.pdf")
            owner_only = relpath.endswith("owner-only.pdf")
            user = UNICODE_PASSWORD if unicode_pw else ("" if owner_only else "secret")
            extra = {
                "encryption": desc,
                "user_password": user,
                "owner_password": "owner",
                "open_password": user,
                "opens_without_password": owner_only,
                "error_without_password": None if owner_only else "encrypted",
                "error_with_wrong_password": None if owner_only else "wrong-password",
            }
            if unicode_pw:
                extra["user_password_utf8_hex"] = user.encode("utf-8").hex()
                extra["password_variants"] = [
                    {"form": form, "escaped": pw.encode("unicode_escape").decode("ascii"),
                     "utf8_hex": pw.encode("utf-8").hex(),
                     "opens_as_typed": pw == UNICODE_PASSWORD,
                     "opens_after_saslprep": True}
                    for form, pw in (("NFC", UNICODE_PASSWORD), ("NFD", UNICODE_PASSWORD_NFD),
                                     ("soft hyphen U+00AD inside", UNICODE_PASSWORD_SOFT_HYPHEN))]
                extra["notes_password"] = (
                    "The key was made from the UTF-8 bytes of the NFC string p\u00e4ssw\u00f6rd "
                    "(70c3a4737377c3b67264), which is what SASLprep yields for every variant. "
                    "The NFD and soft-hyphen variants only open if the reader SASLprep-normalises "
                    "the typed password first (poppler 22.12 does not).")
            if owner_only:
                extra["permissions"] = "printing and modification not allowed (owner password 'owner')"
            d.save(extra)
            dst = os.path.join(ROOT, relpath)
            qextra = ["--print=none", "--modify=none"] if owner_only else []
            if keyargs == ["256"] and os.path.exists(dst) and not force:
                try:
                    same = content_fingerprint(dst, user) == content_fingerprint(plain)
                except Exception:
                    same = False
                if same:
                    continue
            qpdf_encrypt(plain, dst, user, "owner", keyargs, qextra)
    finally:
        shutil.rmtree(tmp)


def main():
    force = "--force" in sys.argv[1:]
    for fn in (make_all_roles, make_metadata, make_rotated, make_cropbox, make_letter_spacing,
               make_glyph_per_operator, make_ligature, make_hidden, make_edges, make_wrapped,
               make_bidi, make_multi_page, make_envelope):
        fn()
    make_broken(force=force)
    big = []
    for dp, _, fns in os.walk(ROOT):
        for fn in fns:
            if fn.endswith(".pdf") and os.path.getsize(os.path.join(dp, fn)) > 50 * 1024:
                big.append(fn)
    if big:
        sys.exit("fixtures over 50 KB: %s" % ", ".join(big))


if __name__ == "__main__":
    main()
