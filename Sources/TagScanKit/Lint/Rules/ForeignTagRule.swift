/// `foreign-tag`: leftovers of another e-signature vendor's tag syntax (SPEC §3.3), which the
/// scanner recognises and reports; the rule passes its reports through.
public enum ForeignTagRule: ScannerReportedRule {
    public static let description = DiagnosticCatalog.foreignTag
}
