import ArgumentParser
import CortexKit
import Foundation

/// `cortex similarity METRIC A B`: one similarity score between two frames × units matrices, with
/// optional permutation p-value and bootstrap confidence interval.
struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Score how similarly two representations encode the same frames.",
        discussion: """
            A and B are .npy files or HDF5 datasets (FILE.h5:/path), rows = frames, columns = units. \
            CortexKit's own datasets are oriented for you: a response file's /<AREA>/counts (stored \
            units × frames) is transposed, a feature file's /<layer>/features is read as stored; \
            --transpose-a/--transpose-b are for other units × frames inputs. A 1-D array is one column; \
            an array of rank > 2 is flattened after its first axis (frames × features, as layer outputs \
            C × H × W), with a note on stderr. For TSRSA, A is the model and B the brain; --rdm chooses its \
            frame RDM (spearman: the study's STSRSA). Every metric drops frame 0 unless --keep-first-frame. \
            ridge is cross-validated ridge predictivity; ridge-study is the study's regression (PCA to --pca-dims \
            components, ridge α = 1, in-sample mean R²). CKA, SVCCA and PWCCA also print a control score with \
            A's frames shuffled (seeded by --seed); SVCCA and PWCCA keep k_x + k_y ≤ (n − 1)/2 dimensions and \
            print k_x, k_y and n, with a warning when the cap binds. --permutations reorders A's frames \
            (circular shifts by at least --min-shift frames, or --shuffle blocks of --block-length) and \
            reports p = (1 + #{null ≥ observed})/(1 + N). --bootstrap resamples B's units (--resample \
            neurons) or both sides' frames in moving blocks (--resample frames) for a percentile CI.
            """)

    enum Shuffle: String, ExpressibleByArgument, CaseIterable { case circular, blocks }

    enum Resample: String, ExpressibleByArgument, CaseIterable { case neurons, frames }

    @Argument(help: "The similarity metric.")
    var metric: MetricChoice.Kind
    @Argument(help: "First matrix (the model): FILE.npy or FILE.h5:/dataset.")
    var a: String
    @Argument(help: "Second matrix (the brain): FILE.npy or FILE.h5:/dataset.")
    var b: String

    @Flag(help: "A is units × frames: transpose it (not for CortexKit datasets, oriented already).")
    var transposeA = false
    @Flag(help: "B is units × frames: transpose it (not for CortexKit datasets, oriented already).")
    var transposeB = false
    @Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var options: MetricOptions

    @Option(help: "Permutations for a p-value (0: none).")
    var permutations = 0
    @Option(help: "Permutation scheme: circular shifts or block permutation.")
    var shuffle: Shuffle = .circular
    @Option(help: "Smallest circular shift in frames (default: min(30, frames/4)).")
    var minShift: Int?
    @Option(help: "Block length in frames for --shuffle blocks and --resample frames.")
    var blockLength = 30
    @Option(help: "Bootstrap resamples for a confidence interval (0: none).")
    var bootstrap = 0
    @Option(help: "What the bootstrap resamples.")
    var resample: Resample = .neurons
    @Option(help: "Confidence level of the interval.")
    var level = 0.95
    @Option(name: .customLong("ci-method"), help: "How the interval is read off the replicates: percentile, basic or bc (bias-corrected).")
    var ciMethod: BootstrapIntervalMethod = .percentile
    @Option(help: "Statistics seed: permutations and resamples.")
    var seed: UInt64 = StatisticsOptions.defaultSeed

    func validate() throws {
        do {
            try OptionLimits.check(.permutations, permutations)
            try OptionLimits.check(.bootstrap, bootstrap)
            try OptionLimits.check(.level, level)
            try OptionLimits.check(.blockLength, blockLength)
            if let m = minShift { try OptionLimits.check(.minShift, m) }
        } catch {
            throw ValidationError(error.description)
        }
        try options.check(for: metric)
    }

    func run() throws {
        if let model = try streamsModel() {
            let (output, line) = try streamedScore(model: model)
            if json { try CommandLineJSON.print(output) } else { print(line) }
            return
        }
        let x = try Self.load(a, transpose: transposeA, flag: "--transpose-a")
        let y = try Self.load(b, transpose: transposeB, flag: "--transpose-b")
        guard x.matrix.rows == y.matrix.rows else {
            throw CommandLineFailure("\(a) has \(x.matrix.rows) frames (rows) but \(b) has \(y.matrix.rows); both need the same frames")
        }
        let (output, line) = try CommandLineFailure.wrapping(hintFlags: options.hintFlags(metric)) { try score(x, y) }
        if json { try CommandLineJSON.print(output) } else { print(line) }
    }

    /// The score, p-value and interval for `--json` and as readable lines. TSRSA is prepared
    /// at each matrix's stored precision (``LoadedMatrix/frameCorrelations(_:operand:)``), as
    /// `cortex compare` prepares it; the statistics resample the Double matrices.
    func score(_ a: LoadedMatrix, _ b: LoadedMatrix) throws -> (SimilarityOutput, String) {
        let (x, y) = (a.matrix, b.matrix)
        let chosen = options.metric(metric)
        var object = SimilarityOutput(metric: metric.rawValue, name: options.label(metric), frames: x.rows,
                                      unitsA: x.columns, unitsB: y.columns, score: JSONNumber(.nan))
        var line = "\(metric.rawValue) = "
        if metric == .tsrsa {
            let o = options.tsrsaOptions
            try tsrsaLines(model: a.frameCorrelations(o, operand: .first), brain: b.frameCorrelations(o, operand: .second),
                           object: &object, line: &line)
        } else if let cca = try options.choice(metric).ccaAnalysis(x, y) {
            object.score = JSONNumber(cca.score)
            object.cca = .init(kX: cca.kx, kY: cca.ky, n: cca.frames, uncappedKX: cca.uncappedKx, uncappedKY: cca.uncappedKy,
                               unitCorrelations: cca.unitCorrelations)
            object.warning = cca.warning
            line += formatScore(cca.score) + " (k_x \(cca.kx), k_y \(cca.ky), n \(cca.frames))"
            if let warning = cca.warning { FileHandle.standardError.write(Data("cortex: warning: \(warning)\n".utf8)) }
        } else {
            let score = try chosen.score(x, y)
            object.score = JSONNumber(score)
            line += formatScore(score)
        }
        let policy = options.choice(metric).framePolicy
        object.framePolicy = policy.rawValue
        line += "  [\(options.label(metric)), \(x.rows) frames, \(x.columns) vs \(y.columns) units]"
        if metric.hasShuffledControl {
            // The same metric with A's compared frames in a seeded random order (ShuffledFramesControl).
            let control = try ShuffledFramesControl.score(metric: chosen, x, y, seed: seed)
            object.control = JSONNumber(control)
            object.controlSeed = seed
            line += "\ncontrol (A's frames shuffled, seed \(seed)) = \(formatScore(control))"
        }
        if permutations > 0 {
            let test = try PermutationTest.run(metric: chosen, x, y, scheme: permutationScheme(chosen, rows: x.rows),
                                               permutations: permutations, seed: seed)
            permutationLines(test, object: &object, line: &line)
        }
        if bootstrap > 0 {
            let scheme: BootstrapScheme = resample == .neurons ? .neurons : .frames(blockLength: blockLength)
            let ci = try Bootstrap.confidenceInterval(metric: chosen, x, y, scheme: scheme, resamples: bootstrap,
                                                      level: level, method: ciMethod, seed: seed)
            bootstrapLines(ci, object: &object, line: &line)
        }
        if permutations > 0 || bootstrap > 0 { object.seed = seed }
        return (object, line)
    }

    /// TSRSA's score (and its lags) from both sides' prepared correlations.
    func tsrsaLines(model: FrameCorrelations, brain: FrameCorrelations, object: inout SimilarityOutput,
                    line: inout String) throws {
        let result = try TSRSA.score(model: model, brain: brain, options: options.tsrsaOptions)
        object.score = JSONNumber(result.score)
        line += formatScore(result.score)
        if result.lagScores.count > 1 {
            object.lags = result.lagScores.map { SimilarityOutput.Lag(lag: $0.lag, score: JSONNumber($0.score)) }
            object.bestLag = result.best.lag
            line += " (best lag \(result.best.lag) of \(options.lags.range.lowerBound)...\(options.lags.range.upperBound))"
        }
    }

    /// The permutation scheme of --shuffle / --min-shift / --block-length for `rows` frames. The
    /// default smallest shift is the one compare and report use (PermutationScheme.defaultMinimumShift).
    func permutationScheme(_ chosen: any SimilarityMetric, rows: Int) -> PermutationScheme {
        shuffle == .circular
            ? (minShift.map { .circularShift(minimumShift: $0) } ?? .defaultCircularShift(for: chosen, rows: rows))
            : .blockPermutation(blockLength: blockLength)
    }

    func permutationLines(_ test: PermutationTestResult, object: inout SimilarityOutput, line: inout String) {
        object.pValue = JSONNumber(test.pValue)
        object.permutations = permutations
        let kind = shuffle == .circular ? "circular shifts" : "block permutations"
        line += "\np = \(String(format: "%.4g", test.pValue)) (\(permutations) \(kind), seed \(seed))"
    }

    func bootstrapLines(_ ci: BootstrapInterval, object: inout SimilarityOutput, line: inout String) {
        object.ci = SimilarityOutput.Interval(lower: JSONNumber(ci.lower), upper: JSONNumber(ci.upper), level: level,
                                              resamples: bootstrap, resample: resample.rawValue, method: ciMethod.rawValue)
        line += "\n\(Int((level * 100).rounded()))% CI [\(formatScore(ci.lower)), \(formatScore(ci.upper))]"
            + " (\(ciMethod.rawValue), \(bootstrap) \(resample.rawValue) resamples, seed \(seed))"
    }

    /// Loads a matrix reference as frames × units (CortexKit datasets oriented by the library),
    /// checks it is usable, and notes on stderr an array the library flattened.
    static func load(_ text: String, transpose: Bool, flag: String) throws -> LoadedMatrix {
        try CommandLineFailure.wrapping(hintFlags: [String(describing: MatrixOrientation.self): flag]) {
            let reference = try MatrixReference(parsing: text)
            guard FileManager.default.fileExists(atPath: reference.url.path) else {
                throw CommandLineFailure("\(reference.url.path): no such file")
            }
            if case .npy(let url) = reference, try NPYFile.header(of: url).dtype == .bool {
                throw CommandLineFailure("\(text): boolean dtype; expected numbers (float or integer)")
            }
            let loaded = try reference.load(transpose ? .unitsByFrames : .framesByUnits)
            for note in loaded.adjustments {
                guard case .flattened = note else { continue }   // the other changes are the documented reading
                printToStandardError("cortex: note: \(text): \(note)\n")
            }
            let x = loaded.matrix
            guard x.count > 0 else { throw CommandLineFailure("\(text): the matrix is empty (shape \(x.shape))") }
            guard x.rows >= 3 else {
                let suggestion = transpose || loaded.dataset != nil ? "" : " (units × frames input? add \(flag))"
                throw CommandLineFailure("\(text): \(x.rows) frames (rows), at least 3 needed\(suggestion)")
            }
            if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
                throw CommandLineFailure("\(text): non-finite value at row \(bad / x.columns), column \(bad % x.columns)")
            }
            // Brain responses (B) have far more frames than units; fewer rows than columns usually
            // means a units × frames matrix read as frames × units. (Model layers often have more
            // units than frames, so A is not checked; CortexKit's own datasets are oriented already.)
            if flag == "--transpose-b", !transpose, loaded.dataset == nil, x.rows < x.columns {
                printToStandardError("cortex: warning: \(text): \(x.rows) frames (rows) but \(x.columns) units "
                    + "(columns); if it is units × frames, add --transpose-b\n")
            }
            return loaded
        }
    }
}
