// Private to CKernels' .c files: col2im (the adjoint of im2col), shared by ck_col2im_f32 (kernels.c)
// and the fused input gradient (convolution.c).
#ifndef CORTEXKIT_CKERNELS_COL2IM_H
#define CORTEXKIT_CKERNELS_COL2IM_H

#ifndef CK_INLINE
#define CK_INLINE static inline __attribute__((always_inline))
#endif

#pragma clang fp contract(off)

CK_INLINE void add_row(float *restrict dst, const float *restrict src, long lo, long hi) {
    #pragma clang loop interleave_count(1)
    for (long i = lo; i < hi; i++) dst[i] += src[i];
}

/* The output columns lo..<hi (lo <= hi) of kernel column kj whose input column ox·s + offset lies
   inside 0..<width; the others read the zero padding. */
CK_INLINE void valid_columns(long kj, long width, long out_width, long stride_w, long pad_w, long dil_w,
                             long *offset, long *lo, long *hi) {
    *offset = kj * dil_w - pad_w;
    *lo = *offset >= 0 ? 0 : (-*offset + stride_w - 1) / stride_w;
    if (*lo > out_width) *lo = out_width;
    long last = width - 1 - *offset;
    *hi = last < 0 ? 0 : last / stride_w + 1;
    if (*hi > out_width) *hi = out_width;
    if (*hi < *lo) *hi = *lo;
}

CK_INLINE void col2im(const float *cols, long ld, float *x, long in_per_group, long height, long width,
                      long out_height, long out_width, long kernel_h, long kernel_w, long stride_h, long stride_w,
                      long pad_h, long pad_w, long dil_h, long dil_w) {
    long row = 0;
    for (long c = 0; c < in_per_group; c++) {
        float *plane = x + c * height * width;
        for (long ki = 0; ki < kernel_h; ki++) {
            for (long kj = 0; kj < kernel_w; kj++, row++) {
                long offset, lo, hi;
                valid_columns(kj, width, out_width, stride_w, pad_w, dil_w, &offset, &lo, &hi);
                if (hi == lo) continue;
                const float *src = cols + row * ld;
                for (long oy = 0; oy < out_height; oy++) {
                    long iy = oy * stride_h - pad_h + ki * dil_h;
                    if (iy < 0 || iy >= height) continue;
                    float *dst = plane + iy * width + offset;
                    const float *line = src + oy * out_width;
                    if (stride_w == 1) {
                        add_row(dst, line, lo, hi);
                    } else {
                        for (long ox = lo; ox < hi; ox++) dst[ox * stride_w] += line[ox];
                    }
                }
            }
        }
    }
}

#endif
