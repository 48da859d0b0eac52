extension Preflight.Checker {
    /// 1–20 files, 20 MB combined, pdf/doc/docx only, non-empty, distinct, well-formed names.
    mutating func checkFiles() {
        if documents.isEmpty {
            add(.noFiles, "The envelope has no files; upload between 1 and \(Preflight.maximumFileCount).")
        } else if documents.count > Preflight.maximumFileCount {
            add(
                .tooManyFiles,
                "The envelope has \(documents.count) files; at most \(Preflight.maximumFileCount) are allowed."
            )
        }
        let total = documents.reduce(0) { $0 + $1.bytes.count }
        if total > Preflight.maximumCombinedBytes {
            add(
                .filesTooLarge,
                "The files add up to \(megabytes(total)); at most \(megabytes(Preflight.maximumCombinedBytes)) are allowed."
            )
        }
        var seen: Set<String> = []
        for document in documents {
            let name = document.fileName
            if !seen.insert(name).inserted {
                add(.duplicateFileName, "Two files are named \"\(name)\"; tags could not tell them apart.", at: name)
            }
            if let problem = fileNameProblem(name) {
                add(.fileNameInvalid, "The file name \"\(name)\" \(problem).", at: name)
            }
            if document.contentType == nil {
                add(
                    .unsupportedFileType,
                    "\"\(name)\" is not a PDF or Word file; only .pdf, .doc and .docx are accepted.",
                    at: name
                )
            }
            if document.bytes.isEmpty {
                add(.emptyFile, "\"\(name)\" is empty.", at: name)
            }
        }
    }

    /// What is wrong with a file name, as the end of a sentence, or `nil`.
    private func fileNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.count > Preflight.maximumFileNameLength {
            return "is \(name.count) characters long; at most \(Preflight.maximumFileNameLength) are allowed"
        }
        if name.contains("/") || name.contains("\\") { return "contains a path separator" }
        if name.contains("\"") { return "contains a double quote" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character"
        }
        return nil
    }

    private func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
