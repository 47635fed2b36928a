/* locate — where things are in a finished model's source, for an editor: what is
 * under a position (a reference, a cited standard, a term, a heading, an anchor),
 * where an element is defined, every place that refers to it, and the lines a
 * section spans. Positions are source lines (1-based) and byte offsets in the
 * line (0-based) of the normalised text (doc->src: no BOM, LF line ends); the
 * caller converts them to its own columns. Nothing here changes the model. */
#ifndef SK_LOCATE_H
#define SK_LOCATE_H

#include "model/doc.h"

/* A stretch of one source line: bytes [start, end) of line. */
typedef struct sk_span {
    int line;
    size_t start, end;
} sk_span;

typedef struct sk_spans {
    sk_span *v;
    size_t n, cap;
} sk_spans;

void sk_locate_spans_free(sk_spans *s);

typedef enum {
    SK_LOC_NONE,
    SK_LOC_REF,     /* a reference run (in; node its target, NULL when unresolved) */
    SK_LOC_STDREF,  /* another standard's number (in, stdref) */
    SK_LOC_TERM,    /* a term used in running text (node: its entry) */
    SK_LOC_TARGET   /* a heading, caption, figure or formula line (node) */
} sk_loc_kind;

typedef struct sk_loc {
    sk_loc_kind kind;
    sk_span span;             /* what is under the position */
    const sk_inline *in;      /* REF, STDREF */
    const sk_node *node;      /* REF: the target; TERM: the entry; TARGET: the element */
    const sk_stdref *stdref;  /* STDREF */
    int on_anchor;            /* span is the id of an anchor: [](#id) or {#id} */
    int on_number;            /* TARGET: span is the number written in the heading or caption */
} sk_loc;

/* What is at byte `byte` of line `line`: 1 with *out filled, 0 for nothing. */
int sk_locate_at(sk_loc *out, const sk_doc *doc, int line, size_t byte);

/* The source of a reference run (REF or STDREF): "5.2", "第6章", "[](#id)" whole;
 * for an anchor link *id gets the span of the id (id may be NULL). 0 or -1 when
 * the run's text is not at its recorded place (a run cmark rewrote). */
int sk_locate_ref_span(const sk_doc *doc, const sk_inline *in, sk_span *out, sk_span *id);

/* Where n is defined: its heading, caption, figure or formula line (trimmed). */
sk_span sk_locate_def(const sk_doc *doc, const sk_node *n);
/* The span of the id in n's "{#id}". -1 when n has no id or it is not found. */
int sk_locate_anchor_def(const sk_doc *doc, const sk_node *n, sk_span *out);
/* The span of the number written in n's heading or caption; -1 when none is written. */
int sk_locate_number(const sk_doc *doc, const sk_node *n, sk_span *out);

/* Every resolved reference run to n, in document order (const sk_inline *). */
void sk_locate_refs(const sk_doc *doc, const sk_node *n, sk_vec *out);
/* Every link [..](#id) naming id, resolved or not (const sk_inline *). */
void sk_locate_anchor_refs(const sk_doc *doc, const char *id, sk_vec *out);
/* Every place running text uses the term of entry n (its title), in order. */
void sk_locate_term_uses(const sk_doc *doc, const sk_node *term, sk_spans *out);
/* The stdref record of a STDREF run, or NULL. */
const sk_stdref *sk_locate_stdref(const sk_doc *doc, const sk_inline *in);

/* The last line of the section n (the line before the next heading of its level
 * or above, blank lines at the end left out); n->line for another node. */
int sk_locate_end(const sk_doc *doc, const sk_node *n);

/* The text of a block, plain (references as displayed), for hovers. Caller frees;
 * NULL when n holds no text. */
char *sk_locate_text(const sk_node *n);

#endif
