/* imstyle — what the name of a paragraph's style says about the paragraph, for
 * stdimport (model/import.h): the table of style names docs/import.md prints —
 * stdgen's own (templates/docx/styles.xml), Word's built-in names and their Chinese
 * UI names, the GB/T 1.1 templates' 标准文件_ family (SET 2020/2025, as
 * docs/import.md lists them) — and the patterns
 * "heading N", "标题 N" (headings) and "toc N", "目录 N", "contents N" (目次
 * entries). Names are matched without case on w:name / style:display-name, never
 * on the opaque style ids. */
#ifndef SK_IMSTYLE_H
#define SK_IMSTYLE_H

#include <stddef.h>

/* What a paragraph is, as its style says. */
typedef enum {
    SK_IMR_NONE, SK_IMR_HEADING, SK_IMR_UNTITLED, SK_IMR_ANNEX, SK_IMR_ANNEX_TYPE, SK_IMR_ANNEX_TITLE,
    SK_IMR_TOC_TITLE, SK_IMR_TOC, SK_IMR_DOC_TITLE, SK_IMR_TERM_NUM, SK_IMR_TERM, SK_IMR_TERM_ALT,
    SK_IMR_CAPTION, SK_IMR_NOTE, SK_IMR_EXAMPLE, SK_IMR_LIST, SK_IMR_FORMULA, SK_IMR_WHERE, SK_IMR_BIBLIO,
    SK_IMR_COVER_CODES, SK_IMR_COVER_LEVEL, SK_IMR_COVER_NUMBER, SK_IMR_COVER_REPLACES, SK_IMR_COVER_TITLE,
    SK_IMR_COVER_TITLE_EN, SK_IMR_COVER_STAGE, SK_IMR_COVER_NOTE, SK_IMR_COVER_DATES, SK_IMR_COVER_ISSUED,
    SK_IMR_COVER_EFFECTIVE, SK_IMR_COVER_ISSUER, SK_IMR_BODY
} sk_imrole;

/* The role of the style named name (NULL: SK_IMR_NONE); *level gets a heading's,
 * an untitled clause's, a term number's or a list item's level (else 0), *ordered
 * a list's kind (1 ordered, 0 bullet, -1 as its marker says). */
sk_imrole sk_imstyle_role(const char *name, int *level, int *ordered);

/* Row i of the table, for the documentation: its name and what it means
 * ("heading level 2", "cover: number"); 0 past the last row. */
int sk_imstyle_row(size_t i, const char **name, char *meaning, size_t cap);

#endif
