#ifndef TAGSCAN_CPOPPLERHOSTILE_H
#define TAGSCAN_CPOPPLERHOSTILE_H

// Defences against hostile documents: poppler's error messages captured and bounded, and probes
// that tell unsupported encryption and unreadable text apart from "no anchors". (The process
// plumbing of isolated scanning is CProcessSpawn's, which does not link poppler.)

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: poppler's messages

/// Routes poppler's error() calls to tagscan's capture instead of poppler-glib's logger. Call
/// once, after poppler's GlobalParams exist (poppler-glib replaces the callback whenever it
/// rebuilds them). Until tagscan_messages_begin, messages are counted and dropped.
void tagscan_messages_install(void);
/// Starts capturing (process-wide, every thread): clears the log, keeps the first `keep_lines`
/// messages (each cut to `max_line_length` bytes) and counts the rest.
void tagscan_messages_begin(int keep_lines, int max_line_length);
/// Stops capturing. Returns how many messages arrived since tagscan_messages_begin and sets
/// `*lines` to the kept ones, joined by '\n' (free with free(); NULL when none).
long long tagscan_messages_end(char **lines);
/// Messages that arrived while nothing was capturing (dropped, never printed).
long long tagscan_messages_dropped(void);
/// Starts watching, on the calling thread only, for messages that mean the page being drawn was
/// cut short (an allocation that failed, a stream decoder that gave up). Works whether or not a
/// capture is open.
void tagscan_page_watch_begin(void);
/// Stops the calling thread's watch. Returns how many such messages arrived since
/// tagscan_page_watch_begin and sets `*first` to the first one (free with free(); NULL when none).
long long tagscan_page_watch_end(char **first);

// MARK: Probes

/// What a document's /Encrypt dictionary asks for, and what poppler made of it.
typedef struct tagscan_encryption {
    /// 1 when the trailer names an /Encrypt dictionary.
    int present;
    /// The /Filter name ("Standard" for password security), "" when missing.
    char filter[64];
    /// /V, /R and /Length; -1 when absent or not integers.
    int version, revision, length;
    /// The crypt filter method (/CFM) of /StmF for /V 4 and 5, "" when none.
    char method[32];
    /// 1 when /StmF and /StrF are both /Identity (declared, but nothing is encrypted).
    int identity;
    /// poppler's error code when opening with the given password (0 when it opened).
    int open_error;
    /// 1 when poppler opened the document and decrypts it; 0 when it opened it as if it were
    /// not encrypted (poppler 22.12 does so with a Standard handler it cannot set up).
    int decrypting;
} tagscan_encryption;

/// Opens the document (path, or data/length) with `password` and fills `out`. Returns a
/// tagscan_status: TAGSCAN_FAILED when the cross-reference table cannot be read at all.
int tagscan_probe_encryption(const char *path, const void *data, size_t length, const char *password,
                             tagscan_encryption *out);

/// For each of `count` pages (0-based `pages`), runs the content stream through a counting
/// output device: `drawn[i]` glyphs drawn, `mapped[i]` of them with a Unicode mapping.
/// Returns a tagscan_status: TAGSCAN_FAILED when the document does not open.
int tagscan_probe_text(const char *path, const void *data, size_t length, const char *password, const int *pages,
                       int count, long long *drawn, long long *mapped);

#ifdef __cplusplus
}
#endif

#endif
