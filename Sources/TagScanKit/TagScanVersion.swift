/// The tool's version, shown by `tagscan --version` and written into SARIF.
public enum TagScanVersion {
    public static let current = "0.1.0"
}
