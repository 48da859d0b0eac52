#!/usr/bin/env python3
"""The PyMuPDF competitor for Benchmarks/compare.sh: what a Python anchor finder does.

    pymupdf_search.py FILE.pdf|FOLDER...

Per page: one TextPage (PyMuPDF's search flags), then `search_for` for three auto-tag needles on
that TextPage, keeping the hit rectangles. One process, one thread (PyMuPDF documents are not
thread-safe). Prints `pages N hits H seconds S` (S: wall time after the import).
"""

import os
import sys
import time

import pymupdf

NEEDLES = ["|S1SR|", "|S2SR|", "|S1DSR|"]


def documents(paths):
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, _, files in os.walk(path):
                found += [os.path.join(root, f) for f in files if f.lower().endswith(".pdf")]
            yield from sorted(found)
        else:
            yield path


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 64
    start = time.perf_counter()
    pages = hits = 0
    for path in documents(paths):
        with pymupdf.open(path) as doc:
            for page in doc:
                textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_SEARCH)
                for needle in NEEDLES:
                    hits += len(page.search_for(needle, textpage=textpage))
                pages += 1
    print("pages %d hits %d seconds %.3f" % (pages, hits, time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
