import YotiSignModels

/// How a lint run scans, which rules it runs and the limits the rules check against. The limits
/// default to the limits Yoti documents; tests lower them to prove a
/// rule on small fixtures.
public struct LintOptions: Sendable, Hashable {
    public var scan: ScanOptions
    /// Rule ids turned off for every document (command line `--disable`, config `disabled_rules`).
    public var disabledRules: Set<String>
    /// Severities to use instead of the rules' defaults, by rule id.
    public var severityOverrides: [String: Severity]
    /// Render non-white anchors to tell invisible (`3 Tr`) text from visible text. Off, every
    /// anchor that is not white counts as visible.
    public var rendersAnchors: Bool

    /// Combined size of an envelope's files (20 MB; the docs do not say 10⁶ or 2²⁰, so the smaller).
    public var maximumEnvelopeBytes: Int
    /// Files in one envelope.
    public var maximumEnvelopeFiles: Int
    /// Tags of one recipient across an envelope.
    public var maximumTagsPerRecipient: Int
    /// Signing recipients in one envelope.
    public var maximumSigners: Int
    /// Characters of a tag `name`.
    public var maximumTagNameLength: Int
    /// Font size below which an anchor is reported as tiny, in points.
    public var minimumAnchorFontSize: Double

    public init(
        scan: ScanOptions = ScanOptions(), disabledRules: Set<String> = [], severityOverrides: [String: Severity] = [:],
        rendersAnchors: Bool = true,
        maximumEnvelopeBytes: Int = Preflight.maximumCombinedBytes, maximumEnvelopeFiles: Int = Preflight.maximumFileCount,
        maximumTagsPerRecipient: Int = Preflight.maximumTagsPerRecipient, maximumSigners: Int = Preflight.maximumSigners,
        maximumTagNameLength: Int = Preflight.maximumTagNameLength, minimumAnchorFontSize: Double = 4
    ) {
        self.scan = scan
        self.disabledRules = disabledRules
        self.severityOverrides = severityOverrides
        self.rendersAnchors = rendersAnchors
        self.maximumEnvelopeBytes = maximumEnvelopeBytes
        self.maximumEnvelopeFiles = maximumEnvelopeFiles
        self.maximumTagsPerRecipient = maximumTagsPerRecipient
        self.maximumSigners = maximumSigners
        self.maximumTagNameLength = maximumTagNameLength
        self.minimumAnchorFontSize = minimumAnchorFontSize
    }
}
