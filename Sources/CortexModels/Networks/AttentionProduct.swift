import CortexEngine

/// Operation counts of a spiking transformer's attention products, for the energy monitors.
///
/// Rule: a product of two activations costs one accumulate (SOP, 0.9 pJ) per **non-zero term**
/// a·b when either operand is spikes — adding a value selected by a spike, nothing for a zero —
/// and, were both real, one MAC (4.6 pJ) per term of the dense product. Terms are those of the
/// product as the reference code computes it:
///
/// - Spikformer: S = Q·Kᵀ (per head, N×d by d×N): Σ_c nnz(Q[:, c])·nnz(K[:, c]) terms, then
///   S·V (N×N by N×d, S holds the integer coincidence counts): Σ_j nnz(S[:, j])·nnz(V[j, :]).
/// - Spike-driven Transformer: Σ_N K ⊗ V: one accumulate per non-zero k·v (nnz(K ∘ V)); the final
///   Q ⊗ mask multiplies spikes by spikes (an AND, no accumulate) and is not counted.
///
/// The dense term counts (`termsPerSample`, the non-spiking network's cost) are heads·N·d·N for
/// each Spikformer product and heads·N·d for SDT's. Events carry `[B, 1]` per step: the count of
/// each sample (see ``SynapticLayer/Connectivity/activationProduct(termsPerSample:)``).
enum AttentionProduct {
    enum Kind {
        /// Spikformer's Q·Kᵀ.
        case queryKey
        /// Spikformer's (Q·Kᵀ)·V.
        case scoresValue
        /// SDT's Σ_N K ⊗ V.
        case keyValueColumnSum
    }

    /// Hands the product's counts to `monitor` under `name`, when it wants them. Operands are the
    /// heads `[T, B, h, N, d]` of Q, K and V (Q unused for ``Kind/keyValueColumnSum``).
    static func record<M: LayerMonitor>(_ name: String, _ q: Tensor<Float>, _ k: Tensor<Float>, _ v: Tensor<Float>? = nil,
                                        kind: Kind, recorder: TransformerRecording, monitor: inout M) {
        guard monitor.wants(name, .synapticInput) else { return }
        let s = k.shape
        let (t, b, h, n, d) = (s[0], s[1], s[2], s[3], s[4])
        var counts = [Float](repeating: 0, count: t * b)
        let terms: Int
        switch kind {
        case .queryKey:
            terms = h * n * d * n
            let qc = columnNonZeros(q), kc = columnNonZeros(k)             // [T·B·h, d]
            for matrix in 0..<(t * b * h) {
                var sum = 0
                for c in 0..<d { sum += qc[matrix * d + c] * kc[matrix * d + c] }
                counts[matrix / h] += Float(sum)
            }
        case .scoresValue:
            terms = h * n * n * d
            let scores = q.detached().batchedMatmul(k.detached(), transposeOther: true)   // [T, B, h, N, N]
            let sc = columnNonZeros(scores)                                             // nnz of S's columns j
            let vr = rowNonZeros(v!)                                                     // nnz of V's rows j
            for matrix in 0..<(t * b * h) {
                var sum = 0
                for j in 0..<n { sum += sc[matrix * n + j] * vr[matrix * n + j] }
                counts[matrix / h] += Float(sum)
            }
        case .keyValueColumnSum:
            terms = h * n * d
            let per = h * n * d
            for sample in 0..<(t * b) {
                var sum = 0
                for i in (sample * per)..<((sample + 1) * per) where k.scalars[i] != 0 && v!.scalars[i] != 0 { sum += 1 }
                counts[sample] = Float(sum)
            }
        }
        recorder.synapse(name, input: Tensor(shape: [t, b, 1], scalars: counts),
                         layer: SynapticLayer(connectivity: .activationProduct(termsPerSample: terms), inChannels: 1, outChannels: 1,
                                              input: .spikes),
                         monitor: &monitor)
    }

    /// For matrices `[…, rows, columns]`: the non-zero count of each column, `[matrices · columns]`.
    static func columnNonZeros(_ x: Tensor<Float>) -> [Int] {
        let (rows, columns) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        let matrices = x.count / max(rows * columns, 1)
        var out = [Int](repeating: 0, count: matrices * columns)
        x.scalars.withUnsafeBufferPointer { p in
            for m in 0..<matrices {
                for r in 0..<rows {
                    let base = (m * rows + r) * columns
                    for c in 0..<columns where p[base + c] != 0 { out[m * columns + c] += 1 }
                }
            }
        }
        return out
    }

    /// For matrices `[…, rows, columns]`: the non-zero count of each row, `[matrices · rows]`.
    static func rowNonZeros(_ x: Tensor<Float>) -> [Int] {
        let columns = x.shape[x.rank - 1]
        var out = [Int](repeating: 0, count: x.count / max(columns, 1))
        x.scalars.withUnsafeBufferPointer { p in
            for r in 0..<out.count {
                var count = 0
                for c in 0..<columns where p[r * columns + c] != 0 { count += 1 }
                out[r] = count
            }
        }
        return out
    }
}
