/// Whether a forward pass trains (batch statistics, dropout on) or evaluates — always an argument,
/// never a hidden mode flag.
public enum ExecutionMode: Sendable, Hashable {
    case training
    case inference
}
