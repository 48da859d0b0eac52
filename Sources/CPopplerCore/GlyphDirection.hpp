// A drawn glyph's direction, shared by the scanner's glyph path and the scrubber's glyph walk so
// that both give a glyph the same box. Header-only, like PopplerCompat.hpp.
#ifndef TAGSCAN_GLYPHDIRECTION_HPP
#define TAGSCAN_GLYPHDIRECTION_HPP

#include <cmath>
#include <GfxFont.h>
#include <GfxState.h>

namespace glyph_direction {

/// The text direction on the displayed page in quarter turns (0 = left to right), from the font
/// matrix as TextOutputDev reads it: a Type3 font's own matrix included, vertical writing turned
/// a quarter further.
inline int quarterTurns(const GfxState &state, const GfxFont *font) {
    double m[4];
    state.getFontTransMat(&m[0], &m[1], &m[2], &m[3]);
    if (font && font->getType() == fontType3) {
        const double *fm = font->getFontMatrix();
        const double n0 = fm[0] * m[0] + fm[1] * m[2], n1 = fm[0] * m[1] + fm[1] * m[3];
        const double n2 = fm[2] * m[0] + fm[3] * m[2], n3 = fm[2] * m[1] + fm[3] * m[3];
        m[0] = n0; m[1] = n1; m[2] = n2; m[3] = n3;
    }
    int rotation;
    if (std::fabs(m[0] * m[3]) > std::fabs(m[1] * m[2])) rotation = (m[0] > 0 || m[3] < 0) ? 0 : 2;
    else rotation = (m[2] > 0) ? 1 : 3;
    if (font && font->getWMode()) rotation = (rotation + 1) & 3;
    return rotation;
}

} // namespace glyph_direction

#endif
