/// `options.branding`: logo and colours of the signing page (mainly for embedded envelopes).
public struct Branding: Sendable, Codable, Hashable {
    public var logoOptions: LogoOptions?
    /// Hex colours such as `"#000"`.
    public var primaryColor: String?
    public var primaryColorHover: String?
    public var onPrimaryColor: String?
    public var secondaryColor: String?
    public var secondaryColorHover: String?

    public init(
        logoOptions: LogoOptions? = nil, primaryColor: String? = nil, primaryColorHover: String? = nil,
        onPrimaryColor: String? = nil, secondaryColor: String? = nil, secondaryColorHover: String? = nil
    ) {
        self.logoOptions = logoOptions
        self.primaryColor = primaryColor
        self.primaryColorHover = primaryColorHover
        self.onPrimaryColor = onPrimaryColor
        self.secondaryColor = secondaryColor
        self.secondaryColorHover = secondaryColorHover
    }

    enum CodingKeys: String, CodingKey {
        case logoOptions = "logo_options"
        case primaryColor = "primary_color"
        case primaryColorHover = "primary_color_hover"
        case onPrimaryColor = "on_primary_color"
        case secondaryColor = "secondary_color"
        case secondaryColorHover = "secondary_color_hover"
    }

    /// `branding.logo_options`.
    public struct LogoOptions: Sendable, Codable, Hashable {
        public enum Choice: String, Sendable, Codable, Hashable, CaseIterable {
            case brandPoweredByYoti = "brand_powered_by_yoti"
            case poweredByYoti = "powered_by_yoti"
            case noLogo = "no_logo"
            /// The API's default when branding is present without a choice.
            case yotiSign = "yoti_sign"
        }

        public var logoChoice: Choice?
        /// A base64 PNG of at most 200 kB; defaults to the organisation's stored logo.
        public var logoBase64: String?

        public init(logoChoice: Choice? = nil, logoBase64: String? = nil) {
            self.logoChoice = logoChoice
            self.logoBase64 = logoBase64
        }

        enum CodingKeys: String, CodingKey {
            case logoChoice = "logo_choice"
            case logoBase64 = "logo_base64"
        }
    }
}
