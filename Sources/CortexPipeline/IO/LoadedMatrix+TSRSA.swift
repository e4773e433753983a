import CortexHDF5
import CortexIO
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation
extension LoadedMatrix {
    /// TSRSA's prepared form of this matrix at the precision it is stored in: Float32 data
    /// (``float32``) accumulates its frame Gram in Float32 column blocks, exactly as `cortex
    /// compare` streams a feature file's layers (``Comparison``), so both commands give the same
    /// score for the same layer and area; anything else is prepared in Double.
    ///
    /// - Parameters:
    ///   - options: the TSRSA options (first frame, comparison, column block width).
    ///   - operand: which side the matrix is, for error messages (model first, brain second).
    /// - Complexity: frames² × units flops, O(frames²) memory beyond the matrix.
    public func frameCorrelations(_ options: TSRSAOptions, operand: SimilarityOperand) throws(SimilarityError) -> FrameCorrelations {
        let correlations = if let float32 {
            try FrameCorrelations(source: float32, dropsFirstFrame: options.dropsFirstFrame, operand: operand,
                                  blockColumns: options.blockColumns, distance: options.distance)
        } else {
            try FrameCorrelations(source: matrix, dropsFirstFrame: options.dropsFirstFrame, operand: operand,
                                  blockColumns: options.blockColumns, distance: options.distance)
        }
        return correlations.ranked(for: options.comparison)
    }
}
