// The one way out of the C++ side: every exported function runs its body through `guarded`, so
// that no exception (std::bad_alloc from a vector growing in drawChar, anything poppler throws)
// unwinds into Swift, which cannot catch it and would terminate the process.
#ifndef TAGSCAN_COREBOUNDARY_HPP
#define TAGSCAN_COREBOUNDARY_HPP

#include <new>
#include <type_traits>
#include <utility>
#include "CPopplerStatus.h"

namespace boundary {

/// Runs `body` and returns what it returns, or `onFailure(status)` with TAGSCAN_OUT_OF_MEMORY or
/// TAGSCAN_EXCEPTION when it throws.
template <typename Body, typename OnFailure>
auto guarded(Body &&body, OnFailure &&onFailure) noexcept -> decltype(body()) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return onFailure(TAGSCAN_OUT_OF_MEMORY);
    } catch (...) {
        return onFailure(TAGSCAN_EXCEPTION);
    }
}

/// `guarded` for a body that answers a status (or a count, negative statuses meaning failure).
template <typename Body>
int guardedStatus(Body &&body) noexcept {
    return guarded(std::forward<Body>(body), [](tagscan_status status) { return static_cast<int>(status); });
}

/// `guarded` for a body that answers nothing: a failure is dropped.
template <typename Body>
void guardedVoid(Body &&body) noexcept {
    guarded(std::forward<Body>(body), [](tagscan_status) {});
}

/// Allocation points left on this thread before one throws; 0 when disarmed (the test hook).
extern thread_local long long failAfter;

/// An allocation point: throws std::bad_alloc when a test armed it (see
/// tagscan_test_fail_allocation_after); inline, so that a glyph costs one thread-local load.
inline void allocationPoint() {
    if (__builtin_expect(failAfter > 0, 0) && --failAfter == 0) throw std::bad_alloc();
}

} // namespace boundary

#endif
