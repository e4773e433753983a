// See include/CKernels.h. Loops mirror the Swift kernels they replace operation for operation.
#include "CKernels.h"
#include "clones.h"
#include "col2im.h"
#include <math.h>

#pragma clang fp contract(off)


// Short rows (image lines of 7–28 values, BN rows of 49–784, event updates of 48–192) are
// vectorised without interleaving, so the vector loop covers them instead of the scalar tail.
// Loops live in helpers with restrict parameters (LLVM trusts restrict only on parameters), so they
// vectorise without runtime overlap checks; always_inline puts them into each clone.
#ifndef CK_INLINE
#define CK_INLINE static inline __attribute__((always_inline))
#endif

// Vector types for the lane sums (unaligned loads; the lanes are those of the Swift loops).
typedef float v8f __attribute__((vector_size(32), aligned(4)));
typedef float v4f __attribute__((vector_size(16), aligned(4)));

enum { CK_BLOCK = 256 };

CK_CLONES
void ck_axpy_f32(float *restrict dst, const float *restrict src, float v, long n) {
    #pragma clang loop interleave_count(1)
    for (long i = 0; i < n; i++) dst[i] += v * src[i];
}

CK_CLONES
void ck_col2im_f32(const float *cols, long ld, float *x, long in_per_group, long height, long width,
                   long out_height, long out_width, long kernel_h, long kernel_w, long stride_h, long stride_w,
                   long pad_h, long pad_w, long dil_h, long dil_w) {
    col2im(cols, ld, x, in_per_group, height, width, out_height, out_width, kernel_h, kernel_w, stride_h, stride_w,
           pad_h, pad_w, dil_h, dil_w);
}

#define LANES8(s) (((s)[0] + (s)[1]) + ((s)[2] + (s)[3])) + (((s)[4] + (s)[5]) + ((s)[6] + (s)[7]))
#define LANES4(s) (((s)[0] + (s)[1]) + ((s)[2] + (s)[3]))
#define LOAD8(p) ({ v8f r_; __builtin_memcpy(&r_, (p), sizeof r_); r_; })
#define LOAD4(p) ({ v4f r_; __builtin_memcpy(&r_, (p), sizeof r_); r_; })

static inline __attribute__((always_inline)) double block_sum(const float *p, long n) {
    double total = 0;
    for (long start = 0; start < n; start += CK_BLOCK) {
        long end = start + CK_BLOCK < n ? start + CK_BLOCK : n;
        v8f s = {0, 0, 0, 0, 0, 0, 0, 0};
        long i = start;
        for (; i + 8 <= end; i += 8) s += LOAD8(p + i);
        for (; i < end; i++) s[0] += p[i];
        total += (double)(LANES8(s));
    }
    return total;
}

static inline __attribute__((always_inline)) double block_squared_deviations(const float *p, long n, float mu) {
    double total = 0;
    v8f m = {mu, mu, mu, mu, mu, mu, mu, mu};
    for (long start = 0; start < n; start += CK_BLOCK) {
        long end = start + CK_BLOCK < n ? start + CK_BLOCK : n;
        v8f s = {0, 0, 0, 0, 0, 0, 0, 0};
        long i = start;
        for (; i + 8 <= end; i += 8) { v8f d = LOAD8(p + i) - m; s += d * d; }
        for (; i < end; i++) { float d = p[i] - mu; s[0] += d * d; }
        total += (double)(LANES8(s));
    }
    return total;
}

CK_CLONES
void ck_bn_statistics_f32(const float *x, long batch, long channels, long spatial, long c,
                          double *mean, double *variance) {
    double m = (double)(batch * spatial);
    double s = 0;
    for (long n = 0; n < batch; n++) s += block_sum(x + (n * channels + c) * spatial, spatial);
    double mu = s / m;
    double q = 0;
    for (long n = 0; n < batch; n++) q += block_squared_deviations(x + (n * channels + c) * spatial, spatial, (float)mu);
    *mean = mu;
    *variance = q / m;
}

CK_INLINE void normalize_row(const float *restrict xr, float *restrict nr, float *restrict orow, long spatial,
                             float mu, float inv, float gamma, float beta) {
    #pragma clang loop interleave_count(1)
    for (long i = 0; i < spatial; i++) {
        float h = (xr[i] - mu) * inv;
        nr[i] = h;
        orow[i] = gamma * h + beta;
    }
}

CK_INLINE void affine_row(const float *restrict xr, float *restrict orow, long spatial, float a, float b) {
    #pragma clang loop interleave_count(1)
    for (long i = 0; i < spatial; i++) orow[i] = a * xr[i] + b;
}

CK_INLINE void bn_dx_row(const float *restrict dr, const float *restrict hr, float *restrict xr, long spatial,
                         float a, float b0, float b1) {
    #pragma clang loop interleave_count(1)
    for (long i = 0; i < spatial; i++) xr[i] = a * dr[i] - b0 - b1 * hr[i];
}

CK_CLONES
void ck_bn_normalize_f32(const float *x, float *normalized, float *output, long batch, long channels,
                         long spatial, long c, float mu, float inv, float gamma, float beta) {
    for (long n = 0; n < batch; n++) {
        long offset = (n * channels + c) * spatial;
        if (normalized) {
            normalize_row(x + offset, normalized + offset, output + offset, spatial, mu, inv, gamma, beta);
        } else {
            affine_row(x + offset, output + offset, spatial, gamma * inv, beta - gamma * inv * mu);
        }
    }
}

CK_CLONES
void ck_bn_backward_f32(const float *dy, const float *normalized, float *dx, long batch, long channels,
                        long spatial, long c, float k, float m, int training, float *sum_dy, float *sum_dyh) {
    double total = 0, dot = 0;
    for (long n = 0; n < batch; n++) {
        const float *a = dy + (n * channels + c) * spatial, *b = normalized + (n * channels + c) * spatial;
        for (long start = 0; start < spatial; start += CK_BLOCK) {
            long end = start + CK_BLOCK < spatial ? start + CK_BLOCK : spatial;
            v4f s = {0, 0, 0, 0}, q = {0, 0, 0, 0};
            long i = start;
            for (; i + 4 <= end; i += 4) { v4f va = LOAD4(a + i); s += va; q += va * LOAD4(b + i); }
            for (; i < end; i++) { s[0] += a[i]; q[0] += a[i] * b[i]; }
            total += (double)(LANES4(s));
            dot += (double)(LANES4(q));
        }
    }
    float sdy = (float)total, sdyh = (float)dot;
    *sum_dy = sdy;
    *sum_dyh = sdyh;
    float a = k, b0 = training ? k / m * sdy : 0, b1 = training ? k / m * sdyh : 0;
    for (long n = 0; n < batch; n++) {
        long offset = (n * channels + c) * spatial;
        bn_dx_row(dy + offset, normalized + offset, dx + offset, spatial, a, b0, b1);
    }
}


CK_INLINE void neuron_step(const float *restrict xt, float *restrict vt, float *restrict ht, float *restrict st,
                           long lo, long hi, float a, float b, float c, float threshold, float hard, float reset,
                           float soft) {
    for (long i = lo; i < hi; i++) {
        float h = a * vt[i] + b * xt[i] + c;
        float s = h >= threshold ? 1.0f : 0.0f;
        ht[i] = h;
        st[i] = s;
        vt[i] = h - s * (hard * (h - reset) + soft * threshold);
    }
}

CK_INLINE void neuron_step_untraced(const float *restrict xt, float *restrict vt, float *restrict st,
                                    long lo, long hi, float a, float b, float c, float threshold, float hard,
                                    float reset, float soft) {
    for (long i = lo; i < hi; i++) {
        float h = a * vt[i] + b * xt[i] + c;
        float s = h >= threshold ? 1.0f : 0.0f;
        st[i] = s;
        vt[i] = h - s * (hard * (h - reset) + soft * threshold);
    }
}

CK_CLONES
void ck_neuron_forward_f32(const float *x, float *v, float *charged, float *spikes, long n, long lo, long hi,
                           long steps, float a, float b, float c, float threshold, float hard, float reset) {
    float soft = 1 - hard;
    for (long t = 0; t < steps; t++) {
        if (charged) {
            neuron_step(x + t * n, v, charged + t * n, spikes + t * n, lo, hi, a, b, c, threshold, hard, reset, soft);
        } else {
            neuron_step_untraced(x + t * n, v, spikes + t * n, lo, hi, a, b, c, threshold, hard, reset, soft);
        }
    }
}

CK_INLINE void neuron_step_affine(const float *restrict xt, float *restrict vt, float *restrict st, long lo, long hi,
                                  float a, float b, float c, float threshold, float hard, float reset, float soft,
                                  float sa, float sb) {
    for (long i = lo; i < hi; i++) {
        float h = a * vt[i] + b * (sa * xt[i] + sb) + c;
        float s = h >= threshold ? 1.0f : 0.0f;
        st[i] = s;
        vt[i] = h - s * (hard * (h - reset) + soft * threshold);
    }
}

// The affine per element of a row of channels (spatial extent 1: channel = index mod channels).
CK_INLINE void neuron_step_affine_channels(const float *restrict xr, float *restrict vr, float *restrict sr, long lo,
                                           long hi, float a, float b, float c, float threshold, float hard,
                                           float reset, float soft, const float *restrict scale,
                                           const float *restrict shift) {
    for (long j = lo; j < hi; j++) {
        float h = a * vr[j] + b * (scale[j] * xr[j] + shift[j]) + c;
        float s = h >= threshold ? 1.0f : 0.0f;
        sr[j] = s;
        vr[j] = h - s * (hard * (h - reset) + soft * threshold);
    }
}

CK_CLONES
void ck_neuron_forward_affine_f32(const float *x, float *v, float *spikes, long n, long lo, long hi, long steps,
                                  float a, float b, float c, float threshold, float hard, float reset,
                                  const float *scale, const float *shift, long spatial, long channels) {
    float soft = 1 - hard;
    for (long t = 0; t < steps; t++) {
        const float *xt = x + t * n;
        float *st = spikes + t * n;
        long i = lo;
        while (spatial == 1 && i < hi) {      // rows of `channels` elements, one per channel
            long base = i - i % channels;
            long end = base + channels < hi ? base + channels : hi;
            neuron_step_affine_channels(xt + base, v + base, st + base, i - base, end - base, a, b, c, threshold, hard,
                                        reset, soft, scale, shift);
            i = end;
        }
        while (i < hi) {                      // rows of `spatial` elements share a channel
            long row = i / spatial;
            long ch = row % channels;
            long end = (row + 1) * spatial < hi ? (row + 1) * spatial : hi;
            neuron_step_affine(xt, v, st, i, end, a, b, c, threshold, hard, reset, soft, scale[ch], shift[ch]);
            i = end;
        }
    }
}

CK_INLINE void neuron_backward_step(const float *restrict ht, const float *restrict gst, float *restrict gxt,
                                    float *restrict gv, long lo, long hi, float threshold, float hard, float reset,
                                    float soft, float through, float kx, float kv, float su, float sa) {
    for (long i = lo; i < hi; i++) {
        float h = ht[i], gV = gv[i];
        float s = h >= threshold ? 1.0f : 0.0f;
        float u = su * (h - threshold);
        float sg = sa / (1 + u * u);
        float dVdH = 1 - hard * s;
        float dVdS = hard * (reset - h) - soft * threshold;
        float gH = (gst[i] + through * gV * dVdS) * sg + gV * dVdH;
        gxt[i] = gH * kx;
        gv[i] = gH * kv;
    }
}

CK_CLONES
void ck_neuron_backward_atan_f32(const float *charged, const float *grad_s, float *gx, float *g, long n,
                                 long lo, long hi, long steps, float threshold, float hard, float reset,
                                 float through, float kx, float kv, float su, float sa) {
    float soft = 1 - hard;
    for (long t = steps - 1; t >= 0; t--) {
        neuron_backward_step(charged + t * n, grad_s + t * n, gx + t * n, g, lo, hi, threshold, hard, reset, soft,
                             through, kx, kv, su, sa);
    }
}

// e^x in Float for vector loops (Cephes' expf: x = n·ln 2 + r, |r| ≤ ln 2 / 2, a degree-5 polynomial
// for (e^r − 1 − r)/r², 2^n by exponent bits; within 2 ulp of e^x on [−87, 88], clamped outside).
CK_INLINE float vector_expf(float x) {
    x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
    float n = __builtin_rintf(x * 1.44269504088896341f);
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * (r * r) + r + 1.0f;
    union { int i; float f; } scale = { .i = ((int)n + 127) << 23 };
    return y * scale.f;
}

CK_INLINE void neuron_backward_step_sigmoid(const float *restrict ht, const float *restrict gst, float *restrict gxt,
                                            float *restrict gv, long lo, long hi, float threshold, float hard,
                                            float reset, float soft, float through, float kx, float kv, float alpha) {
    for (long i = lo; i < hi; i++) {
        float h = ht[i], gV = gv[i];
        float s = h >= threshold ? 1.0f : 0.0f;
        float e = 1.0f / (1.0f + vector_expf(-alpha * (h - threshold)));
        float sg = alpha * e * (1.0f - e);
        float dVdH = 1 - hard * s;
        float dVdS = hard * (reset - h) - soft * threshold;
        float gH = (gst[i] + through * gV * dVdS) * sg + gV * dVdH;
        gxt[i] = gH * kx;
        gv[i] = gH * kv;
    }
}

CK_CLONES
void ck_neuron_backward_sigmoid_f32(const float *charged, const float *grad_s, float *gx, float *g, long n,
                                    long lo, long hi, long steps, float threshold, float hard, float reset,
                                    float through, float kx, float kv, float alpha) {
    float soft = 1 - hard;
    for (long t = steps - 1; t >= 0; t--) {
        neuron_backward_step_sigmoid(charged + t * n, grad_s + t * n, gx + t * n, g, lo, hi, threshold, hard, reset,
                                     soft, through, kx, kv, alpha);
    }
}

CK_CLONES
float ck_vector_expf(float x) { return vector_expf(x); }

CK_CLONES
static const char *isa(void) {
#if defined(__AVX512F__)
    return "avx512f";
#elif defined(__AVX2__)
    return "avx2";
#else
    return "default";
#endif
}

const char *ck_kernels_isa(void) { return isa(); }

// One block of ck_pack_bytes_f32: b = x clamped to [0, 255] (NaN → 0) and truncated; any x whose
// bits differ from those of (float)b (a fraction, −0, NaN, out of range) sets a bit of `bad`.
CK_INLINE unsigned pack_bytes_block(const float *restrict x, unsigned char *restrict out, long n) {
    unsigned bad = 0;
    for (long i = 0; i < n; i++) {
        float v = x[i];
        float c = v > 255.0f ? 255.0f : (v > 0.0f ? v : 0.0f);
        unsigned char b = (unsigned char)c;
        bad |= __builtin_bit_cast(unsigned, (float)b) ^ __builtin_bit_cast(unsigned, v);
        out[i] = b;
    }
    return bad;
}

CK_CLONES
long ck_pack_bytes_f32(const float *x, unsigned char *out, long n) {
    enum { block = 4096 };
    for (long lo = 0; lo < n; lo += block) {
        long count = n - lo < block ? n - lo : block;
        if (pack_bytes_block(x + lo, out + lo, count) != 0) return 0;
    }
    return 1;
}

CK_INLINE void unpack_bytes(const unsigned char *restrict in, float *restrict x, long n) {
    for (long i = 0; i < n; i++) x[i] = (float)in[i];
}

CK_CLONES
void ck_unpack_bytes_f32(const unsigned char *in, float *x, long n) { unpack_bytes(in, x, n); }
