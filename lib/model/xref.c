#include "model/xref.h"

#include "text/stdnum.h"
#include "text/zh.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z'); }

/* ---------- plain-text references ---------- */

typedef struct match {
    size_t start, end;     /* byte range of the reference text */
    sk_ref_kind kind;
    char num[32];          /* the number part */
    int is_std;
    sk_stdnum std;
} match;

/* Characters after which a bare number like "5.2" is a reference (见5.2, 按5.2, 符合5.2, 依据5.2 …). */
static const char CUE_BEFORE[] = "见按照据合足循行";
/* Connectors that continue a list of references ("见5.2和5.3", "按6.1、6.2") — only right after one. */
static const char CUE_LIST[] = "和与及或至、～~";
/* Words after a bare number that make it a reference ("5.2的规定", "5.2中规定", "5.2所述"). */
static const char CUE_AFTER[] = "的规定|的要求|的内容|的程序|的方法|的格式|规定的|中规定|中的|所述|所列|所示|条";
/* Characters after which "表1"/"图1" is not a reference but part of a word (代表1名, 地图1张). */
static const char WORD_BEFORE_TABLE[] = "代报发仪外列课年间记总计分评核请息细览单程格价";
static const char WORD_BEFORE_FIGURE[] = "地绘蓝构意试企版插草视制";
/* In an entry of a written 索引 the numbers are its targets: "地热回灌：3.5，7.1，附录C". */
static const char CUE_INDEX[] = "：:，,、 　…\t";
/* Characters after which "式（2）" is a formula cited without its 公 ("按式（2）计算",
 * "代入式（3）", "由式（1）和式（2）"). */
static const char CUE_FORMULA[] = "按见由照用依入据和与及或、至到";
/* Characters that make a preceding number a quantity (1.5米, 2.5倍), not a clause. */
static const char UNIT_AFTER[] = "倍米元分小天个人次万千年月日时周名项件份票亿克斤吨升度秒岁户栋间层平寸尺公里℃%‰版届期级星号套台张";

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

/* Whether the literal lit is at s[p] (p <= len, s[len] == '\0'): strncmp's answer,
 * but a memcmp of a known length the compiler writes inline. */
#define AT(s, len, p, lit) ((p) + sizeof(lit) - 1 <= (len) && !memcmp((s) + (p), lit, sizeof(lit) - 1))

/* "2019年版的5.3", "2009年版的第4章": a 前言 citing the replaced edition (GB/T 1.1—2020
 * 8.3), whose numbers are not this standard's. */
static int old_edition_before(const char *s, size_t i)
{
    return i >= 9 && !memcmp(s + i - 9, "年版的", 9); /* the bytes before s[i] are there */
}

/* Whether the character with lead byte c (E4-E9) and second byte c1 may be one of
 * 第 附 表 图 参 公 式, the CJK characters that start a reference. */
static int cjk_may_start(unsigned char c, unsigned char c1)
{
    switch (c) {
    case 0xE5: return c1 == 0x9B || c1 == 0x8F || c1 == 0x85 || c1 == 0xBC;
    case 0xE7: return c1 == 0xAC;
    case 0xE8: return c1 == 0xA1;
    case 0xE9: return c1 == 0x99;
    default: return 0;
    }
}

/* Past the 汉字 at s[i] that cannot start a reference: lead bytes E4-E9 (where
 * 第 附 表 图 参 公 式 are) with two continuation bytes, not one of those seven.
 * Stops at anything else, which next_match looks at a byte at a time. */
static size_t skip_plain_cjk(const char *str, size_t len, size_t i)
{
#define B2(x) (1ULL << ((x) - 0x80))
    static const uint64_t starts[6] = { 0, B2(0x9B) | B2(0x8F) | B2(0x85) | B2(0xBC), 0, B2(0xAC), B2(0xA1), B2(0x99) };
#undef B2
    const unsigned char *s = (const unsigned char *)str;
    while (i + 3 <= len) {
        unsigned c = s[i] - 0xE4u;
        if (c > 5 || ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) >= 0x40 || (starts[c] >> (s[i + 1] & 0x3F)) & 1)
            break;
        i += 3;
    }
    return i;
}

/* Finds the next reference at or after from. prev_cp is the character before s[0];
 * prev_end is where the previous plain-text reference in s ended (SIZE_MAX: none). */
static int next_match(const char *s, size_t len, size_t from, uint32_t prev_cp, size_t prev_end, int index_ctx,
                      match *m)
{
    for (size_t i = from; (i = skip_plain_cjk(s, len, i)) < len; i++) {
        unsigned char c = (unsigned char)s[i];
        /* only digits, capitals and a few CJK characters start a reference */
        if (!(c >= 0xE4 && c <= 0xE9) && !is_digit((char)c) && !is_upper((char)c))
            continue;
        /* of the CJK characters only 第 附 表 图 参 公 式 start a reference: the others are
         * skipped before anything is decoded (most of a Chinese text) */
        if (c >= 0xE4 && !(i + 2 < len && cjk_may_start(c, (unsigned char)s[i + 1]))) {
            /* the two continuation bytes of a 汉字 in one step (any others one at a time) */
            if (i + 2 < len && (((unsigned char)s[i + 1] ^ 0x80) | ((unsigned char)s[i + 2] ^ 0x80)) < 0x40)
                i += 2;
            while (i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
                i++;
            continue;
        }
        uint32_t before = i ? sk_utf8_prev(s, i) : prev_cp;
        if (old_edition_before(s, i)) {
            /* the replaced edition's number, and the ones listed after it */
            while (i + 1 < len && (is_alnum(s[i + 1]) || s[i + 1] == '.' || (unsigned char)s[i + 1] >= 0x80) &&
                   !AT(s, len, i + 1, "）") && !AT(s, len, i + 1, "，") && !AT(s, len, i + 1, "；") &&
                   !AT(s, len, i + 1, "。"))
                i++;
            continue;
        }
        if (is_upper((char)c) && !(i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.'))) {
            /* another standard's number first: its digits are not clause numbers */
            if (sk_stdnum_match(s, len, i, &m->std)) {
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
            /* a quantity ("不低于1.5", "1.5米", "第1.2版") is not a reference: only a cue makes it one */
            size_t before_len = before < 0x80 ? 1 : before < 0x800 ? 2 : before < 0x10000 ? 3 : 4;
            int cue = sk_zh_cp_in(before, CUE_BEFORE) || (index_ctx && (sk_zh_cp_in(before, CUE_INDEX) || !before)) ||
                      (sk_zh_cp_in(before, CUE_LIST) && i >= before_len && i - before_len == prev_end) ||
                      sk_zh_starts_any(s, len, e, CUE_AFTER);
            if (cue && number_boundary_after(s, len, e) && !sk_zh_cp_in(after, UNIT_AFTER)) {
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
        if (AT(s, len, i, "第") && i + 3 < len && is_digit(s[i + 3])) {
            size_t p = i + 3;
            while (p < len && is_digit(s[p]))
                p++;
            if (AT(s, len, p, "章")) {
                m->is_std = 0;
                m->kind = SK_REF_CHAPTER;
                m->start = i;
                m->end = p + 3;
                set_num(m, s, i + 3, p);
                return 0;
            }
        } else if (AT(s, len, i, "附录") && i + 6 < len && is_upper(s[i + 6]) &&
                   !(i + 7 < len && is_alnum(s[i + 7])) && !(i + 7 < len && s[i + 7] == '.')) {
            m->is_std = 0;
            m->kind = SK_REF_ANNEX;
            m->start = i;
            m->end = i + 7;
            set_num(m, s, i + 6, i + 7);
            return 0;
        } else if ((AT(s, len, i, "表") || AT(s, len, i, "图")) && i + 3 < len) {
            int table = s[i + 1] == "表"[1] && s[i + 2] == "表"[2];
            if (sk_zh_cp_in(before, table ? WORD_BEFORE_TABLE : WORD_BEFORE_FIGURE))
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
        } else if (AT(s, len, i, "参考文献")) {
            /* 参考文献[3] (or ［3］): an entry of this standard's bibliography */
            size_t p = i + 12, open = s[p] == '[' ? 1 : AT(s, len, p, "［") ? 3 : 0;
            size_t n = open ? read_num(s, len, p + open, 0, 0) : 0;
            size_t q = p + open + n;
            size_t close = n && q < len ? (s[q] == ']' ? 1 : AT(s, len, q, "］") ? 3 : 0) : 0;
            if (close) {
                m->is_std = 0;
                m->kind = SK_REF_BIBLIO;
                m->start = i;
                m->end = q + close;
                set_num(m, s, p + open, q);
                return 0;
            }
        } else if (AT(s, len, i, "公式") ||
                   (AT(s, len, i, "式") && before != 0x516C /* 公 */ && sk_zh_cp_in(before, CUE_FORMULA))) {
            size_t p = i + (s[i + 1] == "公"[1] && s[i + 2] == "公"[2] ? 6 : 3), open = 0;
            if (AT(s, len, p, "（"))
                open = 3;
            else if (s[p] == '(')
                open = 1;
            if (open) {
                size_t n = read_num(s, len, p + open, 0, 1);
                size_t q = p + open + n;
                size_t close = AT(s, len, q, "）") ? 3 : (q < len && s[q] == ')') ? 1 : 0;
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
    int biblio_ctx;     /* an entry of 参考文献 */
    int index_ctx;      /* an entry of a written 索引 */
    sk_colmemo col;     /* the last column asked */
} resolver;

static const char *kind_key(sk_ref_kind k)
{
    switch (k) {
    case SK_REF_CHAPTER: return "ch";
    case SK_REF_ANNEX: return "an";
    case SK_REF_TABLE: return "tb";
    case SK_REF_FIGURE: return "fg";
    case SK_REF_FORMULA: return "fm";
    case SK_REF_BIBLIO: return "bib";
    default: return "cl";
    }
}

/* kind:num into key, cut to 47 bytes as snprintf "%s:%s" would (kind is short) */
static void num_key(char key[48], const char *kind, const char *num)
{
    size_t n = 0;
    for (; *kind && n < 47; kind++)
        key[n++] = *kind;
    if (n < 47)
        key[n++] = ':';
    for (; *num && n < 47; num++)
        key[n++] = *num;
    key[n] = '\0';
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
    else if (n->type == SK_N_ITEM && n->num[0])
        k = "bib";
    if (!k || !num || !*num)
        return;
    num_key(key, k, num);
    sk_map_put(&R->by_num, key, n);
}

static void build_index(resolver *R)
{
    sk_node *root = R->doc->root;
    /* assigned numbers first, then written ones: a reference means what the author
     * wrote (those nodes kept from the one walk, in document order) */
    sk_vec written = { 0 };
    for (sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        index_node(R, n, n->num);
        if (n->num_written)
            sk_vec_push(&written, n);
    }
    for (size_t i = 0; i < written.len; i++) {
        sk_node *n = written.items[i];
        index_node(R, n, n->num_written);
    }
    sk_vec_free(&written);
}

static int normative_before(const char *s, size_t pos)
{
    /* the clause the citation is in: back to the last ，。；： (at most 60 bytes) */
    size_t from = pos > 60 ? pos - 60 : 0, start = from;
    for (size_t i = from; i + 3 <= pos; i++)
        if (sk_zh_starts_any(s, pos, i, "，|。|；|："))
            start = i + 3;
    /* "见GB/T x", "参见…" cite for information, whatever the clause began with */
    if (pos >= start + 3 && !memcmp(s + pos - 3, "见", 3))
        return 0;
    size_t st, ml;
    if (sk_zh_modal_find(s + start, pos - start, 0, SK_MODAL_REQUIRE, &st, &ml))
        return 1;
    static const char *const cues[] = { "按", "符合", "依据", "遵照", "遵循", "执行", "满足", NULL };
    for (const char *const *c = cues; *c; c++)
        if (memmem(s + start, pos - start, *c, strlen(*c)))
            return 1;
    return 0;
}

/* "本文件按照GB/T 1.1—2020《……》的规定起草。" (or "本标准按照…给出的规则起草"): the number
 * at pos names the rules the document is drafted by (8.3), wherever the sentence is. */
static int drafting_sentence(const char *s, size_t len, size_t pos)
{
    static const char *const lead[] = { "本文件按照", "本标准按照", "本文件依据", "本标准依据", NULL };
    size_t k;
    int ok = 0;
    for (const char *const *l = lead; *l && !ok; l++) {
        size_t n = strlen(*l), p = pos;
        while (p > 0 && s[p - 1] == ' ')
            p--;
        ok = p >= n && !memcmp(s + p - n, *l, n);
    }
    if (!ok)
        return 0;
    const char *end = memmem(s + pos, len - pos, "。", 3);
    k = end ? (size_t)(end - s) : len;
    return memmem(s + pos, k - pos, "起草", 6) != NULL;
}

static void add_stdref(resolver *R, const sk_inline *in, const char *text, const sk_stdnum *sn, size_t off_in_run)
{
    sk_stdref *r = sk_calloc(1, sizeof *r);
    r->number = sk_strndup(text + sn->start, sn->end - sn->start);
    r->code = sk_strndup(text + sn->start, sn->code_end - sn->start);
    r->year = sn->year;
    r->dash_ok = sn->dash_ok;
    r->line = in->line;
    r->col = in->line ? sk_source_col_memo(R->doc->src, &R->col, in->line, (size_t)(in->byte_col - 1) + off_in_run) : 0;
    r->block = R->block;
    r->in_normref = R->normative_ctx;
    r->drafting = !R->normative_ctx && !R->biblio_ctx && drafting_sentence(text, strlen(text), sn->start);
    r->normative = !r->drafting && (R->normative_ctx || normative_before(text, sn->start));
    if (R->normative_ctx || R->biblio_ctx) { /* an entry: the title after the number ("（所有部分）…") */
        const char *t = text + sn->end;
        char *title = sk_strdup(t);
        r->title = sk_str_trim(title);
    }
    sk_vec_push(&R->doc->stdrefs, r);
}

/* Length of the part of another standard named right after its number: "的4.1",
 * "中表2", "第4章", "的附录B", "中4.1和4.2". 0 when no part is named. */
static size_t external_tail(const char *s, size_t len, size_t p)
{
    size_t q = p, end = p;
    for (int first = 1;; first = 0) {
        size_t r = q;
        if (first) {
            while (sk_zh_starts_any(s, len, r, "的|中"))
                r += 3;
        } else if (sk_zh_starts_any(s, len, r, "、|和|及|与|或|至|～")) {
            r += 3;
        } else {
            break;
        }
        size_t k = 0;
        if (sk_zh_starts_any(s, len, r, "第") && r + 3 < len && is_digit(s[r + 3])) {
            size_t e = r + 3;
            while (e < len && is_digit(s[e]))
                e++;
            if (sk_zh_starts_any(s, len, e, "章"))
                k = e + 3 - r;
        } else if (sk_zh_starts_any(s, len, r, "附录") && r + 6 < len && is_upper(s[r + 6])) {
            k = 7;
        } else if (sk_zh_starts_any(s, len, r, "表|图")) {
            size_t n = read_num(s, len, r + 3, 0, 1);
            k = n ? 3 + n : 0;
        } else if (r < len && (is_digit(s[r]) || is_upper(s[r]))) {
            k = read_num(s, len, r, 1, 1);
        }
        if (!k)
            break;
        end = q = r + k;
    }
    return end - p;
}

/* Scans one inline list, splitting text runs around references. */
static void scan_inlines(resolver *R, sk_inlines *l)
{
    /* out is started at the first reference, with the runs before it: a list with
     * none (most) stays as it is */
    sk_inlines out = { 0 };
    int split = 0;
    uint32_t prev_cp = 0;
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_TEXT || (in->flags & SK_F_CODE)) {
            if (split)
                sk_inline_push(&out, in);
            prev_cp = 0;
            continue;
        }
        const char *s = in->text;
        size_t len = strlen(s), pos = 0, from = 0, prev_end = SIZE_MAX;
        match m;
        int any = 0;
        while (from < len && next_match(s, len, from, prev_cp, prev_end, R->index_ctx, &m) == 0) {
            any = 1;
            for (; !split; split = 1)
                for (size_t j = 0; j < i; j++)
                    sk_inline_push(&out, &l->v[j]);
            if (m.start > pos) {
                sk_inline t = *in;
                t.text = sk_strndup(s + pos, m.start - pos);
                t.target = NULL;
                t.byte_col = in->byte_col + (int)pos;
                t.col = in->line ? sk_source_col_memo(R->doc->src, &R->col, in->line, (size_t)(t.byte_col - 1)) : 0;
                sk_inline_push(&out, &t);
            }
            sk_inline r = *in;
            r.byte_col = in->byte_col + (int)m.start;
            r.col = in->line ? sk_source_col_memo(R->doc->src, &R->col, in->line, (size_t)(r.byte_col - 1)) : 0;
            r.text = sk_strndup(s + m.start, m.end - m.start);
            if (m.is_std) {
                r.type = SK_I_STDREF;
                r.target = sk_strndup(s + m.start, m.std.code_end - m.start);
                add_stdref(R, in, s, &m.std, m.start);
                prev_end = SIZE_MAX;
            } else {
                r.type = SK_I_REF;
                r.ref_kind = m.kind;
                r.target = sk_strdup(m.num);
                prev_end = m.end;
            }
            sk_inline_push(&out, &r);
            pos = from = m.end;
            /* a clause, table … of that other standard is not a reference into this one */
            size_t tail = m.is_std ? external_tail(s, len, m.end) : 0;
            if (tail && m.std.year < 0) {
                int col = in->line ? sk_source_col_memo(R->doc->src, &R->col, in->line, (size_t)(in->byte_col - 1) + m.end) : 0;
                sk_diag *dg = sk_diag_emit(R->d, SK_R_STDREF_UNDATED, R->doc->src->path, in->line, col,
                                           "\"%.*s\" names a part of %.*s, which is cited without its year",
                                           (int)tail, s + m.end, (int)(m.end - m.start), s + m.start);
                sk_diag_hint(dg, "a reference to a chapter, clause, table or figure of another document is dated: "
                                 "write %.*s—YYYY", (int)(m.end - m.start), s + m.start);
            }
            from += tail;
        }
        uint32_t last_cp = len ? sk_utf8_prev(s, len) : prev_cp;
        if (!any) {
            if (split)
                sk_inline_push(&out, in);
        } else {
            if (pos < len) {
                sk_inline t = *in;
                t.text = sk_strdup(s + pos);
                t.target = NULL;
                t.byte_col = in->byte_col + (int)pos;
                t.col = in->line ? sk_source_col_memo(R->doc->src, &R->col, in->line, (size_t)(t.byte_col - 1)) : 0;
                sk_inline_push(&out, &t);
            }
            free(in->text);
            free(in->target);
        }
        prev_cp = last_cp; /* s may be freed by now */
    }
    if (split) {
        free(l->v);
        *l = out;
    }
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
        num_key(key, kind_key(in->ref_kind), in->target);
        in->node = sk_map_get(&R->by_num, key);
        if (!in->node && in->ref_kind == SK_REF_CLAUSE) {
            /* "见5" is not matched; "见5.2" may name a chapter written with a dot? no: try terms too */
            num_key(key, "ch", in->target);
            in->node = sk_map_get(&R->by_num, key);
        }
        if (!in->node && in->ref_kind == SK_REF_FORMULA)
            continue; /* formulas are numbered once their citations are known: sk_number_formulas */
        if (!in->node) {
            static const char *what[] = { "", "clause", "chapter", "annex", "table", "figure", "formula",
                                          "bibliography entry" };
            sk_diag *dg = sk_diag_emit(R->d, SK_R_REF_MISSING, file, in->line, in->col,
                                       "reference to %s %s, but this standard has no %s %s", what[in->ref_kind],
                                       in->text, what[in->ref_kind], in->target);
            sk_diag_hint(dg, "correct the number, or link with [](#id) so the reference follows its target");
        }
    }
}

static sk_inlines *block_inlines(sk_node *n)
{
    return (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE || n->type == SK_N_WHERE_ITEM ||
            n->type == SK_N_FOOTNOTE)
               ? &n->in
               : NULL;
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
        R.biblio_ctx = top->type == SK_N_SECTION && top->sect == SK_S_BIBLIO && n->type == SK_N_PARA && n->parent &&
                       n->parent->type == SK_N_ITEM;
        R.index_ctx = top->type == SK_N_SECTION && top->sect == SK_S_INDEX;
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
