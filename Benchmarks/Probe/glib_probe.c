// The bare poppler-glib probe for Benchmarks/compare.sh (issue 8): the least work any
// poppler-glib anchor finder must do. Nothing else: no search, no Swift, no output.
//
//   glib_probe [-j THREADS] FILE.pdf|FOLDER...
//
// A single document: THREADS workers, one PopplerDocument each, pages interleaved (worker w takes
// pages w, w+THREADS, ...). Several documents (or a folder, searched recursively for *.pdf):
// THREADS workers take whole documents from a shared counter, as a batch scanner would. Per page:
// poppler_document_get_page, poppler_page_get_text, poppler_page_get_text_layout, then the page,
// text and rectangles are freed at once. Before the workers start, one warm-up extraction runs
// on the main thread (poppler's LittleCMS statics are set up lazily without a lock) and that
// document stays open, so GlobalParams is not rebuilt per document (reference/performance.md §2).
//
// Prints one line: `pages N scalars M rects R seconds S` (S: wall time of the workers).
//
// Build: cc -O2 glib_probe.c $(pkg-config --cflags --libs poppler-glib) -lpthread -o glib_probe
#define _GNU_SOURCE
#include <dirent.h>
#include <poppler.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
    char **paths;
    int count, capacity;
} path_list;

static void add_path(path_list *list, const char *path) {
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 64;
        list->paths = realloc(list->paths, sizeof(char *) * list->capacity);
    }
    list->paths[list->count++] = strdup(path);
}

static int compare_paths(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void collect(path_list *list, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) { fprintf(stderr, "glib_probe: %s: not found\n", path); exit(2); }
    if (!S_ISDIR(st.st_mode)) { add_path(list, path); return; }
    DIR *dir = opendir(path);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        char *child = g_build_filename(path, entry->d_name, NULL);
        size_t n = strlen(child);
        struct stat cs;
        if (stat(child, &cs) == 0 && (S_ISDIR(cs.st_mode) || (n > 4 && g_ascii_strcasecmp(child + n - 4, ".pdf") == 0)))
            collect(list, child);
        g_free(child);
    }
    if (dir) closedir(dir);
}

static PopplerDocument *open_document(const char *path) {
    char *absolute = realpath(path, NULL);
    char *uri = g_filename_to_uri(absolute, NULL, NULL);
    GError *error = NULL;
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &error);
    if (doc == NULL) {
        fprintf(stderr, "glib_probe: %s: %s\n", path, error ? error->message : "cannot open");
        exit(2);
    }
    g_free(uri);
    free(absolute);
    return doc;
}

typedef struct {
    long pages, scalars, rects;
} tally;

// get_text + get_text_layout for one page; everything released at once.
static void extract(PopplerDocument *doc, int index, tally *t) {
    PopplerPage *page = poppler_document_get_page(doc, index);
    if (page == NULL) return;
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint n = 0;
    poppler_page_get_text_layout(page, &rects, &n);
    t->pages += 1;
    t->scalars += text ? g_utf8_strlen(text, -1) : 0;
    t->rects += n;
    g_free(rects);
    g_free(text);
    g_object_unref(page);
}

static path_list inputs;
static int workers = 2;
static atomic_int next_document;

typedef struct {
    int worker;
    tally t;
} job;

static void *run_worker(void *arg) {
    job *j = arg;
    if (inputs.count == 1) {
        PopplerDocument *doc = open_document(inputs.paths[0]);
        int pages = poppler_document_get_n_pages(doc);
        for (int i = j->worker; i < pages; i += workers) extract(doc, i, &j->t);
        g_object_unref(doc);
    } else {
        int d;
        while ((d = atomic_fetch_add(&next_document, 1)) < inputs.count) {
            PopplerDocument *doc = open_document(inputs.paths[d]);
            int pages = poppler_document_get_n_pages(doc);
            for (int i = 0; i < pages; i++) extract(doc, i, &j->t);
            g_object_unref(doc);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "-j") == 0) {
        workers = atoi(argv[a + 1]);
        a += 2;
    }
    if (a >= argc || workers < 1) {
        fprintf(stderr, "usage: glib_probe [-j THREADS] FILE.pdf|FOLDER...\n");
        return 64;
    }
    for (; a < argc; a++) collect(&inputs, argv[a]);
    qsort(inputs.paths, inputs.count, sizeof(char *), compare_paths);
    if (inputs.count == 0) { fprintf(stderr, "glib_probe: no PDF files\n"); return 2; }

    // Warm-up on the main thread; the sentinel stays open until the end.
    PopplerDocument *sentinel = open_document(inputs.paths[0]);
    tally warm = {0};
    extract(sentinel, 0, &warm);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t threads[256];
    job jobs[256];
    if (workers > 256) workers = 256;
    for (int w = 0; w < workers; w++) {
        jobs[w] = (job){.worker = w};
        pthread_create(&threads[w], NULL, run_worker, &jobs[w]);
    }
    tally total = {0};
    for (int w = 0; w < workers; w++) {
        pthread_join(threads[w], NULL);
        total.pages += jobs[w].t.pages;
        total.scalars += jobs[w].t.scalars;
        total.rects += jobs[w].t.rects;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    g_object_unref(sentinel);
    printf("pages %ld scalars %ld rects %ld seconds %.3f\n", total.pages, total.scalars, total.rects,
           (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
