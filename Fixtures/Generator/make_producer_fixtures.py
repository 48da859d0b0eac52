#!/usr/bin/env python3
"""Contract templates from real PDF producers, for issue 17 (Fixtures/producers/).

Run by hand (never at test time); the outputs are committed:

    python3 Fixtures/Generator/make_producer_fixtures.py            # every producer
    python3 Fixtures/Generator/make_producer_fixtures.py libreoffice chromium

Options: --check also compares the oracle's boxes with poppler's (pdftotext -bbox -cropbox) and
prints the largest differences; producer/case (e.g. pdftex/near-misses) builds one case only.

Needs (see Fixtures/README.md, "Producer fixtures"): LibreOffice Writer (`soffice`), Chromium,
pdfTeX (texlive-latex-base, texlive-fonts-recommended, lmodern), Ghostscript, WeasyPrint,
Tesseract (tesseract-ocr, tesseract-ocr-eng), poppler-utils, and the Python packages
python-docx, pymupdf, pikepdf.

Every case is written once below, as a list of producer-neutral blocks (paragraphs, tables,
newspaper columns, narrow paragraphs, page breaks).  Each producer gets its own source from
those blocks: a .docx made with python-docx (LibreOffice), an HTML page (Chromium, WeasyPrint),
a LaTeX file (pdfTeX).  The sources are written to Fixtures/producers/source/<producer>/ so they
can be opened and read; the PDFs go to Fixtures/producers/<producer>/<case>.pdf.
Ghostscript re-saves the LibreOffice PDFs with pdfwrite; Tesseract OCRs a 250 dpi rendering of
libreoffice/spaced-tags.pdf and writes its own PDF (the picture plus an invisible text layer).
Run the libreoffice producer before those two.

Crop boxes and /Rotate are set afterwards with pikepdf, in user space, from the positions the
oracle reports (so a tag is cut exactly where the case wants it, whatever the producer's layout).

Each PDF is then normalised with pikepdf: the creation/modification dates and the XMP packet are
removed and the /ID is derived from the content, so that a rerun gives the same bytes when the
producer itself is deterministic.  Page content streams are not touched.

The expected results (Fixtures/expected/producers/<producer>/<case>.pdf.json) come from an
independent oracle, PyMuPDF (MuPDF's text extraction, `page.get_text("rawdict")`), never from
tagscan.  Its character boxes are converted to tagscan's geometry (points, origin at the top left
of the page as displayed, i.e. crop box after /Rotate, y down).  The generator fails if the oracle
does not find each declared anchor, near miss, wrap, spaced tag and out-of-crop tag exactly as
many times as the case declares, so a producer that lays a case out differently is caught here.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pikepdf
import pymupdf

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
OUT = os.path.join(FIXTURES, "producers")
SOURCE = os.path.join(OUT, "source")
EXPECTED = os.path.join(FIXTURES, "expected", "producers")
REL = "Fixtures/Generator/make_producer_fixtures.py"

TR_SIGNATORY = '|S1TR{"nm":"Signatory name","ph":"Full name"}|'
TR_TITLE = '|S1TR{"nm":"Title","ph":"Your job title or position"}|'
TR_JOBTITLE = '|S2TR{"nm":"Jobtitle"}|'

FILLER = ("The parties agree that this schedule forms part of the agreement and that each signatory "
          "is authorised to sign it on behalf of the party named above.")

# ---------------------------------------------------------------------------------------------
# The cases, producer-neutral.
#
# Blocks:
#   ("p", runs)                 a paragraph; runs is a str or a list of str / (style, str)
#                               styles: "white" (#ffffff), "small" (6 pt), "bold"
#   ("pr", runs)                the same, right-aligned
#   ("h", text)                 a heading
#   ("table", rows, widths)     a bordered table; rows of cell texts; column widths in points
#   ("cols", left, right)       newspaper columns: two lists of paragraph texts, a column break
#                               between them
#   ("narrow", text, width)     a paragraph only `width` points wide
#   ("fill", n[, extra])        n one-line filler paragraphs, then `extra` points of space
#   ("fill", "auto")            as many as it takes to split `split_across_pages` over the page break
#   ("pagebreak",)
#
# Expectations (each matched by the oracle exactly as often as listed):
#   anchors      tag texts, in reading order; a tag listed twice must be found twice
#   near_misses  (text, kind, suggestion)
#   wrapped      (text, note): a tag broken across lines (or pages)
#   spaced       (text as drawn, tag)
#   outside      (tag, page, wholly)  filled in by the crop post-processing
# ---------------------------------------------------------------------------------------------

SIGNATURE_TABLE = {
    "title": "Signature table",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Signatures"),
        ("p", FILLER),
        ("table", [
            ["Signer 1", "Signer 2"],
            [TR_SIGNATORY, "|S2SR|"],
            [TR_TITLE, TR_JOBTITLE],
            ["|S1DSR|", "|S2DSR|"],
        ], None),
        ("p", "Both parties sign above. Witness, if any: |S3SR|"),
    ],
    "anchors": ["|AT|", "|S2SR|", TR_JOBTITLE, "|S1DSR|", "|S2DSR|", "|S3SR|"],
    "wrapped": [
        (TR_SIGNATORY, "wraps inside its own (left) table cell"),
        (TR_TITLE, "wraps inside its own (left) table cell"),
    ],
    "same_baseline": [(TR_SIGNATORY, "|S2SR|"), (TR_TITLE, TR_JOBTITLE), ("|S1DSR|", "|S2DSR|")],
    "exercises": "Word's two-column signature table: a wrapped |S1TR{...}| in the left cell beside |S2SR| "
                 "and |S2TR{\"nm\":\"Jobtitle\"}| on the first line's baseline, then |S1DSR| | |S2DSR|",
}

TWO_COLUMN = {
    "title": "Two-column terms",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Terms in two columns"),
        ("cols", [
            "1. The Buyer signs here |S1SR|",
            "2. Buyer's initials |S1INR|",
            "3. Date signed |S1DSR|",
            '4. |S1TR{"nm":"Buyer","ph":"Full name of the buyer"}|',
        ], [
            "|S2SR| the Seller signs to confirm the sale.",
            "|S2INR| the Seller initials each page.",
            "|S2DSR| date of the Seller's signature.",
            '|S2TR{"nm":"Seller"}| the Seller\'s name.',
        ]),
        ("p", "End of terms."),
    ],
    "anchors": ["|AT|", "|S1SR|", "|S1INR|", "|S1DSR|", "|S2SR|", "|S2INR|", "|S2DSR|", '|S2TR{"nm":"Seller"}|'],
    "wrapped": [('|S1TR{"nm":"Buyer","ph":"Full name of the buyer"}|', "wraps inside its own (left) column")],
    "same_baseline": [("|S1SR|", "|S2SR|"), ("|S1INR|", "|S2INR|"), ("|S1DSR|", "|S2DSR|"),
                      ('|S1TR{"nm":"Buyer","ph":"Full name of the buyer"}|', '|S2TR{"nm":"Seller"}|')],
    "exercises": "newspaper-style two-column body: each left-column line ends with a tag and the right-column "
                 "line on the same baseline starts with one (|S1SR| ... |S2SR| across the column gap); item 4 "
                 "is a |S1TR{...}| that wraps inside the left column beside |S2TR{\"nm\":\"Seller\"}|",
}

MISSING_PIPE = {
    "title": "Missing closing pipe",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Acceptance"),
        ("p", FILLER),
        ("p", "Sign: |S2SR  |S2DSR|"),
        ("p", "Initials |S6INR |S7INR|"),
        ("p", "|S9SR |S10SR|"),
        ("p", "Sign: |S1SR   Date: |S1DSR|"),
    ],
    "anchors": ["|AT|", "|S2DSR|", "|S7INR|", "|S10SR|", "|S1DSR|"],
    "near_misses": [
        ("|S2SR", "no-closing-pipe", "|S2SR|"),
        ("|S6INR", "no-closing-pipe", "|S6INR|"),
        ("|S9SR", "no-closing-pipe", "|S9SR|"),
        ("|S1SR", "no-closing-pipe", "|S1SR|"),
    ],
    "exercises": "tags missing their closing pipe, followed on the same line (after typed spaces) by a valid tag",
}

SPACED_TAGS = {
    "title": "Spaced tags",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Spaced tags"),
        ("p", FILLER),
        ("p", "Signer 5 signs here: | S5SR |"),
        ("p", "Signer 4 signs here: |S4 SR|"),
        ("p", "Initials of signer 2: | S2INR |"),
        ("p", "Signer 1, as usual: |S1SR|"),
    ],
    "anchors": ["|AT|", "|S1SR|"],
    "spaced": [("| S5SR |", "|S5SR|"), ("|S4 SR|", "|S4SR|"), ("| S2INR |", "|S2INR|")],
    "exercises": "tags typed with spaces inside the pipes (placed, with a warning), beside a normal |S1SR|",
}

NEAR_MISSES = {
    "title": "Near misses",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Near misses"),
        ("p", "Lower-case role: |s1sr|"),
        ("p", "Unknown type: |S1XR|"),
        ("p", "Signer number out of range: |S31SR|"),
        ("p", "Valid, for reference: |S1SR|"),
        ("narrow", 'Witness name: |S2TR{"nm":"Witness name"}| below.', 120),
        ("fill", "auto"),
        ("narrow", 'Guarantor: |S3TR{"nm":"Guarantor name"}|', 140),
        ("p", "Guarantor signs: |S3SR|"),
    ],
    "anchors": ["|AT|", "|S1SR|", "|S3SR|"],
    "near_misses": [
        ("|s1sr|", "lower-case-role", "|S1SR|"),
        ("|S1XR|", "unknown-type", None),
        ("|S31SR|", "number-out-of-range", None),
    ],
    "wrapped": [
        ('|S2TR{"nm":"Witness name"}|', "wraps inside a narrow (120 pt) paragraph, not a table, after the label "
                                         "'Witness name: ' (LibreOffice and WeasyPrint break after the opening '|' "
                                         "too, so there it has three parts)"),
        ('|S3TR{"nm":"Guarantor name"}|', "wraps inside a narrow (140 pt) paragraph across the page break: "
                                           "the tag starts at the bottom of page 1 and ends at the top of page 2 (LibreOffice 7.4 keeps "
                                           "two-line paragraphs together, so a label line comes first)"),
    ],
    "split_across_pages": '|S3TR{"nm":"Guarantor name"}|',
    "exercises": "lower-case role |s1sr|, unknown type |S1XR|, signer 31 |S31SR|, a tag wrapped in a narrow "
                 "paragraph and one wrapped across a page break",
}

CONTROL = {
    "title": "Service agreement",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Service agreement"),
        ("p", FILLER),
        ("p", 'Company: |S1TR{"nm":"Company"}|'),
        ("p", "Signature: |S1SR| Date: |S1DSR|"),
        ("p", "Initials: |S1INR|"),
        ("p", "I would like to receive updates |S2CBO|"),
        ("p", ["Countersignature (the tag is white): ", ("white", "|S2SR|")]),
        ("p", ["Date (the tag is 6 pt): ", ("small", "|S2DSR|")]),
    ],
    "anchors": ["|AT|", '|S1TR{"nm":"Company"}|', "|S1SR|", "|S1DSR|", "|S1INR|", "|S2CBO|", "|S2SR|", "|S2DSR|"],
    "exercises": "control: |AT| on page 1 and valid S, DS, IN, CB and TR tags, a white |S2SR| and a 6 pt |S2DSR|",
}

CROP_BOX = {
    "title": "Crop box",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Crop box"),
        ("p", "Signature: |S1SR|"),
        ("pr", "Witness (cut by the crop box): |S4SR|"),
        ("p", "Date: |S1DSR|"),
        ("pagebreak",),
        ("p", "|S3SR|"),
    ],
    "anchors": ["|AT|", "|S1SR|", "|S1DSR|"],
    "outside": [("|S4SR|", 1, False), ("|S3SR|", 2, True)],
    "post": [("crop_right_through", 1, "|S4SR|"), ("crop_below", 2, "|S3SR|")],
    "exercises": "page 1: |S4SR| cut in half by the crop box's right edge, normal |S1SR| and |S1DSR|; "
                 "page 2: its only text |S3SR| lies wholly outside the crop box (above it)",
}

ROTATED_CROPPED = {
    "title": "Rotated and cropped pages",
    "blocks": [
        ("p", "|AT|"),
        ("h", "Page 1 is turned 90 degrees"),
        ("p", "Signature: |S1SR|"),
        ("pr", "Date: |S1DSR|"),
        ("pagebreak",),
        ("h", "Page 2 has a crop box"),
        ("p", "Initials: |S1INR|"),
        ("pr", "Signature: |S2SR|"),
        ("pagebreak",),
        ("h", "Page 3 is cropped and turned 270 degrees"),
        ("p", "Date: |S2DSR|"),
        ("pr", "Initials: |S2INR|"),
    ],
    "anchors": ["|AT|", "|S1SR|", "|S1DSR|", "|S1INR|", "|S2SR|", "|S2DSR|", "|S2INR|"],
    "post": [("rotate", 1, 90), ("crop_margins", 2, (40, 50, 30, 60)), ("crop_margins", 3, (30, 40, 20, 50)),
             ("rotate", 3, 270)],
    "exercises": "geometry: page 1 /Rotate 90 (the text reads sideways, as after qpdf --rotate), page 2 a crop box "
                 "inset 40/50/30/60 pt (left/bottom/right/top), page 3 both (inset 30/40/20/50, /Rotate 270)",
}

CASES = {
    "signature-table": SIGNATURE_TABLE,
    "two-column": TWO_COLUMN,
    "missing-pipe": MISSING_PIPE,
    "spaced-tags": SPACED_TAGS,
    "near-misses": NEAR_MISSES,
    "control": CONTROL,
    "crop-box": CROP_BOX,
    "rotated-cropped": ROTATED_CROPPED,
}


def runs_of(p):
    return [p] if isinstance(p, (str, tuple)) else p


def run_text(run):
    return run if isinstance(run, str) else run[1]


# ---------------------------------------------------------------------------------------------
# Utilities
# ---------------------------------------------------------------------------------------------

def sh(args, **kw):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def r3(v):
    v = round(float(v), 3)
    return 0.0 if v == 0 else v


def normalise_pdf(path):
    """Drop dates and XMP, derive /ID from the content; leaves page content alone."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        info = pdf.trailer.get("/Info")
        if info is not None:
            for key in ("/CreationDate", "/ModDate"):
                if key in info:
                    del info[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for key in ("/ID", "/DocChecksum"):  # LibreOffice's /DocChecksum includes the date
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.save(path, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)


# ---------------------------------------------------------------------------------------------
# LibreOffice: .docx via python-docx
# ---------------------------------------------------------------------------------------------

def build_docx(case, path):
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor, Cm

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin = sec.bottom_margin = Cm(2)
    normal = d.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.widow_control = False
    text_width = 21 - 5.0  # cm

    def set_cols(section, num):
        sp = section._sectPr
        for old in sp.findall(qn("w:cols")):
            sp.remove(old)
        cols = OxmlElement("w:cols")
        cols.set(qn("w:num"), str(num))
        cols.set(qn("w:space"), "567")  # 1 cm
        sp.append(cols)

    def add_runs(par, p):
        for run in runs_of(p):
            style, text = (None, run) if isinstance(run, str) else run
            r = par.add_run(text)
            if style == "white":
                r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            elif style == "small":
                r.font.size = Pt(6)
            elif style == "bold":
                r.bold = True
        return par

    for block in case["blocks"]:
        kind = block[0]
        if kind == "p":
            add_runs(d.add_paragraph(), block[1])
        elif kind == "pr":
            add_runs(d.add_paragraph(), block[1]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "h":
            d.add_heading(block[1], level=1)
        elif kind == "fill":
            for i in range(block[1]):
                par = d.add_paragraph(f"Clause {i + 1}. The parties agree to this clause.")
            if block[1] and len(block) > 2 and block[2]:
                par.paragraph_format.space_after = Pt(6 + block[2])
        elif kind == "pagebreak":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "narrow":
            par = add_runs(d.add_paragraph(), block[1])
            par.paragraph_format.right_indent = Cm(text_width) - Pt(block[2])
        elif kind == "table":
            rows, widths = block[1], block[2]
            ncols = len(rows[0])
            t = d.add_table(rows=len(rows), cols=ncols)
            t.style = "Table Grid"
            if widths:
                t.autofit = False
                for i, w in enumerate(widths):
                    for cell in t.columns[i].cells:
                        cell.width = Pt(w)
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = t.cell(r, c)
                    add_runs(cell.paragraphs[0], text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            d.add_paragraph()
        elif kind == "cols":
            left, right = block[1], block[2]
            new = d.add_section(WD_SECTION.CONTINUOUS)
            set_cols(new, 2)
            for text in left:
                add_runs(d.add_paragraph(), text)
            for i, text in enumerate(right):
                par = d.add_paragraph()
                if i == 0:  # the break opens the first right-hand paragraph (Word: Insert > Break > Column)
                    par.add_run().add_break(WD_BREAK.COLUMN)
                add_runs(par, text)
            after = d.add_section(WD_SECTION.CONTINUOUS)
            set_cols(after, 1)
        else:
            raise ValueError(kind)
    import datetime
    import io
    import zipfile
    props = d.core_properties
    props.title = case["title"]
    props.author = props.last_modified_by = "tagscan fixtures"
    props.created = props.modified = datetime.datetime(2026, 1, 1)
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    # python-docx stamps the zip entries with the current time; rewrite them with a fixed one
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))


def libreoffice(name, case, out_pdf):
    src_dir = os.path.join(SOURCE, "libreoffice")
    os.makedirs(src_dir, exist_ok=True)
    src = os.path.join(src_dir, name + ".docx")
    build_docx(case, src)
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        sh(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", tmp, src])
        shutil.move(os.path.join(tmp, name + ".pdf"), out_pdf)


# ---------------------------------------------------------------------------------------------
# HTML: Chromium and WeasyPrint
# ---------------------------------------------------------------------------------------------

HTML_STYLE = """
@page { size: %(page)s; margin: 2cm 2.5cm; }
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 11pt; margin: 0; }
p { margin: 0 0 6pt 0; white-space: pre-wrap; orphans: 1; widows: 1; }
h1 { font-size: 16pt; margin: 12pt 0 6pt 0; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; margin-bottom: 6pt; }
td { border: 0.5pt solid #000; padding: 0 5.4pt; vertical-align: top; white-space: pre-wrap; }
tr:first-child td { font-weight: bold; }
.cols { column-count: 2; column-gap: 1cm; }
.colbreak { break-before: column; }
.narrow { overflow-wrap: break-word; }
.white { color: #ffffff; }
.small { font-size: 6pt; }
.bold { font-weight: bold; }
"""


def build_html(case, page="A4"):
    def runs_html(p):
        out = []
        for run in runs_of(p):
            if isinstance(run, str):
                out.append(html.escape(run, quote=False))
            else:
                out.append(f'<span class="{run[0]}">{html.escape(run[1], quote=False)}</span>')
        return "".join(out)

    body = []
    for block in case["blocks"]:
        kind = block[0]
        if kind == "p":
            body.append(f"<p>{runs_html(block[1])}</p>")
        elif kind == "pr":
            body.append(f'<p style="text-align: right">{runs_html(block[1])}</p>')
        elif kind == "h":
            body.append(f"<h1>{html.escape(block[1])}</h1>")
        elif kind == "fill":
            body.extend(f"<p>Clause {i + 1}. The parties agree to this clause.</p>" for i in range(block[1]))
            if len(block) > 2 and block[2]:
                body.append(f'<div style="height: {block[2]}pt"></div>')
        elif kind == "pagebreak":
            body.append('<div style="break-after: page"></div>')
        elif kind == "narrow":
            body.append(f'<p class="narrow" style="width: {block[2]}pt">{runs_html(block[1])}</p>')
        elif kind == "table":
            rows, widths = block[1], block[2]
            t = ["<table>"]
            if widths:
                t.append("<colgroup>" + "".join(f'<col style="width: {w}pt">' for w in widths) + "</colgroup>")
            for row in rows:
                t.append("<tr>" + "".join(f"<td>{runs_html(c)}</td>" for c in row) + "</tr>")
            t.append("</table>")
            body.append("".join(t))
        elif kind == "cols":
            left = "".join(f"<p>{runs_html(t)}</p>" for t in block[1])
            right = "".join(f"<p>{runs_html(t)}</p>" for t in block[2])
            body.append(f'<div class="cols">{left}<div class="colbreak">{right}</div></div>')
        else:
            raise ValueError(kind)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(case['title'])}</title><style>{HTML_STYLE % {'page': page}}</style></head>\n"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n")


def chromium(name, case, out_pdf):
    src_dir = os.path.join(SOURCE, "chromium")
    os.makedirs(src_dir, exist_ok=True)
    src = os.path.join(src_dir, name + ".html")
    with open(src, "w") as f:
        f.write(build_html(case, page="letter"))
    with tempfile.TemporaryDirectory() as tmp:
        sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer", f"--print-to-pdf={out_pdf}", "file://" + src])


def weasyprint(name, case, out_pdf):
    src_dir = os.path.join(SOURCE, "weasyprint")
    os.makedirs(src_dir, exist_ok=True)
    src = os.path.join(src_dir, name + ".html")
    with open(src, "w") as f:
        f.write(build_html(case, page="A4"))
    # fontTools (WeasyPrint's subsetter) stamps the fonts' head.modified from SOURCE_DATE_EPOCH
    sh(["weasyprint", "--quiet", src, out_pdf], env=dict(os.environ, SOURCE_DATE_EPOCH="1767225600"))


# ---------------------------------------------------------------------------------------------
# pdfTeX: LaTeX
# ---------------------------------------------------------------------------------------------

TEX_HEAD = r"""\documentclass[11pt]{article}
\pdfinfoomitdate=1 \pdftrailerid{} \pdfsuppressptexinfo=-1
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[a4paper,margin=2.5cm]{geometry}
\usepackage{array}
\usepackage{multicol}
\usepackage{color}
\input{glyphtounicode}\pdfgentounicode=1
\setlength{\parindent}{0pt}\setlength{\parskip}{6pt}
\hyphenpenalty=10000 \exhyphenpenalty=10000 \clubpenalty=0 \widowpenalty=0 \raggedbottom
\pagestyle{empty}
\pdfinfo{/Title (%(title)s) /Author (tagscan fixtures)}
\begin{document}
"""


def tex_escape(text):
    table = {"|": r"\textbar{}", "{": r"\{", "}": r"\}", '"': r"\textquotedbl{}", "&": r"\&", "%": r"\%",
             "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
             "\\": r"\textbackslash{}"}
    return "".join(table.get(ch, ch) for ch in text)


def build_tex(case):
    def runs_tex(p):
        out = []
        for run in runs_of(p):
            if isinstance(run, str):
                out.append(tex_escape(run))
            elif run[0] == "white":
                out.append(r"\textcolor[rgb]{1,1,1}{" + tex_escape(run[1]) + "}")
            elif run[0] == "small":
                out.append(r"{\fontsize{6}{7}\selectfont " + tex_escape(run[1]) + "}")
            elif run[0] == "bold":
                out.append(r"\textbf{" + tex_escape(run[1]) + "}")
        return "".join(out)

    body = []
    for block in case["blocks"]:
        kind = block[0]
        if kind == "p":
            body.append(runs_tex(block[1]) + "\n")
        elif kind == "pr":
            body.append(r"{\raggedleft " + runs_tex(block[1]) + "\\par}\n")
        elif kind == "h":
            body.append(r"\section*{" + tex_escape(block[1]) + "}\n")
        elif kind == "fill":
            body.extend(f"Clause {i + 1}. The parties agree to this clause.\n" for i in range(block[1]))
            if len(block) > 2 and block[2]:
                body.append(r"\vspace{%spt}" % block[2] + "\n")
        elif kind == "pagebreak":
            body.append(r"\newpage" + "\n")
        elif kind == "narrow":
            body.append(r"{\rightskip=\dimexpr\textwidth-%spt\relax plus 1fil " % block[2] + runs_tex(block[1])
                        + "\\par}\n")
        elif kind == "table":
            rows = block[1]
            col = r">{\raggedright\arraybackslash}p{\dimexpr 0.5\textwidth-2\tabcolsep-1.5\arrayrulewidth\relax}"
            t = [r"\begin{tabular}{|" + "|".join([col] * len(rows[0])) + "|}", r"\hline"]
            for r, row in enumerate(rows):
                cells = [(r"\textbf{" + runs_tex(c) + "}") if r == 0 else runs_tex(c) for c in row]
                t.append(" & ".join(cells) + r" \\ \hline")
            t.append(r"\end{tabular}" + "\n")
            body.append("\n".join(t))
        elif kind == "cols":
            left = "\n".join(runs_tex(t) + "\n" for t in block[1])
            right = "\n".join(runs_tex(t) + "\n" for t in block[2])
            body.append(r"\begin{multicols}{2}" + "\n" + left + r"\columnbreak" + "\n\n" + right
                        + r"\end{multicols}" + "\n")
        else:
            raise ValueError(kind)
    return TEX_HEAD % {"title": case["title"]} + "\n".join(body) + "\\end{document}\n"


def pdftex(name, case, out_pdf):
    src_dir = os.path.join(SOURCE, "pdftex")
    os.makedirs(src_dir, exist_ok=True)
    src = os.path.join(src_dir, name + ".tex")
    with open(src, "w") as f:
        f.write(build_tex(case))
    with tempfile.TemporaryDirectory() as tmp:
        sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory", tmp, src],
           env=dict(os.environ, SOURCE_DATE_EPOCH="1767225600", FORCE_SOURCE_DATE="1"))
        shutil.move(os.path.join(tmp, name + ".pdf"), out_pdf)


# ---------------------------------------------------------------------------------------------
# Ghostscript: pdfwrite re-save of the LibreOffice PDFs
# ---------------------------------------------------------------------------------------------

def ghostscript(name, case, out_pdf):
    src = os.path.join(OUT, "libreoffice", name + ".pdf")
    if not os.path.exists(src):
        sys.exit(f"ghostscript re-saves {src}: run the libreoffice producer first")
    # /AutoRotatePages /None: keep the /Rotate of the source (pdfwrite's default would re-derive
    # it from the text direction and undo the rotated page).
    sh(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dAutoRotatePages=/None",
        f"-sOutputFile={out_pdf}", src])


# ---------------------------------------------------------------------------------------------
# Tesseract: an OCR text layer over a 250 dpi rendering of the LibreOffice PDF
# ---------------------------------------------------------------------------------------------

OCR_DPI = 250  # at 200 and 400 dpi Tesseract 5.3 reads "| S5SR |" as "| SSSR |"


def tesseract(name, case, out_pdf):
    src = os.path.join(OUT, "libreoffice", name + ".pdf")
    if not os.path.exists(src):
        sys.exit(f"tesseract OCRs {src}: run the libreoffice producer first")
    with tempfile.TemporaryDirectory() as tmp:
        sh(["pdftoppm", "-r", str(OCR_DPI), "-png", "-cropbox", src, os.path.join(tmp, "page")])
        pages = sorted(f for f in os.listdir(tmp) if f.endswith(".png"))
        with open(os.path.join(tmp, "list.txt"), "w") as f:
            f.write("".join(os.path.join(tmp, p) + "\n" for p in pages))
        sh(["tesseract", os.path.join(tmp, "list.txt"), os.path.join(tmp, "ocr"), "-l", "eng", "pdf"],
           env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        shutil.move(os.path.join(tmp, "ocr.pdf"), out_pdf)


PRODUCERS = {
    "libreoffice": libreoffice,
    "chromium": chromium,
    "pdftex": pdftex,
    "weasyprint": weasyprint,
    "ghostscript": ghostscript,
    "tesseract": tesseract,
}

# Ghostscript copies the LibreOffice PDF, crop box and /Rotate included: no post-processing.
NO_POST = {"ghostscript", "tesseract"}
# Producers that make only some cases (the others make every case).
CASES_OF = {"tesseract": ["spaced-tags"]}
# What a producer makes of a case differently from the others.
CASE_OVERRIDES = {
    # pdfwrite drops every glyph that lies wholly outside the crop box: |S3SR| is gone (page 2
    # really draws no text now) and only "|S4S" of |S4SR| remains, its last S straddling the edge.
    ("ghostscript", "crop-box"): {
        "outside": [("|S4S", 1, False)],
        "notes": ["Ghostscript's pdfwrite removed the glyphs outside the crop box: page 2 (|S3SR| in the "
                  "LibreOffice original) draws no text at all, and of |S4SR| only \"|S4S\" is left, "
                  "straddling the right edge. A wholly-outside tag cannot be expressed by this producer."],
    },
}
# Producers whose text the oracle reads by position rather than in MuPDF's order.
GEOMETRIC = {"tesseract"}


# ---------------------------------------------------------------------------------------------
# Post-processing: crop boxes and /Rotate, placed from the oracle's positions
# ---------------------------------------------------------------------------------------------

def apply_post(pdf_path, case):
    ops = case.get("post")
    if not ops:
        return
    pages, _ = oracle_pages(pdf_path)  # still unrotated and uncropped: display = user space flipped

    def user_box(tag, page_number):
        hits = [h for h in find_all(pages, tag) if h[0]["page_number"] == page_number]
        if len(hits) != 1:
            sys.exit(f"{pdf_path}: post-processing needs exactly one {tag} on page {page_number}")
        x0, y0, x1, y1 = union(hits[0][1])
        info = hits[0][0]
        cx0, cy0, cx1, cy1 = info["crop_box"]
        return x0 + cx0, cy1 - y1, x1 + cx0, cy1 - y0

    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        for op in ops:
            kind, number = op[0], op[1]
            page = pdf.pages[number - 1]
            mx0, my0, mx1, my1 = [float(v) for v in page.mediabox]
            if kind == "rotate":
                page.obj.Rotate = op[2]
            elif kind == "crop_margins":
                l, b, r, t = op[2]
                page.obj.CropBox = [mx0 + l, my0 + b, mx1 - r, my1 - t]
            elif kind == "crop_right_through":
                ux0, uy0, ux1, uy1 = user_box(op[2], number)
                page.obj.CropBox = [mx0, my0, round((ux0 + ux1) / 2, 2), my1]
            elif kind == "crop_below":
                ux0, uy0, ux1, uy1 = user_box(op[2], number)
                page.obj.CropBox = [mx0, my0, mx1, round(uy0 - 30, 2)]
            else:
                raise ValueError(kind)
        pdf.save(pdf_path, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)


def build_case(producer, name, case, pdf):
    """Build (searching the filler length for a split across pages) and post-process."""
    build = PRODUCERS[producer]
    split = case.get("split_across_pages")

    def attempt(n, extra=0):
        blocks = [("fill", n, extra) if b == ("fill", "auto") else b for b in case["blocks"]]
        build(name, dict(case, blocks=blocks), pdf)
        normalise_pdf(pdf)
        if not split:
            return None
        pages, _ = oracle_pages(pdf)
        hits = find_all(pages, split, allow_wrap=True)
        if not hits:
            sys.exit(f"{pdf}: the oracle cannot find {split}")
        sel = hits[0][1]
        return sel[0]["page"], sel[-1]["page"], sel[0]["box"][1], pages[0][0]["height"]

    if not split:
        attempt(0)
    elif producer == "ghostscript":
        attempt(None)
    else:
        first, last, y0, height = attempt(0)
        _, _, y1, _ = attempt(1)
        pitch = y1 - y0
        n = max(0, int((height - 56 - y0) / pitch) - 2)
        results = {}
        while (first, last) != (1, 2):
            if n in results:  # the whole paragraph jumps from page 1 to page 2: fine-tune the gap
                n = max(k for k, v in results.items() if v[0] == 1)
                for extra in (3, 6, 9, 12, 15):
                    first, last, _, _ = attempt(n, extra)
                    if (first, last) == (1, 2):
                        break
                else:
                    sys.exit(f"{pdf}: no filler length splits {split} across pages")
                break
            first, last, _, _ = results[n] = attempt(n)
            if (first, last) != (1, 2):
                n = n - 1 if first == 2 else n + 1
    if producer not in NO_POST:
        apply_post(pdf, case)


# ---------------------------------------------------------------------------------------------
# The oracle: PyMuPDF
# ---------------------------------------------------------------------------------------------

def geometric_lines(chars, first_id):
    """Re-read a page's characters by position: one line per baseline, left to right, a space
    wherever two glyphs are more than 0.25 em apart.  For Tesseract's text layer, which draws
    some words out of reading order (the closing "|" of "| S5SR |" comes last on the page)."""
    glyphs = [c for c in chars if c["c"] not in ("\n", " ")]
    rows = []
    for c in sorted(glyphs, key=lambda c: (c["origin"][1], c["origin"][0])):
        if rows and abs(rows[-1][0]["origin"][1] - c["origin"][1]) < 0.3 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for n, row in enumerate(rows):
        row.sort(key=lambda c: c["origin"][0])
        for i, c in enumerate(row):
            if i and c["box"][0] - row[i - 1]["box"][2] > 0.25 * c["size"]:
                out.append(dict(row[i - 1], c=" ", line=first_id + n))
            out.append(dict(c, line=first_id + n))
        out.append({"c": "\n", "line": first_id + n, "page": row[0]["page"]})
    return out


def oracle_pages(path, geometric=False):
    """Per page: (info, chars, text) with chars in MuPDF reading order.

    Each char is a dict with c, box (x0, y0, x1, y1) in tagscan's geometry, origin, size, color,
    font, line (a global line id).  `text` is the page's characters joined with "\n" between
    MuPDF lines, and char index i of `text` is chars[i] (the "\n" separators are pseudo-chars).
    """
    doc = pymupdf.open(path)
    pages = []
    line_id = 0
    for page in doc:
        rot = page.rotation_matrix
        obj = pikepdf_page_boxes(path, page.number)
        raw = page.get_text("rawdict", clip=pymupdf.INFINITE_RECT(),
                            flags=pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_MEDIABOX_CLIP)
        chars = []
        for block in raw["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        box = pymupdf.Rect(ch["bbox"]) * rot
                        org = pymupdf.Point(ch["origin"]) * rot
                        chars.append({"c": ch["c"], "page": page.number + 1, "box": tuple(box), "origin": (org.x, org.y), "size": span["size"],
                                      "color": span["color"], "font": span["font"], "line": line_id,
                                      "dir": line["dir"], "alpha": span.get("alpha", 255)})
                chars.append({"c": "\n", "line": line_id, "page": page.number + 1})
                line_id += 1
        if geometric:
            chars = geometric_lines(chars, line_id)
            line_id = max(c["line"] for c in chars) + 1 if chars else line_id
        rect = page.rect
        info = {"page_number": page.number + 1, "width": r3(rect.width), "height": r3(rect.height),
                "rotation": page.rotation, "media_box": obj[0], "crop_box": obj[1]}
        pages.append((info, chars, "".join(c["c"] for c in chars)))
    return pages, doc


def pikepdf_page_boxes(path, index):
    with pikepdf.open(path) as pdf:
        page = pdf.pages[index]
        media = [r3(v) for v in page.mediabox]
        crop = [r3(v) for v in (page.obj.get("/CropBox") or page.mediabox)]
        return media, crop


def tag_regex(text, allow_wrap=False):
    """Regex for `text` in an oracle page text: typed spaces match any run of spaces; with
    allow_wrap, a line break may fall between any two characters or stand for a space."""
    parts = []
    for ch in text:
        if ch == " ":
            parts.append(r"[ \n]+" if allow_wrap else r" +")
        else:
            parts.append(re.escape(ch) + (r"\n?" if allow_wrap else ""))
    return "".join(parts)


def union(chars):
    xs0 = [c["box"][0] for c in chars]
    ys0 = [c["box"][1] for c in chars]
    xs1 = [c["box"][2] for c in chars]
    ys1 = [c["box"][3] for c in chars]
    return min(xs0), min(ys0), max(xs1), max(ys1)


def box_json(b):
    return {"x": r3(b[0]), "y": r3(b[1]), "width": r3(b[2] - b[0]), "height": r3(b[3] - b[1])}


def find_all(pages, text, allow_wrap=False, end_guard=False):
    """Every occurrence of text: list of (page_info, [chars])."""
    pattern = tag_regex(text, allow_wrap)
    if end_guard:
        pattern += r"(?![|A-Za-z0-9{])"
    found = []
    infos = {p[0]["page_number"]: p[0] for p in pages}
    chars = [c for p in pages for c in p[1]]
    joined = "".join(c["c"] for c in chars)
    if True:
        for m in re.finditer(pattern, joined):
            if not allow_wrap and "\n" in m.group(0):
                continue
            sel = [chars[i] for i in range(m.start(), m.end()) if chars[i]["c"] not in ("\n", " ")]
            if allow_wrap and len({c["line"] for c in sel}) < 2:
                continue
            info = infos[sel[0]["page"]]
            found.append((info, sel, [chars[i] for i in range(m.start(), m.end()) if chars[i]["c"] != "\n"]))
    return found


def color_of(c):
    v = c["color"]
    return [r3(((v >> 16) & 255) / 255), r3(((v >> 8) & 255) / 255), r3((v & 255) / 255)]


def anchor_entry(info, sel, text):
    return {"text": text, "page_number": info["page_number"], "box": box_json(union(sel)),
            "origin": [r3(sel[0]["origin"][0]), r3(sel[0]["origin"][1])],
            "font_size": r3(sel[0]["size"]), "color": color_of(sel[0])}


def inside(box, info):
    x0, y0, x1, y1 = box
    return x0 >= -0.01 and y0 >= -0.01 and x1 <= info["width"] + 0.01 and y1 <= info["height"] + 0.01


def manifest(producer, name, case, pdf_path, producer_label):
    pages, doc = oracle_pages(pdf_path, geometric=producer in GEOMETRIC)
    rel = os.path.relpath(pdf_path, FIXTURES)
    out = {"file": rel, "generator": REL, "producer": producer_label, "oracle": f"PyMuPDF {pymupdf.VersionBind}",
           "page_count": len(pages), "pages": [p[0] for p in pages], "anchors": [], "near_misses": [],
           "wrapped": [], "outside_crop": [], "spaced": []}
    out["exercises"] = case["exercises"]
    if case.get("notes"):
        out["notes"] = case["notes"]
    problems = []

    # anchors in reading order of the oracle, each declared tag as often as declared
    wanted = {}
    for t in case.get("anchors", []):
        wanted[t] = wanted.get(t, 0) + 1
    for t, (drawn, _) in [(s[1], (s[0], s[1])) for s in case.get("spaced", [])]:
        wanted[t] = wanted.get(t, 0)
    entries = []
    for t, n in wanted.items():
        hits = [h for h in find_all(pages, t) if inside(union(h[1]), h[0])]
        if len(hits) != n:
            problems.append(f"anchor {t}: oracle finds {len(hits)}, case declares {n}")
        for info, sel, _ in hits:
            entries.append(anchor_entry(info, sel, t))
    for drawn, tag in case.get("spaced", []):
        hits = find_all(pages, drawn)
        if len(hits) != 1:
            problems.append(f"spaced {drawn}: oracle finds {len(hits)}")
        for info, sel, _ in hits:
            e = anchor_entry(info, sel, tag)
            e["drawn_as"] = drawn
            entries.append(e)
            out["spaced"].append({"text": drawn, "tag": tag, "page_number": info["page_number"],
                                  "box": box_json(union(sel))})
    entries.sort(key=lambda e: (e["page_number"], round(e["box"]["y"]), e["box"]["x"]))
    out["anchors"] = entries

    for text, kind, suggestion in case.get("near_misses", []):
        hits = find_all(pages, text, end_guard=True)
        if len(hits) != 1:
            problems.append(f"near miss {text}: oracle finds {len(hits)}")
        for info, sel, _ in hits:
            out["near_misses"].append({"text": text, "page_number": info["page_number"], "kind": kind,
                                       "suggestion": suggestion, "box": box_json(union(sel))})

    for text, note in case.get("wrapped", []):
        hits = find_all(pages, text, allow_wrap=True)
        if len(hits) != 1:
            problems.append(f"wrapped {text}: oracle finds {len(hits)}")
        for info, sel, everything in hits:
            parts, boxes, page_numbers = [], [], []
            by_line = {}
            for c in everything:
                by_line.setdefault(c["line"], []).append(c)
            for line in by_line.values():
                parts.append("".join(c["c"] for c in line).strip(" "))
                boxes.append(box_json(union([c for c in line if c["c"] != " "])))
                page_numbers.append(line[0]["page"])
            breaks = []
            rest = text
            for part in parts[:-1]:
                rest = rest[len(part):]
                typed = rest.startswith(" ")
                breaks.append(f"after {part[-12:]!r}: " + ("the author typed a space there; the line break reads as one space"
                                                          if typed else "no space typed; the line break reads as nothing"))
                rest = rest.lstrip(" ")
            out["wrapped"].append({"text": text, "page_number": info["page_number"], "parts": parts,
                                   "page_numbers": page_numbers, "boxes": boxes,
                                   "note": note + ". Line breaks: " + "; ".join(breaks)})

    for a, b in case.get("same_baseline", []):
        ya = first_baseline(pages, a)
        yb = first_baseline(pages, b)
        if ya is None or yb is None or abs(ya - yb) > 0.05:
            problems.append(f"{a} and {b} are not on one baseline: {ya} vs {yb}")

    for tag, page_number, wholly in case.get("outside", []):
        hits = [h for h in find_all(pages, tag) if h[0]["page_number"] == page_number]
        if len(hits) != 1:
            problems.append(f"outside {tag}: oracle finds {len(hits)}")
        for info, sel, _ in hits:
            b = union(sel)
            is_inside = inside(b, info)
            fully_out = b[2] <= 0 or b[0] >= info["width"] or b[3] <= 0 or b[1] >= info["height"]
            if is_inside or fully_out != wholly:
                problems.append(f"outside {tag}: box {b} does not match wholly={wholly}")
            out["outside_crop"].append({"text": tag, "page_number": page_number, "wholly": wholly,
                                        "box": box_json(b), "outside_by": outside_by(b, info)})
    return out, problems


def first_baseline(pages, text):
    hits = find_all(pages, text) or find_all(pages, text, allow_wrap=True)
    if not hits:
        return None
    sel = hits[0][1]
    return r3(sel[0]["origin"][1])


def outside_by(b, info):
    """How far the box sticks out of the displayed page, per side (points, 0 if not)."""
    return {"left": r3(max(0.0, -b[0])), "top": r3(max(0.0, -b[1])),
            "right": r3(max(0.0, b[2] - info["width"])), "bottom": r3(max(0.0, b[3] - info["height"]))}


def dump_manifest(m):
    """One key per line, one list item per line (the style of Fixtures/expected/templates)."""
    lines = []
    for key, value in m.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# ---------------------------------------------------------------------------------------------

def producer_label(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        info = pdf.trailer.get("/Info") or {}
        parts = [str(info.get(k)) for k in ("/Creator", "/Producer") if k in info]
        return " / ".join(parts)


def poppler_check(pdf_path, m):
    """Cross-check (not a source of expected values): the oracle's anchor boxes against poppler's
    word boxes from `pdftotext -bbox -cropbox`.  Returns (max |dx|, max |dwidth|, max |dy|,
    max |dheight|, anchors poppler does not show as whole words)."""
    xml = sh(["pdftotext", "-bbox", "-cropbox", pdf_path, "-"])
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", xml, re.S):
        words = []
        for x0, y0, x1, y1, w in re.findall(
                r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', page):
            words.append((float(x0), float(y0), float(x1), float(y1), html.unescape(w)))
        pages.append(sorted(words, key=lambda w: (round(w[1]), w[0])))
    worst = [0.0, 0.0, 0.0, 0.0]
    missing = []
    for a in m["anchors"]:
        want = a.get("drawn_as", a["text"]).replace(" ", "")
        words = pages[a["page_number"] - 1]
        best = None
        for i in range(len(words)):
            joined = ""
            for j in range(i, len(words)):
                if abs(words[j][1] - words[i][1]) > 0.5:
                    break
                joined += words[j][4]
                if joined == want:
                    box = (words[i][0], min(w[1] for w in words[i:j + 1]), words[j][2], max(w[3] for w in words[i:j + 1]))
                    b = a["box"]
                    d = (abs(box[0] - b["x"]), abs(box[2] - box[0] - b["width"]), abs(box[1] - b["y"]),
                         abs(box[3] - box[1] - b["height"]))
                    if best is None or d[0] + d[2] < best[0] + best[2]:
                        best = d
                    break
                if not want.startswith(joined):
                    break
        if best is None:
            missing.append(a["text"])
        else:
            worst = [max(w, d) for w, d in zip(worst, best)]
    return [r3(w) for w in worst], missing


def main(argv):
    check = "--check" in argv
    argv = [a for a in argv if a != "--check"]
    wanted = argv or list(PRODUCERS)
    failures = []
    for item in wanted:
        producer, _, only = item.partition("/")
        os.makedirs(os.path.join(OUT, producer), exist_ok=True)
        os.makedirs(os.path.join(EXPECTED, producer), exist_ok=True)
        for name, case in CASES.items():
            if only and name != only:
                continue
            pdf = os.path.join(OUT, producer, name + ".pdf")
            if producer in CASES_OF and name not in CASES_OF[producer]:
                continue
            case = dict(case, **CASE_OVERRIDES.get((producer, name), {}))
            build_case(producer, name, case, pdf)
            m, problems = manifest(producer, name, case, pdf, producer_label(pdf))
            with open(os.path.join(EXPECTED, producer, name + ".pdf.json"), "w") as f:
                f.write(dump_manifest(m))
            status = "ok" if not problems else "PROBLEMS"
            print(f"{producer}/{name}.pdf: {status}")
            for p in problems:
                print("   ", p)
            if check:
                worst, missing = poppler_check(pdf, m)
                print(f"    poppler -bbox vs oracle: max |dx| {worst[0]}, |dw| {worst[1]}, |dy| {worst[2]}, "
                      f"|dh| {worst[3]}; not whole words in poppler: {missing}")
            failures += [f"{producer}/{name}: {p}" for p in problems]
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
