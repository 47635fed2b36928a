/* sysdoc — the documents of a standard system (GB/T 13016—2018, GB/T 13017—2018),
 * built from system.yaml and the standards themselves: the 标准体系表 with its
 * 标准体系结构图, 标准明细表, 标准统计表, the citations between the standards and
 * the 编制说明.
 *
 * The 体系表 is an ordinary model (model/build.h) built in code and finished by
 * the same passes as any standard (model.h), so the DOCX and ODT writers lay it
 * out like any standard (cover, 目次, 前言, chapters, tables with their header
 * rows, the figure, the annex); no writer knows about it. Its chapters:
 *   1 范围, 2 规范性引用文件 (GB/T 13016, GB/T 13017), 3 术语和定义,
 *   4 标准体系结构图   图1, the system → categories → groups → standards, each
 *                     box with its number; drawn by Graphviz's dot when it is
 *                     installed (a PNG of the DOT below), else 表 of the same
 *                     hierarchy with merged cells;
 *   5 标准明细表       序号 | 体系表编号 | 标准名称 | 标准编号 | 宜定级别 | 实施日期 |
 *                     代替 | 状态/备注, one row per standard;
 *   6 标准统计表       应有数 (system.yaml `expected`), 现有数 and their ratio by
 *                     category, then 现有数 by group and by status;
 *   7 标准间的引用关系 a matrix: a row per standard that cites others of the system,
 *                     a column per standard cited (● normative, in its chapter 2;
 *                     ○ informative); past SK_SYSDOC_XREF_MATRIX_MAX cited
 *                     standards a list instead: a row per citing standard, the
 *                     序号 it cites with ● or ○ (a matrix of more columns fits no
 *                     page, Word opens none past 63, and it grows as n²);
 *   附录A（资料性）编制说明: what it follows, the structure, the state of the system.
 *
 * Boxes and 体系表编号 (GB/T 13017 style): a category's box is 100, 200 … in
 * system.yaml order (or its `box:`); a group's box inside a category is the
 * category's plus 1, 2 … in the groups' order (or plus the group's `box:`); a
 * standard without a group sits in its category's box. A standard's 体系表编号 is
 * system.yaml's `table_number` pattern, default "{box}-{seq:2}", {seq} being its
 * place in its box ("101-01"). Rows and leaves follow the boxes: categories and
 * groups in system.yaml order, the standards of a box by number.
 *
 * 宜定级别: the level its number shows (GB → 国家标准, DB → 地方标准, T/ → 团体标准,
 * Q/ → 企业标准, an industry code → 行业标准), for the system's own numbers the
 * system's `level`. 状态/备注: 现行, 制定中 (draft, with its stage), 废止 (with
 * replaced_by). 实施日期 and 代替: from the front matter, "—" when there is none. */
#ifndef SK_SYSDOC_H
#define SK_SYSDOC_H

#define SK_SYSDOC_XREF_MATRIX_MAX 30 /* cited standards the matrix form holds */

#include <stddef.h>

#include "model/assets.h"
#include "model/doc.h"
#include "input/system.h"

typedef struct sk_sysdoc {
    sk_doc *doc;        /* the 标准体系表 */
    sk_assets assets;   /* the 结构图's PNG when dot drew it */
    char *dot;          /* the 结构图 in Graphviz DOT */
    char *csv;          /* the 明细表, CSV (RFC 4180, UTF-8 with a BOM, CRLF) */
    char *png;          /* the 结构图 as dot drew it (NULL: drawn as a table) */
    size_t png_len;
    char *stem;         /* file names: STEM-标准体系表.docx … ("SJDJ", the system's code; "" when none) */
    size_t standards;   /* rows of the 明细表 */
} sk_sysdoc;

/* Called for a standard that is left out of the system documents (it cannot be
 * read or parsed) and for dot failing (the 结构图 is then a table). */
typedef void (*sk_sysdoc_warn)(void *ctx, const sk_err *e);

/* Builds the system documents of sys from the standards files[0..n). draw: try
 * Graphviz (dot on PATH, or SK_DOT naming it; SK_DOT=none never). Returns 0, or
 * -1 with err when there is nothing to build from. */
int sk_sysdoc_build(sk_sysdoc **out, const sk_system *sys, const char *const *files, size_t n, int draw,
                    sk_sysdoc_warn warn, void *ctx, sk_err *err);
void sk_sysdoc_free(sk_sysdoc *s);

/* "SJDJ-标准体系表.docx" and the like: the file name of one of the documents
 * (what: "标准体系表", "标准明细表", "标准体系结构图"). Caller frees. */
char *sk_sysdoc_name(const sk_sysdoc *s, const char *what, const char *ext);

#endif
