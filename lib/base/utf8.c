#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/mem.h"

#include "base/mem.h"

int sk_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    int len;
    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        c = s[0] & 0x1F;
        len = 2;
    } else if ((s[0] & 0xF0) == 0xE0) {
        c = s[0] & 0x0F;
        len = 3;
    } else if ((s[0] & 0xF8) == 0xF0) {
        c = s[0] & 0x07;
        len = 4;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
        c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int sk_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Lead bytes of the three-byte sequences that take any two continuation bytes
 * (E1-EC, EE-EF: no overlong form, no surrogate); E0, ED and the rest are decoded. */
static int plain3_lead(unsigned c)
{
    return c - 0xE1u <= 0x0Eu && c != 0xED;
}

/* Whether the first six bytes of the word w (loaded from memory) are two
 * sequences of plain3_lead: the lead bytes' high nibbles E and the continuation
 * bytes' high bits 10 in one test, then the leads' low nibbles (not 0, not D). */
static int plain3_pair(uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    if ((w & 0x0000C0C0F0C0C0F0ULL) != 0x00008080E08080E0ULL)
        return 0;
    unsigned ok = 0xDFFEu; /* low nibbles 1-F but D */
    return (ok >> (w & 0xF)) & (ok >> ((w >> 24) & 0xF)) & 1;
}

/* Index of the first byte of the word w (loaded from memory) with its high bit set. */
static size_t first_high(uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (size_t)__builtin_clzll(w) >> 3;
#else
    return (size_t)__builtin_ctzll(w) >> 3;
#endif
}

size_t sk_utf8_validate(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            /* ASCII eight bytes at a time, to the first byte with its high bit set */
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, u + i, 8);
                w &= 0x8080808080808080ULL;
                if (w) {
                    i += first_high(w);
                    goto multi;
                }
                i += 8;
            }
            while (i < n && u[i] < 0x80)
                i++;
            if (i >= n)
                break;
        }
    multi:
        /* a run of 汉字 and full-width punctuation, two three-byte sequences a step */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (!plain3_pair(w))
                break;
            i += 6;
        }
        while (i + 3 <= n && plain3_lead(u[i]) && ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) < 0x40)
            i += 3;
        if (i >= n || u[i] < 0x80)
            continue;
        uint32_t cp;
        int l = sk_utf8_decode(s + i, n - i, &cp);
        if (!l)
            return i;
        i += (size_t)l;
    }
    return (size_t)-1;
}

size_t sk_utf8_prefix(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--; /* s[i] is a continuation byte: the character it belongs to starts before */
    return i;
}

char *sk_utf8_repair(char *s)
{
    if (!s)
        return s;
    size_t n = strlen(s), bad = sk_utf8_validate(s, n);
    if (bad == (size_t)-1)
        return s;
    char *out = sk_malloc(n * 3 + 1), *o = out;
    memcpy(o, s, bad);
    o += bad;
    for (size_t i = bad; i < n;) {
        uint32_t cp;
        int l = sk_utf8_decode(s + i, n - i, &cp);
        if (l) {
            memcpy(o, s + i, (size_t)l);
            o += l;
            i += (size_t)l;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    *o = '\0';
    free(s);
    return out;
}

size_t sk_utf8_count(const char *s, size_t n)
{
    /* n minus the continuation bytes (10xxxxxx), eight bytes at a time */
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* one bit per continuation byte, summed by a multiply (no popcount
         * instruction is assumed: it would be a library call) */
        uint64_t m = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
        cont += (size_t)((m * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

size_t sk_utf8_count_wide(const char *s, size_t n)
{
    /* lead bytes 111xxxxx, eight bytes at a time as in sk_utf8_count */
    size_t wide = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t m = (w & (w << 1) & (w << 2) & 0x8080808080808080ULL) >> 7;
        wide += (size_t)((m * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        wide += (unsigned char)s[i] >= 0xE0;
    return wide;
}

int sk_utf8_is_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

uint32_t sk_utf8_prev(const char *s, size_t pos)
{
    const unsigned char *u = (const unsigned char *)s;
    if (pos == 0)
        return 0;
    /* ASCII and a plain three-byte sequence without the walk back */
    if (u[pos - 1] < 0x80)
        return u[pos - 1];
    if (pos >= 3 && plain3_lead(u[pos - 3]) && ((u[pos - 2] ^ 0x80) | (u[pos - 1] ^ 0x80)) < 0x40)
        return ((uint32_t)(u[pos - 3] & 0x0F) << 12) | ((uint32_t)(u[pos - 2] & 0x3F) << 6) |
               (uint32_t)(u[pos - 1] & 0x3F);
    size_t i = pos - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp = 0;
    if (!sk_utf8_next(s + i, pos - i, &cp))
        return 0xFFFD;
    return cp;
}

uint32_t sk_utf8_at(const char *s, size_t len, size_t pos)
{
    uint32_t cp = 0;
    if (pos >= len)
        return 0;
    if (!sk_utf8_next(s + pos, len - pos, &cp))
        return 0xFFFD;
    return cp;
}

int sk_utf8_clip(const char *s, size_t n)
{
    size_t i = 0, len = strlen(s);
    for (size_t k = 0; k < n && i < len; k++) {
        uint32_t cp;
        int m = sk_utf8_decode(s + i, len - i, &cp);
        i += m > 0 ? (size_t)m : 1;
    }
    return i > (size_t)0x7fffffff ? 0x7fffffff : (int)i;
}

char *sk_utf8_fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n >= 0 && out) {
        char *r = sk_strdup((const char *)out);
        free(out);
        return r;
    }
    free(out);
    char *r = sk_strdup(s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return r;
}
