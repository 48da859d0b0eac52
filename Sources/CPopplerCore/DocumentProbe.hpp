// What DocumentProbe.cc offers the other core-API files.
#ifndef TAGSCAN_DOCUMENTPROBE_HPP
#define TAGSCAN_DOCUMENTPROBE_HPP

#include "CPopplerHostile.h"

class PDFDoc;

/// Whether a glyph poppler mapped to `u` (`uLen` scalars) yields a character: a mapping to
/// nothing but white space yields none either. A page whose glyphs all fail this is unreadable.
inline bool mapsToCharacter(const unsigned int *u, int uLen) {
    if (u == nullptr) return false;
    for (int i = 0; i < uLen; ++i) {
        if (u[i] != 0 && u[i] != 0x20 && u[i] != 0x09 && u[i] != 0x0A && u[i] != 0x0D && u[i] != 0xA0) return true;
    }
    return false;
}

/// Fills `out` from an already opened document: what its /Encrypt dictionary asks for and
/// whether poppler decrypts it. Returns TAGSCAN_OK, or TAGSCAN_FAILED when the cross-reference
/// table is unusable. May throw (std::bad_alloc): callers run it inside boundary::guarded.
int tagscan_describe_encryption(PDFDoc &doc, tagscan_encryption *out);

#endif
