import Foundation
internal import CPoppler
internal import CPopplerCore

/// Owns one open poppler document. Confined to the thread that opened it (poppler documents must
/// not be shared between threads); hands out only Swift values.
final class PDFDocumentHandle {
    private let document: OpaquePointer
    let pageCount: Int
    let hasJavaScript: Bool

    /// Opens `source`, mapping every failure to a stable error code.
    init(source: DocumentSource, encodedPassword password: PasswordBytes?) throws(DocumentError) {
        try Self.checkHeader(source)
        var error: UnsafeMutablePointer<GError>? = nil
        let opened = password.withCString { Self.popplerDocument(source, password: $0, error: &error) }
        guard let document = opened else {
            let failure = error.map { GLibError(takingOwnershipOf: $0) }
            let detail = failure?.message ?? "poppler could not open the document"
            if failure?.isEncrypted == true {
                if let password, !password.isEmpty {
                    throw DocumentError(.wrongPassword, "\(source.displayPath): the password is not correct")
                }
                throw DocumentError(.encrypted, "\(source.displayPath): the document is encrypted and needs a password")
            }
            throw DocumentError(.damaged, "\(source.displayPath): \(detail)")
        }
        self.document = document
        self.pageCount = Int(poppler_document_get_n_pages(document))
        self.hasJavaScript = poppler_document_has_javascript(document) != 0
        if pageCount == 0 {
            // Every stored property is set, so deinit releases the document when this throws.
            throw DocumentError(.damaged, "\(source.displayPath): the document has no pages")
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    /// Opens a poppler-glib document from a file URI or, for bytes, a memory stream: poppler
    /// 22.12's new_from_bytes and new_from_data crash on a wrong password (their retry with the
    /// raw password reuses a freed stream); new_from_file and new_from_stream do not. The caller
    /// owns the document and any `error` set.
    static func popplerDocument(
        _ source: DocumentSource, password: UnsafePointer<CChar>?, error: inout UnsafeMutablePointer<GError>?
    ) -> OpaquePointer? {
        switch source {
        case .file(let path):
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard let uri = g_filename_to_uri(absolute, nil, &error) else { return nil }
            defer { g_free(uri) }
            return poppler_document_new_from_file(uri, password, &error)
        case .data(let data, _):
            let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
            defer { g_bytes_unref(bytes) }
            let stream = g_memory_input_stream_new_from_bytes(bytes)
            defer { g_object_unref(UnsafeMutableRawPointer(stream)) }
            return poppler_document_new_from_stream(stream, goffset(data.count), password, nil, &error)
        }
    }

    /// Rejects what is plainly not a PDF before poppler sees it, so the error says so, and says
    /// what the file is when it is a common document or image format.
    static func checkHeader(_ source: DocumentSource) throws(DocumentError) {
        let head: Data
        var tail = Data()
        switch source {
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DocumentError(.notFound, "\(path): no such file")
            }
            // PathExpansion lists a folder as a document only when nothing under it is a PDF.
            if isDirectory.boolValue {
                if let empty = PathExpansion.emptyFolderMessage(path) { throw DocumentError(.notFound, empty) }
                throw DocumentError(.notAPDF, "\(path): is a folder")
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw DocumentError(.notFound, "\(path): cannot be read (permission denied?)")
            }
            defer { try? handle.close() }
            var bytes = (try? handle.read(upToCount: 1024)) ?? Data()
            // Only a file that is not a PDF is read further, to tell what it is.
            if bytes.count == 1024, bytes.range(of: Data("%PDF-".utf8)) == nil {
                bytes += (try? handle.read(upToCount: sniffLength - 1024)) ?? Data()
                if bytes.count == sniffLength, let end = try? handle.seekToEnd(), end > UInt64(2 * sniffLength) {
                    try? handle.seek(toOffset: end - UInt64(sniffLength))
                    tail = (try? handle.read(upToCount: sniffLength)) ?? Data()
                }
            }
            head = bytes
        case .data(let data, _):
            head = data.prefix(sniffLength)
            tail = data.count > 2 * sniffLength ? data.suffix(sniffLength) : Data()
        }
        if head.isEmpty { throw DocumentError(.notAPDF, "\(source.displayPath): the file is empty") }
        if head.prefix(1024).range(of: Data("%PDF-".utf8)) == nil {
            if let format = ForeignFormat.recognise(head: head, tail: tail) {
                throw DocumentError(.notAPDF, "\(source.displayPath): \(format.advice)")
            }
            throw DocumentError(.notAPDF, "\(source.displayPath): no %PDF- header in the first 1024 bytes")
        }
    }

    /// Bytes read from each end of a file that is not a PDF, to tell what it is.
    private static let sniffLength = 65536

    /// Each page's `/Rotate`, read through poppler's core API, which poppler-glib does not expose,
    /// and, from the same open, the document's encryption (for ``PasswordAttempts``). Nil
    /// rotations when the core API was not available at build time.
    static func pageRotations(source: DocumentSource, password: PasswordBytes?, pageCount: Int) -> (rotations: [Int]?, encryption: EncryptionProbe?) {
        var out = [Int32](repeating: 0, count: pageCount)
        var info = tagscan_encryption()
        var status: Int32 = -1
        let count: Int32 = out.withUnsafeMutableBufferPointer { buffer in
            password.withCString { password in
                switch source {
                case .file(let path):
                    return tagscan_core_page_rotations(path, nil, 0, password, buffer.baseAddress, Int32(pageCount), &info, &status)
                case .data(let data, _):
                    return data.withUnsafeBytes {
                        tagscan_core_page_rotations(nil, $0.baseAddress, $0.count, password, buffer.baseAddress, Int32(pageCount), &info, &status)
                    }
                }
            }
        }
        let encryption = CoreError(status: status) == nil ? EncryptionProbe(info) : nil
        guard count == pageCount else { return (nil, encryption) }
        return (out.map(Int.init), encryption)
    }

    /// Extracts page `index` (0-based): size, scalars, one box per scalar and its style runs. A
    /// page whose text holds none of the `triggers` an anchor needs is only counted: poppler's
    /// boxes and styles are not asked for. The page object is released before return.
    func pageText(at index: Int, rotation: Int?, triggers: AnchorTriggers) -> PageText? {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }

        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        var info = PageInfo(
            pageNumber: index + 1, width: (width * 100).rounded() / 100, height: (height * 100).rounded() / 100,
            rotation: rotation ?? Self.guessRotation(page: page, width: width, height: height)
        )

        guard let text = poppler_page_get_text(page) else {
            return PageText(info: info, scalars: [], boxes: [], styles: [])
        }
        defer { g_free(text) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(strlen(text))
        for scalar in String(cString: text).unicodeScalars where !(0x202A...0x202E).contains(scalar.value) {
            scalars.append(scalar)
        }
        if !triggers.mayHoldAnchor(scalars) {
            // Counted from the text alone: poppler writes one box per scalar of that same text.
            info.glyphCount = GlyphLayout.visibleCount(scalars)
            var counted = PageText(info: info, scalars: [], boxes: [], styles: [])
            counted.isLaidOut = false
            counted.distinguishesSpaces = false
            return counted
        }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>? = nil
        var rectangleCount: guint = 0
        _ = poppler_page_get_text_layout(page, &rectangles, &rectangleCount)
        defer { g_free(rectangles) }

        var boxes: [Box] = []
        let usable = min(scalars.count, Int(rectangleCount))
        boxes.reserveCapacity(usable)
        if let rectangles {
            for i in 0..<usable {
                let r = rectangles[i]
                boxes.append(Box(x: r.x1, y: r.y1, width: r.x2 - r.x1, height: r.y2 - r.y1))
            }
        }
        // Should the text and layout ever disagree, keep only what has a box.
        if scalars.count > usable { scalars.removeLast(scalars.count - usable) }

        var styles: [PageText.StyleRun] = []
        if let list = poppler_page_get_text_attributes(page) {
            defer { poppler_page_free_text_attributes(list) }
            var node: UnsafeMutablePointer<GList>? = list
            while let current = node {
                if let raw = current.pointee.data {
                    let attributes = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                    let start = Int(attributes.start_index), end = Int(attributes.end_index) + 1
                    if start < end {
                        styles.append(
                            PageText.StyleRun(
                                range: start..<end, fontSize: attributes.font_size,
                                red: UInt8(attributes.color.red >> 8), green: UInt8(attributes.color.green >> 8),
                                blue: UInt8(attributes.color.blue >> 8), renderMode: nil))
                    }
                }
                node = current.pointee.next
            }
        }
        info.glyphCount = GlyphLayout.visibleCount(scalars)
        var pageText = PageText(info: info, scalars: scalars, boxes: boxes, styles: styles)
        // poppler's text output writes a space for every word break, drawn or not.
        pageText.distinguishesSpaces = false
        // It writes each block of text (a column, a table cell, a paragraph set apart) as lines
        // followed by an empty line: the first break of such a pair ends a flow of text.
        for offset in scalars.indices.dropLast() where scalars[offset] == "\n" && scalars[offset + 1] == "\n" {
            if pageText.flowBreaks.last != offset - 1 { pageText.flowBreaks.append(offset) }
        }
        Self.markColumnGaps(&pageText)
        return pageText
    }

    /// poppler sometimes keeps two columns in one line when the gap between them is narrow (a
    /// justified pdfTeX page): a space whose gap is over twice the line's typical word gap and
    /// most of an em then ends a flow, and the text before it goes on at the start of the next
    /// line, where its column continues.
    static func markColumnGaps(_ page: inout PageText) {
        let s = page.scalars, boxes = page.boxes
        var lineStart = 0
        var breaks: [Int] = []
        while lineStart < s.count {
            var lineEnd = lineStart
            while lineEnd < s.count, s[lineEnd] != "\n" { lineEnd += 1 }
            // Spaces between two glyphs side by side, with the gap they stand for.
            var gaps: [(offset: Int, gap: Double, height: Double)] = []
            var k = lineStart + 1
            while k + 1 < lineEnd {
                if s[k] == " ", s[k - 1] != " ", s[k + 1] != " ", abs(boxes[k - 1].maxY - boxes[k + 1].maxY) < 1 {
                    gaps.append((k, boxes[k + 1].x - boxes[k - 1].maxX, min(boxes[k - 1].height, boxes[k + 1].height)))
                }
                k += 1
            }
            if gaps.count >= 3 {
                let median = gaps.map(\.gap).sorted()[gaps.count / 2]
                for gap in gaps where gap.gap > 2 * median && gap.gap > 0.75 * gap.height {
                    breaks.append(gap.offset)
                    if lineEnd + 1 < s.count { page.continuations[gap.offset - 1] = lineEnd + 1 }
                }
            }
            lineStart = lineEnd + 1
        }
        if !breaks.isEmpty { page.flowBreaks = (page.flowBreaks + breaks).sorted() }
    }

    /// Without poppler's core API only a quarter turn shows, as swapped sides of the crop box.
    private static func guessRotation(page: OpaquePointer, width: Double, height: Double) -> Int {
        var crop = PopplerRectangle()
        poppler_page_get_crop_box(page, &crop)
        let cropWidth = abs(crop.x2 - crop.x1), cropHeight = abs(crop.y2 - crop.y1)
        let swapped = abs(cropWidth - height) < 0.01 && abs(cropHeight - width) < 0.01 && abs(width - height) > 0.01
        return swapped ? 90 : 0
    }
}
