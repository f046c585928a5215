#ifndef CLIBCRYPTO_SHIM_H
#define CLIBCRYPTO_SHIM_H
// The system's libcrypto (OpenSSL) for SHA-256 in the audit trail: its assembly uses the CPU's
// SHA instructions where they exist. The one-block-at-a-time SHA256_* functions are what a keyed
// MAC with precomputed key blocks needs; OpenSSL 3 marks them deprecated in favour of EVP, whose
// per-call set-up costs more than a short message's hashing, so the marks are switched off here.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <openssl/sha.h>

// A context standing after `after` bytes (whole blocks) that left the eight words `state`.
static inline void cl_sha256_resume(SHA256_CTX *c, const uint32_t state[8], uint64_t after) {
    SHA256_Init(c);
    memcpy(c->h, state, 32);
    uint64_t bits = after * 8;
    c->Nl = (SHA_LONG)bits;
    c->Nh = (SHA_LONG)(bits >> 32);
}

// The final eight words (the digest as big-endian words) of `message` after `after` bytes
// already compressed into `state`.
static inline void cl_sha256_final_state(const uint32_t state[8], uint64_t after,
                                         const void *message, size_t count, uint32_t out[8]) {
    SHA256_CTX c;
    cl_sha256_resume(&c, state, after);
    if (count > 0) SHA256_Update(&c, message, count);
    unsigned char digest[32];
    SHA256_Final(digest, &c);
    for (int i = 0; i < 8; i++) {
        out[i] = ((uint32_t)digest[4 * i] << 24) | ((uint32_t)digest[4 * i + 1] << 16)
               | ((uint32_t)digest[4 * i + 2] << 8) | (uint32_t)digest[4 * i + 3];
    }
}

// The words after compressing one 64-byte block into `state`.
static inline void cl_sha256_block(uint32_t state[8], const void *block) {
    SHA256_CTX c;
    cl_sha256_resume(&c, state, 0);
    SHA256_Transform(&c, (const unsigned char *)block);
    memcpy(state, c.h, 32);
}
#endif
