#!/usr/bin/env python3
"""Generate the fixtures for custom anchor rules and foreign vendors' tags (Fixtures/dialects/).

Run by hand (never at test time); the outputs are committed:

    python3 Fixtures/Generator/make_dialect_fixtures.py

Needs: python3, reportlab 5.x, and LibreOffice Writer (`soffice`, Debian package
libreoffice-writer-nogui) with the Liberation fonts (fonts-liberation2).

Two producers, on purpose:

* LibreOffice Writer, an office-style producer like the ones real templates come from.  The
  generator writes each document as Flat ODT XML (`dialects/source/*.fodt`, committed too) and
  converts it with `soffice --headless --convert-to pdf`.  LibreOffice embeds subsets of
  Liberation Sans, splits text into runs wherever the formatting changes (a bold word inside a
  tag), and spreads letter-spaced text into separate words, as Word does.  One document per
  dialect: acrobat.pdf, dropbox.pdf, docusign.pdf, docuseal.pdf, documenso.pdf, and
  plain/lease.pdf (plain-words labels for custom rules, next to its plain/tagscan.yml).
  LibreOffice stamps a creation date and a random /ID, so these PDFs are not byte-reproducible;
  their text and geometry are.

* reportlab, for exact geometry: custom-rules.pdf (every custom-rule option is measured against
  it) and mixed.pdf (every dialect drawn the hard way: letter-spaced after other words, one glyph
  per operator, a font change inside a tag, tiny white text, a tag wrapped over two lines).
  Their expected boxes are in dialects/expected/<name>.json, computed the way poppler builds
  glyph boxes for the non-embedded base-14 Helvetica (see Fixtures/README.md):
      x = pen x of the first glyph, width = sum of advances + Tc * (glyphs - 1),
      y = baseline - 0.718 * size, height = 0.925 * size, top-left origin, y down.
  reportlab runs with invariant=1, so these two files are byte-reproducible.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # Fixtures/
OUT = os.path.join(ROOT, "dialects")
SOURCE = os.path.join(OUT, "source")
EXPECTED = os.path.join(OUT, "expected")
A4 = (595.28, 841.89)
HELVETICA_ASCENT, HELVETICA_DESCENT = 0.718, -0.207


def r4(v):
    v = round(float(v), 4)
    return 0.0 if v == 0 else v


# ---------------------------------------------------------------------------------------------
# LibreOffice documents
# ---------------------------------------------------------------------------------------------

# Text styles a run may use inside a paragraph.
TEXT_STYLES = {
    "bold": '<style:text-properties fo:font-weight="bold"/>',
    "white": '<style:text-properties fo:color="#ffffff"/>',
    "spaced": '<style:text-properties fo:letter-spacing="0.12cm"/>',
    "tiny": '<style:text-properties fo:font-size="4pt"/>',
    "title": '<style:text-properties fo:font-size="15pt" fo:font-weight="bold"/>',
}

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title><meta:generator>tagscan Fixtures/Generator/make_dialect_fixtures.py</meta:generator></office:meta>
<office:font-face-decls>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
{styles}
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"


def fodt(title, paragraphs):
    """Flat ODT for `paragraphs`: each a string, or a list of strings and (style, text) runs."""
    styles = "\n".join(
        f' <style:style style:name="{name}" style:family="text">{props}</style:style>' for name, props in TEXT_STYLES.items()
    )
    body = []
    for paragraph in paragraphs:
        runs = [paragraph] if isinstance(paragraph, (str, tuple)) else paragraph
        xml = []
        for run in runs:
            if isinstance(run, tuple):
                style, text = run
                xml.append(f'<text:span text:style-name="{style}">{escape(text)}</text:span>')
            else:
                xml.append(escape(run))
        body.append(f'<text:p text:style-name="Standard">{"".join(xml)}</text:p>')
    return FODT_HEAD.format(title=escape(title), styles=styles) + "\n".join(body) + "\n" + FODT_TAIL


def libreoffice(name, title, paragraphs, out_dir=OUT):
    """Write source/<name>.fodt and convert it to <out_dir>/<name>.pdf with LibreOffice."""
    os.makedirs(SOURCE, exist_ok=True)
    source = os.path.join(SOURCE, name + ".fodt")
    with open(source, "w", encoding="utf-8") as f:
        f.write(fodt(title, paragraphs))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui fonts-liberation2")
    with tempfile.TemporaryDirectory() as tmp:
        # A private profile, so a desktop LibreOffice that is open does not swallow the job.
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, source],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.makedirs(out_dir, exist_ok=True)
        shutil.move(os.path.join(tmp, name + ".pdf"), os.path.join(out_dir, name + ".pdf"))
    print("wrote", os.path.relpath(os.path.join(out_dir, name + ".pdf"), ROOT), "(LibreOffice)")


def libreoffice_fixtures():
    libreoffice("acrobat", "Services agreement (Acrobat Sign text tags)", [
        [("title", "Services Agreement")],
        "Client signature: {{Sig_es_:signer1:signature}}",
        "Client name: {{*ClientName_es_:signer1:fullname}}",
        "Date signed: {{Date1_es_:signer1:date}}",
        "Agreed price: {{!Price_es_:signer1}}",
        "Department: {{Dept_es_:signer1:dropdown:options(Sales,Marketing,Finance)}}",
        "Company stamp: {{Stamp_es_:signer1:stampimage(25)}}",
        # A bold word inside the tag: LibreOffice writes it as three text runs.
        ["Provider initials: {{Int_es_:", ("bold", "signer2"), ":initials}}"],
        "Provider signature (optional): {{OSig_es_:signer2:optsignature}}",
        "Provider company: {{*Company_es_:signer2:company}}",
        "I agree to the terms: {{Agree_es_:signer2:checkbox}}",
        "Broken tag: {{Sig2_es_:signerX:signature}}",
        "Template braces such as {{customer_name}} are not Acrobat Sign tags.",
    ])
    libreoffice("dropbox", "Lease (Dropbox Sign text tags)", [
        [("title", "Lease Agreement")],
        "Tenant signature: [sig|req|signer1]",
        "Date: [date|req|signer1]",
        "Landlord initials: [initial|req|signer2]",
        "Company: [text|noreq|signer2|Company name|company_name]",
        "Phone: [text|req|signer1|Phone number|phone|phone_number]",
        "Pets allowed: [check|noreq|signer2]",
        "Deal: [text-merge|req|sender|Deal id|deal_id]",
        ["Landlord signature: ", ("white", "[sig|req|signer2]")],
        "Broken tag: [sig|req|signerA]",
        "See clause [3] and the table [a|b] for details.",
    ])
    libreoffice("docusign", "Purchase agreement (DocuSign-style anchors)", [
        [("title", "Purchase Agreement")],
        "Buyer signature: \\s1\\",
        "Date: \\d1\\",
        "Seller signature: \\s2\\      Seller initials: \\i2\\",
        "Witness: /sn3/      Date: /date3/",
        "Notes: \\t1\\      I agree: \\c2\\",
        ["Hidden anchor for the buyer: ", ("white", "\\s1\\")],
        ["Letter-spaced: ", ("spaced", "\\s2\\")],
        "Paths are not anchors: C:\\docs\\s1\\file, 1/2/2024, either/or.",
    ])
    libreoffice("docuseal", "Order form (DocuSeal field tags)", [
        [("title", "Order Form")],
        "Client: {{Client Signature;type=signature;role=First Party}}",
        "Signed on: {{Signed;type=datenow;role=First Party}}",
        "Company: {{Company;role=Second Party;required=false;default=ACME Ltd}}",
        ["Phone: {{Phone;type=phone;role=", ("bold", "Second Party"), ";font_size=9}}"],
        "Plan: {{Plan;type=select;role=First Party;options=Basic,Pro}}",
        "Fee: {{Fee;type=payment;role=First Party;price=100}}",
        "Witness: {{Witness Sig;type=signature;role=Witness}}",
        "Birthday: {{DOB;type=date;role=Second Party}}",
        "Broken tag: {{Thing;type=hologram;role=First Party}}",
        "Template variable {{customer_name}} is not a field.",
    ])
    libreoffice("documenso", "Consulting agreement (Documenso placeholders)", [
        [("title", "Consulting Agreement")],
        "Signature: {{signature,r1}}",
        "Date: {{date,r1}}",
        "Full name: {{name,r2}}",
        "Company: {{text,r2,required=true,label=Company_name}}",
        "Units: {{number,r1,fieldId=units,fontSize=9}}",
        "Plan: {{dd,r2}}",
        "I agree: {{cb,r1}}",
        "Initials: {{i,r2}}",
        "Broken tags: {{signature}} and {{signature,x1}}",
    ])
    libreoffice("lease", "Residential lease (plain words)", [
        [("title", "Residential Lease")],
        "This lease is made between the Landlord and the Tenant named below. The Tenant agrees to pay "
        "the rent on the first day of each month. Countersignature: by the agent, where required.",
        "Company name: ______________________",
        "Tenant Signature: ______________________      Date: ______________",
        "Landlord Signature: ____________________      Date: ______________",
    ], out_dir=os.path.join(OUT, "plain"))


# ---------------------------------------------------------------------------------------------
# reportlab documents with known geometry
# ---------------------------------------------------------------------------------------------

class GeometryDoc:
    """A reportlab canvas that records the expected box of each labelled piece of text."""

    def __init__(self, name, title):
        self.name = name
        self.path = os.path.join(OUT, name + ".pdf")
        self.c = rl_canvas.Canvas(self.path, pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("tagscan")
        self.c.setCreator("tagscan Fixtures/Generator/make_dialect_fixtures.py")
        self.items = {}
        self.page_number = 1
        self.W, self.H = A4

    def next_page(self):
        self.c.showPage()
        self.page_number += 1

    def draw(self, x, base, s, font="Helvetica", size=12.0, tc=0.0, color=(0, 0, 0)):
        """Draw s with its baseline `base` pt below the top edge; return the pen x after it."""
        self.c.saveState()
        t = self.c.beginText(x, self.H - base)
        t.setFont(font, size)
        if tc:
            t.setCharSpace(tc)
        t.setFillColorRGB(*color)
        t.textOut(s)
        self.c.drawText(t)
        self.c.restoreState()
        return x + pdfmetrics.stringWidth(s, font, size) + tc * len(s)

    def draw_per_glyph(self, x, base, s, font="Helvetica", size=12.0):
        """One text object per glyph, each at its exact pen position."""
        for ch in s:
            x = self.draw(x, base, ch, font, size)
        return x

    def record(self, label, text, x, base, width, size=12.0, note=None):
        """Expected box (and baseline) of a piece of text starting at pen x."""
        item = {
            "text": text,
            "page_number": self.page_number,
            "box": {"x": r4(x), "y": r4(base - HELVETICA_ASCENT * size), "width": r4(width),
                    "height": r4((HELVETICA_ASCENT - HELVETICA_DESCENT) * size)},
            "baseline": r4(base),
            "font_size": size,
        }
        if note:
            item["note"] = note
        self.items[label] = item

    def span(self, label, x, base, s, start, end, size=12.0, tc=0.0, font="Helvetica", note=None):
        """Record the box of s[start:end] of a string drawn at pen x (draws nothing)."""
        x0 = x + pdfmetrics.stringWidth(s[:start], font, size) + tc * start
        width = pdfmetrics.stringWidth(s[start:end], font, size) + tc * (end - start - 1)
        self.record(label, s[start:end], x0, base, width, size, note)

    def text(self, label, x, base, s, size=12.0, tc=0.0, start=0, end=None, font="Helvetica", note=None, color=(0, 0, 0)):
        """Draw s and record the box of s[start:end] under `label` (None records nothing)."""
        end = len(s) if end is None else end
        self.draw(x, base, s, font, size, tc, color)
        if label:
            self.span(label, x, base, s, start, end, size, tc, font, note)

    def save(self):
        self.c.save()
        os.makedirs(EXPECTED, exist_ok=True)
        manifest = {"file": "dialects/" + self.name + ".pdf",
                    "pages": {"width": A4[0], "height": A4[1], "count": self.page_number},
                    "items": self.items}
        with open(os.path.join(EXPECTED, self.name + ".json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        print("wrote", os.path.relpath(self.path, ROOT), "(reportlab) and its manifest")


def custom_rules_fixture():
    d = GeometryDoc("custom-rules", "Custom anchor rules: measured positions")
    # Page 1: the reading order of "signature:" matches is 100, 160, 220, 280, then page 2.
    d.text("signature_1", 72, 100, "Signature:")
    d.text("countersignature", 72, 130, "Countersignature:")
    d.span("countersignature_inner", 72, 130, "Countersignature:", 7, 17, note="whole_word excludes it")
    d.text("signature_caps", 72, 160, "SIGNATURE:", note="case_sensitive excludes it")
    d.text("date", 72, 190, "Date:")
    d.span("date_word", 72, 190, "Date:", 0, 4)
    d.text("updated", 300, 190, "Updated: 2024", end=8)
    d.span("updated_inner", 300, 190, "Updated: 2024", 2, 6, note="'date' inside a word")
    # Letter-spaced right after other words on its line: poppler splits it into one word per
    # glyph and get_text puts a space between them.
    pen = d.draw(72, 220, "Witness ")
    d.text("signature_spaced", pen, 220, "Signature:", tc=3.0)
    d.text("regex_ref", 72, 250, "Ref. No. 12345-AB", start=5, end=14, note="regex No\\. [0-9]+")
    d.text("signature_lower", 72, 280, "Guarantor signature:", start=10, note="lower case")
    d.text("company", 72, 310, "Company name:")
    d.next_page()
    d.text("signature_page2", 100, 400, "Signature:")
    # Two words far apart on one line: poppler-glib glues them ("InitialsHere") in its text.
    d.text("initials", 72, 450, "Initials")
    d.text("here", 200, 450, "Here")
    d.save()


def mixed_fixture():
    d = GeometryDoc("mixed", "Every dialect drawn the hard way")
    # Acrobat Sign tag letter-spaced (Tc 2) after other words: one word per glyph in poppler.
    pen = d.draw(72, 100, "Client signs here: ")
    d.text("acrobat_spaced", pen, 100, "{{Sig_es_:signer1:signature}}", tc=2.0)
    # Dropbox Sign tag drawn one glyph per text object.
    pen = d.draw(72, 140, "Landlord: ")
    tag = "[sig|req|signer2]"
    d.draw_per_glyph(pen, 140, tag)
    d.record("dropbox_per_glyph", tag, pen, 140, pdfmetrics.stringWidth(tag, "Helvetica", 12.0))
    # DocuSeal tag whose role is set in bold: a font change inside the tag.
    pen = d.draw(72, 180, "Buyer: ")
    start = pen
    pen = d.draw(pen, 180, "{{Buyer;type=signature;role=")
    pen = d.draw(pen, 180, "First Party", font="Helvetica-Bold")
    pen = d.draw(pen, 180, "}}")
    d.record("docuseal_bold", "{{Buyer;type=signature;role=First Party}}", start, 180, pen - start)
    # DocuSign-style anchor in 3 pt white text.
    pen = d.draw(72, 220, "Hidden: ")
    d.text("docusign_white", pen, 220, "\\s1\\", size=3.0, color=(1, 1, 1))
    # Documenso placeholder broken over two lines, and a whole one below.
    d.text(None, 72, 260, "The second party signs: {{signature,")
    d.text(None, 72, 275, "r2}} after reading the terms.")
    d.text("documenso_initials", 72, 310, "Initials: {{initials,r2}}", start=10)
    d.save()


def main():
    os.makedirs(OUT, exist_ok=True)
    custom_rules_fixture()
    mixed_fixture()
    libreoffice_fixtures()


if __name__ == "__main__":
    main()
