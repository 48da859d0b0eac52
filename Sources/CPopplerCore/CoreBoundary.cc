// The test hook behind boundary::allocationPoint.
#include "CoreBoundary.hpp"

namespace {
/// Allocation points left before one throws; 0 when disarmed. Per thread, so that a test's
/// failure never lands in a scan running beside it.
thread_local long long failAfter = 0;
} // namespace

void boundary::allocationPoint() {
    if (failAfter > 0 && --failAfter == 0) throw std::bad_alloc();
}

extern "C" void tagscan_test_fail_allocation_after(long long count) { failAfter = count < 0 ? 0 : count; }
