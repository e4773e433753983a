import CortexEngine
import Foundation

/// Which update rule trains the network.
public enum OptimizerKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// SGD with momentum μ (PyTorch `SGD`): g ← ∇ + λp; b ← μb + g (b = g at the first step); p ← p − η·b.
    case sgd
    /// AdamW (Loshchilov & Hutter 2019, PyTorch `AdamW`): p ← p − ηλp; m ← β₁m + (1 − β₁)g;
    /// v ← β₂v + (1 − β₂)g²; p ← p − η·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
    case adamw
}

/// SGD-momentum and AdamW whose whole state (buffers and step count) is a value that can be saved
/// to and restored from a safetensors file, so a resumed run continues bit for bit. (The engine's
/// optimisers keep their buffers `private(set)`; these follow the same equations.)
public struct ResumableOptimizer: Sendable {
    public let kind: OptimizerKind
    public var momentum: Double = 0.9
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double
    /// Per-parameter buffers: `momentum.<name>` (SGD), `m.<name>` and `v.<name>` (AdamW).
    public private(set) var buffers: [String: [Float]] = [:]
    /// Updates applied so far.
    public private(set) var steps: Int = 0

    public init(kind: OptimizerKind, weightDecay: Double) {
        self.kind = kind
        self.weightDecay = weightDecay
    }

    /// Applies one update with learning rate `learningRate` to every parameter of `layer` (any
    /// network or layer) that has a gradient.
    public mutating func step<L: Layer>(_ layer: inout L, gradients: [String: Tensor<Float>], learningRate: Double)
        where L.Scalar == Float {
        steps += 1
        let (lr, wd) = (Float(learningRate), Float(weightDecay))
        let (b1, b2, eps, mu) = (Float(beta1), Float(beta2), Float(epsilon), Float(momentum))
        let correction1 = 1 - pow(b1, Float(steps)), correction2 = 1 - pow(b2, Float(steps))
        var buffers = self.buffers
        let kind = self.kind
        layer.visitTensors(prefix: "") { name, role, tensor in
            guard role == .parameter, let gradient = gradients[name] else { return }
            var p = tensor.scalars
            let g = gradient.scalars
            switch kind {
            case .sgd:
                let previous = buffers["momentum." + name]
                var b = previous ?? [Float](repeating: 0, count: p.count)
                for i in p.indices {
                    let d = g[i] + wd * p[i]
                    b[i] = previous == nil ? d : mu * b[i] + d
                    p[i] -= lr * b[i]
                }
                buffers["momentum." + name] = b
            case .adamw:
                var m = buffers["m." + name] ?? [Float](repeating: 0, count: p.count)
                var v = buffers["v." + name] ?? [Float](repeating: 0, count: p.count)
                for i in p.indices {
                    p[i] -= lr * wd * p[i]
                    m[i] = b1 * m[i] + (1 - b1) * g[i]
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                    p[i] -= lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
                }
                buffers["m." + name] = m
                buffers["v." + name] = v
            }
            tensor = Tensor(shape: tensor.shape, scalars: p)
        }
        self.buffers = buffers
    }

    /// The state as safetensors entries (`optimizer.<buffer>`, float32) plus the step count.
    public func stateEntries() -> (tensors: [String: SafetensorsFile.Entry], steps: Int) {
        var out: [String: SafetensorsFile.Entry] = [:]
        for (name, values) in buffers {
            out["optimizer." + name] = .init(dtype: .float32, shape: [values.count], bytes: FloatBytes.encode(values))
        }
        return (out, steps)
    }

    /// Restores the state written by ``stateEntries()``.
    public mutating func restore(tensors: [String: SafetensorsFile.Entry], steps: Int) {
        buffers = [:]
        for (name, entry) in tensors where name.hasPrefix("optimizer.") {
            buffers[String(name.dropFirst("optimizer.".count))] = FloatBytes.decode(entry.bytes)
        }
        self.steps = steps
    }
}

/// Little-endian float32 bytes (the safetensors layout).
enum FloatBytes {
    static func encode(_ values: [Float]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }
}
