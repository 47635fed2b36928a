/* stdlsp — the driver behind stdlsp: a Language Server Protocol 3.17 server over a
 * pair of file descriptors (JSON-RPC, run/jsonrpc.h; JSON, text/json.h). Each open
 * standard is built into a model and checked as stdcheck checks it (sk_check_doc,
 * against the system.yaml above it) after every change, debounced; the model
 * answers definition, references, hover, rename, completion, document symbols,
 * folding ranges and code actions (the renumbering edits are sk_fix_apply's).
 * One thread; the client's messages are handled in order. A malformed message is
 * answered with a JSON-RPC error and the server goes on. */
#ifndef SK_STDLSP_H
#define SK_STDLSP_H

#include "base/common.h"

typedef struct sk_stdlsp_opts {
    int in, out;         /* the client's messages are read from in, ours written to out */
    int debounce_ms;     /* a changed text is checked this long after the last change (<0: 100) */
    int no_system;       /* check files alone, without their system */
    /* A trace line for each message in and out, and each check with its time (NULL: none). */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
} sk_stdlsp_opts;

/* Serves until the client's exit notification or the end of input. *status gets
 * the exit status LSP prescribes: 0 after shutdown, 1 otherwise. -1 with err when
 * reading or writing the descriptors fails. */
int sk_stdlsp_run(const sk_stdlsp_opts *o, int *status, sk_err *err);

#endif
