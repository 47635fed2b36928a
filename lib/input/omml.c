#include "input/omml.h"

#include "base/libxml.h"
#include <stdlib.h>
#include <string.h>

/* OMML elements are matched by local name in the m: namespace (either edition). */
static int is_m(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
        return 0;
    return n->ns && n->ns->href && strstr((const char *)n->ns->href, "math");
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (is_m(k, name))
            return k;
    return NULL;
}

/* m:val of a property element (any namespace prefix). */
static const char *val(const xmlNode *n)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, "val") && a->children && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static const char *prop_val(const xmlNode *n, const char *pr, const char *name)
{
    const xmlNode *p = child(n, pr);
    const xmlNode *k = child(p, name);
    return k ? (val(k) ? val(k) : "") : NULL;
}

typedef struct tex {
    sk_buf *b;
    int *lost;
} tex;

static void kids(tex *T, const xmlNode *n, int depth);

/* Characters that TeX reads as syntax. */
static void put_escaped_char(sk_buf *b, const char *s, size_t len)
{
    static const struct { const char *u, *t; } map[] = {
        { "\xE2\x88\x92", "-" }, { "\xE2\x80\xB2", "'" }, { "\xE2\x80\x96", "\\Vert " },
        { "\xE2\x9F\xA8", "\\langle " }, { "\xE2\x9F\xA9", "\\rangle " }, { "\xE2\x88\x97", "\\ast " },
    };
    if (len == 1) {
        char c = s[0];
        if (strchr("%#&{}_$", c)) {
            sk_buf_putc(b, '\\');
            sk_buf_putc(b, c);
            return;
        }
        if (c == '\\') {
            sk_buf_puts(b, "\\backslash ");
            return;
        }
        if (c == '^') {
            sk_buf_puts(b, "\\hat{}");
            return;
        }
        if (c == '~') {
            sk_buf_puts(b, "\\sim ");
            return;
        }
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].u) == len && !memcmp(map[i].u, s, len)) {
            sk_buf_puts(b, map[i].t);
            return;
        }
    sk_buf_put(b, s, len);
}

static int is_func_name(const char *t)
{
    static const char *const f[] = { "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
                                     "sinh", "cosh", "tanh", "log", "lg", "ln", "exp", "lim", "max", "min",
                                     "sup", "inf", "det", "dim", "arg", "gcd", "deg", "mod", "bmod" };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (!strcmp(f[i], t))
            return 1;
    return 0;
}

/* Capital Greek and upright symbols are upright by themselves: a normal-text run of
 * one such character is written as it is. */
static int upright_symbol(const char *t)
{
    const unsigned char *u = (const unsigned char *)t;
    if (u[0] == 0xCE && u[1] >= 0x91 && u[1] <= 0xA9 && !u[2])
        return 1;
    return !strcmp(t, "\xE2\x88\x9E") || !strcmp(t, "\xE2\x88\x82") || !strcmp(t, "\xE2\x88\x87");
}

static int plain_ascii_word(const char *t)
{
    if (!*t)
        return 0;
    for (const char *p = t; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

static void run(tex *T, const xmlNode *r)
{
    sk_buf t;
    sk_buf_init(&t);
    for (const xmlNode *k = r->children; k; k = k->next)
        if (is_m(k, "t"))
            for (const xmlNode *c = k->children; c; c = c->next)
                if (c->type == XML_TEXT_NODE && c->content)
                    sk_buf_puts(&t, (const char *)c->content);
    const xmlNode *pr = child(r, "rPr");
    int nor = pr && child(pr, "nor");
    const char *sty = prop_val(r, "rPr", "sty");
    if (sty && !strcmp(sty, "p") && t.len > 1)
        nor = 1;
    const char *s = t.data ? t.data : "";
    if (nor) {
        if (!*s) {
            /* an empty base or operand: nothing to write */
        } else if (is_func_name(s)) {
            sk_buf_printf(T->b, "\\%s ", s);
        } else if (upright_symbol(s)) {
            sk_buf_puts(T->b, s);
        } else if (plain_ascii_word(s)) {
            sk_buf_printf(T->b, "\\mathrm{%s}", s);
        } else {
            sk_buf_puts(T->b, "\\text{");
            for (const char *p = s; *p; p++) {
                if (strchr("{}\\", *p))
                    sk_buf_putc(T->b, '\\');
                sk_buf_putc(T->b, *p);
            }
            sk_buf_putc(T->b, '}');
        }
    } else {
        for (const char *p = s; *p;) {
            uint32_t cp;
            size_t n = (size_t)sk_utf8_decode(p, strlen(p), &cp);
            if (!n)
                n = 1;
            put_escaped_char(T->b, p, n);
            p += n;
        }
    }
    sk_buf_free(&t);
}

/* A part in braces. */
static void braced(tex *T, const xmlNode *part, int depth)
{
    sk_buf_putc(T->b, '{');
    if (part)
        kids(T, part, depth + 1);
    sk_buf_putc(T->b, '}');
}

/* The base of a script: braced unless it is one token (a letter, a command). */
static void base(tex *T, const xmlNode *e, int depth)
{
    sk_buf tmp;
    sk_buf_init(&tmp);
    tex U = { &tmp, T->lost };
    if (e)
        kids(&U, e, depth + 1);
    const char *s = tmp.data ? tmp.data : "";
    size_t L = strlen(s);
    uint32_t cp;
    int single = L && (size_t)sk_utf8_decode(s, L, &cp) == L;
    if (!single && s[0] == '\\') {
        size_t k = 1;
        while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))
            k++;
        single = k > 1 && (!s[k] || (s[k] == ' ' && !s[k + 1]));
    }
    if (!*s)
        sk_buf_puts(T->b, "{}");
    else if (single)
        sk_buf_puts(T->b, s);
    else
        sk_buf_printf(T->b, "{%s}", s);
    sk_buf_free(&tmp);
}

static const char *delim(const char *c, int open)
{
    if (!c)
        return open ? "(" : ")";
    if (!*c)
        return ".";
    if (!strcmp(c, "{"))
        return "\\{";
    if (!strcmp(c, "}"))
        return "\\}";
    if (!strcmp(c, "\xE2\x80\x96"))
        return "\\|";
    if (!strcmp(c, "\xE2\x9F\xA8") || !strcmp(c, "\xE2\x8C\xA9"))
        return "\\langle";
    if (!strcmp(c, "\xE2\x9F\xA9") || !strcmp(c, "\xE2\x8C\xAA"))
        return "\\rangle";
    return c;
}

/* An m:m as an environment: its rows and cells; env names it. */
static void matrix(tex *T, const xmlNode *m, const char *env, int depth)
{
    sk_buf_printf(T->b, "\\begin{%s}", env);
    int first_row = 1;
    for (const xmlNode *r = m->children; r; r = r->next) {
        if (!is_m(r, "mr"))
            continue;
        if (!first_row)
            sk_buf_puts(T->b, " \\\\ ");
        first_row = 0;
        int first = 1;
        for (const xmlNode *e = r->children; e; e = e->next) {
            if (!is_m(e, "e"))
                continue;
            if (!first)
                sk_buf_puts(T->b, " & ");
            first = 0;
            kids(T, e, depth + 1);
        }
    }
    sk_buf_printf(T->b, "\\end{%s}", env);
}

/* The environment a bare m:m stands for, from its columns' alignment. */
static const char *matrix_env(const xmlNode *m)
{
    const xmlNode *mcs = child(child(m, "mPr"), "mcs");
    int n = 0, aligned = 1, left = 1;
    for (const xmlNode *mc = mcs ? mcs->children : NULL; mc; mc = mc->next) {
        if (!is_m(mc, "mc"))
            continue;
        const char *jc = prop_val(mc, "mcPr", "mcJc");
        jc = jc ? jc : "center";
        if (strcmp(jc, n % 2 ? "left" : "right"))
            aligned = 0;
        if (strcmp(jc, "left"))
            left = 0;
        n++;
    }
    if (n && aligned)
        return "aligned";
    if (n && left)
        return "cases";
    return "matrix";
}

static const xmlNode *only_child_elem(const xmlNode *n)
{
    const xmlNode *one = NULL;
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (one)
            return NULL;
        one = k;
    }
    return one;
}

static void fence(tex *T, const xmlNode *d, int depth)
{
    const char *beg = prop_val(d, "dPr", "begChr"), *end = prop_val(d, "dPr", "endChr");
    const char *sep = prop_val(d, "dPr", "sepChr");
    int ne = 0;
    const xmlNode *e1 = NULL;
    for (const xmlNode *k = d->children; k; k = k->next)
        if (is_m(k, "e")) {
            if (!ne)
                e1 = k;
            ne++;
        }
    const xmlNode *m = ne == 1 ? only_child_elem(e1) : NULL;
    if (m && is_m(m, "m")) {
        const char *b = beg ? beg : "(", *c = end ? end : ")";
        const char *env = !strcmp(b, "{") && !*c ? "cases"
                          : !strcmp(b, "(") && !strcmp(c, ")") ? "pmatrix"
                          : !strcmp(b, "[") && !strcmp(c, "]") ? "bmatrix"
                          : !strcmp(b, "|") && !strcmp(c, "|") ? "vmatrix"
                                                               : NULL;
        if (env) {
            matrix(T, m, env, depth);
            return;
        }
    }
    sk_buf_printf(T->b, "\\left%s ", delim(beg, 1));
    int first = 1;
    for (const xmlNode *k = d->children; k; k = k->next) {
        if (!is_m(k, "e"))
            continue;
        if (!first) {
            const char *s = sep ? sep : "|";
            sk_buf_puts(T->b, !strcmp(s, "|") ? "\\mid " : s);
        }
        first = 0;
        kids(T, k, depth + 1);
    }
    sk_buf_printf(T->b, " \\right%s ", delim(end, 0));
}

static void nary(tex *T, const xmlNode *n, int depth)
{
    static const struct { const char *c, *t; } ops[] = {
        { "\xE2\x88\x91", "sum" },  { "\xE2\x88\x8F", "prod" }, { "\xE2\x88\x90", "coprod" },
        { "\xE2\x88\xAB", "int" },  { "\xE2\x88\xAC", "iint" }, { "\xE2\x88\xAD", "iiint" },
        { "\xE2\x88\xAE", "oint" },
    };
    const char *chr = prop_val(n, "naryPr", "chr");
    const char *name = NULL;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(ops[i].c, chr ? chr : "\xE2\x88\xAB"))
            name = ops[i].t;
    if (name) {
        sk_buf_printf(T->b, "\\%s", name);
    } else {
        sk_buf_puts(T->b, chr);
        (*T->lost)++;
    }
    const char *subhide = prop_val(n, "naryPr", "subHide"), *suphide = prop_val(n, "naryPr", "supHide");
    const xmlNode *sub = child(n, "sub"), *sup = child(n, "sup");
    if (sub && !(subhide && strcmp(subhide, "0") && strcmp(subhide, "off")) && sub->children) {
        sk_buf_putc(T->b, '_');
        braced(T, sub, depth);
    }
    if (sup && !(suphide && strcmp(suphide, "0") && strcmp(suphide, "off")) && sup->children) {
        sk_buf_putc(T->b, '^');
        braced(T, sup, depth);
    }
    sk_buf_putc(T->b, ' ');
    const xmlNode *e = child(n, "e");
    if (e)
        kids(T, e, depth + 1);
}

static void accent(tex *T, const xmlNode *n, int depth)
{
    static const struct { const char *c, *t; } acc[] = {
        { "\xCC\x84", "bar" },  { "\xCC\x85", "overline" }, { "\xCC\x82", "hat" }, { "\xCC\x83", "tilde" },
        { "\xCC\x87", "dot" },  { "\xCC\x88", "ddot" },     { "\xE2\x83\x97", "vec" }, { "\xC2\xAF", "bar" },
        { "^", "hat" },         { "~", "tilde" },           { "\xE2\x86\x92", "vec" }, { "\xCB\x99", "dot" },
        { "\xC2\xA8", "ddot" },
    };
    const char *chr = prop_val(n, "accPr", "chr");
    const char *name = NULL;
    for (size_t i = 0; i < sizeof acc / sizeof acc[0]; i++)
        if (!strcmp(acc[i].c, chr ? chr : "\xCC\x82"))
            name = acc[i].t;
    if (!name) {
        name = "hat";
        (*T->lost)++;
    }
    sk_buf_printf(T->b, "\\%s", name);
    braced(T, child(n, "e"), depth);
}

static void element(tex *T, const xmlNode *n, int depth)
{
    if (depth > SK_OMML_MAX_DEPTH) {
        (*T->lost)++;
        return;
    }
    const char *nm = (const char *)n->name;
    if (is_m(n, "r")) {
        run(T, n);
    } else if (is_m(n, "f")) {
        sk_buf_puts(T->b, "\\frac");
        braced(T, child(n, "num"), depth);
        braced(T, child(n, "den"), depth);
    } else if (is_m(n, "sSub") || is_m(n, "sSup") || is_m(n, "sSubSup")) {
        base(T, child(n, "e"), depth);
        if (child(n, "sub")) {
            sk_buf_putc(T->b, '_');
            braced(T, child(n, "sub"), depth);
        }
        if (child(n, "sup")) {
            sk_buf_putc(T->b, '^');
            braced(T, child(n, "sup"), depth);
        }
    } else if (is_m(n, "sPre")) {
        sk_buf_puts(T->b, "{}");
        if (child(n, "sub")) {
            sk_buf_putc(T->b, '_');
            braced(T, child(n, "sub"), depth);
        }
        if (child(n, "sup")) {
            sk_buf_putc(T->b, '^');
            braced(T, child(n, "sup"), depth);
        }
        base(T, child(n, "e"), depth);
    } else if (is_m(n, "rad")) {
        const char *hide = prop_val(n, "radPr", "degHide");
        const xmlNode *deg = child(n, "deg");
        int hidden = (hide && strcmp(hide, "0") && strcmp(hide, "off")) || !deg || !deg->children;
        sk_buf_puts(T->b, "\\sqrt");
        if (!hidden) {
            sk_buf_putc(T->b, '[');
            kids(T, deg, depth + 1);
            sk_buf_putc(T->b, ']');
        }
        braced(T, child(n, "e"), depth);
    } else if (is_m(n, "nary")) {
        nary(T, n, depth);
    } else if (is_m(n, "d")) {
        fence(T, n, depth);
    } else if (is_m(n, "acc")) {
        accent(T, n, depth);
    } else if (is_m(n, "bar")) {
        sk_buf_puts(T->b, "\\overline");
        braced(T, child(n, "e"), depth);
    } else if (is_m(n, "m")) {
        matrix(T, n, matrix_env(n), depth);
    } else if (is_m(n, "eqArr")) {
        sk_buf_puts(T->b, "\\begin{aligned}");
        int first = 1;
        for (const xmlNode *e = n->children; e; e = e->next) {
            if (!is_m(e, "e"))
                continue;
            if (!first)
                sk_buf_puts(T->b, " \\\\ ");
            first = 0;
            kids(T, e, depth + 1);
        }
        sk_buf_puts(T->b, "\\end{aligned}");
    } else if (is_m(n, "func")) {
        sk_buf tmp;
        sk_buf_init(&tmp);
        tex U = { &tmp, T->lost };
        const xmlNode *fn = child(n, "fName");
        if (fn)
            kids(&U, fn, depth + 1);
        sk_buf_puts(T->b, tmp.data ? tmp.data : "");
        sk_buf_free(&tmp);
        sk_buf_putc(T->b, ' ');
        const xmlNode *e = child(n, "e");
        if (e)
            kids(T, e, depth + 1);
    } else if (is_m(n, "limLow") || is_m(n, "limUpp")) {
        base(T, child(n, "e"), depth);
        sk_buf_putc(T->b, is_m(n, "limLow") ? '_' : '^');
        braced(T, child(n, "lim"), depth);
    } else if (is_m(n, "oMath") || is_m(n, "oMathPara") || is_m(n, "e") || is_m(n, "box") ||
               is_m(n, "borderBox") || is_m(n, "phant") || is_m(n, "groupChr")) {
        if (is_m(n, "groupChr") || is_m(n, "borderBox") || is_m(n, "phant"))
            (*T->lost)++;
        kids(T, n, depth + 1);
    } else if (!strcmp(nm, "rPr") || strstr(nm, "Pr") == nm + strlen(nm) - 2 || !strcmp(nm, "ctrlPr")) {
        /* properties */
    } else if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && strstr((const char *)n->ns->href, "math")) {
        (*T->lost)++;
        kids(T, n, depth + 1);
    } else if (n->type == XML_ELEMENT_NODE) {
        /* w:r inside m:oMath (text in a formula run of Word's) */
        for (const xmlNode *k = n->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, "t"))
                for (const xmlNode *c = k->children; c; c = c->next)
                    if (c->type == XML_TEXT_NODE && c->content)
                        sk_buf_printf(T->b, "\\text{%s}", (const char *)c->content);
    }
}

static void kids(tex *T, const xmlNode *n, int depth)
{
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            element(T, k, depth);
}

void sk_omml_tex(sk_buf *b, const void *node, int *lost)
{
    int dummy = 0;
    tex T = { b, lost ? lost : &dummy };
    element(&T, node, 0);
    /* trim trailing spaces */
    while (b->len && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
}
