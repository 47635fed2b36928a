#include "run/lsp.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/textdoc.h"
#include "check/check.h"
#include "check/fix.h"
#include "check/refs.h"
#include "input/catalog.h"
#include "input/source.h"
#include "model/display.h"
#include "model/form.h"
#include "model/locate.h"
#include "model/markdown.h"
#include "model/model.h"
#include "text/json.h"
#include "text/stdnum.h"

/* ---------- the server's state ---------- */

/* CPU time of this thread (ms): what a check costs whatever else the machine runs. */
static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

double sk_lsp_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void sk_lsp_log(sk_lsp *S, const char *fmt, ...)
{
    if (!S->o->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *line = NULL;
    if (vasprintf(&line, fmt, ap) < 0)
        line = NULL;
    va_end(ap);
    if (line)
        S->o->log(S->o->log_ctx, line);
    free(line);
}

/* ---------- URIs and paths ---------- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The file a file: URI names ("file:///a/b%20c.md" → "/a/b c.md"), or NULL. */
char *sk_lsp_uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7))
        return NULL;
    const char *p = uri + 7;
    if (!strncmp(p, "localhost/", 10))
        p += 9;
    if (*p != '/')
        return NULL;
    sk_buf b;
    sk_buf_init(&b);
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            char c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            if (c == '\0') {
                sk_buf_free(&b);
                return NULL;
            }
            sk_buf_putc(&b, c);
            p += 2;
        } else {
            sk_buf_putc(&b, *p);
        }
    }
    return sk_buf_detach(&b);
}

char *sk_lsp_path_uri(const char *abs)
{
    static const char hex[] = "0123456789ABCDEF";
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
            sk_buf_putc(&b, (char)*p);
        } else {
            char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
            sk_buf_put(&b, e, 3);
        }
    }
    return sk_buf_detach(&b);
}

/* path as messages name it: relative to the directory the server runs in when it is
 * below it (as stdcheck run there names files), else as it is. */
char *sk_lsp_spelled(const sk_lsp *S, const char *abs)
{
    size_t n = strlen(S->cwd);
    if (n > 1 && !strncmp(abs, S->cwd, n) && abs[n] == '/')
        return sk_strdup(abs + n + 1);
    return sk_strdup(abs);
}

char *sk_lsp_abs(const sk_lsp *S, const char *path)
{
    if (path[0] == '/')
        return sk_strdup(path);
    return sk_fs_join(S->cwd, path);
}

/* ---------- systems ---------- */

static void mtime_of(const char *path, struct timespec *out)
{
    struct stat st;
    if (stat(path, &st) == 0)
        *out = st.st_mtim;
    else
        out->tv_sec = out->tv_nsec = -1;
}

static int same_time(struct timespec a, struct timespec b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static void system_unload(sk_lsp_system *sy)
{
    sk_check_form_index_free(sy->forms);
    sy->forms = NULL;
    if (sy->ix)
        sk_catalog_index_free(sy->ix);
    sy->ix = NULL;
    sk_catalog_free(sy->cat);
    sy->cat = NULL;
    sk_diag_free(&sy->diags);
}

/* Publishes the problems with system.yaml itself under its URI. */
static void system_publish(sk_lsp *S, sk_lsp_system *sy)
{
    char *abs = sk_lsp_abs(S, sy->yaml), *uri = sk_lsp_path_uri(abs);
    sk_json_writer w;
    sk_lsp_notify(S, &w, "textDocument/publishDiagnostics");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "uri");
    sk_json_w_str(&w, uri);
    sk_json_w_key(&w, "diagnostics");
    sk_json_w_arr(&w);
    sk_textdoc t;
    sk_textdoc_init(&t);
    char *raw = NULL;
    size_t len = 0;
    if (sk_fs_read(&raw, &len, abs, SK_SOURCE_MAX, NULL) == 0)
        sk_textdoc_set(&t, raw, len);
    free(raw);
    for (size_t i = 0; i < sy->diags.len; i++) {
        const sk_diag *dg = &sy->diags.items[i];
        size_t ll;
        const char *l = sk_textdoc_line(&t, dg->line > 0 ? (size_t)dg->line - 1 : 0, &ll);
        size_t a = dg->col > 1 ? sk_textdoc_bytes(l, ll, (size_t)dg->col - 1, SK_TEXTDOC_UTF32) : 0;
        size_t off = (size_t)(l - t.data);
        sk_json_w_obj(&w);
        sk_json_w_key(&w, "range");
        sk_lsp_w_range(S, &w, &t, off + a, off + ll);
        sk_json_w_key(&w, "severity");
        sk_json_w_int(&w, dg->severity == SK_ERROR ? 1 : dg->severity == SK_WARNING ? 2 : 3);
        sk_json_w_key(&w, "code");
        sk_json_w_str(&w, sk_rule_get(dg->rule)->code);
        sk_json_w_key(&w, "source");
        sk_json_w_str(&w, "stdcheck");
        sk_json_w_key(&w, "message");
        char *m = dg->hint ? sk_asprintf("%s\nhint: %s", dg->msg, dg->hint) : sk_strdup(dg->msg);
        sk_json_w_str(&w, m);
        free(m);
        sk_json_w_end(&w);
    }
    sk_textdoc_free(&t);
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
    free(uri);
    free(abs);
    sy->published = 1;
}

static void system_load(sk_lsp *S, sk_lsp_system *sy)
{
    system_unload(sy);
    sk_diag_init(&sy->diags);
    sk_err e;
    sk_err_clear(&e);
    if (sk_catalog_load(&sy->cat, sy->yaml, &sy->diags, &e) == 0) {
        sy->ix = sk_catalog_index_new(sy->cat);
    } else if (e.msg[0]) {
        sk_diag *dg = sk_diag_emit(&sy->diags, SK_R_SYSTEM_FILE, sy->yaml, e.line > 0 ? e.line : 1, 1, "%s", e.msg);
        (void)dg;
    }
    char *abs = sk_lsp_abs(S, sy->yaml), *dir = sk_fs_dirname(abs);
    mtime_of(abs, &sy->mtime);
    mtime_of(dir, &sy->dmtime);
    free(dir);
    free(abs);
    sy->stale = 0;
    sk_lsp_log(S, "system %s: %zu standards", sy->yaml, sy->cat ? sy->cat->n : (size_t)0);
    if (sy->diags.len || sy->published)
        system_publish(S, sy);
}

/* Has system.yaml or its directory changed since it was loaded? */
static int system_changed(sk_lsp *S, sk_lsp_system *sy)
{
    if (sy->stale)
        return 1;
    char *abs = sk_lsp_abs(S, sy->yaml), *dir = sk_fs_dirname(abs);
    struct timespec a, b;
    mtime_of(abs, &a);
    mtime_of(dir, &b);
    free(dir);
    free(abs);
    return !same_time(a, sy->mtime) || !same_time(b, sy->dmtime);
}

sk_lsp_system *sk_lsp_system_of(sk_lsp *S, sk_lsp_doc *d)
{
    if (S->o->no_system || !d->path)
        return NULL;
    char *dir = sk_fs_dirname(d->path), *found = sk_system_find(dir);
    free(dir);
    if (!found)
        return NULL;
    char *real = realpath(found, NULL);
    sk_lsp_system *sy = NULL;
    for (size_t i = 0; real && i < S->systems.len && !sy; i++) {
        sk_lsp_system *s = S->systems.items[i];
        if (!strcmp(s->real, real))
            sy = s;
    }
    if (!sy && real) {
        sy = sk_calloc(1, sizeof *sy);
        sy->real = real;
        real = NULL;
        sy->yaml = sk_lsp_spelled(S, found);
        sk_diag_init(&sy->diags);
        sk_vec_push(&S->systems, sy);
        system_load(S, sy);
    } else if (sy && system_changed(S, sy)) {
        system_load(S, sy);
    }
    free(real);
    free(found);
    return sy;
}

/* ---------- documents ---------- */

sk_lsp_doc *sk_lsp_doc_find(sk_lsp *S, const char *uri)
{
    for (size_t i = 0; uri && i < S->docs.len; i++) {
        sk_lsp_doc *d = S->docs.items[i];
        if (!strcmp(d->uri, uri))
            return d;
    }
    return NULL;
}

sk_lsp_doc *sk_lsp_doc_by_path(sk_lsp *S, const char *path)
{
    char *abs = sk_lsp_abs(S, path);
    sk_lsp_doc *found = NULL;
    for (size_t i = 0; i < S->docs.len && !found; i++) {
        sk_lsp_doc *d = S->docs.items[i];
        if (d->path && (!strcmp(d->path, abs) || sk_fs_same_file(d->path, abs)))
            found = d;
    }
    free(abs);
    return found;
}

static void doc_free(sk_lsp_doc *d)
{
    sk_doc_free(d->model);
    sk_markdown_cache_free(d->mdcache);
    sk_textdoc_free(&d->text);
    free(d->uri);
    free(d->path);
    free(d->name);
    free(d);
}

sk_lsp_doc *sk_lsp_doc_open(sk_lsp *S, const char *uri)
{
    sk_lsp_doc *d = sk_lsp_doc_find(S, uri);
    if (d)
        return d;
    d = sk_calloc(1, sizeof *d);
    d->uri = sk_strdup(uri);
    d->path = sk_lsp_uri_path(uri);
    d->name = d->path ? sk_lsp_spelled(S, d->path) : sk_strdup(uri);
    sk_textdoc_init(&d->text);
    sk_vec_push(&S->docs, d);
    return d;
}

void sk_lsp_doc_close(sk_lsp *S, sk_lsp_doc *d)
{
    for (size_t i = 0; i < S->docs.len; i++)
        if (S->docs.items[i] == d) {
            memmove(S->docs.items + i, S->docs.items + i + 1, (S->docs.len - i - 1) * sizeof *S->docs.items);
            S->docs.len--;
            break;
        }
    doc_free(d);
}

sk_lsp_doc *sk_lsp_doc_load(sk_lsp *S, const char *path)
{
    char *abs = sk_lsp_abs(S, path), *raw = NULL;
    size_t len = 0;
    if (sk_fs_read(&raw, &len, abs, SK_SOURCE_MAX, NULL) < 0) {
        free(abs);
        return NULL;
    }
    sk_lsp_doc *d = sk_calloc(1, sizeof *d);
    d->path = abs;
    d->uri = sk_lsp_path_uri(abs);
    d->name = sk_lsp_spelled(S, abs);
    sk_textdoc_init(&d->text);
    sk_textdoc_set(&d->text, raw, len);
    free(raw);
    sk_diags quiet;
    sk_diag_init(&quiet);
    sk_source *src = NULL;
    if (sk_source_make(&src, d->name, d->text.data, d->text.len, &quiet) == 1 &&
        sk_model_build(&d->model, src, 0, &quiet, NULL) < 0)
        sk_source_free(src);
    sk_diag_free(&quiet);
    return d;
}

void sk_lsp_doc_free(sk_lsp_doc *d)
{
    if (d)
        doc_free(d);
}

void sk_lsp_free(sk_lsp *S)
{
    for (size_t i = 0; i < S->docs.len; i++)
        doc_free(S->docs.items[i]);
    sk_vec_free(&S->docs);
    for (size_t i = 0; i < S->systems.len; i++) {
        sk_lsp_system *sy = S->systems.items[i];
        system_unload(sy);
        free(sy->yaml);
        free(sy->real);
        free(sy);
    }
    sk_vec_free(&S->systems);
    sk_jsonrpc_free(&S->rpc);
    sk_buf_free(&S->out);
    free(S->cwd);
}

/* ---------- positions ---------- */

static int has_bom(const sk_textdoc *t)
{
    return t->len >= 3 && !memcmp(t->data, "\xEF\xBB\xBF", 3);
}

size_t sk_lsp_src_off(const sk_lsp_doc *d, int line, size_t byte)
{
    if (line < 1)
        line = 1;
    size_t len;
    const char *l = sk_textdoc_line(&d->text, (size_t)line - 1, &len);
    size_t bom = line == 1 && has_bom(&d->text) ? 3 : 0;
    size_t b = byte + bom;
    return (size_t)(l - d->text.data) + (b < len ? b : len);
}

size_t sk_lsp_col_off(const sk_lsp_doc *d, int line, int col)
{
    if (line < 1)
        line = 1;
    size_t len;
    const char *l = sk_textdoc_line(&d->text, (size_t)line - 1, &len);
    if (line == 1 && has_bom(&d->text)) {
        l += 3;
        len -= 3;
    }
    size_t b = col > 1 ? sk_textdoc_bytes(l, len, (size_t)col - 1, SK_TEXTDOC_UTF32) : 0;
    return (size_t)(l - d->text.data) + b;
}

void sk_lsp_off_src(const sk_lsp_doc *d, size_t off, int *line, size_t *byte)
{
    size_t l, c;
    sk_textdoc_position(&d->text, off, SK_TEXTDOC_UTF8, &l, &c);
    if (l == 0 && has_bom(&d->text))
        c = c >= 3 ? c - 3 : 0;
    *line = (int)l + 1;
    *byte = c;
}

void sk_lsp_w_pos(sk_lsp *S, sk_json_writer *w, const sk_textdoc *t, size_t off)
{
    size_t l, c;
    sk_textdoc_position(t, off, S->enc, &l, &c);
    sk_json_w_obj(w);
    sk_json_w_key(w, "line");
    sk_json_w_int(w, (long long)l);
    sk_json_w_key(w, "character");
    sk_json_w_int(w, (long long)c);
    sk_json_w_end(w);
}

void sk_lsp_w_range(sk_lsp *S, sk_json_writer *w, const sk_textdoc *t, size_t a, size_t b)
{
    sk_json_w_obj(w);
    sk_json_w_key(w, "start");
    sk_lsp_w_pos(S, w, t, a);
    sk_json_w_key(w, "end");
    sk_lsp_w_pos(S, w, t, b);
    sk_json_w_end(w);
}

void sk_lsp_w_span(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, sk_span sp)
{
    sk_lsp_w_range(S, w, &d->text, sk_lsp_src_off(d, sp.line, sp.start),
                            sk_lsp_src_off(d, sp.line, sp.end));
}

void sk_lsp_w_location(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, sk_span sp)
{
    sk_json_w_obj(w);
    sk_json_w_key(w, "uri");
    sk_json_w_str(w, d->uri);
    sk_json_w_key(w, "range");
    sk_lsp_w_span(S, w, d, sp);
    sk_json_w_end(w);
}

void sk_lsp_w_file_line(sk_lsp *S, sk_json_writer *w, const char *path, int line)
{
    sk_lsp_doc *open = sk_lsp_doc_by_path(S, path);
    char *abs = sk_lsp_abs(S, path), *uri = open ? sk_strdup(open->uri) : sk_lsp_path_uri(abs);
    sk_textdoc t;
    sk_textdoc_init(&t);
    if (!open) {
        char *raw = NULL;
        size_t len = 0;
        if (sk_fs_read(&raw, &len, abs, SK_SOURCE_MAX, NULL) == 0)
            sk_textdoc_set(&t, raw, len);
        free(raw);
    }
    const sk_textdoc *td = open ? &open->text : &t;
    size_t ll;
    const char *l = sk_textdoc_line(td, line > 0 ? (size_t)line - 1 : 0, &ll);
    size_t a = (size_t)(l - td->data);
    sk_json_w_obj(w);
    sk_json_w_key(w, "uri");
    sk_json_w_str(w, uri);
    sk_json_w_key(w, "range");
    sk_lsp_w_range(S, w, td, a, a + ll);
    sk_json_w_end(w);
    sk_textdoc_free(&t);
    free(uri);
    free(abs);
}

/* ---------- messages ---------- */

void sk_lsp_send(sk_lsp *S, sk_json_writer *w)
{
    sk_json_w_end(w); /* the message object */
    if (S->io_failed)
        return;
    sk_err e;
    if (sk_jsonrpc_write(&S->rpc, S->out.data, S->out.len, &e) < 0) {
        S->io_failed = 1;
        S->done = 1;
        *S->err = e;
        return;
    }
    if (S->o->log)
        sk_lsp_log(S, "-> %.*s%s", (int)sk_utf8_prefix(S->out.data, S->out.len, 400), S->out.data,
                   S->out.len > 400 ? "…" : ""); /* cut on a character boundary */
}

static void msg_begin(sk_lsp *S, sk_json_writer *w)
{
    sk_buf_clear(&S->out);
    sk_json_w_init(w, &S->out);
    sk_json_w_obj(w);
    sk_json_w_key(w, "jsonrpc");
    sk_json_w_str(w, "2.0");
}

void sk_lsp_result(sk_lsp *S, sk_json_writer *w, const sk_json *id)
{
    msg_begin(S, w);
    sk_json_w_key(w, "id");
    sk_json_w_value(w, id);
    sk_json_w_key(w, "result");
}

void sk_lsp_notify(sk_lsp *S, sk_json_writer *w, const char *method)
{
    msg_begin(S, w);
    sk_json_w_key(w, "method");
    sk_json_w_str(w, method);
    sk_json_w_key(w, "params");
}

void sk_lsp_error(sk_lsp *S, const sk_json *id, int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_json_writer w;
    msg_begin(S, &w);
    sk_json_w_key(&w, "id");
    sk_json_w_value(&w, id);
    sk_json_w_key(&w, "error");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "code");
    sk_json_w_int(&w, code);
    sk_json_w_key(&w, "message");
    sk_json_w_str(&w, msg);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

void sk_lsp_null(sk_lsp *S, const sk_json *id)
{
    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_null(&w);
    sk_lsp_send(S, &w);
}

void sk_lsp_message(sk_lsp *S, int type, const char *msg)
{
    sk_json_writer w;
    sk_lsp_notify(S, &w, "window/logMessage");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "type");
    sk_json_w_int(&w, type);
    sk_json_w_key(&w, "message");
    sk_json_w_str(&w, msg);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

/* ---------- checking ---------- */

typedef struct refspan {
    int line;
    size_t start, end;
} refspan;

typedef struct spans_ctx {
    const sk_doc *doc;
    refspan *v;
    size_t n, cap;
} spans_ctx;

static void collect_span(const sk_node *block, const sk_inline *in, void *arg)
{
    (void)block;
    spans_ctx *C = arg;
    sk_span sp;
    if ((in->type != SK_I_REF && in->type != SK_I_STDREF) || sk_locate_ref_span(C->doc, in, &sp, NULL) < 0)
        return;
    if (C->n == C->cap) {
        C->cap = C->cap ? C->cap * 2 : 64;
        C->v = sk_realloc(C->v, C->cap * sizeof *C->v);
    }
    C->v[C->n++] = (refspan){ sp.line, sp.start, sp.end };
}

static int cmp_refspan(const void *a, const void *b)
{
    const refspan *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

/* The range a diagnostic covers: the reference, standard number or written number it starts on,
 * the whole line for one at column 1, else the character at its column. */
static void diag_range(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const spans_ctx *R, const sk_diag *dg)
{
    int line = dg->line > 0 ? dg->line : 1;
    size_t a = sk_lsp_col_off(d, line, dg->col > 0 ? dg->col : 1), b = a;
    size_t ll;
    const char *l = sk_textdoc_line(&d->text, (size_t)line - 1, &ll);
    size_t line_end = (size_t)(l - d->text.data) + ll;
    int lbyte;
    size_t byte;
    sk_lsp_off_src(d, a, &lbyte, &byte);
    refspan key = { line, byte, 0 };
    const refspan *hit = R->n ? bsearch(&key, R->v, R->n, sizeof *R->v, cmp_refspan) : NULL;
    if (hit) {
        b = sk_lsp_src_off(d, line, hit->end);
    } else if (dg->col <= 1) {
        b = line_end;
        while (b > a && (d->text.data[b - 1] == ' ' || d->text.data[b - 1] == '\t'))
            b--;
    } else if (a < line_end) {
        uint32_t cp;
        int k = sk_utf8_decode(d->text.data + a, line_end - a, &cp);
        b = a + (size_t)(k > 0 ? k : 1);
    }
    sk_lsp_w_range(S, w, &d->text, a, b);
}

/* ---------- relatedInformation: a finding's second place ---------- */

typedef struct rel {
    sk_lsp *S;
    sk_json_writer *w;
    int open;
} rel;

static void rel_start(rel *R)
{
    if (!R->open) {
        sk_json_w_key(R->w, "relatedInformation");
        sk_json_w_arr(R->w);
        R->open = 1;
    }
}

static void rel_here(rel *R, const sk_lsp_doc *d, sk_span sp, const char *msg)
{
    rel_start(R);
    sk_json_w_obj(R->w);
    sk_json_w_key(R->w, "location");
    sk_lsp_w_location(R->S, R->w, d, sp);
    sk_json_w_key(R->w, "message");
    sk_json_w_str(R->w, msg);
    sk_json_w_end(R->w);
}

static void rel_file(rel *R, const char *path, int line, const char *msg)
{
    rel_start(R);
    sk_json_w_obj(R->w);
    sk_json_w_key(R->w, "location");
    sk_lsp_w_file_line(R->S, R->w, path, line);
    sk_json_w_key(R->w, "message");
    sk_json_w_str(R->w, msg);
    sk_json_w_end(R->w);
}

static sk_span line_span(const sk_doc *doc, int line)
{
    size_t len;
    const char *l = sk_source_line(doc->src, line, &len);
    size_t a = 0;
    while (a < len && (l[a] == ' ' || l[a] == '\t'))
        a++;
    return (sk_span){ line, a, len };
}

/* The catalog entry a cited standard names (its number, else its code), or NULL. */
const sk_entry *sk_lsp_cited(const sk_lsp_doc *d, const char *number, const char *code)
{
    if (!d->sys || !d->sys->ix)
        return NULL;
    const sk_vec *v = sk_catalog_index_number(d->sys->ix, number);
    if (v && v->len)
        return v->items[0];
    char *key = sk_stdnum_key(code ? code : number);
    v = sk_map_get(&d->sys->ix->by_code, key);
    free(key);
    return v && v->len ? v->items[0] : NULL;
}

static const sk_stdref *stdref_at(const sk_doc *doc, int line, int col)
{
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *r = doc->stdrefs.items[i];
        if (r->line == line && r->col == col)
            return r;
    }
    return NULL;
}

static void related(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, const sk_diag *g)
{
    const sk_doc *doc = d->model;
    const sk_meta *m = doc->meta;
    rel R = { S, w, 0 };
    switch (g->rule) {
    case SK_R_ANCHOR_DUP:
        for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
            const sk_node *first = n->id && n->line == g->line ? sk_map_get(&doc->anchors, n->id) : NULL;
            if (first && first != n) {
                sk_span sp;
                if (sk_locate_anchor_def(doc, first, &sp) < 0)
                    sp = sk_locate_def(doc, first);
                char *msg = sk_asprintf("#%s is first defined here", n->id);
                rel_here(&R, d, sp, msg);
                free(msg);
                break;
            }
        }
        break;
    case SK_R_NUM_GAP:
    case SK_R_NUM_REPEAT:
    case SK_R_NUM_MISMATCH:
    case SK_R_ANNEX_LETTER:
    case SK_R_TABLE_NUMBER:
    case SK_R_FIGURE_NUMBER: {
        /* the number it follows: the clause (or annex) before it at its level, the
         * table or figure before it in the text */
        sk_node_type kind = g->rule == SK_R_TABLE_NUMBER    ? SK_N_TABLE
                            : g->rule == SK_R_FIGURE_NUMBER ? SK_N_FIGURE
                                                            : SK_N_SECTION;
        const sk_node *prev = NULL, *last = NULL, *hit = NULL;
        for (const sk_node *n = doc->root; n && !hit; n = sk_node_walk_next(doc->root, n, 1)) {
            if (n->type != kind)
                continue;
            if (n->num_written && n->num_line == g->line)
                hit = n;
            else if (n->num[0])
                last = n;
        }
        if (hit && kind == SK_N_SECTION) {
            for (const sk_node *p = hit->prev; p && !prev; p = p->prev)
                if (p->type == SK_N_SECTION && p->num[0] && (p->sect == SK_S_ANNEX) == (hit->sect == SK_S_ANNEX))
                    prev = p;
            if (!prev && hit->parent && hit->parent->type == SK_N_SECTION)
                prev = hit->parent;
        } else if (hit) {
            prev = last;
        }
        if (prev) {
            char *label = sk_display_label(prev);
            char *msg = sk_asprintf("the one before it: %s", label);
            rel_here(&R, d, sk_locate_def(doc, prev), msg);
            free(msg);
            free(label);
        }
        break;
    }
    case SK_R_NUMBER_DUP: {
        const char *num = m->str[SK_META_NUMBER];
        const sk_vec *v = num && d->sys ? sk_catalog_index_number(d->sys->ix, num) : NULL;
        for (size_t i = 0; v && i < v->len; i++) {
            const sk_entry *e = v->items[i];
            char *abs = sk_lsp_abs(S, e->path);
            int self = d->path && (!strcmp(abs, d->path) || sk_fs_same_file(abs, d->path));
            free(abs);
            if (self || !e->meta)
                continue;
            char *msg = sk_asprintf("%s is the number of this standard too", num);
            rel_file(&R, e->path, e->meta->line[SK_META_NUMBER], msg);
            free(msg);
        }
        break;
    }
    case SK_R_FORM_DUP:
        for (size_t i = 0; i < doc->forms.len && d->sys && d->sys->cat; i++) {
            const sk_node *a = doc->forms.items[i];
            if (a->line != g->line || !a->form)
                continue;
            for (size_t k = 0; k < d->sys->cat->n; k++) {
                const char *path = d->sys->cat->v[k].path;
                char *abs = sk_lsp_abs(S, path);
                int self = d->path && (!strcmp(abs, d->path) || sk_fs_same_file(abs, d->path));
                free(abs);
                sk_vec decls = { 0 };
                if (self || sk_form_scan(path, &decls) < 0)
                    continue;
                for (size_t j = 0; j < decls.len; j++) {
                    const sk_form_decl *dc = decls.items[j];
                    if (!strcmp(dc->id, a->form)) {
                        char *msg = sk_asprintf("form '%s' is declared here too", a->form);
                        rel_file(&R, path, dc->line, msg);
                        free(msg);
                    }
                }
                sk_form_decls_free(&decls);
            }
        }
        break;
    case SK_R_STDREF_YEAR:
    case SK_R_STDREF_WITHDRAWN:
    case SK_R_NORMREF_TITLE: {
        const sk_stdref *r = stdref_at(doc, g->line, g->col);
        const sk_entry *e = r ? sk_lsp_cited(d, r->number, r->code) : NULL;
        if (e && e->meta) {
            int title = g->rule == SK_R_NORMREF_TITLE && e->meta->line[SK_META_TITLE];
            char *msg = sk_asprintf("%s %s", e->meta->str[SK_META_NUMBER] ? e->meta->str[SK_META_NUMBER] : "",
                                    title ? "gives its title here" : g->rule == SK_R_STDREF_WITHDRAWN ? "is withdrawn here" : "is this standard");
            rel_file(&R, e->path, title ? e->meta->line[SK_META_TITLE]
                                        : g->rule == SK_R_STDREF_WITHDRAWN && e->meta->line[SK_META_STATUS]
                                              ? e->meta->line[SK_META_STATUS]
                                              : e->meta->line[SK_META_NUMBER],
                     msg);
            free(msg);
        }
        break;
    }
    case SK_R_ISSUED_YEAR:
        if (m->line[SK_META_NUMBER])
            rel_here(&R, d, line_span(doc, m->line[SK_META_NUMBER]), "the number and its year");
        break;
    case SK_R_EFFECTIVE_DATE:
        if (m->line[SK_META_ISSUED])
            rel_here(&R, d, line_span(doc, m->line[SK_META_ISSUED]), "the date of issue");
        break;
    case SK_R_NORMREF_MISSING: {
        const sk_node *ch2 = sk_doc_section(doc, SK_S_NORMREF);
        if (ch2)
            rel_here(&R, d, sk_locate_def(doc, ch2), "规范性引用文件 lists the documents cited normatively");
        break;
    }
    case SK_R_FOREWORD_META:
        if (m->line[SK_META_DRAFTING_UNITS])
            rel_here(&R, d, line_span(doc, m->line[SK_META_DRAFTING_UNITS]), "drafting_units in the front matter");
        if (m->line[SK_META_DRAFTERS])
            rel_here(&R, d, line_span(doc, m->line[SK_META_DRAFTERS]), "drafters in the front matter");
        break;
    default:
        break;
    }
    if (R.open)
        sk_json_w_end(w);
}

static void publish(sk_lsp *S, sk_lsp_doc *d, const sk_diags *dg, const sk_err *build_err)
{
    spans_ctx R = { .doc = d->model };
    if (d->model) {
        sk_doc_each_inline(d->model, collect_span, &R);
        /* and the numbers written in headings and captions */
        const sk_node *root = d->model->root;
        for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
            sk_span sp;
            if (n->num_written && sk_locate_number(d->model, n, &sp) == 0) {
                if (R.n == R.cap) {
                    R.cap = R.cap ? R.cap * 2 : 64;
                    R.v = sk_realloc(R.v, R.cap * sizeof *R.v);
                }
                R.v[R.n++] = (refspan){ sp.line, sp.start, sp.end };
            }
        }
        qsort(R.v, R.n, sizeof *R.v, cmp_refspan);
    }
    sk_json_writer w;
    sk_lsp_notify(S, &w, "textDocument/publishDiagnostics");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "uri");
    sk_json_w_str(&w, d->uri);
    sk_json_w_key(&w, "version");
    sk_json_w_int(&w, d->version);
    sk_json_w_key(&w, "diagnostics");
    sk_json_w_arr(&w);
    if (build_err) {
        sk_json_w_obj(&w);
        sk_json_w_key(&w, "range");
        size_t a = sk_lsp_col_off(d, build_err->line, build_err->col);
        sk_lsp_w_range(S, &w, &d->text, a, a);
        sk_json_w_key(&w, "severity");
        sk_json_w_int(&w, 1);
        sk_json_w_key(&w, "source");
        sk_json_w_str(&w, "stdcheck");
        sk_json_w_key(&w, "message");
        sk_json_w_str(&w, build_err->msg);
        sk_json_w_end(&w);
    }
    for (size_t i = 0; i < dg->len; i++) {
        const sk_diag *g = &dg->items[i];
        if (!g->file || strcmp(g->file, d->name))
            continue;
        sk_json_w_obj(&w);
        sk_json_w_key(&w, "range");
        diag_range(S, &w, d, &R, g);
        sk_json_w_key(&w, "severity");
        sk_json_w_int(&w, g->severity == SK_ERROR ? 1 : g->severity == SK_WARNING ? 2 : 3);
        sk_json_w_key(&w, "code");
        sk_json_w_str(&w, sk_rule_get(g->rule)->code);
        sk_json_w_key(&w, "source");
        sk_json_w_str(&w, "stdcheck");
        sk_json_w_key(&w, "message");
        char *m = g->hint ? sk_asprintf("%s\nhint: %s", g->msg, g->hint) : sk_strdup(g->msg);
        sk_json_w_str(&w, m);
        free(m);
        if (S->related_info && d->model)
            related(S, &w, d, g);
        sk_json_w_end(&w);
    }
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
    free(R.v);
}

void sk_lsp_check(sk_lsp *S, sk_lsp_doc *d)
{
    double t0 = sk_lsp_now(), c0 = cpu_ms();
    /* the previous model is freed once the diagnostics are out */
    sk_doc *old = d->model;
    d->model = NULL;
    if (!d->mdcache)
        d->mdcache = sk_markdown_cache_new();
    d->sys = sk_lsp_system_of(S, d);
    sk_diags dg;
    sk_diag_init(&dg);
    memcpy(dg.disabled, S->disabled, sizeof dg.disabled);
    sk_source *src = NULL;
    sk_err e;
    sk_err_clear(&e);
    int have_err = 0;
    /* a Markdown file without front matter (a README) is not a standard: nothing to say,
     * as stdcheck skips it in a directory */
    const char *t = d->text.data;
    if (d->text.len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
        t += 3;
    int standard = !strncmp(t, "---", 3) && (t[3] == '\n' || t[3] == '\r' || t[3] == ' ' || t[3] == '\0');
    if (standard && sk_source_make(&src, d->name, d->text.data, d->text.len, &dg) == 1) {
        if (sk_model_build_cached(&d->model, src, 0, d->mdcache, &dg, &e) < 0) {
            sk_source_free(src);
            have_err = 1;
        } else {
            const sk_catalog_index *ix = d->sys ? d->sys->ix : NULL;
            sk_check_doc(d->model, ix, &dg);
            if (ix && ix->cat)
                sk_check_form_ids(d->model, &d->sys->forms, ix->cat, &dg);
            sk_check_apply_directives(d->model, &dg, 0, ix && ix->cat && ix->cat->sys);
        }
    }
    sk_diag_sort(&dg);
    double t1 = sk_lsp_now();
    publish(S, d, &dg, have_err ? &e : NULL);
    double t2 = sk_lsp_now(), c2 = cpu_ms();
    sk_doc_free(old);
    d->dirty = 0;
    d->checked = 1;
    d->checked_version = d->version;
    S->checks++;
    sk_lsp_log(S, "checked %s (version %lld, %zu bytes): %zu diagnostics in %.1f ms, published in %.1f ms, "
                  "%.1f ms of CPU (the previous model freed in %.1f ms)",
               d->name, d->version, d->text.len, dg.len, t1 - t0, t2 - t1, c2 - c0, sk_lsp_now() - t2);
    sk_diag_free(&dg);
}

sk_lsp_doc *sk_lsp_fresh(sk_lsp *S, sk_lsp_doc *d)
{
    if (d->dirty || !d->checked)
        sk_lsp_check(S, d);
    return d;
}

void sk_lsp_files_changed(sk_lsp *S, const sk_lsp_doc *saved)
{
    for (size_t i = 0; i < S->systems.len; i++) {
        sk_lsp_system *sy = S->systems.items[i];
        if (saved && saved->sys && saved->sys != sy)
            continue;
        sy->stale = 1;
        for (size_t k = 0; k < S->docs.len; k++) {
            sk_lsp_doc *o = S->docs.items[k];
            if (o->sys == sy && !o->dirty) {
                o->dirty = 1;
                o->due = sk_lsp_now() + S->debounce;
            }
        }
    }
}

/* ---------- lifecycle and document sync ---------- */

sk_lsp_doc *sk_lsp_req_doc(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    const char *uri = sk_json_str(sk_json_path(params, "textDocument", "uri", NULL));
    if (!uri) {
        if (id)
            sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "params.textDocument.uri is missing");
        return NULL;
    }
    sk_lsp_doc *d = sk_lsp_doc_find(S, uri);
    if (!d && id)
        sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "%s is not open (send textDocument/didOpen first)",
                               uri);
    return d;
}

int sk_lsp_position(sk_lsp *S, const sk_lsp_doc *d, const sk_json *pos, size_t *off)
{
    long long line, ch;
    if (sk_json_int(sk_json_get(pos, "line"), &line) < 0 || sk_json_int(sk_json_get(pos, "character"), &ch) < 0 ||
        line < 0 || ch < 0)
        return -1;
    *off = sk_textdoc_offset(&d->text, (size_t)line, (size_t)ch, S->enc);
    return 0;
}
