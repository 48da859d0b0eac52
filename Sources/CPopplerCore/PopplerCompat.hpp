// poppler's core C++ API changes between releases; the versions Debian and Ubuntu ship differ in
// the calls below. Each difference is resolved here at compile time by the shape of the API
// (which overload compiles), so one source builds against all of them. Checked against
// poppler 22.12 (Debian 12) and 25.03 (Debian 13); see README → "poppler versions".
#ifndef TAGSCAN_POPPLERCOMPAT_HPP
#define TAGSCAN_POPPLERCOMPAT_HPP

#include <memory>
#include <type_traits>
#include <vector>
#include <Gfx.h>
#include <OutputDev.h>
#include <Page.h>

namespace poppler_compat {

// Up to poppler 22.12 (and later 2x releases): `Gfx *createGfx(…, bool printing, abortCheck,
// data, xref)`, owned by the caller.
template <typename P>
auto createGfx(P &page, OutputDev *out, int) -> decltype(std::unique_ptr<Gfx>(page.createGfx(out, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr))) {
    return std::unique_ptr<Gfx>(page.createGfx(out, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr));
}

// poppler 25.03: `std::unique_ptr<Gfx> createGfx(…)` without the `printing` flag.
template <typename P>
auto createGfx(P &page, OutputDev *out, long) -> decltype(std::unique_ptr<Gfx>(page.createGfx(out, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, nullptr, nullptr))) {
    return std::unique_ptr<Gfx>(page.createGfx(out, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, nullptr, nullptr));
}

/// A Gfx drawing `page` into `out` at 72 dpi, cropped, the page's own rotation, no abort check:
/// what poppler-glib's text functions use.
inline std::unique_ptr<Gfx> pageGfx(Page &page, OutputDev *out) { return createGfx(page, out, 0); }

/// Frees entry `index` of PDFDoc's linearized-page cache: `Page **` up to poppler 22.12,
/// `std::vector<std::unique_ptr<Page>>` in 25.03.
inline void releaseCachedPage(Page **&cache, int index, int count) {
    if (cache != nullptr && index >= 0 && index < count) {
        delete cache[index];
        cache[index] = nullptr;
    }
}
inline void releaseCachedPage(std::vector<std::unique_ptr<Page>> &cache, int index, int) {
    if (index >= 0 && static_cast<size_t>(index) < cache.size()) cache[static_cast<size_t>(index)].reset();
}

/// How many pages PDFDoc's linearized-page cache holds (the same two shapes).
inline int cachedPageCount(Page **&cache, int count) {
    int held = 0;
    for (int i = 0; cache != nullptr && i < count; ++i) held += cache[i] != nullptr ? 1 : 0;
    return held;
}
inline int cachedPageCount(std::vector<std::unique_ptr<Page>> &cache, int) {
    int held = 0;
    for (const auto &page : cache) held += page != nullptr ? 1 : 0;
    return held;
}

} // namespace poppler_compat

#endif
