import Foundation

/// What a file that is not a PDF is, told from its bytes rather than its name, and what to do
/// with it: people drop Word files, exports and scans into template folders.
enum ForeignFormat: Hashable {
    case word(extension: String)
    case excel(extension: String)
    case powerPoint(extension: String)
    case openDocument(kind: String, extension: String)
    case oldOffice
    case zip
    case rtf
    case image(kind: String)

    /// Recognises the format from the file's first bytes and, for containers whose directory sits
    /// at the end (ZIP), its last bytes; nil when it is none of these.
    static func recognise(head: Data, tail: Data) -> ForeignFormat? {
        let head = [UInt8](head)
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        func contains(_ text: String, in bytes: [UInt8]) -> Bool {
            let needle = Array(text.utf8)
            guard !needle.isEmpty, bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { i in bytes[i] == needle[0] && Array(bytes[i..<i + needle.count]) == needle }
        }
        func utf16(_ text: String) -> String {
            String(decoding: text.utf8.flatMap { [$0, 0] }, as: UTF8.self)
        }

        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE2 compound file: its directory names the streams in UTF-16.
            if contains(utf16("WordDocument"), in: head) { return .word(extension: ".doc") }
            if contains(utf16("Workbook"), in: head) || contains(utf16("Book"), in: head) { return .excel(extension: ".xls") }
            if contains(utf16("PowerPoint Document"), in: head) { return .powerPoint(extension: ".ppt") }
            return .oldOffice
        }
        if starts(Array("PK\u{03}\u{04}".utf8)) {
            // ODF stores its mimetype first and uncompressed; OOXML names its parts in every
            // local header and again in the central directory at the end.
            let odf = "mimetypeapplication/vnd.oasis.opendocument."
            for (kind, ext) in [("text", ".odt"), ("spreadsheet", ".ods"), ("presentation", ".odp"), ("graphics", ".odg")]
            where contains(odf + kind, in: head) {
                return .openDocument(kind: kind, extension: ext)
            }
            if contains(odf, in: head) { return .openDocument(kind: "document", extension: "") }
            let both = head + [UInt8](tail)
            if contains("word/", in: both) { return .word(extension: ".docx") }
            if contains("xl/", in: both) { return .excel(extension: ".xlsx") }
            if contains("ppt/", in: both) { return .powerPoint(extension: ".pptx") }
            return .zip
        }
        if starts(Array("<?xml".utf8)) || starts([0xEF, 0xBB, 0xBF] + Array("<?xml".utf8)) {
            if contains("office:mimetype=\"application/vnd.oasis.opendocument.text\"", in: head) {
                return .openDocument(kind: "text, flat XML", extension: ".fodt")
            }
        }
        if starts(Array("{\\rtf".utf8)) { return .rtf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(kind: "PNG") }
        if starts([0xFF, 0xD8, 0xFF]) { return .image(kind: "JPEG") }
        if starts(Array("II*\u{0}".utf8)) || starts(Array("MM\u{0}*".utf8)) { return .image(kind: "TIFF") }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .image(kind: "GIF") }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .image(kind: "WebP") }
        return nil
    }

    /// What the file is and what to do, without its path (the caller names it once).
    var advice: String {
        let convert = "or run libreoffice --headless --convert-to pdf on it, and scan the PDF"
        switch self {
        case .word(let ext):
            return "a Word document (\(ext)), not a PDF: export it to PDF (in Word: File > Save As > PDF) \(convert)"
        case .excel(let ext):
            return "an Excel workbook (\(ext)), not a PDF: export it to PDF (in Excel: File > Save As > PDF) \(convert)"
        case .powerPoint(let ext):
            return "a PowerPoint presentation (\(ext)), not a PDF: export it to PDF (in PowerPoint: File > Save As > PDF) \(convert)"
        case .openDocument(let kind, let ext):
            return "an OpenDocument \(kind)\(ext.isEmpty ? "" : " (\(ext))"), not a PDF: export it to PDF (in LibreOffice: File > Export as PDF) \(convert)"
        case .oldOffice:
            return "a Microsoft Office file (an OLE2 compound document), not a PDF: export it to PDF from the program that made it \(convert)"
        case .zip:
            return "a ZIP archive, not a PDF: unpack it and scan the PDFs inside"
        case .rtf:
            return "an RTF document, not a PDF: export it to PDF from your word processor \(convert)"
        case .image(let kind):
            return "a \(kind) image, not a PDF: anchors are read from a PDF's text and an image has none; "
                + "export the template to PDF from the program that made it (a scanned page needs OCR into a searchable PDF first)"
        }
    }
}
