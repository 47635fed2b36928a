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
    /* findings of each rule since the last sk_diag_cap, and those dropped past
     * SK_DIAG_EMIT_MAX (never stored: a small file can ask for millions) */
    size_t seen[SK_R_COUNT], over[SK_R_COUNT];
} sk_diags;

/* At most this many findings of one code in one file are shown; the rest are
 * counted in one summary finding (sk_diag_cap). */
#define SK_DIAG_REPEAT_MAX 100
/* Findings of one code kept in memory before sk_diag_cap decides (the others only
 * counted): enough for suppression comments to drop some and still show the cap. */
#define SK_DIAG_EMIT_MAX 1000

void sk_diag_init(sk_diags *d);
void sk_diag_free(sk_diags *d);
/* Adds a diagnostic (dropped when its rule is disabled, or counted only past
 * SK_DIAG_EMIT_MAX of its rule; at the configured severity). Returns it, or NULL
 * when dropped. */
sk_diag *sk_diag_emit(sk_diags *d, sk_rule_id rule, const char *file, int line, int col,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void sk_diag_hint(sk_diag *dg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Keeps the diagnostics from index start on for which keep(dg, ctx) is true, in order;
 * the others are freed. */
void sk_diag_filter(sk_diags *d, size_t start, int (*keep)(const sk_diag *dg, void *ctx), void *ctx);
/* Keeps the diagnostics of at least severity min (stdcheck -q: errors only). */
void sk_diag_keep(sk_diags *d, sk_severity min);
/* Caps the findings from index start on (one file's) at SK_DIAG_REPEAT_MAX a
 * code: the rest of each code are dropped and one finding of that code, where the
 * first dropped one was, says how many were not shown. Resets the counts. */
void sk_diag_cap(sk_diags *d, size_t start);
/* Sorts by file, line, column (stable). */
void sk_diag_sort(sk_diags *d);
size_t sk_diag_count(const sk_diags *d, sk_severity at_least);

/* Findings in streams, for a pass that runs several checks in one walk of the
 * tree: each check emits into its own stream (sk_diag_stream_to before its hook),
 * and sk_diag_stream_end appends the streams to d in stream order, so the list is
 * the one the checks would give run one after the other (the sort is stable, and
 * ties keep that order). The counts of sk_diag_emit are shared by the streams. */
#define SK_DIAG_STREAMS_MAX 24
typedef struct sk_diag_streams {
    struct sk_diag_list { sk_diag *items; size_t len, cap; } v[SK_DIAG_STREAMS_MAX], base;
    int n, cur;
} sk_diag_streams;
/* Starts n streams (at most SK_DIAG_STREAMS_MAX); emissions go to stream 0. */
void sk_diag_stream_begin(sk_diags *d, sk_diag_streams *s, int n);
/* Emissions from now on go to stream k. */
void sk_diag_stream_to(sk_diags *d, sk_diag_streams *s, int k);
/* Appends streams 0..n-1 to d's findings, in order, and ends the streams. */
void sk_diag_stream_end(sk_diags *d, sk_diag_streams *s);

#endif
