// What tagscan does with poppler's private members, behind plain functions: the members
// themselves are named only in PopplerPrivate.cc, which lists them with the poppler versions
// they were checked against.
#ifndef TAGSCAN_POPPLERPRIVATE_HPP
#define TAGSCAN_POPPLERPRIVATE_HPP

#include <cstddef>

class Catalog;
class Gfx;
class PDFDoc;

namespace poppler_private {

/// Frees page `index` (0-based) once drawn. poppler keeps every Page it has built until the
/// document closes (about 1.7 KB a page: 17 MB for each open copy of a 10,000-page file, and a
/// worker opens one copy per thread). The Catalog keeps the page's slot, and `getPage` answers
/// null for it from then on (`tagscan_core_page_glyphs` builds it again through a Catalog of its
/// own); a linearized document's own cache builds a freed page again by itself.
void releasePage(PDFDoc &doc, int index);

/// How many page slots the catalog holds (pages found so far in the page tree).
size_t catalogPageSlots(Catalog &catalog);

/// How many of the catalog's page slots hold a built page.
size_t catalogBuiltPages(Catalog &catalog);

/// Whether a page's content left `gfx` as it found it. The graphics-state stack is always
/// rebalanced (state guards), but an unclosed BMC/BDC leaves its marked-content entry behind,
/// and with it possibly hidden optional content, and an unclosed BX suppresses unknown-operator
/// errors; a Gfx in either state must not draw the next page.
bool pageLeftGfxClean(Gfx &gfx);

} // namespace poppler_private

#endif
