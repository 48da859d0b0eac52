import Foundation

/// poppler sets up some statics (LittleCMS) lazily without a lock, and rebuilds its global
/// parameters whenever the last open document closes. One extraction on one thread before any
/// worker starts, from a document kept open for the life of the process, avoids both.
enum PopplerWarmUp {
    /// Holds the sentinel document. Written once during static initialisation and never touched
    /// again, so sharing it is safe; it is not `Sendable` by type because poppler objects are not.
    private final class Sentinel: @unchecked Sendable {
        let handle: PDFDocumentHandle?
        init() {
            handle = try? PDFDocumentHandle(source: .data(PopplerWarmUp.minimalPDF, fileName: "warm-up.pdf"), password: nil)
            _ = handle?.pageText(at: 0, rotation: 0, triggers: .everyPage)
        }
    }

    private static let sentinel = Sentinel()

    /// Runs the warm-up once per process; cheap after the first call.
    static func ensure() { _ = sentinel }

    /// A one-page PDF with one line of Helvetica text, with a correct cross-reference table.
    static var minimalPDF: Data {
        let content = "BT /F1 12 Tf 10 100 Td (warm up) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
