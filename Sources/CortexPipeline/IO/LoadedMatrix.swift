import CortexHDF5
import CortexIO
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation
/// A frames × units matrix read by ``MatrixReference/load(_:)``, with what was done to the stored
/// array to get it.
public struct LoadedMatrix: Sendable {
    /// Rows = frames (or conditions), columns = units (or features).
    public var matrix: NDArray<Double>
    /// The stored array's shape.
    public var storedShape: [Int]
    /// The CortexKit dataset it came from, if recognised.
    public var dataset: CortexDataset?
    /// What was done to the stored array, in order (empty when it was read as stored).
    public var adjustments: [MatrixAdjustment]
    /// The same frames × units values in Float32 when the file stores Float32 (a feature file
    /// does), else nil; ``matrix`` is their exact widening. TSRSA is prepared from them
    /// (``frameCorrelations(_:operand:)``), as `cortex compare` streams a feature file's layers.
    public var float32: NDArray<Float>?

    public init(matrix: NDArray<Double>, storedShape: [Int], dataset: CortexDataset?, adjustments: [MatrixAdjustment],
                float32: NDArray<Float>? = nil) {
        self.float32 = float32
        self.matrix = matrix
        self.storedShape = storedShape
        self.dataset = dataset
        self.adjustments = adjustments
    }
}
