/* doc — the document model of one standard: the types of its tree (nodes, inline
 * runs, tables) and of the document (front matter, anchors, the standards it cites).
 * The tree's functions are node.h's, the runs' inline's, the pipeline model.h's.
 * Every element carries its source position and, once the pipeline has run
 * (model.h), its number and resolved references. Writers and checks read this
 * model; they never reparse text. */
#ifndef SK_DOC_H
#define SK_DOC_H

#include "diag/diag.h"
#include "input/meta.h"
#include "input/source.h"

typedef struct sk_node sk_node;

typedef enum {
    SK_N_DOC,
    SK_N_SECTION,  /* anything started by a heading: see sk_sect */
    SK_N_PARA,
    SK_N_NOTE,     /* 注： / 注1： */
    SK_N_EXAMPLE,  /* 示例： / 示例1： */
    SK_N_LIST,
    SK_N_ITEM,
    SK_N_TABLE,
    SK_N_FIGURE,
    SK_N_CODE,
    SK_N_QUOTE,
    SK_N_CUT,      /* thematic break: a cut line inside a form */
    SK_N_FORMULA,  /* display formula $$ TeX $$ (src, math; num when cited) */
    SK_N_WHERE,    /* 式中： after a formula; its children are WHERE_ITEMs */
    SK_N_WHERE_ITEM, /* one 式中 entry: src/math the symbol (src NULL when the line has no ——), in its meaning;
                      * or one entry of a figure key (math NULL: the symbol is printed as written) */
    SK_N_FOOTNOTE,  /* a footnote of a table or figure (表的脚注, 图的脚注), under it: num its letter ("a"), in its text */
    SK_N_KEY,       /* a figure's key (标引序号说明), under the figure: title the lead as written, WHERE_ITEMs */
    SK_N_SUBFIGURE  /* one picture of a figure of several (分图), under the figure: src, caption its sub-title,
                     * num its letter ("a", printed "a)"), num_written the letter as written */
} sk_node_type;

typedef enum {
    SK_S_NONE,
    SK_S_FOREWORD,  /* 前言 */
    SK_S_INTRO,     /* 引言 */
    SK_S_SCOPE,     /* 1 范围 */
    SK_S_NORMREF,   /* 2 规范性引用文件 */
    SK_S_TERMS,     /* 3 术语和定义 */
    SK_S_SYMBOLS,   /* 符号和缩略语 */
    SK_S_CHAPTER,   /* other numbered chapters */
    SK_S_CLAUSE,    /* 条, in a chapter or an annex */
    SK_S_TERM,      /* term entry in 术语和定义 */
    SK_S_ANNEX,     /* 附录 */
    SK_S_BIBLIO,    /* 参考文献 */
    SK_S_INDEX      /* 索引 */
} sk_sect;

typedef enum { SK_ANNEX_UNKNOWN, SK_ANNEX_NORMATIVE, SK_ANNEX_INFORMATIVE } sk_annex_type;

/* What a paragraph of a term entry is (GB/T 1.1—2020 8.7, in the order printed). */
typedef enum {
    SK_TP_NONE,
    SK_TP_EN,          /* English equivalent: the first paragraph when it has no 汉字 */
    SK_TP_ADMITTED,    /* 许用：… (许用术语), printed alone on its line */
    SK_TP_DEPRECATED,  /* 不推荐用：… */
    SK_TP_SYMBOL,      /* 符号：…, printed alone on its line */
    SK_TP_DEFINITION,  /* the definition (and further paragraphs before the examples) */
    SK_TP_SOURCE       /* [来源：GB/T 20000.1—2014，5.2，有修改] */
} sk_term_part;

/* Inline content: a flat run list per block (DOCX and ODT runs are flat too). */
typedef enum {
    SK_I_TEXT,
    SK_I_SOFTBREAK,  /* source line break: nothing between CJK, a space otherwise */
    SK_I_LINEBREAK,  /* hard break */
    SK_I_REF,        /* internal reference: [](#id), [text](#id) or plain text "见5.2" */
    SK_I_LINK,       /* external link */
    SK_I_FIELD,      /* form field {{name}} */
    SK_I_STDREF,     /* another standard's number, "SJDJ/TS 03—2019" */
    SK_I_INDEX,      /* a word marked for the 索引, [词](index:) or [词](index:主题词): text printed, target the entry */
    SK_I_MATH        /* an inline formula $TeX$: text the TeX as written, math its tree */
} sk_inline_type;

enum {
    SK_F_BOLD = 1, SK_F_ITALIC = 2, SK_F_CODE = 4, SK_F_STRIKE = 8,
    SK_F_SUP = 16, SK_F_SUB = 32, SK_F_UNDERLINE = 64
};

typedef enum {
    SK_REF_ANCHOR,   /* [](#id) or [text](#id) */
    SK_REF_CLAUSE,   /* 5.2, A.3, 3.4 (a term) */
    SK_REF_CHAPTER,  /* 第6章 */
    SK_REF_ANNEX,    /* 附录B */
    SK_REF_TABLE,    /* 表3, 表A.1 */
    SK_REF_FIGURE,   /* 图2 */
    SK_REF_FORMULA,  /* 公式(2) */
    SK_REF_BIBLIO    /* 参考文献[3]: an entry of the bibliography */
} sk_ref_kind;

typedef struct sk_inline {
    sk_inline_type type;
    unsigned flags;
    char *text;      /* TEXT: text; REF: text as written ("" for [](#id)); LINK: text; FIELD: name */
    char *target;    /* REF anchor: id; REF plain: the number as written; LINK: url; FIELD: default */
    sk_ref_kind ref_kind;
    sk_node *node;   /* REF: resolved target (NULL when unresolved) */
    int line, col;   /* source position (col in code points) */
    int byte_col;    /* 1-based byte column, for --fix (MATH: of the opening $) */
    int line_break;  /* TEXT: stands for a line break of the source (a soft break, now "" or " ") */
    struct sk_math *math; /* MATH: the parsed TeX (texmath.h); NULL when it does not parse (printed as written) */
    char *spec;      /* FIELD: the kind as written after ':' ("choice(好,较好)", "date"), or NULL (form.h) */
} sk_inline;

typedef struct sk_inlines {
    sk_inline *v;
    size_t n, cap;
} sk_inlines;

typedef struct sk_cell {
    sk_inlines in;
    int colspan, rowspan;
    int covered;     /* position covered by a span from another cell */
    int align;       /* 0 default, 1 left, 2 centre, 3 right */
    int line, col;
} sk_cell;

typedef struct sk_row {
    sk_cell *cells;  /* exactly ncols cells (covered ones included) */
    int header;
    char *repeat;    /* form rows: name of the list the row repeats over */
    int line;
} sk_row;

/* Word opens tables of at most this many columns (the DOCX writer refuses wider
 * ones, stdcheck reports them as table-width). */
#define SK_TABLE_MAX_COLS 63

typedef struct sk_table {
    sk_row *rows;
    size_t nrows;
    int ncols;
    int nheader;     /* leading header rows */
    int html;        /* came from an HTML <table> */
    double *width;   /* relative column widths (sum 1.0) a builder fixed, or NULL: from the
                      * content, at layout (grid.h) */
    int landscape;   /* a builder asks for landscape pages (the nine columns of a 明细表) */
} sk_table;

struct sk_node {
    sk_node_type type;
    sk_sect sect;
    int level;       /* SECTION: heading level 1..6; LIST/ITEM: nesting level 1.. */
    sk_node *parent, *first, *last, *next, *prev;
    int line, col, end_line;

    /* sections */
    char *title;         /* heading text without number, annex label and attributes */
    char *num_written;   /* number written in the heading/caption, or NULL */
    int num_line, num_byte_col; /* where num_written is */
    char num[32];        /* assigned: "5", "5.1", "A", "A.1", "3.2", "1" (table), "A.1" (table in annex),
                          * "3" (ITEM: the 3rd entry of 参考文献, printed [3]) */
    sk_annex_type annex_type;
    int annex_type_line;
    char *id;            /* {#id} */
    char *form;          /* form=ID */
    int untitled;

    /* blocks with inline content: PARA, NOTE, EXAMPLE, ITEM (first para), cells */
    sk_inlines in;
    int label_num;       /* NOTE/EXAMPLE: number written ("注2：" → 2), 0 for "注：" */
    int label_assigned;  /* NOTE/EXAMPLE: number to print, 0 for unnumbered */
    sk_term_part term_part; /* PARA in a term entry: which part it is (its label "许用：" is cut off) */
    int align;           /* PARA built in code (a paper's sign-off): 0 as its style says, 1 left, 2 centre,
                          * 3 right (as sk_cell.align) */

    /* lists */
    int ordered;

    /* tables and figures (the notes, footnotes, key and subfigures of one are its children; an
     * EXAMPLE of several paragraphs, a block quote opening with 示例：, has the others as children) */
    sk_table *table;
    char *unit;          /* TABLE/FIGURE: its unit statement, "单位为毫米" (printed at the top right), or NULL */
    int unit_line;
    char *src;           /* FIGURE: image path as written (NULL for a figure of SUBFIGUREs); SUBFIGURE: its
                          * image; CODE: text; FORMULA: TeX; WHERE_ITEM: the symbol's TeX */
    struct sk_math *math; /* FORMULA, WHERE_ITEM: src parsed (texmath.h); NULL when it does not parse (printed as written) */
    char *caption;       /* TABLE/FIGURE: title */
    int caption_line;
};

typedef struct sk_stdref {
    char *number;        /* as written, e.g. "SJDJ/TS 03—2019" */
    char *code;          /* number without the year: "SJDJ/TS 03" */
    int year;            /* -1 when undated */
    int dash_ok;         /* the year is joined by U+2014 */
    int normative;       /* cited in a requirement (按/应/应按/符合…) */
    int in_normref;      /* listed in chapter 2 */
    int drafting;        /* in "本文件按照GB/T 1.1—2020……起草": the rules the document is drafted by, no citation */
    char *title;         /* chapter 2 entries: the title after the number */
    int line, col;
    sk_node *block;
} sk_stdref;

/* An HTML comment block of the source (<!-- … -->): its line and the text between
 * the markers, trimmed. Markers for tools live there (diff.h's <!-- stddiff … -->). */
typedef struct sk_comment {
    int line;
    char *text;
} sk_comment;

typedef struct sk_doc {
    sk_source *src;
    sk_meta *meta;
    sk_node *root;
    sk_map anchors;      /* id → node */
    sk_vec refs;         /* sk_inline* of type REF, in document order */
    sk_vec stdrefs;      /* sk_stdref* */
    sk_vec forms;        /* annex nodes with form= */
    sk_vec directives;   /* sk_directive* (directive.h): <!-- stdcheck-disable CODE --> … in source order */
    sk_vec comments;     /* sk_comment*: the comment blocks, in order */
    sk_node *foreword;   /* the 前言 the pipeline generated (SK_MODEL_FOREWORD), NULL when written or none */
    int ntables, nfigures;
} sk_doc;

/* Frees the model and the source it owns (sk_doc_free and sk_doc_meta are public: stdkit.h). */
void sk_doc_free(sk_doc *doc);
/* A front-matter text value by its key name, or NULL. */
const char *sk_doc_meta(const sk_doc *doc, const char *key);
/* First section with kind sect, anywhere at top level. */
sk_node *sk_doc_section(const sk_doc *doc, sk_sect sect);

/* Calls fn for every inline run of every block with inline content (paragraphs,
 * notes, examples, footnotes, 式中 and key entries, table cells), in document order,
 * with the block it is in. */
typedef void (*sk_inline_fn)(const sk_node *block, const sk_inline *in, void *arg);
void sk_doc_each_inline(const sk_doc *doc, sk_inline_fn fn, void *arg);

#include "model/inline.h"
#include "model/node.h"

#endif
