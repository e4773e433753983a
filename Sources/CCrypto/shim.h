// OpenSSL's libcrypto, for SHA-256 only (provenance digests of input files). OpenSSL picks the
// CPU's SHA extensions when present: ~2 GB/s here against ~0.3 GB/s for portable code.
#ifndef CORTEXKIT_CCRYPTO_SHIM_H
#define CORTEXKIT_CCRYPTO_SHIM_H
#include <openssl/evp.h>

/// A fresh SHA-256 digest context, or NULL on failure.
static inline EVP_MD_CTX *ck_sha256_new(void) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) { EVP_MD_CTX_free(ctx); return NULL; }
    return ctx;
}
#endif
