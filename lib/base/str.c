#include "base/str.h"

#include <string.h>

int sk_str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int sk_str_udec(char out[21], unsigned long long v)
{
    char rev[20];
    int k = 0;
    do
        rev[k++] = (char)('0' + v % 10);
    while (v /= 10);
    for (int i = 0; i < k; i++)
        out[i] = rev[k - 1 - i];
    out[k] = '\0';
    return k;
}

int sk_str_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

static size_t space_len(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n')
        return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

char *sk_str_trim(char *s)
{
    size_t n, start = 0;
    while ((n = space_len(s + start)))
        start += n;
    if (start)
        memmove(s, s + start, strlen(s + start) + 1);
    size_t len = strlen(s);
    for (;;) {
        if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n')) {
            s[--len] = '\0';
        } else if (len >= 3 && (unsigned char)s[len - 3] == 0xE3 &&
                   (unsigned char)s[len - 2] == 0x80 && (unsigned char)s[len - 1] == 0x80) {
            len -= 3;
            s[len] = '\0';
        } else {
            break;
        }
    }
    return s;
}
