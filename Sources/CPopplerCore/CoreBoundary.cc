// The test hook behind boundary::allocationPoint.
#include "CoreBoundary.hpp"

// Per thread, so that a test's failure never lands in a scan running beside it.
thread_local long long boundary::failAfter = 0;

extern "C" void tagscan_test_fail_allocation_after(long long count) { boundary::failAfter = count < 0 ? 0 : count; }
