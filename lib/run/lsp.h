/* lsp — the language server's state and what every request needs (run/stdlsp.h is
 * the server, run/lspfeat.h its features): the open documents with their text and
 * latest model, the systems they belong to (system.yaml and the catalog, read
 * again when they change), positions between the model's source lines and the
 * client's columns (UTF-16 or UTF-32), the JSON-RPC messages going out, and the
 * check of a document that publishes its diagnostics. */
#ifndef SK_LSP_H
#define SK_LSP_H

#include <time.h>

#include "base/textdoc.h"
#include "input/catalog.h"
#include "model/locate.h"
#include "run/jsonrpc.h"
#include "run/stdlsp.h"
#include "text/json.h"

typedef struct sk_lsp_system {
    char *yaml;               /* system.yaml, as messages name it */
    char *real;               /* its realpath */
    sk_catalog *cat;          /* NULL when system.yaml is unusable */
    sk_catalog_index *ix;
    sk_map *forms;            /* the system's form IDs (check.h), built on first need */
    sk_diags diags;           /* the problems with system.yaml */
    struct timespec mtime, dmtime; /* of system.yaml and its directory when loaded */
    int stale;                /* a file was saved: read the catalog again */
    int published;            /* its diagnostics were sent */
} sk_lsp_system;

typedef struct sk_lsp_doc {
    char *uri;                /* as the client spells it */
    char *path;               /* the file (absolute), NULL for another URI scheme */
    char *name;               /* the file as messages name it (the URI when no file) */
    long long version, checked_version;
    sk_textdoc text;
    int dirty;                /* changed since the last check */
    int checked;              /* checked at least once */
    double due;               /* when to check it (ms, monotonic) */
    sk_doc *model;            /* of the last check; NULL when the text is not a standard */
    struct sk_markdown_cache *mdcache; /* the parse by chunk, for the next check (model/markdown.h) */
    sk_lsp_system *sys;       /* NULL when it belongs to none */
} sk_lsp_doc;

typedef struct sk_lsp {
    const sk_stdlsp_opts *o;
    sk_jsonrpc rpc;
    sk_textdoc_enc enc;       /* the columns the client counts */
    int initialized, shutdown, done, status, io_failed;
    int related_info;         /* the client shows relatedInformation */
    int hierarchical;         /* … DocumentSymbol trees */
    int action_literals;      /* … CodeAction literals */
    int debounce;             /* ms */
    unsigned char disabled[SK_R_COUNT];
    char *cwd;
    sk_vec docs;              /* sk_lsp_doc* */
    sk_vec systems;           /* sk_lsp_system* */
    sk_buf out;               /* the message being written */
    size_t checks;            /* checks run */
    sk_err *err;              /* where an I/O failure is told */
} sk_lsp;

double sk_lsp_now(void);
void sk_lsp_log(sk_lsp *S, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- files ---- */

/* The file of a file: URI (percent-decoded), or NULL. Caller frees. */
char *sk_lsp_uri_path(const char *uri);
/* The file: URI of an absolute path. Caller frees. */
char *sk_lsp_path_uri(const char *abs);
/* path made absolute (against the server's directory), and as messages name it
 * (relative to the server's directory when below it). Caller frees. */
char *sk_lsp_abs(const sk_lsp *S, const char *path);
char *sk_lsp_spelled(const sk_lsp *S, const char *abs);

/* ---- documents and systems ---- */

sk_lsp_doc *sk_lsp_doc_find(sk_lsp *S, const char *uri);
sk_lsp_doc *sk_lsp_doc_by_path(sk_lsp *S, const char *path);
sk_lsp_doc *sk_lsp_doc_open(sk_lsp *S, const char *uri);
void sk_lsp_doc_close(sk_lsp *S, sk_lsp_doc *d);
/* A standard that is not open, read from disk with its model (not checked, not
 * kept): for references in the other standards of a system. NULL when it cannot
 * be read. Free with sk_lsp_doc_free. */
sk_lsp_doc *sk_lsp_doc_load(sk_lsp *S, const char *path);
void sk_lsp_doc_free(sk_lsp_doc *d);
/* The system d belongs to (loaded, or read again when system.yaml or its directory
 * changed), or NULL. */
sk_lsp_system *sk_lsp_system_of(sk_lsp *S, sk_lsp_doc *d);
/* Files changed on disk (saved: the system of saved; NULL: every system): catalogs
 * are read again and the open standards of those systems checked again. */
void sk_lsp_files_changed(sk_lsp *S, const sk_lsp_doc *saved);
void sk_lsp_free(sk_lsp *S);

/* Builds d's model, runs stdcheck's checks (against its system) and publishes the
 * diagnostics. */
void sk_lsp_check(sk_lsp *S, sk_lsp_doc *d);
/* d with a model of its current text (checked first when it changed). */
sk_lsp_doc *sk_lsp_fresh(sk_lsp *S, sk_lsp_doc *d);

/* The catalog entry of d's system a cited standard names (by its number, else its
 * code: an undated citation), or NULL. */
const sk_entry *sk_lsp_cited(const sk_lsp_doc *d, const char *number, const char *code);

/* ---- positions ---- */

/* Offset in d's text of byte `byte` of source line `line` (the model's positions),
 * of code-point column col (a diagnostic's), and back. */
size_t sk_lsp_src_off(const sk_lsp_doc *d, int line, size_t byte);
size_t sk_lsp_col_off(const sk_lsp_doc *d, int line, int col);
void sk_lsp_off_src(const sk_lsp_doc *d, size_t off, int *line, size_t *byte);
/* A Position object of the client into an offset of d's text; -1 when it is not one. */
int sk_lsp_position(sk_lsp *S, const sk_lsp_doc *d, const sk_json *pos, size_t *off);

/* ---- writing messages ---- */

void sk_lsp_w_pos(sk_lsp *S, sk_json_writer *w, const sk_textdoc *t, size_t off);
void sk_lsp_w_range(sk_lsp *S, sk_json_writer *w, const sk_textdoc *t, size_t a, size_t b);
void sk_lsp_w_span(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, sk_span sp);
/* A Location {uri, range} in d, and at a line (1-based, whole) of a file that may
 * not be open (read from disk then). */
void sk_lsp_w_location(sk_lsp *S, sk_json_writer *w, const sk_lsp_doc *d, sk_span sp);
void sk_lsp_w_file_line(sk_lsp *S, sk_json_writer *w, const char *path, int line);

/* A response: begins {"jsonrpc","id","result": and the caller writes the result;
 * a notification likewise with "params":. sk_lsp_send closes and sends. */
void sk_lsp_result(sk_lsp *S, sk_json_writer *w, const sk_json *id);
void sk_lsp_notify(sk_lsp *S, sk_json_writer *w, const char *method);
void sk_lsp_send(sk_lsp *S, sk_json_writer *w);
void sk_lsp_error(sk_lsp *S, const sk_json *id, int code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void sk_lsp_null(sk_lsp *S, const sk_json *id);
/* window/logMessage (type 1 error … 4 log). */
void sk_lsp_message(sk_lsp *S, int type, const char *msg);

/* The document a request's params name (params.textDocument.uri); NULL after an
 * error reply (when id is given). */
sk_lsp_doc *sk_lsp_req_doc(sk_lsp *S, const sk_json *id, const sk_json *params);

#endif
