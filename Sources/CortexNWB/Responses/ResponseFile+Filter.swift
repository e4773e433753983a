extension ResponseFile {
    /// The unit quality filter a response file records (root attribute `filter`), as
    /// `cortex responses --filter` names it. The minimum rate is recorded apart (`min_rate`).
    ///
    /// On disk it is text: `none`, `allen-default`, or any other description as given.
    public enum Filter: Sendable, Hashable {
        /// No quality filter (`none`).
        case none
        /// AllenSDK's default quality filter, ``UnitFilter/allenDefault`` (`allen-default`).
        case allenDefault
        /// Another filter, described in words (e.g. by another tool that wrote the file).
        case custom(String)

        /// The filter a recorded text names (`none` and `allen-default` are the named cases;
        /// anything else is ``custom(_:)``).
        public init(recorded: String) {
            switch recorded {
            case "none": self = .none
            case "allen-default": self = .allenDefault
            default: self = .custom(recorded)
            }
        }

        /// The text written into the file.
        public var recorded: String {
            switch self {
            case .none: "none"
            case .allenDefault: "allen-default"
            case .custom(let description): description
            }
        }
    }
}
