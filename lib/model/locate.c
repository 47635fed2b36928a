#include "model/locate.h"

#include <stdlib.h>
#include <string.h>

#include "model/display.h"

void sk_locate_spans_free(sk_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static void spans_push(sk_spans *s, sk_span sp)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = sk_realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = sp;
}

static const char *line_of(const sk_doc *doc, int line, size_t *len)
{
    return sk_source_line(doc->src, line, len);
}

/* Is text at bytes [at, at + n) of the line? */
static int text_at(const sk_doc *doc, int line, size_t at, const char *text, size_t n)
{
    size_t len;
    const char *l = line_of(doc, line, &len);
    return at + n <= len && !memcmp(l + at, text, n);
}

/* Where text stands on line: at byte at, as the model recorded it, or else at the
 * nearest place the same text stands (cmark-gfm counts the columns of a lazy
 * continuation line with the indent of the list item it continues). -1 when the
 * line does not hold it. */
static int settle(const sk_doc *doc, int line, size_t at, const char *text, size_t n, size_t *out)
{
    if (text_at(doc, line, at, text, n)) {
        *out = at;
        return 0;
    }
    size_t len;
    const char *l = line_of(doc, line, &len), *best = NULL;
    for (const char *p = l; n && (p = memmem(p, len - (size_t)(p - l), text, n)); p++) {
        size_t d = (size_t)(p - l) > at ? (size_t)(p - l) - at : at - (size_t)(p - l);
        if (!best || d < ((size_t)(best - l) > at ? (size_t)(best - l) - at : at - (size_t)(best - l)))
            best = p;
        if ((size_t)(p - l) + n >= len)
            break;
    }
    if (!best)
        return -1;
    *out = (size_t)(best - l);
    return 0;
}

/* memmem on a line from byte from. */
static const char *find_in_line(const sk_doc *doc, int line, size_t from, const char *what, size_t n)
{
    size_t len;
    const char *l = line_of(doc, line, &len);
    if (from > len || !n)
        return NULL;
    return memmem(l + from, len - from, what, n);
}

int sk_locate_ref_span(const sk_doc *doc, const sk_inline *in, sk_span *out, sk_span *id)
{
    if ((in->type != SK_I_REF && in->type != SK_I_STDREF) || in->line <= 0 || in->byte_col <= 0)
        return -1;
    size_t at = (size_t)(in->byte_col - 1), len;
    const char *l = line_of(doc, in->line, &len);
    if (in->type == SK_I_REF && in->ref_kind == SK_REF_ANCHOR) {
        if (!in->target)
            return -1;
        if (at >= len || l[at] != '[') {
            /* the link's place, found by its "](#id)" */
            char *tail = sk_asprintf("](#%s)", in->target);
            size_t t;
            int ok = settle(doc, in->line, at, tail, strlen(tail), &t) == 0;
            free(tail);
            if (!ok)
                return -1;
            while (t > 0 && l[t] != '[')
                t--;
            if (l[t] != '[')
                return -1;
            at = t;
        }
        /* "](#id)" after the link text on the same line */
        char *tail = sk_asprintf("](#%s)", in->target);
        const char *p = find_in_line(doc, in->line, at, tail, strlen(tail));
        size_t tl = strlen(tail);
        free(tail);
        if (!p)
            return -1;
        *out = (sk_span){ in->line, at, (size_t)(p - l) + tl };
        if (id)
            *id = (sk_span){ in->line, (size_t)(p - l) + 3, (size_t)(p - l) + tl - 1 };
        return 0;
    }
    size_t n = in->text ? strlen(in->text) : 0;
    if (!n || settle(doc, in->line, at, in->text, n, &at) < 0)
        return -1;
    *out = (sk_span){ in->line, at, at + n };
    if (id)
        *id = *out;
    return 0;
}

/* ---------- definitions ---------- */

static sk_span whole_line(const sk_doc *doc, int line)
{
    size_t len;
    const char *l = line_of(doc, line, &len);
    size_t a = 0, b = len;
    while (a < b && (l[a] == ' ' || l[a] == '\t'))
        a++;
    while (b > a && (l[b - 1] == ' ' || l[b - 1] == '\t'))
        b--;
    return (sk_span){ line, a, b };
}

/* The line that names n: a table's caption, any other element's first line. */
static int def_line(const sk_node *n)
{
    if ((n->type == SK_N_TABLE || n->type == SK_N_FIGURE) && n->caption_line > 0)
        return n->caption_line;
    return n->line;
}

sk_span sk_locate_def(const sk_doc *doc, const sk_node *n)
{
    return whole_line(doc, def_line(n));
}

int sk_locate_anchor_def(const sk_doc *doc, const sk_node *n, sk_span *out)
{
    if (!n->id || !*n->id)
        return -1;
    size_t il = strlen(n->id);
    /* a formula's attributes may stand on its last line */
    int last = n->type == SK_N_FORMULA ? sk_locate_end(doc, n) : def_line(n);
    for (int line = def_line(n); line <= last && line <= (int)doc->src->nlines; line++) {
        size_t len;
        const char *l = line_of(doc, line, &len);
        /* the last "{" of the line opens the attributes; "#id" is one of its words */
        const char *open = NULL;
        for (size_t i = 0; i < len; i++)
            if (l[i] == '{')
                open = l + i;
        if (!open)
            continue;
        for (const char *p = open; p + 1 + il <= l + len; p++) {
            if (*p == '}')
                break;
            if (*p == '#' && (p[-1] == '{' || p[-1] == ' ' || p[-1] == '\t') && !memcmp(p + 1, n->id, il) &&
                (p + 1 + il == l + len || p[1 + il] == ' ' || p[1 + il] == '\t' || p[1 + il] == '}')) {
                *out = (sk_span){ line, (size_t)(p + 1 - l), (size_t)(p + 1 - l) + il };
                return 0;
            }
        }
    }
    return -1;
}

int sk_locate_number(const sk_doc *doc, const sk_node *n, sk_span *out)
{
    if (!n->num_written || n->num_line <= 0 || n->num_byte_col <= 0)
        return -1;
    size_t at = (size_t)(n->num_byte_col - 1), k = strlen(n->num_written);
    if (!text_at(doc, n->num_line, at, n->num_written, k))
        return -1;
    *out = (sk_span){ n->num_line, at, at + k };
    return 0;
}

int sk_locate_end(const sk_doc *doc, const sk_node *n)
{
    if (n->type != SK_N_SECTION && n->type != SK_N_FORMULA && n->type != SK_N_TABLE)
        return n->line;
    int end;
    if (n->type == SK_N_SECTION) {
        const sk_node *p = n;
        while (p && !p->next)
            p = p->parent;
        end = p && p->next ? p->next->line - 1 : (int)doc->src->nlines;
    } else {
        /* a formula or table: up to the next block */
        end = n->next ? n->next->line - 1 : n->parent ? sk_locate_end(doc, n->parent) : n->line;
        if (n->type == SK_N_TABLE && n->table && n->table->nrows)
            end = n->table->rows[n->table->nrows - 1].line > n->line ? n->table->rows[n->table->nrows - 1].line : end;
    }
    if (end < n->line)
        end = n->line;
    while (end > n->line) {
        size_t len;
        const char *l = line_of(doc, end, &len);
        size_t i = 0;
        while (i < len && (l[i] == ' ' || l[i] == '\t'))
            i++;
        if (i < len)
            break;
        end--;
    }
    return end;
}

/* ---------- what is at a position ---------- */

static int is_target(const sk_node *n)
{
    return n->type == SK_N_SECTION || n->type == SK_N_TABLE || n->type == SK_N_FIGURE || n->type == SK_N_FORMULA ||
           (n->type == SK_N_ITEM && n->num[0]);
}

typedef struct at_ctx {
    const sk_doc *doc;
    int line;
    size_t byte;
    sk_loc *out;
    int found;
} at_ctx;

static int term_in_run(const sk_doc *doc, const sk_inline *in, size_t byte, sk_loc *out);

static void at_run(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    at_ctx *C = arg;
    if (C->found || in->line != C->line)
        return;
    if (in->type == SK_I_REF || in->type == SK_I_STDREF) {
        sk_span sp, id;
        if (sk_locate_ref_span(C->doc, in, &sp, &id) < 0 || C->byte < sp.start || C->byte >= sp.end)
            return;
        C->found = 1;
        C->out->in = in;
        if (in->type == SK_I_STDREF) {
            C->out->kind = SK_LOC_STDREF;
            C->out->span = sp;
            C->out->stdref = sk_locate_stdref(C->doc, in);
        } else {
            C->out->kind = SK_LOC_REF;
            C->out->node = in->node;
            C->out->span = sp;
            if (in->ref_kind == SK_REF_ANCHOR && C->byte >= id.start && C->byte <= id.end) {
                C->out->span = id;
                C->out->on_anchor = 1;
            }
        }
        return;
    }
    if (in->type == SK_I_TEXT && !(in->flags & SK_F_CODE) && in->byte_col > 0)
        C->found = term_in_run(C->doc, in, C->byte, C->out);
}

/* The term entries of chapter 3 (SK_S_TERM sections with a title). */
static void terms_of(const sk_doc *doc, sk_vec *out)
{
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_SECTION && n->sect == SK_S_TERM && n->title && *n->title)
            sk_vec_push(out, (void *)n);
}

/* A term used in a text run at byte: the longest term covering it. */
static int term_in_run(const sk_doc *doc, const sk_inline *in, size_t byte, sk_loc *out)
{
    size_t at = (size_t)(in->byte_col - 1), n = strlen(in->text);
    if (!n || settle(doc, in->line, at, in->text, n, &at) < 0 || byte < at || byte >= at + n)
        return 0;
    sk_vec terms = { 0 };
    terms_of(doc, &terms);
    const sk_node *best = NULL;
    size_t bs = 0, be = 0;
    for (size_t i = 0; i < terms.len; i++) {
        const sk_node *t = terms.items[i];
        size_t tl = strlen(t->title);
        for (const char *p = in->text; (p = memmem(p, n - (size_t)(p - in->text), t->title, tl)); p += tl) {
            size_t s = at + (size_t)(p - in->text);
            if (byte >= s && byte < s + tl && (!best || tl > be - bs)) {
                best = t;
                bs = s;
                be = s + tl;
            }
            if ((size_t)(p - in->text) + tl >= n)
                break;
        }
    }
    sk_vec_free(&terms);
    if (!best)
        return 0;
    out->kind = SK_LOC_TERM;
    out->node = best;
    out->span = (sk_span){ in->line, bs, be };
    return 1;
}

int sk_locate_at(sk_loc *out, const sk_doc *doc, int line, size_t byte)
{
    sk_loc L;
    memset(&L, 0, sizeof L);
    at_ctx C = { .doc = doc, .line = line, .byte = byte, .out = &L };
    sk_doc_each_inline(doc, at_run, &C);
    if (C.found) {
        *out = L;
        return 1;
    }
    /* a heading, caption, figure or formula on this line */
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (!is_target(n) || def_line(n) > line || (n->type != SK_N_FORMULA && def_line(n) != line))
            continue;
        if (n->type == SK_N_FORMULA && sk_locate_end(doc, n) < line)
            continue;
        sk_span sp;
        L.kind = SK_LOC_TARGET;
        L.node = n;
        L.span = sk_locate_def(doc, n);
        if (n->type == SK_N_FORMULA)
            L.span.line = line;
        if (sk_locate_anchor_def(doc, n, &sp) == 0 && sp.line == line && byte + 1 >= sp.start && byte <= sp.end) {
            L.span = sp;
            L.on_anchor = 1;
        } else if (sk_locate_number(doc, n, &sp) == 0 && sp.line == line && byte >= sp.start && byte <= sp.end) {
            L.span = sp;
            L.on_number = 1;
        }
        *out = L;
        return 1;
    }
    return 0;
}

/* ---------- references ---------- */

typedef struct refs_ctx {
    const sk_node *node;
    const char *id;
    sk_vec *out;
} refs_ctx;

static void refs_run(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    refs_ctx *C = arg;
    if (in->type != SK_I_REF)
        return;
    if (C->node ? in->node == C->node
                : in->ref_kind == SK_REF_ANCHOR && in->target && !strcmp(in->target, C->id))
        sk_vec_push(C->out, (void *)in);
}

void sk_locate_refs(const sk_doc *doc, const sk_node *n, sk_vec *out)
{
    refs_ctx C = { .node = n, .out = out };
    sk_doc_each_inline(doc, refs_run, &C);
}

void sk_locate_anchor_refs(const sk_doc *doc, const char *id, sk_vec *out)
{
    refs_ctx C = { .id = id, .out = out };
    sk_doc_each_inline(doc, refs_run, &C);
}

typedef struct uses_ctx {
    const sk_doc *doc;
    const sk_node *term;
    sk_vec terms;
    sk_spans *out;
} uses_ctx;

static void uses_run(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    uses_ctx *C = arg;
    if (in->type != SK_I_TEXT || (in->flags & SK_F_CODE) || in->line <= 0 || in->byte_col <= 0)
        return;
    size_t at = (size_t)(in->byte_col - 1), n = strlen(in->text), tl = strlen(C->term->title);
    if (n < tl || settle(C->doc, in->line, at, in->text, n, &at) < 0)
        return;
    for (const char *p = in->text; (p = memmem(p, n - (size_t)(p - in->text), C->term->title, tl)); p += tl) {
        size_t s = (size_t)(p - in->text);
        /* inside a longer term ("党员活动日记录表" is not a use of "党员活动日"
         * when 记录表 is a term of its own) the use belongs to the longer term */
        int longer = 0;
        for (size_t i = 0; i < C->terms.len && !longer; i++) {
            const sk_node *o = C->terms.items[i];
            size_t ol = strlen(o->title);
            if (o == C->term || ol <= tl || !strstr(o->title, C->term->title))
                continue;
            for (const char *q = in->text; (q = memmem(q, n - (size_t)(q - in->text), o->title, ol)); q++) {
                size_t qs = (size_t)(q - in->text);
                if (qs <= s && s + tl <= qs + ol) {
                    longer = 1;
                    break;
                }
                if (qs > s)
                    break;
            }
        }
        if (!longer)
            spans_push(C->out, (sk_span){ in->line, at + s, at + s + tl });
        if (s + tl >= n)
            break;
    }
}

void sk_locate_term_uses(const sk_doc *doc, const sk_node *term, sk_spans *out)
{
    if (!term->title || !*term->title)
        return;
    uses_ctx C = { .doc = doc, .term = term, .out = out };
    terms_of(doc, &C.terms);
    sk_doc_each_inline(doc, uses_run, &C);
    sk_vec_free(&C.terms);
}

const sk_stdref *sk_locate_stdref(const sk_doc *doc, const sk_inline *in)
{
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *r = doc->stdrefs.items[i];
        if (r->line == in->line && r->col == in->col)
            return r;
    }
    return NULL;
}

/* ---------- text ---------- */

static void append_block(sk_buf *b, const sk_node *n)
{
    if (n->in.n) {
        char *t = sk_display_text(&n->in);
        if (b->len)
            sk_buf_puts(b, "\n\n");
        sk_buf_puts(b, t);
        free(t);
    }
}

char *sk_locate_text(const sk_node *n)
{
    sk_buf b;
    sk_buf_init(&b);
    int blocks = 0;
    if (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE) {
        append_block(&b, n);
    } else if (n->type == SK_N_FORMULA && n->src) {
        sk_buf_printf(&b, "$$ %s $$", n->src);
    } else {
        /* the first blocks under it, before any sub-section */
        for (const sk_node *c = n->first; c && blocks < 2; c = c->next) {
            if (c->type == SK_N_SECTION)
                break;
            if (c->type == SK_N_PARA || c->type == SK_N_NOTE || c->type == SK_N_EXAMPLE) {
                append_block(&b, c);
                blocks++;
            } else if (c->type == SK_N_LIST) {
                for (const sk_node *it = c->first; it && blocks < 4; it = it->next)
                    for (const sk_node *p = it->first; p; p = p->next)
                        if (p->type == SK_N_PARA) {
                            append_block(&b, p);
                            blocks++;
                            break;
                        }
            }
        }
    }
    if (!b.len) {
        sk_buf_free(&b);
        return NULL;
    }
    return sk_buf_detach(&b);
}
