// Every private poppler member tagscan reads or frees, in one place.
//
// poppler keeps what tagscan must inspect or free private. An explicit instantiation may name
// private members (C++ [temp.spec]), which gives `member(Tag())` a pointer to one without
// patching poppler's headers; its type is deduced, so it follows poppler's from version to
// version. A deduced type says nothing about meaning, though: a release could keep a name and
// change what it holds. `tagscan_core_check_private_members` reads each one on a known document,
// and a test compares what it saw with what the versions below give, so a build against a
// poppler that changed one fails that test by name instead of scanning differently.
//
// | member            | what tagscan relies on                                     | checked against |
// |-------------------|------------------------------------------------------------|-----------------|
// | Gfx::mcStack      | null unless a BMC/BDC is open (a page left one unclosed)    | 22.12, 25.03    |
// | Gfx::ignoreUndef  | 0 unless a BX is open                                       | 22.12, 25.03    |
// | Catalog::pages    | one slot per page found, `.first` owning the built Page     | 22.12, 25.03    |
// | PDFDoc::pageCache | a linearized document's Pages (`Page **` in 22.12, a vector of unique_ptr in 25.03, both empty for other documents) | 22.12, 25.03 |
//
// poppler 22.12 is Debian 12's, built and tested here (the check runs in the test suite);
// 25.03 is Debian 13's, its headers read and these sources compiled against them, not run.
#include "PopplerPrivate.hpp"
#include "CPopplerCore.h"
#include "CoreBoundary.hpp"

#include <cstring>

#if __has_include(<PDFDoc.h>) && __has_include(<OutputDev.h>)
#include <memory>
#include <Catalog.h>
#include <Gfx.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include "PopplerCompat.hpp"
#include "PopplerDocument.hpp"

namespace {

template <typename Tag, auto Member> struct PrivateMember {
    friend auto member(Tag) { return Member; }
};
struct GfxMarkedContent {
    friend auto member(GfxMarkedContent);
};
struct GfxIgnoreUndefined {
    friend auto member(GfxIgnoreUndefined);
};
struct CatalogPages {
    friend auto member(CatalogPages);
};
struct DocumentPageCache {
    friend auto member(DocumentPageCache);
};
template struct PrivateMember<GfxMarkedContent, &Gfx::mcStack>;
template struct PrivateMember<GfxIgnoreUndefined, &Gfx::ignoreUndef>;
template struct PrivateMember<CatalogPages, &Catalog::pages>;
template struct PrivateMember<DocumentPageCache, &PDFDoc::pageCache>;

/// Draws nothing: the check needs a Gfx to run content streams, not their output.
class NullOutput final : public OutputDev {
public:
    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return false; }
    bool needCharCount() override { return false; }
};

} // namespace

void poppler_private::releasePage(PDFDoc &doc, int index) {
    poppler_compat::releaseCachedPage(doc.*member(DocumentPageCache()), index, doc.getNumPages());
    auto &pages = doc.getCatalog()->*member(CatalogPages());
    if (index >= 0 && static_cast<size_t>(index) < pages.size()) pages[static_cast<size_t>(index)].first.reset();
}

size_t poppler_private::catalogPageSlots(Catalog &catalog) { return (catalog.*member(CatalogPages())).size(); }

size_t poppler_private::catalogBuiltPages(Catalog &catalog) {
    size_t built = 0;
    for (const auto &slot : catalog.*member(CatalogPages())) built += slot.first ? 1 : 0;
    return built;
}

bool poppler_private::pageLeftGfxClean(Gfx &gfx) {
    return gfx.*member(GfxMarkedContent()) == nullptr && gfx.*member(GfxIgnoreUndefined()) == 0 && !gfx.getState()->hasSaves();
}

extern "C" int tagscan_core_check_private_members(const void *data, size_t length, tagscan_private_readings *out) {
    std::memset(out, 0, sizeof(*out));
    return boundary::guardedStatus([&]() -> int {
        PopplerDocument opened(nullptr, data, length, nullptr, PopplerDocument::Bytes::borrowed);
        if (!opened.doc || !opened.doc->isOk() || opened.doc->getNumPages() < 2) return TAGSCAN_FAILED;
        PDFDoc &doc = *opened.doc;
        Catalog &catalog = *doc.getCatalog();
        const int pages = doc.getNumPages();
        for (int i = 1; i <= pages; ++i) doc.getPage(i);
        out->catalog_page_slots = static_cast<int>(poppler_private::catalogPageSlots(catalog));
        Page *first = doc.getPage(1);
        out->catalog_slot_owns_page = first != nullptr && (catalog.*member(CatalogPages()))[0].first.get() == first ? 1 : 0;
        out->page_cache_entries = poppler_compat::cachedPageCount(doc.*member(DocumentPageCache()), pages);

        NullOutput output;
        {
            std::unique_ptr<Gfx> gfx = poppler_compat::pageGfx(*first, &output);
            first->display(gfx.get());
            out->dirty_marked_content = (*gfx).*member(GfxMarkedContent()) != nullptr ? 1 : 0;
            out->dirty_ignore_undefined = static_cast<int>((*gfx).*member(GfxIgnoreUndefined()));
            out->dirty_left_clean = poppler_private::pageLeftGfxClean(*gfx) ? 1 : 0;
        }
        Page *second = doc.getPage(2);
        if (second == nullptr) return TAGSCAN_FAILED;
        {
            std::unique_ptr<Gfx> gfx = poppler_compat::pageGfx(*second, &output);
            second->display(gfx.get());
            out->clean_marked_content = (*gfx).*member(GfxMarkedContent()) != nullptr ? 1 : 0;
            out->clean_ignore_undefined = static_cast<int>((*gfx).*member(GfxIgnoreUndefined()));
            out->clean_left_clean = poppler_private::pageLeftGfxClean(*gfx) ? 1 : 0;
        }
        poppler_private::releasePage(doc, 0);
        out->released_page_gone = doc.getPage(1) == nullptr ? 1 : 0;
        return TAGSCAN_OK;
    });
}

#else

extern "C" int tagscan_core_check_private_members(const void *, size_t, tagscan_private_readings *out) {
    std::memset(out, 0, sizeof(*out));
    return TAGSCAN_UNAVAILABLE;
}

#endif
