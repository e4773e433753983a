// Private to CKernels' .c files: CK_CLONES compiles a function for AVX-512, AVX2 and the baseline
// (clang function multiversioning; the loader picks one per CPU).
#ifndef CORTEXKIT_CKERNELS_CLONES_H
#define CORTEXKIT_CKERNELS_CLONES_H

// ThreadSanitizer instruments the clones' ifunc resolver, which the dynamic loader runs before the
// sanitizer's runtime is up (a segfault in __tsan_func_entry at start-up): no clones under TSan.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CK_NO_CLONES 1
#endif
#endif

#if defined(__x86_64__) && defined(__clang__) && defined(__ELF__) && !defined(CK_NO_CLONES)
#define CK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_CLONES
#endif

#endif
