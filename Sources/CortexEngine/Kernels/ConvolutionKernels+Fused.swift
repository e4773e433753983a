import CKernels
import CortexNumerics

/// Dense convolution gradients without the `[C·kH·kW, pixels]` patch matrix (C kernels, Float):
/// the GEMM + im2col / col2im path writes that matrix (zeroed first by OpenBLAS for β = 0) and reads
/// it back; these form one input channel's kH·kW patch rows at a time in a scratch block that stays
/// in cache. Which geometries take them was measured against the GEMM path (one thread, 32 samples).
extension ConvolutionKernels {
    /// Whether the C path forms dL/dx channel by channel
    /// (``fusedInputGradient(outputGradient:weight:geometry:)``): kernels of ≥ 4 taps on output
    /// planes of ≥ 64 pixels. Measured against GEMM + col2im (one thread, 3×3 kernels, bit-identical
    /// results): 16×16 1.25–1.65× faster, 8×8 1.37×, 64×64 1.15–1.41×, 32×32 1.16×, 28×28 1.11×,
    /// 14×14 1.03×; slower on 7×7 (0.87×) and 4×4 (0.67×), where K = O is large against few pixels.
    /// 1×1 stride-2 kernels: 0.5–0.85× (each dout load serves one patch row only).
    static func fusesInputGradient(_ g: ConvolutionGeometry) -> Bool {
        g.pixels >= 64 && g.kernelHeight * g.kernelWidth >= 4
    }

    /// dL/dx without the patch matrix (each sample's block zeroed by the chunk that fills it): per
    /// sample, group and input channel c,
    /// `ck_conv_input_gradient_f32` forms c's kH·kW patch rows Wᵀ·dout in a scratch block that
    /// stays in cache and adds them into channel c as col2im does. The GEMM + col2im path writes
    /// the whole `[C·kH·kW, pixels]` matrix (zeroed first by OpenBLAS, β = 0), then reads it back.
    /// Each patch element is the same sum over o ascending (FMA where the CPU has it).
    @_specialize(where S == Float)
    static func fusedInputGradient<S: TensorScalar>(outputGradient: [S], weight: [S], geometry g: ConvolutionGeometry) -> [S] {
        precondition(S.self == Float.self, "ConvolutionKernels.fusedInputGradient: Float only")
        // Each group's weight [O/g, patch] transposed to [patch, O/g].
        var transposed = [S](unsafeUninitializedCapacity: weight.count) { _, c in c = weight.count }
        let groupWeights = g.outPerGroup * g.patch
        weight.withUnsafeBufferPointer { w in
            transposed.withUnsafeMutableBufferPointer { t in
                for group in 0..<g.groups {
                    let (src, dst) = (w.baseAddress! + group * groupWeights, t.baseAddress! + group * groupWeights)
                    for o in 0..<g.outPerGroup { for r in 0..<g.patch { dst[r * g.outPerGroup + o] = src[o * g.patch + r] } }
                }
            }
        }
        let plane = g.height * g.width
        let count = g.batch * g.inChannels * plane
        var dx = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        outputGradient.withUnsafeBufferPointer { pd in
            transposed.withUnsafeBufferPointer { pw in
                dx.withUnsafeMutableBufferPointer { pdx in
                    let d = SendableConstPointer(base: pd.baseAddress!)
                    let wt = SendableConstPointer(base: pw.baseAddress!)
                    let x = SendablePointer(base: pdx.baseAddress!)
                    ParallelFor.run(count: g.batch) { range in
                        let scratch = UnsafeMutablePointer<Float>.allocate(
                            capacity: ck_conv_input_gradient_scratch(g.outPerGroup, g.outHeight, g.outWidth, g.kernelHeight, g.kernelWidth))
                        defer { scratch.deallocate() }
                        for n in range {
                            (x.base + n * g.inChannels * plane).update(repeating: 0, count: g.inChannels * plane)
                            for group in 0..<g.groups {
                                let gradient = d.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels
                                let target = x.base + (n * g.inChannels + group * g.inPerGroup) * plane
                                ck_conv_input_gradient_f32(CKernelBridge.float(gradient), CKernelBridge.float(wt.base + group * groupWeights),
                                                           g.outPerGroup, CKernelBridge.float(target), scratch,
                                                           g.inPerGroup, g.height, g.width, g.outHeight, g.outWidth,
                                                           g.kernelHeight, g.kernelWidth, g.strideH, g.strideW,
                                                           g.paddingH, g.paddingW, g.dilationH, g.dilationW)
                            }
                        }
                    }
                }
            }
        }
        return dx
    }

    /// Whether the C path forms dL/dW channel by channel (``fusedWeightGradient(input:outputGradient:geometry:)``):
    /// kernels of 4…9 taps (2×2, 3×3) on inputs of ≥ 2 channels per group. Measured against im2col +
    /// GEMM (one thread, 32 or 256 samples): 1.5–1.8× faster on 8×8 and 16×16 planes, 1.2–1.5× on
    /// 28×28 and 64×64, 1.05× on 32×32 (3×3, 8–64 channels); 0.66× on the one-channel 7×7 stem.
    static func fusesWeightGradient(_ g: ConvolutionGeometry) -> Bool {
        g.inPerGroup >= 2 && (4...9).contains(g.kernelHeight * g.kernelWidth)
    }

    /// dL/dW without the patch matrix: per chunk of samples, `ck_conv_weight_gradient_f32` adds
    /// each sample's Σ_p rows[m, p] · dout[o, p] (p ascending, FMA where the CPU has it) into a
    /// transposed partial `[groups][C/g·kH·kW, ld]`; the chunks' partials are added in order and
    /// transposed back to `[O, C/g, kH, kW]`. A different summation order than the GEMM's (which
    /// blocks K and runs panels of samples): equal to rounding, not bit for bit.
    @_specialize(where S == Float)
    static func fusedWeightGradient<S: TensorScalar>(input: [S], outputGradient: [S], geometry g: ConvolutionGeometry) -> [S] {
        precondition(S.self == Float.self, "ConvolutionKernels.fusedWeightGradient: Float only")
        let ld = (g.outPerGroup + 15) / 16 * 16
        let partialCount = g.groups * g.patch * ld
        let chunks = min(ParallelFor.defaultWorkers, g.batch)
        let plane = g.height * g.width
        let partials: [[Float]] = input.withUnsafeBufferPointer { px in
            outputGradient.withUnsafeBufferPointer { pd in
                let x = SendableConstPointer(base: px.baseAddress!)
                let d = SendableConstPointer(base: pd.baseAddress!)
                return ParallelFor.map(count: chunks) { chunk in
                    var dwt = [Float](repeating: 0, count: partialCount)
                    let scratch = UnsafeMutablePointer<Float>.allocate(
                        capacity: ck_conv_weight_gradient_scratch(ld, g.outHeight, g.outWidth, g.kernelHeight, g.kernelWidth))
                    defer { scratch.deallocate() }
                    dwt.withUnsafeMutableBufferPointer { pdw in
                        for n in (chunk * g.batch / chunks)..<((chunk + 1) * g.batch / chunks) {
                            for group in 0..<g.groups {
                                let source = x.base + (n * g.inChannels + group * g.inPerGroup) * plane
                                let gradient = d.base + (n * g.outChannels + group * g.outPerGroup) * g.pixels
                                ck_conv_weight_gradient_f32(CKernelBridge.float(source), CKernelBridge.float(gradient), g.outPerGroup,
                                                            pdw.baseAddress! + group * g.patch * ld, ld, scratch,
                                                            g.inPerGroup, g.height, g.width, g.outHeight, g.outWidth,
                                                            g.kernelHeight, g.kernelWidth, g.strideH, g.strideW,
                                                            g.paddingH, g.paddingW, g.dilationH, g.dilationW)
                            }
                        }
                    }
                    return dwt
                }
            }
        }
        var total = partials[0]
        for p in partials.dropFirst() { for i in 0..<partialCount { total[i] += p[i] } }
        let weightCount = g.outChannels * g.patch
        return [S](unsafeUninitializedCapacity: weightCount) { out, count in
            for group in 0..<g.groups {
                for o in 0..<g.outPerGroup {
                    for r in 0..<g.patch {
                        out[(group * g.outPerGroup + o) * g.patch + r] = CKernelBridge.scalar(total[(group * g.patch + r) * ld + o], as: S.self)
                    }
                }
            }
            count = weightCount
        }
    }
}
