/// One colour per recipient role, so a role looks the same on every page and in every document of
/// a run. Red is kept for problems and grey for anchors that place no field, so no recipient gets
/// either.
///
/// ```swift
/// let palette = RecipientPalette(results: report.documents)
/// palette.color(for: "Signer 1")   // #0072b2
/// ```
public struct RecipientPalette: Sendable, Hashable, Codable {
    /// Clamped and overlapping fields, lint problems.
    public static let problem = PreviewColor(red: 0xD6, green: 0x27, blue: 0x28)
    /// Anchors that place no field (the `|AT|` header) and informational notes.
    public static let neutral = PreviewColor(red: 0x59, green: 0x59, blue: 0x59)

    /// Okabe–Ito's colour-blind-safe set without its vermillion and yellow (too close to the
    /// problem red, too pale for labels), then four more distinct hues.
    static let base: [PreviewColor] = [
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#6a3d9a", "#8c564b", "#17becf", "#7f8c1f",
    ].compactMap(PreviewColor.init(hex:))

    /// The roles in the order their colours were given out.
    public private(set) var roles: [String]

    /// Colours `roles` in role-table order ("Signer 1", "Signer 2", …, "Tenant 1"), duplicates
    /// removed.
    public init(roles: some Sequence<String>) {
        self.roles = Array(Set(roles)).sorted(by: DocumentAssembler.roleOrder)
    }

    /// Colours every role that has tags or anchors in `results`.
    public init(results: [DocumentResult]) {
        self.init(roles: results.flatMap { $0.recipients.map(\.role) + $0.anchors.compactMap(\.role) })
    }

    /// The role's colour; a role not given to `init` gets a colour after the known ones, the same
    /// every time.
    public func color(for role: String) -> PreviewColor {
        if let index = roles.firstIndex(of: role) { return Self.color(at: index) }
        var hash: UInt32 = 2_166_136_261  // FNV-1a, stable across runs unlike `hashValue`
        for byte in role.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Self.color(at: roles.count + Int(hash % 64))
    }

    /// Each role with its colour, in palette order.
    public var entries: [(role: String, color: PreviewColor)] {
        roles.enumerated().map { ($0.element, Self.color(at: $0.offset)) }
    }

    /// The base colours first, then hues a golden angle apart in 30°…330° (clear of red), with
    /// value and saturation stepping every 7 and 21 colours so no two are the same.
    static func color(at index: Int) -> PreviewColor {
        if index < base.count { return base[index] }
        let k = index - base.count
        let hue = 30 + (Double(k) * 137.508).truncatingRemainder(dividingBy: 300)
        let values = [0.72, 0.55, 0.86], saturations = [0.7, 0.55, 0.85]
        return hsv(hue: hue, saturation: saturations[(k / 21) % 3], value: values[(k / 7) % 3])
    }

    private static func hsv(hue: Double, saturation: Double, value: Double) -> PreviewColor {
        let c = value * saturation
        let h = hue / 60
        let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) =
            switch Int(h) {
            case 0: (c, x, 0)
            case 1: (x, c, 0)
            case 2: (0, c, x)
            case 3: (0, x, c)
            case 4: (x, 0, c)
            default: (c, 0, x)
            }
        let m = value - c
        func byte(_ v: Double) -> UInt8 { UInt8(((v + m) * 255).rounded()) }
        return PreviewColor(red: byte(r), green: byte(g), blue: byte(b))
    }
}
