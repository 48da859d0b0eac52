#!/usr/bin/env python3
"""Writes Fixtures/foreign/: files people put where templates go that are not PDFs (Word,
OpenDocument, images), each small but made the way its format is, so that tagscan recognises them
by their bytes and says what to do. Needs Pillow (reportlab's dependency)."""
import io
import os
import struct
import zipfile

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "foreign")
FIXED = (2026, 1, 1, 0, 0, 0)  # zip timestamps, so the files are the same on every run


def zip_file(path, members, first_stored=None):
    with zipfile.ZipFile(path, "w") as z:
        if first_stored is not None:
            name, data = first_stored
            z.writestr(zipfile.ZipInfo(name, FIXED), data, compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, FIXED), data, compress_type=zipfile.ZIP_DEFLATED)


def docx(path):
    zip_file(path, [
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body><w:p><w:r><w:t>Employment agreement. Sign here: |S1SR|</w:t></w:r></w:p></w:body></w:document>'),
    ])


def odt(path):
    zip_file(path, [
        ("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>'),
        ("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
         'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Lease. Sign here: |T1SR|</text:p>'
         '</office:text></office:body></office:document-content>'),
    ], first_stored=("mimetype", "application/vnd.oasis.opendocument.text"))


def doc(path):
    """An OLE2 compound file with the streams Word 97-2003 writes, named in its directory."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)       # one FAT sector
    struct.pack_into("<I", header, 48, 1)       # the directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)    # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)
    struct.pack_into("<I", header, 76, 0)       # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)
    directory = bytearray(sector)
    for i, (name, kind) in enumerate([("Root Entry", 5), ("WordDocument", 2), ("1Table", 2), ("\x05SummaryInformation", 2)]):
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HB", entry, 64, len(encoded), kind)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<I", entry, 116, 0xFFFFFFFE)
        directory[128 * i:128 * (i + 1)] = entry
    with open(path, "wb") as f:
        f.write(bytes(header) + bytes(fat) + bytes(directory))


def image(path, kind):
    img = Image.new("L", (64, 32), 255)
    for x in range(8, 56):
        img.putpixel((x, 24), 0)
    img.save(path, kind)


def main():
    os.makedirs(OUT, exist_ok=True)
    docx(os.path.join(OUT, "employment.docx"))
    doc(os.path.join(OUT, "employment.doc"))
    odt(os.path.join(OUT, "lease.odt"))
    for name, kind in [("scan.png", "PNG"), ("scan.jpg", "JPEG"), ("scan.tiff", "TIFF"), ("scan.gif", "GIF")]:
        image(os.path.join(OUT, name), kind)
    # A Word document renamed to .pdf: the content decides, not the name.
    docx(os.path.join(OUT, "renamed-docx.pdf"))
    for name in sorted(os.listdir(OUT)):
        print(f"{name:20} {os.path.getsize(os.path.join(OUT, name)):6} bytes")


if __name__ == "__main__":
    main()
