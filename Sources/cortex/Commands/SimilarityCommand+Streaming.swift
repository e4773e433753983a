import ArgumentParser
import CortexKit
import Foundation

/// `cortex similarity` without loading the model side: when the metric's preparation is a Gram
/// matrix over frames (TSRSA, RSA, CKA) and A is a float `.npy` file read as stored, A is
/// streamed from its memory map in column blocks (``StreamedMatrix``) — read once, never widened
/// to Double, never held whole — as `cortex compare` streams a feature file. B is streamed the
/// same way when it qualifies, else loaded (brain responses are small).
///
/// Covered here: the score, TSRSA's lags, the CKA shuffled-frames control (from the prepared Gram,
/// ``ShuffledFramesControl/reorderedGram(_:rows:seed:)``), the permutation tests and frame
/// bootstraps of TSRSA, CKA and RSA (A's prepared form — correlations, Gram or RDM — reordered or
/// resampled, ``PreparedStatistics``; for TSRSA as the library always does) and the neuron
/// bootstrap of TSRSA, RSA and CKA (B's units resampled against A's prepared form). Everything
/// else (SVCCA/PWCCA/Procrustes/ridge, transposes, HDF5 or integer inputs) takes the loading
/// path of ``SimilarityCommand/run()``.
extension SimilarityCommand {
    /// One side of the comparison: streamed from its file, or loaded whole.
    enum Side {
        case streamed(StreamedMatrix)
        case loaded(LoadedMatrix)

        var rows: Int {
            switch self {
            case .streamed(let m): return m.rows
            case .loaded(let m): return m.matrix.rows
            }
        }

        var columns: Int {
            switch self {
            case .streamed(let m): return m.columns
            case .loaded(let m): return m.matrix.columns
            }
        }
    }

    /// Whether this invocation can stream A (the metric, the statistics and A's reference allow it).
    func streamsModel() throws -> StreamedMatrix? {
        guard !transposeA, [.tsrsa, .rsa, .ckaLinear, .ckaRBF, .ckaDebiased].contains(metric) else { return nil }
        guard let reference = try? MatrixReference(parsing: a), FileManager.default.fileExists(atPath: reference.url.path)
        else { return nil }
        return try CommandLineFailure.wrapping { try reference.streamed() }
    }

    /// The streamed run: checks both sides as ``load(_:transpose:flag:)`` does, then scores.
    func streamedScore(model: StreamedMatrix) throws -> (SimilarityOutput, String) {
        try Self.check(model, text: a, flag: "--transpose-a")
        let brain: Side
        // The neuron bootstrap resamples B's units: B is loaded for it.
        if !transposeB, bootstrap == 0 || resample == .frames, let reference = try? MatrixReference(parsing: b),
           FileManager.default.fileExists(atPath: reference.url.path),
           let streamed = try CommandLineFailure.wrapping({ try reference.streamed() }) {
            try Self.check(streamed, text: b, flag: "--transpose-b")
            brain = .streamed(streamed)
        } else {
            brain = .loaded(try Self.load(b, transpose: transposeB, flag: "--transpose-b"))
        }
        guard model.rows == brain.rows else {
            throw CommandLineFailure("\(a) has \(model.rows) frames (rows) but \(b) has \(brain.rows); both need the same frames")
        }
        let chosen = options.metric(metric)
        var object = SimilarityOutput(metric: metric.rawValue, name: options.label(metric), frames: model.rows,
                                      unitsA: model.columns, unitsB: brain.columns, score: JSONNumber(.nan))
        var line = "\(metric.rawValue) = "
        var tail = ""   // the control, p-value and interval lines, after the score's
        try CommandLineFailure.wrapping(hintFlags: options.hintFlags(metric)) {
            if metric == .tsrsa {
                let o = options.tsrsaOptions
                let x = try prepared(.streamed(model), text: a) { try $0.frameCorrelations(o, operand: .first) }
                    loaded: { try $0.frameCorrelations(o, operand: .first) }
                let y = try prepared(brain, text: b) { try $0.frameCorrelations(o, operand: .second) }
                    loaded: { try $0.frameCorrelations(o, operand: .second) }
                try tsrsaLines(model: x, brain: y, object: &object, line: &line)
                if permutations > 0 {
                    let test = try PermutationTest.tsrsa(model: x, brain: y, options: o, scheme: permutationScheme(chosen, rows: model.rows),
                                                         permutations: permutations, seed: seed)
                    permutationLines(test, object: &object, line: &tail)
                }
                if bootstrap > 0, resample == .frames {
                    let ci = try PreparedStatistics.tsrsaFrameInterval(model: x, brain: y, options: o, blockLength: blockLength,
                                                                       resamples: bootstrap, level: level, method: ciMethod, seed: seed)
                    bootstrapLines(ci, object: &object, line: &tail)
                } else if bootstrap > 0, case .loaded(let loaded) = brain {
                    let tsrsa = TSRSAMetric(options: o)
                    let ci = try Bootstrap.neuronInterval(preparedA: x, loaded.matrix, resamples: bootstrap, level: level,
                                                          method: ciMethod, seed: seed) { try tsrsa.prepare($0) }
                        score: { try tsrsa.score(prepared: $0, $1) }
                    bootstrapLines(ci, object: &object, line: &tail)
                }
            } else if let streamable = chosen as? any StreamableSimilarityMetric {
                try streamedMetric(streamable, chosen: chosen, model: model, brain: brain, object: &object, line: &line, tail: &tail)
            }
        }
        object.framePolicy = options.choice(metric).framePolicy.rawValue
        line += "  [\(options.label(metric)), \(model.rows) frames, \(model.columns) vs \(brain.columns) units]" + tail
        if permutations > 0 || bootstrap > 0 { object.seed = seed }
        return (object, line)
    }

    /// RSA or CKA (any kernel and estimator) on the streamed sides, with CKA's control.
    private func streamedMetric<M: StreamableSimilarityMetric>(_ m: M, chosen: any SimilarityMetric, model: StreamedMatrix, brain: Side,
                                                                object: inout SimilarityOutput, line: inout String,
                                                                tail: inout String) throws {
        let x = try prepared(.streamed(model), text: a) { try $0.prepare(m) } loaded: { try m.prepare($0.matrix) }
        let y = try prepared(brain, text: b) { try $0.prepare(m) } loaded: { try m.prepare($0.matrix) }
        let score = try m.score(prepared: x, y)
        object.score = JSONNumber(score)
        line += formatScore(score)
        if metric.hasShuffledControl, let gram = x as? NDArray<Double>,
           let reordered = ShuffledFramesControl.reorderedGram(gram, rows: model.rows, seed: seed) as? M.Prepared {
            let control = try m.score(prepared: reordered, y)
            object.control = JSONNumber(control)
            object.controlSeed = seed
            tail += "\ncontrol (A's frames shuffled, seed \(seed)) = \(formatScore(control))"
        }
        // CKA's prepared forms are kernel Grams over the compared frames: reordered or resampled
        // for the permutations and the frame bootstrap.
        let estimator: HSICEstimator = metric == .ckaDebiased ? .unbiased : .biased
        if permutations > 0, let k = x as? NDArray<Double>, let l = y as? NDArray<Double> {
            let test = try PreparedStatistics.ckaPermutationTest(kernelA: k, kernelB: l, estimator: estimator,
                                                                 scheme: permutationScheme(chosen, rows: model.rows),
                                                                 permutations: permutations, seed: seed)
            permutationLines(test, object: &object, line: &tail)
        }
        // RSA's prepared forms are the RDMs over the compared frames: read in reordered or resampled frames.
        let rsa = (m as? FramePolicyMetric<RSAMetric>)?.base ?? (m as? RSAMetric)
        if permutations > 0, let rsa, let k = x as? RDM, let l = y as? RDM {
            let test = try PreparedStatistics.rsaPermutationTest(rdmA: k, rdmB: l, comparison: rsa.comparison,
                                                                 scheme: permutationScheme(chosen, rows: model.rows),
                                                                 permutations: permutations, seed: seed)
            permutationLines(test, object: &object, line: &tail)
        }
        if bootstrap > 0, resample == .frames, let rsa, let k = x as? RDM, let l = y as? RDM {
            let ci = try PreparedStatistics.rsaFrameInterval(rdmA: k, rdmB: l, comparison: rsa.comparison, blockLength: blockLength,
                                                             resamples: bootstrap, level: level, method: ciMethod, seed: seed)
            bootstrapLines(ci, object: &object, line: &tail)
        } else if bootstrap > 0, resample == .frames, let k = x as? NDArray<Double>, let l = y as? NDArray<Double> {
            let ci = try PreparedStatistics.ckaFrameInterval(kernelA: k, kernelB: l, estimator: estimator, blockLength: blockLength,
                                                             resamples: bootstrap, level: level, method: ciMethod, seed: seed)
            bootstrapLines(ci, object: &object, line: &tail)
        } else if bootstrap > 0, case .loaded(let loaded) = brain {
            let ci = try Bootstrap.neuronInterval(preparedA: x, loaded.matrix, resamples: bootstrap, level: level,
                                                  method: ciMethod, seed: seed) { try m.prepare($0) } score: { try m.score(prepared: $0, $1) }
            bootstrapLines(ci, object: &object, line: &tail)
        }
    }

    /// A side's prepared form; a non-finite entry is reported as the loading path reports it
    /// (the file and the first non-finite entry in row-major order).
    private func prepared<P>(_ side: Side, text: String, streamed: (StreamedMatrix) throws -> P,
                             loaded: (LoadedMatrix) throws -> P) throws -> P {
        switch side {
        case .loaded(let m): return try loaded(m)
        case .streamed(let m):
            do {
                return try streamed(m)
            } catch SimilarityError.nonFiniteEntry {
                if let bad = try m.firstNonFinite() {
                    throw CommandLineFailure("\(text): non-finite value at row \(bad.row), column \(bad.column)")
                }
                throw CommandLineFailure("\(text): non-finite value")
            }
        }
    }

    /// The checks of ``load(_:transpose:flag:)`` on a streamed matrix, from its header (and its
    /// dropped first frame, which no preparation reads).
    static func check(_ m: StreamedMatrix, text: String, flag: String) throws {
        for note in m.adjustments {
            guard case .flattened = note else { continue }
            printToStandardError("cortex: note: \(text): \(note)\n")
        }
        guard m.rows * m.columns > 0 else { throw CommandLineFailure("\(text): the matrix is empty (shape \(m.storedShape))") }
        guard m.rows >= 3 else {
            throw CommandLineFailure("\(text): \(m.rows) frames (rows), at least 3 needed (units × frames input? add \(flag))")
        }
        if let bad = try CommandLineFailure.wrapping({ try m.firstNonFinite(rows: 0..<1) }) {
            throw CommandLineFailure("\(text): non-finite value at row \(bad.row), column \(bad.column)")
        }
        if flag == "--transpose-b", m.rows < m.columns {
            printToStandardError("cortex: warning: \(text): \(m.rows) frames (rows) but \(m.columns) units "
                + "(columns); if it is units × frames, add --transpose-b\n")
        }
    }
}
