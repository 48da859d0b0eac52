import Foundation

/// Writes long text-dense PDFs in memory (Helvetica, no embedded fonts) with a correct
/// cross-reference table, so tests can scan thousands of pages without committing them.
enum SyntheticPDF {
    /// `pages` A4 pages of 45 lines each; every `anchorEvery`-th page also carries `|S1SR|` at
    /// (72, 100) from the top-left, 11 pt, and page 1 the `|AT|` header.
    static func contract(pages: Int, anchorEvery: Int = 100) -> Data {
        var objects: [String] = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "",  // the page tree, filled in once the page objects are numbered
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var kids: [Int] = []
        for page in 1...pages {
            var content = "BT /F1 9 Tf 11 TL 72 800 Td\n"
            for line in 1...45 {
                content += "(\(page).\(line) The Parties agree that this clause binds each of them and their successors in title.) '\n"
            }
            content += "ET\n"
            if page == 1 { content += "BT /F1 10 Tf 72 815 Td (|AT|) Tj ET\n" }
            if page % anchorEvery == 0 || page == 1 { content += "BT /F1 11 Tf 72 733.07 Td (Sign here: |S1SR|) Tj ET\n" }
            objects.append(stream(content))
            let contentNumber = objects.count
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents \(contentNumber) 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
            kids.append(objects.count)
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages) >>"
        return file(objects)
    }

    /// A PDF of `objects` (object i + 1 is `objects[i]`, object 1 the catalog) with a correct
    /// cross-reference table.
    static func file(_ objects: [String]) -> Data {
        var pdf = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf.append(Data("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8))
        }
        let xref = pdf.count
        var trailer = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            trailer += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        trailer += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        pdf.append(Data(trailer.utf8))
        return pdf
    }

    /// A stream object's body for `content`.
    static func stream(_ content: String) -> String {
        "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream"
    }
}
