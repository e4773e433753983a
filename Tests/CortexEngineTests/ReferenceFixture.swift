import Foundation
@testable import CortexEngine

/// A safetensors file of reference values written by a script under `scripts/reference/`
/// (PyTorch/SpikingJelly are needed only to regenerate it).
struct ReferenceFixture {
    let file: SafetensorsFile

    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        file = try SafetensorsFile(contentsOf: url)
    }

    func shape(_ key: String) -> [Int] {
        guard let entry = file.tensors[key] else { preconditionFailure("fixture has no tensor \(key)") }
        return entry.shape
    }

    /// The values of `key` as Double, whatever their stored dtype.
    func values(_ key: String) -> [Double] {
        guard let entry = file.tensors[key] else { preconditionFailure("fixture has no tensor \(key)") }
        switch entry.dtype {
        case .float32: return Checkpoint.values(Float.self, entry.bytes).map(Double.init)
        case .float64: return Checkpoint.values(Double.self, entry.bytes)
        case .int64: return Checkpoint.values(Int64.self, entry.bytes).map(Double.init)
        case .int32: return Checkpoint.values(Int32.self, entry.bytes).map(Double.init)
        }
    }

    func tensor<S: TensorScalar>(_ key: String, as type: S.Type = S.self) -> Tensor<S> {
        Tensor(shape: shape(key), scalars: values(key).map { S($0) })
    }

    /// The largest |a − b| relative to max(|b|) over the tensor (a normwise relative error; for
    /// tensors whose elements span orders of magnitude this is the meaningful Float tolerance).
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "relativeError: \(a.count) vs \(b.count) values")
        let scale = max(b.map(abs).max() ?? 0, 1e-30)
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    /// The largest elementwise |a − b|/max(|b|, floor·max|b|): relative error, with denominators
    /// floored at a fraction of the tensor's scale (elements near zero carry the rounding of
    /// their larger neighbours).
    static func elementwiseRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-2) -> Double {
        precondition(a.count == b.count, "elementwiseRelativeError: \(a.count) vs \(b.count) values")
        let scale = max((b.map(abs).max() ?? 0) * floor, 1e-30)
        return zip(a, b).map { abs($0 - $1) / max(abs($1), scale) }.max() ?? 0
    }
}
