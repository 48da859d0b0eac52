// Two questions poppler-glib cannot answer:
// - what the /Encrypt dictionary asks for, since poppler 22.12 opens a file whose Standard
//   handler it cannot set up as if it were not encrypted, and gives scrambled content;
// - whether a page that yields no characters draws glyphs at all (unreadable text) or not
//   (an image-only page).
#include "CPopplerHostile.h"
#include "CPopplerStatus.h"

#include <cstdlib>
#include <cstring>

#if __has_include(<PDFDoc.h>) && __has_include(<OutputDev.h>)
#include <memory>
#include <optional>
#include <Gfx.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <XRef.h>
#include <goo/GooString.h>
#include "CoreBoundary.hpp"
#include "DocumentProbe.hpp"
#include "PopplerCompat.hpp"
#include "PopplerDocument.hpp"

namespace {

void copyName(const Object &object, char *out, size_t capacity) {
    out[0] = '\0';
    if (object.isName()) {
        std::strncpy(out, object.getName(), capacity - 1);
        out[capacity - 1] = '\0';
    }
}

int intOr(const Object &object, int fallback) { return object.isInt() ? object.getInt() : fallback; }

/// Counts drawn glyphs and those poppler maps to a visible character; draws nothing.
class GlyphCounter final : public OutputDev {
public:
    long long drawn = 0;
    long long mapped = 0;

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return false; }
    bool needCharCount() override { return false; }

    void drawChar(GfxState *, double, double, double, double, double, double, CharCode, int, const Unicode *u,
                  int uLen) override {
        drawn += 1;
        if (mapsToCharacter(u, uLen)) mapped += 1;
    }
};

} // namespace

int tagscan_describe_encryption(PDFDoc &doc, tagscan_encryption *out) {
    std::memset(out, 0, sizeof(*out));
    out->version = out->revision = out->length = -1;
    out->open_error = doc.isOk() ? 0 : doc.getErrorCode();
    XRef *xref = doc.getXRef();
    // A document that failed for another reason than encryption may have no usable xref.
    if (xref == nullptr || !xref->isOk()) return TAGSCAN_FAILED;
    Object encrypt = xref->getTrailerDict()->dictLookup("Encrypt");
    if (!encrypt.isDict()) return 0;
    out->present = 1;
    copyName(encrypt.dictLookup("Filter"), out->filter, sizeof(out->filter));
    out->version = intOr(encrypt.dictLookup("V"), -1);
    out->revision = intOr(encrypt.dictLookup("R"), -1);
    out->length = intOr(encrypt.dictLookup("Length"), -1);
    Object streamFilter = encrypt.dictLookup("StmF");
    Object stringFilter = encrypt.dictLookup("StrF");
    if (streamFilter.isName("Identity") && stringFilter.isName("Identity")) out->identity = 1;
    if (streamFilter.isName()) {
        Object filters = encrypt.dictLookup("CF");
        if (filters.isDict()) {
            Object filter = filters.dictLookup(streamFilter.getName());
            if (filter.isDict()) copyName(filter.dictLookup("CFM"), out->method, sizeof(out->method));
        }
    }
    out->decrypting = doc.isOk() && doc.isEncrypted() ? 1 : 0;
    return TAGSCAN_OK;
}

namespace {
void clearEncryption(tagscan_encryption *out) {
    std::memset(out, 0, sizeof(*out));
    out->version = out->revision = out->length = -1;
}
} // namespace

extern "C" int tagscan_probe_encryption(const char *path, const void *data, size_t length, const char *password,
                                        tagscan_encryption *out) {
    const int status = boundary::guardedStatus([&]() -> int {
        PopplerDocument probe(path, data, length, password, PopplerDocument::Bytes::borrowed);
        if (!probe.doc) {
            clearEncryption(out);
            return TAGSCAN_FAILED;
        }
        return tagscan_describe_encryption(*probe.doc, out);
    });
    if (status < TAGSCAN_FAILED) clearEncryption(out);
    return status;
}

extern "C" int tagscan_probe_text(const char *path, const void *data, size_t length, const char *password,
                                  const int *pages, int count, long long *drawn, long long *mapped) {
    for (int i = 0; i < count; ++i) drawn[i] = mapped[i] = 0;
    return boundary::guardedStatus([&]() -> int {
        PopplerDocument probe(path, data, length, password, PopplerDocument::Bytes::borrowed);
        if (!probe.doc || !probe.doc->isOk()) return TAGSCAN_FAILED;
        PDFDoc *doc = probe.doc.get();
        for (int i = 0; i < count; ++i) {
            Page *page = pages[i] >= 0 && pages[i] < doc->getNumPages() ? doc->getPage(pages[i] + 1) : nullptr;
            if (page == nullptr) continue;
            GlyphCounter counter;
            std::unique_ptr<Gfx> gfx = poppler_compat::pageGfx(*page, &counter);
            page->display(gfx.get());
            drawn[i] = counter.drawn;
            mapped[i] = counter.mapped;
        }
        return TAGSCAN_OK;
    });
}

#else

extern "C" int tagscan_probe_encryption(const char *, const void *, size_t, const char *, tagscan_encryption *out) {
    std::memset(out, 0, sizeof(*out));
    return TAGSCAN_UNAVAILABLE;
}
extern "C" int tagscan_probe_text(const char *, const void *, size_t, const char *, const int *, int count, long long *drawn,
                                  long long *mapped) {
    for (int i = 0; i < count; ++i) drawn[i] = mapped[i] = 0;
    return TAGSCAN_UNAVAILABLE;
}

#endif
