import Foundation

/// The channels-last packing of one convolution weight for the event-driven path
/// (``SparseConvolutionKernels/pack(_:_:merged:)``), kept between calls.
///
/// LoRaFB-SNet calls each convolution once per time step, and inference calls it with the same
/// weight every forward pass; repacking the weight at every call was 6–8 % of a training step. A
/// ``Conv2d`` owns one cache (copies of the layer share it). The entry is keyed by the identity of
/// the weight's storage: the cache holds a copy of the weight array, so its buffer stays alive and
/// no other array can have the same address while the entry exists; a new weight (an optimiser
/// step, a loaded checkpoint) has new storage and is packed anew, replacing the entry. Arrays are
/// copy-on-write, so the cached buffer itself never changes. Thread-safe (one lock).
public final class PackedWeightCache<Scalar: TensorScalar>: @unchecked Sendable {
    private struct Entry {
        var weight: [Scalar]
        var address: UnsafeRawPointer?
        var geometry: ConvolutionGeometry
        var merged: Bool
        var packed: [Scalar]
    }

    private let lock = NSLock()
    private var entry: Entry?

    public init() {}

    /// `SparseConvolutionKernels.pack(weight, geometry, merged:)`, from the cache when `weight` is
    /// the storage packed last time with the same kernel geometry.
    func packed(_ weight: [Scalar], _ g: ConvolutionGeometry, merged: Bool) -> [Scalar] {
        let address = weight.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        lock.lock()
        if let e = entry, address != nil, e.address == address, e.weight.count == weight.count, e.merged == merged,
           e.geometry.samePacking(as: g) {
            let packed = e.packed
            lock.unlock()
            return packed
        }
        lock.unlock()
        let packed = SparseConvolutionKernels.pack(weight, g, merged: merged)
        lock.lock()
        entry = Entry(weight: weight, address: address, geometry: g, merged: merged, packed: packed)
        lock.unlock()
        return packed
    }
}

extension ConvolutionGeometry {
    /// Whether the weight packing of `other` is that of `self` (same channels and kernel).
    func samePacking(as other: ConvolutionGeometry) -> Bool {
        inChannels == other.inChannels && outChannels == other.outChannels && groups == other.groups
            && kernelHeight == other.kernelHeight && kernelWidth == other.kernelWidth
    }
}
