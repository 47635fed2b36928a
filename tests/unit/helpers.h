/* Shared by the unit tests: parse a standard from a string and look at diagnostics. */
#ifndef SK_TEST_HELPERS_H
#define SK_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdlib.h>

#include "model/model.h"

#define FM "---\nnumber: SJDJ/TS 01—2019\ntitle: 测试标准\ncategory: TS\nstatus: draft\n---\n"
/* Number of front-matter lines in FM (the body starts on line FM_LINES + 1). */
#define FM_LINES 6

static inline sk_doc *parse_str(const char *text, sk_diags *d)
{
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diag_init(d);
    if (sk_source_make(&src, "t.md", text, strlen(text), d) != 1)
        return NULL;
    if (sk_model_build(&doc, src, 0, d, NULL) != 0) {
        sk_source_free(src);
        return NULL;
    }
    return doc;
}

/* Index of the first diagnostic with this code, or -1. */
static inline int diag_find(const sk_diags *d, const char *code)
{
    for (size_t i = 0; i < d->len; i++)
        if (!strcmp(sk_rule_get(d->items[i].rule)->code, code))
            return (int)i;
    return -1;
}

static inline size_t diag_count(const sk_diags *d, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < d->len; i++)
        n += !strcmp(sk_rule_get(d->items[i].rule)->code, code);
    return n;
}

/* n-th (0-based) section in document order. */
static inline sk_node *nth_section(sk_doc *doc, int k)
{
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_SECTION && k-- == 0)
            return n;
    return NULL;
}

static inline sk_node *first_of(sk_doc *doc, sk_node_type t)
{
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == t)
            return n;
    return NULL;
}

#endif
