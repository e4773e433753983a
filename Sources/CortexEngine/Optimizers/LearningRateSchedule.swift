import Foundation

/// A learning rate as a function of the step number (0-based), as a value.
///
///     .constant(lr)                   lr
///     .step(lr, every: s, gamma: γ)   lr·γ^⌊t/s⌋                              (PyTorch StepLR)
///     .cosine(lr, total: N, warmup: W, minimum: m)
///         t < W:  lr·(t + 1)/W                                                   (linear warm-up)
///         t ≥ W:  m + (lr − m)·(1 + cos(π·(t − W)/(N − W)))/2                    (cosine annealing)
public enum LearningRateSchedule: Sendable, Hashable {
    case constant(Double)
    case step(Double, every: Int, gamma: Double)
    case cosine(Double, total: Int, warmup: Int, minimum: Double)

    /// The rate for step `t`.
    public func rate(at t: Int) -> Double {
        switch self {
        case .constant(let lr):
            return lr
        case .step(let lr, let every, let gamma):
            return lr * pow(gamma, Double(t / max(every, 1)))
        case .cosine(let lr, let total, let warmup, let minimum):
            if t < warmup { return lr * Double(t + 1) / Double(warmup) }
            let span = max(total - warmup, 1)
            let progress = min(Double(t - warmup) / Double(span), 1)
            return minimum + (lr - minimum) * (1 + cos(Double.pi * progress)) / 2
        }
    }
}
