/* odt — writes a standard's model as an OpenDocument text package with the same
 * layout as the DOCX writer: the print order, the wording and the style roles
 * come from walk.h, front.h and style.h; this file only says how they are
 * written in ODF (office:version SK_ODF_VERSION). The package, in order:
 *   mimetype (first, stored: application/vnd.oasis.opendocument.text),
 *   content.xml, styles.xml, meta.xml, settings.xml, Pictures/imageN.*,
 *   META-INF/manifest.xml (its "/" entry carries the same version as the parts).
 *
 * styles.xml: the named styles of templates/odt/styles.xml (one per role, display
 * names = role names), merged with a --reference-doc's, then the page layouts, the
 * header and footer paragraph styles and four master pages written here:
 *   Cover  no header; its footer holds the 发布/实施 dates and the issuer;
 *   Front  目次, 前言, 引言: roman numbers (I, II …);
 *   Body   arabic numbers from 1;
 *   Form   a form document: no header, no number.
 * Pages are A4 with mirrored margins (style:page-usage "mirrored", inner 25 mm);
 * Front and Body carry the standard's number in the header, right on odd pages
 * (style:header) and left on even ones (style:header-left), and the page number
 * in the footer on the same side. A part starts with an empty 1 pt paragraph whose
 * automatic style names its master page (and restarts the page number at 1 for
 * Front and Body); LibreOffice puts a blank page before a part that would start
 * on the wrong side, as Word does for the DOCX's oddPage sections.
 *
 * content.xml: headings (heading 1-6, the 前言/annex/参考文献 titles) are text:h
 * with their outline level; the 目次 is a text:table-of-content over outline
 * levels 1-2 whose index-body is pre-filled with front.h's entries and estimated
 * pages, each a link to the heading's bookmark; every heading, term entry, annex,
 * table and figure has a bookmark (text:bookmark-start/-end, the same names as in
 * the DOCX) and references are text:a links to it (xlink:type simple); tables are
 * table:table with their header rows in table:table-header-rows (repeated on each
 * page), spans as number-columns/rows-spanned with table:covered-table-cell at
 * every covered position, column widths from sk_table.width, the thick frame and
 * the rule under the header drawn by the cells (each draws its right and bottom
 * sides, the frame sides 1.5 pt); figures are draw:frame/draw:image in Pictures/,
 * listed in the manifest. All automatic styles are a fixed set (plus one column
 * style per distinct width), so content.xml is written in one pass.
 *
 * Forms: as in docx.h (sk_fill for values; sk_odt_build_form for a form document).
 *
 * --reference-doc FILE.odt (sk_odt_ref_load): its styles.xml is read with pkg.h's
 * limits (no DTD, no entities); each role's style is looked up in its office:styles
 * by style:name (the role's ODT name) or by display name (the role's name, ASCII
 * case-insensitive) and used under the reference's name; roles it lacks get ours
 * (renamed when the name is taken). Its font declarations and other named styles
 * are kept; elements and attributes outside the OpenDocument namespaces (such as
 * LibreOffice's loext:) are dropped so the result stays valid ODF. Page layout,
 * master pages and settings stay ours. */
#ifndef SK_ODT_H
#define SK_ODT_H

#include <stdio.h>
#include <time.h>

#include "model/assets.h"
#include "model/doc.h"
#include "layout/fill.h"
#include "layout/paging.h"
#include "base/zip.h"
#include "layout/style.h"
#include "input/system.h"

#define SK_ODF_VERSION "1.3"
#define SK_ODT_MIME "application/vnd.oasis.opendocument.text"

typedef struct sk_odt_ref sk_odt_ref;

/* A reference document with more styles than this is refused before its styles are
 * parsed (550,000 styles took 1 GB; Word itself keeps at most 4,079). */
#define SK_ODT_REF_MAX_STYLES 10000
/* Reads path's styles.xml (with pkg.h's limits) and merges ours into it. -1 with
 * err when path is not a usable ODT. */
int sk_odt_ref_load(sk_odt_ref **out, const char *path, sk_err *err);
void sk_odt_ref_free(sk_odt_ref *r);
/* The style names the reference gives the roles. */
const sk_style_ids *sk_odt_ref_ids(const sk_odt_ref *r);

typedef struct sk_odt_opts {
    const sk_system *sys;      /* level banner and default issuer; may be NULL */
    const sk_assets *assets;   /* the figures, from sk_assets_load; may be NULL when there are none */
    const sk_fill *fill;       /* form field values; NULL prints blank forms */
    const sk_odt_ref *ref;     /* --reference-doc; NULL: the built-in styles */
    sk_paging *paging;         /* LibreOffice's measure of the last build (layout/paging.h); NULL: estimated */
    time_t created, modified;  /* meta.xml dates */
    /* a redline (layout.h): the changes against the old edition as tracked changes
     * (text:tracked-changes, text:change-start/-end, text:change) with this author and
     * date (0: modified); NULL: none */
    const struct sk_diff *redline;
    const char *author;
    time_t change_date;
    int line_numbers;          /* line numbers for reviewers (text:linenumbering-configuration,
                                * counted again on each page; none on the cover) */
} sk_odt_opts;

/* Builds the package for doc. *dropped (may be NULL) gets the number of
 * characters XML cannot hold that were left out. Returns 0, or -1 with err at
 * the source position of what could not be written (a figure missing from
 * assets). */
int sk_odt_build(sk_zip **out, const sk_doc *doc, const sk_odt_opts *o, size_t *dropped, sk_err *err);

/* Builds a form document (stdform), as sk_docx_build_form does: fc->n copies of
 * the form annex fc->form of doc, each after the first on a new page, on the Form
 * master page (no header, footer or page number) and without bookmarks; meta.xml
 * carries the form's title and the standard's number. o->fill is ignored
 * (fc->fill is used). */
int sk_odt_build_form(sk_zip **out, const sk_doc *doc, const sk_form_copies *fc, const sk_odt_opts *o,
                      size_t *dropped, sk_err *err);

/* Builds a single sheet (layout.h's sk_layout_sheet: a 修改单) on the Form master
 * page (no header, footer or page number), without bookmarks. */
int sk_odt_build_sheet(sk_zip **out, const sk_doc *doc, const sk_odt_opts *o, size_t *dropped, sk_err *err);

/* Builds a paper of the drafting cycle (layout.h's sk_layout_paper), as
 * sk_docx_build_paper does: A4 upright or, wide, across, on the master page Paper
 * or PaperWide, its footer the page number (sk_layout_paper_foot). */
int sk_odt_build_paper(sk_zip **out, const sk_doc *doc, int wide, const sk_odt_opts *o, size_t *dropped,
                       sk_err *err);

/* sk_odt_write (public, stdkit.h): the standard with the built-in styles, its figures
 * loaded, written to path atomically. */
int sk_odt_write(const sk_doc *doc, const char *path, sk_err *err);

#endif
