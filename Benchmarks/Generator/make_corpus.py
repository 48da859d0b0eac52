#!/usr/bin/env python3
"""Generate tagscan's benchmark corpus into Benchmarks/.corpus/ (gitignored).

The benchmark suite and Benchmarks/compare.sh run this when a file is missing; by hand:

    python3 Benchmarks/Generator/make_corpus.py                 # whatever is missing
    python3 Benchmarks/Generator/make_corpus.py --force         # everything again
    python3 Benchmarks/Generator/make_corpus.py contract-200    # one item (see ITEMS)

Needs: python3 with reportlab and pikepdf, fonts-dejavu-core, and for the LibreOffice contract
`soffice` (Debian: libreoffice-writer-nogui) with fonts-liberation2.

Writes (relative to the output folder, default Benchmarks/.corpus/):
    contract-2000.pdf       2,000 text-dense A4 pages (45 lines, ~2,300 characters a page),
                            embedded subset TrueType fonts (DejaVu Serif/Sans) with ToUnicode,
                            compressed content streams; auto-tags on every 25th page (one of them
                            white), a /Rotate 90 page every 100 pages, text turned 90 degrees
                            on every 200th page: the shape of a long machine-generated contract.
    contract-10000.pdf      the same generator, 10,000 pages.
    contract-200.pdf        the same generator, 200 pages (for profiling under callgrind).
    dense-2000.pdf          2,000 A4 pages of small print, ~6,500 glyphs a page (13 M glyphs),
                            base-14 Helvetica (not embedded): where tagscan's own per-glyph work
                            shows most against poppler's; auto-tags on every 10th page.
    dense-embedded-2000.pdf the same pages in embedded subset DejaVu Sans with ToUnicode.
    templates/t-NNN.pdf     500 templates of 1-5 pages: half base-14 Helvetica (not embedded),
                            half embedded DejaVu Sans; A4 and US Letter; anchors on page 1 and
                            the last page.
    libreoffice-contract.pdf
                            a long contract (~500 pages) written as a Flat ODT (numbered clauses,
                            tables, footers with page fields, signature blocks with auto-tags,
                            one of them white) and exported by LibreOffice, which embeds its
                            fonts (Liberation Serif/Sans subsets); then normalised by pikepdf
                            for fixed dates and /ID (content streams untouched).
    manifest.json           per file: pages and how many auto-tag anchors were drawn, which
                            the benchmarks check against the scan before timing anything.

Everything is deterministic: fixed seeds, reportlab invariant mode, the same ODT input, and
LibreOffice's timestamps and /ID replaced.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(BENCHMARKS, ".corpus")
# Bump when the generator's output changes, so stale corpora are rebuilt.
VERSION = 1

DEJAVU = "/usr/share/fonts/truetype/dejavu"
for name, file in [("DejaVuSerif", "DejaVuSerif.ttf"), ("DejaVuSans", "DejaVuSans.ttf"),
                   ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(name, os.path.join(DEJAVU, file)))

WORDS = """
agreement party parties supplier customer services deliverables term termination notice
period obligations warranty warranties liability indemnity confidential information
intellectual property rights licence license fees payment invoice days written consent
breach remedy remedies applicable law jurisdiction dispute resolution arbitration force
majeure event circumstances beyond reasonable control including without limitation
subcontractor personnel premises equipment materials specification acceptance tests
schedule milestone charges expenses taxes duties records audit inspection insurance
policy amount coverage claim claims losses damages costs reasonable efforts commercially
affiliate affiliates successor assigns assignment novation transfer change control
procedure variation amendment waiver severance entire understanding representations
counterparts notices address registered office email delivery receipt business day
shall may must will not any all each every such other the a an of to in on by for with
under within from upon between and or as that which where whereas hereby herein thereof
accordance respect relation connection pursuant subject provided however notwithstanding
foregoing prior data protection processing controller processor security measures
""".split()


def sentence(rng):
    n = rng.randint(9, 24)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words.insert(rng.randint(1, n - 1), "(the \u201c%s\u201d)" % rng.choice(WORDS).capitalize())
    return " ".join(words) + "."


def wrap(text, font, size, width):
    """Greedy word wrap by reportlab's own metrics."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = word if not line else line + " " + word
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


# -- The long generated contract ---------------------------------------------------------------

BODY_FONT, BODY_SIZE, LEADING = "DejaVuSerif", 9.5, 15.6
LINES_PER_PAGE = 45
MARGIN_X, TEXT_WIDTH = 120.0, 340.0


class LinePool:
    """Wrapped body lines, produced lazily from a fixed seed: clause headings and paragraphs."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.clause = 0
        self.pending = []

    def next(self):
        while not self.pending:
            self.clause += 1
            self.pending.append(("DejaVuSans-Bold", "%d.  %s" % (self.clause, " ".join(
                self.rng.choice(WORDS).capitalize() for _ in range(self.rng.randint(2, 4))))))
            for sub in range(1, self.rng.randint(2, 5)):
                text = "%d.%d  " % (self.clause, sub) + " ".join(sentence(self.rng) for _ in range(self.rng.randint(2, 5)))
                self.pending += [(BODY_FONT, line) for line in wrap(text, BODY_FONT, BODY_SIZE, TEXT_WIDTH)]
        return self.pending.pop(0)


SIGNERS = ["|S1SR|", "|S2SR|", "|S1DSR|", "|S2DSR|", "|S1INO|"]


def make_contract(path, pages, seed=2000):
    """A text-dense contract; returns the number of auto-tag anchors drawn."""
    c = rl_canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle("Generated services agreement (%d pages)" % pages)
    c.setAuthor("tagscan Benchmarks/Generator/make_corpus.py")
    pool = LinePool(seed)
    width, height = A4
    anchors = 0
    for number in range(1, pages + 1):
        rotated_page = number % 100 == 0
        turned_text = number % 200 == 100
        signature_page = number % 25 == 0 or number == pages
        if rotated_page:
            c.setPageRotation(90)
        # Running header and footer.
        c.setFillColorRGB(0.3, 0.3, 0.3)
        c.setFont("DejaVuSans", 8)
        c.drawString(MARGIN_X, height - 40, "Master Services Agreement \u2014 Confidential")
        c.drawRightString(MARGIN_X + TEXT_WIDTH, 36, "Page %d of %d" % (number, pages))
        c.setFillColorRGB(0, 0, 0)
        y = height - 70
        lines = LINES_PER_PAGE - (6 if signature_page else 0) - (1 if number == 1 else 0)
        if number == 1:
            c.setFont("DejaVuSans-Bold", BODY_SIZE)
            c.drawString(MARGIN_X, y, "|AT|  Master Services Agreement")
            anchors += 1
            y -= LEADING
        for _ in range(lines):
            font, text = pool.next()
            c.setFont(font, BODY_SIZE)
            c.drawString(MARGIN_X, y, text)
            y -= LEADING
        if signature_page:
            y -= LEADING / 2
            c.setFont("DejaVuSans", BODY_SIZE)
            for i, (label, tag) in enumerate([("Signed for the Supplier", SIGNERS[0]), ("Signed for the Customer", SIGNERS[1]),
                                              ("Date", SIGNERS[2]), ("Date", SIGNERS[3])]):
                c.drawString(MARGIN_X, y, label + ":")
                if number % 50 == 0 and i == 0:
                    c.setFillColorRGB(1, 1, 1)  # a hidden (white) anchor, as senders often make them
                c.drawString(MARGIN_X + 150, y, tag)
                c.setFillColorRGB(0, 0, 0)
                anchors += 1
                y -= LEADING
            c.drawString(MARGIN_X, y, "Initials: " + SIGNERS[4])
            anchors += 1
        if turned_text:
            c.saveState()
            c.translate(MARGIN_X + TEXT_WIDTH + 40, 200)
            c.rotate(90)
            c.setFont("DejaVuSans", 9)
            c.drawString(0, 0, "Witness initials |S3INO| (turned text)")
            anchors += 1
            c.restoreState()
        c.showPage()
    c.save()
    return anchors


# -- Dense small print ------------------------------------------------------------------------

DENSE_SIZE, DENSE_LEADING, DENSE_LINES = 7.5, 9.4, 54
DENSE_X, DENSE_WIDTH = 50.0, 495.0


def make_dense(path, pages, embedded, seed=6500):
    """Small print that fills the page; returns the number of auto-tag anchors drawn."""
    font, bold = ("DejaVuSans", "DejaVuSans-Bold") if embedded else ("Helvetica", "Helvetica-Bold")
    rng = random.Random(seed)
    c = rl_canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle("Generated terms and conditions in small print (%d pages)" % pages)
    width, height = A4
    anchors = 0
    pending = []
    clause = 0
    for number in range(1, pages + 1):
        signature_page = number % 10 == 0 or number == pages
        y = height - 48
        for _ in range(DENSE_LINES - (3 if signature_page else 0)):
            if not pending:
                clause += 1
                pending.append((bold, "%d. %s" % (clause, " ".join(rng.choice(WORDS).capitalize() for _ in range(3)))))
                text = " ".join(sentence(rng) for _ in range(rng.randint(4, 9)))
                pending += [(font, line) for line in wrap(text, font, DENSE_SIZE, DENSE_WIDTH)]
            face, text = pending.pop(0)
            c.setFont(face, DENSE_SIZE)
            c.drawString(DENSE_X, y, text)
            y -= DENSE_LEADING
        if signature_page:
            c.setFont(font, DENSE_SIZE)
            y -= DENSE_LEADING
            c.drawString(DENSE_X, y, "Accepted by the customer: |S1SR|   Date: |S1DSR|   Initials: |S1INO|")
            anchors += 3
        c.setFont(font, 6)
        c.drawCentredString(width / 2, 24, "Terms %d / %d" % (number, pages))
        c.showPage()
    c.save()
    return anchors


# -- 500 short templates -----------------------------------------------------------------------

def make_template(path, index):
    rng = random.Random(10_000 + index)
    pages = 1 + index % 5
    size = LETTER if index % 3 == 0 else A4
    embedded = index % 2 == 1
    font, bold = ("DejaVuSans", "DejaVuSans-Bold") if embedded else ("Helvetica", "Helvetica-Bold")
    signers = 1 + index % 3
    c = rl_canvas.Canvas(path, pagesize=size, invariant=1, pageCompression=1)
    c.setTitle("Template %03d" % index)
    width, height = size
    anchors = 0
    text_width = width - 144
    for number in range(1, pages + 1):
        y = height - 72
        if number == 1:
            c.setFont(bold, 14)
            c.drawString(72, y, "Template %03d: %s" % (index, " ".join(rng.choice(WORDS) for _ in range(3)).title()))
            c.setFont(font, 6)
            c.setFillColorRGB(1, 1, 1)
            c.drawString(width - 100, height - 30, "|AT|")
            c.setFillColorRGB(0, 0, 0)
            anchors += 1
            y -= 28
        c.setFont(font, 10.5)
        for _ in range(rng.randint(14, 30)):
            for line in wrap(sentence(rng), font, 10.5, text_width)[:2]:
                c.drawString(72, y, line)
                y -= 14
            if y < 200:
                break
        if number == pages:
            y = 170
            for s in range(1, signers + 1):
                c.drawString(72, y, "Signer %d:" % s)
                c.drawString(150, y, "|S%dSR|" % s)
                c.drawString(300, y, "Date: |S%dDSR|" % s)
                anchors += 2
                y -= 28
            if index % 7 == 0:
                c.drawString(72, y, 'Company: |S1TR{"nm":"company_%d"}|' % index)
                anchors += 1
        c.setFont(font, 8)
        c.drawCentredString(width / 2, 30, "%d / %d" % (number, pages))
        c.showPage()
    c.save()
    return pages, anchors


def make_templates(folder, count=500):
    os.makedirs(folder, exist_ok=True)
    files = {}
    for index in range(1, count + 1):
        name = "t-%03d.pdf" % index
        pages, anchors = make_template(os.path.join(folder, name), index)
        files[name] = {"pages": pages, "anchors": anchors}
    return files


# -- The LibreOffice contract (Flat ODT -> soffice -> PDF with embedded fonts) ----------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Framework Services Contract</dc:title></office:meta>
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="en" fo:country="GB"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.12cm" fo:text-align="justify" fo:line-height="115%"/>
  </style:style>
  <style:style style:name="Clause" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-top="0.3cm" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="12pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="20pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="White" style:family="text"><style:text-properties fo:color="#ffffff"/></style:style>
  <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm" table:align="center"/></style:style>
  <style:style style:name="TblCell" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
  </style:style>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
     fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:footer><text:p text:style-name="Footer">Framework Services Contract \u2014 page <text:page-number text:select-page="current"/> of <text:page-count/></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
"""

FODT_TAIL = """ </office:text></office:body>
</office:document>
"""


def p(text, style="Standard"):
    return '<text:p text:style-name="%s">%s</text:p>\n' % (style, text)


def fodt_contract(clauses=900, seed=330):
    """The ODT body; returns (xml, anchors drawn)."""
    rng = random.Random(seed)
    out = [FODT_HEAD, p("Framework Services Contract", "Title"), p("|AT| This contract is made between the parties below.")]
    anchors = 1
    for clause in range(1, clauses + 1):
        out.append(p("%d. %s" % (clause, escape(" ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(2, 4))))), "Clause"))
        for sub in range(1, rng.randint(3, 6)):
            # Word-processor text: curly quotes, ligature-prone words ("fi", "fl", "ffi").
            body = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
            body = body.replace("confidential", "confidential (first affiliated office)")
            out.append(p("%d.%d %s" % (clause, sub, escape(body))))
        if clause % 40 == 0:
            rows = "".join(
                "<table:table-row>" + "".join(
                    '<table:table-cell table:style-name="TblCell">%s</table:table-cell>' % p(escape(text), "Cell")
                    for text in ("Milestone %d.%d" % (clause, r), " ".join(rng.choice(WORDS) for _ in range(6)), "%d days" % rng.randint(5, 90))
                ) + "</table:table-row>" for r in range(1, 7))
            out.append('<table:table table:name="T%d" table:style-name="Tbl"><table:table-column table:number-columns-repeated="3"/>%s</table:table>\n' % (clause, rows))
        if clause % 50 == 0:
            n = clause // 50
            white = '<text:span text:style-name="White">|S1SR|</text:span>' if n % 3 == 0 else "|S1SR|"
            out.append(p("Acknowledged for the Supplier: %s \u2003 Date: |S1DSR|" % white))
            out.append(p("Acknowledged for the Customer: |S2SR| \u2003 Date: |S2DSR|"))
            anchors += 4
    out.append(p("Signatures", "Clause"))
    out.append(p("Signed for the Supplier: |S1SR| \u2003 Name: |S1TR{\"nm\":\"supplier_name\"}|".replace('"', "&quot;")))
    out.append(p("Signed for the Customer: |S2SR| \u2003 Name: |S2TR{\"nm\":\"customer_name\"}|".replace('"', "&quot;")))
    out.append(p("Witness: |S3SR| \u2003 Date: |S3DSR|"))
    anchors += 6
    out.append(FODT_TAIL)
    return "".join(out), anchors


def make_libreoffice_contract(path):
    import pikepdf

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("make_corpus.py: soffice not found; install libreoffice-writer-nogui (and fonts-liberation2)")
    xml, anchors = fodt_contract()
    with tempfile.TemporaryDirectory(prefix="tagscan-lo-") as work:
        source = os.path.join(work, "libreoffice-contract.fodt")
        with open(source, "w", encoding="utf-8") as f:
            f.write(xml)
        profile = "file://" + os.path.join(work, "profile")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless", "--norestore",
                        "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
        exported = os.path.join(work, "libreoffice-contract.pdf")
        # Fixed dates and /ID; objects and content streams stay as LibreOffice wrote them.
        with pikepdf.open(exported) as pdf:
            for key in ("/CreationDate", "/ModDate"):
                if key in pdf.docinfo:
                    pdf.docinfo[key] = "D:20240101000000Z"
            pages = len(pdf.pages)
            pdf.save(path, static_id=True, compress_streams=False,
                     stream_decode_level=pikepdf.StreamDecodeLevel.none,
                     object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return pages, anchors


# -- Driver ------------------------------------------------------------------------------------

ITEMS = ["contract-2000", "contract-10000", "contract-200", "dense-2000", "dense-embedded-2000", "templates", "libreoffice-contract"]


def build(item, out):
    if item.startswith("dense-"):
        pages = int(item.rsplit("-", 1)[1])
        anchors = make_dense(os.path.join(out, item + ".pdf"), pages, embedded="embedded" in item)
        return {"pages": pages, "anchors": anchors}
    if item.startswith("contract-"):
        pages = int(item.split("-")[1])
        anchors = make_contract(os.path.join(out, item + ".pdf"), pages)
        return {"pages": pages, "anchors": anchors}
    if item == "templates":
        files = make_templates(os.path.join(out, "templates"))
        return {"files": len(files), "pages": sum(f["pages"] for f in files.values()),
                "anchors": sum(f["anchors"] for f in files.values())}
    if item == "libreoffice-contract":
        pages, anchors = make_libreoffice_contract(os.path.join(out, item + ".pdf"))
        return {"pages": pages, "anchors": anchors}
    raise ValueError(item)


def output_path(item, out):
    return os.path.join(out, "templates") if item == "templates" else os.path.join(out, item + ".pdf")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("items", nargs="*", metavar="ITEM", help="what to build: %s (default: all)" % ", ".join(ITEMS))
    parser.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: Benchmarks/.corpus)")
    parser.add_argument("--force", action="store_true", help="rebuild even what exists")
    args = parser.parse_args()
    unknown = [item for item in args.items if item not in ITEMS]
    if unknown:
        parser.error("unknown item(s): %s" % ", ".join(unknown))
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    manifest_path = os.path.join(out, "manifest.json")
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
    if manifest.get("version") != VERSION:
        manifest = {"version": VERSION, "items": {}}
    for item in args.items or ITEMS:
        target = output_path(item, out)
        if not args.force and item in manifest["items"] and os.path.exists(target):
            continue
        if item == "templates" and os.path.isdir(target):
            shutil.rmtree(target)
        print("make_corpus.py: generating %s" % item, file=sys.stderr, flush=True)
        manifest["items"][item] = build(item, out)
        with open(manifest_path + ".tmp", "w") as f:
            json.dump(manifest, f, indent=2, sort_keys=True)
        os.replace(manifest_path + ".tmp", manifest_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
