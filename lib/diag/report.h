/* report — what the tools print, one layer for all of them: diagnostics as a
 * compiler prints them (file:line:col: error: message [code]), as JSON or as
 * SARIF 2.1.0; the drivers' messages (a problem with one standard, an I/O error)
 * in the same file:line:col shape; the severity levels (--fail-level, -q); colour
 * on a terminal; a progress bar on a terminal for long batches. The library
 * decides nothing here that a tool would print differently. */
#ifndef SK_REPORT_H
#define SK_REPORT_H

#include <stdio.h>
#include <time.h>

#include "diag/diag.h"

typedef enum { SK_FMT_TEXT, SK_FMT_JSON, SK_FMT_SARIF, SK_FMT_GITHUB, SK_FMT_JUNIT } sk_diag_format;

void sk_report_text(const sk_diags *d, FILE *f, int color);
void sk_report_json(const sk_diags *d, FILE *f);
void sk_report_sarif(const sk_diags *d, FILE *f, const char *tool_version);

/* One SARIF run as stdcheck writes it. */
typedef struct sk_sarif_run {
    const char *version;    /* the tool's */
    const char *root;       /* %SRCROOT%: URIs of files under it are relative to it; NULL: paths as written */
    const sk_err *failure;  /* the run failed: executionSuccessful false, err as a notification */
} sk_sarif_run;
void sk_report_sarif_run(const sk_diags *d, FILE *f, const sk_sarif_run *run);
/* The default %SRCROOT%: the top of the git work tree around the current
 * directory, else the current directory. Caller frees. */
char *sk_report_sarif_root(void);
/* GitHub Actions workflow commands: one "::error file=…,line=…,col=…,title=code::message" per finding. */
void sk_report_github(const sk_diags *d, FILE *f);
/* JUnit XML: a test suite per file in files (char*), a test case per finding
 * (errors and warnings fail; notes pass with the text as output); a file without
 * findings is one passing case. */
void sk_report_junit(const sk_diags *d, const sk_vec *files, FILE *f);
/* Writes s as a JSON string literal (quotes included). */
void sk_report_json_string(FILE *f, const char *s);

/* ---- the drivers' messages ---- */

/* How a driver (stdgen, stdform) reports a problem: err names the place as far as
 * it is known (file, line, col). */
typedef void (*sk_report_fn)(void *ctx, sk_severity sev, const sk_err *err);
/* How a driver reports progress: done of total finished, what is next (NULL: the end). */
typedef void (*sk_progress_fn)(void *ctx, size_t done, size_t total, const char *what);

/* Prints err as "file:line:col: error: message" (as much of the place as err has),
 * or "tool: error: message" when it names no file. */
void sk_report_message(FILE *f, const char *tool, sk_severity sev, const sk_err *err);

/* A tool's reporter: pass sk_report_cb / sk_report_progress_cb with it as ctx. */
typedef struct sk_reporter {
    const char *tool;     /* "stdgen": what a message without a file starts with */
    int quiet;            /* -q: errors only */
    int tty;              /* stderr is a terminal: show progress */
    int shown;            /* a progress line is on the screen */
    struct timespec last; /* when it was drawn */
    size_t errors, warnings;
} sk_reporter;

void sk_report_init(sk_reporter *r, const char *tool, int quiet);
/* sk_report_fn: counts, clears the progress line, prints (warnings and notes not
 * when quiet). */
void sk_report_cb(void *ctx, sk_severity sev, const sk_err *err);
/* sk_progress_fn: on a terminal and for 2 or more items, "[#####.....] 3/22 what",
 * redrawn at most ten times a second; cleared at the end (what NULL). */
void sk_report_progress_cb(void *ctx, size_t done, size_t total, const char *what);
/* Clears the progress line if one is shown (before printing anything else). */
void sk_report_progress_clear(sk_reporter *r);

/* "stdcheck: 2 errors, 1 warning, 0 notes" on f when d has any. */
void sk_report_counts(FILE *f, const char *tool, const sk_diags *d);

/* --color WHEN: "auto" (a terminal, and NO_COLOR unset), "always" (unless NO_COLOR
 * is set) or "never"; isatty is whether the output is a terminal. -1 for another word. */
int sk_report_color(const char *when, int isatty);

#endif
