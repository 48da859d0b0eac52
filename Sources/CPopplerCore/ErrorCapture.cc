// poppler reports every problem through error(), which poppler-glib forwards to g_log and the
// core API prints to stderr: hundreds of millions of lines for some hostile files.
// This callback keeps the first few messages of the document being scanned and counts the rest.
#include "CPopplerHostile.h"
#include "CoreBoundary.hpp"

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#if __has_include(<Error.h>) && __has_include(<PDFDoc.h>)
#include <Error.h>

namespace {

struct MessageLog {
    std::mutex mutex;
    bool capturing = false;
    int keep = 5;
    int maxLength = 300;
    long long count = 0;
    std::vector<std::string> lines;
};

MessageLog &messageLog() {
    // Never destroyed: poppler may report from other threads while the process exits.
    static MessageLog *log = new MessageLog();
    return *log;
}

std::atomic<long long> dropped{0};

// A page is drawn on one thread from start to end, and poppler reports on the thread that
// draws, so what it says while a page is drawn is told to that page through a thread-local watch.
struct PageWatch {
    bool active = false;
    long long count = 0;
    std::string first;
};

thread_local PageWatch pageWatch;

bool containsIgnoringCase(const std::string &text, const char *needle) {
    const size_t n = std::strlen(needle);
    if (n == 0 || text.size() < n) return false;
    for (size_t i = 0; i + n <= text.size(); ++i) {
        size_t j = 0;
        while (j < n && std::tolower(static_cast<unsigned char>(text[i + j])) == std::tolower(static_cast<unsigned char>(needle[j]))) ++j;
        if (j == n) return true;
    }
    return false;
}

// Messages after which poppler has drawn less than the page holds: an allocation it could not
// make (it then skips the image, font or bitmap), or a decoder that stopped reading a stream,
// so the rest of that content stream is never drawn.
bool meansPageCutShort(const char *message) {
    if (message == nullptr) return false;
    const std::string text(message);
    static const char *const signs[] = {
        "out of memory",
        "alloc",          // "can't allocate bitmaps", "Couldn't allocate memory for …", "Bogus memory allocation size"
        "too much memory", // "Not creating cacheData for T3FontCache, it asked for too much memory"
        "First JBIG2 segment associated with a page must be a page information segment",
        "Unexpected EOF in JBIG2 stream",
        "flate stream",   // "Bad block header in flate stream", "Unknown compression method in flate stream", …
    };
    for (const char *sign : signs) {
        if (containsIgnoringCase(text, sign)) return true;
    }
    return false;
}

const char *categoryName(ErrorCategory category) {
    switch (category) {
    case errSyntaxWarning: return "Syntax Warning";
    case errSyntaxError: return "Syntax Error";
    case errConfig: return "Config Error";
    case errCommandLine: return "Command Line Error";
    case errIO: return "I/O Error";
    case errNotAllowed: return "Permission Error";
    case errUnimplemented: return "Unimplemented Feature";
    case errInternal: return "Internal Error";
    }
    return "Error";
}

void record(ErrorCategory category, Goffset position, const char *message) {
    if (pageWatch.active && meansPageCutShort(message)) {
        if (pageWatch.count == 0) {
            pageWatch.first = message;
            if (pageWatch.first.size() > 300) pageWatch.first.resize(300);
            for (char &c : pageWatch.first) {
                if (c == '\n' || c == '\r') c = ' ';
            }
        }
        pageWatch.count += 1;
    }
    MessageLog &log = messageLog();
    std::lock_guard<std::mutex> lock(log.mutex);
    if (!log.capturing) {
        dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    log.count += 1;
    if (static_cast<int>(log.lines.size()) >= log.keep) return;
    std::string line = categoryName(category);
    if (position >= 0) line += " (" + std::to_string(static_cast<long long>(position)) + ")";
    line += ": ";
    line += message != nullptr ? message : "";
    if (static_cast<int>(line.size()) > log.maxLength) {
        // Cut on a UTF-8 boundary.
        size_t cut = static_cast<size_t>(log.maxLength);
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line.resize(cut);
        line += "…";
    }
    for (char &c : line) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    log.lines.push_back(std::move(line));
}

/// poppler's error callback. Nothing may unwind into poppler from here: a message that cannot
/// be kept for want of memory is lost, not thrown.
void capture(ErrorCategory category, Goffset position, const char *message) noexcept {
    boundary::guardedVoid([&] { record(category, position, message); });
}

} // namespace

extern "C" void tagscan_messages_install(void) {
    boundary::guardedVoid([] { setErrorCallback(capture); });
}

extern "C" void tagscan_messages_begin(int keep_lines, int max_line_length) {
    boundary::guardedVoid([&] {
        MessageLog &log = messageLog();
        std::lock_guard<std::mutex> lock(log.mutex);
        log.capturing = true;
        log.keep = keep_lines < 0 ? 0 : keep_lines;
        log.maxLength = max_line_length < 16 ? 16 : max_line_length;
        log.count = 0;
        log.lines.clear();
    });
}

extern "C" long long tagscan_messages_end(char **lines) {
    if (lines != nullptr) *lines = nullptr;
    return boundary::guarded(
        [&]() -> long long {
            MessageLog &log = messageLog();
            std::lock_guard<std::mutex> lock(log.mutex);
            log.capturing = false;
            const long long count = log.count;
            log.count = 0;
            if (lines != nullptr && !log.lines.empty()) {
                // Joining may fail for want of memory: the count is still told, the lines are not.
                boundary::guardedVoid([&] {
                    std::string joined;
                    for (size_t i = 0; i < log.lines.size(); ++i) {
                        if (i > 0) joined += '\n';
                        joined += log.lines[i];
                    }
                    *lines = static_cast<char *>(std::malloc(joined.size() + 1));
                    if (*lines != nullptr) std::memcpy(*lines, joined.c_str(), joined.size() + 1);
                });
            }
            log.lines.clear();
            return count;
        },
        [](tagscan_status) -> long long { return 0; });
}

extern "C" long long tagscan_messages_dropped(void) { return dropped.load(std::memory_order_relaxed); }

extern "C" void tagscan_page_watch_begin(void) {
    boundary::guardedVoid([] {
        pageWatch.active = true;
        pageWatch.count = 0;
        pageWatch.first.clear();
    });
}

extern "C" long long tagscan_page_watch_end(char **first) {
    if (first != nullptr) *first = nullptr;
    pageWatch.active = false;
    const long long count = pageWatch.count;
    if (first != nullptr && count > 0) {
        *first = static_cast<char *>(std::malloc(pageWatch.first.size() + 1));
        if (*first != nullptr) std::memcpy(*first, pageWatch.first.c_str(), pageWatch.first.size() + 1);
    }
    pageWatch.count = 0;
    pageWatch.first.clear();
    return count;
}

#else

extern "C" void tagscan_messages_install(void) { }
extern "C" void tagscan_messages_begin(int, int) { }
extern "C" long long tagscan_messages_end(char **lines) {
    if (lines != nullptr) *lines = nullptr;
    return 0;
}
extern "C" long long tagscan_messages_dropped(void) { return 0; }
extern "C" void tagscan_page_watch_begin(void) { }
extern "C" long long tagscan_page_watch_end(char **first) {
    if (first != nullptr) *first = nullptr;
    return 0;
}

#endif
