import CHDF5
import CortexHDF5
import CortexNumerics
import Foundation
import Testing

/// A dataspace larger than the stored data (a legal never-written dataset, or a corrupt extent) is a
/// typed error before anything is allocated — never an attempt to allocate terabytes.
@Suite final class ExtentGuardTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Creates `/data`, float64 of `shape`, with the C API and writes nothing (fill values only).
    private func unwrittenDataset(_ name: String, shape: [UInt64], chunk: [UInt64]?, fill: Double? = nil) throws -> URL {
        let url = directory.appendingPathComponent(name)
        let file = H5Fcreate(url.path, ck_h5f_acc_trunc(), ck_h5p_default(), ck_h5p_default())
        try #require(file >= 0)
        defer { H5Fclose(file) }
        let space = H5Screate_simple(Int32(shape.count), shape, nil)
        defer { H5Sclose(space) }
        let plist = H5Pcreate(ck_h5p_dataset_create())
        defer { H5Pclose(plist) }
        if let chunk { #expect(H5Pset_chunk(plist, Int32(chunk.count), chunk) >= 0) }
        if var fill { #expect(H5Pset_fill_value(plist, ck_h5t_native_double(), &fill) >= 0) }
        let dataset = H5Dcreate2(file, "/data", ck_h5t_native_double(), space, ck_h5p_default(), plist,
                                 ck_h5p_default())
        try #require(dataset >= 0)
        H5Dclose(dataset)
        return url
    }

    @Test func unwrittenChunkedDatasetOfTerabytesIsATypedError() throws {
        let url = try unwrittenDataset("sparse-chunked.h5", shape: [1 << 40], chunk: [1024])
        let dataset = try HDF5File.open(url).dataset("/data")
        #expect(dataset.shape == [1 << 40])  // opening and inspecting still work
        let error = capturedError { try dataset.read(as: Double.self) }
        guard case .extentNotStored(url.path, "/data", [1 << 40], let declared, 0, let detail) = error else {
            Issue.record("expected extentNotStored, got \(String(describing: error))")
            return
        }
        #expect(declared == 8 << 40)
        #expect(detail.contains("0 of 1073741824 chunks"))
        #expect(error?.description.contains("sparse") == true)
        let rows = capturedError { try dataset.readRows(0..<10, as: Double.self) }
        guard case .extentNotStored = rows else { Issue.record("rows: got \(String(describing: rows))"); return }
    }

    @Test func unwrittenContiguousDatasetIsATypedError() throws {
        let url = try unwrittenDataset("sparse-contiguous.h5", shape: [1 << 20, 1 << 17], chunk: nil)
        let dataset = try HDF5File.open(url).dataset("/data")
        let error = capturedError { try dataset.readColumns(0..<1, as: Float.self) }
        guard case .extentNotStored(_, "/data", [1 << 20, 1 << 17], _, 0, _) = error else {
            Issue.record("expected extentNotStored, got \(String(describing: error))")
            return
        }
    }

    @Test func partlyWrittenChunkedDatasetIsATypedError() throws {
        let url = try unwrittenDataset("partial.h5", shape: [64], chunk: [16])
        let file = H5Fopen(url.path, ck_h5f_acc_rdwr(), ck_h5p_default())
        let id = H5Dopen2(file, "/data", ck_h5p_default())
        let memory = H5Screate_simple(1, [16], nil)
        let selection = H5Dget_space(id)
        H5Sselect_hyperslab(selection, H5S_SELECT_SET, [0], nil, [16], nil)
        let values = [Double](repeating: 1, count: 16)
        #expect(H5Dwrite(id, ck_h5t_native_double(), memory, selection, ck_h5p_default(), values) >= 0)
        H5Sclose(selection); H5Sclose(memory); H5Dclose(id); H5Fclose(file)
        let error = capturedError { try HDF5File.open(url).dataset("/data").read(as: Double.self) }
        guard case .extentNotStored(_, "/data", [64], 512, _, let detail) = error else {
            Issue.record("expected extentNotStored, got \(String(describing: error))")
            return
        }
        #expect(detail == "1 of 4 chunks stored")
    }

    @Test func aUserDefinedFillIsReadWithinTheMemoryLimit() throws {
        let small = try unwrittenDataset("filled.h5", shape: [64], chunk: [16], fill: 2.5)
        #expect(try HDF5File.open(small).dataset("/data").read(as: Double.self).scalars == Array(repeating: 2.5, count: 64))
        let huge = try unwrittenDataset("filled-huge.h5", shape: [1 << 40], chunk: [1024], fill: 2.5)
        let error = capturedError { try HDF5File.open(huge).dataset("/data").read(as: Double.self) }
        guard case .readTooLarge(_, "/data", [1 << 40], 8 << 40, _) = error else {
            Issue.record("expected readTooLarge, got \(String(describing: error))")
            return
        }
    }

    /// One flipped bit in the stored extent of a gzip-chunked dataset (12345 → 12345 + 2^32).
    @Test func corruptExtentIsATypedError() throws {
        let url = directory.appendingPathComponent("flipped.h5")
        try HDF5File.writeAtomically(to: url) { file in
            try file.root.writeDataset("values", NDArray(shape: [12345], scalars: (0..<12345).map(Double.init)),
                                       options: .gzip)
        }
        var bytes = try Data(contentsOf: url)
        let pattern = withUnsafeBytes(of: UInt64(12345).littleEndian) { Data($0) }
        let offset = try #require(bytes.range(of: pattern)).lowerBound
        bytes[offset + 4] ^= 0x01
        try bytes.write(to: url)
        // libhdf5 may refuse the extent when opening (a typed error: open throws only HDF5Error).
        guard let dataset = try? HDF5File.open(url).dataset("/values") else { return }
        #expect(dataset.shape == [12345 + (1 << 32)])
        let error = capturedError { try dataset.read(as: Double.self) }
        guard case .extentNotStored(_, "/values", _, _, _, _) = error else {
            Issue.record("expected extentNotStored, got \(String(describing: error))")
            return
        }
    }

    @Test func readBeyondTheMemoryLimitIsATypedError() throws {
        let url = directory.appendingPathComponent("small.h5")
        try HDF5File.writeAtomically(to: url) { file in
            try file.root.writeDataset("values", NDArray(shape: [4, 8], scalars: (0..<32).map(Float.init)))
        }
        let dataset = try HDF5File.open(url).dataset("/values")
        let error = capturedError { try dataset.read(as: Double.self, memoryLimit: 100) }
        guard case .readTooLarge(url.path, "/values", [4, 8], 256, 100) = error else {
            Issue.record("expected readTooLarge, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("needs 256 bytes, more than the limit of 100 bytes") == true)
        #expect(try dataset.read(as: Float.self, memoryLimit: 128).scalars.count == 32)
        #expect(try dataset.readRows(0..<1, as: Double.self, memoryLimit: 64).scalars.count == 8)
    }
}
