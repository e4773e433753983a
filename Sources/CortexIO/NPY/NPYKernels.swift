/// The hot loops of `.npy` reading, on raw memory: byte swapping, boolean normalisation, dtype
/// conversion to `Float`/`Double`, and Fortran-to-C reordering.
///
/// They work on raw buffers with concrete element types chosen by a `switch` over the dtype, so
/// each loop is compiled for its types (no generic dispatch per element) and the optimiser can
/// vectorise it. `NPYKernelTests` compares each against a naive per-element reference.
enum NPYKernels {
    /// Reverses the bytes of every `itemSize`-byte element in place (big ↔ little endian).
    /// One-byte elements are left alone.
    static func swapBytes(_ bytes: UnsafeMutableRawBufferPointer, itemSize: Int) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count / itemSize
        switch itemSize {
        case 2: swapLoop(base, count, UInt16.self)
        case 4: swapLoop(base, count, UInt32.self)
        case 8: swapLoop(base, count, UInt64.self)
        default: precondition(itemSize == 1, "NPYKernels: no byte swap for \(itemSize)-byte elements")
        }
    }

    private static func swapLoop<W: FixedWidthInteger>(_ base: UnsafeMutableRawPointer, _ count: Int, _: W.Type) {
        let stride = MemoryLayout<W>.size
        for i in 0..<count {
            let word = base.loadUnaligned(fromByteOffset: i * stride, as: W.self)
            base.storeBytes(of: word.byteSwapped, toByteOffset: i * stride, as: W.self)
        }
    }

    /// Maps every byte to 0 or 1 (nonzero → 1), so the bytes are valid Swift `Bool`s. NumPy only
    /// writes 0 and 1, but a damaged file must not produce an invalid `Bool`.
    static func normalizeBooleans(_ bytes: UnsafeMutableRawBufferPointer) {
        for i in bytes.indices where bytes[i] > 1 { bytes[i] = 1 }
    }

    /// Converts native-endian elements of `dtype` to `target` (`.float32` or `.float64`).
    ///
    /// - Parameters:
    ///   - source: `count × dtype.itemSize` bytes in native byte order (any alignment).
    ///   - destination: memory bound to `Float` (target `.float32`) or `Double` (`.float64`)
    ///     with room for `source.count / dtype.itemSize` elements.
    /// - Complexity: O(n), one pass.
    static func convert(_ source: UnsafeRawBufferPointer, from dtype: NPYDType,
                        into destination: UnsafeMutableRawPointer, as target: NPYDType) {
        switch target {
        case .float32: convert(source, from: dtype, into: destination.assumingMemoryBound(to: Float.self))
        case .float64: convert(source, from: dtype, into: destination.assumingMemoryBound(to: Double.self))
        default: preconditionFailure("NPYKernels: conversion target must be float32 or float64, not \(target)")
        }
    }

    private static func convert<D: BinaryFloatingPoint>(_ source: UnsafeRawBufferPointer, from dtype: NPYDType,
                                                        into out: UnsafeMutablePointer<D>) {
        guard let src = source.baseAddress else { return }
        let n = source.count / dtype.itemSize
        switch dtype {
        case .bool: for i in 0..<n { out[i] = src.load(fromByteOffset: i, as: UInt8.self) != 0 ? 1 : 0 }
        case .int8: integerLoop(src, n, Int8.self, out)
        case .int16: integerLoop(src, n, Int16.self, out)
        case .int32: integerLoop(src, n, Int32.self, out)
        case .int64: integerLoop(src, n, Int64.self, out)
        case .uint8: integerLoop(src, n, UInt8.self, out)
        case .uint16: integerLoop(src, n, UInt16.self, out)
        case .uint32: integerLoop(src, n, UInt32.self, out)
        case .uint64: integerLoop(src, n, UInt64.self, out)
        case .float32: floatLoop(src, n, Float.self, out)
        case .float64: floatLoop(src, n, Double.self, out)
        }
    }

    private static func integerLoop<S: BinaryInteger & FixedWidthInteger, D: BinaryFloatingPoint>(
        _ src: UnsafeRawPointer, _ n: Int, _: S.Type, _ out: UnsafeMutablePointer<D>
    ) {
        for i in 0..<n { out[i] = D(src.loadUnaligned(fromByteOffset: i * MemoryLayout<S>.size, as: S.self)) }
    }

    private static func floatLoop<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ src: UnsafeRawPointer, _ n: Int, _: S.Type, _ out: UnsafeMutablePointer<D>
    ) {
        for i in 0..<n { out[i] = D(src.loadUnaligned(fromByteOffset: i * MemoryLayout<S>.size, as: S.self)) }
    }

    /// Reorders a Fortran-order (column-major) array into C (row-major) order.
    ///
    /// Element `(i₀, …, iₙ₋₁)` of an array of `shape` sits at `Σ iₖ·sₖ` in Fortran order with
    /// `s₀ = 1, sₖ = sₖ₋₁·shape[k−1]`; the loop walks the output in C order, stepping the
    /// source by the last axis's Fortran stride in the inner loop.
    /// - Complexity: O(n) with a strided gather.
    static func fortranToC<T>(_ source: UnsafeBufferPointer<T>, shape: [Int], into out: UnsafeMutablePointer<T>) {
        let total = shape.reduce(1, *)
        precondition(source.count == total, "NPYKernels: \(source.count) elements for shape \(shape)")
        guard total > 0, let src = source.baseAddress else { return }
        guard shape.count > 1 else {
            out.initialize(from: src, count: total)
            return
        }
        let rank = shape.count
        var fortranStrides = [Int](repeating: 1, count: rank)
        for k in 1..<rank { fortranStrides[k] = fortranStrides[k - 1] * shape[k - 1] }
        let inner = shape[rank - 1], innerStride = fortranStrides[rank - 1]
        var index = [Int](repeating: 0, count: rank - 1)
        var base = 0
        var written = 0
        while written < total {
            var s = base
            for _ in 0..<inner {
                (out + written).initialize(to: src[s])
                written += 1
                s += innerStride
            }
            // Advance the odometer over axes rank-2 … 0.
            var k = rank - 2
            while k >= 0 {
                index[k] += 1
                base += fortranStrides[k]
                if index[k] < shape[k] { break }
                base -= fortranStrides[k] * shape[k]
                index[k] = 0
                k -= 1
            }
        }
    }
}
