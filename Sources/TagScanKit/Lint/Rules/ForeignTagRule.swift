/// `foreign-tag`: leftovers of another e-signature vendor's tag syntax, which the
/// scanner recognises and reports; the rule passes its reports through.
enum ForeignTagRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.foreignTag
}
