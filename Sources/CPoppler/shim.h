#ifndef TAGSCAN_CPOPPLER_SHIM_H
#define TAGSCAN_CPOPPLER_SHIM_H

#include <glib-object.h>
#include <poppler.h>
#include <cairo.h>

#if !POPPLER_CHECK_VERSION(21, 12, 0)
#error "tagscan needs poppler-glib 21.12 or newer: apt-get install libpoppler-glib-dev"
#endif

#endif
