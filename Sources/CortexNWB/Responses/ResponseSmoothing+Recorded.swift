import CortexNumerics

extension ResponseSmoothing {
    /// The smoothing as response files record it (root attribute `smoothing`): `none`, or
    /// `gaussian sigma=<σ> frames boundary=<mode>` with σ in Swift's shortest round-trip form
    /// (`2.0`) and the mode `reflect`, `mirror`, `nearest`, `wrap` or `constant(<value>)`.
    ///
    /// ```swift
    /// ResponseSmoothing.gaussian(sigmaFrames: 2).recorded   // "gaussian sigma=2.0 frames boundary=reflect"
    /// ```
    public var recorded: String {
        switch self {
        case .none: return "none"
        case .gaussian(let sigma, let boundary):
            return "gaussian sigma=\(sigma) frames boundary=\(Self.recorded(boundary))"
        }
    }

    /// The smoothing a recorded text describes; nil when it is not one ``recorded`` writes.
    public init?(recorded text: String) {
        if text == "none" { self = .none; return }
        let prefix = "gaussian sigma=", middle = " frames boundary="
        guard text.hasPrefix(prefix), let split = text.range(of: middle),
              let sigma = Double(text[text.index(text.startIndex, offsetBy: prefix.count)..<split.lowerBound]),
              let boundary = Self.boundary(recorded: String(text[split.upperBound...])) else { return nil }
        self = .gaussian(sigmaFrames: sigma, boundary: boundary)
    }

    private static func recorded(_ boundary: BoundaryMode) -> String {
        switch boundary {
        case .constant(let value): "constant(\(value))"
        case .reflect: "reflect"
        case .mirror: "mirror"
        case .nearest: "nearest"
        case .wrap: "wrap"
        }
    }

    private static func boundary(recorded text: String) -> BoundaryMode? {
        switch text {
        case "reflect": return .reflect
        case "mirror": return .mirror
        case "nearest": return .nearest
        case "wrap": return .wrap
        default:
            guard text.hasPrefix("constant("), text.hasSuffix(")"),
                  let value = Double(text.dropFirst("constant(".count).dropLast()) else { return nil }
            return .constant(value)
        }
    }
}
