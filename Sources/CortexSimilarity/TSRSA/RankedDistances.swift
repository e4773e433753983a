import CortexNumerics

/// The ranks of a frame RDM's upper triangle under one tie policy (see
/// ``FrameCorrelations/ranked(for:)``).
public struct RankedDistances: Sendable, Hashable {
    public let ties: TiePolicy
    public let ranks: [Double]
}
