// What a page's layout would count, taken while the page is drawn, so that a page no anchor can
// be on needs neither layout nor a second pass over its glyphs.
//
// This mirrors `GlyphLayout.count` on the Swift side rule for rule (which glyphs are dropped,
// how lines are found, which glyphs are duplicates, which are outside the page); the tests hold
// both to the layout's own counts. The Swift pass stays the reference and the fallback.
#ifndef TAGSCAN_LAYOUTTALLY_HPP
#define TAGSCAN_LAYOUTTALLY_HPP

#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include "CPopplerGlyphs.h"

class LayoutTally {
public:
    /// How many of each ASCII character make a page a candidate (0: none do); set by the scan.
    uint8_t minimum[128] = {};
    tagscan_page_tally result{};

    /// Starts a page whose visible size (rounded to hundredths, as the page info is) is given.
    void begin(double width, double height) {
        std::memset(&result, 0, sizeof result);
        result.ordered = 1;
        infoWidth = width;
        infoHeight = height;
        lineStarts.clear();
        hasLine = false;
        hasPrior = false;
        lastStart = -INFINITY;
    }

    /// One glyph of the visible page, in drawing order.
    void add(const tagscan_glyph &g) {
        const uint32_t value = g.unicode;
        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return;
        if (value < 128) {
            if (minimum[value] != 0 && ++result.ascii[value] >= minimum[value]) result.may_hold_anchor = 1;
        } else {
            noteNonASCII(value);
        }
        if (!result.ordered) return;
        // The box as the Swift side holds it (origin and size), so its far edges round alike.
        const double minX = g.x_min, minY = g.y_min, width = g.x_max - minX, height = g.y_max - minY;
        if (!std::isfinite(width) || !std::isfinite(height)) return;
        const double maxX = minX + width, maxY = minY + height;
        const int rotation = g.rotation;
        const double base = g.base, size = g.font_size;
        const double tolerance = std::fmax(0.5, 0.05 * size);
        const double start = rotation == 0 ? minX : rotation == 1 ? minY : rotation == 2 ? -maxX : -maxY;
        if (hasLine && lineRotation == rotation && std::fabs(lineBase - base) <= tolerance) {
            if (start < lastStart) {
                result.ordered = 0;
                return;
            }
            lastStart = start;
        } else {
            const long long bucket = static_cast<long long>(std::round(base * 2));
            for (long long candidate : {bucket, bucket - 1, bucket + 1}) {
                auto found = lineStarts.find(candidate * 4 + rotation);
                if (found != lineStarts.end() && std::fabs(found->second - base) <= tolerance) {
                    result.ordered = 0;
                    return;
                }
            }
            lineStarts[bucket * 4 + rotation] = base;
            hasLine = true;
            lineRotation = rotation;
            lineBase = base;
            hasPrior = false;
            lastStart = start;
        }
        if (hasPrior && priorValue == value && std::fabs(start - priorStart) < 0.15 * size) return;
        if (isLayoutWhitespace(value)) {
            if (hasPrior && !priorIsSpace) {
                priorValue = value;
                priorStart = start;
                priorIsSpace = true;
            }
            return;
        }
        hasPrior = true;
        priorValue = value;
        priorStart = start;
        priorIsSpace = false;
        const bool out = (rotation == 0 || rotation == 2) ? (maxX < 0 || minX > infoWidth || base < 0 || base > infoHeight)
                                                           : (maxY < 0 || minY > infoHeight || base < 0 || base > infoWidth);
        if (out) result.outside += 1;
        else result.inside += 1;
    }

    /// The layout's white space: four ASCII characters (not vertical tab or form feed) and the
    /// Unicode White_Space characters beyond ASCII.
    static bool isLayoutWhitespace(uint32_t c) {
        if (c < 0x80) return c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D;
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
               c == 0x205F || c == 0x3000;
    }

private:
    double infoWidth = 0, infoHeight = 0;
    std::unordered_map<long long, double> lineStarts;
    bool hasLine = false;
    int lineRotation = 0;
    double lineBase = 0, lastStart = -INFINITY;
    bool hasPrior = false, priorIsSpace = false;
    uint32_t priorValue = 0;
    double priorStart = 0;

    void noteNonASCII(uint32_t value) {
        const int count = result.non_ascii_count;
        for (int i = count - 1; i >= 0; --i) {
            if (result.non_ascii[i] == value) return;
        }
        if (count == TAGSCAN_TALLY_NON_ASCII) {
            result.non_ascii_overflow = 1;
            return;
        }
        result.non_ascii[count] = value;
        result.non_ascii_count = count + 1;
    }
};

#endif
