import CortexHDF5
import CortexIO
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation
/// How a caller says a matrix file is stored, when CortexKit cannot know it.
///
/// CortexKit's own datasets (``CortexDataset``) are oriented from their layout; for them the
/// default is the only valid choice, and ``unitsByFrames`` is an error rather than a second
/// transpose.
public enum MatrixOrientation: Sendable, Hashable, CaseIterable {
    /// Rows are frames (or conditions), columns units; CortexKit datasets are oriented for you.
    case framesByUnits
    /// Rows are units: transpose what is stored (not allowed for CortexKit datasets).
    case unitsByFrames
}
