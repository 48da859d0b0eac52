extension DiagnosticCatalog {
    public static let anchorUnremovable = RuleDescription(
        id: "anchor-unremovable", severity: .error,
        summary: "tagscan scrub cannot remove this anchor safely, so the file is not written.",
        details: """
            The anchor is drawn by a Type3 font's glyph procedures, inside an annotation's \
            appearance, in an encrypted file, or with bytes tagscan cannot tie to its glyphs one for \
            one (a ligature shared with other text, vertical writing, a font encoding poppler and \
            the content stream disagree on). Removing it would be a guess. Re-export the template \
            with a plain font, flatten the annotation, or remove the password; or pass \
            --keep-unremovable to write the file with this anchor left in place.
            """)

    public static let scrubProofFailed = RuleDescription(
        id: "scrub-proof-failed", severity: .error,
        summary: "The scrubbed file failed its proof, so it is not written.",
        details: """
            After removing the anchors tagscan re-opens the file with poppler and checks that no \
            anchor text is left, that every other glyph has the same character and box within \
            0.01 pt, and that rendered pixels changed only inside the removed anchors' boxes. One \
            of these failed on the page named; the message says which. Please report the file.
            """)
}
