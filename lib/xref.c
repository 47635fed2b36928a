#include "xref.h"

#include <stdlib.h>
#include <string.h>

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

/* Matches a standard number at s[i]: PREFIX ["/" X]… [space] DIGITS[.DIGITS…] [dash YEAR].
 * PREFIX is 2+ capitals (optionally followed by digits: DB41), or a capital with a
 * "/" part (T/CAS, Q/SJ). Returns the end offset or 0. */
static size_t match_stdnum(const char *s, size_t len, size_t i, sk_stdnum *m)
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
    m->code_end = p;
    m->year = -1;
    m->dash_ok = 1;
    int ok;
    size_t dl = year_dash(s + p, &ok);
    if (!dl && p < len && s[p] == ':' && (!strncmp(s + i, "ISO", 3) || !strncmp(s + i, "IEC", 3))) {
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
        if (match_stdnum(s, len, i, m))
            return 0;
    }
    return -1;
}

/* ---------- plain-text references ---------- */

typedef struct match {
    size_t start, end;     /* byte range of the reference text */
    sk_ref_kind kind;
    char num[32];          /* the number part */
    int is_std;
    sk_stdnum std;
} match;

static int cp_in(uint32_t cp, const char *set)
{
    size_t len = strlen(set);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int k = sk_utf8_decode(set + i, len - i, &c);
        if (!k)
            return 0;
        if (c == cp)
            return 1;
        i += (size_t)k;
    }
    return 0;
}

/* Characters after which a bare number like "5.2" is a reference (见5.2, 按5.2, 和5.3 …). */
static const char CUE_BEFORE[] = "见按照据合足循行和与及或至、～~在同如于第由从";
/* Characters after which "表1"/"图1" is not a reference but part of a word (代表1名, 地图1张). */
static const char WORD_BEFORE_TABLE[] = "代报发仪外列课年间记总计分评核请息细览单程格价";
static const char WORD_BEFORE_FIGURE[] = "地绘蓝构意试企版插草视制";
/* Characters that make a preceding number a quantity (1.5米, 2.5倍), not a clause. */
static const char UNIT_AFTER[] = "倍米元分小天个人次万千年月日时周名项件份票亿克斤吨升度秒岁户栋间层平寸尺公里℃%‰";

/* Reads a clause-like number at s[i] ("5.2", "A.3", "12"). Returns its length. */
static size_t read_num(const char *s, size_t len, size_t i, int need_dot, int allow_letter)
{
    size_t p = i;
    if (allow_letter && p < len && is_upper(s[p]) && p + 1 < len && s[p + 1] == '.')
        p++;
    else {
        while (p < len && is_digit(s[p]))
            p++;
        if (p == i || p - i > 3)
            return 0;
    }
    int dots = 0;
    while (p + 1 < len && s[p] == '.' && is_digit(s[p + 1])) {
        p++;
        dots++;
        while (p < len && is_digit(s[p]))
            p++;
    }
    if (need_dot && !dots)
        return 0;
    if (dots && p < len && s[p] == '.' && p + 1 < len && is_digit(s[p + 1]))
        return 0;
    return p - i;
}

static int number_boundary_after(const char *s, size_t len, size_t p)
{
    return p >= len || !(is_alnum(s[p]) || s[p] == '.' || s[p] == '%' || s[p] == '/');
}

static void set_num(match *m, const char *s, size_t a, size_t b)
{
    size_t n = b - a < sizeof m->num - 1 ? b - a : sizeof m->num - 1;
    memcpy(m->num, s + a, n);
    m->num[n] = '\0';
}

/* Finds the next reference at or after from. prev_cp is the character before s[0]. */
static int next_match(const char *s, size_t len, size_t from, uint32_t prev_cp, match *m)
{
    for (size_t i = from; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t before = i ? sk_utf8_prev(s, i) : prev_cp;
        if (is_upper((char)c) && !(i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.'))) {
            /* another standard's number first: its digits are not clause numbers */
            if (match_stdnum(s, len, i, &m->std)) {
                m->is_std = 1;
                m->start = m->std.start;
                m->end = m->std.end;
                return 0;
            }
            /* A.3 (annex clause) */
            size_t n = read_num(s, len, i, 1, 1);
            if (n && number_boundary_after(s, len, i + n)) {
                m->is_std = 0;
                m->kind = SK_REF_CLAUSE;
                m->start = i;
                m->end = i + n;
                set_num(m, s, i, i + n);
                return 0;
            }
            continue;
        }
        if (c < 0x80 && !is_digit((char)c))
            continue;
        if (is_digit((char)c)) {
            if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-'))
                continue;
            size_t n = read_num(s, len, i, 1, 0);
            if (!n) {
                /* skip the rest of this number */
                while (i + 1 < len && (is_digit(s[i + 1]) || s[i + 1] == '.'))
                    i++;
                continue;
            }
            size_t e = i + n;
            uint32_t after = sk_utf8_at(s, len, e);
            int cue = cp_in(before, CUE_BEFORE);
            if (!cue) {
                /* "5.2的规定", "5.2中", "5.2条" */
                cue = !strncmp(s + e, "的", 3) || !strncmp(s + e, "中", 3) || !strncmp(s + e, "条", 3) ||
                      !strncmp(s + e, "规定", 6) || !strncmp(s + e, "要求", 6) || !strncmp(s + e, "、", 3) ||
                      !strncmp(s + e, "～", 3) || !strncmp(s + e, "和", 3) || !strncmp(s + e, "至", 3);
            }
            if (cue && number_boundary_after(s, len, e) && !cp_in(after, UNIT_AFTER)) {
                m->is_std = 0;
                m->kind = SK_REF_CLAUSE;
                m->start = i;
                m->end = e;
                set_num(m, s, i, e);
                return 0;
            }
            i = e - 1;
            continue;
        }
        /* multibyte: 第N章, 附录X, 表N, 图N, 公式(N) */
        if (!strncmp(s + i, "第", 3) && i + 3 < len && is_digit(s[i + 3])) {
            size_t p = i + 3;
            while (p < len && is_digit(s[p]))
                p++;
            if (!strncmp(s + p, "章", 3)) {
                m->is_std = 0;
                m->kind = SK_REF_CHAPTER;
                m->start = i;
                m->end = p + 3;
                set_num(m, s, i + 3, p);
                return 0;
            }
        } else if (!strncmp(s + i, "附录", 6) && i + 6 < len && is_upper(s[i + 6]) &&
                   !(i + 7 < len && is_alnum(s[i + 7])) && !(i + 7 < len && s[i + 7] == '.')) {
            m->is_std = 0;
            m->kind = SK_REF_ANNEX;
            m->start = i;
            m->end = i + 7;
            set_num(m, s, i + 6, i + 7);
            return 0;
        } else if ((!strncmp(s + i, "表", 3) || !strncmp(s + i, "图", 3)) && i + 3 < len) {
            int table = s[i + 1] == "表"[1] && s[i + 2] == "表"[2];
            if (cp_in(before, table ? WORD_BEFORE_TABLE : WORD_BEFORE_FIGURE))
                continue;
            size_t n = read_num(s, len, i + 3, 0, 1);
            if (n && number_boundary_after(s, len, i + 3 + n)) {
                m->is_std = 0;
                m->kind = table ? SK_REF_TABLE : SK_REF_FIGURE;
                m->start = i;
                m->end = i + 3 + n;
                set_num(m, s, i + 3, i + 3 + n);
                return 0;
            }
        } else if (!strncmp(s + i, "公式", 6)) {
            size_t p = i + 6, open = 0;
            if (!strncmp(s + p, "（", 3))
                open = 3;
            else if (s[p] == '(')
                open = 1;
            if (open) {
                size_t n = read_num(s, len, p + open, 0, 1);
                size_t q = p + open + n;
                size_t close = !strncmp(s + q, "）", 3) ? 3 : (q < len && s[q] == ')') ? 1 : 0;
                if (n && close) {
                    m->is_std = 0;
                    m->kind = SK_REF_FORMULA;
                    m->start = i;
                    m->end = q + close;
                    set_num(m, s, p + open, q);
                    return 0;
                }
            }
        }
        /* skip the continuation bytes of this character */
        while (i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
            i++;
    }
    return -1;
}

/* ---------- resolution ---------- */

typedef struct resolver {
    sk_doc *doc;
    sk_diags *d;
    sk_map by_num;      /* "cl:5.2", "ch:5", "an:A", "tb:1", "fg:A.1", "fm:2" → node */
    sk_node *block;     /* block being scanned */
    int normative_ctx;  /* in chapter 2 */
} resolver;

static const char *kind_key(sk_ref_kind k)
{
    switch (k) {
    case SK_REF_CHAPTER: return "ch";
    case SK_REF_ANNEX: return "an";
    case SK_REF_TABLE: return "tb";
    case SK_REF_FIGURE: return "fg";
    case SK_REF_FORMULA: return "fm";
    default: return "cl";
    }
}

static void index_node(resolver *R, sk_node *n, const char *num)
{
    char key[48];
    const char *k = NULL;
    if (n->type == SK_N_SECTION && n->sect == SK_S_ANNEX)
        k = "an";
    else if (n->type == SK_N_SECTION && n->level == 1)
        k = "ch";
    else if (n->type == SK_N_SECTION)
        k = "cl";
    else if (n->type == SK_N_TABLE)
        k = "tb";
    else if (n->type == SK_N_FIGURE)
        k = "fg";
    else if (n->type == SK_N_FORMULA)
        k = "fm";
    if (!k || !num || !*num)
        return;
    snprintf(key, sizeof key, "%s:%s", k, num);
    sk_map_put(&R->by_num, key, n);
}

static void build_index(resolver *R)
{
    sk_node *root = R->doc->root;
    /* assigned numbers first, then written ones: a reference means what the author wrote */
    for (sk_node *n = root; n; n = sk_node_walk_next(root, n, 1))
        index_node(R, n, n->num);
    for (sk_node *n = root; n; n = sk_node_walk_next(root, n, 1))
        if (n->num_written)
            index_node(R, n, n->num_written);
}

static int normative_before(const char *s, size_t pos)
{
    /* "按SJDJ/TS 03", "应符合…", "依据…": a requirement cites it */
    size_t from = pos > 30 ? pos - 30 : 0;
    char *win = sk_strndup(s + from, pos - from);
    int r = strstr(win, "按") || strstr(win, "应") || strstr(win, "符合") || strstr(win, "依据") ||
            strstr(win, "遵照") || strstr(win, "执行");
    /* stop at a sentence end: what came before it does not govern this citation */
    char *stop = NULL;
    for (const char *e = "。；"; *e; e += 3) {
        char tmp[4] = { e[0], e[1], e[2], 0 };
        char *f = win, *last = NULL;
        while ((f = strstr(f, tmp)))
            last = f++;
        if (last && (!stop || last > stop))
            stop = last;
    }
    if (stop && r) {
        r = strstr(stop, "按") || strstr(stop, "应") || strstr(stop, "符合") || strstr(stop, "依据") ||
            strstr(stop, "遵照") || strstr(stop, "执行");
    }
    free(win);
    return r ? 1 : 0;
}

static void add_stdref(resolver *R, const sk_inline *in, const char *text, const sk_stdnum *sn, size_t off_in_run)
{
    sk_stdref *r = sk_calloc(1, sizeof *r);
    r->number = sk_strndup(text + sn->start, sn->end - sn->start);
    r->code = sk_strndup(text + sn->start, sn->code_end - sn->start);
    r->year = sn->year;
    r->dash_ok = sn->dash_ok;
    r->line = in->line;
    r->col = in->line ? sk_source_col(R->doc->src, in->line, (size_t)(in->byte_col - 1) + off_in_run) : 0;
    r->block = R->block;
    r->in_normref = R->normative_ctx;
    r->normative = R->normative_ctx || normative_before(text, sn->start);
    if (R->normative_ctx) {
        const char *t = text + sn->end;
        char *title = sk_strdup(t);
        r->title = sk_trim(title);
    }
    sk_vec_push(&R->doc->stdrefs, r);
}

/* Scans one inline list, splitting text runs around references. */
static void scan_inlines(resolver *R, sk_inlines *l)
{
    sk_inlines out = { 0 };
    uint32_t prev_cp = 0;
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_TEXT || (in->flags & SK_F_CODE)) {
            sk_inlines_push(&out, in);
            prev_cp = 0;
            continue;
        }
        const char *s = in->text;
        size_t len = strlen(s), pos = 0;
        match m;
        int any = 0;
        while (pos < len && next_match(s, len, pos, prev_cp, &m) == 0) {
            any = 1;
            if (m.start > pos) {
                sk_inline t = *in;
                t.text = sk_strndup(s + pos, m.start - pos);
                t.target = NULL;
                t.byte_col = in->byte_col + (int)pos;
                t.col = in->line ? sk_source_col(R->doc->src, in->line, (size_t)(t.byte_col - 1)) : 0;
                sk_inlines_push(&out, &t);
            }
            sk_inline r = *in;
            r.byte_col = in->byte_col + (int)m.start;
            r.col = in->line ? sk_source_col(R->doc->src, in->line, (size_t)(r.byte_col - 1)) : 0;
            r.text = sk_strndup(s + m.start, m.end - m.start);
            if (m.is_std) {
                r.type = SK_I_STDREF;
                r.target = sk_strndup(s + m.start, m.std.code_end - m.start);
                add_stdref(R, in, s, &m.std, m.start);
            } else {
                r.type = SK_I_REF;
                r.ref_kind = m.kind;
                r.target = sk_strdup(m.num);
            }
            sk_inlines_push(&out, &r);
            pos = m.end;
        }
        uint32_t last_cp = len ? sk_utf8_prev(s, len) : prev_cp;
        if (!any) {
            sk_inlines_push(&out, in);
        } else {
            if (pos < len) {
                sk_inline t = *in;
                t.text = sk_strdup(s + pos);
                t.target = NULL;
                t.byte_col = in->byte_col + (int)pos;
                t.col = in->line ? sk_source_col(R->doc->src, in->line, (size_t)(t.byte_col - 1)) : 0;
                sk_inlines_push(&out, &t);
            }
            free(in->text);
            free(in->target);
        }
        prev_cp = last_cp; /* s may be freed by now */
    }
    free(l->v);
    *l = out;
}

static void resolve_list(resolver *R, sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_REF)
            continue;
        sk_vec_push(&R->doc->refs, in);
        const char *file = R->doc->src->path;
        if (in->ref_kind == SK_REF_ANCHOR) {
            in->node = sk_map_get(&R->doc->anchors, in->target);
            if (!in->node) {
                sk_diag *dg = sk_diag_emit(R->d, SK_R_REF_DANGLING, file, in->line, in->col,
                                           "link to '#%s', but no heading, table or figure has that anchor",
                                           in->target);
                sk_diag_hint(dg, "add {#%s} to the target, or fix the link", in->target);
            }
            continue;
        }
        char key[48];
        snprintf(key, sizeof key, "%s:%s", kind_key(in->ref_kind), in->target);
        in->node = sk_map_get(&R->by_num, key);
        if (!in->node && in->ref_kind == SK_REF_CLAUSE) {
            /* "见5" is not matched; "见5.2" may name a chapter written with a dot? no: try terms too */
            snprintf(key, sizeof key, "ch:%s", in->target);
            in->node = sk_map_get(&R->by_num, key);
        }
        if (!in->node) {
            static const char *what[] = { "", "clause", "chapter", "annex", "table", "figure", "formula" };
            sk_diag_emit(R->d, SK_R_REF_MISSING, file, in->line, in->col,
                         "reference to %s %s, but this standard has no %s %s", what[in->ref_kind], in->text,
                         what[in->ref_kind], in->target);
        }
    }
}

static sk_inlines *block_inlines(sk_node *n)
{
    return (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE) ? &n->in : NULL;
}

void sk_xref_resolve(sk_doc *doc, sk_diags *diags)
{
    resolver R = { .doc = doc, .d = diags };
    sk_map_init(&R.by_num);
    build_index(&R);
    sk_node *root = doc->root;
    for (sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        const sk_node *top = n;
        while (top->parent && top->parent->type != SK_N_DOC)
            top = top->parent;
        R.normative_ctx = top->type == SK_N_SECTION && top->sect == SK_S_NORMREF && n->type == SK_N_PARA &&
                          n->parent && n->parent->type == SK_N_ITEM;
        R.block = n;
        sk_inlines *l = block_inlines(n);
        if (l) {
            scan_inlines(&R, l);
            resolve_list(&R, l);
        }
        if (n->type == SK_N_TABLE && n->table) {
            R.normative_ctx = 0;
            for (size_t r = 0; r < n->table->nrows; r++)
                for (int c = 0; c < n->table->ncols; c++) {
                    scan_inlines(&R, &n->table->rows[r].cells[c].in);
                    resolve_list(&R, &n->table->rows[r].cells[c].in);
                }
        }
    }
    sk_map_free(&R.by_num);
}
