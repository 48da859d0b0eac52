#ifndef TAGSCAN_CSCRUBCORE_H
#define TAGSCAN_CSCRUBCORE_H

// What `tagscan scrub` needs below Swift: poppler's core API to tie each drawn glyph to the
// text-showing operator and the bytes that drew it, and qpdf to rewrite those operators. Kept
// apart from CPopplerCore so that qpdf (Apache-2.0) is linked only by this target. Every
// function catches every C++ exception; none reaches Swift.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Where a glyph's bytes live.
enum {
    TAGSCAN_SCRUB_PAGE_CONTENT = 0,  ///< the page's own content stream(s), concatenated
    TAGSCAN_SCRUB_FORM = 1,          ///< a Form XObject's stream (form_num/form_gen)
    TAGSCAN_SCRUB_ANNOTATION = 2,    ///< an annotation's appearance stream: never rewritten
};

/// One glyph drawn on a page, in drawing order, with the operator and bytes that drew it.
typedef struct tagscan_scrub_glyph {
    /// Box in the displayed page space (72 dpi, origin top-left of the crop box after /Rotate,
    /// y down), over the glyph's whole advance, baseline − ascent … baseline − descent.
    double x_min, y_min, x_max, y_max;
    /// The TJ number that moves the text position exactly as this glyph's advance does
    /// (character and word spacing and horizontal scaling included).
    double adjust;
    int32_t stream_kind;
    int32_t form_num, form_gen;
    /// Index of the text-showing operator (Tj, TJ, ' or ") within its stream, from 0.
    int32_t op_index;
    /// Index of the string operand within the operator (TJ arrays hold several), from 0.
    int32_t string_index;
    /// Byte offset and length of the glyph's character code within that string.
    int32_t byte_offset, byte_count;
    uint8_t bytes[4];
    /// The Unicode scalars poppler maps the glyph to (a ligature has several).
    uint32_t unicode[4];
    int32_t unicode_count;
    /// Drawn by a Type3 glyph procedure, in vertical writing mode, or with a text matrix or
    /// size that gives no exact TJ displacement.
    uint8_t type3, vertical, adjust_ok;
    /// PDF text render mode.
    uint8_t render_mode;
} tagscan_scrub_glyph;

typedef struct tagscan_scrub_document tagscan_scrub_document;

/// Opens a copy of `data`, with `password` (may be null). On failure returns null with poppler's
/// error code (4 = encrypted), or -1 when the core API was not available at build time, in
/// `*error_code`.
tagscan_scrub_document *tagscan_scrub_open(const void *data, size_t length, const char *password, int *error_code);
void tagscan_scrub_close(tagscan_scrub_document *document);
int tagscan_scrub_page_count(tagscan_scrub_document *document);
/// 1 when the file has an /Encrypt dictionary (even with an empty user password), else 0.
int tagscan_scrub_is_encrypted(tagscan_scrub_document *document);

/// Draws page `index` (0-based): its content streams (unless `annotations_only`), then its
/// annotations' appearances. On return `*glyphs` holds `*count` glyphs owned by the document,
/// valid until the next call on it or its close. `*forms` lists the `*form_count` Form XObjects
/// (num, gen pairs) the page's content drew, directly or nested; with `annotations_only`, every
/// Form XObject its resources name, nested ones included (a superset). Returns 0, or -1 when the
/// page cannot be drawn.
int tagscan_scrub_page_glyphs(tagscan_scrub_document *document, int index, int annotations_only, tagscan_scrub_glyph **glyphs,
                              int *count, int32_t **forms, int *form_count);

/// One glyph to remove: where its bytes are, and the TJ number that replaces it.
typedef struct tagscan_scrub_cut {
    int32_t stream_kind;   ///< TAGSCAN_SCRUB_PAGE_CONTENT or TAGSCAN_SCRUB_FORM
    int32_t page_index;    ///< for page content
    int32_t form_num, form_gen;
    int32_t op_index, string_index, byte_offset, byte_count;
    uint8_t bytes[4];
    double adjust;
} tagscan_scrub_cut;

/// Rewrites the PDF in `data` without the glyphs in `cuts`, each replaced by its TJ
/// displacement, and writes the whole file to `*output` (free with `tagscan_scrub_free`).
/// `failed` (room for `cut_count` entries) receives 1 for each cut whose operator or bytes were
/// not where poppler saw them; then nothing is written. Returns 0 on success, 1 when some cut
/// failed, 2 when the file is encrypted, -1 on any other error, described in `message`.
int tagscan_scrub_rewrite(const void *data, size_t length, const tagscan_scrub_cut *cuts, size_t cut_count,
                          uint8_t *failed, void **output, size_t *output_length, char *message, size_t message_capacity);

/// Which pages of `rewritten` draw exactly what the same page of `original` does: the page
/// dictionary, its inherited attributes and everything they reference (content streams,
/// resources, fonts, Form XObjects, annotations) equal object by object, whatever the object
/// numbers. Sets `unchanged[i]` to 1 for each such page (up to `capacity`), 0 otherwise. Returns
/// the rewritten file's page count, or -1 when qpdf cannot read either file.
int tagscan_scrub_unchanged_pages(const void *original, size_t original_length, const void *rewritten, size_t rewritten_length,
                                  uint8_t *unchanged, int capacity);
void tagscan_scrub_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
