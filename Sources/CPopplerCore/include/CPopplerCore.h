#ifndef TAGSCAN_CPOPPLERCORE_H
#define TAGSCAN_CPOPPLERCORE_H

#include <stddef.h>
#include "CPopplerStatus.h"
#include "CPopplerGlyphs.h"
#include "CPopplerHostile.h"

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this build could see poppler's core headers (libpoppler-private-dev), else 0.
int tagscan_core_available(void);

/// Writes each page's normalised /Rotate (0, 90, 180 or 270) into `out` (at most `capacity`
/// pages) and returns the page count, or a negative tagscan_status (TAGSCAN_FAILED when the
/// document does not open). Give either `path` or `data`/`length`. Call only while a
/// poppler-glib document is open, so poppler's GlobalParams exist. When `encryption` is given it
/// is filled as `tagscan_probe_encryption` would, from the same open, and `*encryption_status`
/// says whether it could be (TAGSCAN_OK) or not.
int tagscan_core_page_rotations(const char *path, const void *data, size_t length,
                                const char *password, int *out, int capacity,
                                tagscan_encryption *encryption, int *encryption_status);

/// What poppler's private members that tagscan reads held on a known document (see
/// PopplerPrivate.cc): a two-page document whose page 1 leaves a BDC and a BX open and whose
/// page 2 closes everything it opens.
typedef struct tagscan_private_readings {
    /// Catalog::pages' size once every page was asked for.
    int catalog_page_slots;
    /// 1 when Catalog::pages' first slot holds the Page that getPage(1) answered.
    int catalog_slot_owns_page;
    /// Pages held in PDFDoc::pageCache (a document that is not linearized has none).
    int page_cache_entries;
    /// After page 1: 1 when Gfx::mcStack is set; Gfx::ignoreUndef; 1 when the Gfx counts as clean.
    int dirty_marked_content, dirty_ignore_undefined, dirty_left_clean;
    /// The same after page 2, drawn by a fresh Gfx.
    int clean_marked_content, clean_ignore_undefined, clean_left_clean;
    /// 1 when getPage(1) answers null after page 1 was released through the private members.
    int released_page_gone;
} tagscan_private_readings;

/// Reads poppler's private members on the document in `data` (see tagscan_private_readings).
/// Returns a tagscan_status.
int tagscan_core_check_private_members(const void *data, size_t length, tagscan_private_readings *out);

#ifdef __cplusplus
}
#endif

#endif
