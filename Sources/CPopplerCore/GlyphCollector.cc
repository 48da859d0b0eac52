// The fast path below poppler-glib: a minimal OutputDev that records each drawn Unicode scalar
// and its box, skipping TextOutputDev's word, line, block and reading-order building, which
// anchor finding does not need and which costs most of a text-dense page's extraction time.
#include "CPopplerGlyphs.h"

#include <cstdlib>
#include <cstring>

#if __has_include(<PDFDoc.h>) && __has_include(<OutputDev.h>)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <Catalog.h>
#include <Gfx.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <UnicodeTypeTable.h>
#include <goo/GooString.h>
#include "CoreBoundary.hpp"
#include "DocumentProbe.hpp"
#include "GlyphDirection.hpp"
#include "LayoutTally.hpp"
#include "PopplerCompat.hpp"
#include "PopplerDocument.hpp"
#include "PopplerPrivate.hpp"

namespace {

class GlyphCollector final : public OutputDev {
public:
    std::vector<tagscan_glyph> glyphs;
    /// Glyphs drawn outside the crop box, apart: the caller lays them out only when they may
    /// hold an anchor, so a page that runs text off its edge costs nothing more.
    std::vector<tagscan_glyph> outside;
    double pageWidth = 0, pageHeight = 0;
    /// Glyphs drawn on the page, and those that map to a character (`mapsToCharacter`), counted
    /// as they are drawn so that an unreadable page needs no second pass.
    long long drawn = 0, mapped = 0;
    /// The layout's counts of the visible page's glyphs, and the characters anchors start from.
    LayoutTally tally;

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return false; }
    bool needCharCount() override { return false; }

    void startPage(int, GfxState *state, XRef *) override {
        pageWidth = state ? state->getPageWidth() : 0;
        pageHeight = state ? state->getPageHeight() : 0;
        frame = FontFrame();
    }

    /// What a glyph's direction and box height take from the text state: the font and the
    /// matrices that scale it. Text is drawn in long runs of one font at one size, so these are
    /// computed when the state they come from changes, not for every glyph (poppler's two calls
    /// for them, and the work between, were a quarter of a dense page's CPU).
    struct FontFrame {
        /// Held while cached, so that no other font can take its address meanwhile.
        std::shared_ptr<GfxFont> font;
        double text[4] = {}, ctm[4] = {}, fontSize = 0, horizScaling = 0;
        bool valid = false;
        int rotation = 0;
        bool vertical = false;
        double size = 0, ascent = 0, descent = 0;
    };
    FontFrame frame;

    /// The frame for the current state: the cached one while the font, its size, the horizontal
    /// scaling and the first four entries of the text and current transformation matrices (all
    /// that poppler's font matrix and transformed size read, and more) are bit for bit the same.
    const FontFrame &currentFrame(GfxState *state) {
        const double *text = state->getTextMat(), *ctm = state->getCTM();
        const std::shared_ptr<GfxFont> &font = state->getFont();
        const double fontSize = state->getFontSize(), horizScaling = state->getHorizScaling();
        if (frame.valid && frame.font.get() == font.get() && std::memcmp(&frame.fontSize, &fontSize, sizeof fontSize) == 0 &&
            std::memcmp(&frame.horizScaling, &horizScaling, sizeof horizScaling) == 0 &&
            std::memcmp(frame.text, text, sizeof frame.text) == 0 && std::memcmp(frame.ctm, ctm, sizeof frame.ctm) == 0) {
            return frame;
        }
        frame.font = font;
        frame.fontSize = fontSize;
        frame.horizScaling = horizScaling;
        std::memcpy(frame.text, text, sizeof frame.text);
        std::memcpy(frame.ctm, ctm, sizeof frame.ctm);

        frame.vertical = font && font->getWMode();
        frame.rotation = glyph_direction::quarterTurns(*state, font.get());
        frame.size = state->getTransformedFontSize();
        frame.ascent = (font ? font->getAscent() : 0.95) * frame.size;
        frame.descent = (font ? font->getDescent() : -0.35) * frame.size;
        frame.valid = true;
        return frame;
    }

    void drawChar(GfxState *state, double x, double y, double dx, double dy, double, double, CharCode code, int,
                  const Unicode *u, int uLen) override {
        drawn += 1;
        if (mapsToCharacter(u, uLen)) mapped += 1;
        if (uLen <= 0 || u == nullptr) return;
        // The advance without character and word spacing, as TextOutputDev measures it.
        double spacing = state->getCharSpace();
        if (code == 0x20) spacing += state->getWordSpace();
        double sdx = 0, sdy = 0;
        if (spacing != 0) state->textTransformDelta(spacing * state->getHorizScaling(), 0, &sdx, &sdy);
        double w, h, x1, y1;
        state->transformDelta(dx - sdx, dy - sdy, &w, &h);
        state->transform(x, y, &x1, &y1);
        // Glyphs outside the crop box are kept apart, so that an anchor drawn there is reported
        // instead of lost. Only positions no page can have (beyond PDF's 14,400-unit page size
        // limit from either edge) are dropped.
        const double farOut = 14400 + std::fmax(pageWidth, pageHeight);
        if (!std::isfinite(x1) || !std::isfinite(y1) || !std::isfinite(w) || !std::isfinite(h)) return;
        if (std::fabs(x1) > farOut || std::fabs(y1) > farOut) return;
        const bool beyondCropBox = x1 + w < 0 || x1 > pageWidth || y1 + h < 0 || y1 > pageHeight;

        const FontFrame &f = currentFrame(state);
        const int rotation = f.rotation;
        const bool vertical = f.vertical;
        const double size = f.size, ascent = f.ascent, descent = f.descent;

        // Text drawn backwards (mirrored matrices) is turned around so boxes have positive size.
        if ((rotation == 0 && w < 0) || (rotation == 1 && h < 0) || (rotation == 2 && w > 0) || (rotation == 3 && h > 0)) {
            x1 += w; y1 += h; w = -w; h = -h;
        }

        GfxRGB rgb;
        state->getFillRGB(&rgb);
        tagscan_glyph g;
        g.font_size = size;
        g.rotation = static_cast<uint8_t>(rotation);
        g.render_mode = static_cast<uint8_t>(state->getRender() & 7);
        g.red = colToByte(rgb.r); g.green = colToByte(rgb.g); g.blue = colToByte(rgb.b);
        std::vector<tagscan_glyph> &into = beyondCropBox ? outside : glyphs;

        // A ligature glyph mapped to several scalars shares its advance evenly among them.
        const double stepX = uLen == 1 ? w : w / uLen, stepY = uLen == 1 ? h : h / uLen;
        for (int i = 0; i < uLen; ++i) {
            const double gx = x1 + i * stepX, gy = y1 + i * stepY;
            double xMin, xMax, yMin, yMax, base;
            if (vertical) {
                switch (rotation) {
                case 0: xMin = gx - size; xMax = gx; yMin = gy - size; yMax = gy; base = gy; break;
                case 1: xMin = gx; xMax = gx + size; yMin = gy - size; yMax = gy; base = gx; break;
                case 2: xMin = gx; xMax = gx + size; yMin = gy; yMax = gy + size; base = gy; break;
                default: xMin = gx - size; xMax = gx; yMin = gy; yMax = gy + size; base = gx; break;
                }
            } else {
                switch (rotation) {
                case 0: xMin = gx; xMax = gx + stepX; yMin = gy - ascent; yMax = gy - descent; base = gy; break;
                case 1: xMin = gx + descent; xMax = gx + ascent; yMin = gy; yMax = gy + stepY; base = gx; break;
                case 2: xMin = gx + stepX; xMax = gx; yMin = gy + descent; yMax = gy + ascent; base = gy; break;
                default: xMin = gx - ascent; xMax = gx - descent; yMin = gy + stepY; yMax = gy; base = gx; break;
                }
            }
            g.unicode = u[i];
            g.x_min = std::fmin(xMin, xMax);
            g.x_max = std::fmax(xMin, xMax);
            g.y_min = std::fmin(yMin, yMax);
            g.y_max = std::fmax(yMin, yMax);
            g.base = base;
            boundary::allocationPoint();
            into.push_back(g);
            if (!beyondCropBox) tally.add(g);
        }
    }
};

/// Appends an exact description of a direct object to `key`: indirect objects by number, so
/// two descriptions agree only for the same objects of the same file. False when the object is
/// too large to describe within `budget` nodes or of a kind a resource dictionary cannot hold.
bool describe(const Object &object, std::string &key, int &budget) {
    if (--budget < 0) return false;
    char number[40];
    switch (object.getType()) {
    case objRef:
        std::snprintf(number, sizeof number, "R%d.%d ", object.getRefNum(), object.getRefGen());
        key += number;
        return true;
    case objNull: key += "N "; return true;
    case objBool: key += object.getBool() ? "T " : "F "; return true;
    case objInt: std::snprintf(number, sizeof number, "I%d ", object.getInt()); key += number; return true;
    case objInt64: std::snprintf(number, sizeof number, "L%lld ", static_cast<long long>(object.getInt64())); key += number; return true;
    case objReal: std::snprintf(number, sizeof number, "D%.17g ", object.getReal()); key += number; return true;
    case objName: key += '/'; key += object.getName(); key += ' '; return true;
    case objString: {
        const GooString *string = object.getString();
        std::snprintf(number, sizeof number, "S%d:", string->getLength());
        key += number;
        key.append(string->c_str(), static_cast<size_t>(string->getLength()));
        return true;
    }
    case objArray: {
        key += '[';
        Array *array = object.getArray();
        for (int i = 0; i < array->getLength(); ++i) {
            if (!describe(array->getNF(i), key, budget)) return false;
        }
        key += ']';
        return true;
    }
    case objDict: {
        key += '<';
        Dict *dict = object.getDict();
        for (int i = 0; i < dict->getLength(); ++i) {
            key += '/';
            key += dict->getKey(i);
            key += ' ';
            if (!describe(dict->getValNF(i), key, budget)) return false;
        }
        key += '>';
        return true;
    }
    default: return false;
    }
}

/// What a Gfx is built from: the page's resources (inherited ones included), boxes and
/// rotation. Two pages with the same key can be drawn by one Gfx; empty when unknown.
std::string gfxKey(Page &page) {
    std::string key;
    int budget = 4096;
    Object *resources = page.getResourceDictObject();
    if (resources == nullptr || !describe(*resources, key, budget)) return {};
    const PDFRectangle *media = page.getMediaBox(), *crop = page.getCropBox();
    char boxes[256];
    std::snprintf(boxes, sizeof boxes, "|%.17g %.17g %.17g %.17g|%.17g %.17g %.17g %.17g|%d", media->x1, media->y1, media->x2, media->y2,
                  crop->x1, crop->y1, crop->x2, crop->y2, page.getRotate());
    return key + boxes;
}

} // namespace

struct tagscan_core_document {
    PopplerDocument document;
    /// Its glyph vector holds the last page's glyphs; the capacity is reused, so pages cost no
    /// large allocations.
    GlyphCollector collector;
    /// The last page's Gfx and what it was built from. poppler builds every font of a page's
    /// resources when it builds a Gfx (fetching and inflating each font program and ToUnicode
    /// map), which was 35–46 % of a page's cost on documents whose pages share one font set;
    /// consecutive pages with the same key are drawn by one Gfx, so fonts are built once.
    std::unique_ptr<Gfx> gfx;
    std::string gfxKey;
    /// Pages below this index have been released (drawn, or passed on the way to one drawn).
    int releasedBelow = 0;

    tagscan_core_document(const char *path, const void *data, size_t length, const char *password)
        : document(path, data, length, password, PopplerDocument::Bytes::copied) {
        collector.glyphs.swap(spareGlyphs);
    }
    ~tagscan_core_document() {
        gfx.reset();  // its destructor calls the collector, and needs the document
        // The buffer goes to the next document this thread opens: a folder of short files
        // otherwise maps, faults in and unmaps a fresh one for every file (500 templates took
        // 8-18 % more CPU). One grown by a hostile page is let go, not kept for the thread's life.
        collector.glyphs.clear();
        const size_t capacity = collector.glyphs.capacity();
        if (capacity > spareGlyphs.capacity() && capacity <= spareLimit) collector.glyphs.swap(spareGlyphs);
    }

    /// The largest buffer kept between documents: 65,536 glyphs (4 MB), ten dense pages' worth.
    static constexpr size_t spareLimit = 65536;

    /// This thread's glyph buffer between documents.
    static thread_local std::vector<tagscan_glyph> spareGlyphs;
    PDFDoc &doc() { return *document.doc; }
};

thread_local std::vector<tagscan_glyph> tagscan_core_document::spareGlyphs;

extern "C" tagscan_core_document *tagscan_core_open(const char *path, const void *data, size_t length, const char *password, int *error_code) {
    int status = TAGSCAN_OK;
    tagscan_core_document *opened = boundary::guarded(
        [&]() -> tagscan_core_document * {
            auto document = std::make_unique<tagscan_core_document>(path, data, length, password);
            if (!document->document.doc) {
                status = TAGSCAN_FAILED;
                return nullptr;
            }
            if (!document->doc().isOk()) {
                status = document->doc().getErrorCode();
                return nullptr;
            }
            return document.release();
        },
        [&](tagscan_status failure) -> tagscan_core_document * {
            status = failure;
            return nullptr;
        });
    if (error_code) *error_code = status;
    return opened;
}

extern "C" void tagscan_core_close(tagscan_core_document *document) {
    boundary::guardedVoid([&] { delete document; });
}

extern "C" int tagscan_core_page_count(tagscan_core_document *document) {
    return boundary::guardedStatus([&] { return document->doc().getNumPages(); });
}

extern "C" int tagscan_core_encryption(tagscan_core_document *document, tagscan_encryption *out) {
    return boundary::guardedStatus([&] { return tagscan_describe_encryption(document->doc(), out); });
}

extern "C" int tagscan_core_has_javascript(tagscan_core_document *document) {
    return boundary::guardedStatus([&] {
        Catalog *catalog = document->doc().getCatalog();
        return catalog != nullptr && catalog->numJS() > 0 ? 1 : 0;
    });
}

extern "C" int tagscan_core_page_glyphs(tagscan_core_document *document, int index, tagscan_glyph **glyphs, int *count,
                                       tagscan_glyph **outside, int *outside_count, double *width, double *height, int *rotation) {
    *glyphs = nullptr;
    *count = 0;
    *outside = nullptr;
    *outside_count = 0;
    const int status = boundary::guardedStatus([&]() -> int {
        PDFDoc &doc = document->doc();
        Page *page = doc.getPage(index + 1);
        // A page freed earlier (pages are normally asked for once, in order): a Catalog of its own
        // walks the page tree again to build it.
        std::unique_ptr<Catalog> rebuilt;
        if (page == nullptr && index >= 0 && static_cast<size_t>(index) < poppler_private::catalogPageSlots(*doc.getCatalog())) {
            rebuilt = std::make_unique<Catalog>(&doc);
            page = rebuilt->isOk() ? rebuilt->getPage(index + 1) : nullptr;
        }
        if (page == nullptr) return TAGSCAN_FAILED;
        const int rotate = page->getRotate();
        *rotation = rotate;
        const bool quarter = rotate == 90 || rotate == 270;
        *width = quarter ? page->getCropHeight() : page->getCropWidth();
        *height = quarter ? page->getCropWidth() : page->getCropHeight();

        document->collector.glyphs.clear();
        document->collector.outside.clear();
        document->collector.drawn = document->collector.mapped = 0;
        document->collector.tally.begin(std::round(*width * 100) / 100, std::round(*height * 100) / 100);
        std::string key = gfxKey(*page);
        if (!document->gfx || key.empty() || key != document->gfxKey) {
            document->gfx.reset();
            // The content stream only, no annotations: the same text poppler-glib extracts.
            document->gfx = poppler_compat::pageGfx(*page, &document->collector);
            document->gfxKey = std::move(key);
        }
        page->display(document->gfx.get());
        if (document->gfxKey.empty() || !poppler_private::pageLeftGfxClean(*document->gfx)) document->gfx.reset();
        if (!rebuilt) {
            // The page, and every page before it that the page-tree walk built on the way
            // without drawing it: a thread given every other unit of a long document passes the
            // other thread's pages, and kept them all (20 MB for a 10,000-page file's copy).
            // Units come to a thread in page order, so it is not asked for those pages again.
            for (int passed = document->releasedBelow; passed < index; ++passed) poppler_private::releasePage(doc, passed);
            poppler_private::releasePage(doc, index);
            document->releasedBelow = std::max(document->releasedBelow, index + 1);
        }
        return TAGSCAN_OK;
    });
    if (status != TAGSCAN_OK) {
        // A page that threw part-way left its Gfx in whatever state it was in.
        boundary::guardedVoid([&] {
            document->gfx.reset();
            document->gfxKey.clear();
            document->collector.glyphs.clear();
            document->collector.outside.clear();
        });
        return status;
    }
    if (!document->collector.glyphs.empty()) {
        *glyphs = document->collector.glyphs.data();
        *count = static_cast<int>(document->collector.glyphs.size());
    }
    if (!document->collector.outside.empty()) {
        *outside = document->collector.outside.data();
        *outside_count = static_cast<int>(document->collector.outside.size());
    }
    return TAGSCAN_OK;
}

extern "C" void tagscan_core_page_glyph_counts(tagscan_core_document *document, long long *drawn, long long *mapped) {
    *drawn = document->collector.drawn;
    *mapped = document->collector.mapped;
}

extern "C" int tagscan_core_built_pages(tagscan_core_document *document) {
    return boundary::guardedStatus([&] { return static_cast<int>(poppler_private::catalogBuiltPages(*document->doc().getCatalog())); });
}

extern "C" void tagscan_core_set_triggers(tagscan_core_document *document, const uint8_t minimum[128]) {
    std::memcpy(document->collector.tally.minimum, minimum, sizeof document->collector.tally.minimum);
}

extern "C" void tagscan_core_page_tally(tagscan_core_document *document, tagscan_page_tally *out) {
    *out = document->collector.tally.result;
}

extern "C" void tagscan_core_free(void *pointer) { std::free(pointer); }

#else

extern "C" tagscan_core_document *tagscan_core_open(const char *, const void *, size_t, const char *, int *error_code) {
    if (error_code) *error_code = TAGSCAN_UNAVAILABLE;
    return nullptr;
}
extern "C" void tagscan_core_close(tagscan_core_document *) { }
extern "C" int tagscan_core_page_count(tagscan_core_document *) { return TAGSCAN_UNAVAILABLE; }
extern "C" int tagscan_core_has_javascript(tagscan_core_document *) { return TAGSCAN_UNAVAILABLE; }
extern "C" int tagscan_core_encryption(tagscan_core_document *, tagscan_encryption *out) {
    std::memset(out, 0, sizeof(*out));
    return TAGSCAN_UNAVAILABLE;
}
extern "C" int tagscan_core_page_glyphs(tagscan_core_document *, int, tagscan_glyph **glyphs, int *count, tagscan_glyph **outside,
                                       int *outside_count, double *, double *, int *) {
    *glyphs = nullptr;
    *count = 0;
    *outside = nullptr;
    *outside_count = 0;
    return TAGSCAN_UNAVAILABLE;
}
extern "C" void tagscan_core_page_glyph_counts(tagscan_core_document *, long long *drawn, long long *mapped) {
    *drawn = 0;
    *mapped = 0;
}
extern "C" int tagscan_core_built_pages(tagscan_core_document *) { return TAGSCAN_UNAVAILABLE; }
extern "C" void tagscan_core_set_triggers(tagscan_core_document *, const uint8_t *) {}
extern "C" void tagscan_core_page_tally(tagscan_core_document *, tagscan_page_tally *out) {
    std::memset(out, 0, sizeof(*out));
}
extern "C" void tagscan_core_free(void *pointer) { std::free(pointer); }

#endif
