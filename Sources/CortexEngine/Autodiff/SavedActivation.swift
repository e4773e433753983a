import CKernels
import CortexNumerics

/// An activation a graph node keeps for its backward rule, held as one byte per element when that
/// is exact.
///
/// The input of a convolution inside a spiking network is a spike tensor (0 or 1) or a sum of a
/// few (a SEW residual: 0, 1, 2): small non-negative integers, a quarter of the memory as bytes.
/// ``init(compacting:cKernels:)`` keeps the bytes when every element is an integer in 0…255 whose
/// value converts back bit for bit (so not −0 or NaN), else the scalars unchanged; ``scalars``
/// gives back exactly the values it was made from, so gradients computed from it are unchanged.
/// The benchmark network of BENCHMARKS.md holds 9.6 M such inputs through a training step: 38 MB
/// as Float, 10 MB as bytes.
///
/// Complexity: one pass over the values to make, one to expand (both parallel, vectorised for
/// Float); a non-integer value ends the check at its 4,096-element block.
struct SavedActivation<S: TensorScalar> {
    /// The values as given; empty when ``bytes`` holds them.
    private let dense: [S]
    /// The values as bytes; empty unless every value is an exact byte.
    private let bytes: [UInt8]

    /// Elements per parallel chunk of the check and the expansion.
    static var chunk: Int { 1 << 18 }

    /// `x` as bytes when exact, else `x` itself (no copy).
    @_specialize(where S == Float)
    init(compacting x: [S], cKernels: Bool = true) {
        let native = CKernelBridge.applies(S.self, cKernels)
        let n = x.count
        var packed = [UInt8](unsafeUninitializedCapacity: n) { _, c in c = n }
        let chunks = max(1, min(ParallelFor.defaultWorkers, n / Self.chunk))
        let exact: Bool = x.withUnsafeBufferPointer { px in
            packed.withUnsafeMutableBufferPointer { pb in
                guard n > 0 else { return true }
                let (source, target) = (SendableConstPointer(base: px.baseAddress!), SendablePointer(base: pb.baseAddress!))
                return ParallelFor.map(count: chunks) { index in
                    let (lo, hi) = (index * n / chunks, (index + 1) * n / chunks)
                    if native {
                        return ck_pack_bytes_f32(CKernelBridge.float(source.base + lo), target.base + lo, hi - lo) == 1
                    }
                    for i in lo..<hi {
                        let v = source.base[i]
                        guard v >= 0, v <= 255, v == v.rounded(.towardZero), v.sign == .plus else { return false }
                        target.base[i] = UInt8(v)
                    }
                    return true
                }.allSatisfy { $0 }
            }
        }
        (dense, bytes) = exact && n > 0 ? ([], packed) : (x, [])
    }

    /// No values: for a node whose backward rule will not need them.
    static var none: SavedActivation { SavedActivation(dense: [], bytes: []) }

    private init(dense: [S], bytes: [UInt8]) {
        self.dense = dense
        self.bytes = bytes
    }

    /// Whether the values are held as bytes.
    var isCompact: Bool { !bytes.isEmpty }

    /// The bytes, when the values are held as bytes.
    var compactBytes: [UInt8]? { isCompact ? bytes : nil }

    /// The values, bit for bit those ``init(compacting:cKernels:)`` was given.
    @_specialize(where S == Float)
    func scalars(cKernels: Bool = true) -> [S] {
        guard isCompact else { return dense }
        let native = CKernelBridge.applies(S.self, cKernels)
        let n = bytes.count
        let chunks = max(1, min(ParallelFor.defaultWorkers, n / Self.chunk))
        return [S](unsafeUninitializedCapacity: n) { out, count in
            bytes.withUnsafeBufferPointer { pb in
                let (source, target) = (SendableConstPointer(base: pb.baseAddress!), SendablePointer(base: out.baseAddress!))
                ParallelFor.run(count: chunks) { range in
                    for index in range {
                        let (lo, hi) = (index * n / chunks, (index + 1) * n / chunks)
                        if native {
                            ck_unpack_bytes_f32(source.base + lo, CKernelBridge.float(target.base + lo), hi - lo)
                        } else {
                            for i in lo..<hi { (target.base + i).initialize(to: S(source.base[i])) }
                        }
                    }
                }
            }
            count = n
        }
    }
}
