/* math — the TeX subset of display formulas ($$ … $$) and 式中 symbols, parsed
 * into a small tree that both writers print: DOCX as OMML, ODT as MathML (with a
 * StarMath annotation, which is what LibreOffice lays out). The tree is walked
 * here, once, through a math sink; a writer only names the markup of each node
 * and part (docx.c, odt.c), as the document walk's sink does for paragraphs.
 *
 * The subset (docs/format.md says the same for authors):
 *   letters (one italic identifier each), numbers (digits with a decimal point),
 *   + - * / = < > ( ) [ ] | , ; : ! ' and the characters × · ÷ ± ≤ ≥ ≠ ≈ … as
 *   written; Greek \alpha … \omega, \varepsilon \vartheta \varphi \varrho \varsigma
 *   \varpi, \Alpha … \Omega; \times \cdot \div \pm \mp \leq \le \geq \ge \neq \ne
 *   \approx \equiv \sim \propto \ll \gg \to \rightarrow \leftarrow \Rightarrow
 *   \Leftrightarrow \in \notin \subset \subseteq \cup \cap \infty \partial \nabla
 *   \cdots \ldots \dots \circ \degree \prime \angle \perp \parallel \forall \exists
 *   \% \{ \} \| \_ \# \& \$;
 *   \frac{a}{b} (\dfrac, \tfrac); x^{a}, x_{i}, x_{i}^{a} (a single token needs no
 *   braces: x^2); \sqrt{x}, \sqrt[n]{x}; \sum \prod \int \iint \iiint \oint with
 *   limits _{…}^{…} (the summand: what follows up to the next + - = or relation
 *   at the same level); \left( … \right) with ( ) [ ] \{ \} | \| \langle \rangle
 *   and . (none); \text{中文}, \mathrm{…}, \textrm{…}, \operatorname{…} (upright);
 *   \bar \overline \hat \tilde \dot \ddot \vec; function names \sin \cos \tan
 *   \cot \sec \csc \arcsin \arccos \arctan \sinh \cosh \tanh \log \lg \ln \exp \lim
 *   \max \min \sup \inf \det \dim \arg \gcd \deg \mod; 汉字 and other non-ASCII
 *   text as written; spacing (\, \; \: \! \quad \qquad \  ~), \displaystyle,
 *   \limits, \nolimits and % comments are ignored;
 *   rows and columns: \begin{cases} (a brace on the left, columns flush left),
 *   \begin{aligned} (columns right, left, right … : align at &), \begin{matrix},
 *   pmatrix, bmatrix, vmatrix (centred, in ( ) [ ] | |), cells split by &, rows by \\.
 *   and what real standards add: the amssymb and amsmath relations and signs
 *   (\leqslant \geqslant \leqq \lesssim \cong \oplus \therefore \lfloor …), upright
 *   constants (\emptyset \ell \hbar \celsius …), \not, \mathbb{R}, font commands
 *   (\mathbf \textbf …, styles not printed), \overrightarrow, delimiter sizes and
 *   \tag (ignored), split/align/gathered/array/Bmatrix/Vmatrix, a double script;
 *   docs/format.md lists them all.
 * Anything else (an unknown command, & and \\ outside those, an unbalanced brace or \left, a
 * missing argument, nesting deeper than SK_MATH_MAX_DEPTH) is an error with its
 * byte offset: stdcheck reports it (formula-syntax) and the writers print the TeX
 * as written. No input crashes the parser (tests/fuzz/fuzz_math.c).
 * (Included as "text/math.h": with -Ilib only, it never hides <math.h>.) */
#ifndef SK_MATH_H
#define SK_MATH_H

#include <stddef.h>

/* Groups, arguments and scripts nested deeper than this are an error. */
#define SK_MATH_MAX_DEPTH 40

typedef enum {
    SK_MATH_ROW,    /* a sequence: row[0..n) */
    /* atoms: text */
    SK_MATH_VAR,    /* italic identifier: a letter, lower-case Greek */
    SK_MATH_NAME,   /* upright identifier: \mathrm{…}, function names, capital Greek, ∞ ∂ */
    SK_MATH_NUM,    /* number: 100, 3.14 */
    SK_MATH_OP,     /* operator, relation, bracket, punctuation */
    SK_MATH_TEXT,   /* \text{…} and 汉字: upright text */
    /* structures: kid[] by part, NULL when absent */
    SK_MATH_FRAC,   /* NUM, DEN */
    SK_MATH_SCRIPT, /* BASE, SUB, SUP (at least one script) */
    SK_MATH_ROOT,   /* DEGREE (NULL: square root), RADICAND */
    SK_MATH_NARY,   /* text = ∑ ∏ ∫ …; LOWER, UPPER, BODY (BODY always there, maybe empty) */
    SK_MATH_FENCE,  /* open/close delimiters ("" for none); INNER */
    SK_MATH_ACCENT, /* accent (sk_math_accent_info); INNER */
    SK_MATH_ARRAY   /* rows and columns: text the environment ("cases", "aligned", "matrix"),
                     * row[] the rows, each a ROW of cells (each a ROW); ncols the widest */
} sk_math_kind;

/* The parts of a structure, in the order the walk visits them. */
typedef enum {
    SK_MP_NUM, SK_MP_DEN,                 /* FRAC */
    SK_MP_BASE, SK_MP_SUB, SK_MP_SUP,     /* SCRIPT */
    SK_MP_DEGREE, SK_MP_RADICAND,         /* ROOT (the sink may ask for the degree last) */
    SK_MP_LOWER, SK_MP_UPPER, SK_MP_BODY, /* NARY */
    SK_MP_INNER,                          /* FENCE, ACCENT */
    SK_MP_ROW, SK_MP_CELL                 /* ARRAY: each row, and in it each of ncols cells
                                           * (a cell a row lacks is announced absent) */
} sk_math_part;

typedef enum {
    SK_ACC_BAR, SK_ACC_OVERLINE, SK_ACC_HAT, SK_ACC_TILDE, SK_ACC_DOT, SK_ACC_DDOT, SK_ACC_VEC
} sk_math_accent;

typedef struct sk_math sk_math;
struct sk_math {
    sk_math_kind kind;
    char *text;              /* atoms and NARY: UTF-8 */
    char open[8], close[8];  /* FENCE */
    sk_math_accent accent;   /* ACCENT */
    sk_math *kid[3];         /* FRAC: num, den; SCRIPT: base, sub, sup; ROOT: degree, radicand;
                              * NARY: lower, upper, body; FENCE, ACCENT: inner */
    sk_math **row;           /* ROW; ARRAY: its rows */
    size_t n, cap;
    size_t ncols;            /* ARRAY */
};

typedef struct sk_math_err {
    char msg[160];
    size_t off;              /* byte offset in the TeX */
} sk_math_err;

/* Parses tex[0..len). Returns the tree (a ROW), or NULL with err filled. */
sk_math *sk_math_parse(const char *tex, size_t len, sk_math_err *err);
void sk_math_free(sk_math *m);

/* Accent characters: the combining one (OMML m:chr) and the spacing one (MathML
 * mover); over_bar: drawn as a bar over the whole base (\overline). */
typedef struct sk_math_accent_info {
    const char *combining, *spacing, *starmath;
    int over_bar;
} sk_math_accent_info;
const sk_math_accent_info *sk_math_accent_get(sk_math_accent a);

/* True for an n-ary operator whose limits go beside it (integrals), not above and below. */
int sk_math_nary_side(const sk_math *nary);

/* What a structure looks like, for a writer's table of element names: a group, a
 * fraction, which scripts, a square or an n-th root, an n-ary operator, a fence, an
 * accent or a bar over the base. */
typedef enum {
    SK_MS_GROUP, SK_MS_FRAC, SK_MS_SUB, SK_MS_SUP, SK_MS_SUBSUP, SK_MS_SQRT, SK_MS_ROOT,
    SK_MS_NARY, SK_MS_FENCE, SK_MS_ACCENT, SK_MS_BAR, SK_MS_ARRAY, SK_MS_COUNT
} sk_math_shape;
sk_math_shape sk_math_shape_of(const sk_math *m);

/* How column col of an array lines up: -1 flush left, 0 centred, 1 flush right. A
 * cell of aligned that starts with a relation ("&= b") holds an empty text first, an
 * operand for it (LibreOffice's formula layout prints ¿ without one). */
int sk_math_array_align(const sk_math *array, size_t col);

/* A writer's markup of a formula. The walk calls atom() for each atom and, for a
 * structure, begin(), then part(…, 1) / the part's content / part(…, 0) for each
 * of its parts in order (present: the part has content; an absent one is still
 * announced, for formats that write it empty), then end(). A ROW nested in a
 * part or in another row (a {…} group) is a structure without parts: begin(),
 * its elements, end(). The rows that are a part's content and the top row are
 * not announced: the part (or the formula) stands for them. */
typedef struct sk_math_sink {
    void *ctx;
    void (*atom)(void *ctx, const sk_math *m);
    void (*begin)(void *ctx, const sk_math *m);
    void (*part)(void *ctx, const sk_math *m, sk_math_part p, int present, int start);
    void (*end)(void *ctx, const sk_math *m);
    int degree_last;         /* ROOT: the radicand before the degree (MathML's mroot) */
} sk_math_sink;

void sk_math_walk(const sk_math *m, const sk_math_sink *s);
/* The content of part p of structure m (a ROW, an atom or a structure), or NULL. */
const sk_math *sk_math_part_of(const sk_math *m, sk_math_part p);

/* The formula in LibreOffice's StarMath 5.0 syntax (the ODT writer's annotation,
 * which LibreOffice lays out in preference to the MathML). Caller frees. */
char *sk_math_starmath(const sk_math *m);

#endif
