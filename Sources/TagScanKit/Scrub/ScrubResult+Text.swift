extension ScrubResult {
    /// The result for a person: what was removed, the three proofs, and every diagnostic.
    public func textReport(writtenTo destination: String?) -> String {
        var lines: [String] = []
        let target = destination.map { " -> \($0)" } ?? ""
        switch status {
        case .scrubbed:
            let glyphs = proof?.glyphsRemoved ?? 0
            let directives = directivesRemoved.isEmpty ? "" : " and \(Self.count(directivesRemoved.count, "directive"))"
            lines.append("\(path)\(target): scrubbed, \(Self.count(anchorsRemoved.count, "anchor"))\(directives) removed (\(Self.count(glyphs, "glyph")))")
        case .unchanged: lines.append("\(path)\(target): no anchor to remove, copied unchanged")
        case .refused: lines.append("\(path): not written, \(Self.count(anchorsKept.count + directivesKept.count, "anchor")) cannot be removed safely")
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
            let reExtracted = proof.pagesReExtracted, unchanged = proof.pagesUnchanged
            let glyphsFailed = proof.pages.contains { $0.glyphsMismatched > 0 || $0.failures.contains { $0.contains("glyphs") } }
            let identity = unchanged > 0 ? "; \(Self.count(unchanged, "page")) unchanged: the original's objects, by qpdf's comparison" : ""
            lines.append(
                "  proof 1 \(anchorsLeft == 0 ? "passed" : "FAILED"): \(anchorsLeft == 0 ? "no" : String(anchorsLeft)) anchor text left on \(Self.count(pages, "page")) (\(Self.count(reExtracted, "page")) re-extracted: tagscan's scan and poppler's text\(unchanged > 0 ? "; \(Self.count(unchanged, "page")) unchanged: the original's scan of the same objects" : ""))"
            )
            lines.append(
                "  proof 2 \(glyphsFailed ? "FAILED" : "passed"): \(proof.glyphsCompared) other glyphs on \(Self.count(reExtracted, "re-extracted page")) compared one by one, \(mismatched) changed, largest shift \(ScrubVerifier.points(shift)) pt (tolerance \(proof.tolerance) pt)\(identity)"
            )
            lines.append(
                "  proof 3 \(outside == 0 && !proof.pages.contains(where: { $0.failures.contains { $0.contains("render") } }) ? "passed" : "FAILED"): \(Self.count(proof.pagesRendered, "page")) rendered at \(Int(proof.dpi)) dpi, \(Self.count(changed, "pixel")) changed, \(outside) outside the removed anchors' boxes\(identity)"
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
