import CortexHDF5
import CortexIO
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

/// A dataset inside one of CortexKit's own HDF5 files, recognised from the file's root `format`
/// attribute and the dataset's path — the one place that knows how CortexKit lays out its
/// matrices, so readers orient them without being told.
///
/// | file (`format`)                     | dataset            | stored as                | read as            |
/// |-------------------------------------|--------------------|--------------------------|--------------------|
/// | response file `cortexkit-responses/1` | `/<AREA>/counts` | units × bins             | transposed: bins × units |
/// | response file                       | `/<AREA>/trials`   | repeats × units × bins   | not a matrix       |
/// | feature file `cortexkit-features/1` | `/<layer>/features`| frames × units           | as stored          |
///
/// (Bins are frames when a response file has one bin per frame.) Other datasets of these files,
/// and every dataset of other files, are not CortexKit matrices: `recognise` returns nil.
///
/// ```swift
/// let file = try HDF5File.open(URL(fileURLWithPath: "responses.h5"))
/// try CortexDataset.recognise("/VISp/counts", in: file)   // .responseCounts(area: "VISp")
/// ```
public enum CortexDataset: Sendable, Hashable, CustomStringConvertible {
    /// Trial-averaged spike counts of a response file (``ResponseFile``), stored units × bins.
    case responseCounts(area: String)
    /// Per-repeat spike counts of a response file, stored repeats × units × bins.
    case responseTrials(area: String)
    /// A layer's outputs in a feature file (``FeatureFile``), stored frames × units.
    case features(layer: String)

    /// How a dataset's stored axes relate to the frames × units matrices metrics take.
    public enum Layout: Sendable, Hashable {
        /// Rows are frames: read as stored.
        case framesByUnits
        /// Rows are units: transpose to frames × units.
        case unitsByFrames
        /// No single frames × units matrix (names what the dataset holds instead).
        case notAMatrix(String)
    }

    /// The dataset at `datasetPath` in `file` if it is one of CortexKit's matrices, else nil.
    /// Reads only the root `format` attribute (no data).
    public static func recognise(_ datasetPath: String, in file: HDF5File) throws(HDF5Error) -> CortexDataset? {
        let attributes = file.attributes
        guard attributes.contains("format") else { return nil }
        let format = try attributes.string("format")
        let parts = datasetPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 2 else { return nil }
        let owner = parts.dropLast().joined(separator: "/")
        switch (format, parts[parts.count - 1]) {
        case (ResponseFile.format, "counts"): return .responseCounts(area: owner)
        case (ResponseFile.format, "trials"): return .responseTrials(area: owner)
        case (FeatureFile.format, "features"): return .features(layer: owner)
        default: return nil
        }
    }

    /// How this dataset is stored relative to frames × units.
    public var layout: Layout {
        switch self {
        case .responseCounts: return .unitsByFrames
        case .features: return .framesByUnits
        case .responseTrials(let area):
            return .notAMatrix("per-repeat spike counts (repeats × units × bins); "
                               + "the trial-averaged frames × units matrix is /\(area)/counts")
        }
    }

    /// What kind of dataset this is, for messages: "CortexKit response dataset".
    public var description: String {
        switch self {
        case .responseCounts: return "CortexKit response dataset"
        case .responseTrials: return "CortexKit response trials dataset"
        case .features: return "CortexKit feature dataset"
        }
    }
}
