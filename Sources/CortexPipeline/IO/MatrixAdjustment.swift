import CortexHDF5
import CortexIO
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation
/// One change ``MatrixReference/load(_:)`` made to a stored array to make it frames × units,
/// reported so callers can tell their users.
public enum MatrixAdjustment: Sendable, Hashable, CustomStringConvertible {
    /// A 1-D array of `length` values read as one column (frames × 1).
    case column(length: Int)
    /// An array of rank > 2 flattened after its first axis: `from` (e.g. frames × C × H × W)
    /// became `to` (frames × C·H·W), as layer outputs per frame are compared.
    case flattened(from: [Int], to: [Int])
    /// Transposed because the caller said the rows are units (``MatrixOrientation/unitsByFrames``).
    case transposed(from: [Int])
    /// Transposed because CortexKit stores this dataset units × frames.
    case oriented(dataset: CortexDataset, from: [Int])

    public var description: String {
        switch self {
        case .column(let length):
            return "1-D array of \(length) values read as one column (\(length) frames × 1)"
        case let .flattened(from, to):
            let shape = from.map(String.init).joined(separator: " × ")
            return "\(from.count)-D array \(shape) flattened after the first axis to \(to[0]) frames × \(to[1]) features"
        case .transposed(let from):
            return "transposed \(from[0]) units × \(from[1]) frames to frames × units"
        case let .oriented(dataset, from):
            return "\(dataset) stored \(from[0]) units × \(from[1]) frames, read as frames × units"
        }
    }
}
