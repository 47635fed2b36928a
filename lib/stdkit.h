/* stdkit.h — the public API of libstdkit: a standard written as Markdown with
 * YAML front matter, read into a finished model, checked against GB/T 1.1—2020,
 * reported, and written as DOCX or ODT. It is the one header `make install` puts
 * in place; everything else under lib/ is internal and may change.
 *
 *     #include <stdkit.h>
 *
 *     sk_diags *d = sk_diag_new();
 *     sk_doc *doc = NULL;
 *     sk_err err;
 *     if (sk_model_load(&doc, "std.md", SK_MODEL_FOREWORD, d, &err) < 0) {
 *         fprintf(stderr, "%s: %s\n", err.file, err.msg);
 *     } else {
 *         sk_check_doc(doc, NULL, d);
 *         sk_report_text(d, stdout, 0);
 *         if (sk_docx_write(doc, "std.docx", &err) < 0)
 *             fprintf(stderr, "%s: %s\n", err.file, err.msg);
 *         sk_doc_free(doc);
 *     }
 *     sk_diag_delete(d);
 *
 * Build with `cc prog.c $(pkg-config --cflags --libs stdkit)`.
 *
 * Conventions (HACKING.md, "Contracts"): a function that can fail returns 0, or
 * -1 with the sk_err it was given filled (message, and the file, line and column
 * when known); out-parameters come first and are untouched on failure; what a
 * function hands out through *out the caller frees with the matching _free or
 * _delete. Problems in a standard's text are not failures: they are diagnostics,
 * added to an sk_diags. The library never prints (but for the sk_report_
 * functions, on the FILE given) and never exits. */
#ifndef STDKIT_H
#define STDKIT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STDKIT_VERSION "0.1.0"

/* Error context, filled by a failing call. */
typedef struct sk_err {
    char msg[1024];
    char file[512];  /* "" when no file is concerned */
    int line, col;   /* 1-based; 0 when not known (col counts code points) */
} sk_err;

typedef enum { SK_NOTE = 0, SK_WARNING = 1, SK_ERROR = 2 } sk_severity;

typedef struct sk_doc sk_doc;                     /* a finished model of one standard */
typedef struct sk_diags sk_diags;                 /* a list of diagnostics */
typedef struct sk_catalog_index sk_catalog_index; /* a system's standards, indexed */

/* ---- diagnostics ---- */

/* One diagnostic, as read: the strings belong to the list. */
typedef struct sk_diag_info {
    const char *code;     /* "num-gap": every code is in docs/checks.md */
    sk_severity severity;
    const char *file;
    int line, col;        /* 1-based; 0 when not known */
    const char *message;
    const char *hint;     /* NULL when none */
} sk_diag_info;

sk_diags *sk_diag_new(void);
void sk_diag_delete(sk_diags *d);
/* Diagnostics in the list, and those of at least severity at_least. */
size_t sk_diag_len(const sk_diags *d);
size_t sk_diag_count(const sk_diags *d, sk_severity at_least);
/* The i-th diagnostic (0 <= i < sk_diag_len). -1 when i is out of range. */
int sk_diag_get(const sk_diags *d, size_t i, sk_diag_info *out);

/* Prints the list as stdcheck does: as a compiler's messages (colour with ANSI
 * escapes), as JSON, or as SARIF 2.1.0 naming tool_version. */
void sk_report_text(const sk_diags *d, FILE *f, int color);
void sk_report_json(const sk_diags *d, FILE *f);
void sk_report_sarif(const sk_diags *d, FILE *f, const char *tool_version);

/* ---- a standard ---- */

/* sk_model_load flags: generate the 前言 from the front matter when the source has
 * none, and the fixed lead-in sentence of chapter 2, chapter 3 and 符号和缩略语 when
 * the author wrote none, as stdgen prints them (stdcheck checks what the author
 * wrote, without them). */
enum { SK_MODEL_FOREWORD = 1, SK_MODEL_LEADINS = 2 };

/* Reads the standard at path and builds its model: front matter, numbers,
 * references resolved. Problems with the text go to diags. -1 with err when the
 * file cannot be read or cannot be a standard at all (not UTF-8, front matter
 * never closed: the diagnostics say where). */
int sk_model_load(sk_doc **out, const char *path, unsigned flags, sk_diags *diags, sk_err *err);
void sk_doc_free(sk_doc *doc);
/* A front-matter value by its key ("number", "title", "status", …: docs/format.md),
 * or NULL when the standard does not give it (or key is not a front-matter key). */
const char *sk_doc_meta(const sk_doc *doc, const char *key);

/* Every check of stdcheck that needs no system; ix is the system's catalog index,
 * or NULL for the standard alone. */
void sk_check_doc(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *diags);

/* Writes the standard laid out per GB/T 1.1—2020 with the built-in styles, its
 * figures loaded from beside the source, atomically (a temporary file, then
 * rename). -1 with err (a figure missing, a table wider than the format opens, an
 * I/O error); nothing is left at path then. */
int sk_docx_write(const sk_doc *doc, const char *path, sk_err *err);
int sk_odt_write(const sk_doc *doc, const char *path, sk_err *err);

#ifdef __cplusplus
}
#endif

#endif
