import CortexHDF5
import Foundation
import Testing

/// Bad files and bad requests throw the right `HDF5Error`, naming the file — never trap, never print.
@Suite final class BadInputTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test func missingFile() throws {
        let url = directory.appendingPathComponent("absent.h5")
        let error = capturedError { try HDF5File.open(url) }
        guard case .fileNotFound(url.path) = error else {
            Issue.record("expected fileNotFound, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(url.path) == true)
    }

    @Test func textFileNamedH5IsNotHDF5() throws {
        let url = directory.appendingPathComponent("notes.h5")
        try Data("spike_times,unit\n0.1,3\n".utf8).write(to: url)
        let error = capturedError { try HDF5File.open(url) }
        guard case .notHDF5(url.path) = error else {
            Issue.record("expected notHDF5, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(url.path) == true)
    }

    @Test func emptyFileIsNotHDF5() throws {
        let url = directory.appendingPathComponent("empty.h5")
        try Data().write(to: url)
        let error = capturedError { try HDF5File.open(url) }
        guard case .notHDF5(url.path) = error else {
            Issue.record("expected notHDF5, got \(String(describing: error))")
            return
        }
    }

    @Test func directoryCannotBeOpened() throws {
        let error = capturedError { try HDF5File.open(directory) }
        guard case .cannotOpenFile(directory.path, _) = error else {
            Issue.record("expected cannotOpenFile, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: [0.5, 0.1])
    func truncatedCopyCannotBeOpened(fraction: Double) throws {
        let original = try Data(contentsOf: Fixtures.url("structure.h5"))
        let url = directory.appendingPathComponent("truncated-\(fraction).h5")
        try original.prefix(Int(Double(original.count) * fraction)).write(to: url)
        let error = capturedError { try HDF5File.open(url) }
        guard case .cannotOpenFile(url.path, let reason) = error else {
            Issue.record("expected cannotOpenFile, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("truncated"), "reason: \(reason)")
        #expect(error?.description.contains(url.path) == true)
    }

    @Test func missingPathInsideAFile() throws {
        let url = Fixtures.url("numeric.h5")
        let file = try HDF5File.open(url)
        let error = capturedError { try file.dataset("/units/spike_times") }
        guard case .objectMissing(url.path, "/units/spike_times") = error else {
            Issue.record("expected objectMissing, got \(String(describing: error))")
            return
        }
        #expect(error?.description == "HDF5: \(url.path): /units/spike_times: no such object")
    }

    @Test(arguments: [-1..<3, 45..<51, 50..<51, 0..<51])
    func rowRangesOutOfBoundsAreAShapeMismatch(rows: Range<Int>) throws {
        let url = Fixtures.url("numeric.h5")
        let dataset = try HDF5File.open(url).dataset("chunked_gzip")
        let error = capturedError { try dataset.readRows(rows, as: Float.self) }
        guard case .shapeMismatch(url.path, "/chunked_gzip", _, let found) = error, found == [50, 6] else {
            Issue.record("expected shapeMismatch, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(url.path) == true)
        #expect(error?.description.contains("0..<50") == true)
    }

    @Test func rowReadsOfAScalarAreAShapeMismatch() throws {
        let dataset = try HDF5File.open(Fixtures.url("numeric.h5")).dataset("scalar_float")
        let error = capturedError { try dataset.readRows(0..<1, as: Double.self) }
        guard case .shapeMismatch(_, "/scalar_float", _, let found) = error, found.isEmpty else {
            Issue.record("expected shapeMismatch, got \(String(describing: error))")
            return
        }
        let strings = capturedError { try dataset.readStringRows(0..<1) }
        guard case .shapeMismatch = strings else {
            Issue.record("expected shapeMismatch, got \(String(describing: strings))")
            return
        }
    }

    /// `latest.h5` was written by h5py (HDF5 2.0) with `libver='latest'` and a chunked+gzip dataset.
    /// HDF5 1.10 opens the file (superblock 3 is a 1.10 format) but cannot decode the dataset's
    /// layout message: the error must say so clearly. A newer libhdf5 must read it exactly.
    @Test func latestFormatFileNeedsANewerLibraryOrReadsCorrectly() throws {
        let url = Fixtures.url("latest.h5")
        let expected = Fixtures.expected.latest
        let file: HDF5File
        do {
            file = try HDF5File.open(url)
        } catch {
            guard case .needsNewerLibrary(url.path, "/", _, HDF5Library.version, _) = error else {
                Issue.record("expected needsNewerLibrary, got \(error)")
                return
            }
            return
        }
        #expect(file.superblockVersion == 3)
        if HDF5Library.version.hasPrefix("1.10.") {
            let error = capturedError { try file.dataset("data") }
            guard case .needsNewerLibrary(url.path, "/data", 3, HDF5Library.version, let reason) = error else {
                Issue.record("expected needsNewerLibrary, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("version"), "reason: \(reason)")
            let line = error?.description ?? ""
            #expect(line.contains(url.path) && line.contains("/data"))
            #expect(line.contains("newer HDF5") && line.contains("libver='latest'"))
        } else {
            let data = try file.dataset("data").read(as: Double.self)
            #expect(data.shape == expected.shape)
            #expect(data.scalars == expected.data)
        }
    }

    @Test func defaultFormatFixturesUseTheOldestSuperblock() throws {
        #expect(try HDF5File.open(Fixtures.url("numeric.h5")).superblockVersion == 0)
        #expect(Fixtures.expected.versions.h5py == "3.16.0")
    }
}
