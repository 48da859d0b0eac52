// What DocumentProbe.cc offers the other core-API files.
#ifndef TAGSCAN_DOCUMENTPROBE_HPP
#define TAGSCAN_DOCUMENTPROBE_HPP

#include "CPopplerHostile.h"

class PDFDoc;

/// Fills `out` from an already opened document: what its /Encrypt dictionary asks for and
/// whether poppler decrypts it. Returns TAGSCAN_OK, or TAGSCAN_FAILED when the cross-reference
/// table is unusable. May throw (std::bad_alloc): callers run it inside boundary::guarded.
int tagscan_describe_encryption(PDFDoc &doc, tagscan_encryption *out);

#endif
