// The bare poppler-core probe for Benchmarks/compare.sh: the floor under tagscan's glyph path.
// Content-stream interpretation through a minimal OutputDev that keeps each drawn Unicode
// scalar with its transformed origin and advance, and nothing else (no line building, no search,
// no Swift). Same threading as glib_probe.c:
//
//   core_probe [-j THREADS] [--reuse-gfx] FILE.pdf|FOLDER...
//
// One document: THREADS workers, one PDFDoc each, pages interleaved. Several documents: workers
// take whole documents from a shared counter. Prints `pages N scalars M seconds S`.
//
// --reuse-gfx is an experiment, not a floor: consecutive pages (of one worker) whose resources
// and page geometry are the same reuse one Gfx, so poppler builds their fonts (GfxFontDict)
// once instead of on every page. It measures how much of the per-page cost is font setup
// (PROFILE.md); the text collected is the same.
//
// Build: c++ -O2 -std=c++20 core_probe.cc $(pkg-config --cflags --libs poppler) -lpthread -o core_probe
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <goo/GooString.h>

// One createGfx call for every poppler version tagscan builds against.
#include "../../Sources/CPopplerCore/PopplerCompat.hpp"

namespace {

struct Scalar {
    Unicode unicode;
    double x, y, w, h;
};

class Collector final : public OutputDev {
public:
    std::vector<Scalar> scalars;
    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return false; }
    void drawChar(GfxState *state, double x, double y, double dx, double dy, double, double, CharCode, int, const Unicode *u,
                  int uLen) override {
        double x1, y1, w, h;
        state->transform(x, y, &x1, &y1);
        state->transformDelta(dx, dy, &w, &h);
        for (int i = 0; i < uLen; ++i) scalars.push_back({u[i], x1, y1, w, h});
    }
};

struct Tally {
    long pages = 0, scalars = 0;
};

bool reuseGfx = false;

// A shallow description of an object: refs by number, dicts by their entries one level down.
void describe(Object &obj, std::string &out, int depth) {
    if (obj.isRef()) {
        out += "R" + std::to_string(obj.getRef().num) + "." + std::to_string(obj.getRef().gen);
    } else if (obj.isDict() && depth < 2) {
        Dict *d = obj.getDict();
        out += "<<";
        for (int i = 0; i < d->getLength(); i++) {
            out += "/";
            out += d->getKey(i);
            Object v = d->getValNF(i).copy();
            describe(v, out, depth + 1);
        }
        out += ">>";
    } else {
        out += "?" + std::to_string(obj.getType());
    }
}

// What a reusable Gfx must agree on: the resources and the page box and rotation.
std::string gfxKey(Page *page) {
    std::string key;
    Object *res = page->getResourceDictObject();
    describe(*res, key, 0);
    const PDFRectangle *m = page->getMediaBox(), *c = page->getCropBox();
    char buf[160];
    std::snprintf(buf, sizeof buf, "|%g %g %g %g|%g %g %g %g|%d", m->x1, m->y1, m->x2, m->y2, c->x1, c->y1, c->x2, c->y2, page->getRotate());
    return key + buf;
}

struct GfxCache {
    std::string key;
    std::unique_ptr<Gfx> gfx;
};

std::unique_ptr<PDFDoc> open(const std::string &path) {
    auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
    if (!doc->isOk()) {
        std::fprintf(stderr, "core_probe: %s: cannot open (error %d)\n", path.c_str(), doc->getErrorCode());
        std::exit(2);
    }
    return doc;
}

// One page through the collector; its glyphs dropped at once.
void extract(PDFDoc &doc, int index, Collector &collector, Tally &t, GfxCache *cache = nullptr) {
    Page *page = doc.getPage(index + 1);
    if (page == nullptr) return;
    collector.scalars.clear();
    if (reuseGfx && cache != nullptr) {
        std::string key = gfxKey(page);
        if (!cache->gfx || cache->key != key) {
            cache->gfx = poppler_compat::pageGfx(*page, &collector);
            cache->key = key;
        }
        page->display(cache->gfx.get());
    } else {
        std::unique_ptr<Gfx> gfx = poppler_compat::pageGfx(*page, &collector);
        page->display(gfx.get());
    }
    t.pages += 1;
    t.scalars += static_cast<long>(collector.scalars.size());
}

void collect(std::vector<std::string> &out, const std::filesystem::path &path) {
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "core_probe: %s: not found\n", path.c_str());
        std::exit(2);
    }
    if (!std::filesystem::is_directory(path)) {
        out.push_back(path.string());
        return;
    }
    for (const auto &entry : std::filesystem::recursive_directory_iterator(path)) {
        std::string ext = entry.path().extension().string();
        for (auto &c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (entry.is_regular_file() && ext == ".pdf") out.push_back(entry.path().string());
    }
}

} // namespace

int main(int argc, char **argv) {
    int workers = 2, a = 1;
    for (;;) {
        if (a + 1 < argc && std::strcmp(argv[a], "-j") == 0) {
            workers = std::atoi(argv[a + 1]);
            a += 2;
        } else if (a < argc && std::strcmp(argv[a], "--reuse-gfx") == 0) {
            reuseGfx = true;
            a += 1;
        } else {
            break;
        }
    }
    if (a >= argc || workers < 1) {
        std::fprintf(stderr, "usage: core_probe [-j THREADS] FILE.pdf|FOLDER...\n");
        return 64;
    }
    std::vector<std::string> inputs;
    for (; a < argc; a++) collect(inputs, argv[a]);
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) {
        std::fprintf(stderr, "core_probe: no PDF files\n");
        return 2;
    }
    globalParams = std::make_unique<GlobalParams>();
    {
        // Warm-up on the main thread, as the glib probe and tagscan do.
        auto doc = open(inputs[0]);
        Collector collector;
        Tally warm;
        extract(*doc, 0, collector, warm);
    }

    auto start = std::chrono::steady_clock::now();
    std::atomic<size_t> next{0};
    std::vector<Tally> tallies(workers);
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; w++) {
        threads.emplace_back([&, w] {
            Collector collector;
            if (inputs.size() == 1) {
                auto doc = open(inputs[0]);
                GfxCache cache;
                for (int i = w; i < doc->getNumPages(); i += workers) extract(*doc, i, collector, tallies[w], &cache);
            } else {
                size_t d;
                while ((d = next.fetch_add(1)) < inputs.size()) {
                    auto doc = open(inputs[d]);
                    GfxCache cache;
                    for (int i = 0; i < doc->getNumPages(); i++) extract(*doc, i, collector, tallies[w], &cache);
                }
            }
        });
    }
    Tally total;
    for (int w = 0; w < workers; w++) {
        threads[w].join();
        total.pages += tallies[w].pages;
        total.scalars += tallies[w].scalars;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("pages %ld scalars %ld seconds %.3f\n", total.pages, total.scalars, seconds);
    return 0;
}
