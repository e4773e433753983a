// See include/CKernels.h: dense convolution gradients without the patch matrix (the engine's
// ConvolutionKernels+Fused.swift). Each kernel forms one input channel's kH·kW patch rows at a time
// in a scratch block that stays in cache.
#include "CKernels.h"
#include "clones.h"
#include "col2im.h"

#pragma clang fp contract(off)

// The patch rows m < taps of one channel over all output pixels p:
// rows[m·pixels + p] = Σ_o wt[m·out_channels + o] · dout[o, p], o ascending from 0 — the sum a GEMM
// of K = out_channels forms per element. Whole blocks of 32 pixels read dout in place, a last
// partial block a zero-padded copy `tail` [o][32]. R rows × 32 pixels (R = 9: a 3×3 kernel's taps
// at once, dout streamed once per channel) keep their accumulators in AVX-512 registers;
// contraction to FMA is allowed here (as in OpenBLAS's kernels, whose sums these equal bit for bit
// on AVX-512; CKernelsTests compares).
enum { CK_PIXEL_BLOCK = 32 };

CK_INLINE void patch_block(const float *restrict block, long ld, const float *restrict wt, long out_channels,
                           float *restrict rows, long pixels, long m, long p0, long n, const int R, const int whole) {
    #pragma clang fp contract(fast)
    enum { B = CK_PIXEL_BLOCK };
    float acc[9][B];
    for (int r = 0; r < R; r++) for (int i = 0; i < B; i++) acc[r][i] = 0;
    const float *w = wt + m * out_channels;
    for (long o = 0; o < out_channels; o++) {
        const float *d = block + o * ld;
        for (int r = 0; r < R; r++) {
            float v = w[r * out_channels + o];
            for (int i = 0; i < B; i++) acc[r][i] += v * d[i];
        }
    }
    if (whole) {
        for (int r = 0; r < R; r++) for (int i = 0; i < B; i++) rows[(m + r) * pixels + p0 + i] = acc[r][i];
    } else {
        for (int r = 0; r < R; r++) for (long i = 0; i < n; i++) rows[(m + r) * pixels + p0 + i] = acc[r][i];
    }
}

CK_INLINE void patch_column(const float *restrict block, long ld, const float *restrict wt, long out_channels,
                            float *restrict rows, long pixels, long taps, long p0, long n, const int whole) {
    long m = 0;
    for (; m + 9 <= taps; m += 9) patch_block(block, ld, wt, out_channels, rows, pixels, m, p0, n, 9, whole);
    for (; m + 4 <= taps; m += 4) patch_block(block, ld, wt, out_channels, rows, pixels, m, p0, n, 4, whole);
    for (; m < taps; m++) patch_block(block, ld, wt, out_channels, rows, pixels, m, p0, n, 1, whole);
}

CK_INLINE void patch_rows(const float *restrict dout, const float *restrict tail, long pixels, const float *restrict wt,
                          long out_channels, long taps, float *restrict rows) {
    enum { B = CK_PIXEL_BLOCK };
    for (long p0 = 0; p0 < pixels; p0 += B) {
        long n = pixels - p0 < B ? pixels - p0 : B;
        const float *block = n < B ? tail : dout + p0;
        long ld = n < B ? B : pixels;
        if (n == B) {
            patch_column(block, ld, wt, out_channels, rows, pixels, taps, p0, n, 1);
        } else {
            patch_column(block, ld, wt, out_channels, rows, pixels, taps, p0, n, 0);
        }
    }
}

CK_CLONES
void ck_conv_input_gradient_f32(const float *dout, const float *wt, long out_channels, float *x, float *scratch,
                                long in_per_group, long height, long width, long out_height, long out_width,
                                long kernel_h, long kernel_w, long stride_h, long stride_w,
                                long pad_h, long pad_w, long dil_h, long dil_w) {
    enum { B = CK_PIXEL_BLOCK };
    long pixels = out_height * out_width, taps = kernel_h * kernel_w;
    float *rows = scratch, *tail = scratch + taps * pixels;
    long p0 = pixels / B * B, n = pixels - p0;
    for (long o = 0; n > 0 && o < out_channels; o++) {
        for (long i = 0; i < n; i++) tail[o * B + i] = dout[o * pixels + p0 + i];
        for (long i = n; i < B; i++) tail[o * B + i] = 0;
    }
    for (long c = 0; c < in_per_group; c++) {
        patch_rows(dout, tail, pixels, wt + c * taps * out_channels, out_channels, taps, rows);
        col2im(rows, pixels, x + c * height * width, 1, height, width, out_height, out_width, kernel_h, kernel_w,
               stride_h, stride_w, pad_h, pad_w, dil_h, dil_w);
    }
}

long ck_conv_input_gradient_scratch(long out_channels, long out_height, long out_width, long kernel_h, long kernel_w) {
    return kernel_h * kernel_w * out_height * out_width + out_channels * CK_PIXEL_BLOCK;
}

// im2col of one channel: rows[(ki·kW + kj)·ld + oy·outW + ox] = plane[iy, ix] (0 outside).
CK_INLINE void channel_patch_rows(const float *restrict plane, float *restrict rows, long ld, long height, long width,
                                  long out_height, long out_width, long kernel_h, long kernel_w, long stride_h,
                                  long stride_w, long pad_h, long pad_w, long dil_h, long dil_w) {
    for (long ki = 0; ki < kernel_h; ki++) {
        for (long kj = 0; kj < kernel_w; kj++) {
            long offset, lo, hi;
            valid_columns(kj, width, out_width, stride_w, pad_w, dil_w, &offset, &lo, &hi);
            float *dst = rows + (ki * kernel_w + kj) * ld;
            for (long oy = 0; oy < out_height; oy++) {
                long iy = oy * stride_h - pad_h + ki * dil_h;
                float *line = dst + oy * out_width;
                if (iy < 0 || iy >= height) {
                    for (long ox = 0; ox < out_width; ox++) line[ox] = 0;
                    continue;
                }
                const float *src = plane + iy * width + offset;
                for (long ox = 0; ox < lo; ox++) line[ox] = 0;
                if (stride_w == 1) {
                    for (long ox = lo; ox < hi; ox++) line[ox] = src[ox];
                } else {
                    for (long ox = lo; ox < hi; ox++) line[ox] = src[ox * stride_w];
                }
                for (long ox = hi; ox < out_width; ox++) line[ox] = 0;
            }
        }
    }
}

// acc[r][o0 + i] over a block of R patch rows × OB output channels:
// dwt[(m + r)·ld + o0 + i] += Σ_p rows[(m + r)·pixels + p] · doutt[p·ld + o0 + i], p ascending.
CK_INLINE void weight_block(const float *restrict rows, long pixels, const float *restrict doutt, long ld,
                            float *restrict dwt, long m, long o0, const int R, const int OB) {
    #pragma clang fp contract(fast)
    float acc[9][32];
    for (int r = 0; r < R; r++) for (int i = 0; i < OB; i++) acc[r][i] = 0;
    for (long p = 0; p < pixels; p++) {
        const float *d = doutt + p * ld + o0;
        for (int r = 0; r < R; r++) {
            float v = rows[(m + r) * pixels + p];
            for (int i = 0; i < OB; i++) acc[r][i] += v * d[i];
        }
    }
    for (int r = 0; r < R; r++) for (int i = 0; i < OB; i++) dwt[(m + r) * ld + o0 + i] += acc[r][i];
}

CK_CLONES
void ck_conv_weight_gradient_f32(const float *x, const float *dout, long out_channels, float *dwt, long ld, float *scratch,
                                 long in_per_group, long height, long width, long out_height, long out_width,
                                 long kernel_h, long kernel_w, long stride_h, long stride_w,
                                 long pad_h, long pad_w, long dil_h, long dil_w) {
    long pixels = out_height * out_width, taps = kernel_h * kernel_w;
    float *doutt = scratch, *rows = scratch + pixels * ld;
    for (long p = 0; p < pixels; p++) {
        float *dst = doutt + p * ld;
        for (long o = 0; o < out_channels; o++) dst[o] = dout[o * pixels + p];
        for (long o = out_channels; o < ld; o++) dst[o] = 0;
    }
    for (long c = 0; c < in_per_group; c++) {
        channel_patch_rows(x + c * height * width, rows, pixels, height, width, out_height, out_width, kernel_h, kernel_w,
                           stride_h, stride_w, pad_h, pad_w, dil_h, dil_w);
        float *block = dwt + c * taps * ld;
        long o0 = 0;
        for (; o0 + 32 <= ld; o0 += 32) {
            long m = 0;
            for (; m + 9 <= taps; m += 9) weight_block(rows, pixels, doutt, ld, block, m, o0, 9, 32);
            for (; m + 4 <= taps; m += 4) weight_block(rows, pixels, doutt, ld, block, m, o0, 4, 32);
            for (; m < taps; m++) weight_block(rows, pixels, doutt, ld, block, m, o0, 1, 32);
        }
        for (; o0 < ld; o0 += 16) {
            long m = 0;
            for (; m + 9 <= taps; m += 9) weight_block(rows, pixels, doutt, ld, block, m, o0, 9, 16);
            for (; m + 4 <= taps; m += 4) weight_block(rows, pixels, doutt, ld, block, m, o0, 4, 16);
            for (; m < taps; m++) weight_block(rows, pixels, doutt, ld, block, m, o0, 1, 16);
        }
    }
}

long ck_conv_weight_gradient_scratch(long padded_out_channels, long out_height, long out_width, long kernel_h, long kernel_w) {
    long pixels = out_height * out_width;
    return pixels * padded_out_channels + kernel_h * kernel_w * pixels;
}
