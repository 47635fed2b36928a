/* report — diagnostics printed: as a compiler prints them (file:line:col: error:
 * message [code]), as JSON, or as SARIF 2.1.0. */
#ifndef SK_REPORT_H
#define SK_REPORT_H

#include <stdio.h>

#include "diag/diag.h"

typedef enum { SK_FMT_TEXT, SK_FMT_JSON, SK_FMT_SARIF } sk_diag_format;

void sk_report_text(const sk_diags *d, FILE *f, int color);
void sk_report_json(const sk_diags *d, FILE *f);
void sk_report_sarif(const sk_diags *d, FILE *f, const char *tool_version);
/* Writes s as a JSON string literal (quotes included). */
void sk_report_json_string(FILE *f, const char *s);

#endif
