// OpenBLAS (CBLAS) and LAPACKE for Swift, plus the pieces needed to switch OpenBLAS's kernel core
// (the CPU's features come from CCPUID).
#ifndef CORTEXKIT_COPENBLAS_SHIM_H
#define CORTEXKIT_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
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

// OpenBLAS's idle worker threads spin (sched_yield) for 2^THREAD_TIMEOUT cycles after each job
// (default 2^28, about a tenth of a second) before sleeping, taking a core from CortexKit's own
// parallel loops between BLAS calls. OPENBLAS_THREAD_TIMEOUT (4..30) shortens that, but OpenBLAS
// reads it when it loads; these exported internals re-read the environment and retire the thread
// pool, which exec_blas rebuilds lazily on the next call with the new timeout. Only when the user
// did not set the variable. Must not run while a BLAS call is in flight.
static inline int ck_openblas_set_thread_timeout(const char *log2_cycles) {
    typedef int (*ck_int_fn)(void);
    ck_int_fn read_env = (ck_int_fn)ck_openblas_symbol("openblas_read_env");
    ck_int_fn shutdown = (ck_int_fn)ck_openblas_symbol("blas_thread_shutdown_");
    if (!read_env || !shutdown || getenv("OPENBLAS_THREAD_TIMEOUT")) return 0;
    setenv("OPENBLAS_THREAD_TIMEOUT", log2_cycles, 1);
    read_env();
    shutdown();
    unsetenv("OPENBLAS_THREAD_TIMEOUT");
    return 1;
}

/// OpenBLAS's idle-spin setting (log2 of cycles) as it will use it, or -1 if not exported.
static inline int ck_openblas_thread_timeout(void) {
    typedef int (*ck_int_fn)(void);
    ck_int_fn timeout = (ck_int_fn)ck_openblas_symbol("openblas_thread_timeout");
    return timeout ? timeout() : -1;
}

#endif
