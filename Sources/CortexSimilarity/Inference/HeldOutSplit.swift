/// How held-out layer/lag selection (``HeldOutSelection``) cuts the data in two halves: one to
/// choose the best layer and lag on, the other to score that choice on (then the other way round).
///
/// ```swift
/// HeldOutSplit.frameBlocks(length: 30)    // even blocks of 30 frames vs odd blocks
/// HeldOutSplit.frameBlocks(length: nil)   // the same with the default block length (the default split)
/// HeldOutSplit.repeats                    // even repeats vs odd repeats (needs trials), all frames
/// HeldOutSplit.off                        // no held-out selection
/// ```
public enum HeldOutSplit: Sendable, Hashable {
    /// Consecutive blocks of `length` compared frames, alternately assigned to the halves (blocks
    /// 0, 2, 4, … and 1, 3, 5, …), so both halves span the whole movie while neighbouring
    /// (autocorrelated) frames mostly stay together. nil: ``defaultBlockLength(comparedFrames:)``.
    case frameBlocks(length: Int?)
    /// The brain's repeats (trials) split into even and odd repeats, each half averaged; every
    /// frame is compared in both halves. Needs responses written with trials.
    case repeats
    /// No held-out selection.
    case off

    /// The default block length for `comparedFrames` frames: an eighth of the frames, at most 30
    /// (1 s at 30 Hz) and at least 1, so each half has at least four blocks.
    ///
    ///     length = max(1, min(30, ⌊comparedFrames / 8⌋))
    public static func defaultBlockLength(comparedFrames: Int) -> Int { max(1, min(30, comparedFrames / 8)) }

    /// Short label for results and the command line: `frame-blocks`, `frame-blocks:30`, `repeats`, `off`.
    public var label: String {
        switch self {
        case .frameBlocks(let length): return length.map { "frame-blocks:\($0)" } ?? "frame-blocks"
        case .repeats: return "repeats"
        case .off: return "off"
        }
    }

    /// This split with the default block length filled in for `comparedFrames` frames.
    public func resolved(comparedFrames: Int) -> HeldOutSplit {
        if case .frameBlocks(nil) = self { return .frameBlocks(length: Self.defaultBlockLength(comparedFrames: comparedFrames)) }
        return self
    }

    /// Parses ``label``'s spelling (`frame-blocks`, `frame-blocks:L`, `repeats`, `off`).
    public init?(label: String) {
        switch label {
        case "repeats": self = .repeats; return
        case "off": self = .off; return
        case "frame-blocks": self = .frameBlocks(length: nil); return
        default: break
        }
        let parts = label.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "frame-blocks", let length = Int(parts[1]), length >= 1 else { return nil }
        self = .frameBlocks(length: length)
    }
}

extension HeldOutSplit: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = HeldOutSplit(label: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected frame-blocks, frame-blocks:L, repeats or off, got \"\(text)\""))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(label)
    }
}
