#ifndef TAGSCAN_CPROCESSSPAWN_H
#define TAGSCAN_CPROCESSSPAWN_H

// The process plumbing of isolated scanning (worker processes with a memory cap). Apart from
// the poppler targets: it links no PDF code, so the scanner's side of a worker and the worker's
// start-up never load poppler for it.

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

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

/// Hands memory the worker's allocator holds free back to the system (glibc's malloc_trim).
void tagscan_worker_release_free_memory(void);

/// Moves the worker's standard output to a private descriptor (returned) and points fd 1 at
/// stderr, so stray prints cannot corrupt the protocol. Returns the protocol descriptor or -1.
int tagscan_worker_take_stdout(void);

#ifdef __cplusplus
}
#endif

#endif
