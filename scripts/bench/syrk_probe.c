/* syrk probe: the float32 Gram X·Xᵀ of a 900 × K matrix on the system OpenBLAS, in column blocks of
 * a given width (as CortexKit streams a layer), and the full sgemm for comparison. It measures the
 * floor under `cortex similarity tsrsa|cka-linear` (BENCHMARKS.md); it is not part of the build.
 *   gcc -O2 scripts/bench/syrk_probe.c -o /tmp/syrk_probe -lopenblas
 *   /tmp/syrk_probe 8192 60000            # block width, columns K (2 threads by default)
 *   OPENBLAS_NUM_THREADS=1 /tmp/syrk_probe 8192 60000
 * GFLOP/s counts n²·K for syrk (the multiply-adds of the triangle, × 2) and 2·n²·K for gemm.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int n = 900;
    int width = argc > 1 ? atoi(argv[1]) : 8192;
    int k = argc > 2 ? atoi(argv[2]) : 60000;
    if (width < 1 || k < 1) { fprintf(stderr, "usage: syrk_probe WIDTH COLUMNS\n"); return 2; }
    float *a = malloc(sizeof(float) * (size_t)n * k), *c = malloc(sizeof(float) * (size_t)n * n);
    if (!a || !c) { fprintf(stderr, "out of memory\n"); return 1; }
    srand(1);
    for (long i = 0; i < (long)n * k; i++) a[i] = (float)rand() / RAND_MAX;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        for (int s = 0; s < k; s += width) {
            int w = k - s < width ? k - s : width;
            cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, n, w, 1, a + s, k, 0, c, n);
        }
        double t1 = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, k, 1, a, k, a, k, 0, c, n);
        double t2 = now();
        printf("width %d, K %d: ssyrk %.3f s (%.0f GFLOP/s), sgemm %.3f s (%.0f GFLOP/s)\n", width, k, t1 - t0,
               (double)n * n * k / (t1 - t0) / 1e9, t2 - t1, 2.0 * n * n * k / (t2 - t1) / 1e9);
    }
    free(a);
    free(c);
    return 0;
}
