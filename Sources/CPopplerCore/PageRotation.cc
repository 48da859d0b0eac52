// poppler-glib 22.12 has no getter for a page's /Rotate; poppler's core API does.
#include "CPopplerCore.h"

#include <cstring>

#if __has_include(<PDFDoc.h>) && __has_include(<Stream.h>)
#include <PDFDoc.h>
#include "CoreBoundary.hpp"
#include "DocumentProbe.hpp"
#include "PopplerDocument.hpp"

extern "C" int tagscan_core_available(void) { return 1; }

extern "C" int tagscan_core_page_rotations(const char *path, const void *data, size_t length, const char *password, int *out,
                                           int capacity, tagscan_encryption *encryption, int *encryption_status) {
    if (encryption_status != nullptr) *encryption_status = TAGSCAN_FAILED;
    return boundary::guardedStatus([&]() -> int {
        // Borrowed bytes: the document does not outlive this call.
        PopplerDocument opened(path, data, length, password, PopplerDocument::Bytes::borrowed);
        if (!opened.doc) return TAGSCAN_FAILED;
        PDFDoc &doc = *opened.doc;
        // The same document answers the encryption check, sparing the caller another open.
        if (encryption != nullptr) {
            const int status = tagscan_describe_encryption(doc, encryption);
            if (encryption_status != nullptr) *encryption_status = status;
        }
        if (!doc.isOk()) return TAGSCAN_FAILED;
        const int pages = doc.getNumPages();
        for (int i = 0; i < pages && i < capacity; ++i) {
            out[i] = doc.getPageRotate(i + 1);
        }
        return pages;
    });
}
#else
extern "C" int tagscan_core_available(void) { return 0; }

extern "C" int tagscan_core_page_rotations(const char *, const void *, size_t, const char *, int *, int, tagscan_encryption *,
                                           int *encryption_status) {
    if (encryption_status != nullptr) *encryption_status = TAGSCAN_UNAVAILABLE;
    return TAGSCAN_UNAVAILABLE;
}
#endif
