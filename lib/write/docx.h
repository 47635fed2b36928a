/* docx — writes a standard's model as a WordprocessingML package laid out per
 * GB/T 1.1—2020: cover, 目次 (a TOC field pre-filled with every entry), 前言 and
 * 引言 with roman page numbers, the body from page 1, annexes, end rule.
 *
 * The writer translates; it decides nothing. Numbers come from the model
 * (sk_node.num, label_assigned), wording from front.h (cover, 前言, 目次, list
 * markers, captions, annex lines) and every style from the role table in
 * style.h. The package's parts, in order:
 *   [Content_Types].xml, _rels/.rels, docProps/core.xml, docProps/app.xml,
 *   word/document.xml, word/_rels/document.xml.rels, word/styles.xml,
 *   word/settings.xml, word/fontTable.xml, word/header1.xml (odd pages),
 *   word/header2.xml (even), word/footer1.xml, word/footer2.xml, word/media/imageN.*
 * styles.xml, settings.xml and fontTable.xml are templates/docx/ as embedded at
 * build time (styles.xml merged with a --reference-doc's, see below).
 *
 * Layout, in WordprocessingML terms:
 *   - three sections: cover (no header, no page number) / 目次 前言 引言
 *     (w:pgNumType upperRoman from I) / body (decimal from 1); the last two begin
 *     on an odd page; headers carry the number right on odd and left on even
 *     pages (w:evenAndOddHeaders in settings.xml), footers a PAGE field;
 *   - each heading, term entry, annex, table and figure gets a bookmark
 *     (_TocNNNNNNNNN, in document order); references ([](#id) and plain-text
 *     "见5.2" already resolved in the model) become w:hyperlink w:anchor to it;
 *     the 目次 entries link there too and carry PAGEREF fields whose cached
 *     results are front.h's page estimate;
 *   - chapter and clause numbers are text in the heading ("5.1　标题");
 *   - tables: caption above, header rows repeated (w:tblHeader), thick frame
 *     from the GB Table style and a thick rule under the header, column widths
 *     from sk_table.width, w:gridSpan / w:vMerge for HTML spans, notes in a last
 *     row spanning the table;
 *   - figures: PNG/JPEG in word/media, scaled to the text width (keeping the
 *     aspect ratio), notes then the caption below;
 *   - lists: the marker is text from sk_labels_item_marker() followed by a tab where
 *     the marker is a letter or number; the GB List styles' hanging indent aligns
 *     wrapped lines.
 *
 * Form annexes (sk_node.form): fields are printed through an sk_fill (front.h).
 * With no fill, or a callback that returns NULL, a field in running text is an
 * underlined blank sk_fill_field_width() 汉字 wide (its default value, {{x|默认}},
 * when it has one), a field in a table cell leaves the cell empty, a repeat row
 * ({{#list}} … {{/list}}) prints SK_FILL_BLANK_ROWS blank rows, and a cut line
 * (SK_N_CUT) is a dashed line with 剪切线 in the middle. stdform fills the same
 * writer by passing callbacks:
 *     value(ctx, "name")       → text of the field, or NULL for a blank
 *     count(ctx, "members")    → how many rows the repeat row "members" prints
 *     enter(ctx, "members", i) → fields in the following row resolve against element i
 *     leave(ctx, "members")    → back to the record
 * Filled values print underlined in running text and plain in cells.
 *
 * --reference-doc (sk_docx_ref_load): the reference's styles.xml is taken as the
 * base; each role is looked up in it by style name (as Word and pandoc do: "heading
 * 1", "toc 1", "caption", "GB Note" …) and written with the reference's styleId;
 * our styles whose names it lacks are added (their ids made unique). Everything
 * else — page layout, headers, settings — stays ours. */
#ifndef SK_DOCX_H
#define SK_DOCX_H

#include <time.h>

#include "model/assets.h"
#include "model/doc.h"
#include "layout/fill.h"
#include "layout/paging.h"
#include "base/zip.h"
#include "layout/style.h"
#include "input/system.h"

typedef struct sk_docx_ref sk_docx_ref;

/* A reference document with more styles than this is refused before its styles are
 * parsed (550,000 styles took 1 GB; Word itself keeps at most 4,079). */
#define SK_DOCX_REF_MAX_STYLES 10000
/* Reads path's word/styles.xml (with pkg.h's limits) and merges ours into it.
 * -1 with err when path is not a usable DOCX. */
int sk_docx_ref_load(sk_docx_ref **out, const char *path, sk_err *err);
void sk_docx_ref_free(sk_docx_ref *r);
/* The style ids the reference gives the roles. */
const sk_style_ids *sk_docx_ref_ids(const sk_docx_ref *r);

typedef struct sk_docx_opts {
    const sk_system *sys;      /* level banner and default issuer; may be NULL */
    const sk_assets *assets;   /* the figures, from sk_assets_load; may be NULL when there are none */
    const sk_fill *fill;       /* form field values; NULL prints blank forms */
    const sk_docx_ref *ref;    /* --reference-doc; NULL: the built-in styles */
    sk_paging *paging;         /* LibreOffice's measure of the last build (layout/paging.h); NULL: estimated */
    time_t created, modified;  /* docProps/core.xml dates */
    /* a redline (layout.h): the changes against the old edition as tracked changes
     * (w:ins and w:del around runs, on paragraph marks and on table rows), each
     * with this author and date (0: modified); NULL: none */
    const struct sk_diff *redline;
    const char *author;
    time_t change_date;
    int line_numbers;          /* line numbers for reviewers on the pages after the cover
                                * (w:lnNumType, counted again on each page) */
} sk_docx_opts;

/* Word opens tables of at most this many columns (model/doc.h). */
#define SK_DOCX_MAX_COLS SK_TABLE_MAX_COLS

/* Builds the package for doc. *dropped (may be NULL) gets the number of
 * characters XML cannot hold that were left out. Returns 0, or -1 with err at
 * the source position of what could not be written (a figure missing from
 * assets, a table wider than Word allows). */
int sk_docx_build(sk_zip **out, const sk_doc *doc, const sk_docx_opts *o, size_t *dropped, sk_err *err);

/* Builds a form document (stdform): fc->n copies of the form annex fc->form of doc,
 * as front.h's sk_form_copies describes, on A4 with the GB/T 1.1 margins. Each copy
 * after the first starts on a new page through w:pageBreakBefore on its annex title
 * (the first has it switched off), so N copies hold exactly N-1 page breaks and no
 * blank page. No headers, footers or bookmarks; docProps/core.xml carries the form's
 * title and the standard's number. o->fill is ignored (fc->fill is used); o->sys,
 * o->assets (figures inside the form), o->ref and the dates are used as by
 * sk_docx_build. */
int sk_docx_build_form(sk_zip **out, const sk_doc *doc, const sk_form_copies *fc, const sk_docx_opts *o,
                       size_t *dropped, sk_err *err);

/* Builds a single sheet (layout.h's sk_layout_sheet: a 修改单): A4 with the GB/T
 * 1.1 margins, no headers, footers or bookmarks; docProps/core.xml carries doc's
 * title and number. */
int sk_docx_build_sheet(sk_zip **out, const sk_doc *doc, const sk_docx_opts *o, size_t *dropped, sk_err *err);

/* Builds a paper of the drafting cycle (layout.h's sk_layout_paper: a 编制说明, a
 * 征求意见汇总处理表): A4 upright or, wide, across, the GB/T 1.1 margins, no header,
 * one footer with the page number (layout.h's sk_layout_paper_foot) on every page;
 * docProps/core.xml carries doc's title and number. */
int sk_docx_build_paper(sk_zip **out, const sk_doc *doc, int wide, const sk_docx_opts *o, size_t *dropped,
                        sk_err *err);

/* sk_docx_write (public, stdkit.h): the standard with the built-in styles, its figures
 * loaded, written to path atomically. */
int sk_docx_write(const sk_doc *doc, const char *path, sk_err *err);

#endif
