#!/usr/bin/env python3
"""Fixtures for `tagscan scrub` (Fixtures/scrub/), written as plain PDF by hand.

Run by hand (never at test time); the outputs are committed:

    python3 Fixtures/Generator/make_scrub_fixtures.py

Needs python3 only: every file is written object by object, so each content stream holds exactly
the operators a case is about (an anchor in the middle of a Tj string, split over a kerned TJ
array, drawn by ' and ", in a Form XObject every page shares, on a rotated and cropped page, next
to a ligature glyph, white and tiny, 200 on ten pages), and the cases tagscan must refuse (a
Type3 font, an annotation's appearance stream). Fonts are the standard 14 (not embedded), so
the bytes are deterministic. CID fonts come from the real-producer fixtures (LibreOffice's
embedded TrueType), not from here.
"""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "scrub")

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
# StandardEncoding puts the fi and fl ligature glyphs at 0xAE and 0xAF.
TIMES_STANDARD = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"


class Writer:
    def __init__(self):
        self.objects = []

    def add(self, body):
        self.objects.append(body)
        return len(self.objects)

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, number, body):
        self.objects[number - 1] = body

    def stream(self, dictionary, data, compress=True):
        if compress:
            data = zlib.compress(data, 9)
            dictionary = dictionary + b" /Filter /FlateDecode"
        return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"

    def write(self, path, root):
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 " + str(len(self.objects) + 1).encode() + b"\n0000000000 65535 f \n"
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += b"trailer\n<< /Size " + str(len(self.objects) + 1).encode() + b" /Root " + str(root).encode() + b" 0 R"
        out += b" /ID [<" + b"%032x" % zlib.crc32(bytes(out)) + b"> <" + b"%032x" % zlib.crc32(bytes(out)) + b">] >>\n"
        out += b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"
        with open(path, "wb") as f:
            f.write(out)


def document(name, pages, fonts=None, xobjects=None, extra=None):
    """pages: list of dicts with 'content' (bytes) and optional 'media', 'crop', 'rotate', 'annots'."""
    w = Writer()
    catalog = w.reserve()
    tree = w.reserve()
    font_refs = {}
    for key, body in (fonts or {"F1": HELVETICA}).items():
        font_refs[key] = w.add(body) if isinstance(body, bytes) else body(w)
    resources = b"<< /Font << " + b" ".join(b"/" + k.encode() + b" " + str(v).encode() + b" 0 R" for k, v in font_refs.items()) + b" >>"
    if xobjects:
        refs = {key: make(w, font_refs) for key, make in xobjects.items()}
        resources += b" /XObject << " + b" ".join(b"/" + k.encode() + b" " + str(v).encode() + b" 0 R" for k, v in refs.items()) + b" >>"
    resources += b" >>"
    page_refs = []
    for page in pages:
        content = w.add(w.stream(b"", page["content"]))
        media = page.get("media", (0, 0, 595.28, 841.89))
        body = b"<< /Type /Page /Parent " + str(tree).encode() + b" 0 R /MediaBox [" + " ".join("%g" % v for v in media).encode() + b"]"
        if "crop" in page:
            body += b" /CropBox [" + " ".join("%g" % v for v in page["crop"]).encode() + b"]"
        if "rotate" in page:
            body += b" /Rotate " + str(page["rotate"]).encode()
        if "annots" in page:
            body += b" /Annots [" + b" ".join(str(page["annots"](w, font_refs)).encode() + b" 0 R" for _ in [0]) + b"]"
        body += b" /Resources " + resources + b" /Contents " + str(content).encode() + b" 0 R >>"
        page_refs.append(w.add(body))
    w.set(tree, b"<< /Type /Pages /Count " + str(len(pages)).encode() + b" /Kids [" + b" ".join(str(r).encode() + b" 0 R" for r in page_refs) + b"] >>")
    w.set(catalog, b"<< /Type /Catalog /Pages " + str(tree).encode() + b" 0 R >>")
    w.write(os.path.join(OUT, name), catalog)


def text(x, y, show, size=12, font=b"F1", extra=b""):
    return b"BT /" + font + b" " + str(size).encode() + b" Tf " + extra + b"%g %g Td " % (x, y) + show + b" ET\n"


def rule(x, y, width):
    """Line art under a line of text: the pixel proof must see it unchanged."""
    return b"q 0.5 w 0 0 1 RG %g %g m %g %g l S Q\n" % (x, y - 2, x + width, y - 2)


def main():
    os.makedirs(OUT, exist_ok=True)

    # An anchor in the middle of one Tj string, with line art under the whole line.
    document("mid-string.pdf", [{"content":
        rule(72, 700, 300) +
        text(72, 700, b"(Signature: |S1SR| Date) Tj") +
        text(72, 660, b"(Name: |T1TR| and the rest of the line stays put.) Tj") +
        text(72, 620, b"(|AT|) Tj")}])

    # Split over a TJ array with kerning, character and word spacing, horizontal scaling.
    document("tj-kerning.pdf", [{"content":
        text(72, 700, b"[(Sig) -20 (nature: |S1) 35.5 (S) -12 (R|) -30 ( Date ) 250 (of signing)] TJ", extra=b"0.4 Tc 1.5 Tw 92 Tz ") +
        text(72, 660, b"[(A) 120 (V) -80 (|S2SR|)] TJ [(Wa) 40 (y)] TJ", size=14) +
        text(72, 620, b"14 TL (First line) Tj (Then: |S1DSR| here) ' 2 0.5 (And: |T1TO| there) \" (after) '")}])

    # The same footer Form XObject drawn on every page.
    def footer(w, fonts):
        data = b"BT /F1 9 Tf 72 40 Td (Initials: |S1INR| Page footer) Tj ET"
        return w.add(w.stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595.28 100] /Resources << /Font << /F1 "
                              + str(fonts["F1"]).encode() + b" 0 R >> >>", data))
    document("shared-footer.pdf", [{"content": text(72, 700, b"(Page %d body text.) Tj" % n) + b"q /Fm1 Do Q\n"} for n in (1, 2, 3)],
             xobjects={"Fm1": footer})

    # Rotated and cropped pages.
    document("rotated-cropped.pdf", [
        {"content": text(100, 500, b"(Rotated: |S1SR| end) Tj") + rule(100, 500, 150), "rotate": 90,
         "crop": (50, 50, 545, 792)},
        {"content": text(200, 400, b"(Cropped: |S2SR| end) Tj"), "crop": (150, 300, 500, 600)},
        {"content": text(200, 400, b"(Upside: |T1TR| end) Tj"), "rotate": 180},
    ])

    # Ligature glyphs touching the anchor on both sides (Times StandardEncoding: 0xAE = fi).
    document("ligature.pdf", [{"content":
        text(72, 700, b"(Satis\\256ed|S1SR|\\256nal o\\257ce) Tj", font=b"F2") +
        text(72, 660, b"[(\\256) -10 (|S2SR|) (\\257)] TJ", font=b"F2")}],
        fonts={"F1": HELVETICA, "F2": TIMES_STANDARD})

    # White and tiny anchors over a shaded cell.
    document("white-tiny.pdf", [{"content":
        b"q 0.9 g 60 680 300 40 re f Q\n" +
        text(72, 700, b"(Sign here: ) Tj 1 1 1 rg (|S1SR|) Tj 0 g ( thanks) Tj") +
        text(72, 650, b"(Tiny: ) Tj 1.5 Tf (|S2SR|) Tj 12 Tf ( after) Tj")}])

    # 200 anchors on ten pages.
    pages = []
    for p in range(10):
        lines = []
        for i in range(20):
            n = p * 20 + i
            role = 1 + n % 30
            lines.append(text(60 + 250 * (i % 2), 780 - 36 * (i // 2), b"(Item %d: |S%dSR| ok) Tj" % (n, role), size=10))
        pages.append({"content": b"".join(lines)})
    document("many-anchors.pdf", pages)

    # Nothing to remove: a pipe in prose is not an anchor.
    document("no-anchors.pdf", [{"content": text(72, 700, b"(Plain text, a | pipe and nothing to sign.) Tj")}])

    # What scrub refuses: an anchor drawn by a Type3 font.
    def type3(w):
        proc = w.add(w.stream(b"", b"500 0 0 0 500 700 d1 0 0 500 700 re f", compress=False))
        widths = b" ".join(b"500" for _ in range(32, 127))
        diffs = b" ".join(b"/g%d" % c for c in range(32, 127))
        procs = b" ".join(b"/g%d %d 0 R" % (c, proc) for c in range(32, 127))
        tounicode = w.add(w.stream(b"", b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def "
                                   b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange "
                                   b"endcmap CMapName currentdict /CMap defineresource pop end end"))
        return w.add(b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] "
                     b"/CharProcs << " + procs + b" >> /Encoding << /Type /Encoding /Differences [32 " + diffs + b"] >> "
                     b"/FirstChar 32 /LastChar 126 /Widths [" + widths + b"] /ToUnicode " + str(tounicode).encode() + b" 0 R >>")
    document("type3.pdf", [{"content": text(72, 700, b"(Signature: |S1SR|) Tj", font=b"F3") + text(72, 650, b"(|S2SR|) Tj")}],
             fonts={"F1": HELVETICA, "F3": type3})

    # What scrub refuses: an anchor only in an annotation's appearance stream.
    def annotation(w, fonts):
        appearance = w.add(w.stream(b"/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 "
                                    + str(fonts["F1"]).encode() + b" 0 R >> >>", b"BT /F1 10 Tf 2 5 Td (|S2SR|) Tj ET"))
        return w.add(b"<< /Type /Annot /Subtype /FreeText /Rect [72 600 272 620] /F 4 /DA (/F1 10 Tf 0 g) /Contents (|S2SR|) "
                     b"/AP << /N " + str(appearance).encode() + b" 0 R >> >>")
    document("annotation.pdf", [{"content": text(72, 700, b"(Signature: |S1SR|) Tj"), "annots": annotation}])


if __name__ == "__main__":
    main()
