/* diag — diagnostics as data: collected by checks, printed as text, JSON or SARIF. */
#ifndef SK_DIAG_H
#define SK_DIAG_H

#include <stdio.h>
#include "base/common.h"

typedef enum { SK_NOTE = 0, SK_WARNING = 1, SK_ERROR = 2 } sk_severity;

typedef enum {
#define SK_RULE(id, code, sev, clause, summary) SK_R_##id,
#include "diag/codes.def"
#undef SK_RULE
    SK_R_COUNT
} sk_rule_id;

typedef struct sk_rule {
    const char *code;
    sk_severity severity;
    const char *clause;  /* GB/T 1.1—2020 clause, "" when none */
    const char *summary;
} sk_rule;

const sk_rule *sk_rule_get(sk_rule_id id);
/* Rule for a code string, or -1. */
int sk_rule_find(const char *code);
const char *sk_severity_name(sk_severity s);

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
    unsigned char file_disabled[SK_R_COUNT]; /* <!-- stdcheck-disable CODE --> of the current file */
} sk_diags;

void sk_diags_init(sk_diags *d);
void sk_diags_free(sk_diags *d);
/* Adds a diagnostic (dropped when its rule is disabled). Returns it, or NULL when dropped. */
sk_diag *sk_diag_emit(sk_diags *d, sk_rule_id rule, const char *file, int line, int col,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void sk_diag_hint(sk_diag *dg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sorts by file, line, column (stable). */
void sk_diags_sort(sk_diags *d);
size_t sk_diags_count(const sk_diags *d, sk_severity at_least);

typedef enum { SK_FMT_TEXT, SK_FMT_JSON, SK_FMT_SARIF } sk_diag_format;

void sk_diags_print_text(const sk_diags *d, FILE *f, int color);
void sk_diags_print_json(const sk_diags *d, FILE *f);
void sk_diags_print_sarif(const sk_diags *d, FILE *f, const char *tool_version);
/* Writes s as a JSON string literal (quotes included). */
void sk_json_string(FILE *f, const char *s);

#endif
