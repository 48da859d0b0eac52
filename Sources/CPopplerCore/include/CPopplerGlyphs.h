#ifndef TAGSCAN_CPOPPLERGLYPHS_H
#define TAGSCAN_CPOPPLERGLYPHS_H

#include <stddef.h>
#include <stdint.h>

#include "CPopplerHostile.h"
#include "CPopplerStatus.h"

#ifdef __cplusplus
extern "C" {
#endif

/// One Unicode scalar drawn on a page, in content-stream order, with its box in the displayed
/// page space (72 dpi, origin top-left of the crop box after /Rotate, y down): the same space
/// and the same box rule (baseline − ascent·size … baseline − descent·size along the advance)
/// as poppler's TextOutputDev, so both extraction paths agree.
typedef struct tagscan_glyph {
    uint32_t unicode;
    double x_min, y_min, x_max, y_max;
    /// The baseline: y for rotation 0 and 2, x for 1 and 3.
    double base;
    double font_size;
    /// Text direction on the displayed page in quarter turns (0 = left to right).
    uint8_t rotation;
    /// PDF text render mode (3 = invisible, 7 = clip only).
    uint8_t render_mode;
    uint8_t red, green, blue;
} tagscan_glyph;

/// Distinct non-ASCII characters a page tally lists before it gives up listing them.
#define TAGSCAN_TALLY_NON_ASCII 64

/// What the layout would count of the last page drawn, taken while it was drawn (glyphs on the
/// visible page only), and the characters an anchor may start from.
typedef struct tagscan_page_tally {
    /// 1 when every line was drawn in one run in reading order: then `inside` and `outside` are
    /// the layout's own counts of glyphs on and beyond the visible page.
    int ordered;
    long long inside, outside;
    /// 1 once an ASCII character reached its count (tagscan_core_set_triggers).
    int may_hold_anchor;
    /// How many times each ASCII character with a count was drawn.
    unsigned int ascii[128];
    /// The distinct characters beyond ASCII drawn, in order of first appearance; when there were
    /// more than TAGSCAN_TALLY_NON_ASCII, `non_ascii_overflow` is 1 and the list is cut short.
    uint32_t non_ascii[TAGSCAN_TALLY_NON_ASCII];
    int non_ascii_count;
    int non_ascii_overflow;
} tagscan_page_tally;

/// An open document on poppler's core API; confined to one thread.
typedef struct tagscan_core_document tagscan_core_document;

/// Opens a document; null on failure, with `*error_code` set to a tagscan_status (poppler's
/// reasons are its positive values).
tagscan_core_document *tagscan_core_open(const char *path, const void *data, size_t length,
                                         const char *password, int *error_code);
void tagscan_core_close(tagscan_core_document *document);
/// The page count, or a negative tagscan_status.
int tagscan_core_page_count(tagscan_core_document *document);
/// 1 when the document has JavaScript in its name tree or an OpenAction, 0 when not, or a
/// negative tagscan_status.
int tagscan_core_has_javascript(tagscan_core_document *document);
/// What the open document's /Encrypt dictionary asks for (as `tagscan_probe_encryption`,
/// without opening the file again). Returns a tagscan_status (TAGSCAN_FAILED when it cannot tell).
int tagscan_core_encryption(tagscan_core_document *document, tagscan_encryption *out);

/// Runs page `index` (0-based) through a glyph-collecting output device. On return `*glyphs`
/// holds `*count` glyphs drawn on the visible page and `*outside` the `*outside_count` drawn
/// beyond its crop box, both owned by the document and valid until the next call on it or its
/// close (never free them), `width`/`height` the displayed size and `rotation` the page's
/// /Rotate. Returns a tagscan_status: TAGSCAN_FAILED when the page cannot be loaded,
/// TAGSCAN_OUT_OF_MEMORY when an allocation failed while it was drawn (nothing is returned then).
int tagscan_core_page_glyphs(tagscan_core_document *document, int index, tagscan_glyph **glyphs,
                             int *count, tagscan_glyph **outside, int *outside_count,
                             double *width, double *height, int *rotation);
/// Sets how many of each ASCII character (`minimum[c]`, 0: not counted) make a page a
/// candidate for anchors, for the tallies of the pages drawn from now on.
void tagscan_core_set_triggers(tagscan_core_document *document, const uint8_t minimum[128]);
/// The tally of the last page `tagscan_core_page_glyphs` drew.
void tagscan_core_page_tally(tagscan_core_document *document, tagscan_page_tally *out);
/// How many glyphs the last page `tagscan_core_page_glyphs` drew, and how many of them map to a
/// character other than white space (a page that draws glyphs none of which maps is unreadable,
/// not empty).
void tagscan_core_page_glyph_counts(tagscan_core_document *document, long long *drawn, long long *mapped);
/// How many pages poppler holds built for the document (drawn or passed in the page tree and not
/// yet released); a negative tagscan_status on failure.
int tagscan_core_built_pages(tagscan_core_document *document);
void tagscan_core_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
