/* rule — the table of every check code (codes.def): its severity, the GB/T 1.1—2020
 * clause it cites and a one-line summary, from which --list-checks, docs/checks.md,
 * --disable and SARIF's rule list all come. */
#ifndef SK_RULE_H
#define SK_RULE_H

#include "stdkit.h" /* sk_severity is public */

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
const char *sk_rule_severity_name(sk_severity s);
/* "error", "warning" or "note" into *out; -1 for another word. */
int sk_rule_severity_parse(const char *s, sk_severity *out);

#endif
