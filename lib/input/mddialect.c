#include "input/mddialect.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "input/meta.h"
#include "text/stdnum.h"
#include "text/yaml.h"
#include "text/zh.h"

#define U3000 "\xE3\x80\x80"
#define MAXD 6 /* clause depth: chapter + five levels */

/* ---------- lines ---------- */

typedef struct line {
    char *s;   /* the text, trailing white space gone (a hard break kept as two spaces) */
    int no;    /* line in the input */
    int code;  /* inside a fenced code block, or its fence */
} line;

/* The converter's state. */
typedef struct md {
    line *in;
    size_t n;
    sk_vec out;     /* char*: the lines written */
    sk_vec *notes;
    /* from the front matter */
    char *title;
    char *intro;    /* md2std's introduction: */
    int intro_done;
    /* the headings */
    int numbered;   /* most headings carry numbers */
    int shift;      /* unnumbered documents: levels to move every heading up */
    int level, h;   /* the last heading written: its level, and its #s in the input */
    int chapters;   /* chapters seen (a title heading after one is a heading) */
    int terms;      /* in 术语和定义 */
    size_t term_at; /* out index + 1 of a term heading waiting for its term */
    char *term_attrs; /* the attributes of that heading */
    /* the clause numbers in force: comp[1..depth], annex: comp[1] is the letter */
    int comp[MAXD + 1];
    int depth;
    char annex;
    /* formulas */
    char *last_tex; /* the last display formula's TeX, for 式中 symbols */
    sk_vec fnums;   /* char*: the formulas' numbers so far */
    int where;      /* in a 式中 block */
    int tex_noted;
} md;

static void note(md *M, int no, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(md *M, int no, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = NULL;
    if (vasprintf(&m, fmt, ap) < 0)
        m = NULL;
    va_end(ap);
    sk_vec_push(M->notes, sk_asprintf("paragraph %d: %s", no, m ? m : ""));
    free(m);
}

static void emit(md *M, char *s)
{
    sk_vec_push(&M->out, s);
}

static void emitf(md *M, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emitf(md *M, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = NULL;
    if (vasprintf(&m, fmt, ap) < 0)
        m = sk_strdup("");
    va_end(ap);
    emit(M, m);
}

/* Ends the output with one blank line (block boundaries the rewrites need). */
static void blank(md *M)
{
    if (M->out.len && *(char *)M->out.items[M->out.len - 1])
        emit(M, sk_strdup(""));
}

/* Takes the blank lines off the end of the output: the next line continues the
 * paragraph (式中 entries are the lines of the 式中 paragraph). */
static void unblank(md *M)
{
    while (M->out.len && !*(char *)M->out.items[M->out.len - 1])
        free(M->out.items[--M->out.len]);
}

static int is_blank(const md *M, size_t i)
{
    return i >= M->n || (!M->in[i].code && !*M->in[i].s);
}

/* ---------- text helpers ---------- */

static const char *skip_sp(const char *s)
{
    size_t k;
    while ((k = sk_zh_space(s)))
        s += k;
    return s;
}

static int sq_is(const char *s, const char *word)
{
    char *q = sk_zh_unspace(s);
    int r = !strcmp(q, word);
    free(q);
    return r;
}

static int is_cjk_cp(uint32_t cp)
{
    return sk_utf8_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

static size_t cps(const char *s)
{
    return sk_utf8_count(s, strlen(s));
}

/* A heading: its #s (1..6) and its text (trimmed), or 0. */
static int heading_at(const char *s, const char **text)
{
    int k = 0;
    while (s[k] == '#')
        k++;
    if (k < 1 || k > 6 || (s[k] && s[k] != ' ' && s[k] != '\t'))
        return 0;
    *text = skip_sp(s + k);
    return k;
}

/* A clause number at the start of s: 5, 5.1, A.1, "C. 1" (a space after the dot),
 * "1." — followed by a space, U+3000, the end, or (a number with a dot) a 汉字.
 * Writes the number as it should be ("C.1", "1") into num and its components
 * into comp[1..depth] (an annex letter as its character code); returns the bytes
 * taken (spaces after it included), 0 when there is none. */
static size_t clause_num(const char *s, char *num, size_t cap, int *comp, int *depth)
{
    size_t i = 0, w = 0;
    int d = 0;
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && (isdigit((unsigned char)s[2]) ||
                                                      (s[2] == ' ' && isdigit((unsigned char)s[3])))) {
        comp[++d] = s[0];
        num[w++] = s[0];
        i = 1;
    } else if (isdigit((unsigned char)s[0])) {
        int v = 0;
        while (isdigit((unsigned char)s[i]) && i < 3)
            v = v * 10 + (s[i] - '0'), num[w++] = s[i++];
        if (isdigit((unsigned char)s[i]))
            return 0;
        comp[++d] = v;
    } else {
        return 0;
    }
    while (s[i] == '.' && (isdigit((unsigned char)s[i + 1]) || (s[i + 1] == ' ' && isdigit((unsigned char)s[i + 2]) &&
                                                                 comp[1] >= 'A'))) {
        if (d >= MAXD)
            return 0;
        i++;
        if (s[i] == ' ')
            i++;
        int v = 0, k = 0;
        num[w++] = '.';
        while (isdigit((unsigned char)s[i]) && k < 3)
            v = v * 10 + (s[i] - '0'), num[w++] = s[i++], k++;
        if (isdigit((unsigned char)s[i]) || w + 4 >= cap)
            return 0;
        comp[++d] = v;
    }
    num[w] = '\0';
    if (d == 1 && comp[1] >= 'A')
        return 0; /* a letter alone is no number */
    if (s[i] == '.' && d == 1)
        i++; /* "1. 范围" */
    const char *a = skip_sp(s + i);
    if (*a && a == s + i) {
        uint32_t cp;
        if (d < 2 || sk_utf8_decode(a, strlen(a), &cp) <= 0 || !sk_utf8_is_cjk(cp))
            return 0;
    }
    *depth = d;
    return (size_t)(a - s);
}

/* Is comp[1..d] the next number at some level of the numbers in force? */
static int fits(const md *M, const int *comp, int d)
{
    if (d < 1 || d > MAXD || d > M->depth + 1)
        return 0;
    if (d == 1)
        return comp[1] < 'A' && M->annex == 0 && comp[1] == (M->depth ? M->comp[1] : 0) + 1;
    for (int k = 1; k < d; k++)
        if (comp[k] != M->comp[k])
            return 0;
    return comp[d] == (M->depth >= d ? M->comp[d] : 0) + 1;
}

static void set_num(md *M, const int *comp, int d)
{
    for (int k = 1; k <= d; k++)
        M->comp[k] = comp[k];
    M->depth = d;
}

/* An unnumbered heading at level d: the number it will get. */
static void count_heading(md *M, int d)
{
    if (d < 1 || d > MAXD)
        return;
    if (d > M->depth + 1)
        d = M->depth + 1;
    M->comp[d] = (M->depth >= d ? M->comp[d] : 0) + 1;
    M->depth = d;
}

/* The term line "监管链 global regulation blockchain": the term (up to the last
 * Chinese character) and the English after it (NULL when none). */
static void term_split(const char *t, char **zh, char **en)
{
    size_t len = strlen(t), cut = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = sk_utf8_decode(t + i, len - i, &cp);
        if (n <= 0)
            break;
        i += (size_t)n;
        if (is_cjk_cp(cp) && cp != 0x3000)
            cut = i;
    }
    const char *rest = skip_sp(t + cut);
    while (*rest == ';' || *rest == ',')
        rest = skip_sp(rest + 1);
    int latin = 0;
    for (const char *p = rest; *p; p++)
        latin |= isalpha((unsigned char)*p);
    if (!cut || !latin) {
        *zh = sk_str_trim(sk_strdup(t));
        *en = NULL;
        return;
    }
    *zh = sk_str_trim(sk_strndup(t, cut));
    *en = sk_str_trim(sk_strdup(rest));
}

/* ---------- TeX ---------- */

/* Inline formulas in a line of text: " $ x $ " closed up, and the TeX fixed. */
static char *inline_math(md *M, const char *s, int no)
{
    if (!strchr(s, '$'))
        return sk_strdup(s);
    sk_buf b;
    sk_buf_init(&b);
    int changed = 0;
    for (const char *p = s; *p;) {
        if (*p == '\\' && p[1]) {
            sk_buf_put(&b, p, 2);
            p += 2;
            continue;
        }
        if (*p == '`') { /* code spans are left alone */
            const char *e = strchr(p + 1, '`');
            size_t k = e ? (size_t)(e - p + 1) : strlen(p);
            sk_buf_put(&b, p, k);
            p += k;
            continue;
        }
        if (*p != '$') {
            sk_buf_putc(&b, *p++);
            continue;
        }
        size_t dl = p[1] == '$' ? 2 : 1;
        const char *q = p + dl;
        const char *e = strstr(q, dl == 2 ? "$$" : "$");
        while (e && dl == 1 && e[-1] == '\\')
            e = strchr(e + 1, '$');
        if (!e) {
            sk_buf_puts(&b, p);
            break;
        }
        char *tex = sk_str_trim(sk_strndup(q, (size_t)(e - q)));
        /* spaces inside the dollars: a formula another tool wrote */
        if (*tex && !sk_zh_has_han(tex)) {
            if ((size_t)(e - q) != strlen(tex))
                changed++;
            sk_buf_put(&b, "$$", dl);
            sk_buf_puts(&b, tex);
            sk_buf_put(&b, "$$", dl);
        } else {
            sk_buf_put(&b, p, (size_t)(e + dl - p));
        }
        free(tex);
        p = e + dl;
    }
    sk_buf_puts(&b, "");
    if (changed && !M->tex_noted) {
        note(M, no, "formulas: spaces inside $ … $ closed up (and in the rest of the file)");
        M->tex_noted = 1;
    }
    return sk_buf_detach(&b);
}

/* ---------- front matter ---------- */

/* Other tools' front-matter keys and stdkit's. */
static const struct {
    const char *from, *to;
} ALIAS[] = {
    { "publish_date", "issued" },        { "release_date", "issued" },      { "发布日期", "issued" },
    { "implement_date", "effective" },   { "实施日期", "effective" },       { "publisher", "issuer" },
    { "发布单位", "issuer" },            { "发布部门", "issuer" },          { "发布机构", "issuer" },
    { "标准号", "number" },              { "标准编号", "number" },          { "中文名称", "title" },
    { "标准名称", "title" },             { "英文名称", "title_en" },        { "english_title", "title_en" },
    { "国际标准分类号", "ics" },         { "ICS", "ics" },                  { "中国标准分类号", "ccs" },
    { "CCS", "ccs" },                    { "全部代替标准", "replaces" },    { "部分代替标准", "replaces" },
    { "代替标准", "replaces" },          { "提出单位", "proposer" },        { "归口单位", "owner" },
    { "起草单位", "drafting_units" },    { "draft_orgs", "drafting_units" }, { "起草人", "drafters" },
    { "主要起草人", "drafters" },        { "标准状态", "status" },          { "draft_version", "stage" },
    { "草案版次", "stage" },
};

/* Keys with no stdkit field that say something printed another way. */
static const struct {
    const char *key, *why;
} DROPPED[] = {
    { "standard_type", "the cover's level banner comes from the number" },
    { "标准性质", "the cover's level banner comes from the number" },
    { "patent_note", "stdgen's 前言 always has the patent sentence" },
    { "odd_even_pages", "stdgen lays out the pages" },
};

typedef struct fm_entry {
    sk_meta_key key;
    char *raw;      /* the lines as written (a stdkit key), or NULL */
    char *value;    /* a mapped scalar */
    sk_vec list;    /* a mapped list */
} fm_entry;

typedef struct fm {
    fm_entry e[SK_META_NKEYS];
    int has[SK_META_NKEYS];
    sk_meta_key order[SK_META_NKEYS]; /* the keys written as stdkit's, in their order */
    int norder;
    sk_buf comments; /* text keys kept as comments */
} fm;

static int meta_key(const char *name, sk_meta_key *k)
{
    for (int i = 0; i < SK_META_NKEYS; i++)
        if (!strcmp(sk_meta_key_name((sk_meta_key)i), name)) {
            *k = (sk_meta_key)i;
            return 1;
        }
    return 0;
}

static const char *STAGES[] = { "征求意见稿", "送审稿", "报批稿" };

/* A scalar value, normalised for its key; NULL when it cannot be one. Caller frees. */
static char *value_for(sk_meta_key k, const char *v)
{
    char *s = sk_str_trim(sk_strdup(v));
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
    if (k == SK_META_STATUS) {
        const char *m = !strcmp(s, "现行") || !strcmp(s, "即将实施") ? "current"
                        : !strcmp(s, "废止") || !strcmp(s, "作废")  ? "withdrawn"
                        : strstr(s, "稿") || !strcmp(s, "草案")     ? "draft"
                        : !strcmp(s, "current") || !strcmp(s, "draft") || !strcmp(s, "withdrawn") ? s
                                                                                                 : NULL;
        char *r = m ? sk_strdup(m) : NULL;
        free(s);
        return r;
    }
    if (k == SK_META_STAGE) {
        for (size_t i = 0; i < 3; i++)
            if (strstr(s, STAGES[i])) {
                free(s);
                return sk_strdup(STAGES[i]);
            }
        free(s);
        return NULL;
    }
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

static void fm_set(md *M, fm *F, sk_meta_key k, const sk_yaml_node *v, const char *from, int no)
{
    if (F->has[k]) {
        note(M, no, "front-matter key %s: %s is given already: left out", from, sk_meta_key_name(k));
        return;
    }
    fm_entry *e = &F->e[k];
    int list = k == SK_META_REPLACES || k == SK_META_DRAFTING_UNITS || k == SK_META_DRAFTERS;
    if (v->type == SK_YAML_SEQ) {
        for (size_t i = 0; i < v->n; i++)
            if (v->items[i]->type == SK_YAML_SCALAR && *v->items[i]->value)
                sk_vec_push(&e->list, sk_str_trim(sk_strdup(v->items[i]->value)));
        if (!list && e->list.len) {
            /* several issuers: one line */
            sk_buf b;
            sk_buf_init(&b);
            for (size_t i = 0; i < e->list.len; i++) {
                sk_buf_printf(&b, "%s%s", i ? " " : "", (char *)e->list.items[i]);
                free(e->list.items[i]);
            }
            e->list.len = 0;
            e->value = sk_buf_detach(&b);
        }
    } else if (v->type == SK_YAML_SCALAR) {
        e->value = value_for(k, v->value);
        if (!e->value) {
            note(M, no, "front-matter key %s: '%.*s' is no %s value: left out", from, sk_utf8_clip(v->value, 40), v->value,
                 sk_meta_key_name(k));
            return;
        }
    } else {
        note(M, no, "front-matter key %s: a mapping where text is expected: left out", from);
        return;
    }
    if (!e->value && !e->list.len)
        return;
    F->has[k] = 1;
    e->key = k;
    if (strcmp(from, sk_meta_key_name(k)))
        note(M, no, "front-matter key %s: written as %s", from, sk_meta_key_name(k));
}

/* One key of a foreign front matter. */
static void fm_foreign(md *M, fm *F, const sk_yaml_node *key, const sk_yaml_node *v, int depth)
{
    const char *name = key->value;
    int no = key->line;
    sk_meta_key k;
    if (meta_key(name, &k)) {
        fm_set(M, F, k, v, name, no);
        return;
    }
    for (size_t i = 0; i < sizeof ALIAS / sizeof ALIAS[0]; i++)
        if (!strcmp(ALIAS[i].from, name) && meta_key(ALIAS[i].to, &k)) {
            fm_set(M, F, k, v, name, no);
            return;
        }
    if (!strcmp(name, "foreword") && v->type == SK_YAML_MAP && depth == 0) {
        /* md2std: the 前言's fields */
        for (size_t i = 0; i + 1 < v->n; i += 2)
            fm_foreign(M, F, v->items[i], v->items[i + 1], depth + 1);
        return;
    }
    for (size_t i = 0; i < sizeof DROPPED / sizeof DROPPED[0]; i++)
        if (!strcmp(DROPPED[i].key, name)) {
            note(M, no, "front-matter key %s: left out (%s)", name, DROPPED[i].why);
            return;
        }
    if (v->type == SK_YAML_SEQ) {
        /* text (md2std's replace_changes, extra_notes): kept as a comment */
        sk_buf_printf(&F->comments, "# %s (no stdkit field; a written # 前言 can say it):\n", name);
        for (size_t i = 0; i < v->n; i++) {
            const sk_yaml_node *it = v->items[i];
            if (it->type == SK_YAML_SCALAR)
                sk_buf_printf(&F->comments, "#   - %s\n", it->value);
            else if (it->type == SK_YAML_SEQ)
                for (size_t j = 0; j < it->n; j++)
                    if (it->items[j]->type == SK_YAML_SCALAR)
                        sk_buf_printf(&F->comments, "#     - %s\n", it->items[j]->value);
        }
        note(M, no, "front-matter key %s: no stdkit field: kept as a comment in the front matter", name);
        return;
    }
    if (v->type == SK_YAML_SCALAR) {
        sk_buf_printf(&F->comments, "# %s: %s (no stdkit field)\n", name, v->value);
        note(M, no, "front-matter key %s: no stdkit field: kept as a comment in the front matter", name);
    } else {
        note(M, no, "front-matter key %s: no stdkit field: left out", name);
    }
}

static void fm_finish(md *M, fm *F, int no)
{
    if (!F->has[SK_META_STATUS]) {
        F->e[SK_META_STATUS].value = sk_strdup(F->has[SK_META_STAGE] ? "draft" : "current");
        F->has[SK_META_STATUS] = 1;
        note(M, no, "no status: %s", F->e[SK_META_STATUS].value);
    }
    if (!F->has[SK_META_NUMBER])
        note(M, no, "no standard number found: fill in number: in the front matter");
    if (!F->has[SK_META_TITLE])
        note(M, no, "no title found: fill in title: in the front matter");
}

static void fm_write(md *M, fm *F)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "---\n");
    /* stdkit's keys as they were, then the others in the order of docs/format.md */
    for (int o = 0; o < F->norder; o++)
        sk_buf_puts(&b, F->e[F->order[o]].raw);
    for (int k = 0; k < SK_META_NKEYS; k++) {
        if (!F->has[k])
            continue;
        fm_entry *e = &F->e[k];
        if (e->raw)
            continue;
        sk_buf_printf(&b, "%s:", sk_meta_key_name((sk_meta_key)k));
        if (e->list.len) {
            sk_buf_putc(&b, '\n');
            for (size_t i = 0; i < e->list.len; i++) {
                sk_buf_puts(&b, "  - ");
                sk_yaml_scalar(&b, e->list.items[i]);
                sk_buf_putc(&b, '\n');
            }
        } else {
            sk_buf_putc(&b, ' ');
            sk_yaml_scalar(&b, e->value);
            sk_buf_putc(&b, '\n');
        }
    }
    if (F->comments.len)
        sk_buf_put(&b, F->comments.data, F->comments.len);
    sk_buf_puts(&b, "---");
    emit(M, sk_buf_detach(&b));
    if (F->has[SK_META_TITLE] && F->e[SK_META_TITLE].value)
        M->title = sk_strdup(F->e[SK_META_TITLE].value);
}

static void fm_free(fm *F)
{
    for (int k = 0; k < SK_META_NKEYS; k++) {
        free(F->e[k].raw);
        free(F->e[k].value);
        for (size_t i = 0; i < F->e[k].list.len; i++)
            free(F->e[k].list.items[i]);
        sk_vec_free(&F->e[k].list);
    }
    sk_buf_free(&F->comments);
}

static sk_yaml_node *ynode(sk_yaml_type t, const char *v, int line)
{
    sk_yaml_node *n = sk_calloc(1, sizeof *n);
    n->type = t;
    n->line = line;
    n->value = v ? sk_strdup(v) : NULL;
    return n;
}

static void yadd(sk_yaml_node *p, sk_yaml_node *c)
{
    p->items = sk_realloc(p->items, (p->n + 1) * sizeof *p->items);
    p->items[p->n++] = c;
}

/* Front matter that is not YAML, as md2pdf writes it ("采标英文名称: Robotics—Part 1:
 * Industrial robots": a colon in a plain value): "key: value" lines and "  - item"
 * lists under a key, read line by line. NULL when a line is neither. */
static sk_yaml_node *loose_yaml(const md *M, size_t end)
{
    sk_yaml_node *root = ynode(SK_YAML_MAP, NULL, 1), *list = NULL;
    for (size_t i = 1; i < end; i++) {
        const char *s = M->in[i].s;
        int no = (int)i + 1;
        if (!*skip_sp(s) || s[0] == '#')
            continue;
        if ((s[0] == ' ' || s[0] == '\t') && list) {
            const char *t = skip_sp(s);
            if (t[0] != '-' || t[1] != ' ')
                goto bad;
            yadd(list, ynode(SK_YAML_SCALAR, skip_sp(t + 2), no));
            continue;
        }
        const char *c = strstr(s, ": ");
        if (!c && sk_str_ends_with(s, ":"))
            c = s + strlen(s) - 1;
        if (!c || s[0] == ' ' || s[0] == '-')
            goto bad;
        char *k = sk_strndup(s, (size_t)(c - s));
        yadd(root, ynode(SK_YAML_SCALAR, sk_str_trim(k), no));
        free(k);
        const char *v = skip_sp(c + 1);
        if (*v && strchr("[{&*!|>%@`", *v))
            goto bad; /* YAML syntax, not a tool's plain value */
        if (*v) {
            char *val = sk_strdup(v);
            size_t l = strlen(val);
            if (l >= 2 && (val[0] == '"' || val[0] == '\'') && val[l - 1] == val[0]) {
                memmove(val, val + 1, l - 2);
                val[l - 2] = '\0';
            }
            yadd(root, ynode(SK_YAML_SCALAR, val, no));
            free(val);
            list = NULL;
        } else {
            list = ynode(SK_YAML_SEQ, NULL, no);
            yadd(root, list);
        }
    }
    return root;
bad:
    sk_yaml_free(root);
    return NULL;
}

/* The front matter in lines [1, end): stdkit's keys as written, other tools'
 * mapped. */
static void front_matter(md *M, size_t end)
{
    fm F;
    memset(&F, 0, sizeof F);
    sk_buf_init(&F.comments);
    sk_buf y;
    sk_buf_init(&y);
    for (size_t i = 1; i < end; i++)
        sk_buf_printf(&y, "%s\n", M->in[i].s);
    sk_yaml_node *root = NULL;
    sk_err e;
    sk_err_clear(&e);
    int loose = 0;
    if (sk_yaml_load(&root, y.data ? y.data : "", y.len, 2, "", &e) < 0 || (root && root->type != SK_YAML_MAP)) {
        sk_yaml_free(root);
        root = loose_yaml(M, end);
        loose = root != NULL;
        if (loose)
            note(M, e.line ? e.line : 1, "the front matter is not YAML (%s): read line by line, as the tool that "
                                         "wrote it does",
                 e.msg);
    }
    if (!root && y.len) {
        /* kept as it is: stdcheck reports what is wrong with it */
        note(M, e.line ? e.line : 1, "the front matter is not a YAML mapping: kept as written");
        emitf(M, "---\n%s---", y.data ? y.data : "");
        sk_yaml_free(root);
        sk_buf_free(&y);
        fm_free(&F);
        return;
    }
    for (size_t i = 0; root && i + 1 < root->n; i += 2) {
        const sk_yaml_node *key = root->items[i], *v = root->items[i + 1];
        sk_meta_key k;
        if (!strcmp(key->value, "introduction") || !strcmp(key->value, "引言")) {
            if (v->type == SK_YAML_SCALAR && *v->value) {
                free(M->intro);
                M->intro = sk_strdup(v->value);
                note(M, key->line, "introduction in the front matter: written as the # 引言 section");
            }
            continue;
        }
        if (!loose && meta_key(key->value, &k) && !F.has[k]) {
            /* as written, up to the next key */
            int from = key->line, to = i + 2 < root->n ? root->items[i + 2]->line : (int)end + 1;
            sk_buf r;
            sk_buf_init(&r);
            for (int l = from; l < to && l >= 2 && (size_t)(l - 1) < end; l++)
                sk_buf_printf(&r, "%s\n", M->in[l - 1].s);
            F.e[k].raw = sk_buf_detach(&r);
            F.e[k].key = k;
            F.order[F.norder++] = k;
            F.has[k] = 1;
            if (k == SK_META_NUMBER && v->type == SK_YAML_SCALAR)
                F.e[k].value = sk_strdup(v->value);
            if (k == SK_META_TITLE && v->type == SK_YAML_SCALAR)
                F.e[k].value = sk_strdup(v->value);
            continue;
        }
        fm_foreign(M, &F, key, v, 0);
    }
    fm_finish(M, &F, 1);
    fm_write(M, &F);
    sk_yaml_free(root);
    sk_buf_free(&y);
    fm_free(&F);
}

/* A line of the cover: what it gives. */
static void cover_line(md *M, fm *F, const char *t, int no)
{
    size_t tl = strlen(t);
    sk_stdnum m;
    sk_yaml_node v = { .type = SK_YAML_SCALAR, .line = no, .plain = 0 };
    char *sq = sk_zh_unspace(t);
    char date[11];
    int dates = 0;
    /* "2019-06-28 发布", "2024-12-24 发布 2024-12-24 实施" */
    for (const char *p = t; *p; p++)
        if (isdigit((unsigned char)p[0]) && strlen(p) >= 10 && p[4] == '-' && p[7] == '-' &&
            isdigit((unsigned char)p[9])) {
            memcpy(date, p, 10);
            date[10] = '\0';
            const char *q = skip_sp(p + 10);
            sk_meta_key k = !strncmp(q, "发布", 6) ? SK_META_ISSUED : !strncmp(q, "实施", 6) ? SK_META_EFFECTIVE
                                                                                         : SK_META_NKEYS;
            if (k != SK_META_NKEYS && !F->has[k]) {
                v.value = date;
                fm_set(M, F, k, &v, sk_meta_key_name(k), no);
                dates++;
            }
            p += 9;
        }
    if (dates) {
    } else if (!F->has[SK_META_NUMBER] && sk_stdnum_match(t, tl, 0, &m) == tl) {
        v.value = (char *)t;
        fm_set(M, F, SK_META_NUMBER, &v, "number", no);
    } else if (!strncmp(t, "ICS", 3) || !strncmp(t, "CCS", 3)) {
        v.value = (char *)skip_sp(t + 3);
        fm_set(M, F, t[0] == 'I' ? SK_META_ICS : SK_META_CCS, &v, t[0] == 'I' ? "ics" : "ccs", no);
    } else if (!strncmp(sq, "代替", 6) && sk_stdnum_match(sq + 6, strlen(sq + 6), 0, &m)) {
        v.value = (char *)skip_sp(t + 6);
        fm_set(M, F, SK_META_REPLACES, &v, "replaces", no);
    } else if (strstr(sq, "稿）") || strstr(sq, "稿)")) {
        v.value = sq;
        fm_set(M, F, SK_META_STAGE, &v, "stage", no);
    } else if (sk_zh_has_han(t) && (sk_str_ends_with(sq, "标准") || sk_str_ends_with(sq, "技术文件"))) {
        /* the level banner (中华人民共和国国家标准): printed from the number */
    } else if (sk_zh_has_han(t) && sk_str_ends_with(sq, "发布")) {
        char *is = sk_strndup(sq, strlen(sq) - 6);
        v.value = is;
        if (*is)
            fm_set(M, F, SK_META_ISSUER, &v, "issuer", no);
        free(is);
    } else if (sk_zh_has_han(t) && F->has[SK_META_ISSUER] && sk_str_ends_with(sq, "委员会")) {
        /* the second issuer under the first */
        char *j = sk_asprintf("%s %s", F->e[SK_META_ISSUER].value, sq);
        free(F->e[SK_META_ISSUER].value);
        F->e[SK_META_ISSUER].value = j;
    } else if (sk_zh_has_han(t)) {
        if (!F->has[SK_META_TITLE]) {
            v.value = (char *)t;
            fm_set(M, F, SK_META_TITLE, &v, "title", no);
        } else if (!strncmp(sq, "第", 3) && strstr(sq, "部分")) {
            char *j = sk_asprintf("%s" U3000 "%s", F->e[SK_META_TITLE].value, t);
            free(F->e[SK_META_TITLE].value);
            F->e[SK_META_TITLE].value = j;
        } else {
            note(M, no, "cover line left out: %.*s", sk_utf8_clip(t, 60), t);
        }
    } else if (isalpha((unsigned char)t[0])) {
        if (!F->has[SK_META_TITLE_EN]) {
            v.value = (char *)t;
            fm_set(M, F, SK_META_TITLE_EN, &v, "title_en", no);
        } else {
            char *j = sk_asprintf("%s %s", F->e[SK_META_TITLE_EN].value, t);
            free(F->e[SK_META_TITLE_EN].value);
            F->e[SK_META_TITLE_EN].value = j;
        }
    } else {
        note(M, no, "cover line left out: %.*s", sk_utf8_clip(t, 60), t);
    }
    free(sq);
}

/* Where the body starts in a text without front matter: the first 目次, 前言,
 * 引言, 范围 (a heading or a line of its own). */
static size_t body_start(const md *M)
{
    for (size_t i = 0; i < M->n; i++) {
        if (M->in[i].code)
            return 0;
        const char *t = M->in[i].s;
        heading_at(t, &t);
        char *q = sk_zh_unspace(t);
        int hit = !strcmp(q, "目次") || !strcmp(q, "目录") || !strcmp(q, "前言") || !strcmp(q, "引言") ||
                  !strcmp(q, "范围") || !strcmp(q, "1范围") || !strcmp(q, "1.范围");
        free(q);
        if (hit)
            return i;
    }
    return 0;
}

/* ---------- headings ---------- */

/* 前言, 引言, 参考文献, 索引 (letter-spaced or not): the canonical title, or NULL. */
static const char *front_title(const char *t)
{
    static const char *const names[] = { "前言", "引言", "参考文献", "索引" };
    char *q = sk_zh_unspace(t);
    const char *r = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(q, names[i]))
            r = names[i];
    free(q);
    return r;
}

static int chapter_name(const char *t)
{
    static const char *const names[] = { "范围", "规范性引用文件", "术语和定义", "术语、定义和缩略语",
                                         "术语、定义、符号和缩略语", "符号和缩略语", "缩略语", "符号" };
    char *q = sk_zh_unspace(t);
    int r = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(q, names[i]))
            r = 1;
    free(q);
    return r;
}

/* An annex's nature at s: （规范性）(规范性)（资料性附录）… or md2std's bare 规范性;
 * sets *type ("规范性"/"资料性") and returns the bytes. */
static size_t annex_nature(const char *s, const char **type)
{
    static const char *const forms[] = { "（规范性附录）", "(规范性附录)", "（资料性附录）", "(资料性附录)",
                                         "（规范性）",     "(规范性)",     "（资料性）",     "(资料性)",
                                         "（标准的附录）", "（提示的附录）", "规范性",        "资料性" };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        size_t l = strlen(forms[i]);
        if (!strncmp(s, forms[i], l)) {
            if (i >= 10 && s[l] && !sk_zh_space(s + l))
                continue; /* a bare word is followed by a space */
            *type = strstr(forms[i], "规范") || strstr(forms[i], "标准的") ? "规范性" : "资料性";
            return l;
        }
    }
    return 0;
}

/* "附录A（规范性）标题", "附 录 A", "附录 C   (资料性附录)   title", "附录 规范性 title":
 * letter (0 when none), nature (NULL) and title (the rest, "" when none). */
static int annex_head(const char *t, char *letter, const char **type, const char **title)
{
    if (strncmp(t, "附", 3))
        return 0;
    const char *p = skip_sp(t + 3);
    if (strncmp(p, "录", 3))
        return 0;
    p = skip_sp(p + 3);
    *letter = 0;
    if (*p >= 'A' && *p <= 'Z' && !isalnum((unsigned char)p[1]) && p[1] != '.') {
        *letter = *p;
        p = skip_sp(p + 1);
    }
    *type = NULL;
    size_t k = annex_nature(p, type);
    p = skip_sp(p + k);
    *title = p;
    return 1;
}

/* ---------- the body ---------- */

/* A single-line paragraph at i: blank (or a heading) before and after. */
static int alone(const md *M, size_t i)
{
    const char *x;
    int before = i == 0 || is_blank(M, i - 1) || heading_at(M->in[i - 1].s, &x);
    int after = i + 1 >= M->n || is_blank(M, i + 1) || M->in[i + 1].code || heading_at(M->in[i + 1].s, &x);
    return !M->in[i].code && *M->in[i].s && before && after;
}

/* The next non-blank line after i (M->n when none). */
static size_t next_line(const md *M, size_t i)
{
    for (i++; i < M->n && is_blank(M, i); i++)
        ;
    return i;
}

static void write_heading(md *M, int level, const char *num, const char *title, int h)
{
    blank(M);
    sk_buf b;
    sk_buf_init(&b);
    for (int k = 0; k < level; k++)
        sk_buf_putc(&b, '#');
    sk_buf_printf(&b, " %s%s%s", num ? num : "", num && *title ? " " : "", title);
    emit(M, sk_buf_detach(&b));
    M->level = level;
    M->h = h;
    M->where = 0;
}

/* The term line of the term entry waiting for it. */
static void take_term(md *M, const char *t, int no)
{
    char **hl = (char **)&M->out.items[M->term_at - 1];
    char *zh, *en;
    term_split(t, &zh, &en);
    char *j = sk_asprintf("%s %s%s%s", *hl, zh, M->term_attrs ? " " : "", M->term_attrs ? M->term_attrs : "");
    free(*hl);
    *hl = j;
    free(M->term_attrs);
    M->term_attrs = NULL;
    blank(M);
    if (en)
        emitf(M, "%s", en);
    note(M, no, "term line: the term %s%s%s", zh, en ? ", its English equivalent " : "", en ? en : "");
    free(zh);
    free(en);
    M->term_at = 0;
}

/* An annex heading at line i, with its nature and title from the lines after it
 * when they are not on it. Returns the last line used. */
static size_t annex(md *M, size_t i, char letter, const char *type, const char *title, const char *as_written)
{
    char *tt = sk_str_trim(sk_strdup(title));
    int no = M->in[i].no;
    size_t last = i;
    for (int look = 0; look < 2 && (!type || !*tt); look++) {
        size_t j = next_line(M, last);
        if (j >= M->n || M->in[j].code)
            break;
        const char *t = M->in[j].s, *x;
        int h = heading_at(t, &t);
        if (!h && !alone(M, j))
            break;
        const char *ty = NULL;
        size_t k = annex_nature(skip_sp(t), &ty);
        if (!type && k && !*skip_sp(skip_sp(t) + k)) {
            type = ty;
            last = j;
            continue;
        }
        int comp[MAXD + 1], d;
        char num[32];
        if (!*tt && !clause_num(t, num, sizeof num, comp, &d) && !front_title(t) && cps(t) <= 60 &&
            !strstr(t, "。") && !annex_head(t, &letter, &ty, &x)) {
            free(tt);
            tt = sk_str_trim(sk_strdup(t));
            last = j;
            continue;
        }
        break;
    }
    M->terms = 0;
    M->annex = letter ? letter : (char)(M->annex ? M->annex + 1 : 'A');
    M->comp[1] = M->annex;
    M->depth = 1;
    M->chapters++;
    M->term_at = 0;
    write_heading(M, 1, NULL, "", 1);
    char **hl = (char **)&M->out.items[M->out.len - 1];
    char *j;
    if (last == i && as_written && !strncmp(as_written, "附录", 6) && !strstr(as_written, "性附录") &&
        (type ? strstr(as_written, "（") || strstr(as_written, "(") : 1))
        j = sk_asprintf("# %s", as_written); /* one heading, written as stdkit reads it */
    else
        j = sk_asprintf("# 附录%s%s%s%s%s", letter ? (char[2]){ letter, 0 } : "", type ? "（" : "",
                        type ? type : "", type ? "）" : (*tt ? " " : ""), tt);
    free(*hl);
    *hl = j;
    if (last != i || !as_written || strcmp(as_written, j + 2))
        note(M, no, "annex heading: %s", j + 2);
    if (!type)
        note(M, no, "annex %s has no （规范性） or （资料性）", letter ? (char[2]){ letter, 0 } : "");
    free(tt);
    return last;
}

/* A display formula's number written after it: "……(A.2)", "(3)", "（1）". */
static int formula_number(const char *s, char *num, size_t cap)
{
    const char *p = s;
    while (*p == '.' || *p == ' ' || !strncmp(p, "…", 3) || !strncmp(p, "·", 2) || !strncmp(p, U3000, 3))
        p += *p == '.' || *p == ' ' ? 1 : !strncmp(p, "·", 2) ? 2 : 3;
    int full = !strncmp(p, "（", 3);
    if (!full && *p != '(')
        return 0;
    p += full ? 3 : 1;
    size_t i = 0;
    while ((isalnum((unsigned char)*p) || *p == '.') && i + 1 < cap)
        num[i++] = *p++;
    num[i] = '\0';
    if (!i || !isdigit((unsigned char)num[i - 1]))
        return 0;
    if (full ? strncmp(p, "）", 3) : *p != ')')
        return 0;
    p += full ? 3 : 1;
    return !*skip_sp(p);
}

/* A 式中 entry "v1 ——meaning", "$$H$$ ——meaning", "$x$——meaning": rewritten
 * "$v_{1}$——meaning", or NULL when the line is no entry. */
static char *where_entry(md *M, const char *s)
{
    const char *dash = strstr(s, "——");
    if (!dash || dash == s)
        return NULL;
    char *sym = sk_str_trim(sk_strndup(s, (size_t)(dash - s)));
    const char *meaning = skip_sp(dash + 6);
    size_t sl = strlen(sym);
    if (!sl || cps(sym) > (sym[0] == '$' ? 80u : 40u) || (sk_zh_has_han(sym) && sym[0] != '$')) {
        free(sym);
        return NULL;
    }
    /* $$H$$ or $H$ around it */
    char *bare = NULL;
    if (sl > 4 && !strncmp(sym, "$$", 2) && !strcmp(sym + sl - 2, "$$"))
        bare = sk_str_trim(sk_strndup(sym + 2, sl - 4));
    else if (sl > 2 && sym[0] == '$' && strchr(sym + 1, '$') == sym + sl - 1)
        bare = sk_str_trim(sk_strndup(sym + 1, sl - 2));
    char *r;
    if (!bare && strchr(sym, '$')) {
        r = sk_asprintf("%s——%s", sym, meaning); /* several symbols, each in $ */
    } else {
        int dollars = bare != NULL;
        if (!bare)
            bare = sk_strdup(sym);
        /* "v1" for the formula's v_{1} */
        size_t bl = strlen(bare), a = 0;
        while (a < bl && isalpha((unsigned char)bare[a]))
            a++;
        if (a && a < bl && strspn(bare + a, "0123456789") == bl - a && M->last_tex) {
            char *f1 = sk_asprintf("%.*s_{%s}", (int)a, bare, bare + a);
            char *f2 = sk_asprintf("%.*s_%s", (int)a, bare, bare + a);
            if (strstr(M->last_tex, f1) || strstr(M->last_tex, f2)) {
                free(bare);
                bare = sk_strdup(strstr(M->last_tex, f1) ? f1 : f2);
                dollars = 1;
            }
            free(f1);
            free(f2);
        }
        /* a bare symbol is read as TeX: it stays bare unless it changed */
        r = sk_asprintf("%s%s%s——%s", dollars ? "$" : "", bare, dollars ? "$" : "", meaning);
    }
    free(bare);
    free(sym);
    return r;
}

/* The number of a formula the paragraph before it cites, when that paragraph ends
 * with a colon ("……根据公式(A.1)计算："): the text gives the number the formula
 * lost. */
static int cited_number(const md *M, char *num, size_t cap)
{
    size_t k = M->out.len;
    while (k && !*(char *)M->out.items[k - 1])
        k--;
    if (!k)
        return 0;
    const char *p = M->out.items[k - 1];
    if (p[0] == '#' || !strncmp(skip_sp(p), "$$", 2) || p[0] == '|' || p[0] == '<')
        return 0;
    char *t = sk_str_trim(sk_strdup(p));
    int ok = sk_str_ends_with(t, "：") || sk_str_ends_with(t, ":") || sk_str_ends_with(t, "。");
    int found = 0;
    for (const char *q = t; ok && (q = strstr(q, "式")); q += 3) {
        const char *r = skip_sp(q + 3);
        int full = !strncmp(r, "（", 3);
        if (!full && *r != '(')
            continue;
        r += full ? 3 : 1;
        size_t i = 0;
        char n[24];
        while ((isalnum((unsigned char)r[i]) || r[i] == '.') && i + 1 < sizeof n)
            n[i] = r[i], i++;
        n[i] = '\0';
        if (!i || !isdigit((unsigned char)n[i - 1]) || (full ? strncmp(r + i, "）", 3) : r[i] != ')'))
            continue;
        if (found++)
            ok = 0; /* two numbers: which one is it? */
        snprintf(num, cap, "%s", n);
    }
    free(t);
    /* a number an earlier formula has is no lost one */
    for (size_t u = 0; ok && found == 1 && u < M->fnums.len; u++)
        if (!strcmp(M->fnums.items[u], num))
            ok = 0;
    return ok && found == 1;
}

/* A line of inline formulas only, with its number: " $f=1-e$  或  $f=(a-b)/a$  ……(A.2)"
 * — a display formula written in pieces. Its TeX (the pieces joined by
 * \quad 或 \quad), or NULL. */
static char *pieces_formula(const char *s, char *num, size_t cap)
{
    const char *dots = strstr(s, "……");
    const char *paren = dots ? dots : strrchr(s, '(');
    if (!paren || !formula_number(paren, num, cap))
        return NULL;
    sk_buf b;
    sk_buf_init(&b);
    int n = 0;
    const char *p = skip_sp(s);
    char conn[8] = "";
    while (p < paren) {
        if (*p != '$' || p[1] == '$')
            break;
        const char *e = strchr(p + 1, '$');
        if (!e || e > paren)
            break;
        if (n++)
            sk_buf_printf(&b, " \\quad %s \\quad ", conn);
        char *piece = sk_str_trim(sk_strndup(p + 1, (size_t)(e - p - 1)));
        sk_buf_puts(&b, piece);
        free(piece);
        p = skip_sp(e + 1);
        /* the word between the pieces, kept: 或, 和, a comma */
        if (!strncmp(p, "或", 3) || !strncmp(p, "和", 3) || !strncmp(p, "，", 3)) {
            snprintf(conn, sizeof conn, "%.3s", p);
            p = skip_sp(p + 3);
        } else if (*p == ',') {
            snprintf(conn, sizeof conn, ",");
            p = skip_sp(p + 1);
        } else {
            snprintf(conn, sizeof conn, "%s", "");
        }
    }
    if (!n || p != paren) {
        sk_buf_free(&b);
        return NULL;
    }
    sk_buf_puts(&b, "");
    return sk_str_trim(sk_buf_detach(&b));
}

/* A display formula at line i: " $$ … $$ " on one line or over several, with its
 * number after it, on the next line, or in the sentence before it. Returns the last
 * line used, or (size_t)-1 when the line is no formula. */
static size_t display_formula(md *M, size_t i)
{
    const line *L = &M->in[i];
    const char *f = L->s;
    while (*f == ' ' && f - L->s < 3)
        f++;
    char fnum[24] = "";
    char *tex = NULL, *rest = NULL;
    size_t j = i;
    int changed = f != L->s;
    if (strncmp(f, "$$", 2)) {
        changed = 1;
        if (!alone(M, i) || !(tex = pieces_formula(f, fnum, sizeof fnum)))
            return (size_t)-1;
        note(M, L->no, "a line of formulas and their number (%s): one display formula", fnum);
        rest = sk_strdup("");
    } else {
        /* on one line, or up to the line that holds the closing $$ */
        sk_buf b;
        sk_buf_init(&b);
        const char *close_at = strstr(f + 2, "$$");
        if (close_at)
            sk_buf_put(&b, f + 2, (size_t)(close_at - f - 2));
        else
            sk_buf_printf(&b, "%s\n", f + 2);
        while (!close_at && j + 1 < M->n && !is_blank(M, j + 1) && !M->in[j + 1].code) {
            j++;
            close_at = strstr(M->in[j].s, "$$");
            if (close_at)
                sk_buf_put(&b, M->in[j].s, (size_t)(close_at - M->in[j].s));
            else
                sk_buf_printf(&b, "%s\n", M->in[j].s);
        }
        sk_buf_puts(&b, "");
        if (!close_at) {
            sk_buf_free(&b);
            return (size_t)-1;
        }
        tex = sk_str_trim(sk_buf_detach(&b));
        const char *after = skip_sp(close_at + 2);
        /* "$$H$$ ——meaning": a 式中 entry */
        if (!strncmp(after, "——", 6) && M->where) {
            char *w = where_entry(M, f);
            if (w) {
                unblank(M);
                emit(M, w);
                note(M, L->no, "式中 entry written with its symbol in $ … $");
                free(tex);
                return j;
            }
        }
        if (formula_number(after, fnum, sizeof fnum)) {
            if (*after == '(' || !strncmp(after, "（", 3)) {
                rest = sk_strdup(after); /* as stdkit writes it */
            } else {
                rest = sk_strdup("");
                changed = 1;
                note(M, L->no, "formula number (%s) written after the formula", fnum);
            }
        } else {
            rest = sk_strdup(after);
            size_t k = next_line(M, j);
            if (!*after && k < M->n && alone(M, k) && formula_number(M->in[k].s, fnum, sizeof fnum)) {
                note(M, M->in[k].no, "formula number (%s) on the line after the formula: written after it", fnum);
                j = k;
                changed = 1;
            }
        }
    }
    if (!*fnum && !strstr(rest, "{#") && cited_number(M, fnum, sizeof fnum)) {
        note(M, L->no, "formula number (%s): the one the sentence before it cites", fnum);
        changed = 1;
    }
    if (*fnum)
        sk_vec_push(&M->fnums, sk_strdup(fnum));
    blank(M);
    if (!changed) {
        for (size_t k = i; k <= j; k++)
            emit(M, sk_strdup(M->in[k].s));
    } else if (*rest && (*rest == '(' || !strncmp(rest, "（", 3))) {
        emitf(M, "$$ %s $$ %s", tex, rest);
    } else {
        emitf(M, "$$ %s $$%s%s%s%s%s", tex, *fnum ? " (" : "", fnum, *fnum ? ")" : "", *rest ? " " : "", rest);
    }
    free(M->last_tex);
    M->last_tex = tex;
    free(rest);
    M->where = 0;
    return j;
}

/* pandoc's superscripts and subscripts of digits: m^3^ → m³, H~2~O → H₂O. */
static int scripts(char **s)
{
    static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
    static const char *const sub[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
    int k = 0;
    sk_buf b;
    sk_buf_init(&b);
    int math = 0;
    for (const char *p = *s; *p;) {
        if (*p == '$')
            math = !math;
        if (!math && (*p == '^' || *p == '~') && isdigit((unsigned char)p[1])) {
            size_t n = 1;
            while (isdigit((unsigned char)p[n]) || p[n] == '-')
                n++;
            if (p[n] == *p && n <= 4 && p[n - 1] != '-') {
                const char *const *digits = *p == '^' ? sup : sub;
                for (size_t i = 1; i < n; i++) {
                    if (p[i] == '-')
                        sk_buf_puts(&b, *p == '^' ? "⁻" : "₋");
                    else
                        sk_buf_puts(&b, digits[p[i] - '0']);
                }
                p += n + 1;
                k++;
                continue;
            }
        }
        sk_buf_putc(&b, *p++);
    }
    sk_buf_puts(&b, "");
    if (k) {
        free(*s);
        *s = sk_buf_detach(&b);
    } else {
        sk_buf_free(&b);
    }
    return k;
}

/* md2std's markers in a line. */
static char *markers(const char *s, int *changed)
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
        if (p[0] == '{' && p[1] == '{' && isalpha((unsigned char)p[2])) {
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
        if (!strncmp(p, "<eq>", 4)) { /* md2std's TeX in HTML cells */
            const char *e = strstr(p, "</eq>");
            if (e) {
                /* the entities (&lt;) stay: the text is still HTML */
                sk_buf_printf(&b, "$%.*s$", (int)(e - p - 4), p + 4);
                p = e + 5;
                (*changed)++;
                continue;
            }
        }
        sk_buf_putc(&b, *p++);
    }
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

/* A term's source in another form: "[来源:GB/T 1—2020,2.2,有修改]" (ASCII),
 * "[GB/T 19022—2003, 定义 3.2]" (GB/T 1.1—2009). NULL when s is none. */
static char *term_source(const char *s)
{
    size_t l = strlen(s);
    if (l < 4 || s[0] != '[' || s[l - 1] != ']')
        return NULL;
    char *in = sk_strndup(s + 1, l - 2);
    const char *body = in;
    int src = 0;
    if (!strncmp(body, "来源:", 7) || !strncmp(body, "来源：", 9)) {
        body += body[6] == ':' ? 7 : 9;
        src = 1;
    }
    sk_stdnum m;
    const char *b = skip_sp(body);
    if (!sk_stdnum_match(b, strlen(b), 0, &m)) {
        free(in);
        return NULL;
    }
    sk_buf o;
    sk_buf_init(&o);
    sk_buf_puts(&o, "[来源：");
    for (const char *p = b; *p;) {
        if (*p == ',' || !strncmp(p, "，", 3)) {
            p += *p == ',' ? 1 : 3;
            p = skip_sp(p);
            if (!strncmp(p, "定义", 6))
                p = skip_sp(p + 6);
            sk_buf_puts(&o, "，");
        } else {
            sk_buf_putc(&o, *p++);
        }
    }
    sk_buf_puts(&o, "]");
    free(in);
    char *r = sk_buf_detach(&o);
    if (!src && !strstr(r, "，")) { /* a bracket with a number only is no source */
        free(r);
        return NULL;
    }
    if (!strcmp(r, s)) {
        free(r);
        return NULL;
    }
    return r;
}

/* A text-only HTML line (<div style=…>表 1 名称</div>): its text, or NULL. */
static char *html_text_line(const char *s)
{
    static const char *const tags[] = { "div", "p", "center" };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t tl = strlen(tags[i]);
        if (s[0] != '<' || strncasecmp(s + 1, tags[i], tl) || (s[1 + tl] != '>' && s[1 + tl] != ' '))
            continue;
        const char *gt = strchr(s, '>');
        char close[16];
        snprintf(close, sizeof close, "</%s>", tags[i]);
        size_t l = strlen(s), cl = strlen(close);
        if (!gt || l < cl || strcasecmp(s + l - cl, close))
            return NULL;
        char *in = sk_str_trim(sk_strndup(gt + 1, (size_t)(s + l - cl - gt - 1)));
        if (!*in || strchr(in, '<') || strchr(in, '>')) {
            free(in);
            return NULL;
        }
        return in;
    }
    return NULL;
}

/* A figure's caption below the figure's footnote or note ("$^{a}$ MBD: …", as
 * GB/T 1.1 prints them): moved up to the figure, which it names. Takes cap over
 * and returns 1 when it did. */
static int caption_to_figure(md *M, char *cap, int no)
{
    const char *g = skip_sp(cap);
    if (strncmp(g, "图", 3) || !(isdigit((unsigned char)*skip_sp(g + 3)) ||
                                 (*skip_sp(g + 3) >= 'A' && skip_sp(g + 3)[1] == '.')) ||
        strstr(g, "。"))
        return 0;
    size_t k = M->out.len;
    while (k && !*(char *)M->out.items[k - 1])
        k--;
    if (k < 1)
        return 0;
    const char *mid = M->out.items[k - 1];
    const char *m = skip_sp(mid);
    if (!(!strncmp(m, "$^", 2) || !strncmp(m, "注", 3) || !strncmp(m, "^", 1)))
        return 0;
    size_t f = k - 1;
    while (f && !*(char *)M->out.items[f - 1])
        f--;
    if (!f)
        return 0;
    const char *fig = M->out.items[f - 1];
    if (!strstr(fig, "<img") && strncmp(skip_sp(fig), "![", 2))
        return 0;
    /* figure, blank, caption, blank, the rest */
    sk_vec_push(&M->out, NULL);
    sk_vec_push(&M->out, NULL);
    memmove(&M->out.items[f + 2], &M->out.items[f], (M->out.len - 2 - f) * sizeof *M->out.items);
    M->out.items[f] = sk_strdup("");
    M->out.items[f + 1] = cap;
    note(M, no, "figure caption below the figure's footnote: moved up to the figure");
    return 1;
}

/* A line of text (not a heading): the rewrites of a line. Returns the new text. */
static char *text_line(md *M, const char *s, int no)
{
    int ch = 0;
    char *t = markers(s, &ch);
    if (ch)
        note(M, no, "md2std markers rewritten");
    char *u = inline_math(M, t, no);
    free(t);
    if (scripts(&u))
        note(M, no, "^n^ and ~n~ written as superscript and subscript digits");
    /* "见表 A.1", "图 1", "附录 B": a space another tool put between the word and the
     * number, which keeps the reference from being read as one */
    static const char *const words[] = { "表 ", "图 ", "附录 " };
    int closed = 0;
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        for (char *q = u; (q = strstr(q, words[w]));) {
            size_t wl = strlen(words[w]) - 1;
            const char *r = q + wl + 1;
            int letter = r[0] >= 'A' && r[0] <= 'Z' && !isalnum((unsigned char)r[1]);
            int ok = w == 2 ? letter : isdigit((unsigned char)r[0]) || (letter && r[1] == '.') ||
                                           (r[0] >= 'A' && r[0] <= 'Z' && r[1] == '.');
            if (ok) {
                memmove(q + wl, r, strlen(r) + 1);
                closed++;
            }
            q += wl;
        }
    if (closed)
        note(M, no, "references written with a space after 表, 图 or 附录: closed up");
    /* "用下式(B.3)递推": the formula cited by its number is 公式(B.3) */
    static const char *const near[] = { "下式", "上式" };
    for (size_t w = 0; w < 2; w++)
        for (char *q = u; (q = strstr(q, near[w]));) {
            if (q[6] == '(' || !strncmp(q + 6, "（", 3)) {
                memcpy(q, "公式", 6);
                note(M, no, "%s(n): written 公式(n), the form a reference to a formula takes", near[w]);
            }
            q += 6;
        }
    /* "公式 (A.2)": the space keeps the reference from being read as one */
    for (char *q = u; (q = strstr(q, "公式 "));) {
        const char *r = skip_sp(q + 6);
        if (*r == '(' || !strncmp(r, "（", 3)) {
            memmove(q + 6, r, strlen(r) + 1);
            note(M, no, "公式 (n): the space after 公式 taken out");
        }
        q += 6;
    }
    /* 注 $ ^{1} $ ：→ 注1： */
    if (!strncmp(u, "注", 3)) {
        const char *p = skip_sp(u + 3);
        if (!strncmp(p, "$^{", 3) && isdigit((unsigned char)p[3])) {
            const char *q = p + 3;
            int v = 0;
            while (isdigit((unsigned char)*q))
                v = v * 10 + (*q++ - '0');
            if (!strncmp(q, "}$", 2)) {
                q = skip_sp(q + 2);
                if (!strncmp(q, "：", 3) || *q == ':') {
                    char *r = sk_asprintf("注%d：%s", v, skip_sp(q + (*q == ':' ? 1 : 3)));
                    free(u);
                    u = r;
                    note(M, no, "note label 注%d written as it is printed", v);
                }
            }
        }
    }
    return u;
}

static void chapter_starts(md *M, const char *title)
{
    M->chapters++;
    M->annex = 0;
    char *q = sk_zh_unspace(title);
    M->terms = strstr(q, "术语") != NULL;
    free(q);
}

/* A paragraph that starts with the next clause number: "5.1.1.1 text", a term
 * number alone in 术语和定义 ("3.1"), a bold line "**5.1 title**" or "**4.2.3**
 * text". Returns 1 when it was written (a heading or an untitled clause). */
static int numbered_para(md *M, size_t i, const char *line)
{
    int comp[MAXD + 1], d;
    char num[32];
    /* the bold forms: the text without the stars */
    char *unbold = NULL;
    int bold_title = 0;
    const char *s = line;
    size_t ll = strlen(line);
    if (ll > 4 && !strncmp(line, "**", 2)) {
        const char *close = strstr(line + 2, "**");
        if (close && !*skip_sp(close + 2) && close == line + ll - 2) {
            unbold = sk_strndup(line + 2, (size_t)(close - line - 2));
            bold_title = 1;
        } else if (close) {
            char *inner = sk_strndup(line + 2, (size_t)(close - line - 2));
            size_t k = clause_num(inner, num, sizeof num, comp, &d);
            if (k && !inner[k])
                unbold = sk_asprintf("%s %s", inner, skip_sp(close + 2));
            free(inner);
        }
        if (!unbold)
            return 0;
        s = unbold;
    }
    size_t nl = clause_num(s, num, sizeof num, comp, &d);
    const char *x;
    int first = i == 0 || is_blank(M, i - 1) || heading_at(M->in[i - 1].s, &x);
    if (!nl || d < (bold_title ? 1 : 2) || !first || !fits(M, comp, d)) {
        free(unbold);
        return 0;
    }
    const char *rest = s + nl;
    int no = M->in[i].no;
    if (M->terms && !*rest) {
        /* a term entry's number on a line of its own */
        set_num(M, comp, d);
        write_heading(M, d, num, "", M->h);
        M->term_at = M->out.len;
        note(M, no, "term number %s on a line of its own: a term entry", num);
        free(unbold);
        return 1;
    }
    if (!*rest) {
        free(unbold);
        return 0;
    }
    set_num(M, comp, d);
    if (d == 1)
        chapter_starts(M, rest);
    int title = alone(M, i) && (bold_title ? !sk_str_ends_with(rest, "。")
                                           : cps(rest) <= 30 && !strstr(rest, "。") && !strstr(rest, "，") &&
                                                 !strstr(rest, "；") && !strstr(rest, "：") && !strstr(rest, "$"));
    if (title) {
        write_heading(M, d, num, rest, M->h);
        note(M, no, "clause %s written as a %s with a title: a heading", num, bold_title ? "bold line" : "paragraph");
    } else {
        blank(M);
        char *t = text_line(M, rest, no);
        emitf(M, "\xC2\xA7%s %s", num, t);
        free(t);
        note(M, no, "clause %s written as a paragraph: an untitled clause (§%s)", num, num);
    }
    free(unbold);
    return 1;
}

/* A heading's attributes at its end ("## 活动室 {#t-room}"): where they start
 * (the space before them), or NULL. */
static const char *attrs_at(const char *t)
{
    size_t l = strlen(t);
    if (!l || t[l - 1] != '}')
        return NULL;
    const char *o = strrchr(t, '{');
    if (!o || o == t || (o[-1] != ' ' && o[-1] != '\t') || strchr(o, '\n'))
        return NULL;
    while (o > t && (o[-1] == ' ' || o[-1] == '\t'))
        o--;
    return o;
}

/* Appends the attributes to the last line written. */
static void put_attrs(md *M, const char *attrs)
{
    if (!attrs || !*attrs || !M->out.len)
        return;
    char **hl = (char **)&M->out.items[M->out.len - 1];
    char *j = sk_asprintf("%s %s", *hl, attrs);
    free(*hl);
    *hl = j;
}

static void intro_here(md *M, int h)
{
    if (M->intro_done || !M->intro)
        return;
    write_heading(M, 1, NULL, "引言", h);
    blank(M);
    emitf(M, "%s", M->intro);
    M->intro_done = 1;
}

/* A heading at line i (#s h, text t, its attributes taken off). Returns the last
 * line used. */
static size_t heading_text(md *M, size_t i, int h, const char *t, const char *attrs)
{
    int no = M->in[i].no;
    const char *fr = front_title(t);
    char letter;
    const char *type, *title;
    if (annex_head(t, &letter, &type, &title)) {
        size_t last = annex(M, i, letter, type, title, t);
        put_attrs(M, attrs);
        return last;
    }
    if (fr) {
        M->terms = 0;
        M->term_at = 0;
        if (strcmp(fr, "前言"))
            intro_here(M, h);
        write_heading(M, 1, NULL, fr, h);
        put_attrs(M, attrs);
        if (strcmp(t, fr))
            note(M, no, "heading %s written %s", fr, t);
        return i;
    }
    /* the standard's title repeated before chapter 1 */
    if (M->title && !M->chapters) {
        char *a = sk_zh_unspace(t), *b = sk_zh_unspace(M->title);
        int same = !strcmp(a, b);
        free(a);
        free(b);
        if (same) {
            note(M, no, "the title as a heading before chapter 1: left out (stdgen prints it)");
            return i;
        }
    }
    int comp[MAXD + 1], d;
    char num[32];
    size_t nl = clause_num(t, num, sizeof num, comp, &d);
    if (M->term_at && !nl) {
        /* a term line promoted to a heading */
        take_term(M, t, no);
        return i;
    }
    M->term_at = 0;
    if (nl || chapter_name(t))
        intro_here(M, h);
    if (nl) {
        const char *rest = t + nl;
        if (d == 1)
            chapter_starts(M, rest);
        set_num(M, comp, d);
        if (d != h - M->shift)
            note(M, no, "heading %s at level %d (%.*s): taken at the level of its number (%d)", num, h, h,
                 "######", d);
        /* the number as written when it is written as stdkit writes it */
        size_t ln = strlen(num);
        if (!strncmp(t, num, ln) && sk_zh_space(t + ln))
            write_heading(M, d, NULL, t, h);
        else
            write_heading(M, d, num, rest, h);
        if (M->terms && d >= 2 && !*rest) {
            M->term_at = M->out.len;
            free(M->term_attrs);
            M->term_attrs = attrs ? sk_strdup(attrs) : NULL;
        } else {
            put_attrs(M, attrs);
        }
        return i;
    }
    int level;
    if (chapter_name(t)) {
        level = 1;
        chapter_starts(M, t);
    } else if (M->numbered) {
        level = M->level + (h - M->h);
    } else {
        level = h - M->shift;
    }
    if (level > M->level + 1)
        level = M->level + 1;
    if (level < 1)
        level = 1;
    if (level == 1 && !chapter_name(t)) {
        chapter_starts(M, "");
    }
    count_heading(M, level);
    if (level != h)
        note(M, no, "heading at level %d (%.*s): level %d here", h, h, "######", level);
    char *zh, *en;
    term_split(t, &zh, &en);
    if (M->terms && level >= 2 && en) {
        /* md2std's "## 地热温泉  geothermal hot spring" */
        write_heading(M, level, NULL, zh, h);
        put_attrs(M, attrs);
        blank(M);
        emitf(M, "%s", en);
        note(M, no, "term %s: its English equivalent %s as a paragraph", zh, en);
    } else {
        write_heading(M, level, NULL, t, h);
        put_attrs(M, attrs);
    }
    free(zh);
    free(en);
    return i;
}

static size_t heading(md *M, size_t i, int h, const char *t)
{
    const char *a = attrs_at(t);
    char *text = a ? sk_strndup(t, (size_t)(a - t)) : sk_strdup(t);
    char *attrs = a ? sk_str_trim(sk_strdup(a)) : NULL;
    size_t last = heading_text(M, i, h, text, attrs);
    free(text);
    free(attrs);
    return last;
}

/* Counts the numbered headings and finds the top level, for the levels of the
 * unnumbered ones. */
static void survey(md *M, size_t from)
{
    int numbered = 0, other = 0, min = 7;
    for (size_t i = from; i < M->n; i++) {
        const char *t;
        int h;
        if (M->in[i].code || !(h = heading_at(M->in[i].s, &t)))
            continue;
        char letter;
        const char *ty, *ti;
        int comp[MAXD + 1], d;
        char num[32];
        if (front_title(t) || annex_head(t, &letter, &ty, &ti) || sq_is(t, "目次") || sq_is(t, "目录"))
            continue;
        if (M->title && sq_is(t, M->title))
            continue;
        if (clause_num(t, num, sizeof num, comp, &d))
            numbered++;
        else
            other++;
        if (h < min)
            min = h;
    }
    M->numbered = numbered >= 2 && numbered >= other;
    M->shift = min < 7 ? min - 1 : 0;
    M->h = M->shift + 1;
    M->level = 0;
}

static void split_lines(md *M, const char *text, size_t len)
{
    size_t cap = 0;
    const char *p = text, *end = text + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    int fence = 0;
    char fch = 0;
    size_t flen = 0;
    for (int no = 1; p < end; no++) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        size_t k = e ? (size_t)(e - p) : (size_t)(end - p);
        if (M->n == cap) {
            cap = cap ? cap * 2 : 256;
            M->in = sk_realloc(M->in, cap * sizeof *M->in);
        }
        char *s = sk_strndup(p, k);
        size_t l = strlen(s);
        if (l && s[l - 1] == '\r')
            s[--l] = '\0';
        /* fences: ``` or ~~~, closed by the same run */
        const char *f = s;
        while (*f == ' ' && f - s < 3)
            f++;
        int is_fence = 0;
        if ((*f == '`' || *f == '~') && f[1] == *f && f[2] == *f) {
            size_t r = strspn(f, *f == '`' ? "`" : "~");
            if (!fence) {
                fence = 1, fch = *f, flen = r, is_fence = 1;
            } else if (*f == fch && r >= flen && !*skip_sp(f + r)) {
                fence = 0, is_fence = 1;
            }
        }
        M->in[M->n].code = fence || is_fence;
        if (!M->in[M->n].code) {
            /* trailing white space; a hard break (two spaces or more) stays two */
            size_t t = l;
            while (t && (s[t - 1] == ' ' || s[t - 1] == '\t'))
                t--;
            int hard = l - t >= 2 && t > 0;
            s[t] = '\0';
            if (hard) {
                char *h2 = sk_asprintf("%s  ", s);
                free(s);
                s = h2;
            }
        }
        M->in[M->n].s = s;
        M->in[M->n].no = no;
        M->n++;
        if (!e)
            break;
        p = e + 1;
    }
    /* a hard break before a blank line is none */
    for (size_t i = 0; i < M->n; i++)
        if (!M->in[i].code && sk_str_ends_with(M->in[i].s, "  ") && is_blank(M, i + 1))
            sk_str_trim(M->in[i].s);
}

void sk_mddialect_convert(sk_buf *out, sk_vec *notes, const char *text, size_t len)
{
    md M;
    memset(&M, 0, sizeof M);
    M.notes = notes;
    split_lines(&M, text, len);
    size_t i = 0;
    /* front matter */
    size_t close = 0;
    if (M.n && !strcmp(M.in[0].s, "---"))
        for (size_t k = 1; k < M.n && !close; k++)
            if (!strcmp(M.in[k].s, "---") || !strcmp(M.in[k].s, "..."))
                close = k;
    if (close) {
        front_matter(&M, close);
        i = close + 1;
    } else if (M.n && !strcmp(M.in[0].s, "---")) {
        /* front matter never closed: kept as it is, stdcheck says where */
        note(&M, 1, "the front matter is not closed by a --- line: the text is kept as it is");
        for (size_t k = 0; k < M.n; k++)
            emit(&M, sk_strdup(M.in[k].s));
        i = M.n;
    } else {
        fm F;
        memset(&F, 0, sizeof F);
        sk_buf_init(&F.comments);
        size_t end = body_start(&M);
        if (!end) {
            /* no cover: a first heading that is no element is the title */
            size_t k = next_line(&M, (size_t)-1);
            const char *t;
            if (k < M.n && heading_at(M.in[k].s, &t) && !front_title(t) && !chapter_name(t) && sk_zh_has_han(t)) {
                int comp[MAXD + 1], d;
                char num[32];
                if (!clause_num(t, num, sizeof num, comp, &d))
                    end = k + 1;
            }
        }
        sk_vec comments = { 0 }; /* HTML comments on the cover: kept, after the front matter */
        for (size_t k = 0; k < end; k++) {
            const char *t = M.in[k].s;
            if (!strncmp(skip_sp(t), "<!--", 4)) {
                for (; k < end; k++) {
                    sk_vec_push(&comments, sk_strdup(M.in[k].s));
                    if (strstr(M.in[k].s, "-->"))
                        break;
                }
                sk_vec_push(&comments, sk_strdup(""));
                continue;
            }
            heading_at(t, &t);
            t = skip_sp(t);
            if (*t && !M.in[k].code) {
                char *c = sk_str_trim(sk_strdup(t));
                cover_line(&M, &F, c, M.in[k].no);
                free(c);
            }
        }
        if (end)
            note(&M, M.in[0].no, "no front matter: made from the cover (lines %d-%d)", M.in[0].no, M.in[end - 1].no);
        fm_finish(&M, &F, 1);
        fm_write(&M, &F);
        fm_free(&F);
        if (comments.len)
            blank(&M);
        for (size_t k = 0; k < comments.len; k++)
            emit(&M, comments.items[k]);
        sk_vec_free(&comments);
        i = end;
    }
    survey(&M, i);
    int toc = 0; /* in the 目次: 1 under a heading (its #s in toc_h), 2 under a line */
    int toc_h = 0;
    for (; i < M.n; i++) {
        line *L = &M.in[i];
        if (L->code) {
            if (!toc)
                emit(&M, sk_strdup(L->s));
            continue;
        }
        const char *t;
        int h = heading_at(L->s, &t);
        if (toc == 1 && !(h && h <= toc_h))
            continue;
        if (toc == 2) {
            if (!*L->s || strstr(L->s, "…") || strstr(L->s, "..") || strstr(L->s, "．．") || strstr(L->s, "··"))
                continue;
        }
        toc = 0;
        if (!*L->s) {
            blank(&M);
            continue;
        }
        const char *tt = h ? t : L->s;
        if ((h || alone(&M, i)) && (sq_is(tt, "目次") || sq_is(tt, "目录"))) {
            toc = h ? 1 : 2;
            toc_h = h;
            note(&M, L->no, "目次 dropped (stdgen generates it)");
            continue;
        }
        if (h) {
            char *ht = sk_strdup(t);
            sk_str_trim(ht);
            i = heading(&M, i, h, ht);
            free(ht);
            continue;
        }
        /* a line of its own */
        const char *s = L->s;
        char letter;
        const char *type, *title;
        if (alone(&M, i) && annex_head(s, &letter, &type, &title) && (type || !*title)) {
            i = annex(&M, i, letter, type, title, NULL);
            continue;
        }
        if (M.term_at) {
            if (alone(&M, i) && cps(s) <= 100 && !sk_str_ends_with(s, "。") && strncmp(s, "注", 3) && s[0] != '[') {
                const char *x = s;
                char *unb = NULL;
                size_t sl = strlen(s);
                if (sl > 4 && !strncmp(s, "**", 2) && !strcmp(s + sl - 2, "**"))
                    x = unb = sk_strndup(s + 2, sl - 4);
                take_term(&M, x, L->no);
                free(unb);
                continue;
            }
            M.term_at = 0;
        }
        if (M.numbered && numbered_para(&M, i, s))
            continue;
        /* md2std's untitled clause and table caption */
        if (!strncmp(s, "{无标题条", 13)) {
            const char *e = strchr(s, '}');
            if (e) {
                char *x = text_line(&M, skip_sp(e + 1), L->no);
                emitf(&M, "\xC2\xA7 %s", x);
                free(x);
                continue;
            }
        }
        if (!strncmp(s, "{表：#", 8) || !strncmp(s, "{表:#", 6)) {
            const char *e = strchr(s, '}');
            if (e) {
                const char *id = s + (s[4] == ':' ? 6 : 8) - 1;
                emitf(&M, "表：%s {%.*s}", skip_sp(e + 1), (int)(e - id), id);
                note(&M, L->no, "md2std table caption: written 表：title {#id}");
                continue;
            }
        }
        /* centred captions in HTML */
        char *ht = html_text_line(s);
        if (ht) {
            note(&M, L->no, "HTML line holding only text: written as text (%.*s)", sk_utf8_clip(ht, 30), ht);
            char *x = text_line(&M, ht, L->no);
            free(ht);
            if (!caption_to_figure(&M, x, L->no))
                emit(&M, x);
            continue;
        }
        /* display formulas */
        size_t last = display_formula(&M, i);
        if (last != (size_t)-1) {
            i = last;
            continue;
        }
        /* 式中 */
        if (!strncmp(s, "式中：", 9) || !strncmp(s, "式中:", 7)) {
            M.where = 1;
            blank(&M);
            const char *rest = skip_sp(s + (s[6] == ':' ? 7 : 9));
            if (*rest) {
                char *r2 = text_line(&M, rest, L->no);
                char *w = where_entry(&M, r2);
                emitf(&M, "式中：");
                if (w) {
                    emit(&M, w);
                    free(r2);
                } else {
                    emit(&M, r2);
                }
            } else {
                emitf(&M, "式中：");
            }
            continue;
        }
        if (M.where && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') {
            /* entries as list items: the reader's own form */
            emit(&M, text_line(&M, s, L->no));
            continue;
        }
        if (M.where) {
            char *u = text_line(&M, s, L->no);
            char *w = where_entry(&M, u);
            free(u);
            if (w) {
                if (strcmp(w, s))
                    note(&M, L->no, "式中 entry: %s", w);
                unblank(&M);
                emit(&M, w);
                continue;
            }
            M.where = 0;
        }
        /* a term's source in another form */
        if (M.terms) {
            char *src = term_source(s);
            if (src) {
                note(&M, L->no, "term source written %s", src);
                emit(&M, src);
                continue;
            }
        }
        char *x = text_line(&M, s, L->no);
        if (!alone(&M, i) || !caption_to_figure(&M, x, L->no))
            emit(&M, x);
    }
    if (M.intro && !M.intro_done) {
        blank(&M);
        emitf(&M, "# 引言");
        blank(&M);
        emitf(&M, "%s", M.intro);
    }
    /* out */
    size_t last = M.out.len;
    while (last && !*(char *)M.out.items[last - 1])
        last--;
    for (size_t k = 0; k < M.out.len; k++) {
        if (k < last)
            sk_buf_printf(out, "%s\n", (char *)M.out.items[k]);
        free(M.out.items[k]);
    }
    sk_vec_free(&M.out);
    for (size_t k = 0; k < M.n; k++)
        free(M.in[k].s);
    free(M.in);
    free(M.title);
    free(M.intro);
    free(M.last_tex);
    free(M.term_attrs);
    for (size_t k = 0; k < M.fnums.len; k++)
        free(M.fnums.items[k]);
    sk_vec_free(&M.fnums);
}

int sk_mddialect_read(sk_buf *out, sk_vec *notes, const char *path, sk_err *err)
{
    char *data = NULL;
    size_t len = 0;
    if (sk_fs_read(&data, &len, path, SK_MDDIALECT_MAX, err) < 0)
        return -1;
    size_t bad = sk_utf8_validate(data, len);
    const char *nul = memchr(data, '\0', len);
    if (bad != (size_t)-1 || nul) {
        size_t at = bad != (size_t)-1 ? bad : (size_t)(nul - data);
        int ln = 1;
        for (size_t i = 0; i < at; i++)
            ln += data[i] == '\n';
        sk_err_at(err, path, ln, 0, "not a DOCX, an ODT or UTF-8 Markdown text");
        free(data);
        return -1;
    }
    sk_mddialect_convert(out, notes, data, len);
    free(data);
    return 0;
}
