import CortexHDF5
import Testing

/// Runs `body`, which must throw; returns the `HDF5Error` (and records an issue when nothing is thrown).
func capturedError<T>(sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> T) -> HDF5Error? {
    do {
        let value = try body()
        Issue.record("expected an HDF5Error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as HDF5Error {
        return error
    } catch {
        Issue.record("expected an HDF5Error, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
