/* fill — what a writer needs to print a form annex: the values of its fields
 * (sk_fill, answered by stdform) and the copies of a form document */
#ifndef SK_FILL_H
#define SK_FILL_H

#include "model/doc.h"

/* Values for form fields, supplied by stdform; a writer given NULL prints blank
 * forms. value() returns the text for a field (NULL: blank); count() the number
 * of elements of a repeat list; enter()/leave() bracket the rows of element i
 * (fields inside resolve against it). Any callback may be NULL. */
typedef struct sk_fill {
    void *ctx;
    const char *(*value)(void *ctx, const char *name);
    size_t (*count)(void *ctx, const char *list);
    void (*enter)(void *ctx, const char *list, size_t i);
    void (*leave)(void *ctx, const char *list);
} sk_fill;

/* Copies of one form annex printed as a document of their own (stdform): the
 * writers' form entry points (sk_docx_build_form …) print the annex alone — its
 * title lines, clauses, tables, paragraphs and cut lines — n times, calling
 * select(ctx, i) before copy i so the fill answers for record i. Copy i > 0 starts
 * on a new page; there is no cover, 目次, 前言, page header or page number. fill
 * NULL prints blank copies. first lets a writer print a long run of copies a few
 * at a time (copies first … first+n-1 of the same document). */
typedef struct sk_form_copies {
    const sk_node *form;  /* the annex (sk_node.form set) */
    size_t n;             /* copies, at least 1 */
    const sk_fill *fill;  /* NULL: blank */
    void (*select)(void *ctx, size_t i);  /* may be NULL */
    void *ctx;
    size_t first;         /* index of the first copy (0 but for a piece of a longer run) */
} sk_form_copies;

/* Pages a form document's metadata states: its copies, 1 … 100000. */
int sk_fill_pages(const sk_form_copies *fc);

/* Rows a repeat row prints as when the form is blank (or count is NULL). */
#define SK_FILL_BLANK_ROWS 5
/* Text of the cut line between two parts of a form. */
#define SK_CUT_TEXT "剪切线"
/* Width of a blank field in running text, in 汉字 (dates and addresses are wider). */
int sk_fill_field_width(const char *name);

#endif
