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
/// How many glyphs the last page `tagscan_core_page_glyphs` drew, and how many of them map to a
/// character other than white space (a page that draws glyphs none of which maps is unreadable,
/// not empty).
void tagscan_core_page_glyph_counts(tagscan_core_document *document, long long *drawn, long long *mapped);
void tagscan_core_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
