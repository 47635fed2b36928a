#include "input/ooxml.h"

#include "base/libxml.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xml.h"
#include "base/zip.h"
#include "input/omml.h"

#define MAX_DEPTH 40  /* nesting of sdt, hyperlinks, tables in tables */
#define MAX_FIELDS 16 /* fields nested in fields */

/* ---------- XML helpers: elements by local name, attributes by local name ---------- */

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int is_w(const xmlNode *n, const char *name)
{
    return is(n, name) && n->ns && n->ns->href &&
           (strstr((const char *)n->ns->href, "wordprocessingml") != NULL);
}

static int is_math(const xmlNode *n, const char *name)
{
    return is(n, name) && n->ns && n->ns->href && strstr((const char *)n->ns->href, "math");
}

static const xmlNode *wchild(const xmlNode *n, const char *name)
{
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (is_w(k, name))
            return k;
    return NULL;
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name))
            return a->children && a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

/* w:val, and whether an on/off property is on (present without val, or val true). */
static const char *wval(const xmlNode *n)
{
    return attr(n, "val");
}

static int on(const xmlNode *n)
{
    if (!n)
        return 0;
    const char *v = wval(n);
    return !v || !(!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "none"));
}

static int ival(const xmlNode *n, int dflt)
{
    const char *v = n ? wval(n) : NULL;
    if (!v || !*v)
        return dflt;
    long x = strtol(v, NULL, 10);
    return x < -100000 ? -100000 : x > 100000 ? 100000 : (int)x;
}

static void text_of(sk_buf *b, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content && n->type == XML_ELEMENT_NODE && is_w(n, "t"))
            sk_buf_puts(b, (const char *)k->content);
        else if (is_w(k, "tab"))
            sk_buf_putc(b, ' ');
        else if (k->type == XML_ELEMENT_NODE)
            text_of(b, k, depth + 1);
    }
}

/* ---------- styles and numbering ---------- */

typedef struct lvl {
    int set, start, restart, lgl;
    char fmt[32];
    char *text;      /* lvlText, NULL when none */
    char *pstyle;    /* w:pStyle: the style this level belongs to */
} lvl;

typedef struct absnum {
    char *id;
    lvl l[9];
    char *num_style_link;
    int cnt[9], cset[9];
} absnum;

typedef struct num {
    char *id;
    int abs;         /* index in abs, -1 */
    lvl over[9];
    int start_over[9]; /* -1 none */
    int used;
} num;

typedef struct style {
    char *id, *name, *based;
    int outline;     /* 1..9, 0 body text, -1 not said */
    char *num_id;    /* numPr numId, NULL not said */
    int ilvl;        /* numPr ilvl, -1 not said */
    int center;
    int visiting;
} style;

typedef struct field {
    sk_buf instr;
    int result;      /* past the separator */
    char *anchor, *url;
    int drop;        /* PAGEREF: its page number is dropped */
    int toc;
} field;

typedef struct rd {
    sk_zip_reader *zr;
    const char *path;
    sk_err *err;
    sk_flow *f;
    style *styles;
    size_t nstyles;
    sk_map style_by_id;    /* id → index + 1 */
    char *default_style;   /* the default paragraph style's id */
    absnum *abs;
    size_t nabs;
    num *nums;
    size_t nnums;
    sk_map rels;           /* rId → target (char*, owned) */
    sk_map external;       /* rId → (void*)1 when TargetMode External */
    sk_map footnotes;      /* id → text (char*, owned) */
    sk_map images;         /* part name → index + 1 */
    char *base;            /* folder of the main part ("word/") */
    field fields[MAX_FIELDS];
    int nfields;
    int toc_open;          /* a TOC field is open */
    int sections;          /* section breaks seen */
    int failed;
    size_t notes_hidden, notes_deleted;
} rd;

static style *style_get(rd *R, const char *id)
{
    if (!id)
        return NULL;
    size_t k = (size_t)(uintptr_t)sk_map_get(&R->style_by_id, id);
    return k ? &R->styles[k - 1] : NULL;
}

static void read_styles(rd *R, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t cap = 0;
    for (xmlNode *s = root ? root->children : NULL; s; s = s->next) {
        if (!is_w(s, "style"))
            continue;
        const char *type = attr(s, "type");
        if (type && strcmp(type, "paragraph"))
            continue;
        const char *id = attr(s, "styleId");
        if (!id || sk_map_get(&R->style_by_id, id))
            continue;
        if (R->nstyles == cap) {
            cap = cap ? cap * 2 : 64;
            R->styles = sk_realloc(R->styles, cap * sizeof *R->styles);
        }
        style *st = &R->styles[R->nstyles];
        memset(st, 0, sizeof *st);
        st->id = sk_strdup(id);
        const xmlNode *nm = wchild(s, "name");
        st->name = sk_strdup(nm && wval(nm) ? wval(nm) : id);
        const xmlNode *b = wchild(s, "basedOn");
        st->based = b && wval(b) ? sk_strdup(wval(b)) : NULL;
        st->outline = -1;
        st->ilvl = -1;
        const xmlNode *ppr = wchild(s, "pPr");
        const xmlNode *ol = wchild(ppr, "outlineLvl");
        if (ol) {
            int v = ival(ol, 9);
            st->outline = v >= 0 && v < 9 ? v + 1 : 0;
        }
        const xmlNode *np = wchild(ppr, "numPr");
        if (np) {
            const xmlNode *ni = wchild(np, "numId");
            if (ni && wval(ni))
                st->num_id = sk_strdup(wval(ni));
            const xmlNode *il = wchild(np, "ilvl");
            if (il)
                st->ilvl = ival(il, 0);
        }
        const xmlNode *jc = wchild(ppr, "jc");
        st->center = jc && wval(jc) && !strcmp(wval(jc), "center");
        const char *dflt = attr(s, "default");
        if (dflt && (!strcmp(dflt, "1") || !strcmp(dflt, "true")) && !R->default_style)
            R->default_style = sk_strdup(id);
        R->nstyles++;
        sk_map_put(&R->style_by_id, id, (void *)(uintptr_t)R->nstyles);
    }
}

/* The outline level and numbering a paragraph gets from its style chain. */
static int style_outline(rd *R, style *st, int depth)
{
    if (!st || depth > 20 || st->visiting)
        return 0;
    if (st->outline >= 0)
        return st->outline;
    st->visiting = 1;
    int v = style_outline(R, style_get(R, st->based), depth + 1);
    st->visiting = 0;
    return v;
}

static style *style_num(rd *R, style *st, int depth)
{
    if (!st || depth > 20 || st->visiting)
        return NULL;
    if (st->num_id)
        return st;
    st->visiting = 1;
    style *v = style_num(R, style_get(R, st->based), depth + 1);
    st->visiting = 0;
    return v;
}

static void read_lvl(lvl *l, const xmlNode *n)
{
    l->set = 1;
    l->start = ival(wchild(n, "start"), 0);
    const xmlNode *f = wchild(n, "numFmt");
    snprintf(l->fmt, sizeof l->fmt, "%s", f && wval(f) ? wval(f) : "decimal");
    const xmlNode *t = wchild(n, "lvlText");
    free(l->text);
    l->text = t && wval(t) ? sk_strdup(wval(t)) : NULL;
    const xmlNode *r = wchild(n, "lvlRestart");
    l->restart = r ? ival(r, -1) : -1;
    l->lgl = on(wchild(n, "isLgl"));
    const xmlNode *ps = wchild(n, "pStyle");
    free(l->pstyle);
    l->pstyle = ps && wval(ps) ? sk_strdup(wval(ps)) : NULL;
}

static void read_numbering(rd *R, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t cap = 0, ncap = 0;
    for (xmlNode *a = root ? root->children : NULL; a; a = a->next) {
        if (is_w(a, "abstractNum")) {
            if (R->nabs == cap) {
                cap = cap ? cap * 2 : 16;
                R->abs = sk_realloc(R->abs, cap * sizeof *R->abs);
            }
            absnum *A = &R->abs[R->nabs++];
            memset(A, 0, sizeof *A);
            const char *id = attr(a, "abstractNumId");
            A->id = sk_strdup(id ? id : "");
            const xmlNode *sl = wchild(a, "numStyleLink");
            A->num_style_link = sl && wval(sl) ? sk_strdup(wval(sl)) : NULL;
            for (const xmlNode *l = a->children; l; l = l->next) {
                if (!is_w(l, "lvl"))
                    continue;
                int k = ival(l, -1);
                const char *il = attr(l, "ilvl");
                k = il ? atoi(il) : -1;
                if (k >= 0 && k < 9)
                    read_lvl(&A->l[k], l);
            }
        } else if (is_w(a, "num")) {
            if (R->nnums == ncap) {
                ncap = ncap ? ncap * 2 : 16;
                R->nums = sk_realloc(R->nums, ncap * sizeof *R->nums);
            }
            num *N = &R->nums[R->nnums++];
            memset(N, 0, sizeof *N);
            const char *id = attr(a, "numId");
            N->id = sk_strdup(id ? id : "");
            N->abs = -1;
            for (int k = 0; k < 9; k++)
                N->start_over[k] = -1;
            const xmlNode *an = wchild(a, "abstractNumId");
            const char *aid = an ? wval(an) : NULL;
            for (size_t i = 0; aid && i < R->nabs; i++)
                if (!strcmp(R->abs[i].id, aid))
                    N->abs = (int)i;
            for (const xmlNode *o = a->children; o; o = o->next) {
                if (!is_w(o, "lvlOverride"))
                    continue;
                const char *il = attr(o, "ilvl");
                int k = il ? atoi(il) : -1;
                if (k < 0 || k >= 9)
                    continue;
                const xmlNode *so = wchild(o, "startOverride");
                if (so)
                    N->start_over[k] = ival(so, 0);
                const xmlNode *l = wchild(o, "lvl");
                if (l)
                    read_lvl(&N->over[k], l);
            }
        }
    }
    /* numStyleLink: the abstract's levels are another's (through a numbering style) */
    for (size_t i = 0; i < R->nabs; i++) {
        absnum *A = &R->abs[i];
        if (!A->num_style_link)
            continue;
        style *st = style_get(R, A->num_style_link);
        const char *nid = st ? st->num_id : NULL;
        for (size_t j = 0; nid && j < R->nnums; j++)
            if (!strcmp(R->nums[j].id, nid) && R->nums[j].abs >= 0 && (size_t)R->nums[j].abs != i)
                for (int k = 0; k < 9; k++)
                    if (!A->l[k].set && R->abs[R->nums[j].abs].l[k].set) {
                        lvl *src = &R->abs[R->nums[j].abs].l[k];
                        A->l[k] = *src;
                        A->l[k].text = src->text ? sk_strdup(src->text) : NULL;
                        A->l[k].pstyle = src->pstyle ? sk_strdup(src->pstyle) : NULL;
                    }
    }
}

static num *num_get(rd *R, const char *id)
{
    for (size_t i = 0; id && i < R->nnums; i++)
        if (!strcmp(R->nums[i].id, id))
            return &R->nums[i];
    return NULL;
}

static const lvl *lvl_def(rd *R, const num *N, int k)
{
    if (N->over[k].set)
        return &N->over[k];
    return N->abs >= 0 ? &R->abs[N->abs].l[k] : NULL;
}

static int start_of(rd *R, const num *N, int k)
{
    if (N->start_over[k] >= 0)
        return N->start_over[k];
    const lvl *l = lvl_def(R, N, k);
    return l && l->set ? l->start : 0;
}

static void put_utf8(sk_buf *b, uint32_t cp)
{
    char u[4];
    int n = sk_utf8_encode(cp, u);
    sk_buf_put(b, u, (size_t)n);
}

/* A counter in a number format (the ones standards use; others as decimal). */
static void format_num(sk_buf *b, int v, const char *fmt)
{
    if (!strcmp(fmt, "none"))
        return;
    if (v < 0)
        v = 0;
    if (!strcmp(fmt, "upperLetter") || !strcmp(fmt, "lowerLetter")) {
        char base = fmt[0] == 'u' ? 'A' : 'a';
        int n = v <= 0 ? 1 : v;
        int reps = (n - 1) / 26 + 1;
        for (int i = 0; i < reps && i < 10; i++)
            sk_buf_putc(b, (char)(base + (n - 1) % 26));
        return;
    }
    if (!strcmp(fmt, "upperRoman") || !strcmp(fmt, "lowerRoman")) {
        static const struct { int v; const char *s; } r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" },
                                                              { 400, "cd" }, { 100, "c" },  { 90, "xc" },
                                                              { 50, "l" },   { 40, "xl" },  { 10, "x" },
                                                              { 9, "ix" },   { 5, "v" },    { 4, "iv" },
                                                              { 1, "i" } };
        int n = v > 3999 ? 3999 : v;
        for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
            while (n >= r[i].v) {
                for (const char *p = r[i].s; *p; p++)
                    sk_buf_putc(b, fmt[0] == 'u' ? (char)(*p - 'a' + 'A') : *p);
                n -= r[i].v;
            }
        return;
    }
    if (!strncmp(fmt, "chineseCounting", 15) || !strcmp(fmt, "ideographDigital") ||
        !strcmp(fmt, "japaneseCounting") || !strcmp(fmt, "taiwaneseCounting")) {
        static const char *const d[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
        if (v < 10) {
            sk_buf_puts(b, d[v]);
        } else if (v < 100) {
            if (v / 10 > 1)
                sk_buf_puts(b, d[v / 10]);
            sk_buf_puts(b, "十");
            if (v % 10)
                sk_buf_puts(b, d[v % 10]);
        } else {
            sk_buf_printf(b, "%d", v);
        }
        return;
    }
    if (!strcmp(fmt, "ideographTraditional")) {
        static const char *const t[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
        if (v >= 1 && v <= 10)
            sk_buf_puts(b, t[v - 1]);
        else
            sk_buf_printf(b, "%d", v);
        return;
    }
    if (!strcmp(fmt, "decimalEnclosedCircle") || !strcmp(fmt, "decimalEnclosedCircleChinese")) {
        if (v >= 1 && v <= 20)
            put_utf8(b, 0x2460 + (uint32_t)v - 1);
        else
            sk_buf_printf(b, "%d", v);
        return;
    }
    if (!strcmp(fmt, "decimalFullWidth") || !strcmp(fmt, "decimalFullWidth2")) {
        char tmp[16];
        snprintf(tmp, sizeof tmp, "%d", v);
        for (char *p = tmp; *p; p++)
            put_utf8(b, 0xFF10 + (uint32_t)(*p - '0'));
        return;
    }
    if (!strcmp(fmt, "decimalZero")) {
        sk_buf_printf(b, "%02d", v);
        return;
    }
    sk_buf_printf(b, "%d", v);
}

/* The number Word shows for a paragraph of list numId at level ilvl (style: the
 * paragraph's style id, for levels tied to styles). NULL when not numbered. */
static char *number_label(rd *R, const char *num_id, int ilvl, int *bullet, int *level)
{
    num *N = num_get(R, num_id);
    if (!N || N->abs < 0 || ilvl < 0 || ilvl > 8)
        return NULL;
    absnum *A = &R->abs[N->abs];
    if (!N->used) {
        N->used = 1;
        for (int k = 0; k < 9; k++)
            if (N->start_over[k] >= 0)
                A->cset[k] = 0;
    }
    for (int k = ilvl + 1; k < 9; k++) {
        const lvl *l = lvl_def(R, N, k);
        int r = l && l->set ? l->restart : -1;
        if (r < 0 ? ilvl < k : (r > 0 && ilvl <= r - 1))
            A->cset[k] = 0;
    }
    if (A->cset[ilvl])
        A->cnt[ilvl]++;
    else
        A->cnt[ilvl] = start_of(R, N, ilvl);
    A->cset[ilvl] = 1;
    const lvl *L = lvl_def(R, N, ilvl);
    if (!L || !L->set)
        return NULL;
    *level = ilvl + 1;
    *bullet = !strcmp(L->fmt, "bullet");
    const char *t = L->text ? L->text : "";
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = t; *p; p++) {
        if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
            int j = p[1] - '1';
            p++;
            if (j > ilvl) { /* Word ignores the whole text */
                sk_buf_free(&b);
                return sk_strdup("");
            }
            if (*bullet)
                continue;
            int v = A->cset[j] ? A->cnt[j] : start_of(R, N, j);
            const lvl *lj = lvl_def(R, N, j);
            format_num(&b, v, L->lgl ? "decimal" : lj && lj->set ? lj->fmt : "decimal");
        } else {
            sk_buf_putc(&b, *p);
        }
    }
    return sk_buf_detach(&b);
}

/* ---------- relationships, footnotes, images ---------- */

static char *resolve_target(const char *base, const char *target)
{
    if (target[0] == '/')
        return sk_strdup(target + 1);
    char *path = sk_asprintf("%s%s", base, target);
    /* fold "dir/../" */
    char *p;
    while ((p = strstr(path, "/../")) != NULL) {
        char *q = p;
        while (q > path && q[-1] != '/')
            q--;
        memmove(q, p + 4, strlen(p + 4) + 1);
    }
    return path;
}

static void read_rels(rd *R, const char *main_part)
{
    const char *slash = strrchr(main_part, '/');
    size_t dlen = slash ? (size_t)(slash - main_part + 1) : 0;
    char *relname = sk_asprintf("%.*s_rels/%s.rels", (int)dlen, main_part, slash ? slash + 1 : main_part);
    xmlDoc *doc = NULL;
    sk_err e2;
    sk_err_clear(&e2);
    if (sk_zip_read_xml(R->zr, relname, (void **)&doc, &e2) == 1) {
        xmlNode *root = xmlDocGetRootElement(doc);
        for (xmlNode *r = root ? root->children : NULL; r; r = r->next) {
            if (!is(r, "Relationship"))
                continue;
            const char *id = attr(r, "Id"), *t = attr(r, "Target"), *mode = attr(r, "TargetMode");
            if (!id || !t)
                continue;
            free(sk_map_put(&R->rels, id, sk_strdup(t)));
            if (mode && !strcmp(mode, "External"))
                sk_map_put(&R->external, id, (void *)1);
        }
        xmlFreeDoc(doc);
    }
    free(relname);
}

static void read_footnotes(rd *R, const char *part)
{
    xmlDoc *doc = NULL;
    sk_err e2;
    sk_err_clear(&e2);
    if (sk_zip_read_xml(R->zr, part, (void **)&doc, &e2) != 1)
        return;
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *fn = root ? root->children : NULL; fn; fn = fn->next) {
        if (!is_w(fn, "footnote") && !is_w(fn, "endnote"))
            continue;
        const char *type = attr(fn, "type");
        const char *id = attr(fn, "id");
        if (!id || (type && strcmp(type, "normal")))
            continue;
        sk_buf b;
        sk_buf_init(&b);
        for (const xmlNode *p = fn->children; p; p = p->next)
            if (is_w(p, "p")) {
                if (b.len)
                    sk_buf_putc(&b, ' ');
                text_of(&b, p, 0);
            }
        char *t = sk_buf_detach(&b);
        sk_str_trim(t);
        char *key = sk_asprintf("%s:%s", is_w(fn, "footnote") ? "f" : "e", id);
        free(sk_map_put(&R->footnotes, key, t));
        free(key);
    }
    xmlFreeDoc(doc);
}

static int image_of(rd *R, const char *rid)
{
    const char *t = rid ? sk_map_get(&R->rels, rid) : NULL;
    if (!t || sk_map_get(&R->external, rid))
        return -1;
    char *part = resolve_target(R->base, t);
    size_t k = (size_t)(uintptr_t)sk_map_get(&R->images, part);
    if (k) {
        free(part);
        return (int)k - 1;
    }
    if (R->f->nimages >= SK_FLOW_MAX_IMAGES) {
        free(part);
        return -1;
    }
    char *data = NULL;
    size_t len = 0;
    sk_err e2;
    sk_err_clear(&e2);
    int rc = sk_zip_read(R->zr, part, &data, &len, &e2);
    if (rc != 1) {
        free(part);
        return -1;
    }
    int idx = sk_flow_add_image(R->f, part, data, len);
    sk_map_put(&R->images, part, (void *)(uintptr_t)(idx + 1));
    free(part);
    return idx;
}

/* ---------- fields ---------- */

/* The first word of an instruction and its first argument (quotes removed). */
static void instr_parse(const char *s, char *word, size_t wn, char *arg, size_t an, int *local)
{
    *local = 0;
    while (*s == ' ')
        s++;
    size_t i = 0;
    while (*s && *s != ' ' && i + 1 < wn)
        word[i++] = *s++;
    word[i] = '\0';
    arg[0] = '\0';
    for (;;) {
        while (*s == ' ')
            s++;
        if (!*s)
            return;
        if (s[0] == '\\' && s[1] == 'l') {
            *local = 1;
            s += 2;
            continue;
        }
        if (s[0] == '\\') {
            while (*s && *s != ' ')
                s++;
            continue;
        }
        size_t j = 0;
        if (*s == '"') {
            s++;
            while (*s && *s != '"' && j + 1 < an)
                arg[j++] = *s++;
        } else {
            while (*s && *s != ' ' && j + 1 < an)
                arg[j++] = *s++;
        }
        arg[j] = '\0';
        if (*local || arg[0])
            return;
    }
}

static void field_begin_result(rd *R, field *F)
{
    char word[32], arg[256];
    int local;
    instr_parse(F->instr.data ? F->instr.data : "", word, sizeof word, arg, sizeof arg, &local);
    for (char *p = word; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    if (!strcmp(word, "REF") && arg[0]) {
        F->anchor = sk_strdup(arg);
    } else if (!strcmp(word, "PAGEREF")) {
        F->drop = 1;
    } else if (!strcmp(word, "HYPERLINK") && arg[0]) {
        if (local)
            F->anchor = sk_strdup(arg);
        else
            F->url = sk_strdup(arg);
    } else if (!strcmp(word, "TOC")) {
        F->toc = 1;
        R->toc_open++;
    }
    F->result = 1;
}

static void field_end(rd *R)
{
    if (!R->nfields)
        return;
    field *F = &R->fields[--R->nfields];
    if (!F->result)
        field_begin_result(R, F);
    if (F->toc && R->toc_open)
        R->toc_open--;
    sk_buf_free(&F->instr);
    free(F->anchor);
    free(F->url);
    memset(F, 0, sizeof *F);
}

/* What the open fields say about the runs written now. */
static int fields_drop(const rd *R)
{
    for (int i = 0; i < R->nfields; i++)
        if (!R->fields[i].result || R->fields[i].drop)
            return 1;
    return 0;
}

static const char *fields_anchor(const rd *R, const char **url)
{
    for (int i = R->nfields - 1; i >= 0; i--) {
        if (R->fields[i].anchor)
            return R->fields[i].anchor;
        if (R->fields[i].url) {
            *url = R->fields[i].url;
            return NULL;
        }
    }
    return NULL;
}

/* ---------- paragraphs ---------- */

typedef struct ctx {
    const char *anchor, *url; /* inside a w:hyperlink */
} ctx;

static sk_flow_run *add(rd *R, sk_flow_para *p, sk_flow_run_kind kind, const char *text, unsigned flags,
                        const ctx *c)
{
    const char *url = c->url;
    const char *anchor = fields_anchor(R, &url);
    if (!anchor && !url)
        anchor = c->anchor;
    if (!anchor && !url)
        url = c->url;
    if (!anchor && !flags && !url)
        return sk_flow_add_run(p, kind, text);
    /* a run of its own: join it with the previous one only when alike */
    if (kind == SK_FR_TEXT && p->nruns) {
        sk_flow_run *l = &p->runs[p->nruns - 1];
        if (l->kind == SK_FR_TEXT && l->flags == flags && ((!l->anchor && !anchor) || (l->anchor && anchor &&
            !strcmp(l->anchor, anchor))) && ((!l->url && !url) || (l->url && url && !strcmp(l->url, url)))) {
            size_t a = strlen(l->text), b = strlen(text);
            l->text = sk_realloc(l->text, a + b + 1);
            memcpy(l->text + a, text, b + 1);
            return l;
        }
    }
    sk_flow_run *r = sk_flow_add_run(p, SK_FR_BREAK, text); /* a run of its own */
    r->kind = kind;
    r->flags = flags;
    r->anchor = anchor ? sk_strdup(anchor) : NULL;
    r->url = url ? sk_strdup(url) : NULL;
    return r;
}

static unsigned run_flags(const xmlNode *rpr)
{
    unsigned f = 0;
    if (!rpr)
        return 0;
    if (on(wchild(rpr, "b")) || on(wchild(rpr, "bCs")))
        f |= SK_FL_BOLD;
    if (on(wchild(rpr, "i")))
        f |= SK_FL_ITALIC;
    if (on(wchild(rpr, "strike")) || on(wchild(rpr, "dstrike")))
        f |= SK_FL_STRIKE;
    const xmlNode *u = wchild(rpr, "u");
    if (u && wval(u) && strcmp(wval(u), "none"))
        f |= SK_FL_UNDERLINE;
    const xmlNode *va = wchild(rpr, "vertAlign");
    if (va && wval(va)) {
        if (!strcmp(wval(va), "superscript"))
            f |= SK_FL_SUP;
        else if (!strcmp(wval(va), "subscript"))
            f |= SK_FL_SUB;
    }
    const xmlNode *rs = wchild(rpr, "rStyle");
    if (rs && wval(rs)) {
        const char *v = wval(rs);
        if (!strcmp(v, "Strong") || !strcmp(v, "StrongEmphasis"))
            f |= SK_FL_BOLD;
        else if (!strcmp(v, "Emphasis"))
            f |= SK_FL_ITALIC;
        else if (!strcmp(v, "VerbatimChar") || !strcmp(v, "SourceText"))
            f |= SK_FL_CODE;
    }
    return f;
}

/* The first a:blip r:embed or v:imagedata r:id under n. */
static const char *find_image_rid(const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is(k, "blip")) {
            const char *e = attr(k, "embed");
            if (e)
                return e;
        }
        if (is(k, "imagedata")) {
            const char *e = attr(k, "id");
            if (e)
                return e;
        }
        if (is(k, "Fallback") && depth > 0)
            continue;
        const char *r = find_image_rid(k, depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

/* Text boxes' paragraphs (w:txbxContent) under n, as text. */
static void find_textbox_text(sk_buf *b, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is(k, "Fallback"))
            continue;
        if (is_w(k, "txbxContent")) {
            for (const xmlNode *p = k->children; p; p = p->next)
                if (is_w(p, "p")) {
                    if (b->len)
                        sk_buf_putc(b, '\n');
                    text_of(b, p, 0);
                }
        } else if (k->type == XML_ELEMENT_NODE) {
            find_textbox_text(b, k, depth + 1);
        }
    }
}

static void run_content(rd *R, sk_flow_para *p, const xmlNode *r, const ctx *c)
{
    const xmlNode *rpr = wchild(r, "rPr");
    unsigned flags = run_flags(rpr);
    if (rpr && on(wchild(rpr, "vanish"))) {
        R->notes_hidden++;
        return;
    }
    for (const xmlNode *k = r->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is_w(k, "fldChar")) {
            const char *t = attr(k, "fldCharType");
            if (!t)
                continue;
            if (!strcmp(t, "begin")) {
                if (R->nfields < MAX_FIELDS) {
                    memset(&R->fields[R->nfields], 0, sizeof R->fields[0]);
                    R->nfields++;
                }
            } else if (!strcmp(t, "separate")) {
                if (R->nfields && !R->fields[R->nfields - 1].result)
                    field_begin_result(R, &R->fields[R->nfields - 1]);
            } else if (!strcmp(t, "end")) {
                field_end(R);
            }
            continue;
        }
        if (is_w(k, "instrText")) {
            if (R->nfields && !R->fields[R->nfields - 1].result) {
                sk_buf tb;
                sk_buf_init(&tb);
                for (const xmlNode *t = k->children; t; t = t->next)
                    if (t->type == XML_TEXT_NODE && t->content)
                        sk_buf_puts(&tb, (const char *)t->content);
                if (R->fields[R->nfields - 1].instr.len < 4096)
                    sk_buf_puts(&R->fields[R->nfields - 1].instr, tb.data ? tb.data : "");
                sk_buf_free(&tb);
                if (strstr(R->fields[R->nfields - 1].instr.data, "TOC") && !p->toc) {
                    /* known at once: this paragraph starts the 目次 */
                    const char *s = R->fields[R->nfields - 1].instr.data;
                    while (*s == ' ')
                        s++;
                    if (!strncmp(s, "TOC", 3))
                        p->toc = 1;
                }
            }
            continue;
        }
        if (fields_drop(R))
            continue;
        if (is_w(k, "t")) {
            sk_buf tb;
            sk_buf_init(&tb);
            for (const xmlNode *t = k->children; t; t = t->next)
                if (t->type == XML_TEXT_NODE && t->content)
                    sk_buf_puts(&tb, (const char *)t->content);
            if (tb.len)
                add(R, p, SK_FR_TEXT, tb.data, flags, c);
            sk_buf_free(&tb);
        } else if (is_w(k, "tab") || is_w(k, "ptab")) {
            add(R, p, SK_FR_TAB, "", 0, c);
        } else if (is_w(k, "br")) {
            const char *t = attr(k, "type");
            if (!t || !strcmp(t, "textWrapping"))
                add(R, p, SK_FR_BREAK, "", 0, c);
        } else if (is_w(k, "cr")) {
            add(R, p, SK_FR_BREAK, "", 0, c);
        } else if (is_w(k, "noBreakHyphen")) {
            add(R, p, SK_FR_TEXT, "-", flags, c);
        } else if (is_w(k, "sym")) {
            const char *ch = attr(k, "char");
            if (ch) {
                unsigned long cp = strtoul(ch, NULL, 16);
                if (cp >= 0xF000 && cp <= 0xF0FF)
                    cp -= 0xF000; /* a symbol font's private code */
                if (cp == 0xB7)
                    cp = 0x00B7;
                char u[5] = { 0 };
                int n = sk_utf8_encode((uint32_t)(cp ? cp : '?'), u);
                if (n > 0 && cp >= 0x20)
                    add(R, p, SK_FR_TEXT, u, flags, c);
            }
        } else if (is_w(k, "drawing") || is_w(k, "pict") || is_w(k, "object") || is(k, "AlternateContent")) {
            const char *rid = find_image_rid(k, 0);
            int idx = rid ? image_of(R, rid) : -1;
            if (idx >= 0) {
                sk_flow_run *ir = add(R, p, SK_FR_IMAGE, "", 0, c);
                ir->image = idx;
            } else {
                sk_buf tb;
                sk_buf_init(&tb);
                find_textbox_text(&tb, k, 0);
                if (tb.len) {
                    add(R, p, SK_FR_TEXT, tb.data, flags, c);
                    sk_flow_note(R->f, p->index, "a text box: its text is kept in the paragraph");
                } else if (rid) {
                    sk_flow_note(R->f, p->index, "an image whose part is missing or linked: left out");
                }
                sk_buf_free(&tb);
            }
        } else if (is_w(k, "footnoteReference") || is_w(k, "endnoteReference")) {
            const char *id = attr(k, "id");
            char *key = sk_asprintf("%s:%s", is_w(k, "footnoteReference") ? "f" : "e", id ? id : "");
            const char *t = sk_map_get(&R->footnotes, key);
            free(key);
            add(R, p, SK_FR_FOOTNOTE, t ? t : "", 0, c);
        } else if (is_w(k, "delText")) {
            R->notes_deleted++;
        }
    }
}

static void para_content(rd *R, sk_flow_para *p, const xmlNode *n, const ctx *c, int depth);

static void inline_elem(rd *R, sk_flow_para *p, const xmlNode *k, const ctx *c, int depth)
{
    if (is_w(k, "r")) {
        run_content(R, p, k, c);
    } else if (is_w(k, "hyperlink")) {
        ctx c2 = *c;
        const char *a = attr(k, "anchor"), *rid = attr(k, "id");
        if (a && *a) {
            c2.anchor = a;
            c2.url = NULL;
        } else if (rid && sk_map_get(&R->rels, rid)) {
            c2.url = sk_map_get(&R->rels, rid);
            c2.anchor = NULL;
        }
        para_content(R, p, k, &c2, depth + 1);
    } else if (is_w(k, "bookmarkStart")) {
        const char *nm = attr(k, "name");
        if (nm && *nm && strcmp(nm, "_GoBack"))
            sk_flow_add_run(p, SK_FR_BOOKMARK, nm);
    } else if (is_w(k, "fldSimple")) {
        const char *ins = attr(k, "instr");
        if (R->nfields < MAX_FIELDS) {
            field *F = &R->fields[R->nfields++];
            memset(F, 0, sizeof *F);
            sk_buf_puts(&F->instr, ins ? ins : "");
            field_begin_result(R, F);
            para_content(R, p, k, c, depth + 1);
            field_end(R);
        }
    } else if (is_math(k, "oMathPara") || is_math(k, "oMath")) {
        if (fields_drop(R))
            return;
        int lost = 0;
        sk_buf b;
        sk_buf_init(&b);
        if (is_math(k, "oMathPara")) {
            int first = 1;
            for (const xmlNode *m = k->children; m; m = m->next)
                if (is_math(m, "oMath")) {
                    if (!first)
                        sk_buf_puts(&b, " \\\\ ");
                    first = 0;
                    sk_omml_tex(&b, m, &lost);
                }
        } else {
            sk_omml_tex(&b, k, &lost);
        }
        add(R, p, SK_FR_MATH, b.data ? b.data : "", 0, c);
        sk_buf_free(&b);
        if (lost)
            sk_flow_note(R->f, p->index, "a formula has %d element%s with no TeX in stdkit's subset: kept as its content",
                         lost, lost == 1 ? "" : "s");
    } else if (is_w(k, "ins") || is_w(k, "smartTag") || is_w(k, "customXml") || is_w(k, "dir") ||
               is_w(k, "bdo") || is_w(k, "moveTo")) {
        para_content(R, p, k, c, depth + 1);
    } else if (is_w(k, "sdt")) {
        const xmlNode *sc = wchild(k, "sdtContent");
        if (sc)
            para_content(R, p, sc, c, depth + 1);
    } else if (is_w(k, "del") || is_w(k, "moveFrom")) {
        R->notes_deleted++;
    } else if (is(k, "AlternateContent")) {
        for (const xmlNode *ch = k->children; ch; ch = ch->next)
            if (is(ch, "Choice")) {
                para_content(R, p, ch, c, depth + 1);
                break;
            }
    }
}

static void para_content(rd *R, sk_flow_para *p, const xmlNode *n, const ctx *c, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            inline_elem(R, p, k, c, depth);
}

static void read_para(rd *R, sk_flow_para *p, const xmlNode *n)
{
    if (++R->f->nparas > SK_FLOW_MAX_PARAS) {
        if (!R->failed)
            sk_err_at(R->err, R->path, 0, 0, "more than %d paragraphs (refused)", SK_FLOW_MAX_PARAS);
        R->failed = 1;
        return;
    }
    p->index = (int)R->f->nparas;
    p->toc = R->toc_open > 0;
    const xmlNode *ppr = wchild(n, "pPr");
    const xmlNode *ps = wchild(ppr, "pStyle");
    const char *sid = ps && wval(ps) ? wval(ps) : R->default_style;
    style *st = style_get(R, sid);
    p->style = st ? sk_strdup(st->name) : sid ? sk_strdup(sid) : NULL;
    const xmlNode *ol = wchild(ppr, "outlineLvl");
    if (ol) {
        int v = ival(ol, 9);
        p->outline = v >= 0 && v < 9 ? v + 1 : 0;
    } else {
        p->outline = style_outline(R, st, 0);
    }
    const xmlNode *jc = wchild(ppr, "jc");
    p->center = jc && wval(jc) ? !strcmp(wval(jc), "center") : st ? st->center : 0;
    if (wchild(ppr, "framePr"))
        p->frame = 1;
    /* numbering: direct, else from the style chain (the level tied to the style) */
    const char *num_id = NULL;
    int ilvl = -1;
    const xmlNode *np = wchild(ppr, "numPr");
    if (np) {
        const xmlNode *ni = wchild(np, "numId");
        num_id = ni ? wval(ni) : NULL;
        ilvl = ival(wchild(np, "ilvl"), -1);
    }
    if (!num_id) {
        style *sn = style_num(R, st, 0);
        if (sn) {
            num_id = sn->num_id;
            ilvl = sn->ilvl;
            num *N = num_get(R, num_id);
            for (int k = 0; N && N->abs >= 0 && k < 9; k++) {
                const lvl *l = lvl_def(R, N, k);
                if (l && l->pstyle && st && !strcmp(l->pstyle, st->id))
                    ilvl = k;
            }
        }
    } else if (ilvl < 0) {
        ilvl = 0;
        num *N = num_get(R, num_id);
        for (int k = 0; N && N->abs >= 0 && k < 9; k++) {
            const lvl *l = lvl_def(R, N, k);
            if (l && l->pstyle && st && !strcmp(l->pstyle, st->id))
                ilvl = k;
        }
    }
    if (ilvl < 0)
        ilvl = 0;
    if (num_id && strcmp(num_id, "0")) {
        int bullet = 0, level = 0;
        char *label = number_label(R, num_id, ilvl, &bullet, &level);
        if (label) {
            p->label = label;
            p->bullet = bullet;
            p->list_level = level;
        }
    }
    ctx c = { 0 };
    para_content(R, p, n, &c, 0);
    if (st && !strncmp(st->name, "toc ", 4))
        p->toc = 1;
}

static void read_table(rd *R, sk_flow_table *t, const xmlNode *tbl, int depth);

/* A table inside a cell: its paragraphs join the cell's, row by row. */
static void flatten_table(rd *R, sk_flow_cell *cell, const xmlNode *tbl, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
        if (!is_w(tr, "tr"))
            continue;
        for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
            if (!is_w(tc, "tc"))
                continue;
            for (const xmlNode *p = tc->children; p; p = p->next) {
                if (is_w(p, "p"))
                    read_para(R, sk_flow_add_cell_para(cell), p);
                else if (is_w(p, "tbl"))
                    flatten_table(R, cell, p, depth + 1);
            }
        }
    }
}

static void cell_content(rd *R, sk_flow_cell *cell, const xmlNode *tc, int depth)
{
    for (const xmlNode *p = tc->children; p; p = p->next) {
        if (R->failed)
            return;
        if (is_w(p, "p")) {
            read_para(R, sk_flow_add_cell_para(cell), p);
        } else if (is_w(p, "tbl")) {
            size_t before = R->f->nparas;
            flatten_table(R, cell, p, depth + 1);
            sk_flow_note(R->f, (int)before + 1, "a table inside a table cell: its text is kept in the cell");
        } else if (is_w(p, "sdt") || is_w(p, "customXml")) {
            const xmlNode *sc = is_w(p, "sdt") ? wchild(p, "sdtContent") : p;
            if (sc && depth < MAX_DEPTH)
                cell_content(R, cell, sc, depth + 1);
        }
    }
}

static void row_content(rd *R, sk_flow_row *row, const xmlNode *tr, int depth)
{
    for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
        if (R->failed)
            return;
        if (is_w(tc, "tc")) {
            if (row->n >= 1000)
                break;
            sk_flow_cell *cell = sk_flow_add_cell(row);
            const xmlNode *tcpr = wchild(tc, "tcPr");
            int span = ival(wchild(tcpr, "gridSpan"), 1);
            cell->colspan = span < 1 ? 1 : span > SK_FLOW_MAX_SPAN ? SK_FLOW_MAX_SPAN : span;
            const xmlNode *vm = wchild(tcpr, "vMerge");
            if (vm)
                cell->vmerge = wval(vm) && !strcmp(wval(vm), "restart") ? 1 : 2;
            cell_content(R, cell, tc, depth);
        } else if ((is_w(tc, "sdt") || is_w(tc, "customXml")) && depth < MAX_DEPTH) {
            const xmlNode *sc = is_w(tc, "sdt") ? wchild(tc, "sdtContent") : tc;
            if (sc)
                row_content(R, row, sc, depth + 1);
        }
    }
}

static void read_table(rd *R, sk_flow_table *t, const xmlNode *tbl, int depth)
{
    t->index = (int)R->f->nparas + 1;
    size_t cells = 0;
    for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
        if (R->failed)
            return;
        const xmlNode *row_node = tr;
        if (is_w(tr, "sdt")) {
            const xmlNode *sc = wchild(tr, "sdtContent");
            row_node = sc ? wchild(sc, "tr") : NULL;
        }
        if (!row_node || !is_w(row_node, "tr"))
            continue;
        sk_flow_row *row = sk_flow_add_row(t);
        const xmlNode *trpr = wchild(row_node, "trPr");
        row->header = on(wchild(trpr, "tblHeader"));
        int before = ival(wchild(trpr, "gridBefore"), 0);
        for (int i = 0; i < before && i < 100; i++)
            sk_flow_add_cell(row);
        row_content(R, row, row_node, depth);
        cells += row->n;
        if (cells > SK_FLOW_MAX_CELLS) {
            sk_err_at(R->err, R->path, 0, 0, "more than %d table cells (refused)", SK_FLOW_MAX_CELLS);
            R->failed = 1;
            return;
        }
    }
}

/* The cover's own section: its footers and headers hold cover lines (the dates and
 * the issuer at the foot of the cover), read as paragraphs of the body there. */
static void section_parts(rd *R, const xmlNode *sp)
{
    for (const xmlNode *k = sp->children; k; k = k->next) {
        if (!is_w(k, "footerReference") && !is_w(k, "headerReference"))
            continue;
        const char *rid = attr(k, "id");
        const char *t = rid ? sk_map_get(&R->rels, rid) : NULL;
        if (!t)
            continue;
        char *part = resolve_target(R->base, t);
        xmlDoc *doc = NULL;
        sk_err e2;
        sk_err_clear(&e2);
        if (sk_zip_read_xml(R->zr, part, (void **)&doc, &e2) == 1) {
            xmlNode *root = xmlDocGetRootElement(doc);
            for (const xmlNode *p = root ? root->children : NULL; p; p = p->next)
                if (is_w(p, "p")) {
                    sk_flow_block *b = sk_flow_add_block(R->f, SK_FB_PARA);
                    read_para(R, &b->para, p);
                    b->para.frame = 1;
                }
            xmlFreeDoc(doc);
        }
        free(part);
    }
}

static void body(rd *R, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k && !R->failed; k = k->next) {
        if (is_w(k, "p")) {
            sk_flow_block *b = sk_flow_add_block(R->f, SK_FB_PARA);
            read_para(R, &b->para, k);
            const xmlNode *sp = wchild(wchild(k, "pPr"), "sectPr");
            if (sp && !R->sections++)
                section_parts(R, sp);
        } else if (is_w(k, "tbl")) {
            sk_flow_block *b = sk_flow_add_block(R->f, SK_FB_TABLE);
            read_table(R, &b->table, k, depth + 1);
        } else if (is_w(k, "sdt")) {
            const xmlNode *sc = wchild(k, "sdtContent");
            if (sc)
                body(R, sc, depth + 1);
        } else if (is_w(k, "customXml") || is_w(k, "ins")) {
            body(R, k, depth + 1);
        } else if (is_w(k, "altChunk")) {
            sk_flow_note(R->f, (int)R->f->nparas, "an embedded document (altChunk) is not read");
        }
    }
}

/* ---------- the package ---------- */

static char *main_part(rd *R)
{
    xmlDoc *doc = NULL;
    char *found = NULL;
    sk_err e2;
    sk_err_clear(&e2);
    if (sk_zip_read_xml(R->zr, "_rels/.rels", (void **)&doc, &e2) == 1) {
        xmlNode *root = xmlDocGetRootElement(doc);
        for (xmlNode *r = root ? root->children : NULL; r && !found; r = r->next) {
            const char *type = attr(r, "Type"), *t = attr(r, "Target");
            if (is(r, "Relationship") && type && t && sk_str_ends_with(type, "/officeDocument"))
                found = sk_strdup(t[0] == '/' ? t + 1 : t);
        }
        xmlFreeDoc(doc);
    }
    return found ? found : sk_strdup("word/document.xml");
}

int sk_ooxml_read(sk_flow *out, const char *path, sk_err *err)
{
    rd R;
    memset(&R, 0, sizeof R);
    R.path = path;
    R.err = err;
    sk_map_init(&R.style_by_id);
    sk_map_init(&R.rels);
    sk_map_init(&R.external);
    sk_map_init(&R.footnotes);
    sk_map_init(&R.images);
    sk_flow flow;
    sk_flow_init(&flow);
    R.f = &flow;
    int rc = -1;
    xmlDoc *doc = NULL, *sdoc = NULL, *ndoc = NULL;
    char *mp = NULL;

    if (sk_zip_open(&R.zr, path, "a DOCX", err) < 0)
        goto done;
    mp = main_part(&R);
    const char *slash = strrchr(mp, '/');
    R.base = sk_strndup(mp, slash ? (size_t)(slash - mp + 1) : 0);
    char *xml = NULL;
    size_t xlen = 0;
    int got = sk_zip_read_max(R.zr, mp, SK_FLOW_MAX_PART, &xml, &xlen, err);
    if (got < 0)
        goto done;
    if (got == 0) {
        sk_err_at(err, path, 0, 0, "not a DOCX: it has no main document part (%s)", mp);
        goto done;
    }
    /* the paragraphs counted before the parse they would make large */
    static const char *const ptags[] = { "w:p", NULL };
    size_t np_ = sk_flow_count_tags(xml, xlen, ptags);
    if (np_ > SK_FLOW_MAX_PARAS) {
        sk_err_at(err, path, 0, 0, "%s: %zu paragraphs, more than the %d a document may have (refused)", mp, np_,
                  SK_FLOW_MAX_PARAS);
        free(xml);
        goto done;
    }
    doc = sk_xml_parse_safe(xml, xlen, mp, err);
    free(xml);
    if (!doc) {
        snprintf(err->file, sizeof err->file, "%s", path);
        goto done;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *bd = wchild(root, "body");
    if (!is_w(root, "document") || !bd) {
        sk_err_at(err, path, 0, 0, "not a DOCX: %s is not a WordprocessingML document", mp);
        goto done;
    }
    read_rels(&R, mp);
    /* styles, numbering, footnotes: by relationship type when named, else the usual names */
    char *sp = sk_asprintf("%sstyles.xml", R.base), *np = sk_asprintf("%snumbering.xml", R.base);
    char *fp = sk_asprintf("%sfootnotes.xml", R.base), *ep = sk_asprintf("%sendnotes.xml", R.base);
    int s1 = sk_zip_read_xml(R.zr, sp, (void **)&sdoc, err);
    int s2 = s1 < 0 ? 0 : sk_zip_read_xml(R.zr, np, (void **)&ndoc, err);
    if (s1 >= 0 && s2 >= 0) {
        if (sdoc)
            read_styles(&R, sdoc);
        if (ndoc)
            read_numbering(&R, ndoc);
        read_footnotes(&R, fp);
        read_footnotes(&R, ep);
    }
    free(sp);
    free(np);
    free(fp);
    free(ep);
    if (s1 < 0 || s2 < 0)
        goto done;
    body(&R, bd, 0);
    if (R.failed)
        goto done;
    if (R.notes_deleted)
        sk_flow_note(&flow, 0, "%zu deleted tracked change%s left out (the document as accepted is read)",
                     R.notes_deleted, R.notes_deleted == 1 ? "" : "s");
    if (R.notes_hidden)
        sk_flow_note(&flow, 0, "%zu run%s of hidden text left out", R.notes_hidden, R.notes_hidden == 1 ? "" : "s");
    *out = flow;
    sk_flow_init(&flow);
    rc = 0;
done:
    while (R.nfields)
        field_end(&R);
    sk_flow_free(&flow);
    if (doc)
        xmlFreeDoc(doc);
    if (sdoc)
        xmlFreeDoc(sdoc);
    if (ndoc)
        xmlFreeDoc(ndoc);
    for (size_t i = 0; i < R.nstyles; i++) {
        free(R.styles[i].id);
        free(R.styles[i].name);
        free(R.styles[i].based);
        free(R.styles[i].num_id);
    }
    free(R.styles);
    for (size_t i = 0; i < R.nabs; i++) {
        free(R.abs[i].id);
        free(R.abs[i].num_style_link);
        for (int k = 0; k < 9; k++) {
            free(R.abs[i].l[k].text);
            free(R.abs[i].l[k].pstyle);
        }
    }
    free(R.abs);
    for (size_t i = 0; i < R.nnums; i++) {
        free(R.nums[i].id);
        for (int k = 0; k < 9; k++) {
            free(R.nums[i].over[k].text);
            free(R.nums[i].over[k].pstyle);
        }
    }
    free(R.nums);
    free(R.default_style);
    for (size_t i = 0; i < R.rels.cap; i++)
        if (R.rels.keys[i])
            free(R.rels.vals[i]);
    for (size_t i = 0; i < R.footnotes.cap; i++)
        if (R.footnotes.keys[i])
            free(R.footnotes.vals[i]);
    sk_map_free(&R.style_by_id);
    sk_map_free(&R.rels);
    sk_map_free(&R.external);
    sk_map_free(&R.footnotes);
    sk_map_free(&R.images);
    free(R.base);
    free(mp);
    sk_zip_close(R.zr);
    return rc;
}
