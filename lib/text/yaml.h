/* ynode — YAML (and JSON) text into a small tree with source positions.
 * Anchors and aliases are refused (alias bombs); depth is bounded. */
#ifndef SK_YNODE_H
#define SK_YNODE_H

#include "base/common.h"

typedef enum { SK_Y_SCALAR, SK_Y_SEQ, SK_Y_MAP } sk_ytype;

typedef struct sk_ynode {
    sk_ytype type;
    int line, col;        /* 1-based, in the file the text came from */
    char *value;          /* scalars */
    int plain;            /* scalar was unquoted (so "null", "123" may be typed) */
    struct sk_ynode **items; /* SEQ: elements; MAP: key, value, key, value … */
    size_t n;
} sk_ynode;

#define SK_YAML_MAX_DEPTH 64

/* Parses text (len bytes). first_line is the file line of text's first line.
 * An empty document gives *out == NULL and returns 0. */
int sk_yaml_load(sk_ynode **out, const char *text, size_t len, int first_line, const char *file,
                 sk_err *err);
void sk_ynode_free(sk_ynode *n);
/* Value for key in a mapping, or NULL. */
sk_ynode *sk_ynode_get(const sk_ynode *map, const char *key);
const char *sk_ytype_name(sk_ytype t);
/* True for a plain scalar that YAML reads as null (~, null, empty). */
int sk_ynode_is_null(const sk_ynode *n);

#endif
