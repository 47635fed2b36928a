#include "model/diff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "text/stdnum.h"
#include "text/zh.h"

/* ---------- a map from pointers ---------- */

typedef struct pmap {
    const void **k;
    void **v;
    size_t cap, len;
} pmap;

static size_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static void pmap_free(pmap *m)
{
    free(m->k);
    free(m->v);
    memset(m, 0, sizeof *m);
}

static void pmap_put(pmap *m, const void *key, void *val)
{
    if ((m->len + 1) * 2 > m->cap) {
        pmap old = *m;
        m->cap = m->cap ? m->cap * 2 : 64;
        m->k = sk_calloc(m->cap, sizeof *m->k);
        m->v = sk_calloc(m->cap, sizeof *m->v);
        m->len = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.k[i])
                pmap_put(m, old.k[i], old.v[i]);
        free(old.k);
        free(old.v);
    }
    size_t i = ptr_hash(key) & (m->cap - 1);
    while (m->k[i] && m->k[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (!m->k[i])
        m->len++;
    m->k[i] = key;
    m->v[i] = val;
}

static void *pmap_get(const pmap *m, const void *key)
{
    if (!m->cap || !key)
        return NULL;
    size_t i = ptr_hash(key) & (m->cap - 1);
    while (m->k[i]) {
        if (m->k[i] == key)
            return m->v[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

/* ---------- hashing and text ---------- */

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define FNV0 0xcbf29ce484222325ULL

static uint64_t hash_str(const char *s, uint64_t h)
{
    return fnv(s, strlen(s), h);
}

/* The text of a run as it prints (references with the number they show). */
static char *run_text(const sk_inline *in)
{
    switch (in->type) {
    case SK_I_REF:
        return sk_display_ref(in);
    case SK_I_FIELD:
        return sk_asprintf("{{%s}}", in->text ? in->text : "");
    case SK_I_MATH:
        return sk_asprintf("$%s$", in->text ? in->text : "");
    case SK_I_LINEBREAK:
        return sk_strdup("\n");
    case SK_I_LINK:
        return sk_strdup(in->text && *in->text ? in->text : in->target ? in->target : "");
    default:
        return sk_strdup(in->text ? in->text : "");
    }
}

/* Runs whose text is compared character by character (the others are one piece). */
static int run_split(const sk_inline *in)
{
    return in->type == SK_I_TEXT || in->type == SK_I_STDREF || in->type == SK_I_SOFTBREAK || in->type == SK_I_INDEX;
}

/* The text runs compare by. A form field ({{name}}) prints as a blank in the
 * standard, so it adds nothing: a blank cell of an edition that exists only as
 * Word (read back by stdimport) is the same cell as one holding a field. */
static void put_runs(sk_buf *b, const sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        if (in->type == SK_I_FIELD)
            continue;
        if (in->type == SK_I_TEXT || in->type == SK_I_STDREF || in->type == SK_I_SOFTBREAK || in->type == SK_I_INDEX) {
            if (in->text)
                sk_buf_puts(b, in->text); /* the common case: no copy */
            continue;
        }
        char *t = run_text(in);
        sk_buf_puts(b, t);
        free(t);
    }
}

/* The text of a block and what is inside it, as printed (sections: their own
 * blocks, not their sub-clauses). */
static void block_text(sk_buf *b, const sk_node *x)
{
    const sk_node *n = x;
    while (n) {
        int descend = 1;
        if (n != x && n->type == SK_N_SECTION) {
            descend = 0;
        } else {
            switch (n->type) {
            case SK_N_PARA:
            case SK_N_NOTE:
            case SK_N_EXAMPLE:
                if (n->type != SK_N_PARA)
                    sk_buf_puts(b, n->type == SK_N_NOTE ? "注：" : "示例：");
                put_runs(b, &n->in);
                sk_buf_putc(b, '\n');
                break;
            case SK_N_WHERE_ITEM:
                sk_buf_puts(b, n->src ? n->src : "");
                sk_buf_puts(b, "——");
                put_runs(b, &n->in);
                sk_buf_putc(b, '\n');
                break;
            case SK_N_TABLE:
                sk_buf_printf(b, "表：%s\n", n->caption ? n->caption : "");
                for (size_t r = 0; n->table && r < n->table->nrows; r++) {
                    for (int c = 0; c < n->table->ncols; c++) {
                        put_runs(b, &n->table->rows[r].cells[c].in);
                        sk_buf_putc(b, '\x1f');
                    }
                    sk_buf_putc(b, '\n');
                }
                break;
            case SK_N_FIGURE:
                sk_buf_printf(b, "图：%s %s\n", n->caption ? n->caption : "", n->src ? n->src : "");
                break;
            case SK_N_FORMULA:
            case SK_N_CODE: {
                char *q = sk_zh_squeeze(n->src ? n->src : "");
                sk_buf_printf(b, "%s%s\n", n->type == SK_N_FORMULA ? "$$" : "```", q);
                free(q);
                break;
            }
            case SK_N_CUT:
                sk_buf_puts(b, "***\n");
                break;
            default:
                break;
            }
        }
        n = sk_node_walk_next(x, n, descend);
    }
}

static uint64_t block_hash(const sk_node *n)
{
    sk_buf b;
    sk_buf_init(&b);
    block_text(&b, n);
    uint64_t h = fnv(&n->type, sizeof n->type, FNV0);
    h = fnv(b.data ? b.data : "", b.len, h);
    sk_buf_free(&b);
    return h;
}

/* ---------- similarity: character bigrams ---------- */

typedef struct shingles {
    uint32_t *v;
    size_t n;
} shingles;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == 0x1f;
}

static void shingles_of(shingles *s, const char *t)
{
    size_t len = strlen(t), cap = 16;
    s->v = sk_malloc(cap * sizeof *s->v);
    s->n = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = sk_utf8_decode(t + i, len - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        if (is_space_cp(cp))
            continue;
        if (s->n == cap) {
            cap *= 2;
            s->v = sk_realloc(s->v, cap * sizeof *s->v);
        }
        s->v[s->n++] = (uint32_t)((prev * 2654435761u) ^ (cp * 40503u + 17));
        prev = cp;
    }
    qsort(s->v, s->n, sizeof *s->v, cmp_u32);
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!w || s->v[w - 1] != s->v[i])
            s->v[w++] = s->v[i];
    s->n = w;
}

static double dice(const shingles *a, const shingles *b)
{
    if (!a->n || !b->n)
        return 0;
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i] == b->v[j])
            common++, i++, j++;
        else if (a->v[i] < b->v[j])
            i++;
        else
            j++;
    }
    return 2.0 * (double)common / (double)(a->n + b->n);
}

static double text_similarity(const char *a, const char *b)
{
    shingles x, y;
    shingles_of(&x, a);
    shingles_of(&y, b);
    double d = dice(&x, &y);
    free(x.v);
    free(y.v);
    return d;
}

static double node_similarity(const sk_node *a, const sk_node *b)
{
    sk_buf x, y;
    sk_buf_init(&x);
    sk_buf_init(&y);
    block_text(&x, a);
    block_text(&y, b);
    double d = text_similarity(x.data ? x.data : "", y.data ? y.data : "");
    sk_buf_free(&x);
    sk_buf_free(&y);
    return d;
}

/* ---------- the edit script ---------- */

enum { E_EQ, E_DEL, E_INS };

/* The shortest edit script from a[0..n) to b[0..m) (Myers), one op per element;
 * its length goes to *len. Past SK_DIFF_MAX_D edits the middle is replaced whole. */
static unsigned char *script(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t *len)
{
    unsigned char *ops = sk_malloc(n + m + 1);
    size_t k = 0, pre = 0, suf = 0;
    while (pre < n && pre < m && a[pre] == b[pre])
        pre++;
    while (suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf])
        suf++;
    memset(ops, E_EQ, pre);
    k = pre;
    const uint64_t *A = a + pre, *B = b + pre;
    long N = (long)(n - pre - suf), M = (long)(m - pre - suf);
    long maxd = N + M < SK_DIFF_MAX_D ? N + M : SK_DIFF_MAX_D;
    long *trace = NULL, *V = NULL;
    long found = -1;
    if (N && M) {
        /* trace[d] holds V after step d for diagonals -d..d: (d+1)^2 entries */
        size_t tcap = 0;
        V = sk_calloc((size_t)(2 * maxd + 3), sizeof *V);
        long off = maxd + 1;
        for (long d = 0; d <= maxd && found < 0; d++) {
            size_t need = (size_t)(d + 1) * (size_t)(d + 1);
            if (need > tcap) {
                tcap = need * 2;
                trace = sk_realloc(trace, tcap * sizeof *trace);
            }
            for (long kk = -d; kk <= d; kk += 2) {
                long x;
                if (kk == -d || (kk != d && V[off + kk - 1] < V[off + kk + 1]))
                    x = V[off + kk + 1];
                else
                    x = V[off + kk - 1] + 1;
                long y = x - kk;
                while (x < N && y < M && A[x] == B[y])
                    x++, y++;
                V[off + kk] = x;
                if (x >= N && y >= M)
                    found = d;
            }
            long *row = trace + d * d;
            for (long kk = -d; kk <= d; kk++)
                row[kk + d] = V[off + kk];
        }
    }
    if (!N || !M || found < 0) {
        memset(ops + k, E_DEL, (size_t)N);
        k += (size_t)N;
        memset(ops + k, E_INS, (size_t)M);
        k += (size_t)M;
    } else {
        /* walk back from (N, M), writing the middle's ops from its end */
        size_t mid = (size_t)(N + M), w = mid;
        unsigned char *tmp = sk_malloc(mid + 1);
        long x = N, y = M;
        for (long d = found; d > 0; d--) {
            const long *prev = trace + (d - 1) * (d - 1);
            long kk = x - y, pk;
            if (kk == -d || (kk != d && prev[kk - 1 + (d - 1)] < prev[kk + 1 + (d - 1)]))
                pk = kk + 1;
            else
                pk = kk - 1;
            long px = prev[pk + (d - 1)], py = px - pk;
            long sx = pk == kk + 1 ? px : px + 1; /* after the edit: down (insert) or right (delete) */
            while (x > sx) {
                tmp[--w] = E_EQ;
                x--, y--;
            }
            tmp[--w] = pk == kk + 1 ? E_INS : E_DEL;
            x = px;
            y = py;
        }
        while (x > 0 && y > 0) {
            tmp[--w] = E_EQ;
            x--, y--;
        }
        memcpy(ops + k, tmp + w, mid - w);
        k += mid - w;
        free(tmp);
    }
    free(trace);
    free(V);
    memset(ops + k, E_EQ, suf);
    k += suf;
    *len = k;
    return ops;
}

/* ---------- runs compared ---------- */

typedef struct tok {
    uint64_t h;
    const sk_inline *in; /* NULL for a plain text */
    const char *text;    /* the piece (in the run's text, or the plain text) */
    size_t len;
    int whole;
} tok;

typedef struct toks {
    tok *v;
    size_t n, cap;
} toks;

static void tok_push(toks *t, const sk_inline *in, const char *text, size_t len, int whole, unsigned flags)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = sk_realloc(t->v, t->cap * sizeof *t->v);
    }
    tok *k = &t->v[t->n++];
    k->in = in;
    k->text = text;
    k->len = len;
    k->whole = whole;
    k->h = fnv(&flags, sizeof flags, fnv(text, len, FNV0));
}

static int ascii_word(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

/* Pieces of a text: a run of ASCII letters and digits (a decimal point inside a
 * number too), else one character. */
static void tokenize_text(toks *t, const sk_inline *in, const char *s, unsigned flags)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t j = i;
        if (ascii_word((unsigned char)s[i])) {
            while (j < len && (ascii_word((unsigned char)s[j]) ||
                               (s[j] == '.' && j + 1 < len && s[j + 1] >= '0' && s[j + 1] <= '9' && j > i &&
                                s[j - 1] >= '0' && s[j - 1] <= '9')))
                j++;
        } else {
            uint32_t cp;
            int k = sk_utf8_decode(s + i, len - i, &cp);
            j = i + (size_t)(k > 0 ? k : 1);
        }
        tok_push(t, in, s + i, j - i, 0, flags);
        i = j;
    }
}

/* The texts of the atomic runs tokenized, kept to be freed. */
static void tokenize_runs(toks *t, sk_vec *keep, const sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        if (run_split(in)) {
            tokenize_text(t, in, in->text ? in->text : "", in->flags);
        } else {
            char *s = run_text(in);
            sk_vec_push(keep, s);
            tok_push(t, in, s, strlen(s), 1, in->flags | ((unsigned)in->type << 16));
        }
    }
}

/* Turns two token lists into pieces, deletions before insertions in each gap,
 * neighbouring pieces of the same op and run joined. */
static size_t pieces(sk_diff_seg **out, const toks *a, const toks *b)
{
    uint64_t *ha = sk_malloc((a->n + 1) * sizeof *ha), *hb = sk_malloc((b->n + 1) * sizeof *hb);
    for (size_t i = 0; i < a->n; i++)
        ha[i] = a->v[i].h;
    for (size_t i = 0; i < b->n; i++)
        hb[i] = b->v[i].h;
    size_t nops;
    unsigned char *ops = script(ha, a->n, hb, b->n, &nops);
    sk_diff_seg *v = sk_malloc((nops + 1) * sizeof *v);
    size_t n = 0, i = 0, j = 0;
    for (size_t k = 0; k < nops;) {
        if (ops[k] == E_EQ) {
            const tok *t = &b->v[j];
            sk_diff_seg *last = n ? &v[n - 1] : NULL;
            if (last && last->op == SK_DOP_SAME && last->in == t->in && !t->whole && !last->whole &&
                last->text + last->len == t->text)
                last->len += t->len;
            else
                v[n++] = (sk_diff_seg){ SK_DOP_SAME, t->in, t->whole, t->text, t->len };
            i++, j++, k++;
            continue;
        }
        size_t g = k;
        while (g < nops && ops[g] != E_EQ)
            g++;
        for (int pass = 0; pass < 2; pass++) {
            size_t *p = pass ? &j : &i;
            const toks *src = pass ? b : a;
            sk_diff_op op = pass ? SK_DOP_INSERTED : SK_DOP_DELETED;
            for (size_t q = k; q < g; q++) {
                if (ops[q] != (pass ? E_INS : E_DEL))
                    continue;
                const tok *t = &src->v[(*p)++];
                sk_diff_seg *last = n ? &v[n - 1] : NULL;
                if (last && last->op == op && last->in == t->in && !t->whole && !last->whole &&
                    last->text + last->len == t->text)
                    last->len += t->len;
                else
                    v[n++] = (sk_diff_seg){ op, t->in, t->whole, t->text, t->len };
            }
        }
        k = g;
    }
    free(ops);
    free(ha);
    free(hb);
    *out = v;
    return n;
}

/* The pieces of atomic runs point into texts freed below: repoint them at the run
 * (the caller prints the run itself). */
size_t sk_diff_runs(sk_diff_seg **out, const sk_inlines *o, const sk_inlines *n)
{
    toks a = { 0 }, b = { 0 };
    sk_vec keep = { 0 };
    tokenize_runs(&a, &keep, o);
    tokenize_runs(&b, &keep, n);
    size_t k = pieces(out, &a, &b);
    for (size_t i = 0; i < k; i++)
        if ((*out)[i].whole) {
            (*out)[i].text = NULL;
            (*out)[i].len = 0;
        }
    for (size_t i = 0; i < keep.len; i++)
        free(keep.items[i]);
    sk_vec_free(&keep);
    free(a.v);
    free(b.v);
    return k;
}

char *sk_diff_piece(const sk_diff_seg *s)
{
    if (!s->whole || !s->in)
        return sk_strndup(s->text ? s->text : "", s->len);
    return s->in->type == SK_I_LINEBREAK ? sk_strdup(" ") : run_text(s->in);
}

size_t sk_diff_texts(sk_diff_seg **out, const char *x, const char *y)
{
    toks a = { 0 }, b = { 0 };
    tokenize_text(&a, NULL, x ? x : "", 0);
    tokenize_text(&b, NULL, y ? y : "", 0);
    size_t k = pieces(out, &a, &b);
    free(a.v);
    free(b.v);
    return k;
}

/* ---------- the two editions' sections ---------- */

typedef struct sent {
    const sk_node *n;
    struct sent *parent, *match;
    size_t idx, end;          /* document order; the last section of its subtree */
    char *title;              /* squeezed; NULL when untitled */
    char *text;               /* its own blocks' text */
    uint64_t h;               /* of text */
    shingles sh, tsh;         /* of text, of title: made when first compared (shingled) */
    int shingled;
    int moved;
    int gone;                 /* old: deleted or moved away; new: added or moved here */
    int inside;               /* below a gone section */
} sent;

typedef struct side {
    const sk_doc *doc;
    sent *v;
    size_t n;
    pmap of;                  /* node → sent */
} side;

typedef struct rowdiff {
    sk_diff_row *v;
    size_t n;
} rowdiff;

struct sk_diff {
    const sk_doc *old, *new;
    side o, n;
    pmap pair;                /* node ↔ node, both ways */
    pmap state;               /* new node → state + 1 */
    pmap before, tail;        /* new node → sk_vec* of old nodes (NULL-terminated) */
    pmap rows;                /* new table → rowdiff* */
    sk_vec changes;           /* sk_change* */
    size_t pairs;             /* sections compared by content so far (SK_DIFF_MAX_PAIRS) */
    sk_vec vecs;              /* the sk_vec* of before and tail, to free */
    sk_vec rowdiffs;
};

static void side_init(side *s, const sk_doc *doc)
{
    memset(s, 0, sizeof *s);
    s->doc = doc;
    size_t cap = 0;
    const sk_node *root = doc->root;
    for (const sk_node *n = root->first ? root->first : NULL; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_SECTION)
            continue;
        if (s->n == cap) {
            cap = cap ? cap * 2 : 64;
            s->v = sk_realloc(s->v, cap * sizeof *s->v);
        }
        sent *e = &s->v[s->n];
        memset(e, 0, sizeof *e);
        e->n = n;
        e->idx = e->end = s->n++;
    }
    for (size_t i = 0; i < s->n; i++)
        pmap_put(&s->of, s->v[i].n, &s->v[i]);
    for (size_t i = 0; i < s->n; i++) {
        sent *e = &s->v[i];
        e->parent = e->n->parent && e->n->parent->type == SK_N_SECTION ? pmap_get(&s->of, e->n->parent) : NULL;
        if (e->n->title && *e->n->title)
            e->title = sk_zh_squeeze(e->n->title);
        sk_buf b;
        sk_buf_init(&b);
        block_text(&b, e->n);
        e->text = sk_buf_detach(&b);
        e->h = hash_str(e->text, FNV0);
    }
    for (size_t i = s->n; i-- > 0;) {
        sent *e = &s->v[i];
        if (e->parent && e->parent->end < e->end)
            e->parent->end = e->end;
    }
}

static void side_free(side *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].title);
        free(s->v[i].text);
        free(s->v[i].sh.v);
        free(s->v[i].tsh.v);
    }
    free(s->v);
    pmap_free(&s->of);
}

/* The kinds that occur once: matched by kind alone. */
static int unique_kind(sk_sect k)
{
    return k == SK_S_FOREWORD || k == SK_S_INTRO || k == SK_S_SCOPE || k == SK_S_NORMREF || k == SK_S_TERMS ||
           k == SK_S_SYMBOLS || k == SK_S_BIBLIO || k == SK_S_INDEX;
}

static int compatible(const sent *a, const sent *b)
{
    sk_sect x = a->n->sect, y = b->n->sect;
    if (x == y)
        return 1;
    return (x == SK_S_CHAPTER || x == SK_S_CLAUSE) && (y == SK_S_CHAPTER || y == SK_S_CLAUSE);
}

static void link(sent *a, sent *b)
{
    a->match = b;
    b->match = a;
}

/* The parents of a and b correspond (both at the top, or matched to each other). */
static int same_parent(const sent *a, const sent *b)
{
    if (!a->parent || !b->parent)
        return !a->parent && !b->parent;
    return a->parent->match == b->parent;
}

/* A key for titles: the kind of element and the title. */
static char *title_key(const sent *e, const void *parent)
{
    char kind = e->n->sect == SK_S_TERM ? 'T' : e->n->sect == SK_S_ANNEX ? 'A' : 'C';
    if (parent)
        return sk_asprintf("%c%p|%s", kind, parent, e->title);
    return sk_asprintf("%c|%s", kind, e->title);
}

typedef struct tcount {
    sent *o, *n;
    int no, nn;
} tcount;

static void count_into(sk_map *m, sk_vec *own, char *key, sent *e, int newside)
{
    tcount *t = sk_map_get(m, key);
    if (!t) {
        t = sk_calloc(1, sizeof *t);
        sk_map_put(m, key, t);
        sk_vec_push(own, t);
    }
    if (newside) {
        t->nn++;
        t->n = e;
    } else {
        t->no++;
        t->o = e;
    }
    free(key);
}

/* Steps 3 and 5: a title (or a content) found once on each side. */
static void match_unique(sk_diff *d, int by_content)
{
    sk_map m;
    sk_vec own = { 0 };
    sk_map_init(&m);
    for (int k = 0; k < 2; k++) {
        side *s = k ? &d->n : &d->o;
        for (size_t i = 0; i < s->n; i++) {
            sent *e = &s->v[i];
            if (e->match || unique_kind(e->n->sect))
                continue;
            if (by_content) {
                if (!*e->text)
                    continue;
                count_into(&m, &own, sk_asprintf("%c%016llx", e->n->sect == SK_S_TERM ? 'T' : 'C',
                                                 (unsigned long long)e->h), e, k);
            } else if (e->title) {
                count_into(&m, &own, title_key(e, NULL), e, k);
            }
        }
    }
    for (size_t i = 0; i < own.len; i++) {
        tcount *t = own.items[i];
        if (t->no == 1 && t->nn == 1 && !t->o->match && !t->n->match && compatible(t->o, t->n))
            link(t->o, t->n);
        free(t);
    }
    sk_vec_free(&own);
    sk_map_free(&m);
}

/* Step 4: titles under matched parents, in order. */
static void match_under_parents(sk_diff *d)
{
    sk_map m;
    sk_vec lists = { 0 };
    sk_map_init(&m);
    for (size_t i = 0; i < d->o.n; i++) {
        sent *e = &d->o.v[i];
        if (e->match || !e->title)
            continue;
        char *key = title_key(e, e->parent ? (void *)e->parent : (void *)d);
        sk_vec *l = sk_map_get(&m, key);
        if (!l) {
            l = sk_calloc(1, sizeof *l);
            sk_map_put(&m, key, l);
            sk_vec_push(&lists, l);
        }
        sk_vec_push(l, e);
        free(key);
    }
    for (size_t i = 0; i < d->n.n; i++) {
        sent *e = &d->n.v[i];
        if (e->match || !e->title || (e->parent && !e->parent->match))
            continue;
        char *key = title_key(e, e->parent ? (void *)e->parent->match : (void *)d);
        sk_vec *l = sk_map_get(&m, key);
        free(key);
        for (size_t k = 0; l && k < l->len; k++) {
            sent *o = l->items[k];
            if (!o->match && compatible(o, e)) {
                link(o, e);
                break;
            }
        }
    }
    for (size_t i = 0; i < lists.len; i++) {
        sk_vec_free(lists.items[i]);
        free(lists.items[i]);
    }
    sk_vec_free(&lists);
    sk_map_free(&m);
}

typedef struct cand {
    double score;
    sent *o, *n;
} cand;

static int by_score(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->n->idx != b->n->idx)
        return a->n->idx < b->n->idx ? -1 : 1;
    return a->o->idx < b->o->idx ? -1 : a->o->idx > b->o->idx;
}

static void shingle(sent *e)
{
    if (e->shingled)
        return;
    shingles_of(&e->sh, e->text);
    shingles_of(&e->tsh, e->title ? e->title : "");
    e->shingled = 1;
}

static double score_of(sent *o, sent *n)
{
    shingle(o);
    shingle(n);
    double s = dice(&o->sh, &n->sh);
    if (o->title && n->title)
        s = 0.7 * s + 0.3 * dice(&o->tsh, &n->tsh);
    if (same_parent(o, n))
        s += 0.1;
    return s;
}

/* Step 6: similar content, best pairs first. */
static void match_similar(sk_diff *d, int parents_only)
{
    sk_vec uo = { 0 }, un = { 0 };
    for (size_t i = 0; i < d->o.n; i++)
        if (!d->o.v[i].match && *d->o.v[i].text && !unique_kind(d->o.v[i].n->sect))
            sk_vec_push(&uo, &d->o.v[i]);
    for (size_t i = 0; i < d->n.n; i++)
        if (!d->n.v[i].match && *d->n.v[i].text && !unique_kind(d->n.v[i].n->sect))
            sk_vec_push(&un, &d->n.v[i]);
    if ((double)uo.len * (double)un.len > SK_DIFF_MAX_PAIRS)
        parents_only = 1;
    /* under matched parents: each new section against the old children of its
     * parent's counterpart only (the old ones grouped by parent) */
    pmap by_parent = { 0 };
    sk_vec lists = { 0 }, top = { 0 };
    for (size_t j = 0; j < uo.len; j++) {
        sent *o = uo.items[j];
        sk_vec *l = o->parent ? pmap_get(&by_parent, o->parent) : &top;
        if (!l) {
            l = sk_calloc(1, sizeof *l);
            pmap_put(&by_parent, o->parent, l);
            sk_vec_push(&lists, l);
        }
        sk_vec_push(l, o);
    }
    cand *c = NULL;
    size_t nc = 0, cap = 0;
    for (size_t i = 0; i < un.len && d->pairs < SK_DIFF_MAX_PAIRS; i++) {
        sent *n = un.items[i];
        const sk_vec *pool = &uo;
        if (parents_only) {
            if (n->parent && !n->parent->match)
                continue;
            pool = n->parent ? pmap_get(&by_parent, n->parent->match) : &top;
            if (!pool)
                continue;
        }
        for (size_t j = 0; j < pool->len && d->pairs < SK_DIFF_MAX_PAIRS; j++) {
            sent *o = pool->items[j];
            if (!compatible(o, n) || (parents_only && !same_parent(o, n)))
                continue;
            d->pairs++;
            double s = score_of(o, n);
            if (s < SK_DIFF_SIMILAR)
                continue;
            if (nc == cap) {
                cap = cap ? cap * 2 : 64;
                c = sk_realloc(c, cap * sizeof *c);
            }
            c[nc++] = (cand){ s, o, n };
        }
    }
    for (size_t k = 0; k < lists.len; k++) {
        sk_vec_free(lists.items[k]);
        free(lists.items[k]);
    }
    sk_vec_free(&lists);
    sk_vec_free(&top);
    pmap_free(&by_parent);
    if (nc)
        qsort(c, nc, sizeof *c, by_score);
    for (size_t i = 0; i < nc; i++)
        if (!c[i].o->match && !c[i].n->match)
            link(c[i].o, c[i].n);
    free(c);
    sk_vec_free(&uo);
    sk_vec_free(&un);
}

/* Step 7: an unmatched section whose matched sub-clauses mostly come from one
 * unmatched old section is that section. Deepest first. */
static void match_by_children(sk_diff *d)
{
    for (size_t i = d->n.n; i-- > 0;) {
        sent *e = &d->n.v[i];
        if (e->match)
            continue;
        sent *best = NULL;
        int best_n = 0, matched = 0;
        for (size_t k = i + 1; k <= e->end && k < d->n.n; k++) {
            sent *c = &d->n.v[k];
            if (c->parent != e || !c->match)
                continue;
            matched++;
            sent *op = c->match->parent;
            if (!op || op->match || !compatible(op, e))
                continue;
            int cnt = 0;
            for (size_t q = i + 1; q <= e->end && q < d->n.n; q++)
                cnt += d->n.v[q].parent == e && d->n.v[q].match && d->n.v[q].match->parent == op;
            if (cnt > best_n) {
                best_n = cnt;
                best = op;
            }
        }
        if (best && best_n * 2 >= matched)
            link(best, e);
    }
}

/* Step 8: a section with neither a title nor text of its own (an empty numbered
 * heading, as converters leave them) has nothing to compare: under matched
 * parents it is matched to the next such old section, in order. */
static void match_empty(sk_diff *d)
{
    pmap by_parent = { 0 }, cursor = { 0 };
    sk_vec lists = { 0 }, top = { 0 };
    size_t top_at = 0;
    for (size_t j = 0; j < d->o.n; j++) {
        sent *o = &d->o.v[j];
        if (o->match || o->title || *o->text || unique_kind(o->n->sect))
            continue;
        sk_vec *l = o->parent ? pmap_get(&by_parent, o->parent) : &top;
        if (!l) {
            l = sk_calloc(1, sizeof *l);
            pmap_put(&by_parent, o->parent, l);
            sk_vec_push(&lists, l);
        }
        sk_vec_push(l, o);
    }
    size_t *at = sk_calloc(lists.len + 1, sizeof *at);
    for (size_t i = 0; i < lists.len; i++)
        pmap_put(&cursor, lists.items[i], &at[i]);
    for (size_t i = 0; i < d->n.n && (lists.len || top.len); i++) {
        sent *e = &d->n.v[i];
        if (e->match || e->title || *e->text || unique_kind(e->n->sect) || (e->parent && !e->parent->match))
            continue;
        sk_vec *l = e->parent ? pmap_get(&by_parent, e->parent->match) : &top;
        size_t *k = !l ? NULL : l == &top ? &top_at : pmap_get(&cursor, l);
        for (; l && *k < l->len; ++*k) {
            sent *o = l->items[*k];
            if (!o->match && compatible(o, e)) {
                link(o, e);
                ++*k;
                break;
            }
        }
    }
    for (size_t k = 0; k < lists.len; k++) {
        sk_vec_free(lists.items[k]);
        free(lists.items[k]);
    }
    free(at);
    sk_vec_free(&lists);
    sk_vec_free(&top);
    pmap_free(&by_parent);
    pmap_free(&cursor);
}

/* ---------- moves ---------- */

/* The longest increasing run of old positions among siblings kept in order: the
 * others moved. */
static void mark_order(sent **kids, size_t n)
{
    if (n < 2)
        return;
    size_t *tail = sk_malloc(n * sizeof *tail), *prev = sk_malloc(n * sizeof *prev), len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (kids[tail[mid]]->match->idx < kids[i]->match->idx)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[i] = lo ? tail[lo - 1] : (size_t)-1;
        tail[lo] = i;
        if (lo == len)
            len++;
    }
    char *keep = sk_calloc(n, 1);
    for (size_t i = len ? tail[len - 1] : (size_t)-1; i != (size_t)-1; i = prev[i])
        keep[i] = 1;
    for (size_t i = 0; i < n; i++)
        if (!keep[i])
            kids[i]->moved = 1;
    free(keep);
    free(tail);
    free(prev);
}

static void find_moves(sk_diff *d)
{
    sent **kids = sk_malloc((d->n.n + 1) * sizeof *kids);
    for (size_t i = 0; i < d->n.n; i++) {
        sent *e = &d->n.v[i];
        if (e->match && !same_parent(e->match, e))
            e->moved = e->match->moved = 1;
    }
    /* siblings under each parent (the top level first) */
    for (size_t p = 0; p <= d->n.n; p++) {
        sent *parent = p < d->n.n ? &d->n.v[p] : NULL;
        if (parent && !parent->match)
            continue;
        size_t k = 0;
        size_t from = parent ? p + 1 : 0, to = parent ? parent->end + 1 : d->n.n;
        for (size_t i = from; i < to && i < d->n.n; i++) {
            sent *e = &d->n.v[i];
            if (e->parent == parent && e->match && !e->moved)
                kids[k++] = e;
        }
        mark_order(kids, k);
    }
    for (size_t i = 0; i < d->n.n; i++)
        if (d->n.v[i].moved && d->n.v[i].match)
            d->n.v[i].match->moved = 1;
    free(kids);
}

/* ---------- classification ---------- */

/* Where a block stands, as far as its changes count. */
typedef struct ctx {
    int informative; /* 前言, 引言, 参考文献, 索引, a note or an example */
    int term;        /* in a term entry */
    int normref;     /* an entry of 规范性引用文件 */
    int lead;        /* the fixed lead-in of 规范性引用文件 or 术语和定义 */
} ctx;

static ctx ctx_of(const sk_node *n)
{
    ctx c = { 0 };
    const sk_node *sec = NULL;
    int in_list = 0;
    for (const sk_node *p = n; p; p = p->parent) {
        if (p->type == SK_N_NOTE || p->type == SK_N_EXAMPLE)
            c.informative = 1;
        if (p->type == SK_N_LIST || p->type == SK_N_ITEM)
            in_list = 1;
        if (p->type == SK_N_SECTION) {
            if (!sec)
                sec = p;
            if (p->sect == SK_S_TERM)
                c.term = 1;
        }
    }
    const sk_node *top = sk_node_top(n);
    if (top && (top->sect == SK_S_FOREWORD || top->sect == SK_S_INTRO || top->sect == SK_S_BIBLIO ||
                top->sect == SK_S_INDEX))
        c.informative = 1;
    if (top && top->sect == SK_S_NORMREF) {
        c.normref = in_list;
        c.lead = !in_list;
    }
    if (sec && sec->sect == SK_S_TERMS && n != sec)
        c.lead = 1;
    return c;
}

/* What a run list says, squeezed so that spacing, full- and half-width forms and
 * punctuation can be told apart from what counts. */
typedef struct feat {
    sk_buf sem;    /* everything that counts, punctuation included */
    sk_buf bare;   /* without punctuation */
    sk_buf nums;   /* the numbers, "|"-separated */
    sk_buf stds;   /* the standards cited */
    sk_buf refs;   /* what the references point to */
    sk_buf maths;  /* the inline formulas */
    sk_buf raw;    /* the text, for the modal verbs */
} feat;

static void feat_init(feat *f)
{
    memset(f, 0, sizeof *f);
    sk_buf_init(&f->sem);
    sk_buf_init(&f->bare);
    sk_buf_init(&f->nums);
    sk_buf_init(&f->stds);
    sk_buf_init(&f->refs);
    sk_buf_init(&f->maths);
    sk_buf_init(&f->raw);
}

static void feat_free(feat *f)
{
    sk_buf_free(&f->sem);
    sk_buf_free(&f->bare);
    sk_buf_free(&f->nums);
    sk_buf_free(&f->stds);
    sk_buf_free(&f->refs);
    sk_buf_free(&f->maths);
    sk_buf_free(&f->raw);
}

static int is_punct(uint32_t c)
{
    if (c < 0x80)
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    return (c >= 0x3001 && c <= 0x303F) || (c >= 0x2010 && c <= 0x2027) || c == 0x00B7 || c == 0x2030 ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF5F && c <= 0xFF65) || c == 0x00A0;
}

static void put_cp(sk_buf *b, uint32_t cp)
{
    char u[4];
    int k = sk_utf8_encode(cp, u);
    sk_buf_put(b, u, (size_t)k);
}

/* Text into the features: spaces dropped, full-width forms as ASCII, 本标准 and
 * 本部分 as 本文件 (the 2020 wording), the numbers collected. */
static void feat_text(feat *f, const char *s)
{
    size_t len = strlen(s);
    int innum = 0;
    sk_buf_puts(&f->raw, s);
    for (size_t i = 0; i < len;) {
        if (!strncmp(s + i, "本标准", 9) || !strncmp(s + i, "本部分", 9)) {
            sk_buf_puts(&f->sem, "本文件");
            sk_buf_puts(&f->bare, "本文件");
            i += 9;
            innum = 0;
            continue;
        }
        uint32_t cp;
        int k = sk_utf8_decode(s + i, len - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (is_space_cp(cp) || cp == 0xA0)
            continue;
        int digit = cp >= '0' && cp <= '9';
        if (digit || (innum && cp == '.' && i < len && s[i] >= '0' && s[i] <= '9')) {
            if (!innum)
                sk_buf_putc(&f->nums, '|');
            put_cp(&f->nums, cp);
            innum = 1;
        } else {
            innum = 0;
        }
        put_cp(&f->sem, cp);
        if (!is_punct(cp))
            put_cp(&f->bare, cp);
    }
}

static void features(feat *f, const sk_diff *d, const sk_inlines *l, int old_side)
{
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        switch (in->type) {
        case SK_I_REF: {
            /* a reference counts by what it points to, through the alignment */
            const void *to = in->node;
            if (old_side && to) {
                const sk_node *c = sk_diff_counterpart(d, in->node);
                to = c ? (const void *)c : (const void *)in->node;
            }
            char *t = to ? sk_asprintf("\x02%p\x02", to) : sk_asprintf("\x02%s\x02", in->target ? in->target : "");
            sk_buf_puts(&f->sem, t);
            sk_buf_puts(&f->bare, t);
            sk_buf_puts(&f->refs, t);
            free(t);
            break;
        }
        case SK_I_STDREF: {
            char *q = sk_zh_squeeze(in->text ? in->text : "");
            sk_buf_printf(&f->sem, "\x01%s\x01", q);
            sk_buf_printf(&f->bare, "\x01%s\x01", q);
            sk_buf_printf(&f->stds, "%s|", q);
            sk_buf_puts(&f->raw, in->text ? in->text : "");
            free(q);
            break;
        }
        case SK_I_MATH: {
            char *q = sk_zh_squeeze(in->text ? in->text : "");
            sk_buf_printf(&f->sem, "\x03%s\x03", q);
            sk_buf_printf(&f->bare, "\x03%s\x03", q);
            sk_buf_printf(&f->maths, "%s|", q);
            free(q);
            break;
        }
        case SK_I_FIELD: /* a blank, as printed (put_runs) */
            break;
        case SK_I_LINEBREAK:
            break;
        default:
            feat_text(f, in->text && *in->text ? in->text : in->type == SK_I_LINK && in->target ? in->target : "");
            break;
        }
    }
}

static int buf_eq(const sk_buf *a, const sk_buf *b)
{
    return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* The modal verbs of a text, in order. */
static char *modals_of(const sk_buf *raw)
{
    sk_buf b;
    sk_buf_init(&b);
    size_t from = 0, st, ml;
    const char *s = raw->data ? raw->data : "";
    int kinds = SK_MODAL_REQUIRE | SK_MODAL_RECOMMEND | SK_MODAL_PERMIT | SK_MODAL_STRONG;
    while (sk_zh_modal_find(s, raw->len, from, kinds, &st, &ml)) {
        sk_buf_put(&b, s + st, ml);
        sk_buf_putc(&b, '|');
        from = st + ml;
    }
    return sk_buf_detach(&b);
}

/* Why the change from a to b (two run lists that print differently) is technical. */
static unsigned runs_why(const sk_diff *d, const sk_inlines *a, const sk_inlines *b, const ctx *c)
{
    feat x, y;
    feat_init(&x);
    feat_init(&y);
    features(&x, d, a, 1);
    features(&y, d, b, 0);
    unsigned w = 0;
    if (!buf_eq(&x.sem, &y.sem) && !buf_eq(&x.bare, &y.bare)) {
        if (!buf_eq(&x.nums, &y.nums))
            w |= SK_WHY_VALUE;
        char *ma = modals_of(&x.raw), *mb = modals_of(&y.raw);
        if (strcmp(ma, mb))
            w |= SK_WHY_MODAL;
        if (*ma || *mb)
            w |= SK_WHY_REQUIREMENT;
        free(ma);
        free(mb);
        if (!buf_eq(&x.stds, &y.stds))
            w |= SK_WHY_NORMREF;
        if (!buf_eq(&x.refs, &y.refs))
            w |= SK_WHY_REFERENCE;
        if (!buf_eq(&x.maths, &y.maths))
            w |= SK_WHY_FORMULA;
        if (!w)
            w = SK_WHY_REQUIREMENT; /* normative text reworded */
        if (c->term)
            w |= SK_WHY_TERM;
        if (c->normref)
            w = SK_WHY_NORMREF;
        if (c->informative || c->lead)
            w = 0;
    }
    feat_free(&x);
    feat_free(&y);
    return w;
}

static int has_digit(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return 1;
    return 0;
}

static const sk_node *counterpart(const sk_diff *d, const sk_node *n);

/* Why adding or deleting x (and everything below it but the sub-clauses that moved
 * elsewhere: they are changes of their own) is technical. */
static unsigned node_why(const sk_diff *d, const sk_node *x)
{
    unsigned w = 0;
    const sk_node *n = x;
    while (n) {
        int descend = 1;
        ctx c = ctx_of(n);
        if (n != x && n->type == SK_N_SECTION && counterpart(d, n)) {
            descend = 0;
        } else if (c.informative || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE) {
            descend = 0;
        } else if (c.lead && n->type == SK_N_PARA) {
            /* a fixed sentence */
        } else if (n->type == SK_N_TABLE) {
            w |= SK_WHY_TABLE;
            descend = 0;
        } else if (n->type == SK_N_FORMULA) {
            w |= SK_WHY_FORMULA;
        } else if (n->type == SK_N_FIGURE) {
            w |= SK_WHY_FIGURE;
            descend = 0;
        } else if (n->type == SK_N_SECTION && n->sect == SK_S_TERM) {
            w |= SK_WHY_TERM;
        } else if (n->type == SK_N_PARA || n->type == SK_N_WHERE_ITEM || n->type == SK_N_CODE) {
            char *t = sk_display_text(&n->in);
            if (c.normref && *t)
                w |= SK_WHY_NORMREF;
            else if (*t || n->src)
                w |= SK_WHY_REQUIREMENT | (has_digit(t) ? SK_WHY_VALUE : 0);
            free(t);
        }
        n = sk_node_walk_next(x, n, descend);
    }
    return w;
}

/* ---------- the content of a matched pair ---------- */

static void add_detail(sk_change *ch, size_t *cap, sk_diff_detail dt)
{
    if (ch->ndetails == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        ch->details = sk_realloc(ch->details, *cap * sizeof *ch->details);
    }
    ch->details[ch->ndetails++] = dt;
}

typedef struct work {
    sk_diff *d;
    sk_change *ch;
    size_t cap;       /* of ch->details */
} work;

static void set_state(sk_diff *d, const sk_node *n, sk_rl_state s)
{
    pmap_put(&d->state, n, (void *)(uintptr_t)(s + 1));
}

static void pair(sk_diff *d, const sk_node *o, const sk_node *n)
{
    pmap_put(&d->pair, o, (void *)n);
    pmap_put(&d->pair, n, (void *)o);
}

static void put_old(sk_diff *d, pmap *m, const sk_node *at, const sk_node *old)
{
    sk_vec *v = pmap_get(m, at);
    if (!v) {
        v = sk_calloc(1, sizeof *v);
        pmap_put(m, at, v);
        sk_vec_push(&d->vecs, v);
    }
    sk_vec_push(v, (void *)old);
}

static sk_diff_detail detail(sk_diff_op op, const sk_node *o, const sk_node *n, unsigned why)
{
    return (sk_diff_detail){ .op = op, .old = o, .new = n, .row = -1, .col = -1, .orow = -1, .ocol = -1, .why = why };
}

static int is_container(const sk_node *n)
{
    return n->type == SK_N_LIST || n->type == SK_N_ITEM || n->type == SK_N_QUOTE || n->type == SK_N_WHERE;
}

static void align(work *W, const sk_node *oc, const sk_node *nc, int depth);

/* Table shapes a row-by-row comparison can print: no row spans, no repeat rows. */
static int simple_rows(const sk_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r].repeat)
            return 0;
        for (int c = 0; c < t->ncols; c++)
            if (t->rows[r].cells[c].rowspan > 1)
                return 0;
    }
    return 1;
}

static uint64_t row_hash(const sk_table *t, size_t r)
{
    sk_buf b;
    sk_buf_init(&b);
    for (int c = 0; c < t->ncols; c++) {
        put_runs(&b, &t->rows[r].cells[c].in);
        sk_buf_putc(&b, '\x1f');
    }
    uint64_t h = fnv(b.data ? b.data : "", b.len, FNV0);
    sk_buf_free(&b);
    return h;
}

/* A cell's text as put_runs compares it. Caller frees. */
static char *cell_text(const sk_table *t, size_t r, int c)
{
    sk_buf b;
    sk_buf_init(&b);
    put_runs(&b, &t->rows[r].cells[c].in);
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

static double row_similarity(const sk_table *a, size_t ra, const sk_table *b, size_t rb)
{
    sk_buf x, y;
    sk_buf_init(&x);
    sk_buf_init(&y);
    for (int c = 0; c < a->ncols; c++)
        put_runs(&x, &a->rows[ra].cells[c].in);
    for (int c = 0; c < b->ncols; c++)
        put_runs(&y, &b->rows[rb].cells[c].in);
    double s = text_similarity(x.data ? x.data : "", y.data ? y.data : "");
    sk_buf_free(&x);
    sk_buf_free(&y);
    return s;
}

/* Cells of two rows of the same width compared. */
static void compare_row(work *W, const sk_node *ot, size_t ro, const sk_node *nt, size_t rn)
{
    for (int k = 0; k < nt->table->ncols; k++) {
        char *a = cell_text(ot->table, ro, k), *b = cell_text(nt->table, rn, k);
        if (strcmp(a, b)) {
            sk_diff_detail dt = detail(SK_DOP_CHANGED, ot, nt, 0);
            dt.row = (int)rn;
            dt.col = k;
            dt.orow = (int)ro;
            dt.ocol = k;
            add_detail(W->ch, &W->cap, dt);
        }
        free(a);
        free(b);
    }
}

static void caption_change(work *W, const sk_node *o, const sk_node *n)
{
    char *a = sk_zh_squeeze(o->caption ? o->caption : ""), *b = sk_zh_squeeze(n->caption ? n->caption : "");
    if (strcmp(a, b)) {
        sk_diff_detail dt = detail(SK_DOP_CHANGED, o, n, 0);
        dt.caption = 1;
        add_detail(W->ch, &W->cap, dt);
    }
    free(a);
    free(b);
}

static void align_table(work *W, const sk_node *ot, const sk_node *nt, int depth)
{
    sk_diff *d = W->d;
    const sk_table *a = ot->table, *b = nt->table;
    caption_change(W, ot, nt);
    if (!a || !b || a->ncols != b->ncols || !simple_rows(a) || !simple_rows(b)) {
        int same_shape = a && b && a->ncols == b->ncols && a->nrows == b->nrows;
        for (size_t r = 0; same_shape && r < b->nrows; r++)
            for (int k = 0; k < b->ncols; k++)
                same_shape &= a->rows[r].cells[k].colspan == b->rows[r].cells[k].colspan &&
                              a->rows[r].cells[k].rowspan == b->rows[r].cells[k].rowspan &&
                              a->rows[r].cells[k].covered == b->rows[r].cells[k].covered &&
                              !a->rows[r].repeat == !b->rows[r].repeat;
        if (same_shape) {
            set_state(d, nt, SK_RL_CHANGED);
            for (size_t r = 0; r < b->nrows; r++)
                compare_row(W, ot, r, nt, r);
        } else {
            set_state(d, nt, SK_RL_REPLACED);
            add_detail(W->ch, &W->cap, detail(SK_DOP_CHANGED, ot, nt, 0));
        }
        align(W, ot, nt, depth + 1);
        return;
    }
    set_state(d, nt, SK_RL_CHANGED);
    uint64_t *ha = sk_malloc((a->nrows + 1) * sizeof *ha), *hb = sk_malloc((b->nrows + 1) * sizeof *hb);
    for (size_t r = 0; r < a->nrows; r++)
        ha[r] = row_hash(a, r);
    for (size_t r = 0; r < b->nrows; r++)
        hb[r] = row_hash(b, r);
    size_t nops;
    unsigned char *ops = script(ha, a->nrows, hb, b->nrows, &nops);
    rowdiff *rd = sk_calloc(1, sizeof *rd);
    rd->v = sk_malloc((nops + 1) * sizeof *rd->v);
    size_t i = 0, j = 0;
    for (size_t k = 0; k < nops;) {
        if (ops[k] == E_EQ) {
            rd->v[rd->n++] = (sk_diff_row){ SK_DOP_SAME, (int)i++, (int)j++ };
            k++;
            continue;
        }
        size_t g = k, nd = 0, ni = 0;
        while (g < nops && ops[g] != E_EQ)
            (ops[g++] == E_DEL ? nd++ : ni++);
        size_t i0 = i, j0 = j;
        /* rows of a gap paired in order when alike: their cells compared */
        int *partner = sk_malloc((ni + 1) * sizeof *partner);
        char *used = sk_calloc(nd + 1, 1);
        size_t next = 0;
        for (size_t q = 0; q < ni; q++) {
            partner[q] = -1;
            for (size_t p = next; p < nd; p++)
                if (row_similarity(a, i0 + p, b, j0 + q) >= 0.3) {
                    partner[q] = (int)p;
                    used[p] = 1;
                    next = p + 1;
                    break;
                }
        }
        for (size_t p = 0; p < nd; p++)
            if (!used[p]) {
                rd->v[rd->n++] = (sk_diff_row){ SK_DOP_DELETED, (int)(i0 + p), -1 };
                sk_diff_detail dt = detail(SK_DOP_DELETED, ot, NULL, 0);
                dt.orow = (int)(i0 + p);
                add_detail(W->ch, &W->cap, dt);
            }
        for (size_t q = 0; q < ni; q++) {
            if (partner[q] >= 0) {
                rd->v[rd->n++] = (sk_diff_row){ SK_DOP_SAME, (int)i0 + partner[q], (int)(j0 + q) };
                compare_row(W, ot, i0 + (size_t)partner[q], nt, j0 + q);
            } else {
                rd->v[rd->n++] = (sk_diff_row){ SK_DOP_INSERTED, -1, (int)(j0 + q) };
                sk_diff_detail dt = detail(SK_DOP_INSERTED, NULL, nt, 0);
                dt.row = (int)(j0 + q);
                add_detail(W->ch, &W->cap, dt);
            }
        }
        free(partner);
        free(used);
        i = i0 + nd;
        j = j0 + ni;
        k = g;
    }
    free(ops);
    free(ha);
    free(hb);
    pmap_put(&d->rows, nt, rd);
    sk_vec_push(&d->rowdiffs, rd);
    align(W, ot, nt, depth + 1);
}

/* A pair of blocks of the same kind found in the same gap: what changed in them
 * (why it counts is decided once everything is paired: classify). */
static void compare_pair(work *W, const sk_node *o, const sk_node *n, int depth)
{
    sk_diff *d = W->d;
    pair(d, o, n);
    if (is_container(n)) {
        set_state(d, n, SK_RL_CHANGED);
        align(W, o, n, depth + 1);
        return;
    }
    switch (n->type) {
    case SK_N_TABLE:
        align_table(W, o, n, depth);
        return;
    case SK_N_FIGURE:
        if (strcmp(o->src ? o->src : "", n->src ? n->src : "")) {
            set_state(d, n, SK_RL_REPLACED);
            add_detail(W->ch, &W->cap, detail(SK_DOP_CHANGED, o, n, 0));
        } else {
            set_state(d, n, SK_RL_CHANGED);
            caption_change(W, o, n);
        }
        align(W, o, n, depth + 1);
        return;
    case SK_N_FORMULA: {
        char *a = sk_zh_squeeze(o->src ? o->src : ""), *b = sk_zh_squeeze(n->src ? n->src : "");
        if (strcmp(a, b)) {
            set_state(d, n, SK_RL_REPLACED);
            add_detail(W->ch, &W->cap, detail(SK_DOP_CHANGED, o, n, 0));
        }
        free(a);
        free(b);
        return;
    }
    case SK_N_CUT:
        return;
    default:
        set_state(d, n, SK_RL_CHANGED);
        add_detail(W->ch, &W->cap, detail(SK_DOP_CHANGED, o, n, 0));
        return;
    }
}

/* Why one detail is technical. */
static unsigned detail_why(const sk_diff *d, const sk_diff_detail *t)
{
    const sk_node *x = t->new ? t->new : t->old;
    ctx c = ctx_of(x);
    if (t->caption || c.informative)
        return 0;
    if (t->op != SK_DOP_CHANGED) {
        if (x->type == SK_N_TABLE && (t->row >= 0 || t->orow >= 0))
            return SK_WHY_TABLE; /* a row */
        return node_why(d, x);
    }
    switch (x->type) {
    case SK_N_TABLE:
        if (t->row < 0)
            return SK_WHY_TABLE; /* another shape */
        {
            unsigned w = runs_why(d, &t->old->table->rows[t->orow].cells[t->ocol].in,
                                  &t->new->table->rows[t->row].cells[t->col].in, &c);
            return w ? w | SK_WHY_TABLE : 0;
        }
    case SK_N_FIGURE:
        return SK_WHY_FIGURE;
    case SK_N_FORMULA:
        return SK_WHY_FORMULA;
    case SK_N_CODE:
        return SK_WHY_REQUIREMENT;
    default: {
        unsigned w = runs_why(d, &t->old->in, &t->new->in, &c);
        if (x->type == SK_N_WHERE_ITEM && strcmp(t->old->src ? t->old->src : "", t->new->src ? t->new->src : ""))
            w |= SK_WHY_FORMULA;
        return w;
    }
    }
}

static int pairable(const sk_node *a, const sk_node *b)
{
    if (a->type != b->type)
        return 0;
    if (a->type == SK_N_TABLE || a->type == SK_N_FIGURE || a->type == SK_N_FORMULA || a->type == SK_N_CODE)
        return 1; /* one for the other, whatever they hold */
    return node_similarity(a, b) >= 0.3;
}

/* The children of two matched containers (a section: its own blocks; a list: its
 * items …) aligned: the same kept, the alike paired and compared, the rest
 * inserted or deleted. */
static void align(work *W, const sk_node *oc, const sk_node *nc, int depth)
{
    sk_diff *d = W->d;
    if (depth > 64)
        return;
    sk_vec A = { 0 }, B = { 0 };
    const sk_node *first_sub = NULL;
    for (const sk_node *k = oc->first; k; k = k->next)
        if (k->type != SK_N_SECTION)
            sk_vec_push(&A, (void *)k);
    for (const sk_node *k = nc->first; k; k = k->next) {
        if (k->type != SK_N_SECTION)
            sk_vec_push(&B, (void *)k);
        else if (!first_sub)
            first_sub = k;
    }
    uint64_t *ha = sk_malloc((A.len + 1) * sizeof *ha), *hb = sk_malloc((B.len + 1) * sizeof *hb);
    for (size_t i = 0; i < A.len; i++)
        ha[i] = block_hash(A.items[i]);
    for (size_t i = 0; i < B.len; i++)
        hb[i] = block_hash(B.items[i]);
    size_t nops;
    unsigned char *ops = script(ha, A.len, hb, B.len, &nops);
    size_t i = 0, j = 0;
    for (size_t k = 0; k < nops;) {
        if (ops[k] == E_EQ) {
            pair(d, A.items[i], B.items[j]);
            i++, j++, k++;
            continue;
        }
        size_t g = k, nd = 0, ni = 0;
        while (g < nops && ops[g] != E_EQ)
            (ops[g++] == E_DEL ? nd++ : ni++);
        size_t i0 = i, j0 = j;
        /* pair in order: each deleted block with the first alike inserted one after the last pair */
        int *partner = sk_malloc((nd + 1) * sizeof *partner);
        char *taken = sk_calloc(ni + 1, 1);
        size_t next = 0;
        int wide = nd * ni > 4096;
        for (size_t p = 0; p < nd; p++) {
            partner[p] = -1;
            for (size_t q = next; q < ni && (!wide || q < next + 8); q++)
                if (pairable(A.items[i0 + p], B.items[j0 + q])) {
                    partner[p] = (int)q;
                    taken[q] = 1;
                    next = q + 1;
                    break;
                }
        }
        /* a deleted block prints before the first new block after the pair before it */
        size_t after = 0; /* new blocks of the gap up to the last pair seen */
        for (size_t p = 0; p < nd; p++) {
            const sk_node *o = A.items[i0 + p];
            if (partner[p] >= 0) {
                after = (size_t)partner[p] + 1;
                continue;
            }
            const sk_node *at = after < ni ? B.items[j0 + after] : j0 + ni < B.len ? B.items[j0 + ni] : first_sub;
            if (at)
                put_old(d, &d->before, at, o);
            else
                put_old(d, &d->tail, nc, o);
            add_detail(W->ch, &W->cap, detail(SK_DOP_DELETED, o, NULL, 0));
        }
        for (size_t q = 0, p = 0; q < ni; q++) {
            const sk_node *n = B.items[j0 + q];
            if (taken[q]) {
                while (p < nd && partner[p] != (int)q)
                    p++;
                compare_pair(W, A.items[i0 + p], n, depth);
                continue;
            }
            set_state(d, n, SK_RL_INSERTED);
            add_detail(W->ch, &W->cap, detail(SK_DOP_INSERTED, NULL, n, 0));
        }
        free(partner);
        free(taken);
        i = i0 + nd;
        j = j0 + ni;
        k = g;
    }
    free(ops);
    free(ha);
    free(hb);
    sk_vec_free(&A);
    sk_vec_free(&B);
}

/* ---------- the changes ---------- */

static sk_change *new_change(sk_diff_kind kind, const sk_node *o, const sk_node *n)
{
    sk_change *c = sk_calloc(1, sizeof *c);
    c->kind = kind;
    c->old = o;
    c->new = n;
    return c;
}

static const char *last_part(const char *num)
{
    const char *p = strrchr(num, '.');
    return p ? p + 1 : num;
}

static int in_front(const sk_node *n)
{
    const sk_node *top = sk_node_top(n);
    return top && (top->sect == SK_S_FOREWORD || top->sect == SK_S_INDEX);
}

/* The change of a matched pair, or NULL when nothing differs. */
static sk_change *pair_change(sk_diff *d, sent *o, sent *n)
{
    sk_change *c = new_change(SK_DIFF_CHANGED, o->n, n->n);
    work W = { d, c, 0 };
    if (!n->moved)
        set_state(d, n->n, SK_RL_CHANGED);
    pair(d, o->n, n->n);
    if (n->n->sect != SK_S_INDEX)
        align(&W, o->n, n->n, 0);
    c->moved = n->moved;
    c->renumbered = strcmp(o->n->num, n->n->num) != 0;
    char *ta = sk_zh_squeeze(o->n->title ? o->n->title : ""), *tb = sk_zh_squeeze(n->n->title ? n->n->title : "");
    c->retitled = strcmp(ta, tb) != 0 || o->n->annex_type != n->n->annex_type;
    free(ta);
    free(tb);
    c->content = c->ndetails > 0;
    if (!c->moved && !c->renumbered && !c->retitled && !c->content) {
        free(c->details);
        free(c);
        return NULL;
    }
    c->kind = c->moved ? SK_DIFF_MOVED : c->content || c->retitled ? SK_DIFF_CHANGED : SK_DIFF_RENUMBERED;
    if (c->kind == SK_DIFF_RENUMBERED && n->parent && o->parent) {
        int parent_moved = strcmp(o->parent->n->num, n->parent->n->num) != 0 || n->parent->moved;
        c->implied = parent_moved && !strcmp(last_part(o->n->num), last_part(n->n->num));
    }
    return c;
}

/* Why each change is technical, once every pair is known (a reference counts by
 * what it points to through them). */
static void classify(sk_diff *d)
{
    for (size_t i = 0; i < d->changes.len; i++) {
        sk_change *c = d->changes.items[i];
        const sk_node *x = c->new ? c->new : c->old;
        if (c->kind == SK_DIFF_ADDED || c->kind == SK_DIFF_DELETED) {
            c->why = node_why(d, x);
        } else {
            c->why = 0;
            for (size_t k = 0; k < c->ndetails; k++)
                c->why |= c->details[k].why = detail_why(d, &c->details[k]);
            if (c->retitled && c->new->sect == SK_S_TERM)
                c->why |= SK_WHY_TERM;
            if (c->retitled && c->new->sect == SK_S_ANNEX && c->old->annex_type != c->new->annex_type)
                c->why |= SK_WHY_REQUIREMENT; /* 规范性 ↔ 资料性 */
        }
        if (in_front(x))
            c->why = 0;
        c->technical = c->why != 0;
    }
}

typedef struct keyed {
    size_t key;    /* 2 × the new section it stands before (+1: that section's own change) */
    size_t order;
    sk_change *c;
} keyed;

static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Where the old sections deleted or moved away print in the new edition: before
 * the counterpart of the next sibling that stayed, or at the end of the parent's. */
static void place_old_sections(sk_diff *d)
{
    for (size_t i = 0; i < d->o.n; i++) {
        sent *o = &d->o.v[i];
        o->gone = !o->match || o->moved;
        o->inside = o->parent && (o->parent->gone || o->parent->inside);
    }
    for (size_t i = 0; i < d->n.n; i++) {
        sent *n = &d->n.v[i];
        n->gone = !n->match || n->moved;
        n->inside = n->parent && (n->parent->gone || n->parent->inside);
        if (n->gone && !n->inside)
            set_state(d, n->n, SK_RL_INSERTED);
    }
    for (size_t i = 0; i < d->o.n; i++) {
        sent *o = &d->o.v[i];
        if (!o->gone || o->inside)
            continue;
        const sk_node *at = NULL;
        for (const sk_node *s = o->n->next; s && !at; s = s->next) {
            sent *e = s->type == SK_N_SECTION ? pmap_get(&d->o.of, s) : NULL;
            if (e && e->match && !e->moved)
                at = e->match->n;
        }
        if (at)
            put_old(d, &d->before, at, o->n);
        else
            put_old(d, &d->tail, o->parent ? o->parent->match->n : d->new->root, o->n);
    }
}

static void collect_changes(sk_diff *d)
{
    keyed *v = NULL;
    size_t n = 0, cap = 0, order = 0;
#define PUSH(k, ch)                                          \
    do {                                                     \
        if (n == cap) {                                      \
            cap = cap ? cap * 2 : 64;                        \
            v = sk_realloc(v, cap * sizeof *v);              \
        }                                                    \
        v[n++] = (keyed){ (k), order++, (ch) };              \
    } while (0)
    for (size_t i = 0; i < d->n.n; i++) {
        sent *e = &d->n.v[i];
        if (e->n->sect == SK_S_INDEX)
            continue;
        if (!e->match) {
            if (e->parent && !e->parent->match)
                continue; /* part of its parent's addition */
            sk_change *c = new_change(SK_DIFF_ADDED, NULL, e->n);
            PUSH(2 * i + 1, c);
            continue;
        }
        sk_change *c = pair_change(d, e->match, e);
        if (c)
            PUSH(2 * i + 1, c);
    }
    for (size_t i = 0; i < d->o.n; i++) {
        sent *o = &d->o.v[i];
        if (o->match || (o->parent && !o->parent->match) || o->n->sect == SK_S_INDEX)
            continue;
        size_t at = d->n.n;
        for (size_t j = o->end + 1; j < d->o.n; j++)
            if (d->o.v[j].match) {
                at = d->o.v[j].match->idx;
                break;
            }
        sk_change *c = new_change(SK_DIFF_DELETED, o->n, NULL);
        PUSH(2 * at, c);
    }
#undef PUSH
    if (n)
        qsort(v, n, sizeof *v, by_key);
    for (size_t i = 0; i < n; i++)
        sk_vec_push(&d->changes, v[i].c);
    free(v);
}

/* ---------- the author's markers ---------- */

/* The section of the new edition line stands in: the last one starting at or before it. */
static const sk_node *section_at(const sk_diff *d, int line)
{
    const sk_node *best = NULL;
    for (size_t i = 0; i < d->n.n; i++)
        if (d->n.v[i].n->line <= line)
            best = d->n.v[i].n;
    return best;
}

static sk_change *change_of_new(const sk_diff *d, const sk_node *sec)
{
    for (size_t i = 0; i < d->changes.len; i++) {
        sk_change *c = d->changes.items[i];
        if (c->new == sec)
            return c;
    }
    return NULL;
}

static sk_change *change_of_old(const sk_diff *d, const char *num)
{
    for (size_t i = 0; i < d->changes.len; i++) {
        sk_change *c = d->changes.items[i];
        if (!c->old)
            continue;
        char *label = sk_diff_label(c->old);
        int hit = !strcmp(c->old->num, num) || !strcmp(label, num);
        free(label);
        if (hit)
            return c;
    }
    return NULL;
}

static void apply_markers(sk_diff *d, sk_diags *diags)
{
    const sk_doc *doc = d->new;
    for (size_t i = 0; i < doc->comments.len; i++) {
        const sk_comment *cm = doc->comments.items[i];
        const char *p = cm->text;
        if (strncmp(p, "stddiff", 7) || (p[7] && p[7] != ' ' && p[7] != '\t' && p[7] != ':'))
            continue;
        p += 7;
        char old[64] = "";
        while (*p == ' ' || *p == '\t' || *p == ':')
            p++;
        if (!strncmp(p, "old=", 4)) {
            p += 4;
            size_t k = 0;
            while (*p && *p != ' ' && *p != '\t' && k + 1 < sizeof old)
                old[k++] = *p++;
            old[k] = '\0';
            while (*p == ' ' || *p == '\t')
                p++;
        }
        int technical;
        if (!strncmp(p, "technical", 9))
            technical = 1, p += 9;
        else if (!strncmp(p, "editorial", 9))
            technical = 0, p += 9;
        else
            technical = -1;
        while (*p == ' ' || *p == '\t')
            p++;
        const char *words = NULL;
        if (technical >= 0 && (*p == ':' || !strncmp(p, "：", 3))) {
            p += *p == ':' ? 1 : 3;
            while (*p == ' ' || *p == '\t' || !strncmp(p, "\xE3\x80\x80", 3))
                p += *p == ' ' || *p == '\t' ? 1 : 3;
            words = *p ? p : NULL;
        } else if (technical >= 0 && *p) {
            technical = -1;
        }
        if (technical < 0) {
            sk_diag *dg = sk_diag_emit(diags, SK_R_STDDIFF_MARKER, doc->src->path, cm->line, 1,
                                       "cannot read the stddiff marker '%s'", cm->text);
            sk_diag_hint(dg, "write <!-- stddiff technical -->, <!-- stddiff editorial -->, "
                                "<!-- stddiff technical: wording --> or <!-- stddiff old=4.3 editorial -->");
            continue;
        }
        sk_change *c = NULL;
        if (*old) {
            c = change_of_old(d, old);
            if (!c) {
                sk_diag_emit(diags, SK_R_STDDIFF_MARKER, doc->src->path, cm->line, 1,
                             "the stddiff marker names %s of the old edition, which has no change", old);
                continue;
            }
        } else {
            const sk_node *sec = section_at(d, cm->line);
            c = sec ? change_of_new(d, sec) : NULL;
            if (!c) {
                char *label = sec ? sk_diff_label(sec) : sk_strdup("the text before the first heading");
                sk_diag *dg = sk_diag_emit(diags, SK_R_STDDIFF_MARKER, doc->src->path, cm->line, 1,
                                           "the stddiff marker stands in %s, which has no change against the old "
                                           "edition",
                                           label);
                sk_diag_hint(dg, "remove it, or name a deleted clause with old=NUMBER");
                free(label);
                continue;
            }
        }
        c->technical = technical;
        if (technical)
            c->why |= SK_WHY_OVERRIDE;
        c->override_line = cm->line;
        c->wording = words;
    }
}

/* ---------- the diff ---------- */

sk_diff *sk_diff_new(const sk_doc *old, const sk_doc *new, sk_diags *diags)
{
    sk_diff *d = sk_calloc(1, sizeof *d);
    d->old = old;
    d->new = new;
    side_init(&d->o, old);
    side_init(&d->n, new);
    /* 1. the unique kinds */
    for (size_t i = 0; i < d->n.n; i++) {
        sent *e = &d->n.v[i];
        if (!unique_kind(e->n->sect) || e->match)
            continue;
        for (size_t j = 0; j < d->o.n; j++)
            if (d->o.v[j].n->sect == e->n->sect && !d->o.v[j].match) {
                link(&d->o.v[j], e);
                break;
            }
    }
    /* 2. anchors */
    for (size_t i = 0; i < d->n.n; i++) {
        sent *e = &d->n.v[i];
        if (e->match || !e->n->id)
            continue;
        sent *o = pmap_get(&d->o.of, sk_map_get(&old->anchors, e->n->id));
        if (o && !o->match && compatible(o, e))
            link(o, e);
    }
    match_unique(d, 0);     /* 3 */
    match_under_parents(d); /* 4 */
    match_unique(d, 1);     /* 5 */
    match_similar(d, 0);    /* 6 */
    match_by_children(d);   /* 7 */
    match_under_parents(d);
    match_similar(d, 1);
    match_empty(d);         /* 8 */
    find_moves(d);
    for (size_t i = 0; i < d->n.n; i++)
        if (d->n.v[i].match)
            pair(d, d->n.v[i].match->n, d->n.v[i].n);
    place_old_sections(d);
    collect_changes(d);
    classify(d);
    apply_markers(d, diags);
    for (size_t i = 0; i < d->vecs.len; i++)
        sk_vec_push(d->vecs.items[i], NULL); /* the lists the layout reads end with NULL */
    return d;
}

void sk_diff_free(sk_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->changes.len; i++) {
        sk_change *c = d->changes.items[i];
        free(c->details);
        free(c);
    }
    sk_vec_free(&d->changes);
    for (size_t i = 0; i < d->vecs.len; i++) {
        sk_vec_free(d->vecs.items[i]);
        free(d->vecs.items[i]);
    }
    sk_vec_free(&d->vecs);
    for (size_t i = 0; i < d->rowdiffs.len; i++) {
        rowdiff *r = d->rowdiffs.items[i];
        free(r->v);
        free(r);
    }
    sk_vec_free(&d->rowdiffs);
    pmap_free(&d->pair);
    pmap_free(&d->state);
    pmap_free(&d->before);
    pmap_free(&d->tail);
    pmap_free(&d->rows);
    side_free(&d->o);
    side_free(&d->n);
    free(d);
}

const sk_doc *sk_diff_old(const sk_diff *d)
{
    return d->old;
}

const sk_doc *sk_diff_new_doc(const sk_diff *d)
{
    return d->new;
}

size_t sk_diff_count(const sk_diff *d)
{
    return d->changes.len;
}

const sk_change *sk_diff_get(const sk_diff *d, size_t i)
{
    return i < d->changes.len ? d->changes.items[i] : NULL;
}

size_t sk_diff_technical(const sk_diff *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->changes.len; i++)
        n += ((const sk_change *)d->changes.items[i])->technical;
    return n;
}

static const sk_node *counterpart(const sk_diff *d, const sk_node *n)
{
    return pmap_get(&d->pair, n);
}

const sk_node *sk_diff_counterpart(const sk_diff *d, const sk_node *n)
{
    return counterpart(d, n);
}

sk_rl_state sk_diff_state(const sk_diff *d, const sk_node *n)
{
    uintptr_t v = (uintptr_t)pmap_get(&d->state, n);
    return v ? (sk_rl_state)(v - 1) : SK_RL_SAME;
}

static const sk_node *const *terminated(const sk_vec *v)
{
    return v && v->len > 1 ? (const sk_node *const *)v->items : NULL;
}

const sk_node *const *sk_diff_deleted_before(const sk_diff *d, const sk_node *n)
{
    return terminated(pmap_get(&d->before, n));
}

const sk_node *const *sk_diff_deleted_tail(const sk_diff *d, const sk_node *c)
{
    return terminated(pmap_get(&d->tail, c));
}

const sk_diff_row *sk_diff_table_rows(const sk_diff *d, const sk_node *table, size_t *n)
{
    const rowdiff *r = pmap_get(&d->rows, table);
    *n = r ? r->n : 0;
    return r ? r->v : NULL;
}

/* ---------- the words of a 前言 ---------- */

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

char *sk_diff_label(const sk_node *n)
{
    if (n->type == SK_N_SECTION && n->sect == SK_S_ANNEX)
        return sk_asprintf("附录%s", n->num);
    if (n->type == SK_N_SECTION && n->level == 1 && n->num[0])
        return sk_asprintf("第%s章", n->num);
    if (!n->num[0])
        return sk_strdup(n->title ? n->title : "");
    return sk_strdup(n->num);
}

char *sk_diff_edition(const sk_diff *d)
{
    const char *num = sk_meta_get(d->old->meta, NUMBER);
    int year = -1;
    if (num) {
        char *code = sk_stdnum_code(num, &year);
        free(code);
    }
    const char *issued = sk_meta_get(d->old->meta, ISSUED);
    if (year < 0 && issued && strlen(issued) >= 4)
        year = atoi(issued);
    return year > 0 ? sk_asprintf("%d年版", year) : sk_strdup("原版");
}

static const char *old_number(const sk_diff *d)
{
    const char *num = sk_meta_get(d->old->meta, NUMBER);
    if (num && *num)
        return num;
    const sk_strlist *r = &d->new->meta->list[SK_META_REPLACES];
    return r->n ? r->v[0] : "原版";
}

char *sk_diff_lead(const sk_diff *d)
{
    const char *num = old_number(d);
    char *title = d->old->meta->str[SK_META_TITLE] ? sk_meta_title(d->old->meta) : NULL;
    char *named = title ? sk_asprintf("%s《%s》", num, title) : sk_strdup(num);
    char *s = sk_diff_technical(d)
                  ? sk_asprintf("本文件代替%s，与%s相比，除结构调整和编辑性改动外，主要技术变化如下：", named, num)
                  : sk_asprintf("本文件代替%s，与%s相比，除结构调整和编辑性改动外，无技术变化。", named, num);
    free(named);
    free(title);
    return s;
}

char *sk_diff_where(const sk_diff *d, const sk_change *c)
{
    char *ed = sk_diff_edition(d), *s;
    char *ln = c->new ? sk_diff_label(c->new) : NULL, *lo = c->old ? sk_diff_label(c->old) : NULL;
    if (!ln)
        s = sk_asprintf("（见%s的%s）", ed, lo);
    else if (!lo || !strcmp(ln, lo))
        s = sk_asprintf("（见%s）", ln);
    else
        s = sk_asprintf("（见%s，%s的%s）", ln, ed, lo);
    free(ln);
    free(lo);
    free(ed);
    return s;
}

/* A short quote of a block's text: its first sentence (to "。" or "；"), at most 20
 * characters ("……" when cut), without the end punctuation. */
static char *excerpt_of(const sk_node *x)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const sk_node *n = x; n; n = sk_node_walk_next(x, n, n == x || n->type != SK_N_SECTION)) {
        if (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE) {
            put_runs(&b, &n->in);
            break;
        }
        if (n->type == SK_N_TABLE || n->type == SK_N_FIGURE) {
            char *l = sk_display_label(n);
            sk_buf_printf(&b, "%s%s", l, n->caption ? n->caption : "");
            free(l);
            break;
        }
    }
    const char *t = b.data ? b.data : "";
    size_t len = strlen(t), i = 0, chars = 0, cut = 0;
    while (i < len) {
        uint32_t cp;
        int k = sk_utf8_decode(t + i, len - i, &cp);
        if (k <= 0)
            break;
        if ((cp == 0x3002 || cp == 0xFF1B || cp == '\n') && chars >= 4)
            break; /* a sentence's end (a comma does not end what is quoted) */
        if (chars == 20) {
            cut = 1;
            break;
        }
        i += (size_t)k;
        chars++;
    }
    char *s = cut ? sk_asprintf("%.*s……", (int)i, t) : sk_strndup(t, i);
    sk_buf_free(&b);
    return s;
}

static const char *subject_end(unsigned why)
{
    return why & (SK_WHY_REQUIREMENT | SK_WHY_MODAL | SK_WHY_VALUE) ? "的要求" : "的内容";
}

/* The parent section's title, for an untitled clause. */
static const char *parent_title(const sk_node *n)
{
    const sk_node *p = n->parent;
    return p && p->type == SK_N_SECTION && p->title && *p->title ? p->title : NULL;
}

static char *added_or_deleted(const sk_change *c, int added)
{
    const sk_node *n = added ? c->new : c->old;
    const char *verb = added ? "增加了" : "删除了";
    if (n->sect == SK_S_TERM)
        return sk_asprintf("%s术语" LQ "%s" RQ, verb, n->title ? n->title : "");
    if (n->sect == SK_S_ANNEX)
        return sk_asprintf("%s%s附录" LQ "%s" RQ, verb,
                           n->annex_type == SK_ANNEX_NORMATIVE      ? "规范性"
                           : n->annex_type == SK_ANNEX_INFORMATIVE ? "资料性"
                                                                   : "",
                           n->title ? n->title : "");
    if (n->title && *n->title && n->level == 1)
        return sk_asprintf("%s" LQ "%s" RQ "一章", verb, n->title);
    if (n->title && *n->title && !n->untitled)
        return sk_asprintf("%s" LQ "%s" RQ "%s", verb, n->title, subject_end(c->why));
    char *e = excerpt_of(n), *s;
    const char *pt = parent_title(n);
    if (pt && added)
        s = sk_asprintf("在" LQ "%s" RQ "中增加了" LQ "%s" RQ "%s", pt, e, subject_end(c->why));
    else if (pt)
        s = sk_asprintf("删除了" LQ "%s" RQ "中" LQ "%s" RQ "%s", pt, e, subject_end(c->why));
    else
        s = sk_asprintf("%s" LQ "%s" RQ "%s", verb, e, subject_end(c->why));
    free(e);
    return s;
}

/* How an item names a matched section: “title”, 术语“term”, or for an untitled
 * clause its parent's title (NULL when there is nothing to name it by). */
static char *name_of(const sk_node *n)
{
    if (n->sect == SK_S_TERM)
        return sk_asprintf("术语" LQ "%s" RQ, n->title ? n->title : "");
    if (n->sect == SK_S_SCOPE)
        return sk_strdup("范围");
    if (n->sect == SK_S_NORMREF)
        return sk_strdup("规范性引用文件");
    if (n->title && *n->title && !n->untitled)
        return sk_asprintf(LQ "%s" RQ, n->title);
    const char *pt = parent_title(n);
    return pt ? sk_asprintf(LQ "%s" RQ, pt) : NULL;
}

/* The standards the details of chapter 2 add or delete: "GB/T 1—2020、GB/T 2". */
static char *normref_list(const sk_change *c, sk_diff_op op)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < c->ndetails; i++) {
        const sk_diff_detail *t = &c->details[i];
        const sk_node *x = op == SK_DOP_INSERTED ? t->new : t->old;
        if (t->op != op || !t->why || !x)
            continue;
        for (const sk_node *n = x; n; n = sk_node_walk_next(x, n, 1))
            for (size_t k = 0; k < n->in.n; k++)
                if (n->in.v[k].type == SK_I_STDREF) {
                    if (b.len)
                        sk_buf_puts(&b, "、");
                    sk_buf_puts(&b, n->in.v[k].text);
                }
    }
    return sk_buf_detach(&b);
}

static char *changed_words(const sk_change *c)
{
    const sk_node *n = c->new;
    if (n->sect == SK_S_NORMREF) {
        char *add = normref_list(c, SK_DOP_INSERTED), *del = normref_list(c, SK_DOP_DELETED);
        char *s = *add && *del ? sk_asprintf("增加了规范性引用文件%s，删除了规范性引用文件%s", add, del)
                  : *add       ? sk_asprintf("增加了规范性引用文件%s", add)
                  : *del       ? sk_asprintf("删除了规范性引用文件%s", del)
                               : sk_strdup("更改了规范性引用文件");
        free(add);
        free(del);
        return s;
    }
    unsigned content = 0;
    int inserted = 0, deleted = 0, changed = 0, tables = 0, formulas = 0;
    const sk_node *table = NULL, *first = NULL;
    for (size_t i = 0; i < c->ndetails; i++) {
        const sk_diff_detail *t = &c->details[i];
        if (!t->why)
            continue;
        content |= t->why;
        const sk_node *x = t->new ? t->new : t->old;
        if (x->type == SK_N_TABLE) {
            tables++;
            table = table ? table : x;
        } else if (x->type == SK_N_FORMULA) {
            formulas++;
        } else {
            inserted += t->op == SK_DOP_INSERTED;
            deleted += t->op == SK_DOP_DELETED;
            changed += t->op == SK_DOP_CHANGED;
            first = first ? first : x;
        }
    }
    char *name = name_of(n);
    if (!name) {
        char *l = sk_diff_label(n);
        name = sk_strdup(l);
        free(l);
    }
    char *s;
    if (c->retitled && n->sect == SK_S_TERM)
        s = sk_asprintf("将术语" LQ "%s" RQ "更改为" LQ "%s" RQ "%s", c->old->title ? c->old->title : "",
                        n->title ? n->title : "", content ? "，并更改了其定义" : "");
    else if (n->sect == SK_S_TERM)
        s = sk_asprintf("更改了%s的定义", name);
    else if (c->retitled && n->title && *n->title && c->old->title && *c->old->title &&
             strcmp(c->old->title, n->title))
        s = sk_asprintf("将" LQ "%s" RQ "更改为" LQ "%s" RQ "%s", c->old->title, n->title,
                        content ? "，并更改了其要求" : "");
    else if (!content && c->kind == SK_DIFF_MOVED)
        s = sk_asprintf("调整了%s的位置", name);
    else if (!content && c->kind == SK_DIFF_RENUMBERED)
        s = sk_asprintf("更改了%s的编号", name);
    else if (tables && !inserted && !deleted && !changed && !formulas) {
        char *l = sk_display_label(table);
        /* a table without a title is named by its number alone, never as 表1“” */
        int titled = table->caption && *table->caption;
        s = sk_asprintf("更改了%s%s%s%s%s", l, titled ? LQ : "", titled ? table->caption : "", titled ? RQ : "",
                        content & SK_WHY_VALUE ? "中的数值" : "的内容");
        free(l);
    } else if (formulas && !tables && !inserted && !deleted && !changed)
        s = sk_asprintf("更改了%s中的公式", name);
    else if (inserted && !deleted && !changed && !tables && !formulas) {
        char *e = excerpt_of(first);
        s = sk_asprintf("在%s中增加了" LQ "%s" RQ "%s", name, e, subject_end(content));
        free(e);
    } else if (deleted && !inserted && !changed && !tables && !formulas) {
        char *e = excerpt_of(first);
        s = sk_asprintf("删除了%s中" LQ "%s" RQ "%s", name, e, subject_end(content));
        free(e);
    } else
        s = sk_asprintf("更改了%s%s", name, subject_end(content ? content : SK_WHY_REQUIREMENT));
    free(name);
    return s;
}

char *sk_diff_item(const sk_diff *d, const sk_change *c)
{
    if (!c->technical)
        return NULL;
    char *what;
    if (c->wording) {
        what = sk_strdup(c->wording);
        size_t n = strlen(what);
        while (n && (what[n - 1] == '.' || what[n - 1] == ';' || what[n - 1] == ' '))
            what[--n] = '\0';
        while (n >= 3 && (!strcmp(what + n - 3, "。") || !strcmp(what + n - 3, "；")))
            what[n -= 3] = '\0';
    } else if (c->kind == SK_DIFF_ADDED || c->kind == SK_DIFF_DELETED) {
        what = added_or_deleted(c, c->kind == SK_DIFF_ADDED);
    } else {
        what = changed_words(c);
    }
    char *where = sk_diff_where(d, c), *s = sk_asprintf("%s%s", what, where);
    free(what);
    free(where);
    return s;
}
