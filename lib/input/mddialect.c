#include "input/mddialect.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "text/stdnum.h"

typedef struct line {
    char *s;
    int no;
} line;

static void note(sk_vec *notes, int no, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(sk_vec *notes, int no, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = NULL;
    if (vasprintf(&m, fmt, ap) < 0)
        m = NULL;
    va_end(ap);
    sk_vec_push(notes, sk_asprintf("paragraph %d: %s", no, m ? m : ""));
    free(m);
}

static const char *after_spaces(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (!strncmp(s, "\xE3\x80\x80", 3))
            s += 3;
        else
            return s;
    }
}

/* A clause number at the start ("5.1", "A.2", "1."): its length (the dot after a
 * single number included), 0 when none. */
static size_t num_at(const char *s, int *depth)
{
    size_t i = 0;
    *depth = 1;
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && isdigit((unsigned char)s[2]))
        i = 1;
    else if (isdigit((unsigned char)s[0]))
        while (isdigit((unsigned char)s[i]) && i < 3)
            i++;
    else
        return 0;
    if (isdigit((unsigned char)s[i]))
        return 0;
    while (s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
        i++;
        (*depth)++;
        while (isdigit((unsigned char)s[i]))
            i++;
    }
    size_t n = i;
    if (s[i] == '.')
        i++;
    const char *a = after_spaces(s + i);
    if (*a && a == s + i)
        return 0;
    (void)n;
    return i;
}

static int heading_level(const char *s)
{
    int k = 0;
    while (s[k] == '#')
        k++;
    return k >= 1 && k <= 6 && (s[k] == ' ' || !s[k]) ? k : 0;
}

static char *squeeze(const char *s)
{
    sk_buf b;
    sk_buf_init(&b);
    for (; *s;) {
        const char *a = after_spaces(s);
        if (a != s) {
            s = a;
            continue;
        }
        sk_buf_putc(&b, *s++);
    }
    return sk_buf_detach(&b);
}

static int is_toc_title(const char *t)
{
    char *q = squeeze(t);
    int r = !strcmp(q, "目次") || !strcmp(q, "目录");
    free(q);
    return r;
}

static int is_front_title(const char *t)
{
    char *q = squeeze(t);
    int r = !strcmp(q, "前言") || !strcmp(q, "引言") || !strcmp(q, "范围") || !strncmp(q, "1范围", 7);
    free(q);
    return r;
}

/* Replaces md2std's inline markers in s. Caller frees. */
static char *markers(const char *s, int no, sk_vec *notes, int *changed)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = s; *p;) {
        if (!strncmp(p, "{{std:", 6)) {
            const char *e = strstr(p, "}}");
            if (e) {
                sk_buf_put(&b, p + 6, (size_t)(e - p - 6));
                p = e + 2;
                (*changed)++;
                continue;
            }
        }
        if (p[0] == '{' && p[1] == '{' && (isalpha((unsigned char)p[2]))) {
            const char *e = strstr(p, "}}");
            const char *c1 = strchr(p + 2, ':');
            if (e && c1 && c1 < e) {
                const char *c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
                size_t idlen = (size_t)((c2 ? c2 : e) - (p + 2));
                char kind[8];
                snprintf(kind, sizeof kind, "%.*s", (int)(c1 - p - 2), p + 2);
                if (!strcmp(kind, "tbl") || !strcmp(kind, "fig") || !strcmp(kind, "eq") || !strcmp(kind, "sec") ||
                    !strcmp(kind, "app")) {
                    sk_buf_printf(&b, "[](#%.*s)", (int)idlen, p + 2);
                    p = e + 2;
                    (*changed)++;
                    continue;
                }
            }
        }
        sk_buf_putc(&b, *p++);
    }
    (void)no;
    (void)notes;
    return sk_buf_detach(&b);
}

int sk_mddialect_read(sk_buf *out, sk_vec *notes, const char *path, sk_err *err)
{
    char *data = NULL;
    size_t len = 0;
    if (sk_fs_read(&data, &len, path, SK_MDDIALECT_MAX, err) < 0)
        return -1;
    size_t bad = sk_utf8_validate(data, len);
    if (bad != (size_t)-1 || memchr(data, '\0', len)) {
        int ln = 1;
        for (size_t i = 0; i < len && i < bad; i++)
            ln += data[i] == '\n';
        sk_err_at(err, path, ln, 0, "not a DOCX, an ODT or UTF-8 Markdown text");
        free(data);
        return -1;
    }
    /* lines */
    line *L = NULL;
    size_t n = 0, cap = 0;
    char *p = data;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    for (int no = 1; *p || (p < data + len && 0); no++) {
        char *e = strchr(p, '\n');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k && p[k - 1] == '\r')
            k--;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            L = sk_realloc(L, cap * sizeof *L);
        }
        L[n].s = sk_strndup(p, k);
        L[n].no = no;
        n++;
        if (!e)
            break;
        p = e + 1;
    }
    size_t i = 0;
    char *intro = NULL;
    /* front matter: copied, "introduction: |" taken out */
    if (n && !strcmp(L[0].s, "---")) {
        sk_buf_puts(out, "---\n");
        for (i = 1; i < n && strcmp(L[i].s, "---"); i++) {
            if (!strncmp(L[i].s, "introduction:", 13) || !strncmp(L[i].s, "引言:", 7)) {
                sk_buf ib;
                sk_buf_init(&ib);
                const char *v = after_spaces(strchr(L[i].s, ':') + 1);
                if (*v && *v != '|' && *v != '>')
                    sk_buf_printf(&ib, "%s\n", v);
                while (i + 1 < n && (L[i + 1].s[0] == ' ' || !L[i + 1].s[0]) && strcmp(L[i + 1].s, "---")) {
                    i++;
                    const char *t = after_spaces(L[i].s);
                    sk_buf_printf(&ib, "%s\n", t);
                }
                intro = sk_buf_detach(&ib);
                note(notes, L[i].no, "introduction in the front matter: written as the # 引言 section");
                continue;
            }
            sk_buf_printf(out, "%s\n", L[i].s);
        }
        sk_buf_puts(out, "---\n");
        i++;
    } else {
        /* no front matter: the cover lines before 目次/前言/范围 make one */
        size_t end = 0;
        while (end < n && !(heading_level(L[end].s) && (is_toc_title(L[end].s + heading_level(L[end].s)) ||
                                                        is_front_title(L[end].s + heading_level(L[end].s)))))
            end++;
        if (end == n)
            end = 0;
        char *number = NULL, *title = NULL, *title_en = NULL;
        for (size_t k = 0; k < end; k++) {
            const char *t = after_spaces(L[k].s + heading_level(L[k].s));
            size_t tl = strlen(t);
            sk_stdnum m;
            if (!*t)
                continue;
            if (!number && sk_stdnum_match(t, tl, 0, &m) == tl) {
                free(number);
                number = sk_strdup(t);
            } else if (heading_level(L[k].s)) {
                int cjk = 0;
                for (const unsigned char *q = (const unsigned char *)t; *q; q++)
                    cjk |= *q >= 0xE4 && *q <= 0xE9;
                if (cjk && !strstr(t, "标准")) {
                    free(title);
                    title = sk_strdup(t);
                } else if (!cjk) {
                    free(title_en);
                    title_en = sk_strdup(t);
                }
            }
        }
        sk_buf_puts(out, "---\n");
        if (number) {
            const char *sl = strchr(number, '/');
            char cat[16] = "";
            size_t c = 0;
            for (const char *q = sl ? sl + 1 : ""; isalpha((unsigned char)*q) && c + 1 < sizeof cat; q++)
                cat[c++] = *q;
            cat[c] = '\0';
            sk_buf_printf(out, "number: \"%s\"\n", number);
            if (*cat)
                sk_buf_printf(out, "category: %s\n", cat);
        } else {
            note(notes, 1, "no standard number found: fill in number: in the front matter");
        }
        if (title)
            sk_buf_printf(out, "title: \"%s\"\n", title);
        if (title_en)
            sk_buf_printf(out, "title_en: \"%s\"\n", title_en);
        sk_buf_puts(out, "status: current\n---\n");
        if (end)
            note(notes, L[0].no, "no front matter: made from the cover lines (lines %d-%d)", L[0].no,
                 L[end - 1].no);
        free(number);
        free(title);
        free(title_en);
        i = end;
    }
    /* the headings' levels: shifted when none is at level 1 (one level too deep) */
    int minlvl = 7, numbered = 0, headings = 0;
    for (size_t k = i; k < n; k++) {
        int h = heading_level(L[k].s);
        if (!h)
            continue;
        headings++;
        int d;
        if (num_at(after_spaces(L[k].s + h), &d))
            numbered++;
        const char *t = after_spaces(L[k].s + h);
        if (!is_toc_title(t) && h < minlvl)
            minlvl = h;
    }
    int shift = minlvl < 7 ? minlvl - 1 : 0;
    if (shift)
        note(notes, L[i < n ? i : 0].no, "headings start at level %d: moved up %d level%s", minlvl, shift,
             shift == 1 ? "" : "s");
    int in_toc = 0, toc_level = 0, intro_done = !intro, term_num = 0;
    for (; i < n; i++) {
        const char *s = L[i].s;
        int no = L[i].no;
        int h = heading_level(s);
        if (in_toc) {
            if (h && h <= toc_level)
                in_toc = 0;
            else
                continue;
        }
        if (h) {
            const char *t = after_spaces(s + h);
            if (is_toc_title(t)) {
                in_toc = 1;
                toc_level = h;
                note(notes, no, "目次 dropped (stdgen generates it)");
                continue;
            }
            if (!intro_done) {
                char *q = squeeze(t);
                if (strcmp(q, "前言")) {
                    sk_buf_printf(out, "# 引言\n\n%s\n", intro);
                    intro_done = 1;
                }
                free(q);
            }
            int depth = 0;
            size_t nl = num_at(t, &depth);
            int level = h - shift;
            char *numtxt = NULL;
            if (nl) {
                numtxt = sk_strndup(t, nl);
                size_t k = strlen(numtxt);
                if (k && numtxt[k - 1] == '.')
                    numtxt[k - 1] = '\0';
                if (depth != level)
                    note(notes, no, "heading %s at level %d: taken at the level of its number (%d)", numtxt, h,
                         depth);
                level = depth;
            }
            if (level < 1)
                level = 1;
            if (level > 6)
                level = 6;
            const char *title = nl ? after_spaces(t + nl) : t;
            int ch = 0;
            char *mt = markers(title, no, notes, &ch);
            for (int k = 0; k < level; k++)
                sk_buf_putc(out, '#');
            sk_buf_printf(out, " %s%s%s\n", numtxt ? numtxt : "", numtxt && *mt ? " " : "", mt);
            term_num = numtxt && !*mt;
            free(mt);
            free(numtxt);
            continue;
        }
        /* a bold line alone: a heading, or (after an empty term heading) a term */
        size_t sl = strlen(s);
        if (sl > 4 && !strncmp(s, "**", 2) && !strcmp(s + sl - 2, "**") && !strstr(s + 2, "**\x01")) {
            char *inner = sk_strndup(s + 2, sl - 4);
            int depth;
            size_t nl = num_at(inner, &depth);
            int blank_before = i == 0 || !L[i - 1].s[0];
            int blank_after = i + 1 >= n || !L[i + 1].s[0];
            if (!strstr(inner, "**") && blank_before && blank_after && nl && depth >= 1) {
                char *num = sk_strndup(inner, nl);
                size_t k = strlen(num);
                if (k && num[k - 1] == '.')
                    num[k - 1] = '\0';
                for (int q = 0; q < depth && q < 6; q++)
                    sk_buf_putc(out, '#');
                sk_buf_printf(out, " %s %s\n", num, after_spaces(inner + nl));
                note(notes, no, "bold line %s: taken as a heading", num);
                free(num);
                free(inner);
                continue;
            }
            if (term_num && !strstr(inner, "**") && blank_before) {
                /* "**术语 English**": the English after the last 汉字 */
                const char *cut = NULL;
                for (const char *q = inner; *q; q++)
                    if ((unsigned char)*q >= 0x80)
                        cut = NULL;
                    else if (!cut && isalpha((unsigned char)*q))
                        cut = q;
                /* the heading just written has no title: give it the term */
                if (out->len && out->data[out->len - 1] == '\n') {
                    out->data[--out->len] = '\0';
                    char *zh = sk_strndup(inner, cut ? (size_t)(cut - inner) : strlen(inner));
                    sk_str_trim(zh);
                    sk_buf_printf(out, " %s\n", zh);
                    free(zh);
                    if (cut)
                        sk_buf_printf(out, "\n%s\n", cut);
                    note(notes, no, "bold term line: taken as the term and its English equivalent");
                }
                term_num = 0;
                free(inner);
                continue;
            }
            free(inner);
        }
        if (s[0])
            term_num = 0;
        /* md2std's untitled clause marker */
        if (!strncmp(s, "{无标题条", 13)) {
            const char *e = strchr(s, '}');
            if (e) {
                int ch = 0;
                char *mt = markers(after_spaces(e + 1), no, notes, &ch);
                sk_buf_printf(out, "\xC2\xA7 %s\n", mt);
                free(mt);
                continue;
            }
        }
        /* <img src="…"> alone */
        const char *img = strstr(s, "<img ");
        if (img && (s[0] == '<')) {
            const char *src = strstr(img, "src=\"");
            if (src) {
                src += 5;
                const char *q = strchr(src, '"');
                const char *alt = strstr(img, "alt=\"");
                char *a = NULL;
                if (alt) {
                    alt += 5;
                    const char *qa = strchr(alt, '"');
                    a = qa ? sk_strndup(alt, (size_t)(qa - alt)) : NULL;
                }
                if (q) {
                    sk_buf_printf(out, "![%s](%.*s)\n", a ? a : "", (int)(q - src), src);
                    note(notes, no, "HTML image: written as ![](…)");
                    free(a);
                    continue;
                }
                free(a);
            }
        }
        int ch = 0;
        char *mt = markers(s, no, notes, &ch);
        sk_buf_printf(out, "%s\n", mt);
        free(mt);
    }
    if (!intro_done)
        sk_buf_printf(out, "\n# 引言\n\n%s\n", intro);
    for (size_t k = 0; k < n; k++)
        free(L[k].s);
    free(L);
    free(intro);
    free(data);
    (void)numbered;
    (void)headings;
    return 0;
}
