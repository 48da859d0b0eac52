/// Maps the recipients other vendors' tags name (`signer1`, `r2`, `First Party`) to Yoti recipient
/// roles.
///
/// Without a mapping, numbered recipients become "Signer N" (`signer2`, `r2`, `\s2\` and
/// DocuSeal's "Second Party" alike), and other DocuSeal role names are kept as they are. A map
/// (`role_map` in the configuration, `--role-map` on the command line) overrides that; its keys
/// are compared case-insensitively with runs of spaces as one, and a `signerN` key also applies to
/// `rN`, `\sN\` and the N-th DocuSeal party. Sender-filled fields (`sender`, `prefill`) have no
/// role.
public enum RoleMapping {
    /// The Yoti role for `recipient` as a vendor wrote it, or nil when it is the sender.
    public static func role(for recipient: String, number: Int?, map: [String: String]) -> String? {
        let key = normalisedKey(recipient)
        if key == "sender" || key == "prefill" { return nil }
        let normalisedMap = Dictionary(map.map { (normalisedKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        if let mapped = normalisedMap[key] { return mapped }
        if let number {
            for candidate in ["signer\(number)", "r\(number)", "\(number)"] {
                if let mapped = normalisedMap[candidate] { return mapped }
            }
            return RecipientRole.signer.roleName(number)
        }
        return recipient.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func normalisedKey(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
