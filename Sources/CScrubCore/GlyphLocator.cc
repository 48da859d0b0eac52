// Ties every glyph poppler draws to the operator and bytes that drew it, so that a content-stream
// rewriter working on tokens (qpdf) can remove exactly the glyphs tagscan found in an anchor. The
// boxes follow the scanner's glyph path: same space, same ascent/descent rule.
#include "CScrubCore.h"

#include <cstdlib>
#include <cstring>

#if __has_include(<PDFDoc.h>) && __has_include(<OutputDev.h>)
#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>
#include <Annot.h>
#include <Gfx.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <goo/GooString.h>

// One header-only answer to poppler's API differences for both C++ targets; included by path,
// as it sits in CPopplerCore's sources (not its public headers) and brings no symbol with it.
#include "../CPopplerCore/PopplerCompat.hpp"
#include "../CPopplerCore/GlyphDirection.hpp"

namespace {

class GlyphLocator final : public OutputDev {
public:
    struct Frame {
        int32_t kind;
        int32_t num, gen;
        int32_t op = -1;
    };
    std::vector<tagscan_scrub_glyph> glyphs;
    std::vector<int32_t> forms;
    std::set<std::pair<int, int>> seenForms;
    std::vector<Frame> frames;
    bool inAnnotation = false;
    int32_t stringIndex = -1;
    int32_t byteOffset = 0;
    std::string currentString;

    void reset() {
        glyphs.clear();
        forms.clear();
        seenForms.clear();
        frames.assign(1, Frame{TAGSCAN_SCRUB_PAGE_CONTENT, 0, 0});
        inAnnotation = false;
        stringIndex = -1;
        byteOffset = 0;
    }

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return false; }
    bool needCharCount() override { return false; }
    bool useDrawForm() override { return false; }

    // poppler 22.12 passes the form's Ref; later releases add its Object. Declaring both
    // overrides whichever this poppler has, so neither can say `override`.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winconsistent-missing-override"
    void beginForm(Ref id) { enterForm(id); }
    void endForm(Ref) { leaveForm(); }
    void beginForm(Object *, Ref id) { enterForm(id); }
    void endForm(Object *, Ref) { leaveForm(); }
#pragma clang diagnostic pop

    void enterForm(Ref id) {
        frames.push_back(Frame{TAGSCAN_SCRUB_FORM, id.num, id.gen});
        if (!inAnnotation && id.num > 0 && seenForms.insert({id.num, id.gen}).second) {
            forms.push_back(id.num);
            forms.push_back(id.gen);
        }
    }
    void leaveForm() {
        if (frames.size() > 1) frames.pop_back();
    }

    void beginStringOp(GfxState *) override {
        frames.back().op += 1;
        stringIndex = -1;
    }
    void beginString(GfxState *, const GooString *s) override {
        stringIndex += 1;
        byteOffset = 0;
        currentString.assign(s ? s->c_str() : "", s ? static_cast<size_t>(s->getLength()) : 0);
    }

    void drawChar(GfxState *state, double x, double y, double dx, double dy, double, double, CharCode code, int nBytes,
                  const Unicode *u, int uLen) override {
        const int32_t offset = byteOffset;
        byteOffset += nBytes;
        (void)code;
        tagscan_scrub_glyph g;
        std::memset(&g, 0, sizeof g);
        const Frame &frame = frames.back();
        g.stream_kind = inAnnotation ? TAGSCAN_SCRUB_ANNOTATION : frame.kind;
        g.form_num = frame.num;
        g.form_gen = frame.gen;
        g.op_index = frame.op;
        g.string_index = stringIndex;
        g.byte_offset = offset;
        g.byte_count = nBytes;
        for (int i = 0; i < nBytes && i < 4; ++i) {
            const size_t at = static_cast<size_t>(offset + i);
            g.bytes[i] = at < currentString.size() ? static_cast<uint8_t>(currentString[at]) : 0;
        }
        g.unicode_count = uLen > 0 && u != nullptr ? uLen : 0;
        for (int i = 0; i < g.unicode_count && i < 4; ++i) g.unicode[i] = u[i];
        g.render_mode = static_cast<uint8_t>(state->getRender() & 7);

        const std::shared_ptr<GfxFont> &font = state->getFont();
        g.type3 = font && font->getType() == fontType3;
        const bool vertical = font && font->getWMode();
        g.vertical = vertical;

        // The advance in text space (horizontal scaling included), recovered from the device
        // delta poppler passes: the text matrix maps it to (dx, dy).
        const double *tm = state->getTextMat();
        const double det = tm[0] * tm[3] - tm[1] * tm[2];
        const double size = state->getFontSize(), scaling = state->getHorizScaling();
        if (std::fabs(det) > 1e-12 && std::fabs(size * scaling) > 1e-12 && !vertical) {
            const double advance = (tm[3] * dx - tm[2] * dy) / det;
            const double rise = (-tm[1] * dx + tm[0] * dy) / det;
            g.adjust = -advance * 1000.0 / (size * scaling);
            g.adjust_ok = std::isfinite(g.adjust) && std::fabs(rise) < 1e-9 * (1 + std::fabs(advance));
        }

        // The box, as the scanner's glyph path builds it, over the whole glyph.
        const int rotation = glyph_direction::quarterTurns(*state, font.get());
        double spacing = state->getCharSpace();
        if (nBytes == 1 && code == 0x20) spacing += state->getWordSpace();
        double sdx, sdy;
        state->textTransformDelta(spacing * scaling, 0, &sdx, &sdy);
        double w, h, x1, y1;
        state->transformDelta(dx - sdx, dy - sdy, &w, &h);
        state->transform(x, y, &x1, &y1);
        const double tsize = state->getTransformedFontSize();
        const double ascent = (font ? font->getAscent() : 0.95) * tsize;
        const double descent = (font ? font->getDescent() : -0.35) * tsize;
        if ((rotation == 0 && w < 0) || (rotation == 1 && h < 0) || (rotation == 2 && w > 0) || (rotation == 3 && h > 0)) {
            x1 += w; y1 += h; w = -w; h = -h;
        }
        double xMin, xMax, yMin, yMax;
        if (vertical) {
            xMin = x1 - tsize; xMax = x1 + tsize; yMin = y1 - tsize; yMax = y1 + tsize;
        } else {
            switch (rotation) {
            case 0: xMin = x1; xMax = x1 + w; yMin = y1 - ascent; yMax = y1 - descent; break;
            case 1: xMin = x1 + descent; xMax = x1 + ascent; yMin = y1; yMax = y1 + h; break;
            case 2: xMin = x1 + w; xMax = x1; yMin = y1 + descent; yMax = y1 + ascent; break;
            default: xMin = x1 - ascent; xMax = x1 - descent; yMin = y1 + h; yMax = y1; break;
            }
        }
        g.x_min = std::fmin(xMin, xMax);
        g.x_max = std::fmax(xMin, xMax);
        g.y_min = std::fmin(yMin, yMax);
        g.y_max = std::fmax(yMin, yMax);
        glyphs.push_back(g);
    }
};

} // namespace

struct tagscan_scrub_document {
    std::unique_ptr<PDFDoc> doc;
    char *buffer = nullptr;
    GlyphLocator locator;
    ~tagscan_scrub_document() {
        doc.reset();
        std::free(buffer);
    }
};

extern "C" tagscan_scrub_document *tagscan_scrub_open(const void *data, size_t length, const char *password, int *error_code) {
    try {
        std::optional<GooString> pw;
        if (password != nullptr) pw = GooString(password);
        auto document = std::make_unique<tagscan_scrub_document>();
        document->buffer = static_cast<char *>(std::malloc(length > 0 ? length : 1));
        if (document->buffer == nullptr) { if (error_code) *error_code = errFileIO; return nullptr; }
        std::memcpy(document->buffer, data, length);
        document->doc = std::make_unique<PDFDoc>(new MemStream(document->buffer, 0, static_cast<Goffset>(length), Object(objNull)), pw, pw);
        if (!document->doc->isOk()) {
            if (error_code) *error_code = document->doc->getErrorCode();
            return nullptr;
        }
        if (error_code) *error_code = 0;
        return document.release();
    } catch (...) {
        if (error_code) *error_code = errDamaged;
        return nullptr;
    }
}

extern "C" void tagscan_scrub_close(tagscan_scrub_document *document) {
    try { delete document; } catch (...) { }
}

extern "C" int tagscan_scrub_page_count(tagscan_scrub_document *document) {
    try { return document->doc->getNumPages(); } catch (...) { return 0; }
}

extern "C" int tagscan_scrub_is_encrypted(tagscan_scrub_document *document) {
    try { return document->doc->isEncrypted() ? 1 : 0; } catch (...) { return 1; }
}

/// Every Form XObject `resources` names, and those their own resources name.
static void collectForms(Dict *resources, XRef *xref, GlyphLocator &locator, int depth) {
    if (resources == nullptr || depth > 32) return;
    Object xobjects = resources->lookup("XObject");
    if (!xobjects.isDict()) return;
    Dict *dict = xobjects.getDict();
    for (int i = 0; i < dict->getLength(); ++i) {
        const Object &entry = dict->getValNF(i);
        if (!entry.isRef()) continue;
        const Ref ref = entry.getRef();
        if (!locator.seenForms.insert({ref.num, ref.gen}).second) continue;
        Object stream = entry.fetch(xref);
        if (!stream.isStream()) continue;
        Dict *streamDict = stream.streamGetDict();
        Object subtype = streamDict->lookup("Subtype");
        if (!subtype.isName("Form")) continue;
        locator.forms.push_back(ref.num);
        locator.forms.push_back(ref.gen);
        Object inner = streamDict->lookup("Resources");
        if (inner.isDict()) collectForms(inner.getDict(), xref, locator, depth + 1);
    }
}

extern "C" int tagscan_scrub_page_glyphs(tagscan_scrub_document *document, int index, int annotations_only, tagscan_scrub_glyph **glyphs,
                                        int *count, int32_t **forms, int *form_count) {
    *glyphs = nullptr;
    *count = 0;
    *forms = nullptr;
    *form_count = 0;
    try {
        Page *page = document->doc->getPage(index + 1);
        if (page == nullptr) return -1;
        GlyphLocator &locator = document->locator;
        locator.reset();
        if (annotations_only) {
            collectForms(page->getResourceDict(), document->doc->getXRef(), locator, 0);
            Annots *annots = page->getAnnots();
            if (annots == nullptr || annots->getAnnots().empty()) {
                *forms = locator.forms.empty() ? nullptr : locator.forms.data();
                *form_count = static_cast<int>(locator.forms.size() / 2);
                return 0;
            }
        }
        std::unique_ptr<Gfx> gfx = poppler_compat::pageGfx(*page, &locator);
        if (!gfx) return -1;
        if (!annotations_only) page->display(gfx.get());
        // Annotation appearances last, marked as such: text there is reported, never rewritten.
        if (Annots *annots = page->getAnnots()) {
            locator.inAnnotation = true;
            locator.frames.assign(1, GlyphLocator::Frame{TAGSCAN_SCRUB_ANNOTATION, 0, 0});
            for (Annot *annot : annots->getAnnots()) {
                if (annot != nullptr) annot->draw(gfx.get(), false);
            }
        }
        gfx.reset();
        if (!locator.glyphs.empty()) {
            *glyphs = locator.glyphs.data();
            *count = static_cast<int>(locator.glyphs.size());
        }
        if (!locator.forms.empty()) {
            *forms = locator.forms.data();
            *form_count = static_cast<int>(locator.forms.size() / 2);
        }
        return 0;
    } catch (...) {
        return -1;
    }
}

#else

extern "C" tagscan_scrub_document *tagscan_scrub_open(const void *, size_t, const char *, int *error_code) {
    if (error_code) *error_code = -1;
    return nullptr;
}
extern "C" void tagscan_scrub_close(tagscan_scrub_document *) { }
extern "C" int tagscan_scrub_page_count(tagscan_scrub_document *) { return 0; }
extern "C" int tagscan_scrub_is_encrypted(tagscan_scrub_document *) { return 0; }
extern "C" int tagscan_scrub_page_glyphs(tagscan_scrub_document *, int, int, tagscan_scrub_glyph **glyphs, int *count, int32_t **forms,
                                        int *form_count) {
    *glyphs = nullptr;
    *count = 0;
    *forms = nullptr;
    *form_count = 0;
    return -1;
}

#endif
