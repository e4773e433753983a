// OpenBLAS (CBLAS) and LAPACKE for Swift, plus the pieces needed to choose OpenBLAS's kernel core.
#ifndef CORTEXKIT_COPENBLAS_SHIM_H
#define CORTEXKIT_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#include <cpuid.h>
#include <stdlib.h>
#include <dlfcn.h>

// OpenBLAS built with DYNAMIC_ARCH (Debian's is) picks its kernel core once, when the library
// loads, from a CPU table. CPUs newer than the table silently get a slow fallback core. These
// internal-but-exported entry points let us re-run that choice with OPENBLAS_CORETYPE set, before
// any BLAS call. Looked up with dlsym (a weak reference from a PIE executable resolves to null at
// link time): a build without DYNAMIC_ARCH lacks them, and we then leave it alone.
typedef void (*ck_void_fn)(void);

static inline ck_void_fn ck_openblas_symbol(const char *name) {
    return (ck_void_fn)dlsym(RTLD_DEFAULT, name);
}

static inline int ck_openblas_can_switch_core(void) {
    return ck_openblas_symbol("gotoblas_dynamic_init") != 0 && ck_openblas_symbol("gotoblas_dynamic_quit") != 0;
}

/// Re-selects the OpenBLAS core. `name` as OPENBLAS_CORETYPE takes it (e.g. "SkylakeX", "Haswell").
/// Must not run while any BLAS call is in flight. The environment variable is restored afterwards,
/// so child processes see the environment the user gave.
static inline int ck_openblas_force_core(const char *name) {
    ck_void_fn init = ck_openblas_symbol("gotoblas_dynamic_init");
    ck_void_fn quit = ck_openblas_symbol("gotoblas_dynamic_quit");
    if (!init || !quit) return 0;
    const char *old = getenv("OPENBLAS_CORETYPE");
    char saved[64] = {0};
    int had_old = old != 0;
    if (had_old) { for (int i = 0; i < 63 && old[i]; i++) saved[i] = old[i]; }
    quit();
    setenv("OPENBLAS_CORETYPE", name, 1);
    init();
    if (had_old) setenv("OPENBLAS_CORETYPE", saved, 1); else unsetenv("OPENBLAS_CORETYPE");
    return 1;
}

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
