import CortexHDF5
import CortexIO
import CortexNumerics
import Foundation

/// The frames of a movie stimulus as a frames × height × width `UInt8` stack.
///
/// Two sources: AllenSDK's downloaded template `.npy` (natural_movie_one: 900 × 304 × 608 uint8) and a
/// stack stored in the NWB file, `/stimulus/templates/<name>/data` (NWB 2.x `ImageSeries`) or
/// `/stimulus/templates/<name>_image_stack/data` (Allen NWB 1.x).
///
/// ```swift
/// let frames = try MovieFrames.npy(URL(fileURLWithPath: "natural_movie_one.npy"))
/// let same = try MovieFrames.template(in: file, stimulus: "natural_movie_one")
/// ```
public enum MovieFrames {
    /// Reads a template `.npy` of dtype uint8 and rank 3.
    /// - Throws: `.npy` for unreadable files; `.invalidData` for another dtype or rank.
    public static func npy(_ url: URL) throws(NWBError) -> NDArray<UInt8> {
        let any: AnyNDArray
        do { any = try NPYFile.read(from: url) } catch { throw .npy(error) }
        guard let frames = any.array(of: UInt8.self), frames.rank == 3 else {
            throw .invalidData(file: url.path, path: "", reason: "expected frames × height × width uint8, found "
                               + "\(any.dtype) of shape \(any.shape)")
        }
        return frames
    }

    /// Reads the movie stack of `stimulus` stored in the file.
    /// - Throws: `.hdf5(.objectMissing)` naming the first path tried when neither exists; `.invalidData`
    ///   for a stack that is not rank 3 or not 8-bit unsigned.
    public static func template(in file: HDF5File, stimulus: String = "natural_movie_one") throws(NWBError)
        -> NDArray<UInt8> {
        let candidates = ["/stimulus/templates/\(stimulus)/data", "/stimulus/templates/\(stimulus)_image_stack/data"]
        guard let path = candidates.first(where: { file.exists($0) }) else {
            throw .hdf5(.objectMissing(file: file.path, path: candidates[0]))
        }
        let data = try nwbHDF5 { () throws(HDF5Error) in try file.dataset(path) }
        guard data.rank == 3, data.dataType == .integer(bytes: 1, signed: false) else {
            throw .invalidData(file: file.path, path: path,
                               reason: "expected frames × height × width uint8, found \(data.dataType) of shape \(data.shape)")
        }
        return try nwbHDF5 { () throws(HDF5Error) in try data.read(as: UInt8.self) }
    }
}
