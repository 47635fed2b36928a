#include "run/lspfeat.h"

#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "check/fix.h"
#include "check/refs.h"
#include "model/display.h"
#include "model/model.h"
#include "run/stdnew.h"
#include "text/stdnum.h"

#define U3000 "\xE3\x80\x80"

/* ---------- the position a request names ---------- */

/* The document and what is at params.position, with a fresh model: 1 found, 0
 * nothing there (*d still set), -1 after an error reply. */
static int request_at(sk_lsp *S, const sk_json *id, const sk_json *params, sk_lsp_doc **dp, sk_loc *L,
                      size_t *offp)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, id, params);
    if (!d)
        return -1;
    size_t off;
    if (sk_lsp_position(S, d, sk_json_get(params, "position"), &off) < 0) {
        sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "params.position is not a Position {line, character}");
        return -1;
    }
    d = sk_lsp_fresh(S, d);
    *dp = d;
    if (offp)
        *offp = off;
    memset(L, 0, sizeof *L);
    if (!d->model)
        return 0;
    int line;
    size_t byte;
    sk_lsp_off_src(d, off, &line, &byte);
    return sk_locate_at(L, d->model, line, byte);
}

/* The element a location stands for: a resolved reference's target, a term, a
 * heading or caption; NULL for a cited standard or an unresolved reference. */
static const sk_node *target_of(const sk_loc *L)
{
    return L->kind == SK_LOC_REF || L->kind == SK_LOC_TERM || L->kind == SK_LOC_TARGET ? L->node : NULL;
}

/* The number and code of the standard a STDREF location names. */
static void stdref_of(const sk_loc *L, const char **number, const char **code)
{
    *number = L->stdref ? L->stdref->number : L->in->text;
    *code = L->stdref ? L->stdref->code : L->in->target;
}

/* ---------- definition ---------- */

/* The Location of an element: its heading or caption line; a formula's lines. */
static void w_def(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_node *n)
{
    if (n->type != SK_N_FORMULA) {
        sk_lsp_w_location(S, w, d, sk_locate_def(d->model, n));
        return;
    }
    int end = sk_locate_end(d->model, n);
    size_t len;
    sk_source_line(d->model->src, end, &len);
    sk_json_w_obj(w);
    sk_json_w_key(w, "uri");
    sk_json_w_str(w, d->uri);
    sk_json_w_key(w, "range");
    sk_lsp_w_range(S, w, &d->text, sk_lsp_src_off(d, n->line, 0), sk_lsp_src_off(d, end, len));
    sk_json_w_end(w);
}

void sk_lspfeat_definition(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d;
    sk_loc L;
    int r = request_at(S, id, params, &d, &L, NULL);
    if (r < 0)
        return;
    /* on a heading itself there is nowhere to go */
    const sk_node *t = r && L.kind != SK_LOC_TARGET ? target_of(&L) : NULL;
    sk_json_writer w;
    if (t) {
        sk_lsp_result(S, &w, id);
        w_def(S, &w, d, t);
        sk_lsp_send(S, &w);
        return;
    }
    if (r && L.kind == SK_LOC_STDREF) {
        const char *number, *code;
        stdref_of(&L, &number, &code);
        const sk_entry *e = sk_lsp_cited(d, number, code);
        if (e && e->meta) {
            sk_lsp_result(S, &w, id);
            sk_lsp_w_file_line(S, &w, e->path, e->meta->line[SK_META_NUMBER] ? e->meta->line[SK_META_NUMBER] : 1);
            sk_lsp_send(S, &w);
            return;
        }
    }
    sk_lsp_null(S, id);
}

/* ---------- references ---------- */

typedef struct stdrefs_ctx {
    const sk_doc *doc;
    const char *key;
    sk_spans *out;
} stdrefs_ctx;

static void stdref_run(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    stdrefs_ctx *C = arg;
    sk_span sp;
    if (in->type != SK_I_STDREF || !in->target || sk_locate_ref_span(C->doc, in, &sp, NULL) < 0)
        return;
    char *k = sk_stdnum_key(in->target);
    if (!strcmp(k, C->key)) {
        if (C->out->n == C->out->cap) {
            C->out->cap = C->out->cap ? C->out->cap * 2 : 16;
            C->out->v = sk_realloc(C->out->v, C->out->cap * sizeof *C->out->v);
        }
        C->out->v[C->out->n++] = sp;
    }
    free(k);
}

static void stdref_spans(const sk_doc *doc, const char *key, sk_spans *out)
{
    stdrefs_ctx C = { doc, key, out };
    sk_doc_each_inline(doc, stdref_run, &C);
}

static void w_spans(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_spans *sp)
{
    for (size_t i = 0; i < sp->n; i++)
        sk_lsp_w_location(S, w, d, sp->v[i]);
}

void sk_lspfeat_references(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d;
    sk_loc L;
    int r = request_at(S, id, params, &d, &L, NULL);
    if (r < 0)
        return;
    if (!r) {
        sk_lsp_null(S, id);
        return;
    }
    const sk_json *decl = sk_json_path(params, "context", "includeDeclaration", NULL);
    int with_decl = decl && decl->type == SK_JSON_TRUE;
    const sk_doc *doc = d->model;
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_arr(&w);
    const sk_node *t = target_of(&L);
    if (t) {
        if (with_decl)
            w_def(S, &w, d, t);
        sk_vec refs = { 0 };
        sk_locate_refs(doc, t, &refs);
        sk_spans sp = { 0 };
        for (size_t i = 0; i < refs.len; i++) {
            sk_span s;
            if (sk_locate_ref_span(doc, refs.items[i], &s, NULL) == 0) {
                sk_spans one = { &s, 1, 1 };
                w_spans(S, &w, d, &one);
            }
        }
        sk_vec_free(&refs);
        if (t->type == SK_N_SECTION && t->sect == SK_S_TERM) {
            sk_locate_term_uses(doc, t, &sp);
            w_spans(S, &w, d, &sp);
        }
        sk_locate_spans_free(&sp);
    } else if (L.kind == SK_LOC_REF && L.in->ref_kind == SK_REF_ANCHOR && L.in->target) {
        /* an unresolved link: the other links naming the same id */
        sk_vec refs = { 0 };
        sk_locate_anchor_refs(doc, L.in->target, &refs);
        for (size_t i = 0; i < refs.len; i++) {
            sk_span s;
            if (sk_locate_ref_span(doc, refs.items[i], &s, NULL) == 0)
                sk_lsp_w_location(S, &w, d, s);
        }
        sk_vec_free(&refs);
    } else if (L.kind == SK_LOC_STDREF) {
        /* a standard: its citations here and in the other standards of the system */
        const char *number, *code;
        stdref_of(&L, &number, &code);
        char *key = sk_stdnum_key(code ? code : number);
        const sk_entry *e = sk_lsp_cited(d, number, code);
        if (with_decl && e && e->meta)
            sk_lsp_w_file_line(S, &w, e->path, e->meta->line[SK_META_NUMBER]);
        sk_spans sp = { 0 };
        stdref_spans(doc, key, &sp);
        w_spans(S, &w, d, &sp);
        sk_locate_spans_free(&sp);
        const sk_catalog *cat = d->sys ? d->sys->cat : NULL;
        for (size_t i = 0; cat && i < cat->n; i++) {
            sk_lsp_doc *o = sk_lsp_doc_by_path(S, cat->v[i].path), *tmp = NULL;
            if (o == d || (d->path && !o && sk_fs_same_file(cat->v[i].path, d->path)))
                continue;
            if (o)
                o = sk_lsp_fresh(S, o);
            else
                o = tmp = sk_lsp_doc_load(S, cat->v[i].path);
            if (o && o->model) {
                stdref_spans(o->model, key, &sp);
                w_spans(S, &w, o, &sp);
                sk_locate_spans_free(&sp);
            }
            sk_lsp_doc_free(tmp);
        }
        free(key);
    }
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

/* ---------- hover ---------- */

/* At most max code points of s, "…" when cut. */
static void put_cut(sk_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s), cp = 0, i = 0;
    while (i < n && cp < max) {
        unsigned char c = (unsigned char)s[i];
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cp++;
    }
    if (i > n)
        i = n;
    sk_buf_put(b, s, i);
    if (i < n)
        sk_buf_puts(b, "…");
}

static const char *annex_type_name(sk_annex_type t)
{
    return t == SK_ANNEX_NORMATIVE ? "（规范性）" : t == SK_ANNEX_INFORMATIVE ? "（资料性）" : "";
}

/* What an element is, as a hover shows it: "**5.2　标题**" and its first lines. */
static void describe(sk_buf *b, const sk_node *n)
{
    char *label = sk_display_label(n);
    switch (n->type) {
    case SK_N_SECTION:
        if (n->sect == SK_S_ANNEX)
            sk_buf_printf(b, "**%s%s　%s**", label, annex_type_name(n->annex_type), n->title ? n->title : "");
        else if (n->level == 1 && n->num[0])
            sk_buf_printf(b, "**%s　%s**（%s）", n->num, n->title ? n->title : "", label);
        else {
            char *h = sk_display_heading(n);
            sk_buf_printf(b, "**%s**", h);
            free(h);
        }
        break;
    case SK_N_TABLE:
    case SK_N_FIGURE:
        sk_buf_printf(b, "**%s　%s**", label, n->caption ? n->caption : "");
        break;
    default:
        sk_buf_printf(b, "**%s**", label);
    }
    free(label);
    char *text = sk_locate_text(n);
    if (n->type == SK_N_SECTION && n->sect == SK_S_TERM) {
        /* a term: its English equivalent, then the definition */
        const sk_node *en = NULL, *def = NULL;
        for (const sk_node *c = n->first; c; c = c->next) {
            if (c->type == SK_N_PARA && c->term_part == SK_TP_EN && !en)
                en = c;
            if (c->type == SK_N_PARA && c->term_part == SK_TP_DEFINITION && !def)
                def = c;
        }
        free(text);
        text = NULL;
        if (en) {
            char *t = sk_display_text(&en->in);
            sk_buf_printf(b, "　%s", t);
            free(t);
        }
        if (def)
            text = sk_display_text(&def->in);
    }
    if (n->type == SK_N_ITEM && n->first)
        text = sk_locate_text(n->first);
    if (text) {
        sk_buf_puts(b, "\n\n");
        put_cut(b, text, 240);
    }
    free(text);
}

static const char *status_name(sk_status s)
{
    switch (s) {
    case SK_STATUS_DRAFT: return "草案 (draft)";
    case SK_STATUS_CURRENT: return "现行 (current)";
    case SK_STATUS_WITHDRAWN: return "废止 (withdrawn)";
    default: return "status unknown";
    }
}

/* A cited standard: from the system, else chapter 2 or 参考文献. */
static void describe_stdref(sk_buf *b, const sk_lsp_doc *d, const char *number, const char *code)
{
    const sk_entry *e = sk_lsp_cited(d, number, code);
    if (e && e->meta) {
        const sk_meta *m = e->meta;
        char *title = sk_meta_title(m);
        sk_buf_printf(b, "**%s**　%s\n\n%s", m->str[SK_META_NUMBER] ? m->str[SK_META_NUMBER] : number,
                      title ? title : "", status_name(m->status));
        free(title);
        if (m->str[SK_META_CATEGORY] && d->sys && d->sys->cat && d->sys->cat->sys) {
            const sk_category *c = sk_system_category(d->sys->cat->sys, m->str[SK_META_CATEGORY]);
            if (c)
                sk_buf_printf(b, " · %s（%s）", c->name, c->code);
        }
        if (m->str[SK_META_REPLACED_BY])
            sk_buf_printf(b, " · replaced by %s", m->str[SK_META_REPLACED_BY]);
        sk_buf_printf(b, "\n\n%s", e->path);
        return;
    }
    /* listed in chapter 2 or 参考文献 with a title */
    char *key = sk_stdnum_key(code ? code : number);
    for (size_t i = 0; i < d->model->stdrefs.len; i++) {
        const sk_stdref *r = d->model->stdrefs.items[i];
        char *k = sk_stdnum_key(r->code);
        int same = !strcmp(k, key) && r->title && *r->title;
        free(k);
        if (same) {
            sk_buf_printf(b, "**%s**　%s\n\n%s", r->number, r->title, r->in_normref ? "规范性引用文件" : "参考文献");
            free(key);
            return;
        }
    }
    free(key);
    sk_buf_printf(b, "**%s**\n\n%s", number,
                  d->sys ? "not a standard of the system, nor listed with a title in this standard"
                         : "not listed with a title in this standard");
}

void sk_lspfeat_hover(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d;
    sk_loc L;
    int r = request_at(S, id, params, &d, &L, NULL);
    if (r < 0)
        return;
    sk_buf b;
    sk_buf_init(&b);
    const sk_node *t = r ? target_of(&L) : NULL;
    if (t) {
        describe(&b, t);
        if (L.kind == SK_LOC_TARGET) {
            sk_vec refs = { 0 };
            sk_locate_refs(d->model, t, &refs);
            if (t->num_written && strcmp(t->num_written, t->num) && t->num[0])
                sk_buf_printf(&b, "\n\nwritten %s: its number is %s (rename it to %s, or stdcheck --fix)",
                              t->num_written, t->num, t->num);
            sk_buf_printf(&b, "\n\nreferred to %zu time%s", refs.len, refs.len == 1 ? "" : "s");
            sk_vec_free(&refs);
        }
    } else if (r && L.kind == SK_LOC_STDREF) {
        const char *number, *code;
        stdref_of(&L, &number, &code);
        describe_stdref(&b, d, number, code);
    } else if (r && L.kind == SK_LOC_REF) {
        sk_buf_printf(&b, "**%s**: no such %s in this standard", L.in->text && *L.in->text ? L.in->text : L.in->target,
                      L.in->ref_kind == SK_REF_ANCHOR ? "anchor" : "element");
    }
    if (!b.len) {
        sk_buf_free(&b);
        sk_lsp_null(S, id);
        return;
    }
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "contents");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "kind");
    sk_json_w_str(&w, "markdown");
    sk_json_w_key(&w, "value");
    sk_json_w_str(&w, b.data);
    sk_json_w_end(&w);
    sk_json_w_key(&w, "range");
    sk_lsp_w_span(S, &w, d, L.span);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
    sk_buf_free(&b);
}

/* ---------- edits ---------- */

/* A TextEdit replacing bytes [a, b) of d's text. */
static void w_edit(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, size_t a, size_t b, const char *text)
{
    sk_json_w_obj(w);
    sk_json_w_key(w, "range");
    sk_lsp_w_range(S, w, &d->text, a, b);
    sk_json_w_key(w, "newText");
    sk_json_w_str(w, text);
    sk_json_w_end(w);
}

static void w_span_edit(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, sk_span sp, const char *text)
{
    w_edit(S, w, d, sk_lsp_src_off(d, sp.line, sp.start), sk_lsp_src_off(d, sp.line, sp.end), text);
}

/* {"changes": {uri: [ … — the caller writes the edits, then we_end. */
static void we_begin(sk_json_writer *w, const sk_lsp_doc *d)
{
    sk_json_w_obj(w);
    sk_json_w_key(w, "changes");
    sk_json_w_obj(w);
    sk_json_w_key(w, d->uri);
    sk_json_w_arr(w);
}

static void we_end(sk_json_writer *w)
{
    sk_json_w_end(w);
    sk_json_w_end(w);
    sk_json_w_end(w);
}

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

static int num_tok(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.';
}

/* The edits that turn d's text into fixed (same lines, as sk_fix_apply gives):
 * each changed line's differing middle. Returns their number. */
static int w_line_edits(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const char *fixed, size_t flen)
{
    sk_textdoc f;
    sk_textdoc_init(&f);
    sk_textdoc_set(&f, fixed, flen);
    int n = 0;
    for (size_t i = 0; i < d->text.nlines && i < f.nlines; i++) {
        size_t al, bl;
        const char *a = sk_textdoc_line(&d->text, i, &al), *b = sk_textdoc_line(&f, i, &bl);
        if (al == bl && !memcmp(a, b, al))
            continue;
        size_t p = 0;
        while (p < al && p < bl && a[p] == b[p])
            p++;
        while (p > 0 && (is_cont((unsigned char)a[p < al ? p : al - 1]) || (p < bl && is_cont((unsigned char)b[p]))))
            p--;
        size_t s = 0;
        while (s < al - p && s < bl - p && a[al - 1 - s] == b[bl - 1 - s])
            s++;
        while (s > 0 && al - s < al && is_cont((unsigned char)a[al - s]))
            s--;
        /* whole numbers: "4.4" → "4.3", not "4" → "3" */
        while (p > 0 && num_tok(a[p - 1]))
            p--;
        while (s > 0 && num_tok(a[al - s]) && num_tok(b[bl - s]))
            s--;
        char *mid = sk_strndup(b + p, bl - s - p);
        size_t off = (size_t)(a - d->text.data);
        w_edit(S, w, d, off + p, off + al - s, mid);
        free(mid);
        n++;
    }
    sk_textdoc_free(&f);
    return n;
}

/* stdcheck --fix's renumbering of d as bytes (NULL when nothing changes). */
static char *fixed_text(const sk_lsp_doc *d, size_t *len, sk_err *err)
{
    char *out = NULL;
    *len = 0;
    if (!d->model || sk_fix_apply(d->model, d->text.data, d->text.len, &out, len, err) <= 0)
        return NULL;
    return out;
}

/* ---------- rename ---------- */

static void spans_add(sk_spans *s, sk_span sp)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = sk_realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = sp;
}

static int anchor_id_ok(const char *s)
{
    if (!*s || strlen(s) > 128)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || strchr("{}()[]#<>\"'`\\|", *p) || *p == 0x7F)
            return 0;
    return 1;
}

void sk_lspfeat_prepare_rename(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d;
    sk_loc L;
    int r = request_at(S, id, params, &d, &L, NULL);
    if (r < 0)
        return;
    const char *placeholder = NULL;
    if (r && L.on_anchor)
        placeholder = L.kind == SK_LOC_REF ? L.in->target : L.node->id;
    else if (r && L.on_number && L.node->num[0])
        placeholder = L.node->num;
    if (!placeholder) {
        sk_lsp_error(S, id, SK_JSONRPC_REQUEST_FAILED,
                     "stdlsp renames anchors ({#id} and [](#id)) and the numbers written in headings and captions");
        return;
    }
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "range");
    sk_lsp_w_span(S, &w, d, L.span);
    sk_json_w_key(&w, "placeholder");
    sk_json_w_str(&w, placeholder);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

void sk_lspfeat_rename(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d;
    sk_loc L;
    const char *name = sk_json_str(sk_json_get(params, "newName"));
    if (!name) {
        sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "params.newName is missing");
        return;
    }
    int r = request_at(S, id, params, &d, &L, NULL);
    if (r < 0)
        return;
    const sk_doc *doc = d->model;
    sk_json_writer w;
    if (r && L.on_anchor) {
        const char *old = L.kind == SK_LOC_REF ? L.in->target : L.node->id;
        if (!anchor_id_ok(name)) {
            sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS,
                         "'%s' cannot be an anchor: write letters, digits, '-', '_', '.' or ':', without spaces", name);
            return;
        }
        const sk_node *taken = strcmp(name, old) ? sk_map_get(&doc->anchors, name) : NULL;
        if (taken) {
            sk_lsp_error(S, id, SK_JSONRPC_REQUEST_FAILED, "#%s is already the anchor of line %d", name, taken->line);
            return;
        }
        /* every place first: a rename that would miss one is refused */
        sk_spans places = { 0 };
        int missed = 0;
        for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
            sk_span sp;
            if (!n->id || strcmp(n->id, old))
                continue;
            if (sk_locate_anchor_def(doc, n, &sp) == 0)
                spans_add(&places, sp);
            else
                missed = n->line;
        }
        sk_vec refs = { 0 };
        sk_locate_anchor_refs(doc, old, &refs);
        for (size_t i = 0; i < refs.len; i++) {
            sk_span sp, idsp;
            const sk_inline *in = refs.items[i];
            if (sk_locate_ref_span(doc, in, &sp, &idsp) == 0)
                spans_add(&places, idsp);
            else
                missed = in->line;
        }
        sk_vec_free(&refs);
        if (missed) {
            sk_lsp_error(S, id, SK_JSONRPC_REQUEST_FAILED,
                         "#%s on line %d is not where the model says (a link over two lines?): rename it by hand", old,
                         missed);
            sk_locate_spans_free(&places);
            return;
        }
        sk_lsp_result(S, &w, id);
        we_begin(&w, d);
        for (size_t i = 0; i < places.n; i++)
            w_span_edit(S, &w, d, places.v[i], name);
        we_end(&w);
        sk_lsp_send(S, &w);
        sk_locate_spans_free(&places);
        return;
    }
    if (r && L.on_number && L.node->num[0]) {
        const sk_node *n = L.node;
        if (strcmp(name, n->num)) {
            sk_lsp_error(S, id, SK_JSONRPC_REQUEST_FAILED,
                         "numbers follow the order of the text: this one is %s, so it can only be renamed to %s "
                         "(which renumbers every heading, caption and reference, as stdcheck --fix)",
                         n->num, n->num);
            return;
        }
        sk_err e;
        sk_err_clear(&e);
        size_t flen;
        char *fixed = fixed_text(d, &flen, &e);
        if (!fixed && e.msg[0]) {
            sk_lsp_error(S, id, SK_JSONRPC_REQUEST_FAILED, "%s", e.msg);
            return;
        }
        sk_lsp_result(S, &w, id);
        we_begin(&w, d);
        if (fixed)
            w_line_edits(S, &w, d, fixed, flen);
        we_end(&w);
        sk_lsp_send(S, &w);
        free(fixed);
        return;
    }
    sk_lsp_error(S, id, SK_JSONRPC_REQUEST_FAILED,
                 "stdlsp renames anchors ({#id} and [](#id)) and the numbers written in headings and captions");
}

/* ---------- completion ---------- */

enum { CK_TEXT = 1, CK_FIELD = 5, CK_MODULE = 9, CK_PROPERTY = 10, CK_VALUE = 12, CK_KEYWORD = 14, CK_REFERENCE = 18,
       CK_ENUM_MEMBER = 20, CK_CONSTANT = 21 };

typedef struct compl {
    sk_lsp *S;
    sk_json_writer *w;
    const sk_lsp_doc *d;
    size_t from, to; /* the text the items replace */
    int n;
} compl;

static void item(compl *C, const char *label, const char *insert, const char *detail, int kind, const char *doc)
{
    sk_json_writer *w = C->w;
    sk_json_w_obj(w);
    sk_json_w_key(w, "label");
    sk_json_w_str(w, label);
    sk_json_w_key(w, "kind");
    sk_json_w_int(w, kind);
    if (detail) {
        sk_json_w_key(w, "detail");
        sk_json_w_str(w, detail);
    }
    if (doc) {
        sk_json_w_key(w, "documentation");
        sk_json_w_str(w, doc);
    }
    char sort[16];
    snprintf(sort, sizeof sort, "%06d", C->n++);
    sk_json_w_key(w, "sortText");
    sk_json_w_str(w, sort);
    sk_json_w_key(w, "filterText");
    sk_json_w_str(w, insert);
    sk_json_w_key(w, "textEdit");
    w_edit(C->S, w, C->d, C->from, C->to, insert);
    sk_json_w_end(w);
}

/* The elements of the model a completion after 见/表/图/附录/第/公式 offers. */
enum { WANT_CLAUSE = 1, WANT_TABLE = 2, WANT_FIGURE = 4, WANT_ANNEX = 8, WANT_CHAPTER = 16, WANT_FORMULA = 32,
       WANT_WORDED = 64 /* "表1" rather than "1": after 见, any element */ };

static void model_items(compl *C, const sk_doc *doc, unsigned want)
{
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (!n->num[0])
            continue;
        char *label = NULL, *insert = NULL, *detail = NULL;
        if (n->type == SK_N_SECTION && n->sect == SK_S_ANNEX && (want & WANT_ANNEX)) {
            label = sk_asprintf("附录%s", n->num);
            insert = (want & WANT_WORDED) ? sk_strdup(label) : sk_strdup(n->num);
            detail = sk_asprintf("附录%s%s　%s", n->num, annex_type_name(n->annex_type), n->title ? n->title : "");
        } else if (n->type == SK_N_SECTION && n->level == 1 && n->sect != SK_S_ANNEX && (want & WANT_CHAPTER)) {
            label = sk_asprintf("第%s章", n->num);
            insert = (want & WANT_WORDED) ? sk_strdup(label) : sk_asprintf("%s章", n->num);
            detail = sk_display_heading(n);
        } else if (n->type == SK_N_SECTION && n->level > 1 && (want & WANT_CLAUSE)) {
            label = sk_strdup(n->num);
            insert = sk_strdup(n->num);
            detail = sk_display_heading(n);
        } else if (n->type == SK_N_TABLE && (want & WANT_TABLE)) {
            label = sk_asprintf("表%s", n->num);
            insert = (want & WANT_WORDED) ? sk_strdup(label) : sk_strdup(n->num);
            detail = sk_strdup(n->caption ? n->caption : "");
        } else if (n->type == SK_N_FIGURE && (want & WANT_FIGURE)) {
            label = sk_asprintf("图%s", n->num);
            insert = (want & WANT_WORDED) ? sk_strdup(label) : sk_strdup(n->num);
            detail = sk_strdup(n->caption ? n->caption : "");
        } else if (n->type == SK_N_FORMULA && (want & WANT_FORMULA)) {
            label = sk_asprintf("公式（%s）", n->num);
            insert = sk_strdup(n->num);
            detail = sk_strdup(n->src ? n->src : "");
        }
        if (label) {
            char *text = sk_locate_text(n);
            item(C, label, insert, detail, CK_REFERENCE, text);
            free(text);
        }
        free(label);
        free(insert);
        free(detail);
    }
}

static int id_char(unsigned char c)
{
    return c > ' ' && !strchr("{}()[]#<>\"'`\\|", c);
}

static int num_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.';
}

static int ends_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !memcmp(s + n - k, w, k);
}

/* The front-matter lines of the text (1-based, the lines between the fences), or 0. */
static int front_matter_lines(const sk_textdoc *t, int *first, int *last)
{
    size_t len;
    const char *l = sk_textdoc_line(t, 0, &len);
    if (len >= 3 && !memcmp(l, "\xEF\xBB\xBF", 3)) {
        l += 3;
        len -= 3;
    }
    if (len < 3 || memcmp(l, "---", 3))
        return 0;
    for (size_t i = 1; i < t->nlines; i++) {
        l = sk_textdoc_line(t, i, &len);
        if (len >= 3 && (!memcmp(l, "---", 3) || !memcmp(l, "...", 3))) {
            *first = 2;
            *last = (int)i;
            return 1;
        }
    }
    return 0;
}

static void front_matter_items(compl *C, sk_lsp_doc *d, int line, const char *l, size_t col)
{
    size_t k = 0;
    while (k < col && ((l[k] >= 'a' && l[k] <= 'z') || l[k] == '_'))
        k++;
    if (k == col) {
        /* a key at the start of a line: the keys not given yet */
        int first, last;
        front_matter_lines(&d->text, &first, &last);
        for (int key = 0; key < SK_META_NKEYS; key++) {
            const char *name = sk_meta_key_name((sk_meta_key)key);
            size_t nl = strlen(name);
            int given = 0;
            for (int i = first; i <= last - 1 && !given; i++) {
                size_t len;
                const char *s = sk_textdoc_line(&d->text, (size_t)i - 1, &len);
                given = i != line && len > nl && !memcmp(s, name, nl) && s[nl] == ':';
            }
            if (given)
                continue;
            char *insert = sk_asprintf("%s: ", name);
            item(C, name, insert, "front matter (docs/format.md)", CK_PROPERTY, NULL);
            free(insert);
        }
        return;
    }
    if (k == 0 || l[k] != ':')
        return;
    char key[32];
    snprintf(key, sizeof key, "%.*s", (int)k, l);
    size_t v = k + 1;
    while (v < col && l[v] == ' ')
        v++;
    C->from += v;
    const sk_lsp_system *sy = d->sys;
    const sk_system *sys = sy && sy->cat ? sy->cat->sys : NULL;
    if (!strcmp(key, "category") && sys) {
        for (size_t i = 0; i < sys->ncats; i++)
            item(C, sys->cats[i].code, sys->cats[i].code, sys->cats[i].name, CK_ENUM_MEMBER, sys->cats[i].description);
    } else if (!strcmp(key, "group") && sys) {
        for (size_t i = 0; i < sys->ngroups; i++)
            item(C, sys->groups[i].code, sys->groups[i].code, sys->groups[i].name, CK_ENUM_MEMBER, NULL);
    } else if (!strcmp(key, "status")) {
        static const char *const st[][2] = { { "draft", "草案" }, { "current", "现行" }, { "withdrawn", "废止" } };
        for (size_t i = 0; i < 3; i++)
            item(C, st[i][0], st[i][0], st[i][1], CK_ENUM_MEMBER, NULL);
    } else if (!strcmp(key, "stage")) {
        static const char *const st[] = { "征求意见稿", "送审稿", "报批稿" };
        for (size_t i = 0; i < 3; i++)
            item(C, st[i], st[i], "draft stage", CK_ENUM_MEMBER, NULL);
    } else if (!strcmp(key, "number") && sy && sy->cat && d->model) {
        /* the next free number of the category the front matter names */
        const char *cat = d->model->meta->str[SK_META_CATEGORY];
        char *next = NULL;
        sk_numparts parts;
        const char *y = d->model->meta->str[SK_META_ISSUED];
        int year = y && strlen(y) >= 4 ? atoi(y) : 0;
        if (year <= 0) {
            time_t t = time(NULL);
            struct tm tm;
            gmtime_r(&t, &tm);
            year = tm.tm_year + 1900;
        }
        if (sk_catalog_next(&next, &parts, sy->cat, cat, year, NULL) == 0) {
            item(C, next, next, "the system's next free number", CK_VALUE, NULL);
            free(next);
        }
    } else if ((!strcmp(key, "replaces") || !strcmp(key, "replaced_by")) && sy && sy->cat) {
        for (size_t i = 0; i < sy->cat->n; i++) {
            const sk_meta *m = sy->cat->v[i].meta;
            if (m && m->str[SK_META_NUMBER])
                item(C, m->str[SK_META_NUMBER], m->str[SK_META_NUMBER], m->str[SK_META_TITLE], CK_VALUE, NULL);
        }
    }
}

void sk_lspfeat_completion(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, id, params);
    if (!d)
        return;
    size_t off;
    if (sk_lsp_position(S, d, sk_json_get(params, "position"), &off) < 0) {
        sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "params.position is not a Position {line, character}");
        return;
    }
    /* the model of the last check serves: completion does not wait for one */
    if (!d->model)
        d = sk_lsp_fresh(S, d);
    size_t tl, tline, tch;
    sk_textdoc_position(&d->text, off, SK_TEXTDOC_UTF8, &tline, &tch);
    const char *l = sk_textdoc_line(&d->text, tline, &tl);
    size_t col = tch; /* bytes of the line before the cursor */
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "isIncomplete");
    sk_json_w_bool(&w, 0);
    sk_json_w_key(&w, "items");
    sk_json_w_arr(&w);
    compl C = { S, &w, d, off, off, 0 };
    int first, last;
    if (front_matter_lines(&d->text, &first, &last) && (int)tline + 1 >= first && (int)tline + 1 < last) {
        C.from = (size_t)(l - d->text.data);
        front_matter_items(&C, d, (int)tline + 1, l, col);
    } else if (d->model) {
        const sk_doc *doc = d->model;
        size_t k = col;
        while (k > 0 && id_char((unsigned char)l[k - 1]) && l[k - 1] != ']')
            k--;
        if (k >= 3 && !memcmp(l + k - 3, "](#", 3)) {
            /* [](#… : the anchors */
            C.from = (size_t)(l - d->text.data) + k;
            for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
                if (!n->id || sk_map_get(&doc->anchors, n->id) != n)
                    continue;
                char *label = sk_display_label(n), *text = sk_locate_text(n);
                item(&C, n->id, n->id, label, CK_REFERENCE, text);
                free(label);
                free(text);
            }
        } else {
            size_t t = col;
            while (t > 0 && num_char(l[t - 1]))
                t--;
            C.from = (size_t)(l - d->text.data) + t;
            unsigned want = 0;
            if (ends_with(l, t, "公式（") || ends_with(l, t, "公式("))
                want = WANT_FORMULA;
            else if (ends_with(l, t, "附录"))
                want = WANT_ANNEX;
            else if (ends_with(l, t, "表"))
                want = WANT_TABLE;
            else if (ends_with(l, t, "图"))
                want = WANT_FIGURE;
            else if (ends_with(l, t, "第"))
                want = WANT_CHAPTER;
            else if (ends_with(l, t, "见") || ends_with(l, t, "按") || ends_with(l, t, "照") || ends_with(l, t, "据") ||
                     ends_with(l, t, "符合"))
                want = WANT_CLAUSE | WANT_TABLE | WANT_FIGURE | WANT_ANNEX | WANT_CHAPTER | WANT_WORDED;
            if (want)
                model_items(&C, doc, want);
            /* the system's standard numbers, when what is typed begins one */
            const sk_catalog *cat = d->sys ? d->sys->cat : NULL;
            size_t best = 0;
            for (size_t i = 0; cat && i < cat->n; i++) {
                const char *num = cat->v[i].meta ? cat->v[i].meta->str[SK_META_NUMBER] : NULL;
                size_t nl = num ? strlen(num) : 0;
                for (size_t q = nl < col ? nl : col; q >= 2 && q > best; q--)
                    if (!memcmp(l + col - q, num, q) &&
                        (col == q || !((l[col - q - 1] >= 'A' && l[col - q - 1] <= 'Z') || l[col - q - 1] == '/'))) {
                        best = q;
                        break;
                    }
            }
            if (best && !want) {
                C.from = off - best;
                for (size_t i = 0; i < cat->n; i++) {
                    const sk_meta *m = cat->v[i].meta;
                    const char *num = m ? m->str[SK_META_NUMBER] : NULL;
                    if (num && strlen(num) >= best && !memcmp(num, l + col - best, best))
                        item(&C, num, num, m->str[SK_META_TITLE], CK_CONSTANT, NULL);
                }
            }
        }
    }
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

/* ---------- symbols and folding ---------- */

enum { SYM_MODULE = 2, SYM_NAMESPACE = 3, SYM_FIELD = 8, SYM_OBJECT = 19, SYM_STRUCT = 23 };

static char *symbol_name(const sk_node *n)
{
    if (n->type == SK_N_TABLE || n->type == SK_N_FIGURE) {
        char *label = sk_display_label(n);
        char *s = n->caption && *n->caption ? sk_asprintf("%s" U3000 "%s", label, n->caption) : sk_strdup(label);
        free(label);
        return s;
    }
    if (n->sect == SK_S_ANNEX)
        return sk_asprintf("附录%s%s" U3000 "%s", n->num, annex_type_name(n->annex_type), n->title ? n->title : "");
    return sk_display_heading(n);
}

static int symbol_kind(const sk_node *n)
{
    if (n->type == SK_N_TABLE)
        return SYM_STRUCT;
    if (n->type == SK_N_FIGURE)
        return SYM_OBJECT;
    if (n->sect == SK_S_TERM)
        return SYM_FIELD;
    return n->level == 1 ? SYM_MODULE : SYM_NAMESPACE;
}

static sk_span node_range(const sk_doc *doc, const sk_node *n)
{
    int end = sk_locate_end(doc, n);
    size_t len;
    sk_source_line(doc->src, end, &len);
    int first = n->type == SK_N_TABLE && n->caption_line > 0 ? n->caption_line : n->line;
    return (sk_span){ first, 0, len }; /* .line is the first line; the end is line `end`, byte len */
}

static void w_node_range(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_node *n)
{
    int end = sk_locate_end(d->model, n);
    sk_span r = node_range(d->model, n);
    sk_lsp_w_range(S, w, &d->text, sk_lsp_src_off(d, r.line, 0), sk_lsp_src_off(d, end, r.end));
}

/* The tables and figures under n that are not in a sub-section. */
static void children_of(const sk_node *n, sk_vec *out)
{
    for (const sk_node *c = n->first; c; c = sk_node_walk_next(n, c, c->type != SK_N_SECTION))
        if (c->type == SK_N_SECTION || ((c->type == SK_N_TABLE || c->type == SK_N_FIGURE) && c->num[0]))
            sk_vec_push(out, (void *)c);
}

static void w_symbol(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_node *n, int depth)
{
    char *name = symbol_name(n);
    sk_json_w_obj(w);
    sk_json_w_key(w, "name");
    sk_json_w_str(w, *name ? name : "（无标题）");
    free(name);
    if (n->id) {
        sk_json_w_key(w, "detail");
        char *det = sk_asprintf("#%s", n->id);
        sk_json_w_str(w, det);
        free(det);
    }
    sk_json_w_key(w, "kind");
    sk_json_w_int(w, symbol_kind(n));
    sk_json_w_key(w, "range");
    w_node_range(S, w, d, n);
    sk_json_w_key(w, "selectionRange");
    sk_lsp_w_span(S, w, d, sk_locate_def(d->model, n));
    sk_vec kids = { 0 };
    if (n->type == SK_N_SECTION && depth < 8)
        children_of(n, &kids);
    if (kids.len) {
        sk_json_w_key(w, "children");
        sk_json_w_arr(w);
        for (size_t i = 0; i < kids.len; i++)
            w_symbol(S, w, d, kids.items[i], depth + 1);
        sk_json_w_end(w);
    }
    sk_vec_free(&kids);
    sk_json_w_end(w);
}

void sk_lspfeat_symbols(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, id, params);
    if (!d)
        return;
    d = sk_lsp_fresh(S, d);
    if (!d->model) {
        sk_lsp_null(S, id);
        return;
    }
    const sk_doc *doc = d->model;
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_arr(&w);
    if (S->hierarchical) {
        for (const sk_node *n = doc->root->first; n; n = n->next)
            if (n->type == SK_N_SECTION)
                w_symbol(S, &w, d, n, 0);
    } else {
        /* SymbolInformation: flat, each with the section it is in */
        for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
            if (n->type != SK_N_SECTION && !((n->type == SK_N_TABLE || n->type == SK_N_FIGURE) && n->num[0]))
                continue;
            char *name = symbol_name(n);
            sk_json_w_obj(&w);
            sk_json_w_key(&w, "name");
            sk_json_w_str(&w, *name ? name : "（无标题）");
            free(name);
            sk_json_w_key(&w, "kind");
            sk_json_w_int(&w, symbol_kind(n));
            sk_json_w_key(&w, "location");
            sk_json_w_obj(&w);
            sk_json_w_key(&w, "uri");
            sk_json_w_str(&w, d->uri);
            sk_json_w_key(&w, "range");
            w_node_range(S, &w, d, n);
            sk_json_w_end(&w);
            const sk_node *p = n->parent;
            while (p && p->type != SK_N_SECTION)
                p = p->parent;
            if (p) {
                char *pn = symbol_name(p);
                sk_json_w_key(&w, "containerName");
                sk_json_w_str(&w, pn);
                free(pn);
            }
            sk_json_w_end(&w);
        }
    }
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

static void w_fold(sk_json_writer *w, int start, int end, const char *kind)
{
    sk_json_w_obj(w);
    sk_json_w_key(w, "startLine");
    sk_json_w_int(w, start);
    sk_json_w_key(w, "endLine");
    sk_json_w_int(w, end);
    if (kind) {
        sk_json_w_key(w, "kind");
        sk_json_w_str(w, kind);
    }
    sk_json_w_end(w);
}

void sk_lspfeat_folding(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, id, params);
    if (!d)
        return;
    d = sk_lsp_fresh(S, d);
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_arr(&w);
    int first, last;
    if (front_matter_lines(&d->text, &first, &last))
        w_fold(&w, 0, last, "region");
    const sk_doc *doc = d->model;
    for (const sk_node *n = doc ? doc->root : NULL; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (n->type != SK_N_SECTION && n->type != SK_N_TABLE)
            continue;
        int a = n->type == SK_N_TABLE && n->caption_line > 0 ? n->caption_line : n->line, b = sk_locate_end(doc, n);
        if (b > a)
            w_fold(&w, a - 1, b - 1, NULL);
    }
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

/* ---------- code actions ---------- */

static int fixable(const char *code)
{
    static const char *const codes[] = { "num-mismatch", "num-gap", "num-repeat", "num-depth", "annex-letter",
                                         "table-number", "figure-number", "biblio-number", "formula-number", NULL };
    for (const char *const *c = codes; *c; c++)
        if (!strcmp(code, *c))
            return 1;
    return 0;
}

/* Begins a CodeAction {title, kind, diagnostics: [dg], edit: {changes: {uri: [ */
static void action_begin(sk_json_writer *w, const sk_lsp_doc *d, const char *title, const char *kind,
                         const sk_json *dg, int preferred)
{
    sk_json_w_obj(w);
    sk_json_w_key(w, "title");
    sk_json_w_str(w, title);
    sk_json_w_key(w, "kind");
    sk_json_w_str(w, kind);
    if (dg) {
        sk_json_w_key(w, "diagnostics");
        sk_json_w_arr(w);
        sk_json_w_value(w, dg);
        sk_json_w_end(w);
    }
    if (preferred) {
        sk_json_w_key(w, "isPreferred");
        sk_json_w_bool(w, 1);
    }
    sk_json_w_key(w, "edit");
    we_begin(w, d);
}

static void action_end(sk_json_writer *w)
{
    we_end(w);
    sk_json_w_end(w);
}

/* The source position (line, byte) a client Diagnostic's range starts at. */
static int diag_at(sk_lsp *S, const sk_lsp_doc *d, const sk_json *dg, int *line, size_t *byte)
{
    size_t off;
    if (sk_lsp_position(S, d, sk_json_path(dg, "range", "start", NULL), &off) < 0)
        return -1;
    sk_lsp_off_src(d, off, line, byte);
    return 0;
}

/* A cited standard is inserted in chapter 2 where the chapter 2 order (8.6.3, as
 * refs.c checks it) puts it: the first place where a chapter 2 of the entries
 * with it inserted raises no normref-order. */
static size_t normref_slot(char *const *entries, size_t n, const char *entry)
{
    for (size_t k = 0; k <= n; k++) {
        sk_buf b;
        sk_buf_init(&b);
        sk_buf_puts(&b, "---\nnumber: X\ntitle: x\n---\n\n# 2 规范性引用文件\n\n" SK_STDNEW_NORMREF_LEADIN "\n\n");
        for (size_t i = 0; i <= n; i++) {
            if (i == k)
                sk_buf_printf(&b, "- %s\n", entry);
            if (i < n)
                sk_buf_printf(&b, "%s\n", entries[i]);
        }
        sk_diags dg;
        sk_diag_init(&dg);
        sk_source *src = NULL;
        sk_doc *doc = NULL;
        int order_ok = 0;
        if (sk_source_make(&src, "chapter2.md", b.data, b.len, &dg) == 1) {
            if (sk_model_build(&doc, src, 0, &dg, NULL) == 0) {
                size_t start = dg.len;
                sk_refs_check(doc, NULL, &dg);
                order_ok = 1;
                for (size_t i = start; i < dg.len; i++)
                    if (dg.items[i].rule == SK_R_NORMREF_ORDER)
                        order_ok = 0;
                sk_doc_free(doc);
            } else {
                sk_source_free(src);
            }
        }
        sk_diag_free(&dg);
        sk_buf_free(&b);
        if (order_ok)
            return k;
    }
    return n;
}

/* normref-missing: "- NUMBER　TITLE" in chapter 2, in its place, with the lead-in
 * when chapter 2 said it had no references. */
static void action_normref(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_json *dg)
{
    const sk_doc *doc = d->model;
    int line;
    size_t byte;
    if (diag_at(S, d, dg, &line, &byte) < 0)
        return;
    sk_loc L;
    if (!sk_locate_at(&L, doc, line, byte) || L.kind != SK_LOC_STDREF || !L.stdref)
        return;
    const sk_node *ch2 = sk_doc_section(doc, SK_S_NORMREF);
    if (!ch2)
        return;
    const sk_stdref *r = L.stdref;
    const sk_entry *e = sk_lsp_cited(d, r->number, r->code);
    char *title = e && e->meta && e->meta->str[SK_META_TITLE] ? sk_meta_title(e->meta) : sk_strdup("（标题）");
    char *entry = sk_asprintf("%s" U3000 "%s", r->number, title);
    char *atitle = sk_asprintf("Add %s to 规范性引用文件", r->number);
    const sk_node *list = NULL, *none = NULL, *lead = NULL;
    for (const sk_node *c = ch2->first; c; c = c->next) {
        if (c->type == SK_N_LIST && !list)
            list = c;
        if (c->type == SK_N_PARA && c->in.n) {
            char *t = sk_display_text(&c->in);
            if (strstr(t, SK_STDNEW_NORMREF_NONE))
                none = c;
            else if (!lead && strstr(t, "下列文件"))
                lead = c;
            free(t);
        }
    }
    action_begin(w, d, atitle, "quickfix", dg, 1);
    if (list) {
        /* the entries as written, one a line */
        sk_vec items = { 0 };
        for (const sk_node *it = list->first; it; it = it->next) {
            size_t len;
            const char *s = sk_source_line(doc->src, it->line, &len);
            sk_vec_push(&items, sk_strndup(s, len));
        }
        size_t k = normref_slot((char *const *)items.items, items.len, entry);
        char *text = sk_asprintf("- %s\n", entry);
        size_t at;
        if (k < items.len) {
            const sk_node *it = list->first;
            for (size_t i = 0; i < k; i++)
                it = it->next;
            at = sk_lsp_src_off(d, it->line, 0);
        } else {
            int lastl = list->last->line;
            for (int l2 = lastl; l2 <= sk_locate_end(doc, ch2); l2++) {
                size_t len;
                const char *s = sk_source_line(doc->src, l2, &len);
                if (!len || (l2 > lastl && s[0] == '-'))
                    break;
                lastl = l2;
            }
            size_t len;
            sk_source_line(doc->src, lastl, &len);
            at = sk_lsp_src_off(d, lastl, len);
            free(text);
            text = sk_asprintf("\n- %s", entry);
        }
        w_edit(S, w, d, at, at, text);
        free(text);
        for (size_t i = 0; i < items.len; i++)
            free(items.items[i]);
        sk_vec_free(&items);
    } else {
        char *text = sk_asprintf("%s\n\n- %s", SK_STDNEW_NORMREF_LEADIN, entry);
        if (none) {
            size_t len;
            sk_source_line(doc->src, none->line, &len);
            w_edit(S, w, d, sk_lsp_src_off(d, none->line, 0), sk_lsp_src_off(d, none->line, len), text);
        } else if (lead) {
            size_t len;
            sk_source_line(doc->src, sk_locate_end(doc, lead), &len);
            free(text);
            text = sk_asprintf("\n\n- %s", entry);
            size_t at = sk_lsp_src_off(d, sk_locate_end(doc, lead), len);
            w_edit(S, w, d, at, at, text);
        } else {
            size_t len;
            sk_source_line(doc->src, ch2->line, &len);
            free(text);
            text = sk_asprintf("\n\n%s\n\n- %s", SK_STDNEW_NORMREF_LEADIN, entry);
            size_t at = sk_lsp_src_off(d, ch2->line, len);
            w_edit(S, w, d, at, at, text);
        }
        free(text);
    }
    action_end(w);
    free(atitle);
    free(entry);
    free(title);
}

/* stdref-dash: the year joined with U+2014. */
static void action_dash(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_json *dg)
{
    int line;
    size_t byte;
    sk_loc L;
    if (diag_at(S, d, dg, &line, &byte) < 0 || !sk_locate_at(&L, d->model, line, byte) || L.kind != SK_LOC_STDREF ||
        !L.stdref || L.stdref->year < 0)
        return;
    char *fixed = sk_asprintf("%s—%d", L.stdref->code, L.stdref->year);
    char *title = sk_asprintf("Write %s (an em dash before the year)", fixed);
    action_begin(w, d, title, "quickfix", dg, 1);
    w_span_edit(S, w, d, L.span, fixed);
    action_end(w);
    free(title);
    free(fixed);
}

/* A line typed as a list item: "a) ", "a）", "b)" … Returns the letter and the
 * marker's length (spaces after it included), or 0. */
static char typed_item(const char *l, size_t len, size_t *marker)
{
    if (len < 2 || l[0] < 'a' || l[0] > 'z')
        return 0;
    size_t k;
    if (l[1] == ')')
        k = 2;
    else if (len >= 4 && !memcmp(l + 1, "）", 3))
        k = 4;
    else
        return 0;
    while (k < len && l[k] == ' ')
        k++;
    *marker = k;
    return l[0];
}

/* Typed a) b) lines in the paragraph at line (0-based): the edits that make them a
 * list (1) 2) …, printed a) b)), a blank line before it when text precedes it. */
static int action_typed_list(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, size_t line)
{
    const sk_textdoc *t = &d->text;
    size_t len;
    const char *l = sk_textdoc_line(t, line, &len);
    if (!len)
        return 0;
    size_t a = line, b = line;
    while (a > 0 && (sk_textdoc_line(t, a - 1, &len), len))
        a--;
    while (b + 1 < t->nlines && (sk_textdoc_line(t, b + 1, &len), len))
        b++;
    /* the run of lines a) b) c) … in order */
    size_t first = (size_t)-1, count = 0;
    for (size_t i = a; i <= b; i++) {
        size_t m;
        l = sk_textdoc_line(t, i, &len);
        char c = typed_item(l, len, &m);
        if (c && c == (char)('a' + count) && (count == 0 || i == first + count)) {
            if (!count)
                first = i;
            count++;
        } else if (count >= 2) {
            break;
        } else if (count) {
            count = 0;
        }
    }
    if (count < 2)
        return 0;
    action_begin(w, d, "Make the a) b) lines a list", "refactor.rewrite", NULL, 0);
    for (size_t i = 0; i < count; i++) {
        size_t m;
        l = sk_textdoc_line(t, first + i, &len);
        typed_item(l, len, &m);
        char mark[32];
        snprintf(mark, sizeof mark, "%s%zu) ", i == 0 && first > a ? "\n" : "", i + 1);
        size_t off = (size_t)(l - t->data);
        w_edit(S, w, d, off, off + m, mark);
    }
    action_end(w);
    return 1;
}

void sk_lspfeat_code_action(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, id, params);
    if (!d)
        return;
    size_t from;
    if (sk_lsp_position(S, d, sk_json_path(params, "range", "start", NULL), &from) < 0) {
        sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "params.range is not a Range");
        return;
    }
    d = sk_lsp_fresh(S, d);
    const sk_json *dgs = sk_json_path(params, "context", "diagnostics", NULL);
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_arr(&w);
    int renumber = 0;
    const sk_json *renumber_dg = NULL;
    for (size_t i = 0; d->model && dgs && dgs->type == SK_JSON_ARRAY && i < dgs->n; i++) {
        const sk_json *g = dgs->items[i];
        const char *code = sk_json_str(sk_json_get(g, "code"));
        if (!code)
            continue;
        if (fixable(code)) {
            renumber = 1;
            if (!renumber_dg)
                renumber_dg = g;
        } else if (!strcmp(code, "normref-missing")) {
            action_normref(S, &w, d, g);
        } else if (!strcmp(code, "stdref-dash")) {
            action_dash(S, &w, d, g);
        }
    }
    /* a heading whose written number is not its own: renumber, without a diagnostic too */
    if (d->model && !renumber) {
        int line;
        size_t byte;
        sk_loc L;
        sk_lsp_off_src(d, from, &line, &byte);
        renumber = sk_locate_at(&L, d->model, line, byte) && L.kind == SK_LOC_TARGET && L.node->num_written &&
                   strcmp(L.node->num_written, L.node->num);
    }
    if (renumber) {
        size_t flen;
        sk_err e;
        sk_err_clear(&e);
        char *fixed = fixed_text(d, &flen, &e);
        if (fixed) {
            action_begin(&w, d, "Renumber headings, captions and the references to them (stdcheck --fix)", "quickfix",
                         renumber_dg, 1);
            w_line_edits(S, &w, d, fixed, flen);
            action_end(&w);
        }
        free(fixed);
    }
    size_t line, ch;
    sk_textdoc_position(&d->text, from, SK_TEXTDOC_UTF8, &line, &ch);
    action_typed_list(S, &w, d, line);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}
