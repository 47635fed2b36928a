/* diff — two editions of a standard compared clause by clause, not line by line:
 * the sections of the old and the new edition aligned (so that a renumbering or a
 * move is seen as such), the content of each aligned pair compared block by block
 * (paragraphs, list items, table rows and cells, formulas, figures), and every
 * difference classified the way a 前言 reports it (GB/T 1.1—2020 8.3): technical
 * (a requirement, a value, a modal verb, a table, a formula, a term, a normative
 * reference changed) or editorial (punctuation and spacing, a reference that only
 * follows a renumbering, "本标准" become "本文件", a renumbering or a move alone,
 * notes, examples, 前言, 引言, 参考文献).
 *
 * It reads two finished models (model.h) and nothing else: stddiff prints it,
 * the generated 前言 lists it (foreword.h), stdcheck holds a written 前言 to it
 * (check/changes.h), stdgen --amendment words a 修改单 from it (run/amendment.h)
 * and the layout prints the new edition with tracked changes from it.
 *
 * Alignment, in this order, each step over what the steps before left unmatched:
 *   1. the unique elements by kind (前言, 引言, 范围, 规范性引用文件, 术语和定义,
 *      符号和缩略语, 参考文献, 索引);
 *   2. anchors: the same {#id} in both;
 *   3. titles (for a term entry: its term) found once in each edition;
 *   4. titles under parents already matched, in order;
 *   5. the same content (untitled clauses, moved or renumbered unchanged);
 *   6. similar content (character bigrams, Dice ≥ SK_DIFF_SIMILAR), best first;
 *   7. a section whose sub-clauses mostly match the sub-clauses of one old section
 *      (a chapter retitled and rewritten at its head), then 4 and 6 again;
 *   8. a section with neither a title nor text of its own (an empty numbered
 *      heading) under matched parents: the next such old one, in order.
 * A matched section is "moved" when its parent's counterpart is another section,
 * or its order among its matched siblings changed (it is not in their longest
 * run in the old order); "renumbered" when its number differs (and "implied" when
 * that only follows its parent's new number). Chapters and clauses may match each
 * other (a clause made a chapter); the other kinds match their own kind only.
 *
 * An author overrides a classification in the new edition's source with an HTML
 * comment block (doc.h's comments):
 *     <!-- stddiff technical -->          the changes of the clause it stands in
 *     <!-- stddiff editorial -->          (the last heading or § clause above it)
 *     <!-- stddiff technical: 更改了服务时间的要求 -->   … and the 前言 item's words
 *     <!-- stddiff old=4.3 editorial -->  the change of the old edition's clause 4.3
 *                                         (a deleted clause has no place in the new)
 * A marker that cannot be read, or names no change, is a warning (stddiff-marker).
 *
 * Bounds: the sequences compared (sections, blocks, rows, characters) go through
 * one O((N+M)·D) diff with D at most SK_DIFF_MAX_D past their common head and
 * tail; beyond it the middle counts as replaced. Similar-content matching compares
 * only sections under matched parents when more than SK_DIFF_MAX_PAIRS pairs are
 * unmatched, and at most SK_DIFF_MAX_PAIRS pairs in a run (what is left counts as
 * added and deleted). Nesting is bounded by the model's. */
#ifndef SK_DIFF_H
#define SK_DIFF_H

#include "model/doc.h"

#define SK_DIFF_SIMILAR 0.5
#define SK_DIFF_MAX_D 1000
#define SK_DIFF_MAX_PAIRS 250000

typedef enum { SK_DIFF_ADDED, SK_DIFF_DELETED, SK_DIFF_CHANGED, SK_DIFF_MOVED, SK_DIFF_RENUMBERED } sk_diff_kind;

/* Why a change is technical (bits of sk_change.why; 0 is editorial). */
enum {
    SK_WHY_REQUIREMENT = 1,  /* a provision (a sentence with 应, 宜, 可 …, or a statement of
                              * normative content) added, deleted or reworded */
    SK_WHY_MODAL = 2,        /* a modal verb changed (应 → 宜) */
    SK_WHY_VALUE = 4,        /* a number changed */
    SK_WHY_TABLE = 8,        /* a table's content or shape */
    SK_WHY_FORMULA = 16,
    SK_WHY_FIGURE = 32,
    SK_WHY_NORMREF = 64,     /* a normative reference (chapter 2) or a standard cited */
    SK_WHY_TERM = 128,       /* a term entry */
    SK_WHY_REFERENCE = 256,  /* a reference that now points elsewhere */
    SK_WHY_OVERRIDE = 512    /* the author said so (<!-- stddiff technical -->) */
};
#define SK_WHY_NAMES "requirement", "modal", "value", "table", "formula", "figure", "normref", "term", \
                     "reference", "override"
#define SK_WHY_COUNT 10

/* One difference inside a change: a block (paragraph, note, list item, formula,
 * figure …) or a table cell. */
typedef enum { SK_DOP_SAME, SK_DOP_CHANGED, SK_DOP_INSERTED, SK_DOP_DELETED } sk_diff_op;

typedef struct sk_diff_detail {
    sk_diff_op op;           /* CHANGED, INSERTED or DELETED */
    const sk_node *old, *new; /* the blocks (NULL on the side that has none); a cell: its tables */
    int row, col;            /* a table cell: its row and column on each side (orow, ocol for old); -1 otherwise */
    int orow, ocol;
    int caption;             /* the change is a table's or figure's caption */
    unsigned why;            /* SK_WHY_* bits; 0 editorial */
} sk_diff_detail;

typedef struct sk_change {
    sk_diff_kind kind;
    const sk_node *old, *new; /* the sections (NULL on the side that has none) */
    int moved, renumbered, retitled, content; /* what holds of a matched pair */
    int implied;             /* a renumbering that only follows the parent's */
    int technical;
    unsigned why;
    int override_line;       /* the marker's line in the new source (0: none) */
    const char *wording;     /* the marker's words for the 前言 item, or NULL */
    sk_diff_detail *details; /* in document order */
    size_t ndetails;
} sk_change;

typedef struct sk_diff sk_diff;

/* Compares old with new (two finished models; both outlive the diff). Problems
 * with the markers of new go to diags (stddiff-marker). Never fails. */
sk_diff *sk_diff_new(const sk_doc *old, const sk_doc *new, sk_diags *diags);
void sk_diff_free(sk_diff *d);
const sk_doc *sk_diff_old(const sk_diff *d);
const sk_doc *sk_diff_new_doc(const sk_diff *d);

/* The changes, in the new edition's order (a deleted section where it stood). */
size_t sk_diff_count(const sk_diff *d);
const sk_change *sk_diff_get(const sk_diff *d, size_t i);
/* Changes that count: not implied renumberings, not in 前言. */
size_t sk_diff_technical(const sk_diff *d);
/* The counterpart of a section or block on the other side, or NULL. */
const sk_node *sk_diff_counterpart(const sk_diff *d, const sk_node *n);

/* ---- the words of a 前言 (GB/T 1.1—2020 8.3) ---- */

/* The label of a section as a 前言 cites it: "第4章", "附录A", "5.2". Caller frees. */
char *sk_diff_label(const sk_node *n);
/* "2019年版" from the old edition's number (or issue date; "原版" when neither). Caller frees. */
char *sk_diff_edition(const sk_diff *d);
/* The lead sentence: "本文件代替X《T》，与X相比，除结构调整和编辑性改动外，主要技术变化如下："
 * (or "…外，无技术变化。" when there is none). Caller frees. */
char *sk_diff_lead(const sk_diff *d);
/* The list item of a technical change, without its end punctuation:
 * "增加了“活动记录”的要求（见5.4）", "删除了…（见2019年版的4.3）",
 * "更改了…（见6.1，2019年版的5.1）". NULL for an editorial change. Caller frees. */
char *sk_diff_item(const sk_diff *d, const sk_change *c);
/* The "（见…）" part of it alone. Caller frees. */
char *sk_diff_where(const sk_diff *d, const sk_change *c);

/* ---- a block's runs compared (the redline, stddiff's text, the 修改单) ---- */

/* A piece of one side's runs: a whole run (an atomic one: a reference, a formula, a
 * field, a line break) or bytes [from, to) of a text run's text. For two plain
 * texts, in is NULL and text/len the piece. */
typedef struct sk_diff_seg {
    sk_diff_op op;           /* SAME (from new), INSERTED (new), DELETED (old) */
    const sk_inline *in;
    int whole;
    const char *text;
    size_t len;
} sk_diff_seg;

/* The runs of o and n as one sequence of pieces, deletions before insertions at
 * each place. Returns the count; caller frees *out. */
size_t sk_diff_runs(sk_diff_seg **out, const sk_inlines *o, const sk_inlines *n);
/* The text a piece prints (a reference: the number it shows). Caller frees. */
char *sk_diff_piece(const sk_diff_seg *s);
size_t sk_diff_texts(sk_diff_seg **out, const char *a, const char *b);

/* ---- what the layout asks to print the new edition with tracked changes ---- */

typedef enum {
    SK_RL_SAME,      /* printed as it is */
    SK_RL_CHANGED,   /* paired with sk_diff_counterpart: its content compared */
    SK_RL_INSERTED,  /* new, or moved here: printed inserted, its whole subtree */
    SK_RL_REPLACED   /* a table or formula that cannot be compared part by part: the
                      * counterpart printed deleted, then this inserted */
} sk_rl_state;

/* The state of a node of the new edition under a container the diff compared
 * (SK_RL_SAME for what it did not look at). */
sk_rl_state sk_diff_state(const sk_diff *d, const sk_node *n);
/* Nodes of the old edition deleted (or moved away) that print right before n, or
 * at the end of container c's children: NULL when none, else a NULL-terminated array. */
const sk_node *const *sk_diff_deleted_before(const sk_diff *d, const sk_node *n);
const sk_node *const *sk_diff_deleted_tail(const sk_diff *d, const sk_node *c);

/* The rows of a CHANGED table of the new edition against its counterpart's: n
 * steps, each a row of the new table (SAME: its cells compared with the old row's),
 * inserted, or an old row deleted. NULL when the table is compared cell by cell
 * (same shape) or not at all. */
typedef struct sk_diff_row {
    sk_diff_op op;
    int orow, nrow;          /* -1 on the side that has none */
} sk_diff_row;
const sk_diff_row *sk_diff_table_rows(const sk_diff *d, const sk_node *table, size_t *n);

#endif
