#include "layout/formpage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int wide(uint32_t cp)
{
    return cp >= 0x1100 && (sk_utf8_is_cjk(cp) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                            (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x2010 && cp <= 0x2027) || cp >= 0x25A0);
}

int sk_formpage_units(const char *s)
{
    int u = 0;
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, n - i, &cp);
        if (k <= 0)
            k = 1, cp = '?';
        u += wide(cp) ? 2 : cp == '\n' ? 0 : 1;
        i += (size_t)k;
    }
    return u;
}

int sk_formpage_lines(int units, int width, int em)
{
    int per = width > 0 ? 2 * width / em : 1;
    if (per < 1)
        per = 1;
    return units <= per ? 1 : (units + per - 1) / per;
}

int sk_formpage_token(const char *s)
{
    int best = 0, cur = 0, names = 0;
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, n - i, &cp);
        if (k <= 0)
            k = 1, cp = '?';
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == 0x3000) {
            cur = names = 0;
        } else if (wide(cp)) {
            /* a name of up to four 汉字 stays on one line */
            names = names < 4 ? names + 1 : names;
            cur = 0;
            if (2 * names > best)
                best = 2 * names;
        } else {
            cur++;
            names = 0;
            if (cur > best)
                best = cur;
        }
        i += (size_t)k;
    }
    return best;
}

static int digits(const char *s, int *v, int min, int max)
{
    int n = 0, x = 0;
    while (s[n] >= '0' && s[n] <= '9' && n < 4)
        x = x * 10 + (s[n++] - '0');
    if (n < min || n > max)
        return 0;
    *v = x;
    return n;
}

void sk_formpage_date(sk_buf *out, const char *v)
{
    int y, m, d, k;
    sk_buf_clear(out);
    sk_buf_puts(out, "");
    const char *p = v;
    if ((k = digits(p, &y, 4, 4)) && (p[k] == '-' || p[k] == '/' || p[k] == '.')) {
        char sep = p[k];
        p += k + 1;
        if ((k = digits(p, &m, 1, 2)) && m >= 1 && m <= 12) {
            p += k;
            if (*p == sep && (k = digits(p + 1, &d, 1, 2)) && d >= 1 && d <= 31 &&
                (!p[1 + k] || p[1 + k] == ' ' || p[1 + k] == 'T')) {
                sk_buf_printf(out, "%d年%d月%d日", y, m, d);
                return;
            }
            if (!*p) {
                sk_buf_printf(out, "%d年%d月", y, m);
                return;
            }
        }
    }
    size_t n = strlen(v);
    static const char *const midnight[] = { " 00:00:00", " 00:00", " 0:00" };
    for (size_t i = 0; i < 3; i++) {
        size_t l = strlen(midnight[i]);
        if (n > l && !strcmp(v + n - l, midnight[i])) {
            sk_buf_put(out, v, n - l);
            return;
        }
    }
    sk_buf_puts(out, v);
}

void sk_formpage_ordinal(sk_buf *out, int n)
{
    static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (n < 1 || n > 99) {
        sk_buf_printf(out, "%d、", n);
        return;
    }
    if (n >= 20)
        sk_buf_puts(out, d[n / 10]);
    if (n >= 10)
        sk_buf_puts(out, "十");
    sk_buf_puts(out, d[n % 10]);
    sk_buf_puts(out, "、");
}
