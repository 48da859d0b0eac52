// What DocumentProbe.cc offers the other core-API files.
#ifndef TAGSCAN_DOCUMENTPROBE_HPP
#define TAGSCAN_DOCUMENTPROBE_HPP

#include "CPopplerHostile.h"

class PDFDoc;

/// Fills `out` from an already opened document: what its /Encrypt dictionary asks for and
/// whether poppler decrypts it. Returns 0, or -1 when the cross-reference table is unusable.
int tagscan_describe_encryption(PDFDoc &doc, tagscan_encryption *out);

#endif
