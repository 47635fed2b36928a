#include "diag/rule.h"

#include <string.h>


static const sk_rule rules[SK_R_COUNT] = {
#define SK_RULE(id, code, sev, clause, summary) { code, sev, clause, summary },
#include "diag/codes.def"
#undef SK_RULE
};

const sk_rule *sk_rule_get(sk_rule_id id)
{
    return &rules[id];
}

int sk_rule_find(const char *code)
{
    for (int i = 0; i < SK_R_COUNT; i++)
        if (strcmp(rules[i].code, code) == 0)
            return i;
    return -1;
}

const char *sk_rule_severity_name(sk_severity s)
{
    return s == SK_ERROR ? "error" : s == SK_WARNING ? "warning" : "note";
}

int sk_rule_severity_parse(const char *s, sk_severity *out)
{
    for (int v = SK_NOTE; v <= SK_ERROR; v++)
        if (!strcmp(s, sk_rule_severity_name((sk_severity)v))) {
            *out = (sk_severity)v;
            return 0;
        }
    return -1;
}
