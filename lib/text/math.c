#include "text/math.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"

/* ---------- the tree ---------- */

static sk_math *node_new(sk_math_kind kind, const char *text, size_t len)
{
    sk_math *m = sk_calloc(1, sizeof *m);
    m->kind = kind;
    if (text)
        m->text = sk_strndup(text, len);
    return m;
}

static void row_push(sk_math *row, sk_math *k)
{
    if (!k)
        return;
    if (row->n == row->cap) {
        row->cap = row->cap ? row->cap * 2 : 4;
        row->row = sk_realloc(row->row, row->cap * sizeof *row->row);
    }
    row->row[row->n++] = k;
}

/* k first in row. */
static void row_unshift(sk_math *row, sk_math *k)
{
    row_push(row, k);
    memmove(row->row + 1, row->row, (row->n - 1) * sizeof *row->row);
    row->row[0] = k;
}

void sk_math_free(sk_math *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        sk_math_free(m->row[i]);
    for (int i = 0; i < 3; i++)
        sk_math_free(m->kid[i]);
    free(m->row);
    free(m->text);
    free(m);
}

/* ---------- tables ---------- */

typedef struct sym {
    const char *name, *text;
} sym;

/* Commands printed as an operator, relation or punctuation. */
static const sym OPS[] = {
    { "times", "\xC3\x97" },      { "cdot", "\xE2\x8B\x85" },   { "div", "\xC3\xB7" },
    { "pm", "\xC2\xB1" },         { "mp", "\xE2\x88\x93" },     { "leq", "\xE2\x89\xA4" },
    { "le", "\xE2\x89\xA4" },     { "geq", "\xE2\x89\xA5" },    { "ge", "\xE2\x89\xA5" },
    { "neq", "\xE2\x89\xA0" },    { "ne", "\xE2\x89\xA0" },     { "approx", "\xE2\x89\x88" },
    { "equiv", "\xE2\x89\xA1" },  { "sim", "\xE2\x88\xBC" },    { "propto", "\xE2\x88\x9D" },
    { "ll", "\xE2\x89\xAA" },     { "gg", "\xE2\x89\xAB" },     { "to", "\xE2\x86\x92" },
    { "rightarrow", "\xE2\x86\x92" }, { "leftarrow", "\xE2\x86\x90" }, { "Rightarrow", "\xE2\x87\x92" },
    { "Leftrightarrow", "\xE2\x87\x94" }, { "in", "\xE2\x88\x88" }, { "notin", "\xE2\x88\x89" },
    { "subset", "\xE2\x8A\x82" }, { "subseteq", "\xE2\x8A\x86" }, { "cup", "\xE2\x88\xAA" },
    { "cap", "\xE2\x88\xA9" },    { "cdots", "\xE2\x8B\xAF" },  { "ldots", "\xE2\x80\xA6" },
    { "dots", "\xE2\x80\xA6" },   { "circ", "\xE2\x88\x98" },   { "degree", "\xC2\xB0" },
    { "prime", "\xE2\x80\xB2" },  { "angle", "\xE2\x88\xA0" },  { "perp", "\xE2\x8A\xA5" },
    { "parallel", "\xE2\x88\xA5" }, { "forall", "\xE2\x88\x80" }, { "exists", "\xE2\x88\x83" },
    { "%", "%" },                 { "{", "{" },                 { "}", "}" },
    { "|", "\xE2\x80\x96" },      { "_", "_" },                 { "#", "#" },
    { "&", "&" },                 { "$", "$" },                 { "lbrace", "{" },
    { "rbrace", "}" },            { "langle", "\xE2\x9F\xA8" }, { "rangle", "\xE2\x9F\xA9" },
    { "vert", "|" },              { "Vert", "\xE2\x80\x96" },   { "mid", "\xE2\x88\xA3" },
    { "colon", ":" },             { "ast", "\xE2\x88\x97" },
    /* amssymb and amsmath: the relations and signs Chinese standards use */
    { "leqslant", "\xE2\xA9\xBD" }, { "geqslant", "\xE2\xA9\xBE" }, { "leqq", "\xE2\x89\xA6" },
    { "geqq", "\xE2\x89\xA7" },     { "lesssim", "\xE2\x89\xB2" },  { "gtrsim", "\xE2\x89\xB3" },
    { "nleq", "\xE2\x89\xB0" },     { "ngeq", "\xE2\x89\xB1" },     { "nless", "\xE2\x89\xAE" },
    { "ngtr", "\xE2\x89\xAF" },     { "lt", "<" },                   { "gt", ">" },
    { "simeq", "\xE2\x89\x83" },    { "cong", "\xE2\x89\x85" },     { "asymp", "\xE2\x89\x8D" },
    { "doteq", "\xE2\x89\x90" },    { "approxeq", "\xE2\x89\x8A" }, { "neg", "\xC2\xAC" },
    { "lnot", "\xC2\xAC" },          { "land", "\xE2\x88\xA7" },     { "lor", "\xE2\x88\xA8" },
    { "wedge", "\xE2\x88\xA7" },    { "vee", "\xE2\x88\xA8" },      { "oplus", "\xE2\x8A\x95" },
    { "otimes", "\xE2\x8A\x97" },   { "odot", "\xE2\x8A\x99" },     { "bullet", "\xE2\x80\xA2" },
    { "star", "\xE2\x8B\x86" },     { "dagger", "\xE2\x80\xA0" },   { "ddagger", "\xE2\x80\xA1" },
    { "supset", "\xE2\x8A\x83" },   { "supseteq", "\xE2\x8A\x87" }, { "subsetneq", "\xE2\x8A\x8A" },
    { "supsetneq", "\xE2\x8A\x8B" }, { "ni", "\xE2\x88\x8B" },      { "setminus", "\xE2\x88\x96" },
    { "backslash", "\\" },          { "uparrow", "\xE2\x86\x91" },  { "downarrow", "\xE2\x86\x93" },
    { "leftrightarrow", "\xE2\x86\x94" }, { "Leftarrow", "\xE2\x87\x90" },
    { "longrightarrow", "\xE2\x9F\xB6" }, { "longleftarrow", "\xE2\x9F\xB5" },
    { "Longrightarrow", "\xE2\x9F\xB9" }, { "Longleftrightarrow", "\xE2\x9F\xBA" },
    { "mapsto", "\xE2\x86\xA6" },   { "iff", "\xE2\x9F\xBA" },      { "implies", "\xE2\x9F\xB9" },
    { "therefore", "\xE2\x88\xB4" }, { "because", "\xE2\x88\xB5" }, { "vdots", "\xE2\x8B\xAE" },
    { "ddots", "\xE2\x8B\xB1" },    { "lfloor", "\xE2\x8C\x8A" },   { "rfloor", "\xE2\x8C\x8B" },
    { "lceil", "\xE2\x8C\x88" },    { "rceil", "\xE2\x8C\x89" },    { "lvert", "|" },
    { "rvert", "|" },                 { "lVert", "\xE2\x80\x96" },    { "rVert", "\xE2\x80\x96" },
    { "cdotp", "\xC2\xB7" },         { "centerdot", "\xC2\xB7" },
};

/* Upright symbols and capital Greek (TeX sets them upright). */
static const sym NAMES[] = {
    { "infty", "\xE2\x88\x9E" },  { "partial", "\xE2\x88\x82" }, { "nabla", "\xE2\x88\x87" },
    { "emptyset", "\xE2\x88\x85" }, { "varnothing", "\xE2\x88\x85" }, { "ell", "\xE2\x84\x93" },
    { "hbar", "\xE2\x84\x8F" },     { "Re", "\xE2\x84\x9C" },       { "Im", "\xE2\x84\x91" },
    { "aleph", "\xE2\x84\xB5" },    { "triangle", "\xE2\x96\xB3" }, { "square", "\xE2\x96\xA1" },
    { "celsius", "\xE2\x84\x83" },  { "textdegree", "\xC2\xB0" },    { "ohm", "\xCE\xA9" },
    { "permil", "\xE2\x80\xB0" },
    { "Alpha", "\xCE\x91" },      { "Beta", "\xCE\x92" },       { "Gamma", "\xCE\x93" },
    { "Delta", "\xCE\x94" },      { "Epsilon", "\xCE\x95" },    { "Zeta", "\xCE\x96" },
    { "Eta", "\xCE\x97" },        { "Theta", "\xCE\x98" },      { "Iota", "\xCE\x99" },
    { "Kappa", "\xCE\x9A" },      { "Lambda", "\xCE\x9B" },     { "Mu", "\xCE\x9C" },
    { "Nu", "\xCE\x9D" },         { "Xi", "\xCE\x9E" },         { "Omicron", "\xCE\x9F" },
    { "Pi", "\xCE\xA0" },         { "Rho", "\xCE\xA1" },        { "Sigma", "\xCE\xA3" },
    { "Tau", "\xCE\xA4" },        { "Upsilon", "\xCE\xA5" },    { "Phi", "\xCE\xA6" },
    { "Chi", "\xCE\xA7" },        { "Psi", "\xCE\xA8" },        { "Omega", "\xCE\xA9" },
};

/* Lower-case Greek: italic identifiers. */
static const sym GREEK[] = {
    { "alpha", "\xCE\xB1" },   { "beta", "\xCE\xB2" },     { "gamma", "\xCE\xB3" },   { "delta", "\xCE\xB4" },
    { "epsilon", "\xCF\xB5" }, { "varepsilon", "\xCE\xB5" }, { "zeta", "\xCE\xB6" },   { "eta", "\xCE\xB7" },
    { "theta", "\xCE\xB8" },   { "vartheta", "\xCF\x91" }, { "iota", "\xCE\xB9" },    { "kappa", "\xCE\xBA" },
    { "lambda", "\xCE\xBB" },  { "mu", "\xCE\xBC" },       { "nu", "\xCE\xBD" },      { "xi", "\xCE\xBE" },
    { "omicron", "\xCE\xBF" }, { "pi", "\xCF\x80" },       { "varpi", "\xCF\x96" },   { "rho", "\xCF\x81" },
    { "varrho", "\xCF\xB1" },  { "sigma", "\xCF\x83" },    { "varsigma", "\xCF\x82" }, { "tau", "\xCF\x84" },
    { "upsilon", "\xCF\x85" }, { "phi", "\xCF\x95" },      { "varphi", "\xCF\x86" },  { "chi", "\xCF\x87" },
    { "psi", "\xCF\x88" },     { "omega", "\xCF\x89" },
};

static const char *const FUNCS[] = { "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
                                     "sinh", "cosh", "tanh", "log", "lg", "ln", "exp", "lim", "max", "min",
                                     "sup", "inf", "det", "dim", "arg", "gcd", "deg", "mod", "bmod" };

static const sym NARY[] = {
    { "sum", "\xE2\x88\x91" },  { "prod", "\xE2\x88\x8F" },  { "coprod", "\xE2\x88\x90" },
    { "int", "\xE2\x88\xAB" },  { "iint", "\xE2\x88\xAC" },  { "iiint", "\xE2\x88\xAD" },
    { "oint", "\xE2\x88\xAE" },
};

/* Commands that print nothing. */
static const char *const IGNORED[] = { ",", ";", ":", "!", " ", ">", "quad", "qquad", "displaystyle",
                                       "textstyle", "scriptstyle", "scriptscriptstyle", "limits", "nolimits",
                                       "thinspace", "medspace", "thickspace", "enspace", "negthinspace",
                                       /* delimiter sizes: the delimiter after them prints as it is */
                                       "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
                                       "biggr", "Biggl", "Biggr", "bigm", "Bigm", "middle" };

static const struct {
    const char *name;
    sk_math_accent a;
} ACCENTS[] = {
    { "bar", SK_ACC_BAR }, { "overline", SK_ACC_OVERLINE }, { "hat", SK_ACC_HAT }, { "widehat", SK_ACC_HAT },
    { "tilde", SK_ACC_TILDE }, { "widetilde", SK_ACC_TILDE }, { "dot", SK_ACC_DOT }, { "ddot", SK_ACC_DDOT },
    { "vec", SK_ACC_VEC }, { "overrightarrow", SK_ACC_VEC },
};

static const sk_math_accent_info ACCENT_INFO[] = {
    [SK_ACC_BAR] = { "\xCC\x84", "\xC2\xAF", "bar", 0 },
    [SK_ACC_OVERLINE] = { "\xCC\x85", "\xC2\xAF", "overline", 1 },
    [SK_ACC_HAT] = { "\xCC\x82", "^", "hat", 0 },
    [SK_ACC_TILDE] = { "\xCC\x83", "~", "tilde", 0 },
    [SK_ACC_DOT] = { "\xCC\x87", "\xCB\x99", "dot", 0 },
    [SK_ACC_DDOT] = { "\xCC\x88", "\xC2\xA8", "ddot", 0 },
    [SK_ACC_VEC] = { "\xE2\x83\x97", "\xE2\x86\x92", "vec", 0 },
};

const sk_math_accent_info *sk_math_accent_get(sk_math_accent a)
{
    return (unsigned)a < sizeof ACCENT_INFO / sizeof ACCENT_INFO[0] ? &ACCENT_INFO[a] : &ACCENT_INFO[0];
}

static const char *sym_find(const sym *t, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(t[i].name) == len && !memcmp(t[i].name, name, len))
            return t[i].text;
    return NULL;
}

static int word_in(const char *const *t, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(t[i]) == len && !memcmp(t[i], name, len))
            return 1;
    return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int sk_math_nary_side(const sk_math *nary)
{
    /* ∫ ∬ ∭ ∮: limits beside the sign (U+222B … U+222E) */
    const unsigned char *t = (const unsigned char *)(nary && nary->text ? nary->text : "");
    return t[0] == 0xE2 && t[1] == 0x88 && t[2] >= 0xAB && t[2] <= 0xAE;
}

sk_math_shape sk_math_shape_of(const sk_math *m)
{
    switch (m->kind) {
    case SK_MATH_FRAC: return SK_MS_FRAC;
    case SK_MATH_SCRIPT: return !m->kid[1] ? SK_MS_SUP : !m->kid[2] ? SK_MS_SUB : SK_MS_SUBSUP;
    case SK_MATH_ROOT: return m->kid[0] ? SK_MS_ROOT : SK_MS_SQRT;
    case SK_MATH_NARY: return SK_MS_NARY;
    case SK_MATH_FENCE: return SK_MS_FENCE;
    case SK_MATH_ACCENT: return sk_math_accent_get(m->accent)->over_bar ? SK_MS_BAR : SK_MS_ACCENT;
    case SK_MATH_ARRAY: return SK_MS_ARRAY;
    default: return SK_MS_GROUP;
    }
}

int sk_math_array_align(const sk_math *array, size_t col)
{
    const char *env = array && array->text ? array->text : "";
    if (!strcmp(env, "cases"))
        return -1;
    if (!strcmp(env, "aligned"))
        return col % 2 ? -1 : 1;
    if (!strncmp(env, "array:", 6)) { /* \begin{array}{lcr}: the column's letter */
        const char *spec = env + 6;
        size_t k = 0;
        for (const char *c = spec; *c; c++)
            if (*c == 'l' || *c == 'c' || *c == 'r') {
                if (k++ == col)
                    return *c == 'l' ? -1 : *c == 'r' ? 1 : 0;
            }
    }
    return 0;
}

/* ---------- the parser ---------- */

enum { STOP_END, STOP_BRACE, STOP_BRACKET, STOP_RIGHT, STOP_CELL };

typedef struct parser {
    const char *s;
    size_t len, pos;
    int depth;
    int upright;      /* inside \mathrm{…}: letters are upright names */
    int failed;
    sk_math_err *err;
} parser;

static void fail(parser *P, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(parser *P, size_t off, const char *fmt, ...)
{
    if (P->failed)
        return;
    P->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(P->err->msg, sizeof P->err->msg, fmt, ap);
    va_end(ap);
    P->err->off = off > P->len ? P->len : off;
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char cur(const parser *P)
{
    return P->pos < P->len ? P->s[P->pos] : '\0';
}

/* A command's name at P->pos (just after the backslash): letters, or one other character. */
static size_t cmd_len(const parser *P, size_t at)
{
    size_t k = at;
    while (k < P->len && is_letter(P->s[k]))
        k++;
    if (k == at && at < P->len) {
        /* one character; a multi-byte one whole, so the message can show it */
        uint32_t cp;
        int n = sk_utf8_decode(P->s + at, P->len - at, &cp);
        k = at + (size_t)(n > 0 ? n : 1);
    }
    return k - at;
}

/* Skips white space, % comments and commands that print nothing. */
static void skip_space(parser *P)
{
    while (P->pos < P->len) {
        char c = P->s[P->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~') {
            P->pos++;
        } else if (c == '%') {
            while (P->pos < P->len && P->s[P->pos] != '\n')
                P->pos++;
        } else if (c == '\\' && P->pos + 1 < P->len) {
            size_t n = cmd_len(P, P->pos + 1);
            if (!word_in(IGNORED, COUNT(IGNORED), P->s + P->pos + 1, n))
                return;
            P->pos += 1 + n;
        } else {
            return;
        }
    }
}

static int at_cmd(const parser *P, const char *name)
{
    size_t n = strlen(name);
    return cur(P) == '\\' && P->pos + 1 + n <= P->len && !memcmp(P->s + P->pos + 1, name, n) &&
           cmd_len(P, P->pos + 1) == n;
}

/* The end of the current row for a stop condition (not consumed). */
static int at_row_end(const parser *P, int stop)
{
    char c = cur(P);
    if (P->pos >= P->len)
        return 1;
    return (stop == STOP_BRACE && c == '}') || (stop == STOP_BRACKET && c == ']') ||
           (stop == STOP_RIGHT && at_cmd(P, "right")) ||
           (stop == STOP_CELL && (c == '&' || at_cmd(P, "\\") || at_cmd(P, "end")));
}

/* Operators that end the summand of a ∑/∫ (not consumed): + − ± = relations , ; */
static int at_summand_end(const parser *P)
{
    static const char *const cmds[] = { "pm", "mp", "leq", "le", "geq", "ge", "neq", "ne", "approx", "equiv",
                                         "sim", "propto", "ll", "gg", "to", "rightarrow", "leftarrow",
                                         "Rightarrow", "Leftrightarrow", "in", "notin", "subset", "subseteq" };
    static const char uni[] = "\xC2\xB1\xE2\x88\x93\xE2\x89\xA4\xE2\x89\xA5\xE2\x89\xA0\xE2\x89\x88\xE2\x88\x92";
    char c = cur(P);
    if (c && strchr("+-=<>,;", c))
        return 1;
    if (c == '\\') {
        size_t n = cmd_len(P, P->pos + 1);
        return word_in(cmds, COUNT(cmds), P->s + P->pos + 1, n);
    }
    if ((unsigned char)c >= 0x80) {
        uint32_t cp;
        int n = sk_utf8_decode(P->s + P->pos, P->len - P->pos, &cp);
        if (n > 0) {
            char one[8] = { 0 };
            memcpy(one, P->s + P->pos, (size_t)n);
            return strstr(uni, one) != NULL;
        }
    }
    return 0;
}

static sk_math *parse_atom(parser *P, int stop);
static void parse_items(parser *P, sk_math *row, int stop, int summand);

static int enter(parser *P)
{
    if (++P->depth > SK_MATH_MAX_DEPTH) {
        fail(P, P->pos, "formula nested more than %d levels deep", SK_MATH_MAX_DEPTH);
        return 0;
    }
    return 1;
}

/* A row's only element stands for the row. */
static sk_math *unwrap(sk_math *row)
{
    if (row->kind == SK_MATH_ROW && row->n == 1 && !row->kid[0]) {
        sk_math *k = row->row[0];
        row->n = 0;
        sk_math_free(row);
        return k;
    }
    return row;
}

/* { … }: a group (the opening brace at P->pos). */
static sk_math *parse_group(parser *P)
{
    size_t open = P->pos++;
    sk_math *row = node_new(SK_MATH_ROW, NULL, 0);
    if (enter(P))
        parse_items(P, row, STOP_BRACE, 0);
    P->depth--;
    if (!P->failed && cur(P) != '}')
        fail(P, open, "this { is not closed");
    if (!P->failed)
        P->pos++;
    /* {\sum_a}_b: the group's script is not a limit */
    return row->n == 1 && row->row[0]->kind == SK_MATH_NARY ? row : unwrap(row);
}

/* An argument: a group, or one token (a letter, a digit, a command with its own arguments). */
static sk_math *parse_arg(parser *P, const char *what, size_t at)
{
    sk_math *m = NULL;
    if (!enter(P)) {
        P->depth--;
        return NULL;
    }
    for (;;) {
        skip_space(P);
        char c = cur(P);
        if (P->failed || P->pos >= P->len || c == '}' || c == ']' || c == '^' || c == '_' || c == '&' ||
            at_cmd(P, "right")) {
            fail(P, at, "%s needs an argument", what);
            break;
        }
        if (c == '{') {
            m = parse_group(P);
        } else if (is_digit(c)) {
            m = node_new(SK_MATH_NUM, P->s + P->pos++, 1);
        } else if (is_letter(c)) {
            m = node_new(P->upright ? SK_MATH_NAME : SK_MATH_VAR, P->s + P->pos++, 1);
        } else {
            m = parse_atom(P, STOP_END);
            if (!m && !P->failed)
                continue;
        }
        break;
    }
    P->depth--;
    return m;
}

/* \text{…}: the raw text up to the matching brace, with \{ \} \% … unescaped. */
static sk_math *parse_text(parser *P, size_t at)
{
    skip_space(P);
    if (cur(P) != '{') {
        fail(P, at, "\\text needs {…}");
        return NULL;
    }
    size_t open = P->pos++;
    int level = 0;
    sk_buf b;
    sk_buf_init(&b);
    while (P->pos < P->len) {
        char c = P->s[P->pos];
        if (c == '}' && level == 0)
            break;
        if (c == '{')
            level++;
        else if (c == '}')
            level--;
        if (c == '\\' && P->pos + 1 < P->len && strchr("{}%_#&$ \\", P->s[P->pos + 1])) {
            c = P->s[P->pos + 1] == '\\' ? ' ' : P->s[P->pos + 1];
            P->pos++;
        }
        sk_buf_putc(&b, c);
        P->pos++;
    }
    if (cur(P) != '}') {
        fail(P, open, "this { is not closed");
        sk_buf_free(&b);
        return NULL;
    }
    P->pos++;
    sk_math *m = node_new(SK_MATH_TEXT, b.data ? b.data : "", b.len);
    sk_buf_free(&b);
    return m;
}

/* A delimiter after \left or \right: ( ) [ ] | . or \{ \} \| \langle … */
static int parse_delim(parser *P, char out[8], const char *after)
{
    skip_space(P);
    char c = cur(P);
    size_t at = P->pos;
    if (c && strchr("()[]|/", c)) {
        out[0] = c;
        out[1] = '\0';
        P->pos++;
        return 1;
    }
    if (c == '.') {
        out[0] = '\0';
        P->pos++;
        return 1;
    }
    if (c == '\\' && P->pos + 1 < P->len) {
        static const sym delims[] = { { "{", "{" }, { "}", "}" }, { "|", "\xE2\x80\x96" }, { "lbrace", "{" },
                                      { "rbrace", "}" }, { "langle", "\xE2\x9F\xA8" }, { "rangle", "\xE2\x9F\xA9" },
                                      { "vert", "|" }, { "Vert", "\xE2\x80\x96" }, { "lvert", "|" },
                                      { "rvert", "|" } };
        size_t n = cmd_len(P, P->pos + 1);
        const char *t = sym_find(delims, COUNT(delims), P->s + P->pos + 1, n);
        if (t) {
            snprintf(out, 8, "%s", t);
            P->pos += 1 + n;
            return 1;
        }
    }
    fail(P, at, "%s needs a delimiter: ( ) [ ] | . \\{ \\} \\| \\langle \\rangle", after);
    return 0;
}

/* \left( … \right) (the \left at P->pos has been read). */
static sk_math *parse_fence(parser *P, size_t at)
{
    sk_math *f = node_new(SK_MATH_FENCE, NULL, 0);
    if (!parse_delim(P, f->open, "\\left"))
        return f;
    sk_math *row = node_new(SK_MATH_ROW, NULL, 0);
    f->kid[0] = row;
    if (enter(P))
        parse_items(P, row, STOP_RIGHT, 0);
    P->depth--;
    if (P->failed)
        return f;
    if (!at_cmd(P, "right")) {
        fail(P, at, "\\left has no \\right");
        return f;
    }
    P->pos += 6;
    parse_delim(P, f->close, "\\right");
    f->kid[0] = unwrap(row);
    return f;
}

/* The environments of rows and columns, and the delimiters around them. */
static const struct {
    const char *name, *open, *close;
} ENVS[] = {
    { "cases", "{", "" }, { "aligned", NULL, NULL }, { "matrix", NULL, NULL }, { "pmatrix", "(", ")" },
    { "bmatrix", "[", "]" }, { "vmatrix", "|", "|" }, { "Bmatrix", "{", "}" }, { "Vmatrix", "\xE2\x80\x96", "\xE2\x80\x96" },
    { "smallmatrix", NULL, NULL }, { "array", NULL, NULL },
    /* written as the environments they stand for */
    { "split", NULL, NULL }, { "align", NULL, NULL }, { "align*", NULL, NULL }, { "alignedat", NULL, NULL },
    { "gathered", NULL, NULL }, { "gather", NULL, NULL }, { "gather*", NULL, NULL },
    { "equation", NULL, NULL }, { "equation*", NULL, NULL },
};

/* The environment an ENVS entry is laid out as: split and align as aligned, gather
 * and gathered as a centred matrix, equation as a single cell. */
static const char *env_kind(const char *name)
{
    if (!strcmp(name, "split") || !strncmp(name, "align", 5))
        return "aligned";
    if (!strncmp(name, "gather", 6) || !strcmp(name, "smallmatrix") || !strncmp(name, "equation", 8) ||
        !strcmp(name, "Bmatrix") || !strcmp(name, "Vmatrix"))
        return "matrix";
    return name;
}

/* A cell that starts with an operator that is binary or a relation ("&= b" in aligned):
 * LibreOffice's formula layout wants an operand before it (else it prints ¿), so the
 * cell gets an empty text first. Brackets and the signs that may stand first
 * (+ − ± ∓ ‖ ⟨) need none. */
static int needs_left(const sk_math *cell)
{
    static const char *const first_ok[] = { "(", "[", "{", "|", "+", "\xE2\x88\x92", "\xC2\xB1", "\xE2\x88\x93",
                                            "\xE2\x80\x96", "\xE2\x9F\xA8" };
    const sk_math *k = cell->n ? cell->row[0] : NULL;
    return k && k->kind == SK_MATH_OP && k->text && !word_in(first_ok, COUNT(first_ok), k->text, strlen(k->text));
}

/* "{name}" after \begin or \end: its length (0 when there is none), the name in *name. */
static size_t env_name(parser *P, const char **name)
{
    skip_space(P);
    if (cur(P) != '{')
        return 0;
    size_t k = P->pos + 1;
    while (k < P->len && (is_letter(P->s[k]) || P->s[k] == '*'))
        k++;
    if (k >= P->len || P->s[k] != '}')
        return 0;
    *name = P->s + P->pos + 1;
    size_t n = k - P->pos - 1;
    P->pos = k + 1;
    return n;
}

/* \begin{env} … \end{env} (the \begin at at has been read): cells split by &, rows
 * by \\; an empty last row (a \\ before \end) is dropped. */
static sk_math *parse_env(parser *P, size_t at)
{
    const char *name = NULL;
    size_t n = env_name(P, &name), e = 0;
    if (!n) {
        fail(P, at, "\\begin needs an environment: \\begin{cases}");
        return NULL;
    }
    while (e < COUNT(ENVS) && !(strlen(ENVS[e].name) == n && !memcmp(ENVS[e].name, name, n)))
        e++;
    if (e == COUNT(ENVS)) {
        fail(P, at,
             "unknown environment {%.*s} (cases, aligned, split, gathered, array, matrix, pmatrix, bmatrix, "
             "Bmatrix, vmatrix and Vmatrix are known)",
             (int)(n > 40 ? 40 : n), name);
        return NULL;
    }
    const char *kind = env_kind(ENVS[e].name);
    sk_math *a = node_new(SK_MATH_ARRAY, kind, strlen(kind));
    if (!strcmp(kind, "array") || !strcmp(kind, "alignedat")) {
        /* its column specification ({lcr}) or column count ({2}): the alignment of array's columns */
        skip_space(P);
        if (cur(P) == '{') {
            size_t k = P->pos + 1;
            while (k < P->len && P->s[k] != '}')
                k++;
            if (k >= P->len) {
                fail(P, P->pos, "this { is not closed");
                sk_math_free(a);
                return NULL;
            }
            if (!strcmp(kind, "array")) {
                free(a->text);
                char *spec = sk_asprintf("array:%.*s", (int)(k - P->pos - 1), P->s + P->pos + 1);
                a->text = spec;
            } else {
                free(a->text);
                a->text = sk_strdup("aligned");
            }
            P->pos = k + 1;
        }
    }
    sk_math *row = node_new(SK_MATH_ROW, NULL, 0);
    row_push(a, row);
    if (!enter(P)) {
        P->depth--;
        return a;
    }
    for (;;) {
        sk_math *cell = node_new(SK_MATH_ROW, NULL, 0);
        row_push(row, cell);
        parse_items(P, cell, STOP_CELL, 0);
        if (P->failed)
            break;
        if (needs_left(cell))
            row_unshift(cell, node_new(SK_MATH_TEXT, "", 0));
        if (row->n > a->ncols)
            a->ncols = row->n;
        if (cur(P) == '&') {
            P->pos++;
        } else if (at_cmd(P, "\\")) {
            P->pos += 2;
            row = node_new(SK_MATH_ROW, NULL, 0);
            row_push(a, row);
        } else if (at_cmd(P, "end")) {
            size_t end = P->pos;
            const char *name2 = NULL;
            P->pos += 4;
            size_t n2 = env_name(P, &name2);
            if (n2 != n || memcmp(name, name2, n))
                fail(P, end, "\\begin{%.*s} is closed by \\end{%.*s}", (int)n, name, (int)(n2 > 40 ? 40 : n2),
                     n2 ? name2 : "");
            break;
        } else {
            fail(P, at, "\\begin{%.*s} has no \\end{%.*s}", (int)n, name, (int)n, name);
            break;
        }
    }
    P->depth--;
    if (a->n > 1 && row->n == 1 && row->row[0]->n == 0) { /* "… \\ \end" */
        a->n--;
        sk_math_free(row);
    }
    if (P->failed || !ENVS[e].open)
        return a;
    sk_math *f = node_new(SK_MATH_FENCE, NULL, 0);
    snprintf(f->open, sizeof f->open, "%s", ENVS[e].open);
    snprintf(f->close, sizeof f->close, "%s", ENVS[e].close);
    f->kid[0] = a;
    return f;
}

/* \mathbb{R}: the double-struck letters (ℝ ℕ ℤ ℚ ℂ …), as names. */
static sk_math *parse_blackboard(parser *P, size_t at)
{
    static const char *const letters[26] = {
        "\xF0\x9D\x94\xB8", "\xF0\x9D\x94\xB9", "\xE2\x84\x82", "\xF0\x9D\x94\xBB", "\xF0\x9D\x94\xBC",
        "\xF0\x9D\x94\xBD", "\xF0\x9D\x94\xBE", "\xE2\x84\x8D", "\xF0\x9D\x95\x80", "\xF0\x9D\x95\x81",
        "\xF0\x9D\x95\x82", "\xF0\x9D\x95\x83", "\xF0\x9D\x95\x84", "\xE2\x84\x95", "\xF0\x9D\x95\x86",
        "\xE2\x84\x99", "\xE2\x84\x9A", "\xE2\x84\x9D", "\xF0\x9D\x95\x8A", "\xF0\x9D\x95\x8B",
        "\xF0\x9D\x95\x8C", "\xF0\x9D\x95\x8D", "\xF0\x9D\x95\x8E", "\xF0\x9D\x95\x8F", "\xF0\x9D\x95\x90",
        "\xE2\x84\xA4",
    };
    skip_space(P);
    size_t k = P->pos;
    if (k + 2 < P->len && P->s[k] == '{' && P->s[k + 1] >= 'A' && P->s[k + 1] <= 'Z' && P->s[k + 2] == '}') {
        const char *l = letters[P->s[k + 1] - 'A'];
        P->pos = k + 3;
        return node_new(SK_MATH_NAME, l, strlen(l));
    }
    int up = P->upright;
    P->upright = 1;
    sk_math *m = parse_arg(P, "\\mathbb", at);
    P->upright = up;
    return m;
}

/* \not before a relation: its negation ("\not=" ≠, "\not\in" ∉), else the relation. */
static sk_math *parse_not(parser *P, size_t at)
{
    static const sym negated[] = { { "in", "\xE2\x88\x89" }, { "ni", "\xE2\x88\x8C" }, { "subset", "\xE2\x8A\x84" },
                                   { "supset", "\xE2\x8A\x85" }, { "equiv", "\xE2\x89\xA2" }, { "sim", "\xE2\x89\x81" },
                                   { "leq", "\xE2\x89\xB0" }, { "geq", "\xE2\x89\xB1" } };
    (void)at;
    skip_space(P);
    if (cur(P) == '=') {
        P->pos++;
        return node_new(SK_MATH_OP, "\xE2\x89\xA0", 3);
    }
    if (cur(P) == '\\') {
        size_t n = cmd_len(P, P->pos + 1);
        const char *t = sym_find(negated, COUNT(negated), P->s + P->pos + 1, n);
        if (t) {
            P->pos += 1 + n;
            return node_new(SK_MATH_OP, t, strlen(t));
        }
    }
    return NULL; /* the relation after it prints as it is */
}

/* A command at P->pos (the backslash). NULL when it prints nothing. */
static sk_math *parse_command(parser *P)
{
    size_t at = P->pos;
    size_t n = cmd_len(P, at + 1);
    const char *name = P->s + at + 1;
    const char *t;
    P->pos = at + 1 + n;
    if (n == 0) {
        fail(P, at, "a lone \\ at the end of the formula");
        return NULL;
    }
    if (word_in(IGNORED, COUNT(IGNORED), name, n))
        return NULL;
    if ((t = sym_find(OPS, COUNT(OPS), name, n)))
        return node_new(SK_MATH_OP, t, strlen(t));
    if ((t = sym_find(NAMES, COUNT(NAMES), name, n)))
        return node_new(SK_MATH_NAME, t, strlen(t));
    if ((t = sym_find(GREEK, COUNT(GREEK), name, n)))
        return node_new(P->upright ? SK_MATH_NAME : SK_MATH_VAR, t, strlen(t));
    if (word_in(FUNCS, COUNT(FUNCS), name, n))
        return node_new(SK_MATH_NAME, name[0] == 'b' ? "mod" : name, name[0] == 'b' ? 3 : n);
    if ((t = sym_find(NARY, COUNT(NARY), name, n))) {
        sk_math *m = node_new(SK_MATH_NARY, t, strlen(t));
        m->kid[2] = node_new(SK_MATH_ROW, NULL, 0);
        return m;
    }
#define IS(w) (n == sizeof(w) - 1 && !memcmp(name, w, n))
    if (IS("frac") || IS("dfrac") || IS("tfrac")) {
        sk_math *m = node_new(SK_MATH_FRAC, NULL, 0);
        m->kid[0] = parse_arg(P, "\\frac", at);
        if (!P->failed)
            m->kid[1] = parse_arg(P, "\\frac", at);
        return m;
    }
    if (IS("sqrt")) {
        sk_math *m = node_new(SK_MATH_ROOT, NULL, 0);
        skip_space(P);
        if (cur(P) == '[') {
            size_t open = P->pos++;
            sk_math *deg = node_new(SK_MATH_ROW, NULL, 0);
            m->kid[0] = deg;
            if (enter(P))
                parse_items(P, deg, STOP_BRACKET, 0);
            P->depth--;
            if (!P->failed && cur(P) != ']')
                fail(P, open, "this [ is not closed");
            if (P->failed)
                return m;
            P->pos++;
            m->kid[0] = unwrap(deg);
        }
        m->kid[1] = parse_arg(P, "\\sqrt", at);
        return m;
    }
    if (IS("text") || IS("textrm") || IS("mbox") || IS("textbf") || IS("textit") || IS("textsf") ||
        IS("texttt") || IS("textup") || IS("textnormal"))
        return parse_text(P, at);
    if (IS("mathrm") || IS("operatorname") || IS("mathit") || IS("mathbf") || IS("mathsf") || IS("mathtt") ||
        IS("mathup")) {
        int up = P->upright;
        P->upright = !IS("mathit");
        sk_math *m = parse_arg(P, "\\mathrm", at);
        P->upright = up;
        return m;
    }
    if (IS("rm") || IS("bf") || IS("it"))
        return NULL; /* {\rm d}: an old font switch, not printed */
    if (IS("boldsymbol") || IS("bm") || IS("mathcal") || IS("mathscr") || IS("mathfrak") || IS("underline") ||
        IS("mathnormal"))
        return parse_arg(P, "a style command", at); /* the style itself is not printed */
    if (IS("mathbb"))
        return parse_blackboard(P, at);
    if (IS("not"))
        return parse_not(P, at);
    if (IS("tag") || IS("tag*")) {
        /* a number written in the formula: the standard numbers its formulas (9.9) */
        sk_math *m = parse_text(P, at);
        sk_math_free(m);
        return NULL;
    }
    if (IS("left"))
        return parse_fence(P, at);
    if (IS("begin"))
        return parse_env(P, at);
    if (IS("end")) {
        fail(P, at, "\\end without \\begin");
        return NULL;
    }
    if (IS("right")) {
        fail(P, at, "\\right without \\left");
        return NULL;
    }
    for (size_t i = 0; i < COUNT(ACCENTS); i++)
        if (strlen(ACCENTS[i].name) == n && !memcmp(ACCENTS[i].name, name, n)) {
            sk_math *m = node_new(SK_MATH_ACCENT, NULL, 0);
            m->accent = ACCENTS[i].a;
            m->kid[0] = parse_arg(P, "an accent", at);
            return m;
        }
    if (IS("\\")) {
        fail(P, at, "a line break (\\\\) outside \\begin{aligned} (or cases, matrix): write one formula per $$ … $$ or use aligned");
        return NULL;
    }
#undef IS
    fail(P, at, "unknown command \\%.*s (the TeX subset is in stdkit-format(5))", (int)(n > 40 ? 40 : n), name);
    return NULL;
}

/* One atom or structure (without its scripts). NULL when it prints nothing. */
static sk_math *parse_atom(parser *P, int stop)
{
    (void)stop;
    size_t at = P->pos;
    char c = cur(P);
    if (c == '{')
        return parse_group(P);
    if (c == '\\')
        return parse_command(P);
    if (c == '}' || c == ']') {
        /* a ] outside \sqrt[…] is an ordinary bracket */
        if (c == ']') {
            P->pos++;
            return node_new(SK_MATH_OP, "]", 1);
        }
        fail(P, at, "this } closes nothing");
        return NULL;
    }
    if (c == '&') {
        fail(P, at, "an & outside \\begin{aligned} (or cases, matrix)");
        return NULL;
    }
    if (c == '$') {
        fail(P, at, "a $ inside the formula");
        return NULL;
    }
    if (c == '#') {
        fail(P, at, "a # inside the formula (write \\#)");
        return NULL;
    }
    if (is_digit(c) || (c == '.' && P->pos + 1 < P->len && is_digit(P->s[P->pos + 1]))) {
        size_t k = P->pos;
        while (k < P->len && is_digit(P->s[k]))
            k++;
        if (k < P->len && P->s[k] == '.' && k + 1 < P->len && is_digit(P->s[k + 1])) {
            k++;
            while (k < P->len && is_digit(P->s[k]))
                k++;
        }
        sk_math *m = node_new(SK_MATH_NUM, P->s + P->pos, k - P->pos);
        P->pos = k;
        return m;
    }
    if (is_letter(c)) {
        size_t k = P->pos + 1;
        if (P->upright) /* \mathrm{kg}: one upright name */
            while (k < P->len && is_letter(P->s[k]))
                k++;
        sk_math *m = node_new(P->upright ? SK_MATH_NAME : SK_MATH_VAR, P->s + P->pos, k - P->pos);
        P->pos = k;
        return m;
    }
    if ((unsigned char)c < 0x80) {
        if ((unsigned char)c < 0x20 || c == 0x7F) {
            fail(P, at, "control character 0x%02X in the formula", (unsigned)(unsigned char)c);
            return NULL;
        }
        P->pos++;
        if (c == '-')
            return node_new(SK_MATH_OP, "\xE2\x88\x92", 3);
        if (c == '\'')
            return node_new(SK_MATH_OP, "\xE2\x80\xB2", 3);
        return node_new(SK_MATH_OP, &c, 1);
    }
    uint32_t cp;
    int n = sk_utf8_decode(P->s + P->pos, P->len - P->pos, &cp);
    if (n <= 0) {
        fail(P, at, "invalid UTF-8 in the formula");
        return NULL;
    }
    if (cp >= 0x391 && cp <= 0x3FF) {
        P->pos += (size_t)n;
        return node_new(cp >= 0x3B1 ? SK_MATH_VAR : SK_MATH_NAME, P->s + at, (size_t)n);
    }
    if (sk_utf8_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF)) {
        /* a run of 汉字 and full-width punctuation: text */
        size_t k = P->pos;
        while (k < P->len) {
            int m = sk_utf8_decode(P->s + k, P->len - k, &cp);
            if (m <= 0 || !(sk_utf8_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF)))
                break;
            k += (size_t)m;
        }
        sk_math *t = node_new(SK_MATH_TEXT, P->s + P->pos, k - P->pos);
        P->pos = k;
        return t;
    }
    P->pos += (size_t)n;
    if (cp == 0x221E || cp == 0x2202 || cp == 0x2207)
        return node_new(SK_MATH_NAME, P->s + at, (size_t)n);
    if (cp == 0x2211 || cp == 0x220F || cp == 0x2210 || (cp >= 0x222B && cp <= 0x222E)) {
        sk_math *m = node_new(SK_MATH_NARY, P->s + at, (size_t)n);
        m->kid[2] = node_new(SK_MATH_ROW, NULL, 0);
        return m;
    }
    return node_new(SK_MATH_OP, P->s + at, (size_t)n);
}

/* Scripts after a base (^ and _, in either order, once each). */
static sk_math *parse_scripts(parser *P, sk_math *base)
{
    sk_math *sub = NULL, *sup = NULL;
    for (;;) {
        skip_space(P);
        char c = cur(P);
        if (P->failed || (c != '^' && c != '_'))
            break;
        size_t at = P->pos++;
        sk_math **slot = c == '^' ? &sup : &sub;
        sk_math *arg = parse_arg(P, c == '^' ? "^" : "_", at);
        if (*slot) {
            /* "e^{\prime}^{2}" (a double script, as converted text has it): one script of both */
            sk_math *both = node_new(SK_MATH_ROW, NULL, 0);
            row_push(both, *slot);
            row_push(both, arg);
            arg = both;
        }
        *slot = arg;
    }
    if (!sub && !sup)
        return base;
    if (base && base->kind == SK_MATH_NARY && !base->kid[0] && !base->kid[1]) {
        base->kid[0] = sub;
        base->kid[1] = sup;
        return base;
    }
    sk_math *s = node_new(SK_MATH_SCRIPT, NULL, 0);
    s->kid[0] = base ? base : node_new(SK_MATH_ROW, NULL, 0);
    s->kid[1] = sub;
    s->kid[2] = sup;
    return s;
}

/* Items into row up to the end of the row or, for a summand, the next + − = or relation. */
static void parse_items(parser *P, sk_math *row, int stop, int summand)
{
    while (!P->failed) {
        skip_space(P);
        if (at_row_end(P, stop) || (summand && at_summand_end(P)))
            return;
        char c = cur(P);
        sk_math *item = c == '^' || c == '_' ? NULL : parse_atom(P, stop);
        if (!item && !P->failed && c != '^' && c != '_')
            continue; /* spacing */
        item = parse_scripts(P, item);
        row_push(row, item);
        if (item && item->kind == SK_MATH_NARY && !P->failed) {
            if (enter(P))
                parse_items(P, item->kid[2], stop, 1);
            P->depth--;
        }
    }
}

sk_math *sk_math_parse(const char *tex, size_t len, sk_math_err *err)
{
    parser P = { .s = tex ? tex : "", .len = tex ? len : 0, .err = err };
    err->msg[0] = '\0';
    err->off = 0;
    sk_math *row = node_new(SK_MATH_ROW, NULL, 0);
    parse_items(&P, row, STOP_END, 0);
    if (!P.failed && P.pos < P.len)
        fail(&P, P.pos, "unexpected %c", P.s[P.pos]);
    if (P.failed) {
        sk_math_free(row);
        return NULL;
    }
    return row;
}

/* ---------- the walk ---------- */

static void walk(const sk_math *m, const sk_math_sink *s, int announce);

/* A part: present when it has content (an empty group counts as absent). */
static void part(const sk_math *m, sk_math_part p, const sk_math *k, const sk_math_sink *s)
{
    int present = k && !(k->kind == SK_MATH_ROW && k->n == 0);
    s->part(s->ctx, m, p, present, 1);
    if (present)
        walk(k, s, 0);
    s->part(s->ctx, m, p, present, 0);
}

static void walk(const sk_math *m, const sk_math_sink *s, int announce)
{
    switch (m->kind) {
    case SK_MATH_ROW:
        if (announce)
            s->begin(s->ctx, m);
        for (size_t i = 0; i < m->n; i++)
            walk(m->row[i], s, 1);
        if (announce)
            s->end(s->ctx, m);
        return;
    case SK_MATH_VAR:
    case SK_MATH_NAME:
    case SK_MATH_NUM:
    case SK_MATH_OP:
    case SK_MATH_TEXT:
        s->atom(s->ctx, m);
        return;
    default:
        break;
    }
    s->begin(s->ctx, m);
    switch (m->kind) {
    case SK_MATH_FRAC:
        part(m, SK_MP_NUM, m->kid[0], s);
        part(m, SK_MP_DEN, m->kid[1], s);
        break;
    case SK_MATH_SCRIPT:
        part(m, SK_MP_BASE, m->kid[0], s);
        part(m, SK_MP_SUB, m->kid[1], s);
        part(m, SK_MP_SUP, m->kid[2], s);
        break;
    case SK_MATH_ROOT:
        if (!s->degree_last)
            part(m, SK_MP_DEGREE, m->kid[0], s);
        part(m, SK_MP_RADICAND, m->kid[1], s);
        if (s->degree_last)
            part(m, SK_MP_DEGREE, m->kid[0], s);
        break;
    case SK_MATH_NARY:
        part(m, SK_MP_LOWER, m->kid[0], s);
        part(m, SK_MP_UPPER, m->kid[1], s);
        part(m, SK_MP_BODY, m->kid[2], s);
        break;
    case SK_MATH_ARRAY:
        for (size_t r = 0; r < m->n; r++) {
            s->part(s->ctx, m, SK_MP_ROW, 1, 1);
            for (size_t c = 0; c < m->ncols; c++)
                part(m, SK_MP_CELL, c < m->row[r]->n ? m->row[r]->row[c] : NULL, s);
            s->part(s->ctx, m, SK_MP_ROW, 1, 0);
        }
        break;
    default: /* FENCE, ACCENT */
        part(m, SK_MP_INNER, m->kid[0], s);
        break;
    }
    s->end(s->ctx, m);
}

const sk_math *sk_math_part_of(const sk_math *m, sk_math_part p)
{
    static const int slot[] = { [SK_MP_NUM] = 0, [SK_MP_DEN] = 1, [SK_MP_BASE] = 0, [SK_MP_SUB] = 1,
                                [SK_MP_SUP] = 2, [SK_MP_DEGREE] = 0, [SK_MP_RADICAND] = 1, [SK_MP_LOWER] = 0,
                                [SK_MP_UPPER] = 1, [SK_MP_BODY] = 2, [SK_MP_INNER] = 0 };
    return m && (unsigned)p < sizeof slot / sizeof slot[0] ? m->kid[slot[p]] : NULL;
}

void sk_math_walk(const sk_math *m, const sk_math_sink *s)
{
    if (m)
        walk(m, s, 0);
}

/* ---------- StarMath ---------- */

/* The StarMath writer's state: the text, and for each array being written (they nest)
 * whether it has had a row, and its row a cell, so the separators go between them. */
typedef struct sm {
    sk_buf b;
    int rows[SK_MATH_MAX_DEPTH + 2], cells[SK_MATH_MAX_DEPTH + 2];
    int depth;
} sm;

static void sm_quoted(sk_buf *b, const char *t)
{
    sk_buf_putc(b, '"');
    for (; *t; t++) {
        if (*t == '"' || *t == '\\')
            sk_buf_putc(b, '\\');
        sk_buf_putc(b, *t);
    }
    sk_buf_puts(b, "\" ");
}

static void sm_atom(void *ctx, const sk_math *m)
{
    sk_buf *b = &((sm *)ctx)->b;
    static const sym ops[] = {
        { "+", "+" },  { "\xE2\x88\x92", "-" }, { "=", "=" }, { "<", "<" }, { ">", ">" }, { "/", "/" },
        { "\xC3\x97", "times" }, { "\xE2\x8B\x85", "cdot" }, { "\xC2\xB7", "cdot" }, { "\xC3\xB7", "div" },
        { "\xC2\xB1", "+-" }, { "\xE2\x88\x93", "-+" }, { "\xE2\x89\xA4", "<=" }, { "\xE2\x89\xA5", ">=" },
        { "\xE2\x89\xA0", "<>" }, { "\xE2\x89\x88", "approx" }, { "\xE2\x89\xA1", "equiv" },
        { "\xE2\x88\xBC", "sim" }, { "\xE2\x88\x9D", "prop" }, { "\xE2\x89\xAA", "<<" }, { "\xE2\x89\xAB", ">>" },
        { "\xE2\x86\x92", "toward" }, { "\xE2\x87\x92", "drarrow" }, { "\xE2\x87\x94", "dlrarrow" },
        { "\xE2\x88\x88", "in" }, { "\xE2\x88\x89", "notin" }, { "\xE2\x8A\x82", "subset" },
        { "\xE2\x8A\x86", "subseteq" }, { "\xE2\x88\xAA", "union" }, { "\xE2\x88\xA9", "intersection" },
        { "\xE2\x8B\xAF", "dotsaxis" }, { "\xE2\x80\xA6", "dotslow" }, { "\xE2\x88\x98", "circ" },
        { "\xE2\x88\x80", "forall" }, { "\xE2\x88\x83", "exists" }, { "\xE2\x8A\xA5", "ortho" },
        { "\xE2\x88\xA5", "parallel" }, { "(", "\\(" }, { ")", "\\)" }, { "[", "\\[" }, { "]", "\\]" },
        { "{", "\\{" }, { "}", "\\}" }, { "\xE2\x9F\xA8", "\\langle" }, { "\xE2\x9F\xA9", "\\rangle" },
        { "\xE2\x88\x9E", "infinity" }, { "\xE2\x88\x82", "partial" }, { "\xE2\x88\x87", "nabla" },
    };
    const char *t = m->text ? m->text : "";
    const char *k = m->kind == SK_MATH_OP || m->kind == SK_MATH_NAME ? sym_find(ops, COUNT(ops), t, strlen(t)) : NULL;
    if (k) {
        sk_buf_puts(b, k);
        sk_buf_putc(b, ' ');
    } else if (m->kind == SK_MATH_NUM || m->kind == SK_MATH_VAR) {
        sk_buf_puts(b, t); /* a letter (Greek too) is an italic variable, digits a number */
        sk_buf_putc(b, ' ');
    } else {
        sm_quoted(b, t);
    }
}

/* StarMath's word for a delimiter after left or right. */
static const char *sm_delim(const char *d, int left)
{
    static const struct { const char *d, *l, *r; } t[] = {
        { "(", "(", "(" }, { ")", ")", ")" }, { "[", "[", "[" }, { "]", "]", "]" }, { "{", "lbrace", "lbrace" },
        { "}", "rbrace", "rbrace" }, { "|", "lline", "rline" }, { "\xE2\x80\x96", "ldline", "rdline" },
        { "\xE2\x9F\xA8", "langle", "langle" }, { "\xE2\x9F\xA9", "rangle", "rangle" },
    };
    for (size_t i = 0; i < COUNT(t); i++)
        if (!strcmp(d, t[i].d))
            return left ? t[i].l : t[i].r;
    return "none";
}

static void sm_begin(void *ctx, const sk_math *m)
{
    sm *S = ctx;
    sk_buf *b = &S->b;
    switch (m->kind) {
    case SK_MATH_ARRAY:
        if (S->depth < SK_MATH_MAX_DEPTH + 1)
            S->depth++;
        S->rows[S->depth] = S->cells[S->depth] = 0;
        sk_buf_puts(b, "{ matrix{ ");
        break;
    case SK_MATH_ROW:
    case SK_MATH_FRAC:
    case SK_MATH_SCRIPT:
        sk_buf_puts(b, "{ ");
        break;
    case SK_MATH_ROOT:
        sk_buf_puts(b, m->kid[0] ? "{ nroot " : "{ sqrt ");
        break;
    case SK_MATH_NARY: {
        static const sym words[] = { { "\xE2\x88\x91", "sum" }, { "\xE2\x88\x8F", "prod" },
                                     { "\xE2\x88\x90", "coprod" }, { "\xE2\x88\xAB", "int" },
                                     { "\xE2\x88\xAC", "iint" }, { "\xE2\x88\xAD", "iiint" },
                                     { "\xE2\x88\xAE", "lint" } };
        const char *w = sym_find(words, COUNT(words), m->text, strlen(m->text));
        sk_buf_printf(b, "{ %s ", w ? w : "sum");
        break;
    }
    case SK_MATH_FENCE:
        sk_buf_printf(b, "{ left %s ", sm_delim(m->open, 1));
        break;
    case SK_MATH_ACCENT:
        sk_buf_printf(b, "{ %s ", sk_math_accent_get(m->accent)->starmath);
        break;
    default:
        break;
    }
}

static void sm_part(void *ctx, const sk_math *m, sk_math_part p, int present, int start)
{
    sm *S = ctx;
    sk_buf *b = &S->b;
    if (p == SK_MP_ROW) { /* rows apart by ##, cells by # */
        if (start && S->rows[S->depth]++)
            sk_buf_puts(b, "## ");
        S->cells[S->depth] = 0;
        return;
    }
    if (p == SK_MP_CELL && start) {
        int al = sk_math_array_align(m, (size_t)S->cells[S->depth]);
        if (S->cells[S->depth]++)
            sk_buf_puts(b, "# ");
        sk_buf_puts(b, al < 0 ? "alignl " : al > 0 ? "alignr " : "");
    }
    if (!present && (m->kind == SK_MATH_SCRIPT || m->kind == SK_MATH_ROOT || m->kind == SK_MATH_NARY) &&
        p != SK_MP_BASE && p != SK_MP_BODY)
        return;
    if (!start) {
        sk_buf_puts(b, "} ");
        return;
    }
    switch (p) {
    case SK_MP_DEN: sk_buf_puts(b, "over "); break;
    case SK_MP_SUB: sk_buf_puts(b, "_ "); break;
    case SK_MP_SUP: sk_buf_puts(b, "^ "); break;
    case SK_MP_LOWER: sk_buf_puts(b, "from "); break;
    case SK_MP_UPPER: sk_buf_puts(b, "to "); break;
    default: break;
    }
    /* an empty part is an empty group: LibreOffice prints "{}" as nothing only with a space in it */
    sk_buf_puts(b, present ? "{ " : "{ \"\" ");
}

static void sm_end(void *ctx, const sk_math *m)
{
    sm *S = ctx;
    sk_buf *b = &S->b;
    if (m->kind == SK_MATH_ARRAY) {
        sk_buf_puts(b, "} ");
        if (S->depth > 0)
            S->depth--;
    }
    if (m->kind == SK_MATH_FENCE)
        sk_buf_printf(b, "right %s ", sm_delim(m->close, 0));
    sk_buf_puts(b, "} ");
}

char *sk_math_starmath(const sk_math *m)
{
    sm S = { .depth = 0 };
    sk_buf_init(&S.b);
    sk_math_sink s = { .ctx = &S, .atom = sm_atom, .begin = sm_begin, .part = sm_part, .end = sm_end };
    sk_math_walk(m, &s);
    while (S.b.len && S.b.data[S.b.len - 1] == ' ')
        S.b.data[--S.b.len] = '\0';
    return sk_buf_detach(&S.b);
}
