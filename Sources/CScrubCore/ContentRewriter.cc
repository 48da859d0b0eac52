// Rewrites content streams with qpdf's token filter: each text-showing operator holding a glyph
// to remove becomes a TJ array in which that glyph's bytes are replaced by the TJ number of its
// advance, so every glyph after it is drawn exactly where it was. Everything else in the stream
// passes through byte for byte.
// qpdf 11 asks which PointerHolder era a user is in: none, shared pointers only.
#define POINTERHOLDER_TRANSITION 4
#include "CScrubCore.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <set>
#include <utility>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFWriter.hh>

namespace {

/// The cuts of one stream, by operator index, then string index.
using CutsByOperator = std::map<int32_t, std::map<int32_t, std::vector<size_t>>>;

std::string formatNumber(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6f", value);
    std::string s(text);
    // Trailing zeros say nothing; "-0" would be odd.
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0" || s.empty()) s = "0";
    return s;
}

std::string hexString(const std::string &bytes) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out = "<";
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    out += ">";
    return out;
}

class GlyphRemover final : public QPDFObjectHandle::TokenFilter {
public:
    GlyphRemover(const CutsByOperator &cuts, const tagscan_scrub_cut *all, uint8_t *failed, std::vector<bool> &used)
        : cuts(cuts), all(all), failed(failed), used(used) { }

    void handleToken(QPDFTokenizer::Token const &token) override {
        using T = QPDFTokenizer;
        switch (token.getType()) {
        case T::tt_word: {
            const std::string &op = token.getValue();
            if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
                operatorIndex += 1;
                auto found = cuts.find(operatorIndex);
                if (found != cuts.end() && rewrite(op, found->second)) {
                    pending.clear();
                    return;
                }
            }
            flush();
            writeToken(token);
            return;
        }
        case T::tt_inline_image:
        case T::tt_eof:
            flush();
            writeToken(token);
            return;
        default:
            pending.push_back(token);
            return;
        }
    }

    void handleEOF() override { flush(); }

private:
    const CutsByOperator &cuts;
    const tagscan_scrub_cut *all;
    uint8_t *failed;
    std::vector<bool> &used;
    std::vector<QPDFTokenizer::Token> pending;
    int32_t operatorIndex = -1;

    void flush() {
        for (auto const &token : pending) writeToken(token);
        pending.clear();
    }

    void failAll(const std::map<int32_t, std::vector<size_t>> &byString) {
        for (auto const &entry : byString) {
            for (size_t index : entry.second) failed[index] = 1;
        }
    }

    /// Writes the operator without its cut glyphs; false (and the cuts marked failed) when its
    /// operands are not what poppler drew.
    bool rewrite(const std::string &op, const std::map<int32_t, std::vector<size_t>> &byString) {
        using T = QPDFTokenizer;
        // The operands, without white space and comments.
        std::vector<const QPDFTokenizer::Token *> operands;
        for (auto const &token : pending) {
            if (token.getType() != T::tt_space && token.getType() != T::tt_comment) operands.push_back(&token);
        }
        // The strings and numbers that make up the shown text, in order, and what comes first.
        std::vector<const QPDFTokenizer::Token *> elements;
        std::string prefix;
        if (op == "TJ") {
            size_t open = 0;
            while (open < operands.size() && operands[open]->getType() != T::tt_array_open) ++open;
            if (open == operands.size() || operands.back()->getType() != T::tt_array_close) { failAll(byString); return false; }
            for (size_t i = open + 1; i + 1 < operands.size(); ++i) {
                const auto type = operands[i]->getType();
                if (type != T::tt_string && type != T::tt_integer && type != T::tt_real) { failAll(byString); return false; }
                elements.push_back(operands[i]);
            }
        } else {
            if (operands.empty() || operands.back()->getType() != T::tt_string) { failAll(byString); return false; }
            elements.push_back(operands.back());
            if (op == "'") prefix = "T* ";
            if (op == "\"") {
                if (operands.size() < 3) { failAll(byString); return false; }
                prefix = operands[operands.size() - 3]->getRawValue() + " Tw " + operands[operands.size() - 2]->getRawValue() + " Tc T* ";
            }
        }

        // Check every cut before writing anything.
        int32_t stringIndex = -1;
        std::vector<std::string> values;
        for (auto const *element : elements) {
            if (element->getType() != T::tt_string) continue;
            stringIndex += 1;
            values.push_back(element->getValue());
        }
        bool ok = true;
        for (auto const &entry : byString) {
            for (size_t index : entry.second) {
                const tagscan_scrub_cut &cut = all[index];
                bool good = entry.first >= 0 && static_cast<size_t>(entry.first) < values.size() && cut.byte_offset >= 0 && cut.byte_count > 0 &&
                            static_cast<size_t>(cut.byte_offset + cut.byte_count) <= values[static_cast<size_t>(entry.first)].size();
                if (good) {
                    const std::string &value = values[static_cast<size_t>(entry.first)];
                    for (int i = 0; i < cut.byte_count && i < 4; ++i) {
                        if (static_cast<uint8_t>(value[static_cast<size_t>(cut.byte_offset + i)]) != cut.bytes[i]) good = false;
                    }
                }
                if (!good) { failed[index] = 1; ok = false; }
            }
        }
        if (!ok) { failAll(byString); return false; }

        // Spaces around it: the tokens before and after may be words, which would run together.
        std::string out = " " + prefix + "[";
        double carried = 0;
        bool haveCarried = false;
        auto emitNumber = [&]() {
            if (haveCarried) {
                out += formatNumber(carried) + " ";
                carried = 0;
                haveCarried = false;
            }
        };
        stringIndex = -1;
        for (auto const *element : elements) {
            if (element->getType() != T::tt_string) {
                carried += std::strtod(element->getValue().c_str(), nullptr);
                haveCarried = true;
                continue;
            }
            stringIndex += 1;
            const std::string &value = values[static_cast<size_t>(stringIndex)];
            auto found = byString.find(stringIndex);
            if (found == byString.end()) {
                emitNumber();
                out += element->getRawValue() + " ";
                continue;
            }
            std::vector<size_t> order = found->second;
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return all[a].byte_offset < all[b].byte_offset; });
            size_t at = 0;
            std::string kept;
            for (size_t index : order) {
                const tagscan_scrub_cut &cut = all[index];
                const size_t start = static_cast<size_t>(cut.byte_offset);
                if (start < at) continue;  // the same glyph listed twice
                kept.append(value, at, start - at);
                if (!kept.empty()) {
                    emitNumber();
                    out += hexString(kept) + " ";
                    kept.clear();
                }
                carried += cut.adjust;
                haveCarried = true;
                at = start + static_cast<size_t>(cut.byte_count);
                used[index] = true;
            }
            kept.append(value, at, std::string::npos);
            if (!kept.empty()) {
                emitNumber();
                out += hexString(kept) + " ";
            }
        }
        emitNumber();
        out += "] TJ ";
        write(out.data(), out.size());
        for (auto const &entry : byString) {
            for (size_t index : entry.second) used[index] = true;
        }
        return true;
    }
};

/// Compares what two files draw, object by object, as an independent check of what the rewrite
/// left alone: numbers, names and strings by value, arrays and dictionaries element by element,
/// streams by their dictionaries and data (raw bytes, or decoded when the writer recompressed
/// them). Object numbers do not matter (the writer may renumber); a page reached through a
/// reference is equal only to the page at the same position, and /Parent is not followed, so
/// one page's comparison never spreads to the whole page tree.
class DrawingComparer {
public:
    DrawingComparer(QPDF &a, QPDF &b) {
        std::vector<QPDFObjectHandle> pagesA = pageHandles(a);
        std::vector<QPDFObjectHandle> pagesB = pageHandles(b);
        for (size_t i = 0; i < pagesA.size(); ++i) pageIndexA[key(pagesA[i])] = static_cast<int>(i);
        for (size_t i = 0; i < pagesB.size(); ++i) pageIndexB[key(pagesB[i])] = static_cast<int>(i);
    }

    /// Whether page `a` of the first file draws exactly what page `b` of the second does: its
    /// dictionary (less /Parent), and the attributes it inherits.
    bool samePage(QPDFObjectHandle a, QPDFObjectHandle b) {
        if (!sameDictionary(a, b, true)) return false;
        for (const char *name : {"/Resources", "/MediaBox", "/CropBox", "/Rotate"}) {
            QPDFObjectHandle x = QPDFPageObjectHelper(a).getAttribute(name, false);
            QPDFObjectHandle y = QPDFPageObjectHelper(b).getAttribute(name, false);
            if (!same(x, y)) return false;
        }
        return true;
    }

    bool same(QPDFObjectHandle a, QPDFObjectHandle b) {
        if (a.isIndirect() && b.isIndirect()) {
            const auto pair = std::make_pair(key(a), key(b));
            if (equal.count(pair)) return true;
            if (unequal.count(pair)) return false;
            auto pageA = pageIndexA.find(pair.first), pageB = pageIndexB.find(pair.second);
            if (pageA != pageIndexA.end() || pageB != pageIndexB.end()) {
                return pageA != pageIndexA.end() && pageB != pageIndexB.end() && pageA->second == pageB->second;
            }
            // Assumed equal while it is being compared, so cycles end.
            equal.insert(pair);
            const bool result = sameDirect(a, b);
            if (!result) {
                equal.erase(pair);
                unequal.insert(pair);
            }
            return result;
        }
        return sameDirect(a, b);
    }

private:
    using Key = std::pair<int, int>;
    std::map<Key, int> pageIndexA, pageIndexB;
    std::set<std::pair<Key, Key>> equal, unequal;

    static Key key(QPDFObjectHandle h) { return {h.getObjectID(), h.getGeneration()}; }
    static std::vector<QPDFObjectHandle> pageHandles(QPDF &pdf) {
        std::vector<QPDFObjectHandle> handles;
        for (auto &page : QPDFPageDocumentHelper(pdf).getAllPages()) handles.push_back(page.getObjectHandle());
        return handles;
    }

    bool sameDictionary(QPDFObjectHandle a, QPDFObjectHandle b, bool skipParent) {
        if (!a.isDictionary() || !b.isDictionary()) return false;
        std::set<std::string> keysA = a.getKeys(), keysB = b.getKeys();
        if (skipParent) {
            keysA.erase("/Parent");
            keysB.erase("/Parent");
        }
        if (keysA != keysB) return false;
        for (auto const &k : keysA) {
            if (!same(a.getKey(k), b.getKey(k))) return false;
        }
        return true;
    }

    bool sameDirect(QPDFObjectHandle a, QPDFObjectHandle b) {
        if (a.getTypeCode() != b.getTypeCode()) {
            // An integer written as a real, or the reverse, draws the same.
            if (a.isNumber() && b.isNumber()) return a.getNumericValue() == b.getNumericValue();
            return false;
        }
        switch (a.getTypeCode()) {
        case ::ot_null: return true;
        case ::ot_boolean: return a.getBoolValue() == b.getBoolValue();
        case ::ot_integer: return a.getIntValue() == b.getIntValue();
        case ::ot_real: return a.getNumericValue() == b.getNumericValue();
        case ::ot_name: return a.getName() == b.getName();
        case ::ot_string: return a.getStringValue() == b.getStringValue();
        case ::ot_array: {
            const int n = a.getArrayNItems();
            if (n != b.getArrayNItems()) return false;
            for (int i = 0; i < n; ++i) {
                if (!same(a.getArrayItem(i), b.getArrayItem(i))) return false;
            }
            return true;
        }
        case ::ot_dictionary: return sameDictionary(a, b, a.getKey("/Type").isNameAndEquals("/Page"));
        case ::ot_stream: return sameStream(a, b);
        default: return false;
        }
    }

    bool sameStream(QPDFObjectHandle a, QPDFObjectHandle b) {
        QPDFObjectHandle dictA = a.getDict(), dictB = b.getDict();
        std::set<std::string> keysA = dictA.getKeys(), keysB = dictB.getKeys();
        // The writer may compress a stream the original left plain, or the other way round; the
        // data is compared decoded then, and only the encoding keys may differ.
        for (const char *k : {"/Length", "/Filter", "/DecodeParms"}) {
            keysA.erase(k);
            keysB.erase(k);
        }
        if (keysA != keysB) return false;
        for (auto const &k : keysA) {
            if (!same(dictA.getKey(k), dictB.getKey(k))) return false;
        }
        if (same(dictA.getKey("/Filter"), dictB.getKey("/Filter")) && same(dictA.getKey("/DecodeParms"), dictB.getKey("/DecodeParms"))) {
            std::shared_ptr<Buffer> rawA = a.getRawStreamData(), rawB = b.getRawStreamData();
            if (rawA->getSize() == rawB->getSize() && std::memcmp(rawA->getBuffer(), rawB->getBuffer(), rawA->getSize()) == 0) return true;
        }
        try {
            std::shared_ptr<Buffer> dataA = a.getStreamData(qpdf_dl_all), dataB = b.getStreamData(qpdf_dl_all);
            return dataA->getSize() == dataB->getSize() && std::memcmp(dataA->getBuffer(), dataB->getBuffer(), dataA->getSize()) == 0;
        } catch (...) {
            return false;
        }
    }
};

void setMessage(char *message, size_t capacity, const std::string &text) {
    if (message == nullptr || capacity == 0) return;
    std::snprintf(message, capacity, "%s", text.c_str());
}

} // namespace

extern "C" int tagscan_scrub_rewrite(const void *data, size_t length, const tagscan_scrub_cut *cuts, size_t cut_count,
                                     uint8_t *failed, void **output, size_t *output_length, char *message, size_t message_capacity) {
    *output = nullptr;
    *output_length = 0;
    setMessage(message, message_capacity, "");
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("scrub input", static_cast<const char *>(data), length);
        if (pdf.isEncrypted()) {
            setMessage(message, message_capacity, "the file is encrypted");
            return 2;
        }
        std::memset(failed, 0, cut_count);
        std::map<int32_t, CutsByOperator> pageCuts;
        std::map<std::pair<int32_t, int32_t>, CutsByOperator> formCuts;
        for (size_t i = 0; i < cut_count; ++i) {
            const tagscan_scrub_cut &cut = cuts[i];
            if (cut.stream_kind == TAGSCAN_SCRUB_PAGE_CONTENT) {
                pageCuts[cut.page_index][cut.op_index][cut.string_index].push_back(i);
            } else if (cut.stream_kind == TAGSCAN_SCRUB_FORM) {
                auto &list = formCuts[{cut.form_num, cut.form_gen}][cut.op_index][cut.string_index];
                // A form drawn on several pages is listed once per page: rewrite it once.
                bool duplicate = false;
                for (size_t other : list) {
                    if (cuts[other].byte_offset == cut.byte_offset) duplicate = true;
                }
                if (!duplicate) list.push_back(i);
            } else {
                failed[i] = 1;
            }
        }
        std::vector<bool> used(cut_count, false);
        for (size_t i = 0; i < cut_count; ++i) {
            if (failed[i]) used[i] = true;
        }

        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
        std::vector<std::pair<QPDFObjectHandle, std::shared_ptr<Buffer>>> pageResults, formResults;
        for (auto const &entry : pageCuts) {
            if (entry.first < 0 || static_cast<size_t>(entry.first) >= pages.size()) {
                for (auto const &op : entry.second) for (auto const &s : op.second) for (size_t i : s.second) failed[i] = 1;
                continue;
            }
            GlyphRemover remover(entry.second, cuts, failed, used);
            Pl_Buffer buffer("scrubbed page");
            pages[static_cast<size_t>(entry.first)].filterContents(&remover, &buffer);
            pageResults.emplace_back(pages[static_cast<size_t>(entry.first)].getObjectHandle(), buffer.getBufferSharedPointer());
        }
        for (auto const &entry : formCuts) {
            QPDFObjectHandle form = pdf.getObjectByID(entry.first.first, entry.first.second);
            if (!form.isStream()) {
                for (auto const &op : entry.second) for (auto const &s : op.second) for (size_t i : s.second) failed[i] = 1;
                continue;
            }
            GlyphRemover remover(entry.second, cuts, failed, used);
            Pl_Buffer buffer("scrubbed form");
            QPDFPageObjectHelper(form).filterContents(&remover, &buffer);
            formResults.emplace_back(form, buffer.getBufferSharedPointer());
        }
        // A cut whose operator never came (the stream had fewer text operators than poppler saw).
        for (size_t i = 0; i < cut_count; ++i) {
            if (used[i] || failed[i]) continue;
            const tagscan_scrub_cut &cut = cuts[i];
            bool coveredByTwin = false;
            if (cut.stream_kind == TAGSCAN_SCRUB_FORM) {
                for (size_t j = 0; j < cut_count && !coveredByTwin; ++j) {
                    const tagscan_scrub_cut &other = cuts[j];
                    coveredByTwin = j != i && used[j] && !failed[j] && other.stream_kind == cut.stream_kind && other.form_num == cut.form_num &&
                                    other.form_gen == cut.form_gen && other.op_index == cut.op_index && other.string_index == cut.string_index &&
                                    other.byte_offset == cut.byte_offset;
                }
            }
            if (!coveredByTwin) failed[i] = 1;
        }
        for (size_t i = 0; i < cut_count; ++i) {
            if (failed[i]) {
                setMessage(message, message_capacity, "some glyphs were not found where poppler drew them");
                return 1;
            }
        }
        for (auto &result : pageResults) {
            result.first.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, result.second));
        }
        for (auto &result : formResults) {
            result.first.replaceStreamData(result.second, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
        }
        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setDeterministicID(true);
        writer.write();
        Buffer *written = writer.getBuffer();
        if (written == nullptr) {
            setMessage(message, message_capacity, "qpdf wrote nothing");
            return -1;
        }
        const size_t size = written->getSize();
        void *copy = std::malloc(size > 0 ? size : 1);
        if (copy == nullptr) {
            delete written;
            setMessage(message, message_capacity, "out of memory");
            return -1;
        }
        std::memcpy(copy, written->getBuffer(), size);
        delete written;
        *output = copy;
        *output_length = size;
        return 0;
    } catch (std::exception const &error) {
        setMessage(message, message_capacity, error.what());
        return -1;
    } catch (...) {
        setMessage(message, message_capacity, "unknown error in qpdf");
        return -1;
    }
}

extern "C" int tagscan_scrub_unchanged_pages(const void *original, size_t original_length, const void *rewritten, size_t rewritten_length,
                                             uint8_t *unchanged, int capacity) {
    try {
        std::memset(unchanged, 0, static_cast<size_t>(std::max(capacity, 0)));
        QPDF a, b;
        a.setSuppressWarnings(true);
        b.setSuppressWarnings(true);
        a.processMemoryFile("original", static_cast<const char *>(original), original_length);
        b.processMemoryFile("rewritten", static_cast<const char *>(rewritten), rewritten_length);
        std::vector<QPDFPageObjectHelper> pagesA = QPDFPageDocumentHelper(a).getAllPages();
        std::vector<QPDFPageObjectHelper> pagesB = QPDFPageDocumentHelper(b).getAllPages();
        if (pagesA.size() != pagesB.size()) return static_cast<int>(pagesB.size());
        DrawingComparer comparer(a, b);
        // Optional content (layers) decides what every page shows.
        if (!comparer.same(a.getRoot().getKey("/OCProperties"), b.getRoot().getKey("/OCProperties"))) return static_cast<int>(pagesB.size());
        for (size_t i = 0; i < pagesA.size() && i < static_cast<size_t>(capacity); ++i) {
            unchanged[i] = comparer.samePage(pagesA[i].getObjectHandle(), pagesB[i].getObjectHandle()) ? 1 : 0;
        }
        return static_cast<int>(pagesB.size());
    } catch (...) {
        return -1;
    }
}

extern "C" void tagscan_scrub_free(void *pointer) { std::free(pointer); }
