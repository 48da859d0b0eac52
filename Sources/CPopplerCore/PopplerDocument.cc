#include "PopplerDocument.hpp"

#if __has_include(<PDFDoc.h>) && __has_include(<Stream.h>)
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <ErrorCodes.h>
#include <PDFDoc.h>
#include <Stream.h>
#include <goo/GooString.h>
#include "CoreBoundary.hpp"

// tagscan_status passes poppler's reasons through unchanged.
static_assert(TAGSCAN_OK == errNone && TAGSCAN_OPEN_FILE == errOpenFile && TAGSCAN_BAD_CATALOG == errBadCatalog &&
                  TAGSCAN_DAMAGED == errDamaged && TAGSCAN_ENCRYPTED == errEncrypted && TAGSCAN_FILE_IO == errFileIO,
              "poppler's ErrorCodes.h no longer matches tagscan_status");

PopplerDocument::PopplerDocument(const char *path, const void *data, size_t length, const char *password, Bytes bytes) {
    boundary::allocationPoint();
    std::optional<GooString> pw;
    if (password != nullptr) pw = GooString(password);
    if (path != nullptr) {
        doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), pw, pw);
        return;
    }
    if (data == nullptr) return;
    const char *bytesRead = static_cast<const char *>(data);
    if (bytes == Bytes::copied) {
        buffer = static_cast<char *>(std::malloc(length > 0 ? length : 1));
        if (buffer == nullptr) throw std::bad_alloc();
        std::memcpy(buffer, data, length);
        bytesRead = buffer;
    }
    try {
        doc = std::make_unique<PDFDoc>(new MemStream(bytesRead, 0, static_cast<Goffset>(length), Object(objNull)), pw, pw);
    } catch (...) {
        std::free(buffer);  // the destructor does not run when the constructor throws
        throw;
    }
}

PopplerDocument::~PopplerDocument() {
    doc.reset();  // reads the buffer until it is gone
    std::free(buffer);
}

#endif
