/* yaml — YAML (and JSON) text into a small tree with source positions.
 * Anchors and aliases are refused (alias bombs); depth is bounded. */
#ifndef SK_YAML_H
#define SK_YAML_H

#include "base/common.h"

typedef enum { SK_YAML_SCALAR, SK_YAML_SEQ, SK_YAML_MAP } sk_yaml_type;

typedef struct sk_yaml_node {
    sk_yaml_type type;
    int line, col;        /* 1-based, in the file the text came from */
    char *value;          /* scalars */
    int plain;            /* scalar was unquoted (so "null", "123" may be typed) */
    struct sk_yaml_node **items; /* SEQ: elements; MAP: key, value, key, value … */
    size_t n;
} sk_yaml_node;

#define SK_YAML_MAX_DEPTH 64

/* Parses text (len bytes). first_line is the file line of text's first line.
 * An empty document gives *out == NULL and returns 0. */
int sk_yaml_load(sk_yaml_node **out, const char *text, size_t len, int first_line, const char *file,
                 sk_err *err);
void sk_yaml_free(sk_yaml_node *n);
/* Value for key in a mapping, or NULL. */
sk_yaml_node *sk_yaml_get(const sk_yaml_node *map, const char *key);
const char *sk_yaml_type_name(sk_yaml_type t);
/* True for a plain scalar that YAML reads as null (~, null, empty). */
int sk_yaml_is_null(const sk_yaml_node *n);
/* Appends s as a YAML scalar that reads back as the same text: plain when nothing
 * in it means something to YAML (and it is no number, boolean or null), else
 * double-quoted with \\ \" \n \t escaped. */
void sk_yaml_scalar(sk_buf *b, const char *s);

#endif
