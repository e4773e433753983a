// See include/CKernels.h: the similarity code's per-block row passes over float32 layers.
#include "CKernels.h"
#include "clones.h"

#pragma clang fp contract(off)


// Eight double lanes per row (vector types, so every ISA keeps the same lanes), combined in one
// fixed order: the result depends only on the row's values and width, never on the instruction set
// (no contraction).
typedef float ck_v8f __attribute__((vector_size(32), aligned(4)));
typedef double ck_v8d __attribute__((vector_size(64), aligned(8)));

static inline __attribute__((always_inline)) double ck_lanes_total(const ck_v8d *lanes) {
    const ck_v8d lane = *lanes;
    return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

static inline __attribute__((always_inline)) void ck_shift_row(const float *restrict x, float *restrict y,
                                                               long width, double c, double *sum, double *square) {
    ck_v8d s = {0, 0, 0, 0, 0, 0, 0, 0}, q = {0, 0, 0, 0, 0, 0, 0, 0};
    const ck_v8d shift = {c, c, c, c, c, c, c, c};
    long j = 0;
    for (; j + 8 <= width; j += 8) {
        ck_v8f v = __builtin_convertvector(__builtin_convertvector(*(const ck_v8f *)(x + j), ck_v8d) - shift, ck_v8f);
        *(ck_v8f *)(y + j) = v;
        ck_v8d d = __builtin_convertvector(v, ck_v8d);
        s += d;
        q += d * d;
    }
    double total = ck_lanes_total(&s), squares = ck_lanes_total(&q);
    for (; j < width; j++) {
        float v = (float)((double)x[j] - c);
        y[j] = v;
        total += (double)v;
        squares += (double)v * (double)v;
    }
    *sum = total;
    *square = squares;
}

static inline __attribute__((always_inline)) void ck_scan_row(const float *restrict x, long width, double *sum,
                                                              double *square) {
    ck_v8d s = {0, 0, 0, 0, 0, 0, 0, 0}, q = {0, 0, 0, 0, 0, 0, 0, 0};
    long j = 0;
    for (; j + 8 <= width; j += 8) {
        ck_v8d d = __builtin_convertvector(*(const ck_v8f *)(x + j), ck_v8d);
        s += d;
        q += d * d;
    }
    double total = ck_lanes_total(&s), squares = ck_lanes_total(&q);
    for (; j < width; j++) {
        double v = (double)x[j];
        total += v;
        squares += v * v;
    }
    *sum = total;
    *square = squares;
}

CK_CLONES
void ck_shift_rows_f32(const float *src, long stride, float *out, long width, long first, long end,
                       const double *shift, double *sums, double *squares) {
    for (long i = first; i < end; i++) {
        ck_shift_row(src + i * stride, out + i * width, width, shift[i], sums + i, squares + i);
    }
}

CK_CLONES
void ck_scan_rows_f32(const float *src, long stride, long width, long first, long end, double *sums,
                      double *squares) {
    for (long i = first; i < end; i++) ck_scan_row(src + i * stride, width, sums + i, squares + i);
}

// Σ x in double over eight lanes combined in the fixed order above (monitors: spike counts are
// exact integers in any order; analog values get this one order on every ISA).
CK_CLONES
double ck_sum_f32(const float *x, long n) {
    ck_v8d s = {0, 0, 0, 0, 0, 0, 0, 0};
    long j = 0;
    for (; j + 8 <= n; j += 8) s += __builtin_convertvector(*(const ck_v8f *)(x + j), ck_v8d);
    double total = ck_lanes_total(&s);
    for (; j < n; j++) total += (double)x[j];
    return total;
}
