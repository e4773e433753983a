/// An error that can say what the user could do about it (``ErrorHint``), separately from its
/// one-line description, so front ends show the hint in their own terms without editing the
/// library's text.
///
/// ```swift
/// catch let error as any HintedError {
///     print(error.hintedDescription)   // "… has zero variance (choose ZeroVariancePolicy.dropFrame or .propagate)"
/// }
/// ```
public protocol HintedError: Error, CustomStringConvertible {
    /// What the user could do, or nil when the description says all there is.
    var hint: ErrorHint? { get }
}

extension HintedError {
    /// The description followed by the hint in parentheses, in the library's terms (one line).
    public var hintedDescription: String {
        guard let hint else { return description }
        return "\(description) (\(hint))"
    }
}
