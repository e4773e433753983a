import ArgumentParser
import CortexKit

extension TrainingLossKind: ExpressibleByArgument {}
extension TrainingRegularizerKind: ExpressibleByArgument {}
extension PruningMethod: ExpressibleByArgument {}

/// `cortex train`'s training-method flags (loss, regulariser), mapped to the library's
/// ``TrainingLoss`` and ``TrainingRegularizer`` in one place.
struct TrainingMethodArguments: ParsableArguments {
    @Option(help: "ce (cross-entropy), tcl (temporal contrastive) or stcl (two augmented views; needs --augment-shift or --augment-flip). (default: ce)")
    var loss: TrainingLossKind?

    @Option(name: .customLong("tcl-weight"), help: "λ of the contrastive term, L = L_CE + λ·L_TCL. (default: 0.5)")
    var tclWeight: Double?

    @Option(name: .customLong("tcl-temperature"), help: "τ of the contrastive softmax. (default: 0.1)")
    var tclTemperature: Double?

    @Option(name: .customLong("tcl-projection"), help: "Output size of the contrastive projection head. (default: 64)")
    var tclProjection: Int?

    @Option(help: "cka-sr: β·Σ_{i≠j} CKA(X_i, X_j) over the block outputs of each stage (debiased linear CKA).")
    var regularizer: TrainingRegularizerKind?

    @Option(name: .customLong("cka-sr-weight"), help: "β of CKA-SR. (default: 1e-4)")
    var ckaSRWeight: Double?

    @Option(name: .customLong("cka-sr-every"), help: "Apply CKA-SR on every k-th batch. (default: 5)")
    var ckaSREvery: Int?

    @Option(name: .customLong("cka-sr-samples"), help: "Examples of the batch CKA-SR's Gram matrices use, at least 4. (default: 8)")
    var ckaSRSamples: Int?

    @Option(help: "Lottery-ticket search by iterative pruning with this criterion: magnitude. The folder then holds one run per round (round-00 dense, round-01 …) and model.safetensors, the ticket.")
    var prune: PruningMethod?

    @Option(name: .customLong("prune-fraction"), help: "Fraction p of each layer's remaining weights pruned per round. (default: 0.25)")
    var pruneFraction: Double?

    @Option(name: .customLong("rewind-epoch"), help: "Pruned rounds restart from the dense run's weights after this epoch (0: the initialisation). (default: 1)")
    var rewindEpoch: Int?

    @Option(help: "Pruning rounds after the dense run. (default: 3)")
    var rounds: Int?

    @Option(name: .customLong("early-bird"), help: "Early-bird ticket: a searching round stops once consecutive epochs' masks differ in less than this fraction of the weights.")
    var earlyBird: Double?

    @Option(name: .customLong("early-time-T"), help: "Early-time ticket: search (dense run and all rounds but the last) with this many time steps; the last round trains with --T.")
    var earlyTimeSteps: Int?

    var pruningFlagsGiven: Bool {
        pruneFraction != nil || rewindEpoch != nil || rounds != nil || earlyBird != nil || earlyTimeSteps != nil
    }

    func validate() throws {
        if pruningFlagsGiven && prune == nil {
            throw ValidationError("--prune-fraction, --rewind-epoch, --rounds, --early-bird and --early-time-T need --prune magnitude")
        }
        if let pruneFraction, !(pruneFraction > 0 && pruneFraction < 1) { throw ValidationError("--prune-fraction must be between 0 and 1") }
        if let rewindEpoch, rewindEpoch < 0 { throw ValidationError("--rewind-epoch must not be negative") }
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be positive") }
        if let earlyBird, !(earlyBird > 0 && earlyBird < 1) { throw ValidationError("--early-bird must be a fraction between 0 and 1") }
        if let earlyTimeSteps, earlyTimeSteps < 1 { throw ValidationError("--early-time-T must be positive") }
        let contrastiveFlags = tclWeight != nil || tclTemperature != nil || tclProjection != nil
        if contrastiveFlags && (loss ?? .ce) == .ce { throw ValidationError("--tcl-weight, --tcl-temperature and --tcl-projection need --loss tcl or stcl") }
        if ckaSRWeight != nil || ckaSREvery != nil || ckaSRSamples != nil, regularizer == nil {
            throw ValidationError("--cka-sr-weight, --cka-sr-every and --cka-sr-samples need --regularizer cka-sr")
        }
        if let tclWeight, !(tclWeight.isFinite && tclWeight >= 0) { throw ValidationError("--tcl-weight must be a number ≥ 0") }
        if let tclTemperature, !(tclTemperature.isFinite && tclTemperature > 0) { throw ValidationError("--tcl-temperature must be a positive number") }
        if let tclProjection, tclProjection < 1 { throw ValidationError("--tcl-projection must be positive") }
        if let ckaSRWeight, !(ckaSRWeight.isFinite && ckaSRWeight >= 0) { throw ValidationError("--cka-sr-weight must be a number ≥ 0") }
        if let ckaSREvery, ckaSREvery < 1 { throw ValidationError("--cka-sr-every must be positive") }
        if let ckaSRSamples, ckaSRSamples < 4 { throw ValidationError("--cka-sr-samples must be at least 4 (the unbiased HSIC needs 4 examples)") }
    }

    /// Sets the options' loss and regulariser from the flags given (others keep their values).
    func apply(to options: inout TrainingOptions) {
        if loss != nil || tclWeight != nil || tclTemperature != nil || tclProjection != nil {
            var settings = options.loss?.contrastive ?? ContrastiveLossSettings()
            if let tclWeight { settings.weight = tclWeight }
            if let tclTemperature { settings.temperature = tclTemperature }
            if let tclProjection { settings.projectionDimension = tclProjection }
            let chosen = TrainingLoss(kind: loss ?? options.loss?.kind ?? .ce, settings: settings)
            options.loss = chosen == .crossEntropy ? nil : chosen
        }
        if regularizer != nil || ckaSRWeight != nil || ckaSREvery != nil || ckaSRSamples != nil {
            var settings = CKASparsitySettings()
            if case .ckaSparsity(let stored)? = options.regularizer { settings = stored }
            if let ckaSRWeight { settings.weight = ckaSRWeight }
            if let ckaSREvery { settings.every = ckaSREvery }
            if let ckaSRSamples { settings.samples = ckaSRSamples }
            options.regularizer = .ckaSparsity(settings)
        }
        if prune != nil || pruningFlagsGiven {
            var settings = options.pruning ?? LotteryTicketOptions()
            if let prune { settings.method = prune }
            if let pruneFraction { settings.fraction = pruneFraction }
            if let rewindEpoch { settings.rewindEpoch = rewindEpoch }
            if let rounds { settings.rounds = rounds }
            if let earlyBird { settings.earlyBird = earlyBird }
            if let earlyTimeSteps { settings.earlyTimeSteps = earlyTimeSteps }
            options.pruning = settings
        }
    }
}
