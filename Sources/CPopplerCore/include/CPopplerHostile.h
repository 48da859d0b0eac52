#ifndef TAGSCAN_CPOPPLERHOSTILE_H
#define TAGSCAN_CPOPPLERHOSTILE_H

// Defences against hostile documents (issue 6): poppler's error messages captured and bounded,
// probes that tell unsupported encryption and unreadable text apart from "no anchors", and the
// process plumbing of isolated scanning (worker processes with a memory cap).

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

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

/// Opens the document (path, or data/length) with `password` and fills `out`. Returns 0, or -1
/// when the cross-reference table cannot be read at all (or the core API is unavailable).
int tagscan_probe_encryption(const char *path, const void *data, size_t length, const char *password,
                             tagscan_encryption *out);

/// For each of `count` pages (0-based `pages`), runs the content stream through a counting
/// output device: `drawn[i]` glyphs drawn, `mapped[i]` of them with a Unicode mapping.
/// Returns 0, or -1 when the document does not open.
int tagscan_probe_text(const char *path, const void *data, size_t length, const char *password, const int *pages,
                       int count, long long *drawn, long long *mapped);

// MARK: Worker processes

/// The exit status a worker uses when an allocation fails (operator new's handler).
#define TAGSCAN_WORKER_EXIT_OUT_OF_MEMORY 86

/// Starts `path` with `argv` (NULL-terminated, argv[0] included) and `envp` in a new process
/// group, its stdin and stdout on socket pairs and its stderr on a pipe; no other descriptor is
/// inherited. The parent's ends are close-on-exec. Returns 0 or an errno value (ENOSYS off
/// Linux).
int tagscan_worker_spawn(const char *path, char *const argv[], char *const envp[], pid_t *pid, int *to_child,
                         int *from_child, int *child_stderr);

/// SIGKILL to the process group `pid` leads and to `pid` itself.
void tagscan_worker_kill(pid_t pid);

/// Sends all `length` bytes on a socket without raising SIGPIPE, waiting at most until
/// `deadline_ms` (CLOCK_MONOTONIC milliseconds; negative: no limit). Returns 0, or an errno
/// value (ETIMEDOUT, EPIPE, …).
int tagscan_worker_send(int fd, const void *bytes, size_t length, long long deadline_ms);

/// Milliseconds on CLOCK_MONOTONIC.
long long tagscan_monotonic_ms(void);

/// Called first in a worker: caps its address space at `max_memory` bytes (0: no cap; none
/// either in a sanitizer build, whose shadow memory needs terabytes of address space), makes
/// the kernel kill it when `parent` dies (and exits now when `parent` is already gone), and
/// makes a failed `new` exit with TAGSCAN_WORKER_EXIT_OUT_OF_MEMORY. Returns 0, or an errno value
/// when the cap cannot be set.
int tagscan_worker_prepare(long long max_memory, pid_t parent);

/// Moves the worker's standard output to a private descriptor (returned) and points fd 1 at
/// stderr, so stray prints cannot corrupt the protocol. Returns the protocol descriptor or -1.
int tagscan_worker_take_stdout(void);

#ifdef __cplusplus
}
#endif

#endif
