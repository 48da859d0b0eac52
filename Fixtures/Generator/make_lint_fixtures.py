#!/usr/bin/env python3
"""Generate the lint rule fixtures: one PDF that triggers each rule and one near miss that does not.

Run by hand from anywhere (never at test time); the outputs are committed:

    python3 Fixtures/Generator/make_lint_fixtures.py

Needs what make_fixtures.py needs (reportlab 5.x, pikepdf, qpdf, DejaVu Sans) plus Pillow.

Writes Fixtures/lint/<rule-id>/trigger.pdf and clean.pdf for every rule (too-many-files has two
folders, trigger/ with 21 one-page PDFs and clean/ with 3), and Fixtures/lint/directives/*.pdf for
the per-template |tagscan-disable:...| comment anchor.

House rules of these fixtures, so that each one proves exactly one rule:
  * anchors are drawn in white (visible-anchor is the only rule about colour), labels in black;
  * every document has |AT| on page 1 (except missing-header's trigger and industry-type's clean);
  * a clean fixture produces no finding at all except industry-type's information note;
  * a trigger fixture produces its own rule's findings and as few others as its subject allows.
Fixtures/lint/README.md lists what each file holds.
"""

import io
import os
import random
import shutil
import subprocess
import sys
import tempfile

import pikepdf
from PIL import Image
from reportlab.lib.utils import ImageReader

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import BODY, Doc, ROOT  # noqa: E402  (also registers DejaVu Sans)

LINT = os.path.join(ROOT, "lint")
WHITE = (1, 1, 1)
BLACK = (0, 0, 0)


class LintDoc(Doc):
    """A fixture document: make_fixtures' drawing helpers, without its expected-box manifests."""

    def __init__(self, rule, name, title):
        super().__init__("lint/%s/%s.pdf" % (rule, name), title)

    def start(self, heading, header=True, body=True):
        """Page 1: |AT| (white), a heading and the boiler-plate paragraph; returns the next baseline."""
        self.page()
        if header:
            self.text(72, 60, "|AT|", color=WHITE)
        self.text(72, 84, heading, font="Helvetica-Bold", size=14)
        return self.para(72, 108, BODY) + 12 if body else 108

    def row(self, base, label, anchor, size=10.0, color=WHITE, x=320, font="Helvetica", mode=0):
        """A black label at the left margin and an anchor at x on the same baseline."""
        self.text(72, base, label + ":", size=10)
        self.text(x, base, anchor, size=size, color=color, font=font, mode=mode)
        return base + 22

    def save(self, extra=None):
        if self.open_page:
            self.c.showPage()
        self.c.save()
        return self.path


def doc(rule, name, title):
    return LintDoc(rule, name, title)


def rows(d, base, items, **kw):
    for label, anchor in items:
        base = d.row(base, label, anchor, **kw)
    return base


SIGNER_ROWS = [("Signer 1 signature", "|S1SR|"), ("Signer 1 date", "|S1DSR|")]


# ---- anchors broken by layout ---------------------------------------------------------------

def make_anchor_spans_pages():
    for name in ("trigger", "clean"):
        d = doc("anchor-spans-pages", name, "An anchor across a page break")
        base = d.start("Anchor across two pages")
        rows(d, base, [("Signer 1 signature", "|S1SR|")])
        d.text(72, d.H - 40, "Signer 2 signs at the foot of this page:", size=10)
        if name == "trigger":
            d.text(320, d.H - 40, "|S2S", color=WHITE)
        d.page()
        if name == "trigger":
            d.text(72, 60, "R|", color=WHITE)
        else:
            d.text(72, 60, "|S2SR|", color=WHITE)
        d.text(120, 60, "(continued from the previous page)", size=10)
        d.save()


def make_anchor_wraps_line():
    for name in ("trigger", "clean"):
        d = doc("anchor-wraps-line", name, "An anchor wrapped over two lines")
        base = d.start("Anchor wrapped over two lines")
        base = rows(d, base, [("Signer 1 signature", "|S1SR|")])
        d.text(72, base, "Signer 2 is asked to sign at the end of this line:", size=10)
        if name == "trigger":
            d.text(320, base, "|S2S", color=WHITE)
            d.text(72, base + 13.5, "R|", color=WHITE)
        else:
            d.text(320, base, "|S2SR|", color=WHITE)
        d.text(100, base + 13.5, "and initials every page of the schedule.", size=10)
        d.save()


# ---- auto-tag grammar and metadata ----------------------------------------------------------

def make_malformed_anchor():
    bad = [("Unknown tag type X", "|S1XR|"), ("Recipient number 31", "|S31SR|"),
           ("No R or O", "|S1S|"), ("Bad metadata JSON", '|S1TR{"nm":}|'), ("Unknown role X", "|X1SR|")]
    good = [("Signature", "|S1SR|"), ("Signer 2 date", "|S2DSR|"), ("Optional signature", "|S1SO|"),
            ("Named text field", '|S1TR{"nm":"company"}|'), ("Signer 2 signature", "|S2SR|")]
    for name, items in (("trigger", bad), ("clean", good)):
        d = doc("malformed-anchor", name, "Anchors that do not parse")
        rows(d, d.start("Malformed anchors"), items)
        d.save()


def make_curly_quotes():
    for name, anchor, font in (("trigger", "|S1TR{\u201cnm\u201d:\u201ccompany\u201d}|", "DejaVuSans"),
                               ("clean", '|S1TR{"nm":"company"}|', "Helvetica")):
        d = doc("curly-quotes", name, "Metadata quotes")
        rows(d, d.start("Metadata typed in Word"), [("Company", anchor)], font=font)
        d.save()


def make_metadata_not_allowed():
    for name, items in (("trigger", [("Signature with a placeholder", '|S1SR{"ph":"Sign here"}|'),
                                     ("Checkbox with a pre-filled value", '|S1CBO{"pf":"yes"}|')]),
                        ("clean", [("Text field with a placeholder", '|S1TR{"ph":"Your name"}|'),
                                   ("Named signature", '|S1SR{"nm":"main_signature"}|')])):
        d = doc("metadata-not-allowed", name, "Metadata on non-text fields")
        rows(d, d.start("Placeholder and pre-filled values"), items)
        d.save()


def make_forbidden_characters():
    for name, items in (("trigger", [("Reference", '|S1TR{"pf":"Ref: 12/B"}|'),
                                     ("Help", '|S1TO{"ph":"<company>"}|')]),
                        ("clean", [("Reference", '|S1TR{"pf":"Ref no. 12-B"}|'),
                                   ("Help", '|S1TO{"ph":"Company name"}|')])):
        d = doc("forbidden-characters", name, "Characters Yoti refuses")
        rows(d, d.start("Pre-filled values"), items, size=9)
        d.save()


def make_tag_name_too_long():
    for name, length in (("trigger", 51), ("clean", 50)):
        tag_name = ("company_registration_number_" + "x" * 40)[:length]
        d = doc("tag-name-too-long", name, "A long tag name")
        rows(d, d.start("Tag names"), [("Registration", '|S1TR{"nm":"%s"}|' % tag_name)], size=7, x=160)
        d.save()


def make_optional_date_signed():
    for name, anchor in (("trigger", "|S1DSO|"), ("clean", "|S1DSR|")):
        d = doc("optional-date-signed", name, "Date signed")
        rows(d, d.start("Date signed"), [("Signer 1 signature", "|S1SR|"), ("Date", anchor)])
        d.save()


def make_missing_header():
    for name in ("trigger", "clean"):
        d = doc("missing-header", name, "The |AT| header")
        rows(d, d.start("Header tag", header=(name == "clean")), SIGNER_ROWS)
        d.save()


# ---- recipients, groups and names -----------------------------------------------------------

def make_radio_groups():
    for name, items in (("trigger", [("Plan A", "|S1RG1R|"), ("Yes", "|S1RG2R|"), ("No", "|S1RG2R|")]),
                        ("clean", [("Plan A", "|S1RG1R|"), ("Plan B", "|S1RG1R|"), ("Yes", "|S1RG2R|"), ("No", "|S1RG2R|")])):
        d = doc("radio-group-too-small", name, "Radio groups")
        rows(d, d.start("Radio buttons"), SIGNER_ROWS + items)
        d.save()
    for name, items in (("trigger", [("Plan A", "|S1RG1R|"), ("Plan B", "|S1RG1O|")]),
                        ("clean", [("Plan A", "|S1RG1R|"), ("Plan B", "|S1RG1R|"), ("Extra a", "|S1RG2O|"), ("Extra b", "|S1RG2O|")])):
        d = doc("radio-group-mixed-required", name, "Radio groups")
        rows(d, d.start("Radio buttons"), SIGNER_ROWS + items)
        d.save()


def make_duplicate_tag_name():
    for name, items in (("trigger", [("Company", '|S1TR{"nm":"company"}|'), ("Company again", '|S1TR{"nm":"company"}|')]),
                        ("clean", [("Signer 1 company", '|S1TR{"nm":"company"}|'), ("Signer 2 company", '|S2TR{"nm":"company"}|')])):
        d = doc("duplicate-tag-name", name, "Tag names")
        rows(d, d.start("Named fields"), items)
        d.save()


def make_recipient_gap():
    for name, numbers in (("trigger", (1, 3)), ("clean", (1, 2, 3))):
        d = doc("recipient-gap", name, "Recipient numbers")
        rows(d, d.start("Signers"), [("Signer %d" % n, "|S%dSR|" % n) for n in numbers])
        d.save()


def make_industry_type():
    d = doc("industry-type", "trigger", "Roles of two industries")
    rows(d, d.start("Lease"), [("Signer 1", "|S1SR|"), ("Tenant 1", "|T1SR|"), ("Landlord 1", "|L1SR|")])
    d.save()
    d = doc("industry-type", "clean", "A document without auto-tags")
    d.start("Plain letter", header=False)
    d.para(72, 200, ["This letter has no auto-tags, so it needs no autotagging value."])
    d.save()


def make_too_many_recipients():
    for name, count in (("trigger", 31), ("clean", 30)):
        d = doc("too-many-recipients", name, "Many recipients")
        base = d.start("Thirty signers", body=False)
        items = [("Signer %d" % n, "|S%dSR|" % n) for n in range(1, 31)]
        if count == 31:
            items.append(("Tenant 1", "|T1SR|"))
        for label, anchor in items:
            d.text(72, base, label + ":", size=8)
            d.text(320, base, anchor, size=8, color=WHITE)
            base += 20
        d.save()


def make_too_many_tags():
    for name, count in (("trigger", 201), ("clean", 200)):
        d = doc("too-many-tags", name, "Many checkboxes")
        base = d.start("Checklist", body=False) + 10
        columns = (72, 200, 328, 456)
        n = 0
        while n < count:
            if base > d.H - 60:
                d.page()
                base = 72
            for x in columns:
                if n == count:
                    break
                d.text(x, base, "%d." % (n + 1), size=7)
                d.text(x + 20, base, "|S1CBO|", size=7, color=WHITE)
                n += 1
            base += 22
        d.save()


# ---- placement --------------------------------------------------------------------------------

def make_tag_clamped():
    for name in ("trigger", "clean"):
        d = doc("tag-clamped", name, "Anchor at the right edge")
        base = d.start("Anchors near the edge")
        if name == "trigger":
            d.text(72, base, "Signer 1 signs at the right edge:", size=10)
            d.text(d.W, base, "|S1SR|", size=8, color=WHITE, align="right")
        else:
            d.row(base, "Signer 1 signature", "|S1SR|", size=8)
        d.save()


def make_tags_overlap():
    for name in ("trigger", "clean"):
        d = doc("tags-overlap", name, "Fields on one line")
        base = d.start("Two fields side by side")
        d.text(72, base, "Company and signature:", size=10)
        d.text(200, base, "|S1TR|", color=WHITE)
        if name == "trigger":
            d.text(260, base, "|S2SR|", color=WHITE)  # inside the text field's 0.2 page width
        else:
            d.text(200, base + 22, "|S2SR|", color=WHITE)
        d.save()


# ---- appearance -------------------------------------------------------------------------------

def make_visible_anchor():
    d = doc("visible-anchor", "trigger", "A visible anchor")
    base = d.start("Anchor colours")
    rows(d, base, [("Signer 1 signature (black)", "|S1SR|")], color=BLACK)
    d.save()
    d = doc("visible-anchor", "clean", "Hidden anchors")
    base = d.start("Anchor colours")
    base = d.row(base, "Signer 1 signature (white)", "|S1SR|", color=WHITE)
    d.row(base, "Signer 1 initials (invisible, 3 Tr)", "|S1INR|", color=BLACK, mode=3)
    d.save()


def make_tiny_anchor():
    for name, sizes in (("trigger", (2.0,)), ("clean", (4.0, 10.0))):
        d = doc("tiny-anchor", name, "Anchor sizes")
        base = d.start("Anchor sizes")
        anchors = ["|S1SR|", "|S1DSR|"]
        for size, anchor in zip(sizes, anchors):
            base = d.row(base, "Anchor at %g pt" % size, anchor, size=size)
        d.save()


def make_foreign_tag():
    for name in ("trigger", "clean"):
        d = doc("foreign-tag", name, "Tags of other vendors")
        base = d.start("Migrated template")
        base = d.row(base, "Signer 1 signature", "|S1SR|")
        if name == "trigger":
            base = d.row(base, "Acrobat Sign leftover", "{{Sig_es_:signer1:signature}}")
            d.row(base, "Dropbox Sign leftover", "[sig|req|signer1]")
        else:
            d.row(base, "Signer 1 date", "|S1DSR|")
        d.save()


# ---- the file itself --------------------------------------------------------------------------

def make_image_only_page():
    for name in ("trigger", "clean"):
        d = doc("image-only-page", name, "A scanned page")
        rows(d, d.start("Agreement"), SIGNER_ROWS)
        d.page()
        if name == "trigger":
            # A small grey "scan" of a signature block: pixels only, no text.
            img = Image.new("L", (120, 40), 255)
            for x in range(10, 110):
                img.putpixel((x, 30), 0)
            d.c.drawImage(ImageReader(img), 72, d.H - 200, width=240, height=80)
        else:
            d.text(72, 72, "Schedule", font="Helvetica-Bold", size=14)
            d.para(72, 100, ["This page has text: it was not scanned."])
        d.save()


def make_file_too_large():
    for name in ("trigger", "clean"):
        d = doc("file-too-large", name, "File size")
        base = d.start("A template with a photograph" if name == "trigger" else "A small template")
        rows(d, base, SIGNER_ROWS)
        if name == "trigger":
            # Noise does not compress: about 30 kB of image data.
            rng = random.Random(7)
            img = Image.frombytes("RGB", (100, 100), bytes(rng.randrange(256) for _ in range(30000)))
            d.c.drawImage(ImageReader(img), 72, 200, width=200, height=200)
        d.save()


def make_too_many_files():
    for name, count in (("trigger", 21), ("clean", 3)):
        folder = os.path.join(LINT, "too-many-files", name)
        shutil.rmtree(folder, ignore_errors=True)
        for n in range(1, count + 1):
            d = LintDoc("too-many-files", "%s/part-%02d" % (name, n), "Envelope part %d" % n)
            d.page()
            d.text(72, 60, "|AT|", color=WHITE)
            d.text(72, 84, "Part %d" % n, font="Helvetica-Bold", size=14)
            d.row(120, "Signer 1 initials", "|S1INR|")
            d.save()


def make_encrypted():
    clean = doc("encrypted", "clean", "Encrypted template")
    rows(clean, clean.start("Encrypted template"), SIGNER_ROWS)
    path = clean.save()
    subprocess.run(["qpdf", "--static-id", "--static-aes-iv", "--encrypt", "secret", "owner", "128", "--use-aes=y",
                    "--", path, os.path.join(LINT, "encrypted", "trigger.pdf")], check=True)


def make_javascript():
    clean = doc("javascript", "clean", "Template with a script")
    rows(clean, clean.start("Template"), SIGNER_ROWS)
    path = clean.save()
    with pikepdf.open(path) as pdf:
        action = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hello');")))
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("hello"), action])))
        pdf.Root.OpenAction = action
        pdf.save(os.path.join(LINT, "javascript", "trigger.pdf"), static_id=True, deterministic_id=False)


def make_unreadable():
    clean = doc("unreadable", "clean", "A readable template")
    rows(clean, clean.start("Readable"), SIGNER_ROWS)
    path = clean.save()
    with open(path, "rb") as f:
        data = f.read()
    with open(os.path.join(LINT, "unreadable", "trigger.pdf"), "wb") as f:
        f.write(data[: len(data) // 2])


# ---- per-template directives ------------------------------------------------------------------

def make_directives():
    d = LintDoc("directives", "disable", "Rules turned off in the template")
    base = d.start("Directive")
    d.text(72, 72, "|tagscan-disable:visible-anchor,tiny-anchor|", size=6, color=WHITE)
    base = d.row(base, "Signer 1 signature (black)", "|S1SR|", color=BLACK)
    d.row(base, "Date (2 pt)", "|S1DSR|", size=2)
    d.save()
    d = LintDoc("directives", "same-without", "The same template without the directive")
    base = d.start("Directive")
    base = d.row(base, "Signer 1 signature (black)", "|S1SR|", color=BLACK)
    d.row(base, "Date (2 pt)", "|S1DSR|", size=2)
    d.save()
    d = LintDoc("directives", "unknown-rule", "A directive naming no rule")
    base = d.start("Directive")
    d.text(72, 72, "|tagscan-disable:visible-anchors|", size=6, color=WHITE)
    d.row(base, "Signer 1 signature", "|S1SR|")
    d.save()


def make_spaced_anchor():
    for name, items in (("trigger", [("Signer 1 signature", "| S1SR |"), ("Signer 1 date", "|S1 DSR|")]),
                        ("clean", SIGNER_ROWS)):
        d = doc("spaced-anchor", name, "Spaces typed inside the pipes")
        rows(d, d.start("Spaced anchors"), items)
        d.save()


def make_anchor_outside_page():
    for name in ("trigger", "clean"):
        d = doc("anchor-outside-page", name, "Anchors beyond the page edge")
        base = rows(d, d.start("Anchors beyond the page edge"), SIGNER_ROWS)
        d.text(72, base, "Signer 2 signs here:", size=10)
        # Wholly beyond the right edge, and half beyond the left edge.
        d.text(d.W + 30 if name == "trigger" else 320, base, "|S2SR|", color=WHITE)
        d.text(72, base + 22, "Signer 2 date:", size=10)
        d.text(-14 if name == "trigger" else 320, base + 22, "|S2DSR|", color=WHITE)
        d.save()


def make_page_incomplete():
    """The same signer rows twice; the trigger's page also draws a second content stream behind
    /JBIG2Decode that starts with a region and no page-information segment, so poppler gives up
    on it part-way through the page."""
    import pikepdf

    for name in ("trigger", "clean"):
        d = doc("page-incomplete", name, "A page cut short")
        rows(d, d.start("Agreement"), SIGNER_ROWS)
        path = d.save()
        if name == "trigger":
            region = (1).to_bytes(4, "big") + bytes([38, 0, 1]) + (26).to_bytes(4, "big") + bytes(26)
            with pikepdf.open(path, allow_overwriting_input=True) as pdf:
                page = pdf.pages[0]
                extra = pdf.make_stream(region)
                extra.Filter = pikepdf.Name.JBIG2Decode
                contents = page.obj.Contents
                items = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
                page.obj.Contents = pikepdf.Array(items + [extra])
                pdf.save(path, static_id=True)


def main():
    only = set(sys.argv[1:])  # names of make_* functions: regenerate just those
    for fn in (make_anchor_spans_pages, make_anchor_wraps_line, make_malformed_anchor, make_curly_quotes,
               make_metadata_not_allowed, make_forbidden_characters, make_tag_name_too_long,
               make_optional_date_signed, make_missing_header, make_radio_groups, make_duplicate_tag_name,
               make_recipient_gap, make_industry_type, make_too_many_recipients, make_too_many_tags,
               make_tag_clamped, make_tags_overlap, make_visible_anchor, make_tiny_anchor, make_foreign_tag,
               make_image_only_page, make_file_too_large, make_too_many_files, make_encrypted, make_javascript,
               make_unreadable, make_page_incomplete, make_directives, make_spaced_anchor, make_anchor_outside_page):
        if not only or fn.__name__ in only:
            fn()
    sizes = []
    for dp, _, fns in os.walk(LINT):
        for fn in fns:
            if fn.endswith(".pdf"):
                sizes.append((os.path.getsize(os.path.join(dp, fn)), os.path.relpath(os.path.join(dp, fn), LINT)))
    big = [p for s, p in sizes if s > 50 * 1024]
    if big:
        sys.exit("fixtures over 50 KB: %s" % ", ".join(big))
    print("%d PDFs, %d bytes in all" % (len(sizes), sum(s for s, _ in sizes)))


if __name__ == "__main__":
    main()
