#include "run/stdlsp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/lsp.h"
#include "run/lspfeat.h"

/* ---------- lifecycle and document sync ---------- */

static const char *const TRIGGERS[] = { "见", "表", "图", "录", "（", "(", "#", "/", "第", ":", NULL };

static void on_initialize(sk_lsp *S, const sk_json *id, const sk_json *params)
{
    if (S->initialized) {
        sk_lsp_error(S, id, SK_JSONRPC_INVALID_REQUEST, "initialize may only be sent once");
        return;
    }
    const sk_json *caps = sk_json_get(params, "capabilities");
    const sk_json *enc = sk_json_path(caps, "general", "positionEncodings", NULL);
    S->enc = SK_TEXTDOC_UTF16;
    for (size_t i = 0; enc && enc->type == SK_JSON_ARRAY && i < enc->n; i++)
        if (sk_json_str(enc->items[i]) && !strcmp(enc->items[i]->str, "utf-32"))
            S->enc = SK_TEXTDOC_UTF32;
    S->related_info =
        sk_json_path(caps, "textDocument", "publishDiagnostics", "relatedInformation", NULL) &&
        sk_json_path(caps, "textDocument", "publishDiagnostics", "relatedInformation", NULL)->type == SK_JSON_TRUE;
    const sk_json *h = sk_json_path(caps, "textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport", NULL);
    S->hierarchical = h && h->type == SK_JSON_TRUE;
    const sk_json *pr = sk_json_path(caps, "textDocument", "rename", "prepareSupport", NULL);
    int prepare = pr && pr->type == SK_JSON_TRUE;
    const sk_json *cal = sk_json_path(caps, "textDocument", "codeAction", "codeActionLiteralSupport", NULL);
    S->action_literals = cal != NULL;
    const sk_json *opts = sk_json_get(params, "initializationOptions");
    long long v;
    if (sk_json_int(sk_json_get(opts, "debounce"), &v) == 0 && v >= 0 && v <= 10000)
        S->debounce = (int)v;
    const sk_json *dis = sk_json_get(opts, "disable");
    for (size_t i = 0; dis && dis->type == SK_JSON_ARRAY && i < dis->n; i++) {
        int r = sk_json_str(dis->items[i]) ? sk_rule_find(dis->items[i]->str) : -1;
        if (r >= 0)
            S->disabled[r] = 1;
    }
    S->initialized = 1;

    sk_json_writer w;
    sk_lsp_result(S, &w, id);
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "capabilities");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "positionEncoding");
    sk_json_w_str(&w, S->enc == SK_TEXTDOC_UTF32 ? "utf-32" : "utf-16");
    sk_json_w_key(&w, "textDocumentSync");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "openClose");
    sk_json_w_bool(&w, 1);
    sk_json_w_key(&w, "change");
    sk_json_w_int(&w, 2);
    sk_json_w_key(&w, "save");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "includeText");
    sk_json_w_bool(&w, 0);
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    static const char *const flags[] = { "definitionProvider", "referencesProvider", "hoverProvider",
                                         "documentSymbolProvider", "foldingRangeProvider", NULL };
    for (const char *const *f = flags; *f; f++) {
        sk_json_w_key(&w, *f);
        sk_json_w_bool(&w, 1);
    }
    sk_json_w_key(&w, "renameProvider");
    if (prepare) {
        sk_json_w_obj(&w);
        sk_json_w_key(&w, "prepareProvider");
        sk_json_w_bool(&w, 1);
        sk_json_w_end(&w);
    } else {
        sk_json_w_bool(&w, 1);
    }
    sk_json_w_key(&w, "completionProvider");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "triggerCharacters");
    sk_json_w_arr(&w);
    for (const char *const *t = TRIGGERS; *t; t++)
        sk_json_w_str(&w, *t);
    sk_json_w_end(&w);
    sk_json_w_key(&w, "resolveProvider");
    sk_json_w_bool(&w, 0);
    sk_json_w_end(&w);
    sk_json_w_key(&w, "codeActionProvider");
    if (S->action_literals) {
        sk_json_w_obj(&w);
        sk_json_w_key(&w, "codeActionKinds");
        sk_json_w_arr(&w);
        sk_json_w_str(&w, "quickfix");
        sk_json_w_str(&w, "refactor.rewrite");
        sk_json_w_str(&w, "source.fixAll");
        sk_json_w_end(&w);
        sk_json_w_end(&w);
    } else {
        sk_json_w_bool(&w, 1);
    }
    sk_json_w_end(&w);
    sk_json_w_key(&w, "serverInfo");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "name");
    sk_json_w_str(&w, "stdlsp");
    sk_json_w_key(&w, "version");
    sk_json_w_str(&w, SK_VERSION);
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
}

/* The document a request names (params.textDocument.uri): NULL after replying. */
static void on_did_open(sk_lsp *S, const sk_json *params)
{
    const sk_json *td = sk_json_get(params, "textDocument");
    const char *uri = sk_json_str(sk_json_get(td, "uri"));
    const sk_json *text = sk_json_get(td, "text");
    long long version = 0;
    if (!uri || !text || text->type != SK_JSON_STRING) {
        sk_lsp_message(S, 1, "textDocument/didOpen without textDocument.uri and .text: ignored");
        return;
    }
    sk_json_int(sk_json_get(td, "version"), &version);
    sk_lsp_doc *d = sk_lsp_doc_open(S, uri);
    d->version = version;
    sk_textdoc_set(&d->text, text->str, text->len);
    sk_lsp_check(S, d);
}

static void on_did_change(sk_lsp *S, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, NULL, params);
    const sk_json *changes = sk_json_get(params, "contentChanges");
    if (!d || !changes || changes->type != SK_JSON_ARRAY) {
        sk_lsp_message(S, 1, "textDocument/didChange for a document that is not open, or without contentChanges: ignored");
        return;
    }
    for (size_t i = 0; i < changes->n; i++) {
        const sk_json *c = changes->items[i];
        const sk_json *text = sk_json_get(c, "text"), *range = sk_json_get(c, "range");
        if (!text || text->type != SK_JSON_STRING) {
            sk_lsp_message(S, 1, "a content change without text: ignored");
            continue;
        }
        if (!range) {
            sk_textdoc_set(&d->text, text->str, text->len);
            continue;
        }
        size_t a, b;
        if (sk_lsp_position(S, d, sk_json_get(range, "start"), &a) < 0 ||
            sk_lsp_position(S, d, sk_json_get(range, "end"), &b) < 0 || b < a) {
            sk_lsp_message(S, 1, "a content change with an invalid range: ignored (the text may now differ from the editor's)");
            continue;
        }
        sk_textdoc_edit(&d->text, a, b, text->str, text->len);
    }
    long long version;
    if (sk_json_int(sk_json_path(params, "textDocument", "version", NULL), &version) == 0)
        d->version = version;
    d->dirty = 1;
    d->due = sk_lsp_now() + S->debounce;
}

static void on_did_close(sk_lsp *S, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, NULL, params);
    if (!d)
        return;
    /* the diagnostics of a closed file are cleared */
    sk_json_writer w;
    sk_lsp_notify(S, &w, "textDocument/publishDiagnostics");
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "uri");
    sk_json_w_str(&w, d->uri);
    sk_json_w_key(&w, "diagnostics");
    sk_json_w_arr(&w);
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    sk_lsp_send(S, &w);
    sk_lsp_doc_close(S, d);
}

static void on_did_save(sk_lsp *S, const sk_json *params)
{
    sk_lsp_doc *d = sk_lsp_req_doc(S, NULL, params);
    sk_lsp_files_changed(S, d);
}

/* ---------- dispatch ---------- */

typedef void (*request_fn)(sk_lsp *S, const sk_json *id, const sk_json *params);

static const struct {
    const char *method;
    request_fn fn;
} REQUESTS[] = {
    { "textDocument/definition", sk_lspfeat_definition },
    { "textDocument/references", sk_lspfeat_references },
    { "textDocument/hover", sk_lspfeat_hover },
    { "textDocument/prepareRename", sk_lspfeat_prepare_rename },
    { "textDocument/rename", sk_lspfeat_rename },
    { "textDocument/completion", sk_lspfeat_completion },
    { "textDocument/documentSymbol", sk_lspfeat_symbols },
    { "textDocument/foldingRange", sk_lspfeat_folding },
    { "textDocument/codeAction", sk_lspfeat_code_action },
};

static void handle(sk_lsp *S, const char *body, size_t len)
{
    sk_json *msg = NULL;
    sk_err e;
    sk_err_clear(&e);
    if (S->o->log)
        sk_lsp_log(S, "<- %.*s%s", (int)sk_utf8_prefix(body, len, 400), body, len > 400 ? "…" : "");
    if (sk_json_parse(&msg, body, len, &e) < 0) {
        sk_lsp_error(S, NULL, SK_JSONRPC_PARSE_ERROR, "the message is not JSON: %s", e.msg);
        return;
    }
    const sk_json *id = sk_json_get(msg, "id"), *method = sk_json_get(msg, "method");
    const sk_json *params = sk_json_get(msg, "params");
    const char *m = sk_json_str(method);
    if (msg->type != SK_JSON_OBJECT) {
        sk_lsp_error(S, NULL, SK_JSONRPC_INVALID_REQUEST, "a message is a JSON object");
        goto done;
    }
    if (id && id->type != SK_JSON_NUMBER && id->type != SK_JSON_STRING && id->type != SK_JSON_NULL) {
        sk_lsp_error(S, NULL, SK_JSONRPC_INVALID_REQUEST, "the id of a request is a number or a string");
        goto done;
    }
    if (!m) {
        if (method || !(sk_json_get(msg, "result") || sk_json_get(msg, "error")))
            sk_lsp_error(S, id, SK_JSONRPC_INVALID_REQUEST, "a request names its method as a string");
        goto done; /* else a response to a request of ours: nothing to do */
    }
    if (params && params->type != SK_JSON_OBJECT && params->type != SK_JSON_ARRAY) {
        if (id)
            sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "params is an object or an array");
        goto done;
    }
    if (!strcmp(m, "exit")) {
        S->status = S->shutdown ? 0 : 1;
        S->done = 1;
        goto done;
    }
    if (!S->initialized && strcmp(m, "initialize")) {
        if (id)
            sk_lsp_error(S, id, SK_JSONRPC_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
        goto done;
    }
    if (S->shutdown) {
        if (id)
            sk_lsp_error(S, id, SK_JSONRPC_INVALID_REQUEST, "the server is shutting down");
        goto done;
    }
    if (!id) {
        if (!strcmp(m, "textDocument/didOpen"))
            on_did_open(S, params);
        else if (!strcmp(m, "textDocument/didChange"))
            on_did_change(S, params);
        else if (!strcmp(m, "textDocument/didClose"))
            on_did_close(S, params);
        else if (!strcmp(m, "textDocument/didSave"))
            on_did_save(S, params);
        else if (!strcmp(m, "workspace/didChangeWatchedFiles"))
            sk_lsp_files_changed(S, NULL);
        goto done; /* initialized, $/cancelRequest, $/setTrace and others need nothing */
    }
    if (!strcmp(m, "initialize")) {
        on_initialize(S, id, params);
        goto done;
    }
    if (!strcmp(m, "shutdown")) {
        S->shutdown = 1;
        sk_lsp_null(S, id);
        goto done;
    }
    for (size_t i = 0; i < sizeof REQUESTS / sizeof *REQUESTS; i++)
        if (!strcmp(m, REQUESTS[i].method)) {
            if (!params || params->type != SK_JSON_OBJECT)
                sk_lsp_error(S, id, SK_JSONRPC_INVALID_PARAMS, "%s takes an object of params", m);
            else
                REQUESTS[i].fn(S, id, params);
            goto done;
        }
    sk_lsp_error(S, id, SK_JSONRPC_METHOD_NOT_FOUND, "stdlsp does not provide %s", m);
done:
    sk_json_free(msg);
}

/* Checks every document whose debounce time has passed. */
static void run_due(sk_lsp *S, int all)
{
    double t = sk_lsp_now();
    for (size_t i = 0; i < S->docs.len && !S->done; i++) {
        sk_lsp_doc *d = S->docs.items[i];
        if (d->dirty && (all || d->due <= t))
            sk_lsp_check(S, d);
    }
}

static int next_timeout(const sk_lsp *S)
{
    double t = sk_lsp_now(), best = -1;
    for (size_t i = 0; i < S->docs.len; i++) {
        const sk_lsp_doc *d = S->docs.items[i];
        if (d->dirty && (best < 0 || d->due < best))
            best = d->due;
    }
    if (best < 0)
        return -1;
    return best <= t ? 0 : (int)(best - t) + 1;
}

int sk_stdlsp_run(const sk_stdlsp_opts *o, int *status, sk_err *err)
{
    sk_lsp S;
    memset(&S, 0, sizeof S);
    S.o = o;
    S.err = err;
    S.status = 1;
    S.enc = SK_TEXTDOC_UTF16;
    S.debounce = o->debounce_ms >= 0 ? o->debounce_ms : 100;
    S.cwd = getcwd(NULL, 0);
    if (!S.cwd)
        S.cwd = sk_strdup("/");
    sk_buf_init(&S.out);
    sk_jsonrpc_init(&S.rpc, o->in, o->out);
    int rc = 0;
    while (!S.done) {
        int r = sk_jsonrpc_wait(&S.rpc, next_timeout(&S), err);
        if (r < 0) {
            rc = -1;
            break;
        }
        if (r == 0) {
            run_due(&S, 0);
            continue;
        }
        char *body = NULL;
        size_t len = 0;
        sk_err e;
        sk_err_clear(&e);
        r = sk_jsonrpc_read(&S.rpc, &body, &len, &e);
        if (r < 0) {
            *err = e;
            rc = -1;
            break;
        }
        if (r == 0)
            break; /* the client went away without exit */
        if (r == 2) {
            sk_lsp_error(&S, NULL, SK_JSONRPC_PARSE_ERROR, "%s", e.msg);
            continue;
        }
        handle(&S, body, len);
        free(body);
        if (S.io_failed)
            rc = -1;
    }
    *status = S.status;
    sk_lsp_free(&S);
    return rc;
}
