#ifndef TAGSCAN_CPOPPLERSTATUS_H
#define TAGSCAN_CPOPPLERSTATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/// What a call into the C++ side came to. No exception ever leaves an exported function: each
/// catches every one and answers with one of these instead, so an allocation that fails inside
/// poppler or the glyph collector is an error the caller handles, never a terminated process.
///
/// The positive values are poppler's own reasons a document does not open (its ErrorCodes.h,
/// checked against poppler's at compile time); the negative ones are tagscan's. Swift maps them
/// in one place (`CoreStatus`).
typedef enum tagscan_status {
    TAGSCAN_OK = 0,
    /// poppler: the file cannot be opened.
    TAGSCAN_OPEN_FILE = 1,
    /// poppler: the page catalog cannot be read.
    TAGSCAN_BAD_CATALOG = 2,
    /// poppler: the file is damaged.
    TAGSCAN_DAMAGED = 3,
    /// poppler: the file is encrypted and the password is missing or wrong.
    TAGSCAN_ENCRYPTED = 4,
    /// poppler: a read failed.
    TAGSCAN_FILE_IO = 10,
    /// What the call says it answers when its object is missing: a page that does not load, a
    /// document whose cross-reference table is unusable.
    TAGSCAN_FAILED = -1,
    /// The build could not see poppler's core headers (no libpoppler-private-dev).
    TAGSCAN_UNAVAILABLE = -2,
    /// An allocation failed (std::bad_alloc).
    TAGSCAN_OUT_OF_MEMORY = -3,
    /// Any other C++ exception.
    TAGSCAN_EXCEPTION = -4,
} tagscan_status;

/// For tests only: makes the `count`-th allocation point of the C++ side after this call, on
/// the calling thread, throw std::bad_alloc as a failed allocation would (0 disarms). The
/// allocation points are where the glyph path grows memory per drawn glyph or opened document.
void tagscan_test_fail_allocation_after(long long count);

#ifdef __cplusplus
}
#endif

#endif
