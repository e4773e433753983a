import CortexNumerics

/// A problem with the *data* given to a similarity computation (wrong shapes, non-finite entries,
/// degenerate inputs, unreadable files). Programmer errors such as a negative chunk width trap.
///
/// Every case names the operand and the position involved, so `description` is one line a user
/// can act on; where an option of the library would avoid the error, ``hint`` names it.
public enum SimilarityError: Error, Sendable, Equatable {
    /// An input has no rows or no columns.
    case emptyInput(operand: SimilarityOperand, shape: [Int])
    /// An input is not a matrix (rank 2).
    case notAMatrix(operand: SimilarityOperand, shape: [Int])
    /// The two inputs have different numbers of rows (frames or conditions).
    case rowCountMismatch(first: Int, second: Int)
    /// Fewer rows than the computation needs (after dropping frames, when it applies).
    case tooFewRows(found: Int, minimum: Int)
    /// Fewer columns (units) than the computation needs, e.g. a split-half ceiling of one unit.
    case tooFewColumns(found: Int, minimum: Int)
    /// Fewer repeats (trials) than the computation needs.
    case tooFewRepeats(found: Int, minimum: Int)
    /// A resampling or permutation scheme that does not fit the data (names why).
    case invalidResampling(String)
    /// A NaN or infinite entry at (row, column) of an input.
    case nonFiniteEntry(operand: SimilarityOperand, row: Int, column: Int)
    /// A row with zero variance (e.g. a silent frame), on which correlation is undefined.
    /// `row` is in the caller's numbering (before any frame was dropped). Its ``hint`` names
    /// ``ZeroVariancePolicy``'s other choices.
    case zeroVarianceRow(operand: SimilarityOperand, row: Int)
    /// A row of zero length, on which cosine distance is undefined.
    case zeroNormRow(operand: SimilarityOperand, row: Int)
    /// Two dissimilarity vectors (or RDMs) of different lengths.
    case lengthMismatch(first: Int, second: Int)
    /// A vector to correlate is constant (or all its pairs are tied), so the coefficient is 0/0.
    case constantInput(operand: SimilarityOperand)
    /// A non-finite value in a vector to compare (e.g. an RDM built from NaN data).
    case nonFiniteValue(operand: SimilarityOperand, index: Int)
    /// A representation whose self-similarity (HSIC(K, K) or its unbiased estimate) is not
    /// positive, so the normalised score would be NaN or complex.
    case degenerateRepresentation(operand: SimilarityOperand, selfSimilarity: Double)
    /// A lag leaves fewer than `minimum` frame pairs.
    case lagTooLarge(lag: Int, frames: Int, minimum: Int)
    /// Partition `index` of a cross-validated RDM has a different shape from partition 0.
    case partitionShapeMismatch(index: Int, expected: [Int], found: [Int])
    /// A linear-algebra routine failed.
    case linearAlgebra(LinearAlgebraError)
    /// A streamed column source (a `.npy` file, an HDF5 dataset, a user's source) could not deliver
    /// its columns.
    case source(ColumnSourceError)
}

extension SimilarityError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .emptyInput(operand, shape): return "\(operand) input is empty (shape \(shape))"
        case let .notAMatrix(operand, shape): return "\(operand) input is not a matrix (shape \(shape))"
        case let .rowCountMismatch(first, second):
            return "inputs have different row (frame) counts: \(first) vs \(second)"
        case let .tooFewRows(found, minimum): return "\(found) rows (frames) remain, at least \(minimum) needed"
        case let .tooFewColumns(found, minimum): return "\(found) columns (units), at least \(minimum) needed"
        case let .tooFewRepeats(found, minimum): return "\(found) repeats (trials), at least \(minimum) needed"
        case let .invalidResampling(reason): return reason
        case let .nonFiniteEntry(operand, row, column):
            return "\(operand) input has a non-finite entry at row \(row), column \(column)"
        case let .zeroVarianceRow(operand, row):
            return "\(operand) input: row (frame) \(row) has zero variance"
        case let .zeroNormRow(operand, row): return "\(operand) input: row \(row) is all zeros (cosine distance undefined)"
        case let .lengthMismatch(first, second): return "vectors to compare have different lengths: \(first) vs \(second)"
        case let .constantInput(operand): return "\(operand) vector is constant: correlation undefined"
        case let .nonFiniteValue(operand, index): return "\(operand) vector has a non-finite value at index \(index)"
        case let .degenerateRepresentation(operand, value):
            return "\(operand) representation has non-positive self-similarity \(value): score undefined"
        case let .lagTooLarge(lag, frames, minimum):
            return "lag \(lag) leaves fewer than \(minimum) of \(frames) frames"
        case let .partitionShapeMismatch(index, expected, found):
            return "partition \(index) has shape \(found), expected \(expected) like partition 0"
        case let .linearAlgebra(error): return error.description
        case let .source(error): return error.description
        }
    }
}

extension SimilarityError: HintedError {
    /// The library option that avoids the error, where there is one (a zero-variance row:
    /// ``ZeroVariancePolicy/dropFrame`` or ``ZeroVariancePolicy/propagate``).
    public var hint: ErrorHint? {
        switch self {
        case .zeroVarianceRow:
            return .option(name: String(describing: ZeroVariancePolicy.self),
                           values: ZeroVariancePolicy.allCases.filter { $0 != .error }.map { "\($0)" })
        default: return nil
        }
    }
}

extension SimilarityError: ColumnSourceFailure {}
