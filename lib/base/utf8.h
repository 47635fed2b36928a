/* utf8 — decoding, encoding and measuring UTF-8 text. */
#ifndef SK_UTF8_H
#define SK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* sk_utf8_decode returns the byte length of the sequence at s (1..4) and
 * stores the code point, or returns 0 for an invalid/overlong/surrogate sequence. */
int sk_utf8_decode(const char *s, size_t n, uint32_t *cp);
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
/* True for CJK ideographs (the ranges GB/T text uses). */
int sk_utf8_is_cjk(uint32_t cp);
/* Code point of the character before s[pos] (0 at start). */
uint32_t sk_utf8_prev(const char *s, size_t pos);
/* Code point at s[pos] (0 at end). */
uint32_t sk_utf8_at(const char *s, size_t len, size_t pos);
/* The bytes of the first n code points of the string s (all of it when shorter):
 * for "%.*s" in messages, which must not cut a character in two. */
int sk_utf8_clip(const char *s, size_t n);

#endif
