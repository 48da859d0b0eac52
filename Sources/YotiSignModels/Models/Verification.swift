/// `recipient.verification`: an identity-verification session or an age check.
public struct Verification: Sendable, Codable, Hashable {
    public var idv: IDV?
    public var age: Age?

    public init(idv: IDV? = nil, age: Age? = nil) {
        self.idv = idv
        self.age = age
    }

    /// `verification.idv`.
    public struct IDV: Sendable, Codable, Hashable {
        /// `Real Estate`, `HR`, `Finance`, `Adult`, `Recruitment`, `Liveness Only`, or a custom name.
        public var sessionConfigName: String
        /// `before_viewing` or `after_submitting`.
        public var when: String?
        /// 1–10.
        public var sessionLimit: Int?
        /// A subset of `deadend_errors`, `merge_field_not_resolved`.
        public var blocksSigning: [String]?

        public init(
            sessionConfigName: String, when: String? = nil, sessionLimit: Int? = nil,
            blocksSigning: [String]? = nil
        ) {
            self.sessionConfigName = sessionConfigName
            self.when = when
            self.sessionLimit = sessionLimit
            self.blocksSigning = blocksSigning
        }

        enum CodingKeys: String, CodingKey {
            case sessionConfigName = "session_config_name"
            case when
            case sessionLimit = "session_limit"
            case blocksSigning = "blocks_signing"
        }
    }

    /// `verification.age`: `{"age_estimation": {"allowed": true}}`.
    public struct Age: Sendable, Codable, Hashable {
        public var ageEstimation: AgeEstimation

        public init(ageEstimation: AgeEstimation) {
            self.ageEstimation = ageEstimation
        }

        enum CodingKeys: String, CodingKey {
            case ageEstimation = "age_estimation"
        }

        public struct AgeEstimation: Sendable, Codable, Hashable {
            public var allowed: Bool

            public init(allowed: Bool) {
                self.allowed = allowed
            }
        }
    }
}
