/// Which syntax an anchor was written in.
public enum AnchorDialect: String, Sendable, Codable, Hashable, CaseIterable {
    case yoti
    case custom
    case docusign
    case acrobat
    case dropbox
    case docuseal
    case documenso
}
