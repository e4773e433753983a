/// What a named tensor of a layer is for.
public enum TensorRole: Sendable, Hashable {
    /// Trained by the optimiser (`weight`, `bias`, PLIF's `w`).
    case parameter
    /// Floating-point state that is saved but not trained (`running_mean`, `running_var`).
    case buffer
    /// An integer counter saved as int64 (`num_batches_tracked`), held as a one-element tensor.
    case counter
}
