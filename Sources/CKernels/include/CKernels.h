// CKernels: the hot Float loops of the engine (and the similarity row scans) in plain C11, each compiled for several instruction sets
// (AVX-512, AVX2, baseline) with clang function multiversioning; the loader picks one per CPU, so
// one binary runs on any x86-64 and uses the widest vectors available. Elsewhere (non-x86 or a
// compiler without target_clones) the baseline build alone is used.
//
// Every function computes exactly what the Swift loop it replaces computes, in the same order:
// no floating-point contraction (fp contract off), the same lane structure for sums, so results
// are bit-identical to the Swift paths on every instruction set (CortexEngineTests checks this).
#ifndef CORTEXKIT_CKERNELS_H
#define CORTEXKIT_CKERNELS_H

/// dst[i] += v·src[i], i < n (dst and src do not overlap).
void ck_axpy_f32(float *dst, const float *src, float v, long n);

/// Adds a `patch × pixels` block of `cols` (row stride ld) back into one group of one sample
/// (col2im, the adjoint of im2col); geometry as in ConvolutionGeometry.
void ck_col2im_f32(const float *cols, long ld, float *x, long in_per_group, long height, long width,
                   long out_height, long out_width, long kernel_h, long kernel_w, long stride_h, long stride_w,
                   long pad_h, long pad_w, long dil_h, long dil_w);

/// dL/dx of one group of one sample without the patch matrix: for each input channel c, its kH·kW
/// patch rows Wᵀ·dout (`wt` = the group's weight transposed to `[C/g·kH·kW, out_channels]`, `dout`
/// `[out_channels, outH·outW]`) are formed in `scratch` and added into channel c of `x` as col2im
/// adds them, so they stay in cache. Each patch element is the sum over o ascending from 0 that a
/// GEMM forms; contraction to FMA is allowed (as in OpenBLAS's kernels). `scratch` holds
/// ck_conv_input_gradient_scratch(…) floats.
void ck_conv_input_gradient_f32(const float *dout, const float *wt, long out_channels, float *x, float *scratch,
                                long in_per_group, long height, long width, long out_height, long out_width,
                                long kernel_h, long kernel_w, long stride_h, long stride_w,
                                long pad_h, long pad_w, long dil_h, long dil_w);

/// Floats of scratch space ck_conv_input_gradient_f32 needs.
long ck_conv_input_gradient_scratch(long out_channels, long out_height, long out_width, long kernel_h, long kernel_w);

/// dL/dW of one group of one sample without the patch matrix, accumulated into `dwt`
/// `[C/g·kH·kW, ld]` (the weight gradient transposed; ld = out_channels rounded up to 16, the extra
/// columns stay 0): dout `[out_channels, outH·outW]` is transposed to `[pixels, ld]`, then for each
/// input channel c its kH·kW patch rows (im2col of c) are formed in `scratch` and
/// dwt[c·kH·kW + m, o] += Σ_p rows[m, p] · dout[o, p], p ascending (FMA where the CPU has it).
/// `scratch` holds ck_conv_weight_gradient_scratch(ld, …) floats.
void ck_conv_weight_gradient_f32(const float *x, const float *dout, long out_channels, float *dwt, long ld, float *scratch,
                                 long in_per_group, long height, long width, long out_height, long out_width,
                                 long kernel_h, long kernel_w, long stride_h, long stride_w,
                                 long pad_h, long pad_w, long dil_h, long dil_w);

/// Floats of scratch space ck_conv_weight_gradient_f32 needs.
long ck_conv_weight_gradient_scratch(long padded_out_channels, long out_height, long out_width, long kernel_h, long kernel_w);

/// Batch-norm training statistics of channel c of `[batch, channels, spatial]`: blocks of 256 values
/// summed in eight Float lanes, block totals in double; two passes (mean, squared deviations).
/// Returns the double mean and the biased variance.
void ck_bn_statistics_f32(const float *x, long batch, long channels, long spatial, long c,
                          double *mean, double *variance);

/// y = γ·x̂ + β with x̂ = (x − μ)·inv for channel c; x̂ stored when `normalized` is not null,
/// otherwise y = (γ·inv)·x + (β − γ·inv·μ).
void ck_bn_normalize_f32(const float *x, float *normalized, float *output, long batch, long channels,
                         long spatial, long c, float mu, float inv, float gamma, float beta);

/// Batch-norm backward for channel c: Σdy and Σdy·x̂ (four Float lanes per 256 block, blocks in
/// double) returned in sum_dy / sum_dyh (as Float), then dx = a·dy − b0 − b1·x̂ with
/// a = k, b0 = (k/m)·Σdy, b1 = (k/m)·Σdy·x̂ in training (b0 = b1 = 0 otherwise).
void ck_bn_backward_f32(const float *dy, const float *normalized, float *dx, long batch, long channels,
                        long spatial, long c, float k, float m, int training, float *sum_dy, float *sum_dyh);

/// Multi-step neuron forward over neurons lo..<hi of n, steps T: H = a·V + b·X + c,
/// S = [H ≥ θ], V = H − S·(hard·(H − V_reset) + (1 − hard)·θ). `charged` (H, [T·n]) may be null.
void ck_neuron_forward_f32(const float *x, float *v, float *charged, float *spikes, long n, long lo, long hi,
                           long steps, float a, float b, float c, float threshold, float hard, float reset);

/// The untraced forward with a per-channel input affine (inference BN folded in): the neurons see
/// scale[ch]·X + shift[ch], ch = (i / spatial) mod channels, i.e. H = a·V + b·(scale·X + shift) + c.
void ck_neuron_forward_affine_f32(const float *x, float *v, float *spikes, long n, long lo, long hi, long steps,
                                  float a, float b, float c, float threshold, float hard, float reset,
                                  const float *scale, const float *shift, long spatial, long channels);

/// Multi-step neuron backward (BPTT) with the ATan surrogate σ′(u) = sa / (1 + (su·u)²) over
/// neurons lo..<hi: g (dL/dV, [n]) in/out, grad_s the joint gradient's spike part [T·n], gx [T·n].
void ck_neuron_backward_atan_f32(const float *charged, const float *grad_s, float *gx, float *g, long n,
                                 long lo, long hi, long steps, float threshold, float hard, float reset,
                                 float through, float kx, float kv, float su, float sa);

/// The same backward with the sigmoid surrogate σ′(u) = α·σ(αu)·(1 − σ(αu)), σ computed in Float
/// with a vectorisable e^x (``ck_vector_expf``; within a few ulp of the Double derivative).
void ck_neuron_backward_sigmoid_f32(const float *charged, const float *grad_s, float *gx, float *g, long n,
                                    long lo, long hi, long steps, float threshold, float hard, float reset,
                                    float through, float kx, float kv, float alpha);

/// e^x in Float as the sigmoid backward computes it (Cephes' expf; within 2 ulp on [−87, 88], clamped outside).
float ck_vector_expf(float x);

/// Writes each x[i] (i < n) as one byte when every x[i] is an integer in 0…255 whose float is
/// bit for bit (unsigned char)x[i] converted back (so not −0 or NaN); returns 1 then, else 0 (`out`
/// is then partly written). Checks in blocks and stops at the first block holding another value.
long ck_pack_bytes_f32(const float *x, unsigned char *out, long n);

/// x[i] = in[i] as a float, i < n.
void ck_unpack_bytes_f32(const unsigned char *in, float *x, long n);

/// The ISA the loader chose for these kernels: "avx512f", "avx2" or "default".
const char *ck_kernels_isa(void);

// Similarity (similarity.c): per-block row passes of GramAccumulator over float32 layers. Sums are
// kept in eight double lanes per row, combined in a fixed order, so a row's result depends only on
// its values and the block width (identical rows give identical sums) on every instruction set.

/// Rows first..<end of a block (row stride `stride`): y = (float)((double)x − shift[i]) written to
/// out (row stride `width`), with Σy and Σy² in double.
void ck_shift_rows_f32(const float *src, long stride, float *out, long width, long first, long end,
                       const double *shift, double *sums, double *squares);

/// Rows first..<end of a block: Σx and Σx² in double, nothing written.
void ck_scan_rows_f32(const float *src, long stride, long width, long first, long end, double *sums,
                      double *squares);

/// Σ x[i], i < n, in double: eight lanes combined in a fixed order (the firing-rate and
/// synaptic-operation monitors; exact for spike counts).
double ck_sum_f32(const float *x, long n);

#endif
