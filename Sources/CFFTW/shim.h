// FFTW 3 (double and single precision) for Swift.
// Do not include <complex.h> before fftw3.h: the complex types would then not import.
#ifndef CORTEXKIT_CFFTW_SHIM_H
#define CORTEXKIT_CFFTW_SHIM_H
#include <fftw3.h>

/// FFTW planner flags are macros of shifted values; expose them as plain constants.
static inline unsigned ck_fftw_estimate(void) { return FFTW_ESTIMATE; }
static inline unsigned ck_fftw_measure(void) { return FFTW_MEASURE; }
static inline unsigned ck_fftw_destroy_input(void) { return FFTW_DESTROY_INPUT; }
static inline unsigned ck_fftw_preserve_input(void) { return FFTW_PRESERVE_INPUT; }
static inline const char *ck_fftw_version(void) { return fftw_version; }
#endif
