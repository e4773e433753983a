import CortexEngine
import Foundation

/// 0/1 masks of a network's prunable weights (every parameter of rank ≥ 2: convolution and
/// linear weights), keyed by parameter name. A pruned weight (mask 0) is exactly zero in
/// training and inference: masks zero its gradient and are re-applied after every update.
///
/// In a checkpoint each mask is the float32 tensor `<param>.mask` beside its parameter, and the
/// ``CheckpointMetadata/pruningMasks`` record names them; loading strips and applies them
/// (``extract(from:)``).
///
/// ```swift
/// var masks = PruningMasks.dense(network)
/// masks = masks.pruning(network, fraction: 0.25, criterion: MagnitudeCriterion())   // 25 % of each layer
/// masks.apply(to: &network)
/// masks.report.total.sparsity                                                      // 0.25
/// ```
public struct PruningMasks: Sendable, Hashable {
    /// One parameter's mask: its shape and 0/1 entries (row-major).
    public struct Mask: Sendable, Hashable {
        public var shape: [Int]
        public var values: [Float]
        public init(shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "PruningMasks.Mask: \(values.count) values for \(shape)")
            self.shape = shape
            self.values = values
        }
    }

    /// Parameter name → mask (same shape, entries 0 or 1).
    public var masks: [String: Mask]

    /// The suffix of a mask's tensor name in a checkpoint.
    public static let suffix = ".mask"

    public init(masks: [String: Mask]) { self.masks = masks }

    /// The prunable parameters of `layer`, in visiting order.
    public static func prunable<L: Layer>(_ layer: L) -> [(name: String, tensor: Tensor<Float>)] where L.Scalar == Float {
        layer.namedTensors().filter { $0.role == .parameter && $0.tensor.rank >= 2 }.map { ($0.name, $0.tensor) }
    }

    /// All-ones masks for every prunable parameter of `layer`.
    public static func dense<L: Layer>(_ layer: L) -> PruningMasks where L.Scalar == Float {
        PruningMasks(masks: Dictionary(uniqueKeysWithValues: prunable(layer).map {
            ($0.name, Mask(shape: $0.tensor.shape, values: [Float](repeating: 1, count: $0.tensor.count)))
        }))
    }

    /// The masks after removing `fraction` of the remaining weights of every prunable parameter
    /// (layer-wise: ⌊fraction · remaining⌋ per layer), the lowest `criterion` scores first; among
    /// equal scores the earlier position goes first (so the result is deterministic). Pruned
    /// entries stay pruned.
    public func pruning<L: Layer>(_ layer: L, fraction: Double, criterion: any PruningCriterion) -> PruningMasks
        where L.Scalar == Float {
        precondition(fraction >= 0 && fraction < 1, "PruningMasks: fraction must be in [0, 1)")
        var out = masks
        for (name, tensor) in Self.prunable(layer) {
            var mask = masks[name]?.values ?? [Float](repeating: 1, count: tensor.count)
            let scores = criterion.scores(of: tensor, name: name)
            let alive = mask.indices.filter { mask[$0] != 0 }
            let removed = Int((fraction * Double(alive.count)).rounded(.down))
            let order = alive.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
            for i in order.prefix(removed) { mask[i] = 0 }
            out[name] = Mask(shape: tensor.shape, values: mask)
        }
        return PruningMasks(masks: out)
    }

    /// Zeroes the pruned weights of `layer`.
    public func apply<L: Layer>(to layer: inout L) where L.Scalar == Float {
        layer.visitTensors(prefix: "") { name, _, tensor in
            guard let mask = masks[name] else { return }
            precondition(mask.shape == tensor.shape, "PruningMasks: mask of \(name) is \(mask.shape), the tensor \(tensor.shape)")
            tensor = Tensor(shape: tensor.shape, scalars: zip(tensor.scalars, mask.values).map { $1 == 0 ? 0 : $0 })
        }
    }

    /// Zeroes the gradients of pruned weights.
    public func masking(_ gradients: inout [String: Tensor<Float>]) {
        for (name, mask) in masks {
            guard let g = gradients[name] else { continue }
            gradients[name] = Tensor(shape: g.shape, scalars: zip(g.scalars, mask.values).map { $1 == 0 ? 0 : $0 })
        }
    }

    /// The fraction of prunable entries whose mask differs between `self` and `other` (the
    /// early-bird ticket's normalised Hamming distance).
    public func hammingDistance(to other: PruningMasks) -> Double {
        var differing = 0, total = 0
        for (name, mask) in masks {
            guard let theirs = other.masks[name] else { continue }
            total += mask.values.count
            for (a, b) in zip(mask.values, theirs.values) where (a == 0) != (b == 0) { differing += 1 }
        }
        return total == 0 ? 0 : Double(differing) / Double(total)
    }

    /// Sparsity per parameter and in total.
    public var report: SparsityReport {
        SparsityReport(layers: masks.keys.sorted().map { name in
            let m = masks[name]!.values
            return SparsityReport.Layer(name: name, weights: m.count, pruned: m.filter { $0 == 0 }.count)
        })
    }

    /// The masks as checkpoint tensors (`<param>.mask`, float32) and the metadata record
    /// (parameter → tensor name).
    public var checkpointEntries: (tensors: [String: SafetensorsFile.Entry], record: [String: String]) {
        var tensors: [String: SafetensorsFile.Entry] = [:], record: [String: String] = [:]
        for (name, mask) in masks {
            tensors[name + Self.suffix] = .init(dtype: .float32, shape: mask.shape, bytes: FloatBytes.encode(mask.values))
            record[name] = name + Self.suffix
        }
        return (tensors, record)
    }

    /// Removes the mask tensors (`<param>.mask` beside a tensor `<param>`) from `file` and
    /// returns them (`nil` when there are none).
    /// - Throws: ``PruningMaskError`` for a mask of another shape than its parameter, or with
    ///   entries other than 0 and 1.
    public static func extract(from file: inout SafetensorsFile) throws(PruningMaskError) -> PruningMasks? {
        var found: [String: Mask] = [:]
        for (key, entry) in file.tensors where key.hasSuffix(suffix) {
            let name = String(key.dropLast(suffix.count))
            guard let parameter = file.tensors[name] else { continue }
            guard entry.shape == parameter.shape else {
                throw .shapeMismatch(mask: key, maskShape: entry.shape, parameterShape: parameter.shape)
            }
            guard entry.dtype == .float32 else { throw .notFloat32(mask: key) }
            let values = FloatBytes.decode(entry.bytes)
            guard values.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw .notBinary(mask: key) }
            found[name] = Mask(shape: entry.shape, values: values)
        }
        guard !found.isEmpty else { return nil }
        for name in found.keys { file.tensors[name + suffix] = nil }
        return PruningMasks(masks: found)
    }
}

/// A checkpoint's pruning mask that cannot be used.
public enum PruningMaskError: Error, Sendable, Hashable, CustomStringConvertible {
    case shapeMismatch(mask: String, maskShape: [Int], parameterShape: [Int])
    case notBinary(mask: String)
    case notFloat32(mask: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let name, let mask, let parameter):
            return "pruning mask '\(name)' has shape \(mask), its parameter \(parameter)"
        case .notBinary(let name): return "pruning mask '\(name)' holds values other than 0 and 1"
        case .notFloat32(let name): return "pruning mask '\(name)' is not float32"
        }
    }
}
