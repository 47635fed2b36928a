#include "check/refs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "text/stdnum.h"
#include "text/zh.h"

/* ---------- checks over the resolved references ---------- */

typedef struct xctx {
    const sk_doc *doc;
    const sk_catalog *cat;
    const sk_catalog_index *ix;
    sk_diags *d;
    const char *file;
} xctx;

/* ----- 9.6 every annex referred to, in the order of first reference ----- */

typedef struct annex_use {
    const sk_node *annex[64];
    int first[64];    /* order of the first reference, 0 = none */
    int line[64];
    size_t n;
    int counter;
} annex_use;

static void note_annex_ref(const sk_node *block, const sk_inline *in, void *arg)
{
    annex_use *U = arg;
    if (in->type != SK_I_REF || !in->node)
        return;
    const sk_node *from = sk_node_top(block), *to = sk_node_top(in->node);
    if (!to || to->sect != SK_S_ANNEX || (from && from->sect == SK_S_ANNEX))
        return;
    for (size_t i = 0; i < U->n; i++)
        if (U->annex[i] == to && !U->first[i]) {
            U->first[i] = ++U->counter;
            U->line[i] = in->line ? in->line : block->line;
        }
}

/* The annexes (the first 64), before the references are read. */
static void annex_use_init(annex_use *U, const sk_doc *doc)
{
    memset(U, 0, sizeof *U);
    for (const sk_node *n = doc->root->first; n && U->n < 64; n = n->next)
        if (n->type == SK_N_SECTION && n->sect == SK_S_ANNEX)
            U->annex[U->n++] = n;
}

/* U: the annexes and their first references (note_annex_ref over every run). */
static void check_annex_refs(xctx *X, const annex_use *U0)
{
    const annex_use U = *U0;
    if (!U.n)
        return;
    int max = 0;
    size_t max_i = 0;
    for (size_t i = 0; i < U.n; i++) {
        const sk_node *a = U.annex[i];
        if (!U.first[i]) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_ANNEX_UNCITED, X->file, a->line, 1,
                                       "附录%s is not referred to in the text", a->num);
            sk_diag_hint(dg, "refer to it where it applies: \"按附录%s\" (normative) or \"见附录%s\" (informative)",
                         a->num, a->num);
            continue;
        }
        if (U.first[i] < max) {
            const sk_node *b = U.annex[max_i];
            sk_diag *dg = sk_diag_emit(X->d, SK_R_ANNEX_ORDER, X->file, a->line, 1,
                                       "附录%s is first referred to on line %d, before 附录%s (line %d)", a->num,
                                       U.line[i], b->num, U.line[max_i]);
            sk_diag_hint(dg, "annexes follow the order in which the text first refers to them: move this annex up");
        } else {
            max = U.first[i];
            max_i = i;
        }
    }
}

/* ----- anchors that nothing refers to ----- */

static void note_target(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    if (in->type == SK_I_REF && in->node) {
        char key[32];
        snprintf(key, sizeof key, "%p", (const void *)in->node);
        sk_map_put(arg, key, (void *)in->node);
    }
}

/* used: the nodes references resolve to (note_target over every run); freed. */
static void check_unused_anchors(xctx *X, sk_map used)
{
    const sk_node *root = X->doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (!n->id || sk_map_get(&X->doc->anchors, n->id) != n)
            continue;
        const sk_node *top = sk_node_top(n);
        /* term entries are used by being the terms; annexes have annex-uncited; forms are filled by stdform */
        if (n->sect == SK_S_TERM || n->sect == SK_S_ANNEX || (top && top->form))
            continue;
        char key[32];
        snprintf(key, sizeof key, "%p", (const void *)n);
        if (sk_map_get(&used, key))
            continue;
        char *label = sk_display_label(n);
        sk_diag *dg = sk_diag_emit(X->d, SK_R_ANCHOR_UNUSED, X->file, n->line, 1,
                                   "anchor '#%s' on %s is never referred to", n->id, label);
        sk_diag_hint(dg, "refer to it with [](#%s), or drop the anchor; a link with a misspelt anchor may be meant "
                         "for it", n->id);
        free(label);
    }
    sk_map_free(&used);
}

typedef struct refs_use {
    annex_use annexes;
    sk_map used;
} refs_use;

static void note_refs(const sk_node *block, const sk_inline *in, void *arg)
{
    refs_use *R = arg;
    if (R->annexes.n)
        note_annex_ref(block, in, &R->annexes);
    note_target(block, in, &R->used);
}

static sk_sect where_sect(const sk_stdref *r)
{
    const sk_node *top = r->block ? sk_node_top(r->block) : NULL;
    return top ? top->sect : SK_S_NONE;
}

/* A citation in the text proper (not 前言, 引言, chapter 2 or 参考文献, nor the
 * drafting-rules sentence wherever it is). */
static int in_text(const sk_stdref *r)
{
    sk_sect s = where_sect(r);
    return !r->in_normref && !r->drafting && s != SK_S_FOREWORD && s != SK_S_INTRO && s != SK_S_BIBLIO && s != SK_S_NORMREF;
}

/* Cited normatively: in a requirement, or in the lead-in of 术语和定义 ("GB/T x界定的…适用于本文件"). */
static int cited_normatively(const sk_stdref *r)
{
    if (r->normative)
        return 1;
    return r->block && r->block->parent && r->block->parent->type == SK_N_SECTION &&
           r->block->parent->sect == SK_S_TERMS;
}

/* The entries of chapter 2 or of 参考文献 by the key of their code. A citation
 * matches an entry of the same code, or of a part of an entry "（所有部分）"; as
 * look-ups, a citation finds its entries without a scan of every citation. */
typedef struct bucket {
    sk_vec idx; /* indexes into doc->stdrefs, in text order */
    int marked; /* every entry of it already marked cited */
} bucket;
typedef struct entry_ix {
    sk_map exact; /* key -> bucket */
    sk_map parts; /* key of an entry "（所有部分）" -> bucket */
    sk_vec buckets;
} entry_ix;

static void ix_add(entry_ix *I, sk_map *m, const char *key, size_t i)
{
    bucket *b = sk_map_get(m, key);
    if (!b) {
        b = sk_calloc(1, sizeof *b);
        sk_map_put(m, key, b);
        sk_vec_push(&I->buckets, b);
    }
    sk_vec_push(&b->idx, (void *)(uintptr_t)i);
}

static void ix_build(entry_ix *I, const sk_doc *doc, sk_sect where)
{
    sk_map_init(&I->exact);
    sk_map_init(&I->parts);
    I->buckets = (sk_vec){ 0 };
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *e = doc->stdrefs.items[i];
        int is_entry = where == SK_S_NORMREF ? e->in_normref
                                             : (where_sect(e) == SK_S_BIBLIO && e->block && e->block->parent &&
                                                e->block->parent->type == SK_N_ITEM);
        if (!is_entry)
            continue;
        char *k = sk_stdnum_key(e->code);
        ix_add(I, &I->exact, k, i);
        if (e->title && strstr(e->title, "所有部分") == e->title + (e->title[0] == '\xEF' ? 3 : 0))
            ix_add(I, &I->parts, k, i);
        free(k);
    }
}

static void ix_free(entry_ix *I)
{
    for (size_t i = 0; i < I->buckets.len; i++) {
        bucket *b = I->buckets.items[i];
        sk_vec_free(&b->idx);
        free(b);
    }
    sk_vec_free(&I->buckets);
    sk_map_free(&I->exact);
    sk_map_free(&I->parts);
}

/* Calls fn on each bucket whose entries code matches: its own key, and every
 * part-prefix of it ("GB/T 1" of "GB/T 1.1.2") among the entries of all parts. */
static void ix_each(entry_ix *I, const char *code, void (*fn)(bucket *, void *), void *arg)
{
    char *k = sk_stdnum_key(code);
    bucket *b = sk_map_get(&I->exact, k);
    if (b)
        fn(b, arg);
    if (I->parts.len)
        for (size_t n = strlen(k); n-- > 0;)
            if (k[n] == '.') {
                k[n] = '\0';
                if ((b = sk_map_get(&I->parts, k)))
                    fn(b, arg);
            }
    free(k);
}

static void first_of(bucket *b, void *arg)
{
    size_t *first = arg, i = (size_t)(uintptr_t)b->idx.items[0];
    if (i < *first)
        *first = i;
}

/* The first entry (in text order) that a citation of code matches, or NULL. */
static const sk_stdref *listed_in(const sk_doc *doc, entry_ix *I, const char *code)
{
    size_t first = (size_t)-1;
    ix_each(I, code, first_of, &first);
    return first == (size_t)-1 ? NULL : doc->stdrefs.items[first];
}

static void mark_cited(bucket *b, void *arg)
{
    char *cited = arg;
    if (b->marked)
        return;
    for (size_t i = 0; i < b->idx.len; i++)
        cited[(size_t)(uintptr_t)b->idx.items[i]] = 1;
    b->marked = 1;
}

/* Is number one of the system's own standards (by the system's code or number pattern)? */
static int own_number(const sk_catalog *cat, const sk_stdref *r)
{
    if (!cat || !cat->sys)
        return 0;
    const char *code = cat->sys->code;
    size_t n = code ? strlen(code) : 0;
    if (n && !strncmp(r->number, code, n) && (r->number[n] == '/' || r->number[n] == ' '))
        return 1;
    sk_numparts p;
    return sk_system_match_number(cat->sys, r->number, &p) == 0;
}

/* Who replaces the withdrawn standard e: its replaced_by, or the entry that says it replaces it. */
static const char *replacement_of(const sk_catalog_index *ix, const sk_entry *e)
{
    if (e->meta->str[SK_META_REPLACED_BY])
        return e->meta->str[SK_META_REPLACED_BY];
    return sk_map_get(&ix->replaced, e->meta->str[SK_META_NUMBER]);
}

/* Checks a citation of one of the system's standards against the catalog.
 * Returns 0 when the cited code is not in the system at all. */
static int check_own_citation(xctx *X, const sk_stdref *r)
{
    const char *self = X->doc->meta ? X->doc->meta->str[SK_META_NUMBER] : NULL;
    char *want = sk_stdnum_key(r->code);
    const sk_vec *v = sk_map_get(&X->ix->by_code, want);
    free(want);
    const sk_entry *exact = NULL, *same = NULL;
    for (size_t i = 0; v && i < v->len; i++) {
        const sk_entry *e = v->items[i];
        const sk_meta *m = e->meta;
        int year;
        free(sk_stdnum_code(m->str[SK_META_NUMBER], &year));
        if (r->year >= 0 && year == r->year)
            exact = e;
        if (!same || (same->meta->status == SK_STATUS_WITHDRAWN && m->status != SK_STATUS_WITHDRAWN))
            same = e;
    }
    if (!same)
        return 0;
    if (self && exact && !strcmp(self, exact->meta->str[SK_META_NUMBER]))
        return 1;
    sk_sect w = where_sect(r);
    int history = w == SK_S_FOREWORD || w == SK_S_INTRO; /* 前言 names replaced editions */
    if (r->year >= 0 && !exact) {
        if (!history) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_STDREF_YEAR, X->file, r->line, r->col,
                                       "%s: the system has %s, not the %d edition", r->number,
                                       same->meta->str[SK_META_NUMBER], r->year);
            sk_diag_hint(dg, "cite %s, or leave the year out to cite the latest edition", same->meta->str[SK_META_NUMBER]);
        }
        return 1;
    }
    const sk_entry *e = exact ? exact : same;
    if (e->meta->status == SK_STATUS_WITHDRAWN && !history && w != SK_S_BIBLIO) {
        const char *by = replacement_of(X->ix, e);
        sk_diag *dg = sk_diag_emit(X->d, SK_R_STDREF_WITHDRAWN, X->file, r->line, r->col,
                                   "%s is withdrawn%s%s", r->number, by ? "; it is replaced by " : "", by ? by : "");
        if (by)
            sk_diag_hint(dg, "cite %s instead", by);
        else
            sk_diag_hint(dg, "cite the standard that took its place, or drop the reference");
    }
    return 1;
}

/* Is the capitals run code[0..n) one of prefixes (a "|"-separated list)? */
static int prefix_in(const char *code, size_t n, const char *prefixes)
{
    for (const char *p = prefixes; *p;) {
        const char *e = strchr(p, '|');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && !strncmp(code, p, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* 8.6.3, the order of chapter 2: national standards (GB, GB/T, GB/Z) → sector (行业) →
 * local (DB41) → association (T/) → ISO → ISO/IEC → IEC → other international and
 * regional bodies (EN, ITU, IEEE …) → other countries' national standards (JIS, ANSI,
 * BS, DIN …) → other documents. */
enum { NR_NATIONAL, NR_SECTOR, NR_LOCAL, NR_GROUP, NR_ISO, NR_ISO_IEC, NR_IEC, NR_BODY, NR_COUNTRY, NR_OTHER };

/* The sector codes of China's 行业标准 (written "JR/T 0326", "YD 5003"). */
#define SECTOR_CODES "AQ|BB|CB|CH|CJ|CY|DA|DB|DL|DZ|EJ|FZ|GA|GC|GD|GH|GM|GY|HB|HG|HJ|HS|HY|JB|JC|JG|JJF|JJG|JR|" \
                     "JT|JY|LB|LD|LS|LY|MH|MT|MZ|NB|NY|QB|QC|QJ|QX|RB|SB|SC|SF|SH|SJ|SL|SN|SW|SY|TB|TD|TY|WB|WH|" \
                     "WJ|WM|WS|WW|XB|XF|YB|YC|YD|YS|YY|YZ|ZY"
#define BODY_CODES "EN|CEN|CENELEC|ETSI|ITU|CIE|OIML|IMO|ICAO|CAC|IEEE|ASTM|ASME|API|SAE|UL|NFPA|IETF|ECMA|W3C"
#define COUNTRY_CODES "JIS|ANSI|BS|DIN|NF|KS|AS|CSA|GOST|UNE|UNI|NEN|SS|SN|SIS|DS|NS|SFS|ONORM|AS/NZS"

static int normref_rank(const char *code)
{
    size_t letters = 0;
    while (code[letters] >= 'A' && code[letters] <= 'Z')
        letters++;
    char after = code[letters];
    if (letters == 2 && !strncmp(code, "GB", 2))
        return NR_NATIONAL;
    if (!strncmp(code, "ISO/IEC", 7))
        return NR_ISO_IEC;
    if (letters == 3 && !strncmp(code, "ISO", 3))
        return NR_ISO;
    if (letters == 3 && !strncmp(code, "IEC", 3))
        return NR_IEC;
    if (letters == 2 && !strncmp(code, "DB", 2) && after >= '0' && after <= '9')
        return NR_LOCAL;
    if (letters == 1 && after == '/' && code[0] == 'T')
        return NR_GROUP;
    if (prefix_in(code, letters, SECTOR_CODES) && (after == ' ' || after == '/'))
        return NR_SECTOR;
    if (prefix_in(code, letters, BODY_CODES))
        return NR_BODY;
    if (prefix_in(code, letters, COUNTRY_CODES))
        return NR_COUNTRY;
    if (letters == 2 && after == '/' && (code[3] == 'T' || code[3] == 'Z') && (code[4] == ' ' || code[4] == '/'))
        return NR_SECTOR; /* a sector code not in the list: "XX/T 1" is China's */
    return NR_OTHER;
}

/* Compares two codes: prefix as text (national and ISO/IEC by number only), then the number part by part. */
static int normref_cmp(const char *a, const char *b, int rank)
{
    char *ka = sk_stdnum_key(a), *kb = sk_stdnum_key(b);
    const char *pa = ka, *pb = kb;
    while (*pa && !(*pa >= '0' && *pa <= '9'))
        pa++;
    while (*pb && !(*pb >= '0' && *pb <= '9'))
        pb++;
    int c = 0;
    if (rank != NR_NATIONAL && rank != NR_ISO && rank != NR_ISO_IEC && rank != NR_IEC) {
        size_t la = (size_t)(pa - ka), lb = (size_t)(pb - kb);
        c = strncmp(ka, kb, la < lb ? la : lb);
        if (!c)
            c = (la > lb) - (la < lb);
    }
    while (!c && (*pa || *pb)) {
        long x = strtol(pa, (char **)&pa, 10), y = strtol(pb, (char **)&pb, 10);
        c = (x > y) - (x < y);
        if (!c) {
            if (*pa == '.' && *pb == '.') {
                pa++;
                pb++;
            } else {
                c = (*pa != '\0') - (*pb != '\0');
                break;
            }
        }
    }
    free(ka);
    free(kb);
    return c;
}

/* 8.6: a chapter 2 entry names the document by its title; for a standard of the
 * system that is the title its front matter gives. */
static void check_normref_title(xctx *X, const sk_stdref *e)
{
    const sk_vec *v = sk_catalog_index_number(X->ix, e->number);
    if (!v || !v->len || !e->title || !*e->title)
        return;
    const sk_entry *ce = v->items[0];
    const char *title = ce->meta ? ce->meta->str[SK_META_TITLE] : NULL;
    if (!title)
        return;
    char *a = sk_zh_squeeze(e->title), *b = sk_zh_squeeze(title);
    if (strcmp(a, b)) {
        sk_diag *dg = sk_diag_emit(X->d, SK_R_NORMREF_TITLE, X->file, e->line, e->col,
                                   "%s is listed as \"%s\", but its title is \"%s\"", e->number, e->title, title);
        sk_diag_hint(dg, "write \"- %s\xE3\x80\x80%s\" (the title in %s)", e->number, title, ce->path);
    }
    free(a);
    free(b);
}

static void check_normref_order(xctx *X)
{
    const sk_stdref *prev = NULL;
    for (size_t i = 0; i < X->doc->stdrefs.len; i++) {
        const sk_stdref *e = X->doc->stdrefs.items[i];
        if (!e->in_normref)
            continue;
        if (prev) {
            int ra = normref_rank(prev->code), rb = normref_rank(e->code);
            if (rb < ra || (rb == ra && normref_cmp(prev->code, e->code, ra) > 0)) {
                sk_diag *dg = sk_diag_emit(X->d, SK_R_NORMREF_ORDER, X->file, e->line, e->col,
                                           "%s is listed after %s; it comes before it", e->code, prev->code);
                sk_diag_hint(dg, "list GB, GB/T and GB/Z by number, then sector, local and association standards "
                                 "by code and number, then ISO, ISO/IEC, IEC, then other international and regional "
                                 "bodies (EN, ITU …), other countries' standards (JIS, ANSI …), other documents");
                return;
            }
        }
        prev = e;
    }
}

static void check_stdrefs(xctx *X)
{
    const sk_doc *doc = X->doc;
    entry_ix normref, biblio;
    ix_build(&normref, doc, SK_S_NORMREF);
    ix_build(&biblio, doc, SK_S_BIBLIO);
    char *cited = sk_calloc(doc->stdrefs.len + 1, 1);
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *r = doc->stdrefs.items[i];
        if (in_text(r))
            ix_each(&normref, r->code, mark_cited, cited);
        if (r->year >= 0 && !r->dash_ok) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_STDREF_DASH, X->file, r->line, r->col,
                                       "%s joins the year with a hyphen, not an em dash", r->number);
            sk_diag_hint(dg, "write %s—%d (U+2014 EM DASH)", r->code, r->year);
        }
        int own = own_number(X->cat, r);
        if (own && !check_own_citation(X, r)) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_STDREF_UNKNOWN, X->file, r->line, r->col,
                                       "%s is not a standard of the system", r->number);
            sk_diag_hint(dg, "check the number against %s", X->cat->sys->path);
            continue;
        }
        if (!in_text(r))
            continue;
        int normative = cited_normatively(r);
        int in_ch2 = listed_in(doc, &normref, r->code) != NULL;
        if (normative && !in_ch2) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_NORMREF_MISSING, X->file, r->line, r->col,
                                       "%s is cited normatively but not listed in 规范性引用文件", r->number);
            sk_diag_hint(dg, "add \"- %s　title\" to chapter 2, or cite it informatively (见%s)", r->number, r->number);
        } else if (!own && !in_ch2 && !listed_in(doc, &biblio, r->code)) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_STDREF_UNKNOWN, X->file, r->line, r->col,
                                       "%s is neither a standard of the system nor listed in 规范性引用文件 or 参考文献",
                                       r->number);
            sk_diag_hint(dg, "list it in 参考文献 (informative) or in 规范性引用文件 (normative)");
        }
    }
    /* every entry of chapter 2 is cited in the text */
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *e = doc->stdrefs.items[i];
        if (!e->in_normref)
            continue;
        if (!cited[i]) {
            sk_diag *dg = sk_diag_emit(X->d, SK_R_NORMREF_UNCITED, X->file, e->line, e->col,
                                       "%s is listed in 规范性引用文件 but not cited in the text", e->number);
            sk_diag_hint(dg, "cite it where it applies (\"应符合%s的规定\"), or remove it from chapter 2", e->number);
        }
        check_normref_title(X, e);
    }
    check_normref_order(X);
    free(cited);
    ix_free(&normref);
    ix_free(&biblio);
}

void sk_refs_check(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *d)
{
    xctx X = { doc, ix ? ix->cat : NULL, ix, d, doc->src->path };
    /* the runs read once for both checks (a walk of a large tree is slow) */
    refs_use R;
    annex_use_init(&R.annexes, doc);
    sk_map_init(&R.used);
    sk_doc_each_inline(doc, note_refs, &R);
    check_annex_refs(&X, &R.annexes);
    check_unused_anchors(&X, R.used);
    check_stdrefs(&X);
}
