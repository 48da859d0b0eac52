/// `too-many-files`: more files in one envelope than Yoti's 20.
enum TooManyFilesRule: LintRule {
    static let description = DiagnosticCatalog.tooManyFiles

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        guard envelope.documents.count > options.maximumEnvelopeFiles else { return [] }
        let over = options.maximumEnvelopeFiles
        return [
            LintFinding(
                document: over,
                diagnostic: description.diagnostic(
                    page: nil,
                    "envelope \(envelope.path) holds \(envelope.documents.count) files; Yoti accepts at most \(options.maximumEnvelopeFiles) (this is file \(over + 1))"
                ))
        ]
    }
}

/// `file-too-large`: a file, or an envelope's files together, over Yoti's 20 MB.
enum FileTooLargeRule: LintRule {
    static let description = DiagnosticCatalog.fileTooLarge

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        let limit = options.maximumEnvelopeBytes
        var findings: [LintFinding] = []
        var total = 0, crossed = false
        for (index, document) in envelope.documents.enumerated() {
            guard let size = document.result.fileSize else { continue }
            total += size
            if size > limit {
                findings.append(
                    LintFinding(
                        document: index,
                        diagnostic: description.diagnostic(page: nil, "the file is \(megabytes(size)); Yoti accepts at most \(megabytes(limit)) per envelope")))
                crossed = true
            } else if total > limit, !crossed {
                findings.append(
                    LintFinding(
                        document: index,
                        diagnostic: description.diagnostic(
                            page: nil,
                            "envelope \(envelope.path) reaches \(megabytes(total)) with this file (\(megabytes(size))); Yoti accepts at most \(megabytes(limit)) per envelope"
                        )))
                crossed = true
            }
        }
        return findings
    }

    /// "20 MB", "1.53 MB", "4 kB", "900 bytes" (decimal units, as Yoti's limit is written).
    static func megabytes(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return "\(formatPoints(Double(bytes) / 1_000_000)) MB" }
        if bytes >= 1_000 { return "\(formatPoints(Double(bytes) / 1_000)) kB" }
        return "\(bytes) bytes"
    }
}
