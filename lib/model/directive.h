/* directive — stdcheck's suppression comments in a standard's Markdown, as
 * linters write them: <!-- stdcheck-disable CODE … --> to <!-- stdcheck-enable
 * CODE … --> (or the end of the file), stdcheck-disable-line, -disable-next-line and
 * -disable-file. Parsed with the model; applied to the findings by check.c. */
#ifndef SK_DIRECTIVE_H
#define SK_DIRECTIVE_H

#include "base/common.h"
#include "diag/diag.h"

typedef enum {
    SK_DIRECTIVE_DISABLE,   /* from here to a matching enable or the end of the file */
    SK_DIRECTIVE_ENABLE,
    SK_DIRECTIVE_LINE,      /* the lines of the comment itself */
    SK_DIRECTIVE_NEXT_LINE, /* the line after the comment */
    SK_DIRECTIVE_FILE       /* the whole file, wherever the comment is */
} sk_directive_kind;

typedef struct sk_directive {
    sk_directive_kind kind;
    int line, col;        /* where the comment starts (col in code points) */
    int end_line;         /* the comment's last line */
    int all;              /* no code given: every code */
    int ncodes;
    int codes[16];        /* sk_rule_id of each code named */
    unsigned used;        /* bit k: codes[k] (bit 0 for all) suppressed a finding */
} sk_directive;

/* Reads the directives in one HTML comment (text from "<!--") that starts at
 * line:col and ends on end_line, appending sk_directive* to out. Comments that do
 * not start with "stdcheck-" are not directives; a misspelt directive or an
 * unknown code is a 'directive' error in d. */
void sk_directive_parse(sk_vec *out, const char *comment, const char *file, int line, int col, int end_line,
                        sk_diags *d);
void sk_directive_list_free(sk_vec *v);

#endif
