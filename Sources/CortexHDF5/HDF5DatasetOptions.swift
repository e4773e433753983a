/// Storage options for writing a dataset: layout, compression and what to do if it exists.
///
/// ```swift
/// try group.writeDataset("spikes", spikes, options: .gzip)                       // automatic chunks
/// try group.writeDataset("rates", rates,
///                        options: HDF5DatasetOptions(layout: .chunked([1024, 8]),
///                                                    compression: .gzip(level: 6), ifExists: .replace))
/// ```
///
/// Compression needs chunked storage: compression with `.contiguous` layout uses automatic chunks.
/// Scalar and empty (zero-extent) datasets are always stored contiguously, without compression.
public struct HDF5DatasetOptions: Sendable, Equatable {
    /// How the elements are laid out in the file.
    public enum Layout: Sendable, Equatable {
        /// One contiguous block (the default; fastest for whole reads, cannot be compressed).
        case contiguous
        /// Chunks of the given extent (one per dimension; clamped to the dataset's extent).
        case chunked([Int])
        /// Chunks of whole trailing dimensions and as many rows as fit about 256 KiB.
        case automaticChunks
    }

    /// The filter applied to each chunk.
    public enum Compression: Sendable, Equatable {
        /// No filter.
        case none
        /// Deflate (gzip), level 0 (store) … 9 (smallest); h5py's default is 4.
        case gzip(level: Int)
    }

    /// Storage layout.
    public var layout: Layout
    /// Compression filter.
    public var compression: Compression
    /// Behaviour when the dataset exists.
    public var ifExists: HDF5OverwritePolicy

    /// Options; the defaults are contiguous, uncompressed, failing if the dataset exists.
    public init(layout: Layout = .contiguous, compression: Compression = .none,
                ifExists: HDF5OverwritePolicy = .fail) {
        self.layout = layout
        self.compression = compression
        self.ifExists = ifExists
    }

    /// Automatic chunks with gzip level 4, failing if the dataset exists.
    public static var gzip: HDF5DatasetOptions { HDF5DatasetOptions(layout: .automaticChunks, compression: .gzip(level: 4)) }

    /// Target bytes per automatic chunk.
    static let automaticChunkBytes = 256 * 1024

    /// The chunk extent to use for a dataset of `shape`, or `nil` for contiguous storage.
    /// - Throws: `.shapeMismatch` when an explicit chunk shape has the wrong rank or a non-positive extent.
    func chunkShape(for shape: [Int], elementBytes: Int, file: String, path: String) throws(HDF5Error) -> [Int]? {
        guard !shape.isEmpty, !shape.contains(0) else { return nil }
        switch layout {
        case .contiguous:
            return compression == .none ? nil : Self.automaticChunks(for: shape, elementBytes: elementBytes)
        case .automaticChunks:
            return Self.automaticChunks(for: shape, elementBytes: elementBytes)
        case .chunked(let chunk):
            guard chunk.count == shape.count, chunk.allSatisfy({ $0 > 0 }) else {
                throw .shapeMismatch(file: file, path: path,
                                     expected: "a chunk shape of rank \(shape.count) with positive extents, got \(chunk)",
                                     found: shape)
            }
            return zip(chunk, shape).map { Swift.min($0, $1) }
        }
    }

    /// Whole trailing dimensions and as many rows as fit `automaticChunkBytes`; when one row alone is
    /// larger than that, the largest dimension is halved until the chunk fits.
    static func automaticChunks(for shape: [Int], elementBytes: Int) -> [Int] {
        let rowBytes = shape.dropFirst().reduce(elementBytes, *)
        var chunk = shape
        chunk[0] = Swift.max(1, Swift.min(shape[0], automaticChunkBytes / Swift.max(rowBytes, 1)))
        while chunk.reduce(elementBytes, *) > automaticChunkBytes,
              let largest = chunk.indices.max(by: { chunk[$0] < chunk[$1] }), chunk[largest] > 1 {
            chunk[largest] = (chunk[largest] + 1) / 2
        }
        return chunk
    }
}
