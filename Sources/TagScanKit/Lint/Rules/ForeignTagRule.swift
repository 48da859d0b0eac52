/// `foreign-tag`: leftovers of another e-signature vendor's tag syntax (SPEC §3.3), which the
/// scanner recognises and reports; the rule passes its reports through.
public enum ForeignTagRule: ScannerReportedRule {
    public static let description = RuleDescription(
        id: "foreign-tag", severity: .warning,
        summary: "Another vendor's tag (DocuSign, Acrobat Sign, Dropbox Sign, DocuSeal, Documenso) is left in the template.",
        details: """
            Templates moved from another e-signature service often keep that service's tags, such as \
            {{Sig_es_:signer1:signature}} or [sig|req|signer1]. Yoti ignores them, so they place no \
            field and stay on the signed document as text. Replace them with Yoti auto-tags (tagscan \
            convert translates them) or delete them.
            """,
        reportedByScanner: true)
}
