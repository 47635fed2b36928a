/* formpage — the page of a form document (stdform), shared by both writers: the
 * measures its layout (layout.h's sk_layout_form) plans a page with, and the words
 * of a form's blanks. The styles' numbers (templates/docx/styles.xml and
 * templates/odt/styles.xml: GB Form Title, Text, Line, Cell) are these: exact line
 * heights, so that a page can be planned and filled to its bottom. */
#ifndef SK_FORMPAGE_H
#define SK_FORMPAGE_H

#include "base/common.h"

#define SK_FORM_ROW_TW 454          /* a table row to write one line in: 8 mm */
#define SK_FORM_TITLE_LINE_TW 720   /* GB Form Title: 36 pt exact (小二, 18 pt) … */
#define SK_FORM_TITLE_AFTER_TW 240  /* … and 12 pt after */
#define SK_FORM_TITLE_EM 360        /* one 汉字 of the title */
#define SK_FORM_HEADING_TW 560      /* GB Form Heading: 20 pt exact, 4 pt before and after (小四黑体) */
#define SK_FORM_TEXT_TW 400         /* GB Form Text and Line: 20 pt exact (小四, 12 pt) */
#define SK_FORM_TEXT_EM 240
#define SK_FORM_CELL_TW 300         /* GB Form Cell: 15 pt exact (五号, 10.5 pt) */
#define SK_FORM_CELL_EM 210
#define SK_FORM_CELL_PAD 240        /* a cell's left and right padding together, and a little more */
#define SK_FORM_CUT_TW 864          /* GB Cut Line and its spacing */
#define SK_FORM_QR_TW 1417          /* a QR code's side: 25 mm */
#define SK_FORM_SEAL_TW 567         /* room above a line with 盖章 for the seal: 10 mm */
#define SK_FORM_SLACK_TW 400        /* kept free at the foot of a planned page: widths are estimates */
#define SK_FORM_WIDE_COLS 9         /* a table this wide puts the form on landscape A4 */
#define SK_FORM_MIN_ROWS 2          /* blank repeat rows before the page is filled */
#define SK_FORM_MAX_BOX_TW 5670     /* a writing box grows to at most 10 cm */

/* Display width of UTF-8 text in half-汉字 units: 汉字 and fullwidth forms count 2,
 * Latin letters and digits 1 (a little more than their width in 宋体/黑体). */
int sk_formpage_units(const char *s);
/* Lines a text of units half-汉字 takes in width twips of em-twip 汉字 (at least 1). */
int sk_formpage_lines(int units, int width, int em);
/* The longest run of text that never breaks (a phone number, a date, an ID: no
 * space, no 汉字 between), in units. */
int sk_formpage_token(const char *s);
/* A date as a form prints it: "2024-06-01" (or 2024/6/1, 2024.6.1, with a time
 * after it) → "2024年6月1日", "2024-06" → "2024年6月"; anything else as it is,
 * without a midnight time. Into out (cleared). */
void sk_formpage_date(sk_buf *out, const char *v);
/* 一、二、… for n = 1 … 99. */
void sk_formpage_ordinal(sk_buf *out, int n);

#endif
