#include "check/fix.h"

#include <stdlib.h>
#include <string.h>

typedef struct edit {
    int line, byte_col;  /* where old is in the source (1-based byte column) */
    char *old, *new_;
    int trim_space;      /* also remove the spaces after old (a number on an unnumbered heading) */
    size_t off, len;     /* resolved position in the original bytes */
} edit;

typedef struct edits {
    edit *v;
    size_t n, cap;
} edits;

static void add(edits *E, int line, int byte_col, const char *old, const char *new_, int trim_space)
{
    if (line <= 0 || byte_col <= 0 || !strcmp(old, new_))
        return;
    if (E->n == E->cap) {
        E->cap = E->cap ? E->cap * 2 : 16;
        E->v = sk_realloc(E->v, E->cap * sizeof *E->v);
    }
    edit *e = &E->v[E->n++];
    memset(e, 0, sizeof *e);
    e->line = line;
    e->byte_col = byte_col;
    e->old = sk_strdup(old);
    e->new_ = sk_strdup(new_);
    e->trim_space = trim_space;
}

/* Written numbers of headings, annexes, tables, figures and cited formulas. */
static void number_edits(const sk_doc *doc, edits *E)
{
    const sk_node *root = doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (!n->num_written || !strcmp(n->num_written, n->num))
            continue;
        if (n->type == SK_N_SECTION || n->type == SK_N_TABLE || n->type == SK_N_FIGURE || n->type == SK_N_ITEM ||
            (n->type == SK_N_FORMULA && n->num[0]))
            add(E, n->num_line, n->num_byte_col, n->num_written, n->num, n->num[0] == '\0');
    }
}

/* Plain-text references ("见5.3", "表2", "附录B") to a renumbered element. */
static void ref_edit(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    if (in->type != SK_I_REF || in->ref_kind == SK_REF_ANCHOR || !in->node || !in->target || !in->text)
        return;
    if (!strcmp(in->target, in->node->num) || !in->node->num[0])
        return;
    const char *at = strstr(in->text, in->target);
    if (!at)
        return;
    add(arg, in->line, in->byte_col + (int)(at - in->text), in->target, in->node->num, 0);
}

/* Byte offset of each line start in the original bytes (CRLF, CR and LF end a line,
 * as the source reader counts them); a BOM is skipped on line 1. */
static size_t *line_starts(const char *s, size_t len, size_t *nlines)
{
    size_t cap = 64, n = 0;
    size_t *v = sk_malloc(cap * sizeof *v);
    size_t start = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
    v[n++] = start;
    for (size_t i = start; i < len; i++) {
        if (s[i] != '\n' && s[i] != '\r')
            continue;
        if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
        if (n == cap)
            v = sk_realloc(v, (cap *= 2) * sizeof *v);
        v[n++] = i + 1;
    }
    *nlines = n;
    return v;
}

static int cmp_edit(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}

static void edits_free(edits *E)
{
    for (size_t i = 0; i < E->n; i++) {
        free(E->v[i].old);
        free(E->v[i].new_);
    }
    free(E->v);
}

int sk_fix_apply(const sk_doc *doc, const char *orig, size_t orig_len, char **out, size_t *out_len, sk_err *err)
{
    edits E = { 0 };
    size_t nlines = 0, *starts = NULL;
    int rc = -1;
    *out = NULL;
    *out_len = 0;

    number_edits(doc, &E);
    sk_doc_each_inline(doc, ref_edit, &E);
    if (!E.n) {
        rc = 0;
        goto done;
    }
    starts = line_starts(orig, orig_len, &nlines);
    for (size_t i = 0; i < E.n; i++) {
        edit *e = &E.v[i];
        size_t ol = strlen(e->old);
        if ((size_t)e->line > nlines) {
            sk_err_at(err, doc->src->path, e->line, 0, "cannot fix: line %d is past the end of the file", e->line);
            goto done;
        }
        size_t line_end = (size_t)e->line < nlines ? starts[e->line] : orig_len;
        e->off = starts[e->line - 1] + (size_t)(e->byte_col - 1);
        if (e->off + ol > line_end || memcmp(orig + e->off, e->old, ol)) {
            sk_err_at(err, doc->src->path, e->line, e->byte_col,
                      "cannot fix: expected '%s' at line %d, byte %d; the file was left unchanged", e->old, e->line,
                      e->byte_col);
            goto done;
        }
        e->len = ol;
        if (e->trim_space) {
            while (e->off + e->len < line_end && (orig[e->off + e->len] == ' ' || orig[e->off + e->len] == '\t'))
                e->len++;
            while (e->off + e->len + 3 <= line_end && !memcmp(orig + e->off + e->len, "\xE3\x80\x80", 3))
                e->len += 3;
        }
    }
    qsort(E.v, E.n, sizeof *E.v, cmp_edit);
    sk_buf b;
    sk_buf_init(&b);
    size_t pos = 0;
    int applied = 0;
    for (size_t i = 0; i < E.n; i++) {
        edit *e = &E.v[i];
        if (i > 0 && e->off == E.v[i - 1].off && !strcmp(e->new_, E.v[i - 1].new_))
            continue; /* the same edit twice (a reference seen from two places) */
        if (e->off < pos) {
            sk_buf_free(&b);
            sk_err_at(err, doc->src->path, e->line, e->byte_col, "cannot fix: overlapping edits at line %d", e->line);
            goto done;
        }
        sk_buf_put(&b, orig + pos, e->off - pos);
        sk_buf_puts(&b, e->new_);
        pos = e->off + e->len;
        applied++;
    }
    sk_buf_put(&b, orig + pos, orig_len - pos);
    *out_len = b.len;
    *out = sk_buf_detach(&b);
    rc = applied;
done:
    free(starts);
    edits_free(&E);
    return rc;
}

/* ---------- unified diff ---------- */

typedef struct lines {
    const char **p;
    size_t *len; /* with the line end */
    size_t n;
} lines;

static void split_lines(lines *L, const char *s, size_t n)
{
    size_t cap = 64;
    L->p = sk_malloc(cap * sizeof *L->p);
    L->len = sk_malloc(cap * sizeof *L->len);
    L->n = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        if (j < n)
            j++;
        if (L->n == cap) {
            cap *= 2;
            L->p = sk_realloc(L->p, cap * sizeof *L->p);
            L->len = sk_realloc(L->len, cap * sizeof *L->len);
        }
        L->p[L->n] = s + i;
        L->len[L->n++] = j - i;
        i = j;
    }
}

static int line_eq(const lines *a, size_t i, const lines *b, size_t j)
{
    return a->len[i] == b->len[j] && !memcmp(a->p[i], b->p[j], a->len[i]);
}

static void put_line(sk_buf *out, char mark, const char *p, size_t len)
{
    sk_buf_putc(out, mark);
    sk_buf_put(out, p, len);
    if (!len || p[len - 1] != '\n')
        sk_buf_puts(out, "\n\\ No newline at end of file\n");
}

#define CONTEXT 3

void sk_fix_diff(sk_buf *out, const char *path, const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen == blen && !memcmp(a, b, alen))
        return;
    lines A, B;
    split_lines(&A, a, alen);
    split_lines(&B, b, blen);
    /* --fix never adds or removes a line: lines pair up one to one. Otherwise
     * (not expected) the differing middle is one change between common ends. */
    size_t head = 0, tail = 0;
    if (A.n != B.n) {
        while (head < A.n && head < B.n && line_eq(&A, head, &B, head))
            head++;
        while (tail < A.n - head && tail < B.n - head && line_eq(&A, A.n - 1 - tail, &B, B.n - 1 - tail))
            tail++;
    }
    sk_buf_printf(out, "--- %s\n+++ %s\n", path, path);
    size_t i = 0;
    size_t n = A.n < B.n ? A.n : B.n;
    while (i < A.n || i < B.n) {
        /* next changed line */
        size_t first = i;
        if (A.n == B.n) {
            while (first < n && line_eq(&A, first, &B, first))
                first++;
            if (first >= n)
                break;
        } else {
            first = head;
        }
        /* extend the hunk while changes are within 2*CONTEXT lines of each other */
        size_t last = first; /* last changed line (inclusive) */
        if (A.n == B.n) {
            for (size_t k = first + 1; k < n && k <= last + 2 * CONTEXT; k++)
                if (!line_eq(&A, k, &B, k))
                    last = k;
        }
        size_t from = first > CONTEXT ? first - CONTEXT : 0;
        if (A.n == B.n) {
            size_t to = last + CONTEXT + 1 < n ? last + CONTEXT + 1 : n;
            sk_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, to - from, from + 1, to - from);
            for (size_t k = from; k < to; k++) {
                if (line_eq(&A, k, &B, k)) {
                    put_line(out, ' ', A.p[k], A.len[k]);
                } else {
                    put_line(out, '-', A.p[k], A.len[k]);
                }
                /* GNU diff groups the - lines of a run before its + lines */
                if (!line_eq(&A, k, &B, k) && (k + 1 >= to || line_eq(&A, k + 1, &B, k + 1))) {
                    size_t r = k;
                    while (r > from && !line_eq(&A, r - 1, &B, r - 1))
                        r--;
                    for (size_t q = r; q <= k; q++)
                        put_line(out, '+', B.p[q], B.len[q]);
                }
            }
            i = to;
        } else {
            size_t a_to = A.n - tail, b_to = B.n - tail;
            size_t a_end = a_to + CONTEXT < A.n ? a_to + CONTEXT : A.n;
            size_t b_end = b_to + CONTEXT < B.n ? b_to + CONTEXT : B.n;
            sk_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, a_end - from, from + 1, b_end - from);
            for (size_t k = from; k < first; k++)
                put_line(out, ' ', A.p[k], A.len[k]);
            for (size_t k = first; k < a_to; k++)
                put_line(out, '-', A.p[k], A.len[k]);
            for (size_t k = first; k < b_to; k++)
                put_line(out, '+', B.p[k], B.len[k]);
            for (size_t k = a_to; k < a_end; k++)
                put_line(out, ' ', A.p[k], A.len[k]);
            break;
        }
    }
    free(A.p);
    free(A.len);
    free(B.p);
    free(B.len);
}
