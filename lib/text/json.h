/* json — strict JSON (RFC 8259) read into a small tree, and a writer that builds
 * JSON text into a buffer. The reader is for messages from another program (the
 * language server's JSON-RPC): it refuses what RFC 8259 refuses (trailing commas,
 * comments, single quotes, lone surrogates, invalid UTF-8, control characters in
 * strings, leading zeros), bounds the nesting depth, and says where the text went
 * wrong. (text/yaml reads JSON data files a user writes; YAML 1.1 is not JSON:
 * it reads `{"a":1}` differently by version, and cannot tell 1 from "1" reliably.)
 * The writer escapes what JSON requires and writes every other character as UTF-8. */
#ifndef SK_JSON_H
#define SK_JSON_H

#include "base/common.h"

typedef enum {
    SK_JSON_NULL,
    SK_JSON_FALSE,
    SK_JSON_TRUE,
    SK_JSON_NUMBER,
    SK_JSON_STRING,
    SK_JSON_ARRAY,
    SK_JSON_OBJECT
} sk_json_type;

typedef struct sk_json {
    sk_json_type type;
    char *str;             /* STRING: the decoded UTF-8 (NUL-terminated; len bytes, "\u0000" kept);
                            * NUMBER: the number as written */
    size_t len;
    double num;            /* NUMBER */
    struct sk_json **items; /* ARRAY: the elements; OBJECT: key, value, key, value … (keys are STRINGs) */
    size_t n;              /* ARRAY: elements; OBJECT: 2 × members */
} sk_json;

#define SK_JSON_MAX_DEPTH 128

/* Parses text[0..len) as one JSON value (whitespace around it allowed). -1 with
 * err ("line 1, column 17: expected ':' after an object key") on any other text. */
int sk_json_parse(sk_json **out, const char *text, size_t len, sk_err *err);
void sk_json_free(sk_json *j);

/* The value of key in an object (the last one when a key repeats), or NULL (also
 * when obj is NULL or not an object). */
const sk_json *sk_json_get(const sk_json *obj, const char *key);
/* The string of a STRING value, or NULL. */
const char *sk_json_str(const sk_json *j);
/* A NUMBER that is a whole number in [-2^53, 2^53]: 0 with *out set, else -1. */
int sk_json_int(const sk_json *j, long long *out);
/* A path of keys: sk_json_path(j, "textDocument", "uri", NULL). */
const sk_json *sk_json_path(const sk_json *j, ...);

/* ---- writing ---- */

/* A writer appending to a buffer; commas and colons are placed by the writer. */
typedef struct sk_json_writer {
    sk_buf *b;
    int depth;
    unsigned char first[SK_JSON_MAX_DEPTH + 1]; /* nothing written yet at this depth */
    char close[SK_JSON_MAX_DEPTH + 1];          /* what closes the container at this depth */
    int after_key;
} sk_json_writer;

void sk_json_w_init(sk_json_writer *w, sk_buf *b);
void sk_json_w_obj(sk_json_writer *w);
void sk_json_w_arr(sk_json_writer *w);
/* Closes the innermost object or array. */
void sk_json_w_end(sk_json_writer *w);
/* A member's key (in an object); the next value written is its value. */
void sk_json_w_key(sk_json_writer *w, const char *key);
/* A string value (NULL writes null); _n with a length (bytes, NUL allowed). Invalid
 * UTF-8 is written as U+FFFD, so the output is always valid JSON. */
void sk_json_w_str(sk_json_writer *w, const char *s);
void sk_json_w_strn(sk_json_writer *w, const char *s, size_t n);
void sk_json_w_int(sk_json_writer *w, long long v);
void sk_json_w_bool(sk_json_writer *w, int v);
void sk_json_w_null(sk_json_writer *w);
/* A parsed value written back (an id echoed as it came: 7 or "7"). */
void sk_json_w_value(sk_json_writer *w, const sk_json *v);

#endif
