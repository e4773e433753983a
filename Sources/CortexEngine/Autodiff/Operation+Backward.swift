/// The backward table: for each primitive, the gradients of its inputs given the gradient of its
/// output (vector–Jacobian products). This is the only place backward rules are written.
extension Operation {
    /// One entry per recorded input, in order; `nil` means "no gradient" (e.g. integer indices).
    /// `needs[i]` is false for constant inputs: rules with costly per-input work (products,
    /// convolutions) skip it.
    @_specialize(where Scalar == Float)
    func inputGradients(outputGradient g: [Scalar], needs: [Bool]) -> [[Scalar]?] {
        switch self {
        case .leaf:
            return []
        case .released:
            preconditionFailure("Operation.inputGradients: the node's saved values were released")
        case .add:
            return [g, g]
        case .subtract:
            return [g, Elementwise.map(g) { -$0 }]
        case .negate:
            return [Elementwise.map(g) { -$0 }]
        case .multiply(let lhs, let rhs):
            return [Elementwise.zip(g, rhs, *), Elementwise.zip(g, lhs, *)]
        case .divide(let lhs, let rhs):
            return [Elementwise.zip(g, rhs, /),
                    Elementwise.zip3(g, lhs, rhs) { d, a, b in -d * a / (b * b) }]
        case .addScalar:
            return [g]
        case .multiplyScalar(let c):
            return [Elementwise.map(g) { $0 * c }]
        case .exp(let output):
            return [Elementwise.zip(g, output, *)]
        case .log(let input):
            return [Elementwise.zip(g, input, /)]
        case .relu(let input):
            return [Elementwise.zip(g, input) { d, x in x > 0 ? d : 0 }]
        case .sigmoid(let output):
            return [Elementwise.zip(g, output) { d, y in d * y * (1 - y) }]
        case .matmul(let lhs, let rhs, let geometry):
            let (da, db) = MatrixKernels.backward(g, lhs, rhs, geometry)
            return [da, db]
        case .batchedMatmul(let lhs, let rhs, let geometry, let batches):
            let (da, db) = BatchedMatrixKernels.backward(g, lhs, rhs, geometry, batches: batches, needs: (needs[0], needs[1]))
            return [da, db]
        case .permute(let geometry):
            return [PermuteKernels.permute(g, geometry.inverse)]
        case .repeatAlongAxis(let axis):
            return [AxisKernels.sumAlongAxis(g, axis)]
        case .sumAll(let count):
            return [[Scalar](repeating: g[0], count: count)]
        case .sumAlongAxis(let axis):
            return [AxisKernels.repeatAlongAxis(g, axis)]
        case .broadcastAxis(let axis):
            return [AxisKernels.sumToAxis(g, axis)]
        case .broadcastScalar:
            return [[g.reduce(0, +)]]
        case .reshape:
            return [g]
        case .concat(let outer, let extents, let inner):
            let total = extents.reduce(0, +)
            var offset = 0
            return extents.map { extent in
                defer { offset += extent }
                return AxisKernels.slice(g, AxisGeometry(outer: outer, extent: total, inner: inner),
                                         offset..<(offset + extent))
            }
        case .slice(let axis, let range):
            return [AxisKernels.unslice(g, axis, range)]
        case .conv2d(let input, let weight, let geometry):
            return [needs[0] ? ConvolutionKernels.inputGradient(outputGradient: g, weight: weight, geometry: geometry) : nil,
                    needs[1] ? ConvolutionKernels.weightGradient(saved: input, outputGradient: g, geometry: geometry) : nil]
        case .convTranspose2d(let input, let weight, let geometry):
            // y = Cᵀx for the convolution C of `geometry` (input y, output x): dx = C·dy.
            return [needs[0] ? ConvolutionKernels.forward(input: g, weight: weight, geometry: geometry) : nil,
                    needs[1] ? ConvolutionKernels.weightGradient(input: g, outputGradient: input, geometry: geometry) : nil]
        case .batchNorm(let normalized, let inverseStd, let scale, let batch, let channels, let spatial, let training):
            let (dx, dScale, dShift) = NormalizationKernels.backward(
                g, normalized: normalized, inverseStd: inverseStd, scale: scale,
                batch: batch, channels: channels, spatial: spatial, training: training)
            return [dx, dScale, dShift]
        case .maxPool(let argmax, let inputCount):
            return [PoolingKernels.maxAdjoint(g, argmax: argmax, inputCount: inputCount)]
        case .averagePool(let geometry):
            return [PoolingKernels.average(g, geometry, adjoint: true)]
        case .adaptiveAveragePool(let planes, let height, let width, let outHeight, let outWidth):
            return [PoolingKernels.adaptiveAverage(g, planes: planes, height: height, width: width,
                                                   outHeight: outHeight, outWidth: outWidth, adjoint: true)]
        case .logSoftmax(let output, let columns):
            // dx = dy − softmax · Σ_row dy
            var dx = g
            for r in 0..<(g.count / max(columns, 1)) {
                let base = r * columns
                var total: Scalar = 0
                for c in 0..<columns { total += g[base + c] }
                for c in 0..<columns { dx[base + c] -= Scalar.exponential(output[base + c]) * total }
            }
            return [dx]
        case .pick(let indices, let columns):
            var dx = [Scalar](repeating: 0, count: indices.count * columns)
            for (r, c) in indices.enumerated() { dx[r * columns + c] = g[r] }
            return [dx]
        case .heaviside(let input, let surrogate):
            return [Elementwise.zip(g, input) { d, x in d * Scalar(surrogate.derivative(Double(x))) }]
        case .spikingNeuron(let trace, let hasDecayParameter):
            // g is the gradient of the joint output (spikes, then the final membrane).
            let (dx, dv, dk) = NeuronKernel.backward(trace, jointGradient: g)
            guard hasDecayParameter else { return [dx, dv] }
            // k = sigmoid(w): dk/dw = k(1 − k).
            return [dx, dv, [dk * trace.decay * (1 - trace.decay)]]
        case .unbiasedHSIC(let k, let l, let n):
            // ∂/∂K_ij (i ≠ j) = c·[L̃_ji + ΣL̃/((n−1)(n−2)) − 2/(n−2)·(L̃1)_j], 0 on the diagonal;
            // symmetrically for L with K̃ᵀ1. (Tensor+HSIC.swift derives it.)
            return [needs[0] ? HSICKernels.gradient(of: k, partner: l, n: n, outputGradient: g[0], asFirst: true) : nil,
                    needs[1] ? HSICKernels.gradient(of: l, partner: k, n: n, outputGradient: g[0], asFirst: false) : nil]
        }
    }
}
