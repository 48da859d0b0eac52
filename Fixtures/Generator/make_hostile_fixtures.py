#!/usr/bin/env python3
"""Generate tagscan's hostile fixtures (issue 6): files that make poppler 22.12 run for minutes,
grow without bound, loop, or "open" without giving any text.

Run by hand from anywhere (never at test time); the outputs are committed:

    python3 Fixtures/Generator/make_hostile_fixtures.py

Needs: python3 and the qpdf command-line tool (for the encrypted files). Writes
Fixtures/hostile/*.pdf and Fixtures/hostile/manifest.json, which lists every file with the
error code tagscan must report (or "ok") and what the file does to poppler. Every file is
small (the largest is a few kilobytes); the damage is in what they decode to.

Everything except the qpdf-encrypted files is written byte by byte here, with a correct
cross-reference table unless the file is meant to be damaged, so the bytes are the same on
every run. qpdf runs with --static-id and --static-aes-iv; AES-256 files still differ between
runs (qpdf draws their salts at random), so they are only rewritten when missing or with
--force.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # Fixtures/
OUT = os.path.join(ROOT, "hostile")
FORCE = "--force" in sys.argv

MANIFEST = []


def note(name, expected, what, password=None, opens_with=None, needs_memory_cap=False):
    entry = {"file": name, "expected": expected, "what": what}
    if needs_memory_cap:
        entry["needs_memory_cap"] = True
    if password is not None:
        entry["password"] = password
    if opens_with is not None:
        entry["opens_with"] = opens_with
    MANIFEST.append(entry)


def pdf(objects, root=1, trailer_extra=b"", xref=True, header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"):
    """A PDF from a list of object bodies (bytes); object i+1 is objects[i]."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer_extra, start)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_objects(content, extra_resources=b"", extra_objects=()):
    """Catalog 1, Pages 2, Page 3, Contents 4, Font 5, then extra objects from 6 on."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> " + extra_resources + b">> >>",
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        *extra_objects,
    ]


ANCHORS = b"BT /F1 10 Tf 72 730 Td (|AT|) Tj ET\nBT /F1 12 Tf 72 640 Td (Sign here: |S1SR|) Tj ET\n"


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def slow_to_make(name):
    """The bombs take minutes to compress; zlib is deterministic, so an existing file is kept
    unless --force is given."""
    return FORCE or not os.path.exists(os.path.join(OUT, name))


def deflate(data, level=9):
    return zlib.compress(data, level)


def repeated_deflate(unit, total):
    """zlib data for `total` bytes of `unit` repeated, compressed without building it in memory."""
    c = zlib.compressobj(9)
    chunk = unit * (1 << 20 // len(unit))
    out = bytearray()
    left = total
    while left > 0:
        piece = chunk[: min(len(chunk), left)]
        out += c.compress(piece)
        left -= len(piece)
    out += c.flush()
    return bytes(out)


def jbig2_page(width, height, default_pixel=1):
    """An embedded JBIG2 stream of one page-information segment and an end-of-page segment:
    a width x height page with no regions, all pixels `default_pixel`. poppler allocates the
    whole page bitmap and then hands out width*height/8 bytes of it."""
    # Segment header: number (4), flags (1: type), referred-to count/retain (1), page (1),
    # data length (4).
    info = width.to_bytes(4, "big") + height.to_bytes(4, "big") + (0).to_bytes(4, "big") * 2
    info += bytes([(default_pixel & 1) << 2]) + (0).to_bytes(2, "big")
    seg1 = (0).to_bytes(4, "big") + bytes([48, 0, 1]) + len(info).to_bytes(4, "big") + info
    seg2 = (1).to_bytes(4, "big") + bytes([49, 0, 1]) + (0).to_bytes(4, "big")
    return seg1 + seg2


def fix_xref(data):
    """Rewrites the classic cross-reference table of `data` after its objects moved."""
    body_end = data.rindex(b"\nxref\n") + 1
    body = data[:body_end]
    offsets = {}
    for m in re.finditer(rb"(?:^|\n)(\d+) 0 obj", body):
        offsets[int(m.group(1))] = m.start() + (1 if body[m.start()] == 0x0A else 0)
    size = max(offsets) + 1
    table = bytearray(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for n in range(1, size):
        table += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    trailer = data[data.index(b"trailer", body_end):]
    trailer = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % body_end, trailer)
    return body + bytes(table) + trailer


def qpdf(args, src, dst):
    subprocess.run(["qpdf", "--static-id", "--static-aes-iv", "--allow-weak-crypto", "--object-streams=disable", *args, "--", src, dst], check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    if shutil.which("qpdf") is None:
        sys.exit("qpdf is needed (apt-get install qpdf)")

    # --- Good neighbour: two anchors, nothing hostile. Its tags must not change when it is
    # scanned beside the files below.
    plain = pdf(page_objects(stream(ANCHORS)))
    write("good-neighbour.pdf", plain)
    note("good-neighbour.pdf", "ok", "a plain page with |AT| and |S1SR|; scanned beside every hostile file")

    # --- Time: a content stream that decodes to 4 GiB of spaces. Double Flate keeps the file at
    # a few kilobytes; poppler's lexer reads every byte, so the page never finishes in time.
    if slow_to_make("content-bomb.pdf"):
        inner = repeated_deflate(b" " * 4096, 4 << 30)
        write("content-bomb.pdf", pdf(page_objects(stream(deflate(inner), b"/Filter [/FlateDecode /FlateDecode] "))))
    note("content-bomb.pdf", "timeout", "content stream: 4 GiB of spaces behind two FlateDecode filters")

    # --- Time and chatter: the page's contents are one JBIG2Decode stream listed 64 times, each
    # decoding a blank 8192 x 8192 page (8 MiB of 0xff bytes, so 512 MiB in all, one bitmap at a
    # time). Every 128 bytes is an unknown operator to the content parser, and poppler reports
    # each one: millions of messages, for minutes, in little memory.
    objs = page_objects(stream(jbig2_page(8192, 8192, default_pixel=0), b"/Filter /JBIG2Decode "))
    objs[2] = objs[2].replace(b"/Contents 4 0 R", b"/Contents [" + b"4 0 R " * 64 + b"]")
    write("jbig2-bomb.pdf", pdf(objs))
    note("jbig2-bomb.pdf", "timeout", "contents: 64 times one /JBIG2Decode stream of a blank 8192x8192 page, 512 MiB of 0xff bytes in all, one poppler error per 128 bytes")

    # --- Pages cut short. The page draws its anchors, then a second content stream behind
    # /JBIG2Decode whose decoder gives up: first because the stream starts with a region and no
    # page-information segment, then because the page bitmap it declares (65536 x 200000, 1.6
    # GB) cannot be allocated under the worker's memory cap. Either way poppler stops reading that
    # stream and whatever it held is missing from the page, which must not pass as clean.
    region = (1).to_bytes(4, "big") + bytes([38, 0, 1]) + (26).to_bytes(4, "big") + bytes(26)
    objs = page_objects(stream(ANCHORS), extra_objects=[stream(region, b"/Filter /JBIG2Decode ")])
    objs[2] = objs[2].replace(b"/Contents 4 0 R", b"/Contents [4 0 R 6 0 R]")
    write("jbig2-cut-short.pdf", pdf(objs))
    note("jbig2-cut-short.pdf", "ok", "anchors, then a /JBIG2Decode content stream that starts with a region segment: poppler gives up on it (page-incomplete error)")
    huge = jbig2_page(65536, 200000)
    huge = huge[: huge.index((1).to_bytes(4, "big") + bytes([49]))] + region
    objs = page_objects(stream(ANCHORS), extra_objects=[stream(huge, b"/Filter /JBIG2Decode ")])
    objs[2] = objs[2].replace(b"/Contents 4 0 R", b"/Contents [4 0 R 6 0 R]")
    write("jbig2-out-of-memory.pdf", pdf(objs))
    note("jbig2-out-of-memory.pdf", "ok", "anchors, then a /JBIG2Decode content stream whose 1.6 GB page bitmap cannot be allocated under a memory cap (page-incomplete error); needs the cap", needs_memory_cap=True)

    # --- Memory: one array operand of 2^29 numbers (1 GiB of "0 "). poppler's content parser
    # builds the whole array, 16 bytes per number, in one std::vector that doubles until an
    # allocation fails.
    if slow_to_make("array-bomb.pdf"):
        c = zlib.compressobj(9)
        body = bytearray(c.compress(b"BT /F1 12 Tf 72 700 Td ["))
        chunk = b"0 " * (1 << 19)
        for _ in range((1 << 29) // (1 << 19)):
            body += c.compress(chunk)
        body += c.compress(b"] TJ ET\n") + c.flush()
        write("array-bomb.pdf", pdf(page_objects(stream(deflate(bytes(body)), b"/Filter [/FlateDecode /FlateDecode] "))))
    note("array-bomb.pdf", "too-large", "content stream: one array of 2^29 numbers behind two FlateDecode filters; poppler keeps it in memory, 16 bytes a number")

    # --- Chatter that ends: 10,000 unknown operators around the anchors, one poppler error each.
    chatter = b"xq1\n" * 5000 + ANCHORS + b"xq2\n" * 5000
    write("chatty.pdf", pdf(page_objects(stream(deflate(chatter), b"/Filter /FlateDecode "))))
    note("chatty.pdf", "ok", "10,000 unknown operators around the anchors: poppler reports each; tagscan keeps five and counts them")

    # --- A page tree whose only kid is the tree itself.
    objs = page_objects(stream(ANCHORS))
    objs[1] = b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"
    write("page-tree-loop.pdf", pdf(objs))
    note("page-tree-loop.pdf", "damaged", "/Pages lists itself as its kid: no page can be reached")

    # --- No pages at all.
    objs = page_objects(stream(ANCHORS))
    objs[1] = b"<< /Type /Pages /Kids [] /Count 0 >>"
    write("zero-pages.pdf", pdf(objs))
    note("zero-pages.pdf", "damaged", "an empty page tree")

    # --- A form XObject that draws itself (poppler stops the recursion itself).
    form = stream(b"BT /F1 12 Tf 72 600 Td (|S2SR|) Tj ET\n/X1 Do\n",
                  b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> ")
    content = stream(ANCHORS + b"/X1 Do\n")
    write("xobject-recursion.pdf", pdf(page_objects(content, b"/XObject << /X1 6 0 R >> ", [form])))
    note("xobject-recursion.pdf", "ok", "a form XObject that draws itself; poppler breaks the loop, the anchors are still found")

    # --- Cheap to scan, costly to render: a white 20000 x 20000 RGB image (1.2 GB of pixels
    # behind two FlateDecode filters) under the anchors. Text extraction never decodes an image;
    # rendering the page (lint's visible-anchor check, previews) decodes all of it, for seconds,
    # which only a worker process's time limit bounds.
    if slow_to_make("render-bomb.pdf"):
        pixels = repeated_deflate(b"\xff" * 4096, 20000 * 20000 * 3)
        image = stream(deflate(pixels), b"/Type /XObject /Subtype /Image /Width 20000 /Height 20000 /ColorSpace /DeviceRGB "
                       b"/BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode] ")
        content = stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q\n" + ANCHORS)
        write("render-bomb.pdf", pdf(page_objects(content, b"/XObject << /Im1 6 0 R >> ", [image])))
    note("render-bomb.pdf", "ok", "a white 20000x20000 RGB image behind two FlateDecode filters under the anchors: scanned at once, rendered for seconds")

    # --- The cross-reference table cut off in the middle, and startxref pointing past the end.
    whole = pdf(page_objects(stream(ANCHORS)))
    cut = whole.index(b"xref\n") + 40
    write("truncated-xref.pdf", whole[:cut])
    note("truncated-xref.pdf", "damaged", "the file ends inside its xref table, before the trailer: nothing names the catalog")

    # --- Every xref offset wrong by 7 bytes: poppler rebuilds the table from the objects.
    shifted = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), whole)
    write("broken-xref.pdf", shifted)
    note("broken-xref.pdf", "ok", "every xref offset points 7 bytes too far; poppler rebuilds the table and the anchors are found")

    # --- The objects gone too: only the header and half a catalog survive.
    write("truncated-body.pdf", whole[:60])
    note("truncated-body.pdf", "damaged", "the file ends inside its first object")

    # --- Text drawn with a Type 3 font whose ToUnicode map gives every code an empty string:
    # poppler draws every glyph but yields no character for any of them.
    glyph = stream(b"500 0 0 0 400 600 d1 0 0 400 600 re f")
    to_unicode = stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Empty def "
                        b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <> <42> <> endbfchar "
                        b"endcmap CMapName currentdict /CMap defineresource pop end end")
    t3 = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 600] /FontMatrix [0.001 0 0 0.001 0 0] "
          b"/CharProcs << /g101 7 0 R /g102 7 0 R >> /Encoding << /Type /Encoding /Differences [65 /g101 /g102] >> "
          b"/FirstChar 65 /LastChar 66 /Widths [500 500] /Resources << >> /ToUnicode 8 0 R >>")
    objs = page_objects(stream(b"BT /T3 24 Tf 72 700 Td (ABABBA AB) Tj ET\n"), b"", [t3, glyph, to_unicode])
    objs[2] = objs[2].replace(b"/Font << /F1 5 0 R >>", b"/Font << /F1 5 0 R /T3 6 0 R >>")
    write("unmapped-glyphs.pdf", pdf(objs))
    note("unmapped-glyphs.pdf", "unreadable", "every glyph comes from a Type 3 font whose ToUnicode map gives each code an empty string")

    # --- The same unreadable font on page 2 of a document whose page 1 reads fine.
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(ANCHORS),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        t3, glyph, to_unicode,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 10 0 R /Resources << /Font << /T3 6 0 R >> >> >>",
        stream(b"BT /T3 24 Tf 72 700 Td (ABABBA AB) Tj ET\n"),
    ]
    write("unmapped-page-2.pdf", pdf(objs))
    note("unmapped-page-2.pdf", "ok", "page 1 has the anchors; page 2 draws only glyphs without characters: an unreadable diagnostic on page 2")

    # --- Encryption, one file per handler poppler supports, with password "secret".
    tmp = tempfile.mkdtemp()
    plain_path = os.path.join(tmp, "plain.pdf")
    with open(plain_path, "wb") as f:
        f.write(plain)

    def encrypted(name, keyargs, user=b"secret", owner=b"owner", mode=None):
        dst = os.path.join(OUT, name)
        if name.startswith("encrypted-aes-256") and os.path.exists(dst) and not FORCE:
            return
        args = ["--password-mode=bytes"] if mode == "bytes" else []
        cmd = ["qpdf", "--static-id", "--static-aes-iv", "--allow-weak-crypto", "--object-streams=disable", *args,
               b"--encrypt", user, owner, *keyargs, "--", plain_path, dst]
        subprocess.run(cmd, check=True)

    encrypted("encrypted-rc4-40.pdf", ["40"])
    note("encrypted-rc4-40.pdf", "ok", "RC4 40-bit, /V 1 /R 2", password="secret")
    encrypted("encrypted-rc4-128.pdf", ["128", "--use-aes=n"])
    note("encrypted-rc4-128.pdf", "ok", "RC4 128-bit, /V 2 /R 3", password="secret")
    encrypted("encrypted-aes-128.pdf", ["128", "--use-aes=y"])
    note("encrypted-aes-128.pdf", "ok", "AES-128, /V 4 /R 4", password="secret")
    encrypted("encrypted-aes-256-r5.pdf", ["256", "--force-R5"])
    note("encrypted-aes-256-r5.pdf", "ok", "AES-256, /V 5 /R 5 (Adobe extension level 3, deprecated)", password="secret")
    encrypted("encrypted-aes-256-r6.pdf", ["256"])
    note("encrypted-aes-256-r6.pdf", "ok", "AES-256, /V 5 /R 6", password="secret")

    # Non-ASCII passwords for the RC4/AES-128 handlers are PDFDocEncoding bytes: "café €" is
    # 63 61 66 e9 20 a0 (the euro sign is 0xa0 in PDFDocEncoding, not in Latin-1).
    pdfdoc = b"caf\xe9 \xa0"
    encrypted("encrypted-aes-128-pdfdoc.pdf", ["128", "--use-aes=y"], user=pdfdoc, mode="bytes")
    note("encrypted-aes-128-pdfdoc.pdf", "ok", "AES-128 /R 4 whose user password is the PDFDocEncoding bytes of \"café €\" (63 61 66 e9 20 a0)",
         password="café €", opens_with="the password typed as Unicode; tagscan converts it to PDFDocEncoding")

    # --- Encryption poppler cannot run. The first opens as an error; the others "open" as if
    # unencrypted (poppler 22.12 treats a Standard handler it cannot set up as no encryption)
    # and give AES-scrambled content streams: no text, no error.
    with open(os.path.join(OUT, "encrypted-aes-128.pdf"), "rb") as f:
        aes128 = f.read()
    assert aes128.count(b"/Filter /Standard") == 1, "qpdf's Encrypt dictionary changed shape"
    write("unsupported-handler.pdf", fix_xref(aes128.replace(b"/Filter /Standard", b"/Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5")))
    note("unsupported-handler.pdf", "unsupported-encryption", "/Filter /Adobe.PubSec (certificate security): poppler has no such handler", password="secret")
    assert aes128.count(b"/CFM /AESV2") == 1
    write("unsupported-crypt-filter.pdf", aes128.replace(b"/CFM /AESV2", b"/CFM /AESV9"))
    note("unsupported-crypt-filter.pdf", "unsupported-encryption", "/V 4 /R 4 with an unknown crypt filter method /AESV9: poppler opens it as unencrypted", password="secret")
    assert aes128.count(b"/V 4") == 1
    write("unsupported-version.pdf", aes128.replace(b"/V 4", b"/V 3"))
    note("unsupported-version.pdf", "unsupported-encryption", "/V 3 (an unpublished algorithm): poppler opens it as unencrypted", password="secret")
    assert aes128.count(b"/R 4") == 1
    write("unsupported-revision.pdf", aes128.replace(b"/R 4", b"/R 7"))
    note("unsupported-revision.pdf", "unsupported-encryption", "/R 7 (no such revision): poppler opens it as unencrypted", password="secret")

    shutil.rmtree(tmp)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "Fixtures/Generator/make_hostile_fixtures.py", "files": MANIFEST}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    for entry in MANIFEST:
        size = os.path.getsize(os.path.join(OUT, entry["file"]))
        print(f"{entry['file']:34} {size:8} bytes  {entry['expected']}")


if __name__ == "__main__":
    main()
