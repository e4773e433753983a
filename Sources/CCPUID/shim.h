// The CPU's vector features (cpuid + xgetbv), header only: CortexRuntime's CPUFeatures reads them to
// choose the BLAS kernel core and report the machine in `cortex doctor`.
#ifndef CORTEXKIT_CCPUID_SHIM_H
#define CORTEXKIT_CCPUID_SHIM_H
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/// CPU feature bits relevant to BLAS kernel choice (x86-64 only; zero elsewhere).
typedef struct {
    int avx2, fma, avx512f, avx512dq, avx512cd, avx512bw, avx512vl, avx512bf16, os_zmm, os_ymm;
    unsigned vendor_ebx, family, model;
} ck_cpu_features;

static inline ck_cpu_features ck_cpu_query(void) {
    ck_cpu_features f = {0};
#if defined(__x86_64__) || defined(__i386__)
    unsigned a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d)) return f;
    unsigned maxleaf = a;
    f.vendor_ebx = b;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        unsigned base_family = (a >> 8) & 0xF, base_model = (a >> 4) & 0xF;
        f.family = base_family == 0xF ? base_family + ((a >> 20) & 0xFF) : base_family;
        f.model = (base_family == 0x6 || base_family == 0xF) ? (((a >> 16) & 0xF) << 4) | base_model : base_model;
        f.fma = (c >> 12) & 1;
        int osxsave = (c >> 27) & 1;
        if (osxsave) {
            unsigned lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            f.os_ymm = (lo & 0x6) == 0x6;
            f.os_zmm = (lo & 0xE6) == 0xE6;
        }
    }
    if (maxleaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        f.avx2 = (b >> 5) & 1;
        f.avx512f = (b >> 16) & 1;
        f.avx512dq = (b >> 17) & 1;
        f.avx512cd = (b >> 28) & 1;
        f.avx512bw = (b >> 30) & 1;
        f.avx512vl = (b >> 31) & 1;
        __cpuid_count(7, 1, a, b, c, d);
        f.avx512bf16 = (a >> 5) & 1;
    }
#endif
    return f;
}
#endif
