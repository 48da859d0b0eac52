// Opening a PDFDoc, the one way every core-API call does it.
#ifndef TAGSCAN_POPPLERDOCUMENT_HPP
#define TAGSCAN_POPPLERDOCUMENT_HPP

#include <cstddef>
#include <memory>

class PDFDoc;

/// A PDFDoc over a file (`path`) or in-memory bytes (`data`, `length`), opened with `password`
/// (tried as both user and owner password, as poppler-glib does). poppler's MemStream reads the
/// bytes in place: with `Bytes::copied` the document keeps a private copy alive as long as it
/// lives; with `Bytes::borrowed` the caller keeps `data` alive instead (a document that does not
/// outlive the call). `doc` is null when neither a path nor bytes are given; otherwise check
/// `doc->isOk()`. Throws std::bad_alloc when the copy cannot be made.
class PopplerDocument {
public:
    enum class Bytes { copied, borrowed };

    PopplerDocument(const char *path, const void *data, size_t length, const char *password, Bytes bytes);
    ~PopplerDocument();
    PopplerDocument(const PopplerDocument &) = delete;
    PopplerDocument &operator=(const PopplerDocument &) = delete;

    std::unique_ptr<PDFDoc> doc;

private:
    char *buffer = nullptr;
};

#endif
