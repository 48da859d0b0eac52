// poppler reports every problem through error(), which poppler-glib forwards to g_log and the
// core API prints to stderr: hundreds of millions of lines for some hostile files (issue 6).
// This callback keeps the first few messages of the document being scanned and counts the rest.
#include "CPopplerHostile.h"

#include <atomic>
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

void capture(ErrorCategory category, Goffset position, const char *message) {
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

} // namespace

extern "C" void tagscan_messages_install(void) { setErrorCallback(capture); }

extern "C" void tagscan_messages_begin(int keep_lines, int max_line_length) {
    MessageLog &log = messageLog();
    std::lock_guard<std::mutex> lock(log.mutex);
    log.capturing = true;
    log.keep = keep_lines < 0 ? 0 : keep_lines;
    log.maxLength = max_line_length < 16 ? 16 : max_line_length;
    log.count = 0;
    log.lines.clear();
}

extern "C" long long tagscan_messages_end(char **lines) {
    MessageLog &log = messageLog();
    std::lock_guard<std::mutex> lock(log.mutex);
    log.capturing = false;
    if (lines != nullptr) {
        *lines = nullptr;
        if (!log.lines.empty()) {
            std::string joined;
            for (size_t i = 0; i < log.lines.size(); ++i) {
                if (i > 0) joined += '\n';
                joined += log.lines[i];
            }
            *lines = static_cast<char *>(std::malloc(joined.size() + 1));
            if (*lines != nullptr) std::memcpy(*lines, joined.c_str(), joined.size() + 1);
        }
    }
    const long long count = log.count;
    log.count = 0;
    log.lines.clear();
    return count;
}

extern "C" long long tagscan_messages_dropped(void) { return dropped.load(std::memory_order_relaxed); }

#else

extern "C" void tagscan_messages_install(void) { }
extern "C" void tagscan_messages_begin(int, int) { }
extern "C" long long tagscan_messages_end(char **lines) {
    if (lines != nullptr) *lines = nullptr;
    return 0;
}
extern "C" long long tagscan_messages_dropped(void) { return 0; }

#endif
