/* diag — diagnostics as data: a list that checks add to (each with its rule from
 * codes.def, a position and a message); printing is report.h's. */
#ifndef SK_DIAG_H
#define SK_DIAG_H

#include "base/common.h"
#include "diag/rule.h"

typedef struct sk_diag {
    sk_rule_id rule;
    sk_severity severity;
    char *file;
    int line, col;  /* 1-based; col counts Unicode code points; 0 = unknown */
    char *msg;
    char *hint;     /* may be NULL */
} sk_diag;

typedef struct sk_diags {
    sk_diag *items;
    size_t len, cap;
    unsigned char disabled[SK_R_COUNT];      /* --disable */
    /* the configuration of the file being checked (checkconf.h): codes it disables,
     * severities it sets (0: the code's own, else 1 + sk_severity) */
    unsigned char conf_disabled[SK_R_COUNT];
    unsigned char conf_level[SK_R_COUNT];
} sk_diags;

void sk_diag_init(sk_diags *d);
void sk_diag_free(sk_diags *d);
/* Adds a diagnostic (dropped when its rule is disabled; at the configured severity).
 * Returns it, or NULL when dropped. */
sk_diag *sk_diag_emit(sk_diags *d, sk_rule_id rule, const char *file, int line, int col,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void sk_diag_hint(sk_diag *dg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Keeps the diagnostics from index start on for which keep(dg, ctx) is true, in order;
 * the others are freed. */
void sk_diag_filter(sk_diags *d, size_t start, int (*keep)(const sk_diag *dg, void *ctx), void *ctx);
/* Keeps the diagnostics of at least severity min (stdcheck -q: errors only). */
void sk_diag_keep(sk_diags *d, sk_severity min);
/* Sorts by file, line, column (stable). */
void sk_diag_sort(sk_diags *d);
size_t sk_diag_count(const sk_diags *d, sk_severity at_least);

#endif
