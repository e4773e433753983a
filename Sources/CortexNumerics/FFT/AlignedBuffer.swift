/// Uniquely owned, zero-initialised scratch memory aligned for FFTW's SIMD code.
///
/// FFTW's new-array execute functions require arrays with the same alignment as the arrays the
/// plan was made with. Every FFT buffer in this module — the planner's scratch arrays and the
/// arrays handed to `fftw_execute_dft_*` — comes from this type, aligned to
/// ``AlignedBuffer/alignment`` (64 bytes: at least FFTW's SIMD alignment for SSE2/AVX/AVX-512 and
/// what `fftw_malloc` returns), so plans are made *with* SIMD and stay valid for every buffer.
/// Swift's allocator is used instead of `fftw_malloc` because FFTW documents only its execute
/// functions as thread-safe.
struct AlignedBuffer<Element: BitwiseCopyable>: ~Copyable {
    /// Byte alignment of every buffer.
    static var alignment: Int { 64 }

    /// Start of the `count` elements.
    let pointer: UnsafeMutablePointer<Element>
    /// Number of elements.
    let count: Int

    /// `count` zeroed elements (a zero bit pattern is `0.0` for `Double`/`Float`).
    init(zeroedCount count: Int) {
        precondition(count >= 0, "AlignedBuffer: negative count \(count)")
        let bytes = max(count, 1) * MemoryLayout<Element>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        self.pointer = raw.bindMemory(to: Element.self, capacity: max(count, 1))
        self.count = count
    }

    /// The elements as a mutable buffer.
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Sets elements `range` to zero.
    func zero(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        UnsafeMutableRawPointer(pointer + range.lowerBound)
            .initializeMemory(as: UInt8.self, repeating: 0, count: range.count * MemoryLayout<Element>.stride)
    }

    deinit { pointer.deallocate() }
}
