/* jsonrpc — the Language Server Protocol's base protocol over a pair of file
 * descriptors: messages framed by a "Content-Length: N" header block, read with a
 * buffer and a size limit, written whole. It knows nothing of JSON beyond the
 * error codes of JSON-RPC 2.0 and LSP 3.17. */
#ifndef SK_JSONRPC_H
#define SK_JSONRPC_H

#include <stddef.h>

#include "base/common.h"

/* Error codes (JSON-RPC 2.0 and LSP 3.17). */
enum {
    SK_JSONRPC_PARSE_ERROR = -32700,
    SK_JSONRPC_INVALID_REQUEST = -32600,
    SK_JSONRPC_METHOD_NOT_FOUND = -32601,
    SK_JSONRPC_INVALID_PARAMS = -32602,
    SK_JSONRPC_INTERNAL_ERROR = -32603,
    SK_JSONRPC_SERVER_NOT_INITIALIZED = -32002,
    SK_JSONRPC_REQUEST_FAILED = -32803
};

/* A message larger than this is read and dropped (a 256 MiB standard is refused
 * anyway: input/source.h). */
#define SK_JSONRPC_MAX (300u << 20)

typedef struct sk_jsonrpc {
    int in, out;
    char *buf;          /* bytes read and not yet taken */
    size_t len, cap, pos;
    int eof;
} sk_jsonrpc;

void sk_jsonrpc_init(sk_jsonrpc *c, int in, int out);
void sk_jsonrpc_free(sk_jsonrpc *c);

/* Waits up to timeout_ms (-1: without limit) for input: 1 when bytes are
 * buffered or can be read, 0 on timeout, -1 with err on a poll error. */
int sk_jsonrpc_wait(sk_jsonrpc *c, int timeout_ms, sk_err *err);

/* Reads the next message: 1 with *body (caller frees; NUL-terminated) and *len,
 * 0 at the end of input, -1 with err for a read error. A header block without a
 * valid Content-Length, or a message over SK_JSONRPC_MAX, gives 2 with err saying
 * why (the bytes are skipped; the next message can still be read). */
int sk_jsonrpc_read(sk_jsonrpc *c, char **body, size_t *len, sk_err *err);

/* Writes one message (the header, then body). -1 with err when the output fails. */
int sk_jsonrpc_write(sk_jsonrpc *c, const char *body, size_t len, sk_err *err);

#endif
