import ArgumentParser
import CortexKit

extension TrainingLossKind: ExpressibleByArgument {}
extension TrainingRegularizerKind: ExpressibleByArgument {}

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

    func validate() throws {
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
    }
}
