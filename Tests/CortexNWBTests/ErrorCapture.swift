import CortexNWB
import Testing

/// Runs `body`, which must throw an `NWBError`; returns it (recording an issue otherwise).
func capturedError<T>(sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> T) -> NWBError? {
    do {
        let value = try body()
        Issue.record("expected an NWBError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as NWBError {
        return error
    } catch {
        Issue.record("expected an NWBError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
