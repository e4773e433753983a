/// How weight decay λ enters an update.
public enum WeightDecay: Sendable, Hashable {
    case none
    /// L2 penalty added to the gradient: g ← g + λ·p (PyTorch `SGD`/`Adam` `weight_decay`).
    case l2(Double)
    /// Decoupled decay applied to the parameter: p ← p·(1 − lr·λ) (AdamW, Loshchilov & Hutter 2019).
    case decoupled(Double)
}
