import Foundation

/// State dicts as safetensors: parameters and buffers in the model's dtype (F32 for `Float`, F64
/// for `Double`), counters as I64 — the names and types of a PyTorch `state_dict()`.
extension Layer {
    static var floatingDType: SafetensorsDType { Scalar.self == Double.self ? .float64 : .float32 }

    /// The layer's named tensors as a safetensors file.
    public func stateDict(metadata: [String: String] = [:]) -> SafetensorsFile {
        var file = SafetensorsFile(metadata: metadata)
        for (name, role, tensor) in namedTensors() {
            if role == .counter {
                let values = tensor.scalars.map { Int64(Double($0)) }
                file.tensors[name] = .init(dtype: .int64, shape: tensor.shape, bytes: Checkpoint.bytes(of: values))
            } else if Scalar.self == Double.self {
                file.tensors[name] = .init(dtype: .float64, shape: tensor.shape,
                                           bytes: Checkpoint.bytes(of: tensor.scalars.map { Double($0) }))
            } else {
                file.tensors[name] = .init(dtype: .float32, shape: tensor.shape,
                                           bytes: Checkpoint.bytes(of: tensor.scalars.map { Float($0) }))
            }
        }
        return file
    }

    /// Replaces the layer's tensors by the file's. Nothing changes unless every name, shape and
    /// dtype matches; otherwise throws ``CheckpointError/mismatches(_:)`` listing all problems.
    public mutating func load(stateDict file: SafetensorsFile) throws(CheckpointError) {
        var problems: [CheckpointMismatch] = []
        var seen = Set<String>()
        for (name, role, tensor) in namedTensors() {
            seen.insert(name)
            guard let entry = file.tensors[name] else { problems.append(.missing(name: name)); continue }
            let expected: SafetensorsDType = role == .counter ? .int64 : Self.floatingDType
            if entry.dtype != expected { problems.append(.dtype(name: name, expected: expected, found: entry.dtype)) }
            if entry.shape != tensor.shape { problems.append(.shape(name: name, expected: tensor.shape, found: entry.shape)) }
        }
        for name in file.tensors.keys where !seen.contains(name) { problems.append(.unexpected(name: name)) }
        guard problems.isEmpty else {
            throw .mismatches(problems.sorted { $0.description < $1.description })
        }
        visitTensors(prefix: "") { name, _, tensor in
            let entry = file.tensors[name]!
            let values: [Scalar]
            switch entry.dtype {
            case .float32: values = Checkpoint.values(Float.self, entry.bytes).map { Scalar($0) }
            case .float64: values = Checkpoint.values(Double.self, entry.bytes).map { Scalar($0) }
            case .int64: values = Checkpoint.values(Int64.self, entry.bytes).map { Scalar($0) }
            case .int32: values = Checkpoint.values(Int32.self, entry.bytes).map { Scalar($0) }
            }
            tensor = Tensor(shape: entry.shape, scalars: values)
        }
    }

    /// Saves ``stateDict(metadata:)`` atomically to `url`.
    public func save(to url: URL, metadata: [String: String] = [:]) throws(CheckpointError) {
        try stateDict(metadata: metadata).write(to: url)
    }

    /// Loads a safetensors file from `url` into the layer (see ``load(stateDict:)``).
    public mutating func load(from url: URL) throws(CheckpointError) {
        try load(stateDict: SafetensorsFile(contentsOf: url))
    }
}
