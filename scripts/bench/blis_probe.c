/* BLIS probe: sgemm 1024³ GFLOP/s of Debian's BLIS on this CPU, to compare with OpenBLAS kernels.
 * It justifies CortexKit's BLAS choice (BENCHMARKS.md); it is not part of the build.
 *   apt-get install libblis-pthread-dev
 *   gcc -O2 scripts/bench/blis_probe.c -o /tmp/blis_probe -I/usr/include/blis-pthread -lblis
 *   BLIS_NUM_THREADS=2 /tmp/blis_probe
 */
#include <blis.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void) {
    const int n = 1024, reps = 10;
    float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
    for (int i = 0; i < n * n; i++) { a[i] = rand() / (float)RAND_MAX; b[i] = rand() / (float)RAND_MAX; }
    float one = 1, zero = 0;
    bli_sgemm(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, n, n, n, &one, a, n, 1, b, n, 1, &zero, c, n, 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < reps; r++)
        bli_sgemm(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, n, n, n, &one, a, n, 1, b, n, 1, &zero, c, n, 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    printf("BLIS (%s kernels) sgemm %d^3: %.1f GFLOP/s\n", bli_arch_string(bli_arch_query_id()), n,
           reps * 2.0 * n * n * n / s / 1e9);
    free(a); free(b); free(c);
    return 0;
}
