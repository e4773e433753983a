/// A tape of differentiable operations: create one per training step, mark parameters and inputs
/// with ``leaf(_:)``, compute, then call ``backward(from:)`` on a scalar loss.
///
/// The graph is an explicit value passed around by the tensors it tracks — there is no global tape
/// and no "grad mode" switch: computing on constants (tensors without a graph) records nothing.
/// Nodes are appended in execution order, so reverse order is a valid topological order for the
/// backward sweep. Each node's backward rule lives in one table,
/// ``Operation/inputGradients(outputGradient:needs:)``; composite operations (mean, MSE, Linear, …) are
/// built from primitives and inherit their gradients.
///
/// Gradients of leaves *accumulate* over several `backward` calls (as PyTorch's `.grad`) until
/// ``zeroGradients()``.
///
/// An operation may have several output tensors (``Tensor/record(outputs:inputs:_:)``): its node's
/// output is their concatenation, each tensor knowing its offset in it, and its backward rule
/// receives the gradient of the whole concatenation.
///
/// Complexity: backward costs about as much as the forward pass. Memory holds every node's saved
/// values until ``backward(from:retainingSavedValues:)`` has used them: by default the sweep drops
/// each node's saved values as soon as its backward rule has run (as PyTorch without
/// `retain_graph`), so the peak is the forward pass's saved values, not those plus every gradient
/// of the sweep (the benchmark network of BENCHMARKS.md: the sweep reached its input layer with the
/// whole forward pass still held). A later sweep through such a node traps; pass
/// `retainingSavedValues: true` to sweep the same nodes again.
public final class Graph<Scalar: TensorScalar> {
    struct Node {
        let operation: Operation<Scalar>
        /// Input node ids, −1 for constant inputs (which receive no gradient).
        let inputs: [Int]
        /// Where each input's elements start in its node's output (see `Tensor.outputOffset`).
        let inputOffsets: [Int]
        let count: Int

        /// The node without its saved values (its backward rule can no longer run).
        func released() -> Node { Node(operation: .released, inputs: inputs, inputOffsets: inputOffsets, count: count) }
    }

    private(set) var nodes: [Node] = []
    private var leafGradients: [Int: [Scalar]] = [:]

    public init() {}

    /// Number of recorded nodes (leaves included).
    public var nodeCount: Int { nodes.count }

    /// Number of operation nodes (not leaves) still holding their saved values.
    var retainingNodeCount: Int {
        nodes.count { node in
            switch node.operation {
            case .leaf, .released: return false
            default: return true
            }
        }
    }

    /// A tracked copy of `tensor`: a leaf whose gradient ``gradient(of:)`` reports after backward.
    /// - Precondition: `tensor` is a constant (detach a tracked tensor first).
    public func leaf(_ tensor: Tensor<Scalar>) -> Tensor<Scalar> {
        precondition(tensor.graph == nil, "Graph.leaf: tensor is already tracked; call detached() first")
        let id = append(.leaf, inputs: [], offsets: [], count: tensor.count)
        return Tensor(shape: tensor.shape, scalars: tensor.scalars, graph: self, node: id)
    }

    func append(_ operation: Operation<Scalar>, inputs: [Int], offsets: [Int], count: Int) -> Int {
        nodes.append(Node(operation: operation, inputs: inputs, inputOffsets: offsets, count: count))
        return nodes.count - 1
    }

    /// Reverse-mode sweep from a one-element `loss` (seed 1), accumulating into leaf gradients.
    ///
    /// Unless `retainingSavedValues`, each node the sweep passes through gives up its saved values
    /// (inputs, traces, normalised activations) once its backward rule has run; leaves and nodes
    /// the sweep does not reach keep theirs, so a later `backward` from another loss still works
    /// as long as it does not pass through a released node.
    /// - Precondition: `loss` belongs to this graph and has exactly one element; no node on the
    ///   way was released by an earlier sweep.
    @_specialize(where Scalar == Float)
    public func backward(from loss: Tensor<Scalar>, retainingSavedValues: Bool = false) {
        precondition(loss.graph === self, "Graph.backward: loss is not tracked by this graph")
        precondition(loss.count == 1, "Graph.backward: loss must have one element, has \(loss.count)")
        var adjoints = [[Scalar]?](repeating: nil, count: nodes.count)
        Self.accumulate([1], into: &adjoints[loss.node], offset: loss.outputOffset, total: nodes[loss.node].count)
        for id in stride(from: loss.node, through: 0, by: -1) {
            guard let outputGradient = adjoints[id] else { continue }
            adjoints[id] = nil
            let node = nodes[id]
            if case .leaf = node.operation {
                Self.accumulate(outputGradient, into: &leafGradients[id], offset: 0, total: node.count)
                continue
            }
            if case .released = node.operation { preconditionFailure("Graph.backward: a node on this path was released by an earlier sweep; "
                                                                     + "pass retainingSavedValues: true to the first backward to sweep it again") }
            // `node` keeps the saved values alive until this iteration ends; the table drops them.
            if !retainingSavedValues { nodes[id] = node.released() }
            let inputGradients = node.operation.inputGradients(outputGradient: outputGradient,
                                                               needs: node.inputs.map { $0 >= 0 })
            precondition(inputGradients.count == node.inputs.count, "Graph: backward rule arity mismatch")
            for (position, input) in node.inputs.enumerated() where input >= 0 {
                guard let g = inputGradients[position] else { continue }
                let offset = node.inputOffsets[position]
                precondition(offset + g.count <= nodes[input].count, "Graph: gradient size mismatch for \(node.operation)")
                Self.accumulate(g, into: &adjoints[input], offset: offset, total: nodes[input].count)
            }
        }
    }

    /// The accumulated gradient of a leaf (same shape as the leaf), or `nil` when no gradient
    /// reached it.
    public func gradient(of tensor: Tensor<Scalar>) -> Tensor<Scalar>? {
        guard tensor.graph === self, let g = leafGradients[tensor.node] else { return nil }
        return Tensor(shape: tensor.shape, scalars: g)
    }

    /// Forgets accumulated leaf gradients.
    public func zeroGradients() { leafGradients.removeAll() }

    /// Adds `g` into `slot[offset..<offset + g.count]` (a node output of `total` elements; an
    /// absent slot is zero).
    @_specialize(where Scalar == Float)
    private static func accumulate(_ g: [Scalar], into slot: inout [Scalar]?, offset: Int, total: Int) {
        if slot == nil, offset == 0, g.count == total { slot = g; return }
        guard var existing = slot else {
            // First contribution to part of a multi-output node: copy it, zero the rest.
            slot = [Scalar](unsafeUninitializedCapacity: total) { out, initialized in
                let base = out.baseAddress!
                base.initialize(repeating: 0, count: offset)
                if !g.isEmpty { g.withUnsafeBufferPointer { (base + offset).initialize(from: $0.baseAddress!, count: g.count) } }
                (base + offset + g.count).initialize(repeating: 0, count: total - offset - g.count)
                initialized = total
            }
            return
        }
        slot = nil
        existing.withUnsafeMutableBufferPointer { e in
            g.withUnsafeBufferPointer { a in
                let target = e.baseAddress! + offset
                for i in 0..<a.count { target[i] += a[i] }
            }
        }
        slot = existing
    }
}

extension Tensor {
    /// Wraps a primitive's result, recording `operation` when any input is tracked.
    /// - Precondition: tracked inputs all belong to the same graph.
    static func record(_ scalars: [Scalar], shape: [Int], inputs: [Tensor],
                       _ operation: @autoclosure () -> Operation<Scalar>) -> Tensor {
        var graph: Graph<Scalar>?
        for input in inputs {
            guard let g = input.graph else { continue }
            if let existing = graph {
                precondition(existing === g, "Tensor: inputs belong to different graphs")
            } else {
                graph = g
            }
        }
        guard let graph else { return Tensor(shape: shape, scalars: scalars) }
        let id = graph.append(operation(), inputs: inputs.map { $0.graph == nil ? -1 : $0.node },
                              offsets: inputs.map(\.outputOffset), count: scalars.count)
        return Tensor(shape: shape, scalars: scalars, graph: graph, node: id)
    }

    /// Records one operation with several outputs: the node's output is the concatenation of
    /// `outputs` (never materialised), and its backward rule receives the gradient of that
    /// concatenation. Returns constants when no input is tracked.
    static func record(outputs: [(scalars: [Scalar], shape: [Int])], inputs: [Tensor],
                       _ operation: @autoclosure () -> Operation<Scalar>) -> [Tensor] {
        guard let graph = inputs.first(where: { $0.graph != nil })?.graph else {
            return outputs.map { Tensor(shape: $0.shape, scalars: $0.scalars) }
        }
        precondition(inputs.allSatisfy { $0.graph == nil || $0.graph === graph }, "Tensor: inputs belong to different graphs")
        let total = outputs.reduce(0) { $0 + $1.scalars.count }
        let id = graph.append(operation(), inputs: inputs.map { $0.graph == nil ? -1 : $0.node },
                              offsets: inputs.map(\.outputOffset), count: total)
        var offset = 0
        return outputs.map { output in
            defer { offset += output.scalars.count }
            return Tensor(shape: output.shape, scalars: output.scalars, graph: graph, node: id, outputOffset: offset)
        }
    }
}
