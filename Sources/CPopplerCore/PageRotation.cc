// poppler-glib 22.12 has no getter for a page's /Rotate; poppler's core API does.
#include "CPopplerCore.h"

#include <cstring>

#if __has_include(<PDFDoc.h>) && __has_include(<Stream.h>)
#include <memory>
#include <optional>
#include <PDFDoc.h>
#include <Stream.h>
#include <goo/GooString.h>
#include "DocumentProbe.hpp"

extern "C" int tagscan_core_available(void) { return 1; }

extern "C" int tagscan_core_page_rotations(const char *path, const void *data, size_t length, const char *password, int *out,
                                           int capacity, tagscan_encryption *encryption, int *encryption_status) {
    if (encryption_status != nullptr) *encryption_status = -1;
    std::optional<GooString> pw;
    if (password != nullptr) pw = GooString(password);
    std::unique_ptr<PDFDoc> doc;
    if (path != nullptr) {
        doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), pw, pw);
    } else if (data != nullptr) {
        // MemStream does not copy; the caller keeps `data` alive for this call.
        auto *stream = new MemStream(static_cast<const char *>(data), 0, static_cast<Goffset>(length), Object(objNull));
        doc = std::make_unique<PDFDoc>(stream, pw, pw);
    } else {
        return -1;
    }
    // The same document answers the encryption check, sparing the caller another open.
    if (encryption != nullptr) {
        const int status = tagscan_describe_encryption(*doc, encryption);
        if (encryption_status != nullptr) *encryption_status = status;
    }
    if (!doc->isOk()) return -1;
    const int pages = doc->getNumPages();
    for (int i = 0; i < pages && i < capacity; ++i) {
        out[i] = doc->getPageRotate(i + 1);
    }
    return pages;
}
#else
extern "C" int tagscan_core_available(void) { return 0; }

extern "C" int tagscan_core_page_rotations(const char *, const void *, size_t, const char *, int *, int, tagscan_encryption *,
                                           int *encryption_status) {
    if (encryption_status != nullptr) *encryption_status = -1;
    return -1;
}
#endif
