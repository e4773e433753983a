// See include/CKernels.h: the similarity code's per-block row passes over float32 layers.
#include "CKernels.h"

#pragma clang fp contract(off)

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CK_SIM_NO_CLONES 1
#endif
#endif

#if defined(__x86_64__) && defined(__clang__) && defined(__ELF__) && !defined(CK_SIM_NO_CLONES)
#define CK_SIM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_SIM_CLONES
#endif

// Eight double lanes per row, combined in one fixed order: the result depends only on the row's
// values and width, never on the instruction set (no contraction, same lanes everywhere).
static inline double ck_lanes_total(const double *lane) {
    return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

static inline void ck_shift_row(const float *restrict x, float *restrict y, long width, double c,
                                double *sum, double *square) {
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0}, q[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long j = 0;
    for (; j + 8 <= width; j += 8) {
        for (int l = 0; l < 8; l++) {
            float v = (float)((double)x[j + l] - c);
            y[j + l] = v;
            s[l] += (double)v;
            q[l] += (double)v * (double)v;
        }
    }
    double total = ck_lanes_total(s), squares = ck_lanes_total(q);
    for (; j < width; j++) {
        float v = (float)((double)x[j] - c);
        y[j] = v;
        total += (double)v;
        squares += (double)v * (double)v;
    }
    *sum = total;
    *square = squares;
}

static inline void ck_scan_row(const float *restrict x, long width, double *sum, double *square) {
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0}, q[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long j = 0;
    for (; j + 8 <= width; j += 8) {
        for (int l = 0; l < 8; l++) {
            double v = (double)x[j + l];
            s[l] += v;
            q[l] += v * v;
        }
    }
    double total = ck_lanes_total(s), squares = ck_lanes_total(q);
    for (; j < width; j++) {
        double v = (double)x[j];
        total += v;
        squares += v * v;
    }
    *sum = total;
    *square = squares;
}

CK_SIM_CLONES
void ck_shift_rows_f32(const float *src, long stride, float *out, long width, long first, long end,
                       const double *shift, double *sums, double *squares) {
    for (long i = first; i < end; i++) {
        ck_shift_row(src + i * stride, out + i * width, width, shift[i], sums + i, squares + i);
    }
}

CK_SIM_CLONES
void ck_scan_rows_f32(const float *src, long stride, long width, long first, long end, double *sums,
                      double *squares) {
    for (long i = first; i < end; i++) ck_scan_row(src + i * stride, width, sums + i, squares + i);
}
