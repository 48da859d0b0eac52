#ifndef TAGSCAN_CPOPPLERCORE_H
#define TAGSCAN_CPOPPLERCORE_H

#include <stddef.h>
#include "CPopplerGlyphs.h"
#include "CPopplerHostile.h"

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this build could see poppler's core headers (libpoppler-private-dev), else 0.
int tagscan_core_available(void);

/// Writes each page's normalised /Rotate (0, 90, 180 or 270) into `out` (at most `capacity`
/// pages) and returns the page count, or -1 when the core API is unavailable or the document
/// does not open. Give either `path` or `data`/`length`. Call only while a poppler-glib document
/// is open, so poppler's GlobalParams exist. When `encryption` is given it is filled as
/// `tagscan_probe_encryption` would, from the same open, and `*encryption_status` says whether
/// it could be (0) or not (-1).
int tagscan_core_page_rotations(const char *path, const void *data, size_t length,
                                const char *password, int *out, int capacity,
                                tagscan_encryption *encryption, int *encryption_status);

#ifdef __cplusplus
}
#endif

#endif
