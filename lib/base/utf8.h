/* utf8 — decoding, encoding and measuring UTF-8 text. */
#ifndef SK_UTF8_H
#define SK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* sk_utf8_decode returns the byte length of the sequence at s (1..4) and
 * stores the code point, or returns 0 for an invalid/overlong/surrogate sequence. */
int sk_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* sk_utf8_decode with ASCII and the common 3-byte sequences (汉字) inline, for
 * loops over every character; the same results. */
static inline int sk_utf8_next(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n && u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    /* E1-EC and EE-EF lead bytes take any continuation bytes (no overlong or surrogate) */
    if (n >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (uint32_t)(u[2] & 0x3F);
        return 3;
    }
    return sk_utf8_decode(s, n, cp);
}
int sk_utf8_encode(uint32_t cp, char out[4]);
/* Offset of the first invalid byte, or (size_t)-1 when s is valid UTF-8. */
size_t sk_utf8_validate(const char *s, size_t n);
/* Length of the longest prefix of s[0..n) that is at most max bytes and ends on a
 * character boundary (an excerpt "%.*s" never cuts a character in two). */
size_t sk_utf8_prefix(const char *s, size_t n, size_t max);
/* s as valid UTF-8: each invalid byte replaced by U+FFFD. NULL stays NULL; a valid
 * s is returned as it is, else a new string (s freed). */
char *sk_utf8_repair(char *s);
/* Number of code points in s[0..n). */
size_t sk_utf8_count(const char *s, size_t n);
/* Number of characters of three bytes or more in s[0..n) (by lead byte: U+0800
 * on, 汉字 and full-width punctuation). */
size_t sk_utf8_count_wide(const char *s, size_t n);
/* True for CJK ideographs (the ranges GB/T text uses). */
int sk_utf8_is_cjk(uint32_t cp);
/* Code point of the character before s[pos] (0 at start). */
uint32_t sk_utf8_prev(const char *s, size_t pos);
/* Code point at s[pos] (0 at end). */
uint32_t sk_utf8_at(const char *s, size_t len, size_t pos);
/* The bytes of the first n code points of the string s (all of it when shorter):
 * for "%.*s" in messages, which must not cut a character in two. */
int sk_utf8_clip(const char *s, size_t n);
/* s in NFC with Unicode's full case folding (utf8proc): two names a case-insensitive
 * or normalising file system (SMB, exFAT, NTFS, APFS/HFS+) takes for one fold to
 * the same string ("Straße", "STRASSE"; "é" composed or not). Invalid UTF-8 is
 * folded byte by byte for ASCII only. Caller frees. */
char *sk_utf8_fold(const char *s);

#endif
