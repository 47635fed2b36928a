#include "base/glob.h"

#include <stdio.h>
#include <string.h>

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static int char_len(const unsigned char *s)
{
    if (*s >= 0xF0 && s[1] && s[2] && s[3])
        return 4;
    if (*s >= 0xE0 && s[1] && s[2])
        return 3;
    if (*s >= 0xC0 && s[1])
        return 2;
    return 1;
}

/* A [class] at p (after '[') against the byte c; *end gets the position after ']'.
 * -1 when the class is not closed (then '[' is an ordinary character). */
static int class_match(const char *p, unsigned char c, const char **end)
{
    int neg = *p == '!' || *p == '^', hit = 0;
    if (neg)
        p++;
    const char *start = p;
    for (; *p && (*p != ']' || p == start); p++) {
        if (p[1] == '-' && p[2] && p[2] != ']') {
            hit |= c >= (unsigned char)p[0] && c <= (unsigned char)p[2];
            p += 2;
        } else {
            hit |= c == (unsigned char)*p;
        }
    }
    if (*p != ']')
        return -1;
    *end = p + 1;
    return hit != neg;
}

static int match(const char *p, const char *s, int depth)
{
    if (depth > 64)
        return 0;
    while (*p) {
        if (p[0] == '*' && p[1] == '*' && (p[2] == '/' || !p[2]) ) {
            const char *rest = p[2] ? p + 3 : p + 2;
            if (!*rest)
                return 1;
            for (const char *t = s;; t++) { /* zero or more whole directories */
                if ((t == s || t[-1] == '/') && match(rest, t, depth + 1))
                    return 1;
                if (!*t)
                    return 0;
            }
        }
        if (*p == '*') {
            for (const char *t = s;; t++) {
                if (match(p + 1, t, depth + 1))
                    return 1;
                if (!*t || *t == '/')
                    return 0;
            }
        }
        if (!*s)
            return 0;
        if (*p == '?') {
            if (*s == '/')
                return 0;
            s += char_len((const unsigned char *)s);
            p++;
            continue;
        }
        if (*p == '[') {
            const char *end;
            int r = class_match(p + 1, (unsigned char)*s, &end);
            if (r >= 0) {
                if (!r || *s == '/')
                    return 0;
                s++;
                p = end;
                continue;
            }
        }
        if (*p != *s)
            return 0;
        p++;
        s++;
    }
    return !*s;
}

int sk_glob_match(const char *pattern, const char *path)
{
    while (pattern[0] == '.' && pattern[1] == '/')
        pattern += 2;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    size_t n = strlen(pattern);
    /* "drafts/" names a directory: everything under it, at any depth when it is
     * the pattern's only '/' (as in .gitignore) */
    if (n && pattern[n - 1] == '/') {
        char buf[1024];
        int anywhere = memchr(pattern, '/', n - 1) == NULL;
        if (n + 6 > sizeof buf)
            return 0;
        snprintf(buf, sizeof buf, "%s%s**", anywhere ? "**/" : "", pattern);
        return sk_glob_match(buf, path);
    }
    if (!strchr(pattern, '/')) {
        const char *base = strrchr(path, '/');
        return match(pattern, base ? base + 1 : path, 0);
    }
    if (pattern[0] == '/')
        pattern++;
    return match(pattern, path, 0);
}
