extension ScrubResult {
    /// The result for a person: what was removed, the three proofs, and every diagnostic.
    public func textReport(writtenTo destination: String?) -> String {
        var lines: [String] = []
        let target = destination.map { " -> \($0)" } ?? ""
        switch status {
        case .scrubbed:
            let glyphs = proof?.glyphsRemoved ?? 0
            lines.append("\(path)\(target): scrubbed, \(Self.count(anchorsRemoved.count, "anchor")) removed (\(Self.count(glyphs, "glyph")))")
        case .unchanged: lines.append("\(path)\(target): no anchor to remove, copied unchanged")
        case .refused: lines.append("\(path): not written, \(Self.count(anchorsKept.count, "anchor")) cannot be removed safely")
        case .proofFailed: lines.append("\(path): not written, the scrubbed file failed its proof")
        case .failed:
            let reason = scan.error.map { "\($0.message) [\($0.code.rawValue)]" } ?? "it could not be rewritten"
            lines.append("\(path): not written, \(reason)")
        }
        if let proof {
            let pages = proof.pages.count
            let anchorsLeft = proof.pages.reduce(0) { $0 + $1.anchorsLeft.count + $1.textLeft.count }
            let mismatched = proof.pages.reduce(0) { $0 + $1.glyphsMismatched }
            let shift = proof.pages.map(\.largestShift).max() ?? 0
            let changed = proof.pages.reduce(0) { $0 + $1.pixelsChanged }
            let outside = proof.pages.reduce(0) { $0 + $1.pixelsChangedOutsideAnchors }
            let oneByOne = proof.pages.filter(\.glyphsComparedOneByOne).count
            let byCount = pages - oneByOne
            let otherPages = byCount > 0 ? "; \(Self.count(byCount, "page")) with unchanged streams by the scans' glyph counts" : ""
            lines.append(
                "  proof 1 \(anchorsLeft == 0 ? "passed" : "FAILED"): \(anchorsLeft == 0 ? "no" : String(anchorsLeft)) anchor text left on \(Self.count(pages, "page")) (tagscan's scan; poppler's text on \(Self.count(oneByOne, "changed page")))"
            )
            lines.append(
                "  proof 2 \(mismatched == 0 && proof.pages.allSatisfy(\.passed) ? "passed" : "FAILED"): \(proof.glyphsCompared) other glyphs on \(Self.count(oneByOne, "page")) compared one by one, \(mismatched) changed, largest shift \(ScrubVerifier.points(shift)) pt (tolerance \(proof.tolerance) pt)\(otherPages)"
            )
            lines.append(
                "  proof 3 \(outside == 0 ? "passed" : "FAILED"): \(Self.count(proof.pagesRendered, "page")) rendered at \(Int(proof.dpi)) dpi, \(Self.count(changed, "pixel")) changed, \(outside) outside the removed anchors' boxes"
            )
            if !proof.samePageSizes { lines.append("  FAILED: the pages or their sizes differ from the original's") }
        }
        for diagnostic in diagnostics {
            let page = diagnostic.pageNumber.map { "page \($0): " } ?? ""
            lines.append("  \(diagnostic.severity.rawValue): \(page)\(diagnostic.message) [\(diagnostic.rule)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
