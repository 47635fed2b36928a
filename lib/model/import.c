#include "model/import.h"


#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/build.h"
#include "model/display.h"
#include "model/foreword.h"
#include "model/imcover.h"
#include "model/imstyle.h"
#include "text/stdnum.h"
#include "text/zh.h"

#define U3000 "\xE3\x80\x80"

/* ---------- text helpers ---------- */

static const char *skip_spaces(const char *s)
{
    size_t n;
    while ((n = sk_zh_blank(s)))
        s += n;
    return s;
}

/* A clause number at the start of s: 5, 5.1, 0.1, A.1, A.1.2 (followed by a space, a
 * U+3000, a tab or the end). Returns the number's length and sets *after to what
 * follows its spaces; 0 when there is none. */
static size_t clause_number(const char *s, const char **after)
{
    size_t i = 0;
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && isdigit((unsigned char)s[2])) {
        i = 1;
    } else if (isdigit((unsigned char)s[0])) {
        while (isdigit((unsigned char)s[i]))
            i++;
        if (i > 3)
            return 0;
    } else {
        return 0;
    }
    while (s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
        i++;
        size_t d = 0;
        while (isdigit((unsigned char)s[i]))
            i++, d++;
        if (d > 3)
            return 0;
    }
    if (s[i] == '.' && (s[i + 1] == ' ' || !s[i + 1] || !strncmp(s + i + 1, U3000, 3)))
        i++; /* "1. 范围" */
    if (s[i] && !sk_zh_blank(s + i))
        return 0;
    *after = skip_spaces(s + i);
    return i;
}

static int number_depth(const char *num)
{
    int d = 1;
    for (const char *p = num; *p; p++)
        d += *p == '.';
    return d;
}

/* ---------- the builder's state ---------- */

typedef struct im {
    sk_doc *doc;
    const sk_flow *f;
    const sk_import_opts *o;
    sk_import_result *res;
    int phase;                /* 0 cover, 1 目次, 2 body */
    sk_node *stack[10];       /* stack[0] the root, stack[k] the section of level k */
    int top;
    sk_node *untitled;        /* an open untitled clause */
    sk_node *lists[10];       /* the lists open, by level */
    int nlist;
    sk_node *last_float;      /* the table or figure notes after it belong to */
    sk_node *pending_fig;     /* a figure waiting for its caption below */
    char *caption;            /* a table caption waiting for its table */
    char *caption_num;
    sk_vec caption_marks;     /* its bookmarks */
    sk_map marks;             /* bookmark → node */
    sk_map ids;               /* ids given */
    sk_map roles;             /* style name → its role, level and kind (a cache of imstyle) */
    sk_node *where;           /* an open 式中 */
    sk_imcover cover;         /* the front matter, from the cover and the 前言 */
    int nfig;
    sk_buf foreword;          /* the 前言's text, for the fixed-text test */
    sk_node *term_pending;    /* a term entry whose term line is next */
} im;

/* The role a style's name gives (model/imstyle.h), looked up once a style. */
static sk_imrole role_of(im *I, const char *style, int *level, int *ordered)
{
    if (!style)
        return sk_imstyle_role(style, level, ordered);
    uintptr_t v = (uintptr_t)sk_map_get(&I->roles, style);
    if (!v) {
        sk_imrole r = sk_imstyle_role(style, level, ordered);
        v = ((uintptr_t)r | (uintptr_t)*level << 8 | (uintptr_t)(*ordered + 1) << 16) + ((uintptr_t)1 << 24);
        sk_map_put(&I->roles, style, (void *)v);
        return r;
    }
    *level = (int)(v >> 8 & 0xff);
    *ordered = (int)(v >> 16 & 0xff) - 1;
    return (sk_imrole)(v & 0xff);
}

static void note(im *I, int para, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(im *I, int para, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = NULL;
    if (vasprintf(&m, fmt, ap) < 0)
        m = NULL;
    va_end(ap);
    sk_vec_push(&I->res->notes, sk_asprintf("paragraph %d: %s", para, m ? m : ""));
    free(m);
}

static sk_node *container(im *I)
{
    return I->untitled ? I->untitled : I->stack[I->top];
}

static void close_lists(im *I)
{
    I->nlist = 0;
}

static void close_floats(im *I)
{
    I->last_float = NULL;
}

/* The bookmarks of a paragraph go to the node it made. */
static void mark_node(im *I, const sk_flow_para *p, sk_node *n)
{
    for (size_t i = 0; p && i < p->nruns; i++)
        if (p->runs[i].kind == SK_FR_BOOKMARK && !sk_map_get(&I->marks, p->runs[i].text))
            sk_map_put(&I->marks, p->runs[i].text, n);
}

/* The text of runs [from, to) of p as model runs. */
static void runs_to_inlines(im *I, sk_inlines *l, const sk_flow_para *p, size_t from, size_t skip_bytes,
                            sk_vec *footnotes)
{
    for (size_t i = from; i < p->nruns; i++) {
        const sk_flow_run *r = &p->runs[i];
        const char *t = r->text ? r->text : "";
        if (i == from && skip_bytes) {
            size_t L = strlen(t);
            t += skip_bytes < L ? skip_bytes : L;
            while ((*t & 0xC0) == 0x80) /* never inside a character */
                t++;
        }
        switch (r->kind) {
        case SK_FR_TEXT:
            if (!*t)
                break;
            if (r->anchor) {
                sk_inline in = { .type = SK_I_REF, .ref_kind = SK_REF_ANCHOR, .text = sk_strdup(t),
                                 .target = sk_strdup(r->anchor) };
                /* a link split over runs is one reference */
                if (l->n && l->v[l->n - 1].type == SK_I_REF && !strcmp(l->v[l->n - 1].target, r->anchor)) {
                    sk_inline *last = &l->v[l->n - 1];
                    char *j = sk_asprintf("%s%s", last->text, t);
                    free(last->text);
                    last->text = j;
                    free(in.text);
                    free(in.target);
                } else {
                    sk_inline_push(l, &in);
                }
            } else if (r->url) {
                sk_inline in = { .type = SK_I_LINK, .flags = r->flags & ~(unsigned)SK_FL_UNDERLINE,
                                 .text = sk_strdup(t), .target = sk_strdup(r->url) };
                sk_inline_push(l, &in);
            } else if (r->flags & ~(unsigned)SK_FL_UNDERLINE) {
                sk_inline in = { .type = SK_I_TEXT, .flags = r->flags & ~(unsigned)SK_FL_UNDERLINE,
                                 .text = sk_strdup(t) };
                if (l->n && l->v[l->n - 1].type == SK_I_TEXT && l->v[l->n - 1].flags == in.flags) {
                    char *j = sk_asprintf("%s%s", l->v[l->n - 1].text, t);
                    free(l->v[l->n - 1].text);
                    l->v[l->n - 1].text = j;
                    free(in.text);
                } else {
                    sk_inline_push(l, &in);
                }
            } else {
                sk_build_text(l, t);
            }
            break;
        case SK_FR_TAB:
            sk_build_text(l, " ");
            break;
        case SK_FR_BREAK: {
            sk_inline in = { .type = SK_I_LINEBREAK, .text = sk_strdup("") };
            sk_inline_push(l, &in);
            break;
        }
        case SK_FR_MATH: {
            sk_inline in = { .type = SK_I_MATH, .text = sk_strdup(r->text) };
            sk_inline_push(l, &in);
            break;
        }
        case SK_FR_FOOTNOTE:
            if (footnotes)
                sk_vec_push(footnotes, r->text);
            else if (*r->text)
                sk_build_textf(l, "（%s）", r->text);
            break;
        case SK_FR_IMAGE:
            note(I, p->index, "an image inside a line of text: left out (only an image alone in its paragraph is a figure)");
            break;
        default:
            break;
        }
    }
    /* trim the ends */
    while (l->n && l->v[l->n - 1].type == SK_I_LINEBREAK) {
        sk_inline_clear(&l->v[l->n - 1]);
        l->n--;
    }
    if (l->n && l->v[0].type == SK_I_TEXT) {
        char *s = l->v[0].text;
        const char *k = skip_spaces(s);
        memmove(s, k, strlen(k) + 1);
    }
    if (l->n && l->v[l->n - 1].type == SK_I_TEXT) {
        char *s = l->v[l->n - 1].text;
        size_t L = strlen(s);
        while (L && (s[L - 1] == ' ' || s[L - 1] == '\t'))
            s[--L] = '\0';
        while (L >= 3 && !strcmp(s + L - 3, U3000))
            s[L -= 3] = '\0';
    }
    for (size_t i = 0; i < l->n;) { /* drop empty text runs */
        if (l->v[i].type == SK_I_TEXT && !*l->v[i].text) {
            sk_inline_clear(&l->v[i]);
            memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof l->v[0]);
            l->n--;
        } else {
            i++;
        }
    }
}

/* Where prefix (bytes of the paragraph's text) ends in the runs: run index and offset. */
static void locate(const sk_flow_para *p, size_t bytes, size_t *run, size_t *off)
{
    size_t i = 0;
    for (; i < p->nruns; i++) {
        const sk_flow_run *r = &p->runs[i];
        size_t L = r->kind == SK_FR_TEXT ? strlen(r->text) : r->kind == SK_FR_TAB || r->kind == SK_FR_BREAK ? 1 : 0;
        if (r->kind == SK_FR_MATH)
            L = strlen(r->text) + 2;
        if (bytes < L || (bytes == L && L == 0)) {
            *run = i;
            *off = bytes;
            return;
        }
        bytes -= L;
    }
    *run = i;
    *off = 0;
}

/* The runs of p after its first prefix bytes as model runs. prefix counts in the
 * paragraph's text as the walk saw it: sk_flow_para_text, its leading white space
 * trimmed (sk_str_trim), so that white space is skipped as well. */
static void para_inlines(im *I, sk_inlines *l, const sk_flow_para *p, size_t prefix, sk_vec *fn)
{
    if (prefix) {
        char *t = sk_flow_para_text(p);
        size_t lead = 0;
        for (;;)
            if (t[lead] == ' ' || t[lead] == '\t' || t[lead] == '\n')
                lead++;
            else if (!strncmp(t + lead, U3000, 3))
                lead += 3;
            else
                break;
        free(t);
        prefix += lead;
    }
    size_t run, off;
    locate(p, prefix, &run, &off);
    if (run < p->nruns && p->runs[run].kind != SK_FR_TEXT && off) {
        run++;
        off = 0;
    }
    runs_to_inlines(I, l, p, run, off, fn);
}

static void add_footnotes(im *I, sk_node *parent, sk_vec *fn, int para)
{
    for (size_t i = 0; i < fn->len; i++) {
        sk_node *n = sk_build_block(parent, SK_N_NOTE);
        sk_build_text(&n->in, fn->items[i]);
        note(I, para, "a footnote: kept as a note (注) after its paragraph");
    }
    sk_vec_free(fn);
}

/* ---------- sections ---------- */

static sk_node *open_section(im *I, int level, sk_sect sect, const char *title, const char *num,
                             const sk_flow_para *p)
{
    if (level < 1)
        level = 1;
    if (level > I->top + 1)
        level = I->top + 1;
    if (level > 6)
        level = 6;
    I->top = level - 1;
    I->untitled = NULL;
    close_lists(I);
    close_floats(I);
    I->where = NULL;
    sk_node *parent = I->stack[I->top];
    if (level > 1 && sect != SK_S_TERM)
        sect = sk_display_sect_under(parent, title);
    sk_node *s = sk_build_section(parent, sect, title, NULL);
    s->line = p ? p->index : 0;
    if (num && *num)
        s->num_written = sk_strdup(num);
    I->stack[++I->top] = s;
    mark_node(I, p, s);
    return s;
}

static sk_node *open_annex(im *I, const char *letter, sk_annex_type type, const char *title, const sk_flow_para *p)
{
    I->top = 0;
    I->untitled = NULL;
    close_lists(I);
    close_floats(I);
    I->where = NULL;
    sk_node *a = sk_build_annex(I->doc, letter, type, title, NULL);
    a->line = p ? p->index : 0;
    I->stack[++I->top] = a;
    mark_node(I, p, a);
    return a;
}

/* "附录A（规范性）标题" with or without breaks: letter, type and what follows. */
static int parse_annex(const char *t, char *letter, sk_annex_type *type, const char **rest)
{
    if (strncmp(t, "附录", 6))
        return 0;
    const char *p = skip_spaces(t + 6);
    *letter = 0;
    if (*p >= 'A' && *p <= 'Z' && !(p[1] >= 'a' && p[1] <= 'z')) {
        *letter = *p;
        p++;
    } else if (*p && *p != '\xEF' && *p != '(' && *p != '\n') {
        return 0;
    }
    p = skip_spaces(p);
    *type = SK_ANNEX_UNKNOWN;
    static const char *const kinds[] = { "（规范性）", "(规范性)", "（资料性）", "(资料性)", "（规范性附录）",
                                         "（资料性附录）" };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strncmp(p, kinds[i], strlen(kinds[i]))) {
            *type = strstr(kinds[i], "规范") ? SK_ANNEX_NORMATIVE : SK_ANNEX_INFORMATIVE;
            p += strlen(kinds[i]);
            break;
        }
    *rest = skip_spaces(p);
    return 1;
}

static int annex_type_text(const char *sq, sk_annex_type *type)
{
    if (!strcmp(sq, "（规范性）") || !strcmp(sq, "(规范性)") || !strcmp(sq, "（规范性附录）")) {
        *type = SK_ANNEX_NORMATIVE;
        return 1;
    }
    if (!strcmp(sq, "（资料性）") || !strcmp(sq, "(资料性)") || !strcmp(sq, "（资料性附录）")) {
        *type = SK_ANNEX_INFORMATIVE;
        return 1;
    }
    return 0;
}

/* The number expected next at some level of the open sections: 5.2 after 5.1, 5.1.1
 * inside 5.1, 6 after 5.x (a chapter). Sets *level. */
static int number_fits(im *I, const char *num, int *level)
{
    int d = number_depth(num);
    if (d < 1 || d > 6)
        return 0;
    *level = d;
    if (d > I->top + 1)
        return 0;
    if (d == 1) {
        /* a chapter: one after the last chapter's number */
        int last = 0;
        for (sk_node *k = I->doc->root->first; k; k = k->next)
            if (k->type == SK_N_SECTION && k->num_written && k->sect != SK_S_ANNEX && k->sect != SK_S_INTRO &&
                isdigit((unsigned char)k->num_written[0]))
                last = atoi(k->num_written);
        return atoi(num) == last + 1;
    }
    /* the parent's number must be the number's prefix */
    const sk_node *parent = I->stack[d - 1];
    const char *pn = parent->num_written;
    if (!pn)
        return 0;
    size_t pl = strlen(pn);
    return !strncmp(num, pn, pl) && num[pl] == '.';
}

/* ---------- lists ---------- */

static int list_marker(const char *t, int *ordered, size_t *len)
{
    static const char *const bullets[] = { "——", "—", "·", "•", "●", "○", "■", "◆", "–", "-", "*" };
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t n = strlen(bullets[i]);
        if (!strncmp(t, bullets[i], n) && (n > 1 || t[1] == ' ' || t[1] == '\t')) {
            const char *q = t + n;
            if (n == 1 && *q != ' ' && *q != '\t')
                continue;
            *ordered = 0;
            *len = (size_t)(skip_spaces(q) - t);
            return 1;
        }
    }
    /* a) 1) (1) a） 1. */
    const char *p = t;
    int paren = 0;
    if (!strncmp(p, "（", 3)) {
        p += 3;
        paren = 1;
    } else if (*p == '(') {
        p++;
        paren = 1;
    }
    const char *s = p;
    if (*p >= 'a' && *p <= 'z' && !(p[1] >= 'a' && p[1] <= 'z'))
        p++;
    else
        while (isdigit((unsigned char)*p) && p - s < 3)
            p++;
    if (p == s)
        return 0;
    if (*p == ')')
        p++;
    else if (!strncmp(p, "）", 3))
        p += 3;
    else if (!paren && *p == '.' && (p[1] == ' ' || p[1] == '\t'))
        p++;
    else
        return 0;
    if (!*p)
        return 0;
    *ordered = 1;
    *len = (size_t)(skip_spaces(p) - t);
    return 1;
}

static sk_node *list_item(im *I, int level, int ordered)
{
    if (level < 1)
        level = 1;
    if (level > I->nlist + 1)
        level = I->nlist + 1;
    if (level > 8)
        level = 8;
    if (level <= I->nlist && I->lists[level]->ordered != ordered)
        I->nlist = level - 1; /* a list of another kind starts */
    if (level > I->nlist) {
        sk_node *parent = level == 1 ? container(I) : I->lists[level - 1]->last;
        if (!parent)
            parent = container(I);
        I->lists[level] = sk_build_list(parent, ordered);
        I->nlist = level;
    }
    I->nlist = level;
    return sk_build_item(I->lists[level]);
}

/* ---------- captions ---------- */

/* "表1　标题", "表 A.1 标题", "表：标题", "图2　标题": kind 表/图, number, title. */
static int caption_text(const char *t, const char *kind, char *num, size_t numcap, const char **title)
{
    size_t kl = strlen(kind);
    if (strncmp(t, kind, kl))
        return 0;
    const char *p = skip_spaces(t + kl);
    size_t i = 0;
    if (*p >= 'A' && *p <= 'Z' && p[1] == '.') {
        num[i++] = *p++;
        num[i++] = *p++;
    }
    while (isdigit((unsigned char)*p) && i + 1 < numcap)
        num[i++] = *p++;
    num[i] = '\0';
    if (i && num[i - 1] == '.')
        return 0;
    if (!strncmp(p, "：", 3))
        p += 3;
    else if (*p == ':')
        p++;
    else if (i == 0)
        return 0;
    if (i && *p && !sk_zh_blank(p) && p == skip_spaces(p) && strncmp(p - 3, "：", 3) && p[-1] != ':')
        return 0;
    *title = skip_spaces(p);
    return 1;
}

/* ---------- paragraphs ---------- */

static int only_image(const sk_flow_para *p, int *image)
{
    int img = -1;
    for (size_t i = 0; i < p->nruns; i++) {
        const sk_flow_run *r = &p->runs[i];
        if (r->kind == SK_FR_IMAGE) {
            if (img >= 0)
                return 0;
            img = r->image;
        } else if (r->kind == SK_FR_TEXT && *skip_spaces(r->text)) {
            return 0;
        } else if (r->kind == SK_FR_MATH) {
            return 0;
        }
    }
    *image = img;
    return img >= 0;
}

/* A paragraph that is one formula, with an optional number "(1)" after it. */
static int only_math(const sk_flow_para *p, const char **tex, char *num, size_t numcap)
{
    const char *t = NULL;
    num[0] = '\0';
    for (size_t i = 0; i < p->nruns; i++) {
        const sk_flow_run *r = &p->runs[i];
        if (r->kind == SK_FR_MATH) {
            if (t)
                return 0;
            t = r->text;
        } else if (r->kind == SK_FR_TEXT) {
            const char *s = skip_spaces(r->text);
            if (!*s)
                continue;
            if (!t)
                return 0;
            /* (1) （A.1） */
            char buf[64];
            snprintf(buf, sizeof buf, "%s", s);
            sk_str_trim(buf);
            size_t L = strlen(buf);
            const char *o = NULL;
            if (buf[0] == '(' && L > 2 && buf[L - 1] == ')') {
                buf[L - 1] = '\0';
                o = buf + 1;
            } else if (!strncmp(buf, "（", 3) && L > 6 && !strcmp(buf + L - 3, "）")) {
                buf[L - 3] = '\0';
                o = buf + 3;
            }
            if (!o || strlen(o) + 1 > numcap)
                return 0;
            snprintf(num, numcap, "%s", o);
        } else if (r->kind == SK_FR_IMAGE || r->kind == SK_FR_FOOTNOTE) {
            return 0;
        }
    }
    *tex = t;
    return t != NULL;
}

static void add_caption_marks(im *I, const sk_flow_para *p)
{
    for (size_t i = 0; i < p->nruns; i++)
        if (p->runs[i].kind == SK_FR_BOOKMARK)
            sk_vec_push(&I->caption_marks, p->runs[i].text);
}

static void take_caption_marks(im *I, sk_node *n)
{
    for (size_t i = 0; i < I->caption_marks.len; i++)
        if (!sk_map_get(&I->marks, I->caption_marks.items[i]))
            sk_map_put(&I->marks, I->caption_marks.items[i], n);
    I->caption_marks.len = 0;
}

static void drop_caption(im *I)
{
    if (I->caption) {
        sk_node *n = sk_build_block(container(I), SK_N_PARA);
        sk_build_text(&n->in, I->caption);
        free(I->caption);
        I->caption = NULL;
    }
    free(I->caption_num);
    I->caption_num = NULL;
    I->caption_marks.len = 0;
}

/* The term line "党员活动日　party member activity day": the term, and the English
 * equivalent after a U+3000 (or where the Latin text starts). */
static void term_line(im *I, sk_node *term, const char *t)
{
    (void)I;
    const char *gap = strstr(t, U3000);
    char *zh = NULL, *en = NULL;
    if (gap && sk_zh_has_han(gap + 3) == 0) {
        zh = sk_strndup(t, (size_t)(gap - t));
        en = sk_strdup(skip_spaces(gap));
    } else if (sk_zh_has_han(t)) {
        /* the Latin text after the last 汉字 */
        size_t L = strlen(t), cut = L;
        for (size_t i = 0; i < L;) {
            uint32_t cp;
            int n = sk_utf8_decode(t + i, L - i, &cp);
            if (n <= 0)
                break;
            if (sk_utf8_is_cjk(cp) || cp == 0x201C || cp == 0x201D || cp > 0x2E80)
                cut = L;
            else if (cut == L && ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')))
                cut = i;
            i += (size_t)n;
        }
        zh = sk_strndup(t, cut);
        en = cut < L ? sk_strdup(t + cut) : NULL;
    } else {
        zh = sk_strdup(t);
    }
    sk_str_trim(zh);
    free(term->title);
    term->title = zh;
    if (en) {
        sk_str_trim(en);
        if (*en) {
            sk_node *p = sk_build_block(term, SK_N_PARA);
            sk_build_text(&p->in, en);
        }
        free(en);
    }
}

/* 注：/注1：/示例：/示例1： at the start: the label's length and number. */
static size_t label_at(const char *t, const char *word, int *num)
{
    size_t wl = strlen(word);
    if (strncmp(t, word, wl))
        return 0;
    const char *p = skip_spaces(t + wl);
    *num = 0;
    while (isdigit((unsigned char)*p))
        *num = *num * 10 + (*p++ - '0');
    p = skip_spaces(p);
    if (!strncmp(p, "：", 3))
        p += 3;
    else if (*p == ':')
        p++;
    else
        return 0;
    return (size_t)(skip_spaces(p) - t);
}

static void body_para(im *I, const sk_flow_para *p, const char *t, sk_imrole r, int rlevel, int rordered)
{
    sk_vec fn = { 0 };
    int num;
    size_t k;
    int image;
    char fnum[32];
    const char *tex;

    /* a figure, its caption below it */
    if (only_image(p, &image)) {
        drop_caption(I);
        close_lists(I);
        I->nfig++;
        const char *ext = strrchr(I->f->images[image].name, '.');
        char *src = sk_asprintf("%s/%s-%d%s", I->o && I->o->figdir ? I->o->figdir : "figures",
                                I->o && I->o->stem ? I->o->stem : "figure", I->nfig, ext ? ext : ".png");
        for (char *q = strrchr(src, '.'); q && *q; q++)
            *q = (char)tolower((unsigned char)*q);
        sk_node *fig = sk_build_figure(container(I), NULL, src, NULL);
        fig->line = p->index;
        mark_node(I, p, fig);
        I->res->figs = sk_realloc(I->res->figs, (I->res->nfigs + 1) * sizeof *I->res->figs);
        I->res->figs[I->res->nfigs].src = src;
        I->res->figs[I->res->nfigs].image = image;
        I->res->nfigs++;
        I->pending_fig = fig;
        I->last_float = fig;
        return;
    }
    const char *title;
    char cnum[16];
    if (I->pending_fig && caption_text(t, "图", cnum, sizeof cnum, &title)) {
        I->pending_fig->caption = sk_strdup(title);
        if (*cnum)
            I->pending_fig->num_written = sk_strdup(cnum);
        mark_node(I, p, I->pending_fig);
        I->pending_fig = NULL;
        return;
    }
    I->pending_fig = NULL;
    if (caption_text(t, "表", cnum, sizeof cnum, &title) && (r == SK_IMR_CAPTION || strlen(title) < 120) &&
        !strstr(t, "。")) {
        drop_caption(I);
        I->caption = sk_strdup(title);
        I->caption_num = sk_strdup(cnum);
        add_caption_marks(I, p);
        return;
    }
    /* a formula */
    if (only_math(p, &tex, fnum, sizeof fnum)) {
        drop_caption(I);
        close_lists(I);
        sk_node *f = sk_build_block(container(I), SK_N_FORMULA);
        f->src = sk_strdup(tex);
        f->line = p->index;
        if (*fnum)
            f->num_written = sk_strdup(fnum);
        mark_node(I, p, f);
        I->where = NULL;
        return;
    }
    drop_caption(I);
    /* 式中 */
    if (!strncmp(t, "式中：", 9) || !strncmp(t, "式中:", 7)) {
        close_lists(I);
        I->where = sk_build_block(container(I), SK_N_WHERE);
        t = skip_spaces(t + (t[6] == ':' ? 7 : 9));
        if (!*t)
            return;
        r = SK_IMR_WHERE;
    }
    if (I->where && (r == SK_IMR_WHERE || strstr(t, "——"))) {
        /* one entry a line: symbol——meaning */
        char *c = sk_flow_para_text(p);
        for (char *line = strtok(c, "\n"); line; line = strtok(NULL, "\n")) {
            char *l2 = line;
            if (!strncmp(l2, "式中：", 9))
                l2 += 9;
            l2 = (char *)skip_spaces(l2);
            if (!*l2)
                continue;
            sk_node *it = sk_build_block(I->where, SK_N_WHERE_ITEM);
            char *dash = strstr(l2, "——");
            if (dash) {
                char *sym = sk_strndup(l2, (size_t)(dash - l2));
                sk_str_trim(sym);
                size_t sl = strlen(sym);
                if (sl >= 2 && sym[0] == '$' && sym[sl - 1] == '$') {
                    memmove(sym, sym + 1, sl - 2);
                    sym[sl - 2] = '\0';
                }
                it->src = sym;
                sk_build_text(&it->in, skip_spaces(dash + 6));
            } else {
                sk_build_text(&it->in, l2);
            }
        }
        free(c);
        return;
    }
    I->where = NULL;
    /* notes and examples: after a table or figure, they are its own */
    if ((k = label_at(t, "注", &num)) || r == SK_IMR_NOTE) {
        close_lists(I);
        sk_node *parent = I->last_float ? I->last_float : container(I);
        sk_node *n = sk_build_block(parent, SK_N_NOTE);
        n->label_num = num;
        para_inlines(I, &n->in, p, k, NULL);
        return;
    }
    if ((k = label_at(t, "示例", &num)) || r == SK_IMR_EXAMPLE) {
        close_lists(I);
        close_floats(I);
        sk_node *n = sk_build_block(container(I), SK_N_EXAMPLE);
        n->label_num = num;
        para_inlines(I, &n->in, p, k, NULL);
        return;
    }
    close_floats(I);
    sk_node *top = I->top ? I->stack[1] : NULL;
    sk_sect chap = top ? top->sect : SK_S_NONE;
    /* list items: numbering, a list style, or a marker typed */
    int ordered = 0;
    size_t ml = 0;
    int marker = list_marker(t, &ordered, &ml);
    int is_item = 0, level = 1;
    if ((p->bullet || p->list_level) && !(p->label && clause_number(p->label, &title))) {
        is_item = 1;
        ordered = !p->bullet;
        level = p->list_level;
        if (marker && ml && !p->bullet)
            ml = 0; /* the number shown is the list's */
        else if (!marker)
            ml = 0;
    } else if (r == SK_IMR_LIST) {
        is_item = 1;
        level = rlevel;
        if (rordered >= 0)
            ordered = marker ? ordered : rordered;
        if (!marker)
            ml = 0;
    } else if (marker) {
        is_item = 1;
        level = 1;
        if (I->nlist && ordered && !I->lists[1]->ordered && I->nlist == 1)
            level = 2;
        else if (I->nlist && ordered && I->lists[1]->ordered && isdigit((unsigned char)t[0]) &&
                 I->lists[I->nlist]->ordered && I->nlist >= 1 && (t[0] != '1' || I->nlist >= 1)) {
            /* 1) under a): one level down */
            const char *first = NULL;
            sk_node *l1 = I->lists[1];
            const sk_node *it1 = l1->first;
            (void)first;
            (void)it1;
            level = I->nlist == 1 ? 2 : I->nlist;
        } else if (!strncmp(t, "·", 2)) {
            level = I->nlist >= 1 ? 2 : 1;
        }
    } else if (chap == SK_S_NORMREF || chap == SK_S_BIBLIO) {
        sk_stdnum m;
        const char *q = t;
        if (chap == SK_S_BIBLIO && (*q == '[' || !strncmp(q, "［", 3))) {
            const char *c = strstr(q, *q == '[' ? "]" : "］");
            if (c)
                ml = (size_t)(skip_spaces(c + (*q == '[' ? 1 : 3)) - t);
        }
        if (chap == SK_S_BIBLIO || sk_stdnum_match(q, strlen(q), 0, &m) > 0 || !strncmp(q, "《", 3)) {
            is_item = ml > 0 || !sk_str_ends_with(t, "。") || chap == SK_S_NORMREF;
            if (chap == SK_S_NORMREF && sk_str_ends_with(t, "。") && !sk_stdnum_match(q, strlen(q), 0, &m))
                is_item = 0;
        }
    } else if (chap == SK_S_SYMBOLS && !sk_str_ends_with(t, "。") && (strstr(t, "：") || strstr(t, "——"))) {
        is_item = 1;
    }
    if (is_item) {
        sk_node *para = list_item(I, level, ordered);
        para_inlines(I, &para->in, p, ml, &fn);
        if (fn.len)
            add_footnotes(I, para->parent, &fn, p->index);
        sk_vec_free(&fn);
        return;
    }
    close_lists(I);
    sk_node *n = sk_build_block(container(I), SK_N_PARA);
    n->line = p->index;
    para_inlines(I, &n->in, p, 0, &fn);
    if (fn.len)
        add_footnotes(I, container(I), &fn, p->index);
    sk_vec_free(&fn);
    if (I->top && I->stack[1]->sect == SK_S_FOREWORD) {
        char *c = sk_flow_para_text(p);
        sk_buf_printf(&I->foreword, "%s\n", c);
        free(c);
    }
}

static size_t label_at(const char *t, const char *word, int *num);

/* A table block. */
static void table_block(im *I, const sk_flow_table *t)
{
    close_lists(I);
    I->pending_fig = NULL;
    I->where = NULL;
    /* the grid: columns from the spans; rowspans from vertical merges */
    int ncols = 0;
    for (size_t r = 0; r < t->n; r++) {
        int w = 0;
        for (size_t c = 0; c < t->rows[r].n; c++)
            w += t->rows[r].cells[c].covered ? 1 : t->rows[r].cells[c].colspan;
        if (w > ncols)
            ncols = w;
    }
    if (!t->n || !ncols) {
        drop_caption(I);
        return;
    }
    if (ncols > 1000)
        ncols = 1000;
    int nheader = 0;
    while ((size_t)nheader < t->n && t->rows[nheader].header)
        nheader++;
    /* 表注: a last row of one cell across the table whose paragraphs are 注 */
    size_t nrows = t->n;
    const sk_flow_cell *notes = NULL;
    if (nrows > 1) {
        const sk_flow_row *last = &t->rows[nrows - 1];
        const sk_flow_cell *one = NULL;
        int cells = 0;
        for (size_t c = 0; c < last->n; c++)
            if (!last->cells[c].covered && last->cells[c].vmerge != 2) {
                one = &last->cells[c];
                cells++;
            }
        if (cells == 1 && one->colspan == ncols && one->n) {
            int all = 1;
            for (size_t q = 0; q < one->n && all; q++) {
                char *tx = sk_flow_para_text(&one->paras[q]);
                int num;
                all = label_at(skip_spaces(tx), "注", &num) > 0;
                free(tx);
            }
            if (all) {
                notes = one;
                nrows--;
            }
        }
    }
    /* positions: cell (r, c) of the flow → grid column */
    int spans = 0;
    int **col = sk_calloc(t->n, sizeof *col);
    for (size_t r = 0; r < t->n; r++) {
        col[r] = sk_calloc(t->rows[r].n + 1, sizeof **col);
        int g = 0;
        for (size_t c = 0; c < t->rows[r].n; c++) {
            col[r][c] = g;
            const sk_flow_cell *k = &t->rows[r].cells[c];
            g += k->covered ? 1 : k->colspan;
            if (k->colspan > 1 || k->vmerge || k->rowspan > 1)
                spans = 1;
        }
    }
    char *id = NULL;
    if (notes) {
        /* the spans in the rows that stay */
        spans = 0;
        for (size_t r = 0; r < nrows; r++)
            for (size_t c = 0; c < t->rows[r].n; c++) {
                const sk_flow_cell *k = &t->rows[r].cells[c];
                if (k->colspan > 1 || k->vmerge || k->rowspan > 1)
                    spans = 1;
            }
    }
    sk_node *tn = sk_build_table(container(I), I->caption, id, ncols, nrows, nheader, spans);
    tn->line = t->index;
    if (I->caption_num && *I->caption_num)
        tn->num_written = sk_strdup(I->caption_num);
    take_caption_marks(I, tn);
    free(I->caption);
    I->caption = NULL;
    free(I->caption_num);
    I->caption_num = NULL;
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < t->rows[r].n; c++) {
            const sk_flow_cell *k = &t->rows[r].cells[c];
            int g = col[r][c];
            if (g >= ncols || k->covered || k->vmerge == 2)
                continue;
            sk_cell *cell = sk_build_cell(tn, r, g);
            for (size_t q = 0; q < k->n; q++) {
                if (q && cell->in.n) {
                    sk_inline br = { .type = SK_I_LINEBREAK, .text = sk_strdup("") };
                    sk_inline_push(&cell->in, &br);
                }
                sk_vec fn = { 0 };
                runs_to_inlines(I, &cell->in, &k->paras[q], 0, 0, NULL);
                mark_node(I, &k->paras[q], tn);
                sk_vec_free(&fn);
            }
            int rs = 1;
            if (k->vmerge == 1) {
                for (size_t r2 = r + 1; r2 < nrows; r2++) {
                    int found = 0;
                    for (size_t c2 = 0; c2 < t->rows[r2].n; c2++)
                        if (col[r2][c2] == g && t->rows[r2].cells[c2].vmerge == 2)
                            found = 1;
                    if (!found)
                        break;
                    rs++;
                }
            } else if (k->rowspan > 1) {
                rs = k->rowspan;
            }
            int cs = k->colspan;
            if (g + cs > ncols)
                cs = ncols - g;
            if (cs > 1 || rs > 1)
                sk_build_span(tn, r, g, cs, (int)((size_t)rs > nrows - r ? nrows - r : (size_t)rs));
        }
    }
    for (size_t r = 0; r < t->n; r++)
        free(col[r]);
    free(col);
    for (size_t q = 0; notes && q < notes->n; q++) {
        char *tx = sk_str_trim(sk_flow_para_text(&notes->paras[q]));
        int num;
        size_t k = label_at(tx, "注", &num);
        free(tx);
        sk_node *n = sk_build_block(tn, SK_N_NOTE);
        n->label_num = num;
        para_inlines(I, &n->in, &notes->paras[q], k, NULL);
    }
    I->last_float = tn;
}

/* ---------- references ---------- */

static const char *gen_id(im *I, sk_node *n)
{
    if (n->id)
        return n->id;
    char base[64];
    const char *num = n->num_written ? n->num_written : "";
    if (n->type == SK_N_TABLE)
        snprintf(base, sizeof base, "tbl-%s", *num ? num : "x");
    else if (n->type == SK_N_FIGURE)
        snprintf(base, sizeof base, "fig-%s", *num ? num : "x");
    else if (n->type == SK_N_FORMULA)
        snprintf(base, sizeof base, "eq-%s", *num ? num : "x");
    else if (n->sect == SK_S_ANNEX)
        snprintf(base, sizeof base, "annex-%s", *num ? num : "x");
    else if (n->sect == SK_S_TERM)
        snprintf(base, sizeof base, "term-%s", *num ? num : "x");
    else
        snprintf(base, sizeof base, "sec-%s", *num ? num : "x");
    for (char *p = base; *p; p++)
        if (*p == '.' || *p == '(' || *p == ')')
            *p = '-';
    char *id = sk_strdup(base);
    for (int k = 2; sk_map_get(&I->ids, id); k++) {
        free(id);
        id = sk_asprintf("%s-%d", base, k);
    }
    sk_map_put(&I->ids, id, n);
    n->id = id;
    return id;
}

/* What a reference to n reads when the writer prints its number. */
static int is_label_of(const sk_node *n, const char *text)
{
    const char *num = n->num_written;
    if (!num || !*num)
        return 0;
    char buf[96];
    if (n->type == SK_N_TABLE)
        snprintf(buf, sizeof buf, "表%s", num);
    else if (n->type == SK_N_FIGURE)
        snprintf(buf, sizeof buf, "图%s", num);
    else if (n->type == SK_N_FORMULA)
        snprintf(buf, sizeof buf, "公式（%s）", num);
    else if (n->sect == SK_S_ANNEX)
        snprintf(buf, sizeof buf, "附录%s", num);
    else if (n->level == 1)
        snprintf(buf, sizeof buf, "第%s章", num);
    else
        snprintf(buf, sizeof buf, "%s", num);
    return !strcmp(buf, text);
}

static void fix_refs_in(im *I, sk_inlines *l, int para)
{
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_REF || in->ref_kind != SK_REF_ANCHOR)
            continue;
        sk_node *n = sk_map_get(&I->marks, in->target);
        if (!n || n->type == SK_N_PARA || n->type == SK_N_DOC) {
            /* a link to a place that is no element: its text stays */
            note(I, para, "a link to bookmark %s, which marks no clause, table, figure or formula: kept as text",
                 in->target);
            in->type = SK_I_TEXT;
            free(in->target);
            in->target = NULL;
            continue;
        }
        if (n->untitled) { /* an untitled clause takes no {#id}: its number, found in the text */
            in->type = SK_I_TEXT;
            free(in->target);
            in->target = NULL;
            continue;
        }
        const char *id = gen_id(I, n);
        free(in->target);
        in->target = sk_strdup(id);
        if (is_label_of(n, in->text)) {
            free(in->text);
            in->text = sk_strdup("");
        }
    }
}

static void fix_refs(im *I)
{
    for (sk_node *n = I->doc->root; n; n = sk_node_walk_next(I->doc->root, n, 1)) {
        fix_refs_in(I, &n->in, n->line);
        if (n->table)
            for (size_t r = 0; r < n->table->nrows; r++)
                for (int c = 0; c < n->table->ncols; c++)
                    fix_refs_in(I, &n->table->rows[r].cells[c].in, n->line);
    }
}

/* ---------- the walk ---------- */

static int title_same(const char *unspaced, const char *title)
{
    char *u = sk_zh_unspace(title);
    int same = !strcmp(unspaced, u);
    free(u);
    return same;
}

/* The banner ("中华人民共和国国家标准", "团体标准"), the number, the dates, or the titles
 * after the number. */
static int cover_heading(const im *I, const char *t)
{
    size_t tl = strlen(t);
    sk_stdnum m;
    if (I->cover.seen_number || (sk_stdnum_match(t, tl, 0, &m) == tl && tl))
        return 1;
    if (sk_str_ends_with(t, "标准") && sk_utf8_count(t, tl) <= 24)
        return 1;
    return (strstr(t, "发布") || strstr(t, "实施")) && strspn(t, "0123456789-") >= 4;
}

/* Every line of t ends with a page number (Arabic or Roman) after a leader: "……",
 * "…", dots, a tab or spaces. */
static int toc_lines(const char *t)
{
    int lines = 0;
    while (*t) {
        const char *e = strchr(t, '\n');
        size_t n = e ? (size_t)(e - t) : strlen(t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\r'))
            n--;
        if (n) {
            size_t d = n;
            while (d && ((t[d - 1] >= '0' && t[d - 1] <= '9') || strchr("IVXLivxl", t[d - 1])))
                d--;
            if (d == n || !d)
                return 0;
            int leader = t[d - 1] == '\t' || t[d - 1] == '.' || t[d - 1] == ' ' ||
                         (d >= 3 && !strncmp(t + d - 3, "…", 3));
            if (!leader)
                return 0;
            lines++;
        }
        t += n;
        while (*t == ' ' || *t == '\r' || *t == '\n')
            t++;
    }
    return lines > 0;
}

static int heading_like(const sk_flow_para *p, sk_imrole r)
{
    return r == SK_IMR_HEADING || r == SK_IMR_ANNEX || r == SK_IMR_TERM_NUM || (p->outline > 0 && r == SK_IMR_NONE);
}

static void build(im *I)
{
    const sk_flow *f = I->f;
    for (size_t b = 0; b < f->n; b++) {
        const sk_flow_block *blk = &f->blocks[b];
        if (blk->type == SK_FB_TABLE) {
            if (I->phase < 2) {
                /* a table on the cover (a layout table): its paragraphs are cover lines */
                for (size_t r = 0; r < blk->table.n; r++)
                    for (size_t c = 0; c < blk->table.rows[r].n; c++)
                        for (size_t q = 0; q < blk->table.rows[r].cells[c].n; q++) {
                            const sk_flow_para *p = &blk->table.rows[r].cells[c].paras[q];
                            char *t = sk_flow_para_text(p);
                            sk_str_trim(t);
                            int lvl, ord;
                            sk_imcover_para(&I->cover, role_of(I, p->style, &lvl, &ord), t);
                            free(t);
                        }
                continue;
            }
            table_block(I, &blk->table);
            continue;
        }
        const sk_flow_para *p = &blk->para;
        char *t = sk_flow_para_text(p);
        sk_str_trim(t);
        int rlevel, rord;
        sk_imrole r = role_of(I, p->style, &rlevel, &rord);
        /* without its spaces, for the short texts that name an element (目次, 前 言) */
        char *sq = strlen(t) <= 96 ? sk_zh_unspace(t) : NULL;
        const char *after;
        char letter;
        sk_annex_type atype;
        size_t nl;

        if (p->toc || r == SK_IMR_TOC) {
            I->phase = I->phase < 1 ? 1 : I->phase;
            goto next;
        }
        if (r == SK_IMR_TOC_TITLE || (sq && (!strcmp(sq, "目次") || !strcmp(sq, "目录")))) {
            I->phase = 1;
            goto next;
        }
        /* 目次 typed as text: "3.1 术语和定义 …… 1", "前言 …… I" (it is generated) */
        if (I->phase == 1 && toc_lines(t))
            goto next;
        /* an empty paragraph is nothing, unless its numbering shows something (an
         * annex's 附录A, its text left empty as the GB/T templates leave it) */
        int labelled = p->label && *p->label && !p->bullet;
        if (!*t && !p->nruns && !labelled)
            goto next;
        if (!*t && !labelled) {
            int img;
            if (!only_image(p, &img)) {
                const char *tex;
                char num[32];
                if (!only_math(p, &tex, num, sizeof num))
                    goto next;
            }
        }
        /* the title on the first body page */
        if (r == SK_IMR_DOC_TITLE) {
            sk_imcover_set(&I->cover, SK_META_TITLE, t);
            if (I->phase == 1)
                I->phase = 2;
            goto next;
        }
        /* headings */
        {
            const char *num = NULL;
            char nbuf[32] = "";
            const char *title = t;
            int level = rlevel;
            int by_style = heading_like(p, r);
            if (!by_style && r == SK_IMR_NONE && p->outline > 0)
                by_style = 1;
            if (r == SK_IMR_NONE && p->outline > 0)
                level = p->outline;
            if (r == SK_IMR_HEADING && !level)
                level = 1;
            /* the number: the list's, else typed */
            if (p->label && *p->label && !p->bullet && (nl = clause_number(p->label, &after)) && !*after) {
                snprintf(nbuf, sizeof nbuf, "%.*s", (int)nl, p->label);
                if (nbuf[nl - 1] == '.')
                    nbuf[nl - 1] = '\0';
                num = nbuf;
            } else if ((nl = clause_number(t, &after))) {
                snprintf(nbuf, sizeof nbuf, "%.*s", (int)nl, t);
                if (nbuf[strlen(nbuf) - 1] == '.')
                    nbuf[strlen(nbuf) - 1] = '\0';
                num = nbuf;
                title = after;
            }
            /* annexes */
            const char *annex_src = p->label && !strncmp(p->label, "附录", 6) ? p->label : t;
            char *joined = NULL;
            if (annex_src == p->label && *t) {
                joined = sk_asprintf("%s%s", p->label, t);
                annex_src = joined;
            }
            const char *rest;
            if ((r == SK_IMR_ANNEX || (I->phase == 2 || by_style) || I->phase < 2) &&
                parse_annex(annex_src, &letter, &atype, &rest) && (r == SK_IMR_ANNEX || by_style || p->center ||
                                                                  atype != SK_ANNEX_UNKNOWN || !*rest)) {
                char *title_s = sk_strdup(rest);
                for (char *q = title_s; *q; q++)
                    if (*q == '\n')
                        *q = ' ';
                sk_str_trim(title_s);
                /* in three paragraphs: （规范性） and the title follow */
                size_t b2 = b + 1;
                while ((atype == SK_ANNEX_UNKNOWN || !*title_s) && b2 < f->n && f->blocks[b2].type == SK_FB_PARA) {
                    char *t2 = sk_flow_para_text(&f->blocks[b2].para);
                    sk_str_trim(t2);
                    char *s2 = sk_zh_unspace(t2);
                    int l2, o2;
                    sk_imrole r2 = role_of(I, f->blocks[b2].para.style, &l2, &o2);
                    if (!*t2) {
                        free(t2);
                        free(s2);
                        b2++;
                        continue;
                    }
                    if (atype == SK_ANNEX_UNKNOWN && annex_type_text(s2, &atype)) {
                        b2++;
                    } else if (!*title_s && (r2 == SK_IMR_ANNEX_TITLE || r2 == SK_IMR_NONE || r2 == SK_IMR_BODY ||
                                             f->blocks[b2].para.center) &&
                               r2 != SK_IMR_HEADING && !clause_number(t2, &after)) {
                        free(title_s);
                        title_s = sk_strdup(t2);
                        b2++;
                        free(t2);
                        free(s2);
                        break;
                    } else {
                        free(t2);
                        free(s2);
                        break;
                    }
                    free(t2);
                    free(s2);
                }
                char lt[2] = { letter, 0 };
                I->phase = 2;
                open_annex(I, letter ? lt : NULL, atype, title_s, p);
                if (atype == SK_ANNEX_UNKNOWN)
                    note(I, p->index, "annex %s has no （规范性） or （资料性）", letter ? lt : "");
                free(title_s);
                free(joined);
                b = b2 - 1;
                goto next;
            }
            free(joined);
            /* 前言, 引言, 参考文献, 索引 and chapters */
            sk_sect top = sk_display_sect_of(title);
            if ((by_style || I->phase < 2 || p->center) &&
                (top == SK_S_FOREWORD || top == SK_S_INTRO || top == SK_S_BIBLIO || top == SK_S_INDEX) && !num &&
                sq && strlen(sq) <= 12) {
                I->phase = 2;
                open_section(I, 1, top, sk_display_sect_of(sq) == top ? (top == SK_S_FOREWORD ? "前言" : top == SK_S_INTRO ? "引言"
                                                            : top == SK_S_BIBLIO ? "参考文献" : "索引") : title,
                             NULL, p);
                goto next;
            }
            if (r == SK_IMR_TERM_NUM || (num && I->top && I->stack[1]->sect == SK_S_TERMS && !*title &&
                                    number_depth(num) >= 2)) {
                if (num) {
                    int lvl = number_depth(num);
                    sk_node *s = open_section(I, lvl, SK_S_TERM, "", num, p);
                    I->term_pending = s;
                    if (*title) {
                        term_line(I, s, title);
                        I->term_pending = NULL;
                    }
                    goto next;
                }
            }
            /* A cover written as headings (pandoc's DOCX of Markdown whose cover lines are
             * "# 中华人民共和国国家标准", "# 物联网标识体系 总则"): before any section,
             * an unnumbered heading that is a cover line is one. */
            if (by_style && r == SK_IMR_HEADING && I->phase < 2 && !I->top && !num &&
                sk_display_sect_of(title) == SK_S_CHAPTER && cover_heading(I, t) &&
                sk_imcover_para(&I->cover, SK_IMR_NONE, t))
                goto next;
            /* the title again on the first body page, as a heading */
            if (by_style && !num && I->doc->meta->str[SK_META_TITLE] && sq &&
                title_same(sq, I->doc->meta->str[SK_META_TITLE]))
                goto next;
            if (by_style && r != SK_IMR_TERM_NUM) {
                if (num) {
                    int d = number_depth(num);
                    if (d >= 1 && d <= 6)
                        level = d;
                }
                if (!num && level > 1 && I->top == 0)
                    level = 1;
                sk_sect s = level == 1 ? sk_display_sect_of(title) : SK_S_CLAUSE;
                I->phase = 2;
                sk_node *sec = open_section(I, level, s, title, num, p);
                if (!*title && num)
                    sec->untitled = 1;
                if (level > 1 && I->stack[1]->sect == SK_S_TERMS && !*title)
                    I->term_pending = sec;
                goto next;
            }
            if (I->phase < 2) {
                /* a chapter typed in a plain paragraph ends the cover: "1 范围" */
                int lvl;
                if (!(num && number_fits(I, num, &lvl) && lvl == 1 && sk_display_sect_of(title) == SK_S_SCOPE)) {
                    if (!sk_imcover_para(&I->cover, r, t) && !p->center)
                        note(I, p->index, "text before the first heading, not a cover field: left out (%.*s)",
                             sk_utf8_clip(t, 40), t);
                    goto next;
                }
            }
            /* numbers typed in body text: a heading, or an untitled clause */
            int lvl;
            if (num && (number_fits(I, num, &lvl) || r == SK_IMR_UNTITLED)) {
                if (r == SK_IMR_UNTITLED && !lvl)
                    lvl = rlevel;
                int sentence = strstr(title, "。") || strstr(title, "；") || strstr(title, "，") ||
                               sk_utf8_count(title, strlen(title)) > 40;
                if (r == SK_IMR_UNTITLED || sentence || !*title) {
                    if (!I->top) {
                        goto body;
                    }
                    if (lvl > I->top + 1)
                        lvl = I->top + 1;
                    /* an untitled clause: its text is its first paragraph */
                    I->top = lvl - 1;
                    if (I->top < 1)
                        I->top = 1;
                    close_lists(I);
                    close_floats(I);
                    I->where = NULL;
                    sk_node *parent = I->stack[I->top];
                    sk_node *s = sk_build_section(parent, sk_display_sect_under(parent, NULL), "", NULL);
                    s->untitled = 1;
                    s->num_written = sk_strdup(num);
                    s->line = p->index;
                    mark_node(I, p, s);
                    I->untitled = s;
                    if (*title) {
                        sk_node *para = sk_build_block(s, SK_N_PARA);
                        para_inlines(I, &para->in, p, (size_t)(title - t), NULL);
                        /* the number's own bookmark goes to the clause */
                    }
                    goto next;
                }
                I->phase = 2;
                open_section(I, lvl, lvl == 1 ? sk_display_sect_of(title) : SK_S_CLAUSE, title, num, p);
                goto next;
            }
        }
    body:
        if (I->phase < 2)
            I->phase = 2;
        if (I->top && I->stack[1]->sect == SK_S_INDEX)
            goto next; /* the 索引 is generated */
        /* a term entry's term line */
        if (I->term_pending && (r == SK_IMR_TERM || r == SK_IMR_NONE || r == SK_IMR_BODY)) {
            term_line(I, I->term_pending, t);
            I->term_pending = NULL;
            goto next;
        }
        I->term_pending = NULL;
        if (r == SK_IMR_TERM_ALT && I->top && I->stack[I->top]->sect == SK_S_TERM) {
            sk_node *n = sk_build_block(container(I), SK_N_PARA);
            if (!strncmp(t, "不推荐用", 12) || !strncmp(t, "许用", 6) || !strncmp(t, "符号", 6))
                sk_build_text(&n->in, t);
            else if (!sk_zh_has_han(t) && strlen(t) < 24)
                sk_build_textf(&n->in, "符号：%s", t);
            else
                sk_build_textf(&n->in, "许用：%s", t);
            goto next;
        }
        body_para(I, p, t, r, rlevel, rord);
    next:
        free(sq);
        free(t);
    }
    drop_caption(I);
}

void sk_import_build(sk_doc **out, sk_import_result *res, const sk_flow *f, const char *path,
                     const sk_import_opts *o)
{
    im I;
    memset(&I, 0, sizeof I);
    memset(res, 0, sizeof *res);
    I.doc = sk_build_doc(path);
    I.f = f;
    I.o = o;
    I.res = res;
    I.stack[0] = I.doc->root;
    I.cover.doc = I.doc;
    I.cover.sys = o ? o->sys : NULL;
    sk_map_init(&I.marks);
    sk_map_init(&I.ids);
    sk_map_init(&I.roles);
    sk_buf_init(&I.foreword);
    for (size_t i = 0; i < f->notes.len; i++)
        sk_vec_push(&res->notes, sk_strdup(f->notes.items[i]));
    build(&I);
    fix_refs(&I);
    /* the 前言: stdgen's fixed text is dropped (its fields are kept in the front matter) */
    sk_node *fw = sk_doc_section(I.doc, SK_S_FOREWORD);
    if (fw) {
        int line = fw->line;
        if (sk_imcover_foreword(&I.cover, fw, I.foreword.data ? I.foreword.data : "")) {
            note(&I, line, "前言 is the fixed text stdgen generates: dropped (its fields are in the front matter)");
            res->foreword_dropped = 1;
        } else {
            note(&I, line, "前言 kept as written (it is not only the fixed text stdgen generates)");
        }
    }
    sk_imcover_finish(&I.cover, &res->notes);
    *out = I.doc;
    sk_map_free(&I.marks);
    sk_map_free(&I.ids);
    sk_map_free(&I.roles);
    sk_buf_free(&I.foreword);
    sk_vec_free(&I.caption_marks);
    free(I.caption);
    free(I.caption_num);
}

void sk_import_result_free(sk_import_result *res)
{
    for (size_t i = 0; i < res->nfigs; i++)
        free(res->figs[i].src);
    free(res->figs);
    for (size_t i = 0; i < res->notes.len; i++)
        free(res->notes.items[i]);
    sk_vec_free(&res->notes);
    memset(res, 0, sizeof *res);
}
