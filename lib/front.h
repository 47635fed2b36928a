/* front — everything a writer prints that the source does not spell out: the
 * cover fields, the 前言 built from the front matter, the 目次 with estimated page
 * numbers, the page header, list markers, note labels, captions, annex title
 * lines, form blanks and the output file name. Model level: the DOCX and ODT
 * writers both take their wording from here, so they print the same thing.
 * Writers print; they never decide numbers or wording. */
#ifndef SK_FRONT_H
#define SK_FRONT_H

#include "doc.h"
#include "image.h"
#include "system.h"

/* ---------- cover (GB/T 1.1—2020 8.1, Annex E) ---------- */
typedef struct sk_cover {
    char *ics;       /* "ICS 03.120.10", or NULL */
    char *ccs;       /* "CCS A00", or NULL */
    char *level;     /* banner: system.yaml `level`, else from the number's prefix; NULL when unknown */
    char *number;    /* "SJDJ/TS 09—2019" ("" when the front matter has none) */
    char *replaces;  /* "代替 SJDJ/TS 09—2018", or NULL */
    char *title;     /* Chinese title, one line ("标准化工作导则　第1部分：…": metadata) */
    char *title_lines; /* as printed on the cover and the first body page: the elements of a
                          part's title on lines of their own ("标准化工作导则\n第1部分：…") */
    char *title_en;  /* English title, or NULL */
    char *stage;     /* "（征求意见稿）", or NULL */
    char *completed; /* draft covers: "（本稿完成日期：2019-05-18）", or NULL */
    char *patent;    /* draft covers: the patent-collection sentence, or NULL */
    char *issued;    /* "2019-06-28 发布" ("××××-××-×× 发布" when undated) */
    char *effective; /* "2019-07-01 实施" */
    char *issuer;    /* "中共郑州市上街区委组织部　发布" (issuer: front matter, else system.yaml) */
} sk_cover;

void sk_cover_build(sk_cover *c, const sk_doc *doc, const sk_system *sys);
/* The cover fields of a form document (sk_form_copies): the standard's, titled
 * with the form annex's title (a form document has no cover page, but its
 * metadata takes the title and number from here). */
void sk_cover_build_form(sk_cover *c, const sk_doc *doc, const sk_node *form, const sk_system *sys);
void sk_cover_free(sk_cover *c);
/* Banner for a standard number: GB, GB/T → 中华人民共和国国家标准; GB/Z → …指导性技术文件;
 * DB41 → 河南省地方标准 (DB alone → 地方标准); T/ → 团体标准; Q/ → 企业标准. A number of
 * the system (its code as prefix) takes the system's `level`. NULL when unknown. Caller frees. */
char *sk_level_banner(const char *number, const sk_system *sys);

/* ---------- 前言 generated from front matter (8.3) ---------- */
/* When doc has no 前言, inserts one as its first section, made of ordinary PARA
 * nodes: the fixed 起草 sentence (U+3000 after 导则), the 代替 sentence, the patent
 * sentence, 提出/归口 (or 提出并归口), 起草单位 and 主要起草人. Returns 1 when it
 * inserted one, 0 when the source has its own. The section's `num` stays empty. */
int sk_front_foreword(sk_doc *doc);

/* Title printed for an unnumbered element: "前　　言", "引　　言", "参考文献", "索　　引". */
const char *sk_front_title(sk_sect s);
#define SK_TOC_TITLE "目　　次"

/* ---------- 目次 ---------- */
typedef struct sk_toc_entry {
    int level;           /* 1: 前言, 引言, chapters, annexes, 参考文献, 索引; 2: first-level clauses */
    char *text;          /* as printed: "前言", "1　范围", "5.1　标题", "附录A（规范性）　标题" */
    const sk_node *node;
    int page;            /* estimated page */
    int roman;           /* the page is in the front matter (printed I, II …) */
} sk_toc_entry;

typedef struct sk_toc {
    sk_toc_entry *v;
    size_t n;
    int front_pages;     /* estimated pages of 目次 + 前言 + 引言 */
    int body_pages;      /* estimated pages from the first body page on */
} sk_toc;

/* Page numbers are an estimate (a writer pre-fills them so the 目次 shows without
 * updating; Word's field update or a PDF pass gives the real ones): text is
 * counted in 汉字 widths (a Latin character is half), SK_LINE_CHARS to a 五号
 * line and SK_PAGE_LINES lines to a page; 小五 text (tables, notes) fits 52 to
 * the line and takes 0.85 of a line; headings add half a line; a figure takes
 * its scaled height (assets may be NULL: 15 lines); a table row takes its tallest
 * cell. 目次 starts on page I, 前言, 引言, each annex, 参考文献 and 索引 on a new
 * page, the body on page 1. */
#define SK_LINE_CHARS 44
#define SK_PAGE_LINES 39
void sk_toc_build(sk_toc *t, const sk_doc *doc, const sk_assets *assets);
void sk_toc_free(sk_toc *t);
/* "12", or "IV" when roman. */
void sk_page_label(int page, int roman, char out[16]);

/* ---------- page header, file name ---------- */
/* Text of the page header: the standard's number ("" when none). */
const char *sk_front_header(const sk_doc *doc);
/* Output file name: NUMBER-slug.EXT, the number with '/', spaces and '—' turned
 * into '-' (runs of them into one), the slug the title without punctuation or
 * white space, e.g. "SJDJ-TS-09-2019-双报到的六步工作法.docx". Without a number
 * the source file's base name stands in for NUMBER-slug. Caller frees. */
char *sk_output_name(const sk_doc *doc, const char *ext);

/* ---------- block labels ---------- */
/* Marker of a list item: "——" then "·" for bullets, "a)" then "1)" for ordered
 * lists; "[1]" in 参考文献; "" in 规范性引用文件 (entries are plain lines). Caller frees. */
char *sk_item_marker(const sk_node *item);
/* True for a list whose items print as plain body lines (规范性引用文件). */
int sk_list_plain(const sk_node *list);
/* "注：", "注1：", "示例：", "示例2：". Caller frees. */
char *sk_note_label(const sk_node *n);
/* "表1　标题", "图A.1　标题" ("表1" when untitled). Caller frees. */
char *sk_caption(const sk_node *n);
/* The number a formula prints at the right margin, "（1）" or "（A.2）"; NULL when it
 * has none (a formula is numbered only when cited: number.h). Caller frees. */
char *sk_formula_number(const sk_node *formula);
/* The line that introduces a formula's symbols, and the dash between a symbol and its meaning. */
#define SK_WHERE_LABEL "式中："
#define SK_WHERE_DASH "——"
/* Annex title lines: "附录A", "（规范性）" or "（资料性）" (NULL when not stated), title. */
void sk_annex_lines(const sk_node *annex, const char *lines[3], char label[48]);
/* Text of a 目次 entry / a heading as printed. Caller frees. */
char *sk_toc_text(const sk_node *n);
/* English equivalent of a term entry: its first paragraph when it has no 汉字; or NULL. */
const sk_node *sk_term_en(const sk_node *term);
/* Header rows a table repeats on each page: its header rows, except in a form
 * whose first row holds fields (a key/value grid, not a header). */
int sk_table_header_rows(const sk_node *table);

/* True for a table short enough to be kept on one page (at most SK_KEEP_ROWS rows,
 * blank repeat rows counted): a writer keeps its rows with the next. */
#define SK_KEEP_ROWS 15
int sk_table_keep(const sk_node *table);

/* ---------- 索引 (8.14) ---------- */
/* The index a `# 索引` heading asks for, generated: every term entry (its term and its
 * admitted terms → the entry's number, 3.1) and every word marked [词](index:) or
 * [词](index:主题词) (→ the number of the clause it is in: 5.2.1, A.3, 附录B). Entries with
 * the same text are one entry pointing to each place once, in document order. Entries
 * are sorted by letter, then by pinyin (pinyin.h); entries with no letter come last. */
typedef struct sk_index_entry {
    char *text;
    char *key;                 /* sk_pinyin_key(text) */
    char letter;               /* 'A'..'Z', 0: no letter (group "其他") */
    const sk_node **targets;   /* term entries or sections, at least one */
    size_t n;
} sk_index_entry;

typedef struct sk_index {
    sk_index_entry *v;
    size_t n;
} sk_index;

void sk_index_build(sk_index *ix, const sk_doc *doc);
void sk_index_free(sk_index *ix);
/* The group heading of an entry: "A" … "Z", or "其他". */
void sk_index_group(const sk_index_entry *e, char out[16]);
/* Separator between the numbers of an index entry, and the label of a deprecated term. */
#define SK_INDEX_SEP "，"
#define SK_DEPRECATED_LABEL "不推荐用："
/* How an index entry prints its target: "3.1", "5.2.1", "附录A", "引言". Caller frees. */
char *sk_index_label(const sk_node *target);

/* ---------- form fields ---------- */
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
int sk_form_pages(const sk_form_copies *fc);

/* Rows a repeat row prints as when the form is blank (or count is NULL). */
#define SK_FILL_BLANK_ROWS 5
/* Text of the cut line between two parts of a form. */
#define SK_CUT_TEXT "剪切线"
/* Width of a blank field in running text, in 汉字 (dates and addresses are wider). */
int sk_field_width(const char *name);

#endif
