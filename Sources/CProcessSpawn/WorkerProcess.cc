// Process plumbing for isolated scanning, in C because Swift's Glibc module does not expose
// pipe2, posix_spawn_file_actions_addclosefrom_np or operator new's handler. Nothing here throws
// (system calls and std::set_new_handler only), so no exception can leave it.
#include "CProcessSpawn.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <new>
#include <dlfcn.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <spawn.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

void closeBoth(int fds[2]) {
    if (fds[0] >= 0) close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
}

[[noreturn]] void outOfMemory() {
    static const char message[] = "tagscan worker: out of memory (an allocation failed under the memory cap)\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof(message) - 1);
    (void)ignored;
    _exit(TAGSCAN_WORKER_EXIT_OUT_OF_MEMORY);
}

/// AddressSanitizer, ThreadSanitizer and MemorySanitizer reserve terabytes of address space
/// for their shadow memory: under RLIMIT_AS they cannot start. A sanitized worker runs uncapped.
bool underSanitizer() {
    return dlsym(RTLD_DEFAULT, "__asan_init") != nullptr || dlsym(RTLD_DEFAULT, "__tsan_init") != nullptr ||
           dlsym(RTLD_DEFAULT, "__msan_init") != nullptr;
}

} // namespace

extern "C" long long tagscan_monotonic_ms(void) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

extern "C" int tagscan_worker_spawn(const char *path, char *const argv[], char *const envp[], pid_t *pid, int *to_child,
                                    int *from_child, int *child_stderr) {
#if !defined(__linux__)
    // pipe2, SOCK_CLOEXEC, MSG_NOSIGNAL and posix_spawn_file_actions_addclosefrom_np are Linux
    // (glibc 2.34+); isolated scanning is not available elsewhere yet.
    (void)path; (void)argv; (void)envp; (void)pid; (void)to_child; (void)from_child; (void)child_stderr;
    return ENOSYS;
#else
    int input[2] = {-1, -1}, output[2] = {-1, -1}, errors[2] = {-1, -1};
    // Every descriptor is close-on-exec from birth, so a worker started on another thread at the
    // same moment cannot inherit this worker's ends (it would hold its stdin open forever).
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, input) != 0) return errno;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, output) != 0) {
        const int e = errno;
        closeBoth(input);
        return e;
    }
    if (pipe2(errors, O_CLOEXEC) != 0) {
        const int e = errno;
        closeBoth(input);
        closeBoth(output);
        return e;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // Its own process group, so a timeout can kill it and anything it started; default signal
    // handling and an empty mask whatever the parent (a service) has set.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    const int status = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(input[1]);
    close(output[1]);
    close(errors[1]);
    if (status != 0) {
        close(input[0]);
        close(output[0]);
        close(errors[0]);
        return status;
    }
    *to_child = input[0];
    *from_child = output[0];
    *child_stderr = errors[0];
    return 0;
#endif
}

extern "C" int tagscan_worker_send(int fd, const void *bytes, size_t length, long long deadline_ms) {
    const char *next = static_cast<const char *>(bytes);
    while (length > 0) {
#if defined(MSG_NOSIGNAL)
        const ssize_t sent = send(fd, next, length, MSG_NOSIGNAL | MSG_DONTWAIT);
#else
        const ssize_t sent = send(fd, next, length, MSG_DONTWAIT);
#endif
        if (sent > 0) {
            next += sent;
            length -= static_cast<size_t>(sent);
            continue;
        }
        if (sent < 0 && errno == EINTR) continue;
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return errno;
        int wait = -1;
        if (deadline_ms >= 0) {
            const long long left = deadline_ms - tagscan_monotonic_ms();
            if (left <= 0) return ETIMEDOUT;
            wait = static_cast<int>(left > 1000000 ? 1000000 : left);
        }
        pollfd entry{fd, POLLOUT, 0};
        if (poll(&entry, 1, wait) < 0 && errno != EINTR) return errno;
    }
    return 0;
}

extern "C" void tagscan_worker_kill(pid_t pid) {
    if (pid <= 0) return;
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

extern "C" void tagscan_worker_release_free_memory(void) { malloc_trim(0); }

extern "C" int tagscan_worker_prepare(long long max_memory, pid_t parent) {
    // Die with the parent, whatever killed it; if it is already gone, stop now.
#if defined(__linux__)
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (parent > 0 && getppid() != parent) _exit(0);
    std::set_new_handler(outOfMemory);
    if (max_memory > 0 && !underSanitizer()) {
        rlimit limit;
        limit.rlim_cur = static_cast<rlim_t>(max_memory);
        limit.rlim_max = static_cast<rlim_t>(max_memory);
        if (setrlimit(RLIMIT_AS, &limit) != 0) return errno;
    }
    return 0;
}

extern "C" int tagscan_worker_take_stdout(void) {
    const int protocol = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (protocol < 0) return -1;
    if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        close(protocol);
        return -1;
    }
    return protocol;
}
