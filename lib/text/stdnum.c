#include "text/stdnum.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"

/* ---------- standard numbers ---------- */

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z'); }

/* Length of a dash before a year at s: U+2014 (ok), or -, U+2013, U+2015, U+FF0D (wrong). */
static size_t year_dash(const char *s, int *ok)
{
    *ok = 0;
    if (!strncmp(s, "\xE2\x80\x94", 3)) {
        *ok = 1;
        return 3;
    }
    if (*s == '-')
        return 1;
    if (!strncmp(s, "\xE2\x80\x93", 3) || !strncmp(s, "\xE2\x80\x95", 3) || !strncmp(s, "\xEF\xBC\x8D", 3))
        return 3;
    return 0;
}

static int is_known_prefix(const char *s, size_t n)
{
    static const char *const known[] = { "GB", "ISO", "IEC", "ITU", "EN", "IEEE", "ASTM", "ANSI", "DIN",
                                         "JIS", "BS", "DB", NULL };
    for (const char *const *k = known; *k; k++)
        if (strlen(*k) == n && !strncmp(s, *k, n))
            return 1;
    return 0;
}

/* The prefixes of bodies outside China: their numbers write parts with "-" and the
 * year after ":" ("ISO 3160-2:2015", "EN 71-3:2019", "JIS S 6006:2007"). */
static int is_foreign_prefix(const char *s, size_t n)
{
    return is_known_prefix(s, n) && !(n == 2 && (!strncmp(s, "GB", 2) || !strncmp(s, "DB", 2)));
}

static size_t upper_run(const char *s, size_t len, size_t p)
{
    size_t k = 0;
    while (p + k < len && is_upper(s[p + k]))
        k++;
    return k;
}

/* Matches a standard number at s[i]: PREFIX ["/" X]… [space] DIGITS[.DIGITS…] [dash YEAR].
 * PREFIX is 2+ capitals (optionally followed by digits: DB41), or a capital with a
 * "/" part (T/CAS, Q/SJ). A foreign prefix may be followed by others ("BS EN ISO"),
 * JIS by its division letter ("JIS S 6006"); foreign numbers take "-" parts and a
 * ":" year. Returns the end offset or 0. */
size_t sk_stdnum_match(const char *s, size_t len, size_t i, sk_stdnum *m)
{
    size_t p = i, letters = 0;
    int slash = 0;
    while (p < len && is_upper(s[p]))
        p++, letters++;
    if (!letters)
        return 0;
    while (p < len && is_digit(s[p]))
        p++;
    while (p + 1 < len && s[p] == '/' && is_upper(s[p + 1])) {
        p++;
        slash = 1;
        while (p < len && is_upper(s[p]))
            p++;
    }
    if (letters < 2 && !slash)
        return 0;
    int known = slash || is_known_prefix(s + i, letters);
    int foreign = is_foreign_prefix(s + i, letters); /* ISO/IEC too */
    size_t last = i, last_len = letters; /* the last prefix of a chain */
    while (foreign && !slash && p + 1 < len && s[p] == ' ') {
        size_t k = upper_run(s, len, p + 1);
        if (k >= 2 && is_foreign_prefix(s + p + 1, k) && p + 1 + k < len && (s[p + 1 + k] == ' ' || is_digit(s[p + 1 + k]))) {
            last = p + 1;
            last_len = k;
            p += 1 + k;
        } else {
            break;
        }
    }
    if (foreign && last_len == 3 && !strncmp(s + last, "JIS", 3) && p + 3 < len && s[p] == ' ' && is_upper(s[p + 1]) &&
        s[p + 2] == ' ' && is_digit(s[p + 3]))
        p += 2; /* the division letter */
    if (p < len && s[p] == ' ')
        p++;
    if (p >= len || !is_digit(s[p]))
        return 0;
    while (p < len && is_digit(s[p]))
        p++;
    while (p + 1 < len && s[p] == '.' && is_digit(s[p + 1])) {
        p++;
        while (p < len && is_digit(s[p]))
            p++;
    }
    /* parts "-2", "-4-2" of a foreign number; "-2015" at the end is a year with the wrong dash */
    while (foreign && p + 1 < len && s[p] == '-' && is_digit(s[p + 1])) {
        size_t q = p + 1;
        while (q < len && is_digit(s[q]))
            q++;
        if (q - p - 1 == 4 && !(q < len && (s[q] == '-' || s[q] == ':')))
            break;
        p = q;
    }
    m->code_end = p;
    m->year = -1;
    m->dash_ok = 1;
    int ok;
    size_t dl = year_dash(s + p, &ok);
    if (!dl && p < len && s[p] == ':' && foreign) {
        dl = 1;
        ok = 1;
    }
    if (dl && p + dl + 4 <= len && is_digit(s[p + dl]) && is_digit(s[p + dl + 1]) && is_digit(s[p + dl + 2]) &&
        is_digit(s[p + dl + 3]) && !(p + dl + 4 < len && is_digit(s[p + dl + 4]))) {
        m->year = atoi(s + p + dl);
        m->dash_ok = ok;
        p += dl + 4;
    }
    /* "PDF 2" is not a standard: an unknown prefix without "/" needs a year to count */
    if (!known && m->year < 0)
        return 0;
    m->start = i;
    m->end = p;
    return p;
}

int sk_stdnum_find(const char *s, size_t len, size_t from, sk_stdnum *m)
{
    for (size_t i = from; i < len; i++) {
        if (!is_upper(s[i]) || (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '/')))
            continue;
        if (sk_stdnum_match(s, len, i, m))
            return 0;
    }
    return -1;
}


/* Code without spaces (U+3000 too), for comparing "GB/T 1.1" with "GB/T1.1". Caller frees. */
char *sk_stdnum_key(const char *code)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = code; *p;) {
        if (*p == ' ')
            p++;
        else if (!strncmp(p, "\xE3\x80\x80", 3))
            p += 3;
        else
            sk_buf_putc(&b, *p++);
    }
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

/* Code (number without the year) of a catalog entry's number, and its year (-1 if none). Caller frees. */
char *sk_stdnum_code(const char *number, int *year)
{
    sk_stdnum m;
    size_t len = strlen(number);
    if (sk_stdnum_find(number, len, 0, &m) == 0 && m.start == 0) {
        *year = m.year;
        return sk_strndup(number, m.code_end);
    }
    const char *dash = strstr(number, "—");
    *year = dash ? atoi(dash + 3) : -1;
    return dash ? sk_strndup(number, (size_t)(dash - number)) : sk_strdup(number);
}
