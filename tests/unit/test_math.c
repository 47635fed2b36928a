/* texmath: the TeX subset parsed into a tree (shapes, error offsets, the depth limit),
 * the StarMath text, and the tree as the writers print it (OMML in DOCX, MathML in the
 * ODT's formula objects), pinned with XPath; the model's formulas (syntax, numbers only
 * when cited, 式中 entries) and their diagnostics. */
#include "model/display.h"
#include "helpers.h"
#include "layout/labels.h"

#include "check/check.h"
#include "write/docx.h"
#include "write/odt.h"
#include "text/math.h"
#include "xpath.h"

/* ---------- the tree as an S-expression ---------- */

static void dump(sk_buf *b, const sk_math *m)
{
    static const char *const kinds[] = { "row", "var", "name", "num", "op", "text", "frac",
                                         "script", "root", "nary", "fence", "accent", "array" };
    if (!m) {
        sk_buf_puts(b, "_");
        return;
    }
    sk_buf_printf(b, "(%s", kinds[m->kind]);
    if (m->text)
        sk_buf_printf(b, " %s", m->text);
    if (m->kind == SK_MATH_FENCE)
        sk_buf_printf(b, " '%s' '%s'", m->open, m->close);
    if (m->kind == SK_MATH_ACCENT)
        sk_buf_printf(b, " %s", sk_math_accent_get(m->accent)->starmath);
    for (size_t i = 0; i < m->n; i++) {
        sk_buf_putc(b, ' ');
        dump(b, m->row[i]);
    }
    int kids = m->kind == SK_MATH_FRAC || m->kind == SK_MATH_ROOT ? 2
               : m->kind == SK_MATH_SCRIPT || m->kind == SK_MATH_NARY ? 3
               : m->kind == SK_MATH_FENCE || m->kind == SK_MATH_ACCENT ? 1
                                                                       : 0;
    for (int i = 0; i < kids; i++) {
        sk_buf_putc(b, ' ');
        dump(b, m->kid[i]);
    }
    sk_buf_putc(b, ')');
}

/* The tree of tex as text ("" with the error message when it does not parse). */
static char *tree(const char *tex, sk_math_err *err)
{
    sk_math *m = sk_math_parse(tex, strlen(tex), err);
    if (!m)
        return NULL;
    sk_buf b;
    sk_buf_init(&b);
    dump(&b, m);
    sk_math_free(m);
    return sk_buf_detach(&b);
}

#define assert_tree(tex, want)                                                                                 \
    do {                                                                                                       \
        sk_math_err e_;                                                                                        \
        char *got_ = tree(tex, &e_);                                                                           \
        if (!got_)                                                                                             \
            fail_msg("%s: %s", tex, e_.msg);                                                                   \
        assert_string_equal(got_, want);                                                                       \
        free(got_);                                                                                            \
    } while (0)

#define assert_error(tex, at, words)                                                                           \
    do {                                                                                                       \
        sk_math_err e_;                                                                                        \
        char *got_ = tree(tex, &e_);                                                                           \
        if (got_)                                                                                              \
            fail_msg("%s parsed: %s", tex, got_);                                                              \
        assert_int_equal((int)e_.off, at);                                                                     \
        if (!strstr(e_.msg, words))                                                                            \
            fail_msg("%s: message \"%s\" lacks \"%s\"", tex, e_.msg, words);                                   \
    } while (0)

static void test_atoms(void **state)
{
    (void)state;
    assert_tree("x", "(row (var x))");
    assert_tree("ab", "(row (var a) (var b))");
    assert_tree("3.14 + 2", "(row (num 3.14) (op +) (num 2))");
    assert_tree("a-b", "(row (var a) (op \xE2\x88\x92) (var b))"); /* a minus sign, not a hyphen */
    assert_tree("\\alpha \\Omega \\varphi", "(row (var \xCE\xB1) (name \xCE\xA9) (var \xCF\x86))");
    assert_tree("a \\times b \\cdot c \\leq d \\neq e \\approx f \\pm g",
                "(row (var a) (op \xC3\x97) (var b) (op \xE2\x8B\x85) (var c) (op \xE2\x89\xA4) (var d) "
                "(op \xE2\x89\xA0) (var e) (op \xE2\x89\x88) (var f) (op \xC2\xB1) (var g))");
    assert_tree("\\infty \\partial", "(row (name \xE2\x88\x9E) (name \xE2\x88\x82))");
    assert_tree("\\mathrm{kg} \\mathrm d x", "(row (name kg) (name d) (var x))");
    assert_tree("\\text{质量 m}", "(row (text 质量 m))");
    assert_tree("\\sin x", "(row (name sin) (var x))");
    assert_tree("质量分数", "(row (text 质量分数))");
    assert_tree("\xCE\xB1 \xC3\x97 2", "(row (var \xCE\xB1) (op \xC3\x97) (num 2))"); /* written as characters */
    /* spacing, \displaystyle, comments print nothing */
    assert_tree("a \\, b \\quad c~d % comment\n e", "(row (var a) (var b) (var c) (var d) (var e))");
    assert_tree("\\displaystyle x", "(row (var x))");
    assert_tree("", "(row)");
}

static void test_structures(void **state)
{
    (void)state;
    assert_tree("\\frac{a+b}{c}", "(row (frac (row (var a) (op +) (var b)) (var c)))");
    assert_tree("\\frac12", "(row (frac (num 1) (num 2)))");
    assert_tree("x^2", "(row (script (var x) _ (num 2)))");
    assert_tree("x^23", "(row (script (var x) _ (num 2)) (num 3))"); /* as in TeX: one token */
    assert_tree("x_i^{n+1}", "(row (script (var x) (var i) (row (var n) (op +) (num 1))))");
    assert_tree("x^{n}_{i}", "(row (script (var x) (var i) (var n)))");
    assert_tree("{}^{14}C", "(row (script (row) _ (num 14)) (var C))");
    assert_tree("\\sqrt{x}", "(row (root _ (var x)))");
    assert_tree("\\sqrt[3]{x+1}", "(row (root (num 3) (row (var x) (op +) (num 1))))");
    assert_tree("\\left( \\frac{a}{b} \\right)", "(row (fence '(' ')' (frac (var a) (var b))))");
    assert_tree("\\left\\{ x \\right.", "(row (fence '{' '' (var x)))");
    assert_tree("\\bar{x} + \\overline{AB}", "(row (accent bar (var x)) (op +) (accent overline (row (var A) (var B))))");
    /* a sum takes its summand up to the next + − = or relation */
    assert_tree("\\sum_{i=1}^{n} x_i y + 1",
                "(row (nary \xE2\x88\x91 (row (var i) (op =) (num 1)) (var n) (row (script (var x) (var i) _) "
                "(var y))) (op +) (num 1))");
    assert_tree("\\int_0^1 f(x) \\mathrm{d}x = 1",
                "(row (nary \xE2\x88\xAB (num 0) (num 1) (row (var f) (op () (var x) (op )) (name d) (var x))) "
                "(op =) (num 1))");
    assert_tree("\\prod x", "(row (nary \xE2\x88\x8F _ _ (row (var x))))");
}

/* Rows and columns: cells by &, rows by \\; cases in a brace, matrices in their
 * brackets; a cell of aligned that starts with a relation gets an empty operand; a \\
 * before \end makes no row. */
static void test_arrays(void **state)
{
    (void)state;
    assert_tree("f = \\begin{cases} a, & x > 0 \\\\ b, & x \\leq 0 \\end{cases}",
                "(row (var f) (op =) (fence '{' '' (array cases (row (row (var a) (op ,)) (row (var x) (op >) (num 0))) "
                "(row (row (var b) (op ,)) (row (var x) (op \xE2\x89\xA4) (num 0))))))");
    assert_tree("\\begin{aligned} a &= b \\\\ &= c \\\\ \\end{aligned}",
                "(row (array aligned (row (row (var a)) (row (text ) (op =) (var b))) (row (row) (row (text ) (op =) (var c)))))");
    assert_tree("\\begin{pmatrix} 1 & 0 \\\\ 0 \\end{pmatrix}",
                "(row (fence '(' ')' (array pmatrix (row (row (num 1)) (row (num 0))) (row (row (num 0))))))");
    assert_tree("\\begin{vmatrix} a \\end{vmatrix}", "(row (fence '|' '|' (array vmatrix (row (row (var a))))))");
    /* a matrix in a cell; a fraction across & is an error */
    assert_tree("\\begin{matrix} \\begin{bmatrix} x \\end{bmatrix} \\end{matrix}",
                "(row (array matrix (row (row (fence '[' ']' (array bmatrix (row (row (var x)))))))))");
    sk_math_err e;
    const char *al = "\\begin{aligned} a & b \\\\ c \\end{aligned}";
    sk_math *m = sk_math_parse(al, strlen(al), &e);
    assert_non_null(m);
    assert_int_equal((int)m->row[0]->ncols, 2);
    assert_int_equal(sk_math_array_align(m->row[0], 0), 1);
    assert_int_equal(sk_math_array_align(m->row[0], 1), -1);
    sk_math_free(m);
}

static void test_errors_have_offsets(void **state)
{
    (void)state;
    assert_error("a + \\foo{b}", 4, "unknown command \\foo");
    assert_error("\\frac{a}", 0, "\\frac needs an argument");
    assert_error("x^", 1, "^ needs an argument");
    assert_error("{a + b", 0, "not closed");
    assert_error("a}", 1, "closes nothing");
    assert_error("\\left( a", 0, "\\left has no \\right");
    assert_error("a \\right)", 2, "\\right without \\left");
    assert_error("\\left< a \\right>", 5, "needs a delimiter");
    assert_error("a & b", 2, "an & outside \\begin{aligned}");
    assert_error("a \\\\ b", 2, "a line break");
    assert_error("\\begin{eqnarray} a \\end{eqnarray}", 0, "unknown environment {eqnarray}");
    assert_error("\\begin x", 0, "\\begin needs an environment");
    assert_error("x + \\begin{cases} a & b", 4, "\\begin{cases} has no \\end{cases}");
    assert_error("\\begin{cases} a \\end{matrix}", 16, "is closed by \\end{matrix}");
    assert_error("a \\end{cases}", 2, "\\end without \\begin");
    assert_error("\\frac{a & b}{c}", 8, "an & outside");
    assert_error("\\sqrt[3{x}", 5, "not closed");
    assert_error("\\text x", 0, "\\text needs {");
    assert_error("a\x01", 1, "control character");
    assert_error("a\xFF", 1, "invalid UTF-8");
    assert_error("a $ b", 2, "$ inside");
    assert_error("x\\", 1, "lone \\");
}

/* A double script, as converted text writes it, is one script of both: e′². */
static void test_double_script_is_one(void **state)
{
    (void)state;
    sk_math_err e;
    char *d = tree("e^{\\prime}^{2}", &e);
    assert_non_null(d);
    assert_non_null(strstr(d, "(num 2)"));
    free(d);
}

static void test_depth_is_limited(void **state)
{
    (void)state;
    sk_buf b;
    sk_math_err e;
    /* braces: just inside the limit parse, one more does not */
    for (int depth = SK_MATH_MAX_DEPTH - 1; depth <= SK_MATH_MAX_DEPTH + 1; depth++) {
        sk_buf_init(&b);
        for (int i = 0; i < depth; i++)
            sk_buf_putc(&b, '{');
        sk_buf_putc(&b, 'x');
        for (int i = 0; i < depth; i++)
            sk_buf_putc(&b, '}');
        sk_math *m = sk_math_parse(b.data, b.len, &e);
        if (depth <= SK_MATH_MAX_DEPTH)
            assert_non_null(m);
        else
            assert_true(!m && strstr(e.msg, "nested"));
        sk_math_free(m);
        sk_buf_free(&b);
    }
    /* every way of nesting stops at the limit, with no braces too */
    static const char *const openers[] = { "\\sqrt", "\\frac1", "x^{", "\\left(", "\\sum", "\\bar", "\\mathrm" };
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        sk_buf_init(&b);
        for (int i = 0; i < 10000; i++)
            sk_buf_puts(&b, openers[k]);
        sk_buf_putc(&b, 'x');
        sk_math *m = sk_math_parse(b.data, b.len, &e);
        assert_null(m);
        sk_buf_free(&b);
    }
    /* a long flat formula is fine */
    sk_buf_init(&b);
    for (int i = 0; i < 20000; i++)
        sk_buf_puts(&b, "a+");
    sk_buf_putc(&b, 'b');
    sk_math *m = sk_math_parse(b.data, b.len, &e);
    assert_non_null(m);
    assert_int_equal((int)m->n, 40001);
    sk_math_free(m);
    sk_buf_free(&b);
}

static void assert_starmath(const char *tex, const char *want)
{
    sk_math_err e;
    sk_math *m = sk_math_parse(tex, strlen(tex), &e);
    assert_non_null(m);
    char *sm = sk_math_starmath(m);
    assert_string_equal(sm, want);
    free(sm);
    sk_math_free(m);
}

static void test_starmath(void **state)
{
    (void)state;
    assert_starmath("\\frac{a}{b}+1", "{ { a } over { b } } + 1");
    assert_starmath("x_i^2", "{ { x } _ { i } ^ { 2 } }");
    assert_starmath("\\sqrt[3]{x}", "{ nroot { 3 } { x } }");
    assert_starmath("\\sum_{i=1}^{n} x", "{ sum from { i = 1 } to { n } { x } }");
    assert_starmath("\\left( a \\right]", "{ left ( { a } right ] }");
    assert_starmath("\\left\\{ a \\right|", "{ left lbrace { a } right rline }");
    assert_starmath("a \\leq b \\times c \\pm d", "a <= b times c +- d");
    assert_starmath("\\text{质\"量} + \\mathrm{kg}", "\"质\\\"量\" + \"kg\"");
    assert_starmath("(a] \\{", "\\( a \\] \\{");
    assert_starmath("{}^{14}C", "{ { \"\" } ^ { 14 } } C");
    assert_starmath("\\bar{x}", "{ bar { x } }");
    assert_starmath("\\begin{cases} a & x \\\\ b \\end{cases}",
                    "{ left lbrace { { matrix{ alignl { a } # alignl { x } ## alignl { b } # alignl { \"\" } } } } right none }");
    assert_starmath("\\begin{aligned} a &= b \\end{aligned}", "{ matrix{ alignr { a } # alignl { \"\" = b } } }");
}

/* ---------- the writers ---------- */

#define MD(body)                                                                                               \
    FM "# 范围\n\n本文件规定了测试。\n\n# 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"                      \
       "# 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n# 计算\n\n" body

static const char FORMULAS[] = MD("结果按公式（1）计算：\n\n"
                                  "$$ X = \\frac{m_1 - m_2}{m} \\times 100 $$ (1)\n\n"
                                  "$$ \\sqrt[3]{x} + \\sqrt{y} + \\sum_{i=1}^{n} \\alpha_i^2 + \\left( \\beta \\right) $$\n");

static void render(rendered *r, const char *md, int odt)
{
    sk_err err;
    xp_model(r, md);
    sk_err_clear(&err);
    int rc = odt ? sk_odt_build(&r->pkg, r->doc, &(sk_odt_opts){ 0 }, &r->dropped, &err)
                 : sk_docx_build(&r->pkg, r->doc, &(sk_docx_opts){ 0 }, &r->dropped, &err);
    if (rc != 0)
        fail_msg("build: %s", err.msg);
}

static const xp_ns OMML_NS[] = {
    { "w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main" },
    { "m", "http://schemas.openxmlformats.org/officeDocument/2006/math" },
    { NULL, NULL },
};

static const xp_ns MATHML_NS[] = {
    { "mml", "http://www.w3.org/1998/Math/MathML" },
    { "manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" },
    { "draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" },
    { "xlink", "http://www.w3.org/1999/xlink" },
    { "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
    { NULL, NULL },
};

static void test_omml(void **state)
{
    (void)state;
    rendered r;
    render(&r, FORMULAS, 0);
    xp_load_part(&r, "word/document.xml", OMML_NS);
    /* X = (m1 − m2)/m × 100: a fraction of two subscripts over a letter */
    const char *f1 = "//w:p[w:pPr/w:pStyle/@w:val='GBFormula'][1]/m:oMath";
    assert_int_equal((int)numf(&r, "count(%s)", f1), 1);
    assert_xpath_str(&r, "X", "(//m:oMath)[1]/m:r[1]/m:t");
    assert_int_equal((int)numf(&r, "count(%s/m:f/m:num/m:sSub[m:e/m:r/m:t='m'][m:sub/m:r/m:t='1'])", f1), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:f/m:num/m:r[m:t='\xE2\x88\x92'])", f1), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:f/m:den/m:r[m:t='m'])", f1), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:r[m:t='\xC3\x97'])", f1), 1);
    /* roots: the cube root's degree written, the square root's hidden */
    const char *f2 = "(//m:oMath)[2]";
    assert_int_equal((int)numf(&r, "count(%s/m:rad[m:deg/m:r/m:t='3'][m:e/m:r/m:t='x'][not(m:radPr)])", f2), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:rad[m:radPr/m:degHide/@m:val='1'][m:deg[not(*)]][m:e/m:r/m:t='y'])", f2),
                     1);
    /* the sum: ∑ with limits under and over, the summand α_i^2 (Greek, both scripts) */
    assert_int_equal((int)numf(&r, "count(%s/m:nary[m:naryPr/m:chr/@m:val='\xE2\x88\x91']"
                                   "[m:naryPr/m:limLoc/@m:val='undOvr'][m:sub/m:r/m:t='i'][m:sup/m:r/m:t='n'])",
                               f2),
                     1);
    assert_int_equal((int)numf(&r, "count(%s/m:nary/m:e/m:sSubSup[m:e/m:r/m:t='\xCE\xB1'][m:sub/m:r/m:t='i']"
                                   "[m:sup/m:r/m:t='2'])",
                               f2),
                     1);
    assert_int_equal((int)numf(&r, "count(%s/m:d[m:dPr/m:begChr/@m:val='('][m:dPr/m:endChr/@m:val=')']"
                                   "/m:e/m:r[m:t='\xCE\xB2'])",
                               f2),
                     1);
    xp_done(&r);
}

static void test_mathml(void **state)
{
    (void)state;
    rendered r;
    render(&r, FORMULAS, 1);
    xp_load_part(&r, "content.xml", MATHML_NS);
    assert_int_equal((int)num(&r, "count(//draw:frame/draw:object)"), 2);
    assert_xpath_str(&r, "./Object 1", "(//draw:object)[1]/@xlink:href");
    assert_xpath_str(&r, "./Object 2", "(//draw:object)[2]/@xlink:href");
    xp_load_part(&r, "META-INF/manifest.xml", MATHML_NS);
    assert_int_equal((int)num(&r, "count(//manifest:file-entry[@manifest:full-path='Object 1/']"
                                  "[@manifest:media-type='application/vnd.oasis.opendocument.formula'])"),
                     1);
    assert_int_equal((int)num(&r, "count(//manifest:file-entry[@manifest:full-path='Object 2/content.xml'])"), 1);
    xp_load_part(&r, "Object 1/content.xml", MATHML_NS);
    assert_xpath_str(&r, "block", "/mml:math/@display");
    const char *top = "/mml:math/mml:semantics/mml:mrow";
    assert_int_equal((int)numf(&r, "count(%s/mml:mfrac/mml:mrow/mml:msub[mml:mi='m'][mml:mn='1'])", top), 1);
    assert_int_equal((int)numf(&r, "count(%s/mml:mfrac/mml:mi[.='m'])", top), 1);
    assert_int_equal((int)numf(&r, "count(%s/mml:mo[.='\xC3\x97'])", top), 1);
    /* LibreOffice lays out the StarMath annotation */
    assert_xpath_str(&r, "X = { { { { m } _ { 1 } } - { { m } _ { 2 } } } over { m } } times 100",
                     "/mml:math/mml:semantics/mml:annotation[@encoding='StarMath 5.0']");
    xp_load_part(&r, "Object 2/content.xml", MATHML_NS);
    assert_int_equal((int)numf(&r, "count(%s/mml:mroot[*[1][self::mml:mi='x']][*[2][self::mml:mn='3']])", top), 1);
    assert_int_equal((int)numf(&r, "count(%s/mml:msqrt[mml:mi='y'])", top), 1);
    assert_int_equal((int)numf(&r, "count(%s/mml:mrow[mml:munderover[mml:mo='\xE2\x88\x91'][mml:mrow/mml:mi='i']"
                                   "[mml:mi='n']]/mml:mrow/mml:msubsup[mml:mi='\xCE\xB1'][mml:mi='i'][mml:mn='2'])",
                               top),
                     1);
    assert_int_equal((int)numf(&r, "count(%s/mml:mrow[mml:mo[1]='('][mml:mi='\xCE\xB2'][mml:mo[2]=')'])", top),
                     1);
    xp_done(&r);
}

/* Every command added for real standards' TeX (amssymb, amsmath, fonts, \not,
 * sizes, more environments): each parses, and its character is in the formula's
 * OMML (DOCX) and in its MathML element (ODT). */
static const struct {
    const char *tex, *text, *mathml;
} WIDER[] = {
    { "a \\leqslant b", "\xE2\xA9\xBD", "mo" },
    { "a \\geqslant b", "\xE2\xA9\xBE", "mo" },
    { "a \\leqq b", "\xE2\x89\xA6", "mo" },
    { "a \\geqq b", "\xE2\x89\xA7", "mo" },
    { "a \\lesssim b", "\xE2\x89\xB2", "mo" },
    { "a \\gtrsim b", "\xE2\x89\xB3", "mo" },
    { "a \\nleq b", "\xE2\x89\xB0", "mo" },
    { "a \\ngeq b", "\xE2\x89\xB1", "mo" },
    { "a \\nless b", "\xE2\x89\xAE", "mo" },
    { "a \\ngtr b", "\xE2\x89\xAF", "mo" },
    { "a \\lt b", "<", "mo" },
    { "a \\gt b", ">", "mo" },
    { "a \\simeq b", "\xE2\x89\x83", "mo" },
    { "a \\cong b", "\xE2\x89\x85", "mo" },
    { "a \\asymp b", "\xE2\x89\x8D", "mo" },
    { "a \\doteq b", "\xE2\x89\x90", "mo" },
    { "a \\approxeq b", "\xE2\x89\x8A", "mo" },
    { "a \\neg b", "\xC2\xAC", "mo" },
    { "a \\lnot b", "\xC2\xAC", "mo" },
    { "a \\land b", "\xE2\x88\xA7", "mo" },
    { "a \\lor b", "\xE2\x88\xA8", "mo" },
    { "a \\wedge b", "\xE2\x88\xA7", "mo" },
    { "a \\vee b", "\xE2\x88\xA8", "mo" },
    { "a \\oplus b", "\xE2\x8A\x95", "mo" },
    { "a \\otimes b", "\xE2\x8A\x97", "mo" },
    { "a \\odot b", "\xE2\x8A\x99", "mo" },
    { "a \\bullet b", "\xE2\x80\xA2", "mo" },
    { "a \\star b", "\xE2\x8B\x86", "mo" },
    { "a \\dagger b", "\xE2\x80\xA0", "mo" },
    { "a \\ddagger b", "\xE2\x80\xA1", "mo" },
    { "a \\supset b", "\xE2\x8A\x83", "mo" },
    { "a \\supseteq b", "\xE2\x8A\x87", "mo" },
    { "a \\subsetneq b", "\xE2\x8A\x8A", "mo" },
    { "a \\supsetneq b", "\xE2\x8A\x8B", "mo" },
    { "a \\ni b", "\xE2\x88\x8B", "mo" },
    { "a \\setminus b", "\xE2\x88\x96", "mo" },
    { "a \\backslash b", "\\", "mo" },
    { "a \\uparrow b", "\xE2\x86\x91", "mo" },
    { "a \\downarrow b", "\xE2\x86\x93", "mo" },
    { "a \\leftrightarrow b", "\xE2\x86\x94", "mo" },
    { "a \\Leftarrow b", "\xE2\x87\x90", "mo" },
    { "a \\longrightarrow b", "\xE2\x9F\xB6", "mo" },
    { "a \\longleftarrow b", "\xE2\x9F\xB5", "mo" },
    { "a \\Longrightarrow b", "\xE2\x9F\xB9", "mo" },
    { "a \\Longleftrightarrow b", "\xE2\x9F\xBA", "mo" },
    { "a \\mapsto b", "\xE2\x86\xA6", "mo" },
    { "a \\iff b", "\xE2\x9F\xBA", "mo" },
    { "a \\implies b", "\xE2\x9F\xB9", "mo" },
    { "a \\therefore b", "\xE2\x88\xB4", "mo" },
    { "a \\because b", "\xE2\x88\xB5", "mo" },
    { "a \\vdots b", "\xE2\x8B\xAE", "mo" },
    { "a \\ddots b", "\xE2\x8B\xB1", "mo" },
    { "a \\lfloor b", "\xE2\x8C\x8A", "mo" },
    { "a \\rfloor b", "\xE2\x8C\x8B", "mo" },
    { "a \\lceil b", "\xE2\x8C\x88", "mo" },
    { "a \\rceil b", "\xE2\x8C\x89", "mo" },
    { "a \\lvert b", "|", "mo" },
    { "a \\rvert b", "|", "mo" },
    { "a \\lVert b", "\xE2\x80\x96", "mo" },
    { "a \\rVert b", "\xE2\x80\x96", "mo" },
    { "a \\cdotp b", "\xC2\xB7", "mo" },
    { "a \\centerdot b", "\xC2\xB7", "mo" },
    { "\\emptyset", "\xE2\x88\x85", "mi" },
    { "\\varnothing", "\xE2\x88\x85", "mi" },
    { "\\ell", "\xE2\x84\x93", "mi" },
    { "\\hbar", "\xE2\x84\x8F", "mi" },
    { "\\Re", "\xE2\x84\x9C", "mi" },
    { "\\Im", "\xE2\x84\x91", "mi" },
    { "\\aleph", "\xE2\x84\xB5", "mi" },
    { "\\triangle", "\xE2\x96\xB3", "mi" },
    { "\\square", "\xE2\x96\xA1", "mi" },
    { "\\celsius", "\xE2\x84\x83", "mi" },
    { "\\textdegree", "\xC2\xB0", "mi" },
    { "\\ohm", "\xCE\xA9", "mi" },
    { "\\permil", "\xE2\x80\xB0", "mi" },
    { "\\Alpha", "\xCE\x91", "mi" },
    { "\\Beta", "\xCE\x92", "mi" },
    { "\\Gamma", "\xCE\x93", "mi" },
    { "\\Delta", "\xCE\x94", "mi" },
    { "\\Epsilon", "\xCE\x95", "mi" },
    { "\\Zeta", "\xCE\x96", "mi" },
    { "\\Eta", "\xCE\x97", "mi" },
    { "\\Theta", "\xCE\x98", "mi" },
    { "\\Iota", "\xCE\x99", "mi" },
    { "\\Kappa", "\xCE\x9A", "mi" },
    { "\\Lambda", "\xCE\x9B", "mi" },
    { "\\Mu", "\xCE\x9C", "mi" },
    { "\\Nu", "\xCE\x9D", "mi" },
    { "\\Xi", "\xCE\x9E", "mi" },
    { "\\Omicron", "\xCE\x9F", "mi" },
    { "\\Pi", "\xCE\xA0", "mi" },
    { "\\Rho", "\xCE\xA1", "mi" },
    { "\\Sigma", "\xCE\xA3", "mi" },
    { "\\Tau", "\xCE\xA4", "mi" },
    { "\\Upsilon", "\xCE\xA5", "mi" },
    { "\\Phi", "\xCE\xA6", "mi" },
    { "\\Chi", "\xCE\xA7", "mi" },
    { "\\Psi", "\xCE\xA8", "mi" },
    { "\\Omega", "\xCE\xA9", "mi" },
    { "\\not= b", "\xE2\x89\xA0", "mo" },
    { "a \\not\\in B", "\xE2\x88\x89", "mo" },
    { "\\mathbb{R}", "\xE2\x84\x9D", "mi" },
    { "\\Big( a \\Big)", "(", "mo" },
    { "x = 1 \\tag{3}", "1", "mn" },
    { "\\mathbf{F} = m a", "F", "mi" },
    { "\\textbf{合计}", "合计", "mtext" },
    { "\\overrightarrow{A}", "A", "mi" },
    { "e^{\\prime}^{2}", "2", "mn" },
    { "\\begin{split} a &= b \\end{split}", "b", "mi" },
    { "\\begin{array}{lc} a & b \\end{array}", "a", "mi" },
    { "\\begin{Bmatrix} a \\end{Bmatrix}", "{", "mo" },
    { "\\begin{gathered} a \\end{gathered}", "a", "mi" },
};

static void test_wider_subset_in_omml_and_mathml(void **state)
{
    (void)state;
    sk_buf md;
    sk_buf_init(&md);
    sk_buf_puts(&md, MD(""));
    for (size_t i = 0; i < sizeof WIDER / sizeof WIDER[0]; i++)
        sk_buf_printf(&md, "$$ %s $$\n\n", WIDER[i].tex);
    sk_diags d;
    sk_doc *doc = parse_str(md.data, &d);
    assert_non_null(doc);
    for (size_t i = 0; i < d.len; i++)
        if (!strcmp(sk_rule_get(d.items[i].rule)->code, "formula-syntax"))
            fail_msg("line %d: %s", d.items[i].line, d.items[i].msg);
    sk_doc_free(doc);
    sk_diag_free(&d);
    rendered r;
    render(&r, md.data, 0);
    xp_load_part(&r, "word/document.xml", OMML_NS);
    for (size_t i = 0; i < sizeof WIDER / sizeof WIDER[0]; i++) {
        double n = numf(&r, "count((//m:oMath)[%zu]//*[self::m:t[contains(., '%s')] or @m:val='%s'])", i + 1,
                        WIDER[i].text, WIDER[i].text);
        if (n < 1)
            fail_msg("%s: no '%s' in its OMML", WIDER[i].tex, WIDER[i].text);
    }
    xp_done(&r);
    render(&r, md.data, 1);
    for (size_t i = 0; i < sizeof WIDER / sizeof WIDER[0]; i++) {
        char part[64];
        snprintf(part, sizeof part, "Object %zu/content.xml", i + 1);
        xp_load_part(&r, part, MATHML_NS);
        double n = numf(&r, "count(//mml:%s[contains(., '%s')])", WIDER[i].mathml, WIDER[i].text);
        if (n < 1)
            fail_msg("%s: no mml:%s '%s' in %s", WIDER[i].tex, WIDER[i].mathml, WIDER[i].text, part);
    }
    xp_done(&r);
    sk_buf_free(&md);
}

/* cases: OMML m:m in a brace, its columns flush left, every row with every cell (an
 * empty one too); MathML mtable with columnalign, mtr and mtd */
static void test_array_markup(void **state)
{
    (void)state;
    static const char md[] = MD("$$ f = \\begin{cases} a, & x > 0 \\\\ b \\end{cases} $$\n");
    rendered r;
    render(&r, md, 0);
    xp_load_part(&r, "word/document.xml", OMML_NS);
    const char *mm = "//m:oMath/m:d[m:dPr/m:begChr/@m:val='{'][m:dPr/m:endChr/@m:val='']/m:e/m:m";
    assert_int_equal((int)numf(&r, "count(%s)", mm), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:mPr/m:mcs/m:mc/m:mcPr[m:count/@m:val='1'][m:mcJc/@m:val='left'])", mm), 2);
    assert_int_equal((int)numf(&r, "count(%s/m:mr)", mm), 2);
    assert_int_equal((int)numf(&r, "count(%s/m:mr[1]/m:e[1]/m:r[m:t='a'])", mm), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:mr[1]/m:e[2]/m:r[m:t='>'])", mm), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:mr[2]/m:e)", mm), 2);
    assert_int_equal((int)numf(&r, "count(%s/m:mr[2]/m:e[2]/m:r[m:t=''])", mm), 1);
    xp_done(&r);
    render(&r, md, 1);
    xp_load_part(&r, "Object 1/content.xml", MATHML_NS);
    const char *mt = "/mml:math/mml:semantics/mml:mrow/mml:mrow[mml:mo[1]='{']/mml:mtable";
    assert_int_equal((int)numf(&r, "count(%s[@columnalign='left left'])", mt), 1);
    assert_int_equal((int)numf(&r, "count(%s/mml:mtr)", mt), 2);
    assert_int_equal((int)numf(&r, "count(%s/mml:mtr/mml:mtd)", mt), 4);
    assert_int_equal((int)numf(&r, "count(%s/mml:mtr[2]/mml:mtd[2]/*)", mt), 0);
    xp_done(&r);
}

/* ---------- the model ---------- */

static sk_node *nth_of(sk_doc *doc, sk_node_type t, int k)
{
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == t && k-- == 0)
            return n;
    return NULL;
}

static void test_formulas_are_numbered_when_cited(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(MD("按[](#eq:b)计算，再按公式（2）核对，按公式（3）修正。\n\n"
                               "$$ a $$\n\n"
                               "$$ b $$ {#eq:b}\n\n"
                               "$$\nc +\n d\n$$ （2）\n\n"
                               "$$ d $$ {#eq-d}\n\n"
                               "$$ g $$ {#eq:g}\n\n"
                               "# 附录A（资料性）计算示例\n\n按公式（A.1）。\n\n```math (A.1)\ne = f\n```\n"),
                           &d);
    assert_non_null(doc);
    sk_node *a = nth_of(doc, SK_N_FORMULA, 0), *b = nth_of(doc, SK_N_FORMULA, 1), *c = nth_of(doc, SK_N_FORMULA, 2),
            *dd = nth_of(doc, SK_N_FORMULA, 3), *g = nth_of(doc, SK_N_FORMULA, 4), *e = nth_of(doc, SK_N_FORMULA, 5);
    assert_non_null(e);
    assert_string_equal(a->num, "");     /* not cited: no number */
    assert_string_equal(b->num, "1");    /* cited by a link */
    assert_string_equal(c->num, "2");    /* cited by its written number */
    assert_string_equal(dd->num, "3");   /* "公式（3）": the third formula with an anchor or a number */
    assert_string_equal(dd->id, "eq-d");
    assert_string_equal(g->num, "");     /* an anchor, but nothing cites it */
    assert_string_equal(b->id, "eq:b");
    assert_string_equal(e->num, "A.1");  /* annex: A.1, a fenced ```math block */
    assert_string_equal(c->src, "\nc +\nd\n"); /* lines without their indentation */
    assert_non_null(c->math);
    assert_int_equal((int)diag_count(&d, "formula-number"), 0);
    assert_int_equal((int)diag_count(&d, "ref-missing"), 0);
    char *num = sk_labels_formula_number(c);
    assert_string_equal(num, "\xEF\xBC\x88" "2\xEF\xBC\x89");
    free(num);
    assert_null(sk_labels_formula_number(a));
    /* the references print the numbers */
    char *label = sk_display_label(b);
    assert_string_equal(label, "公式（1）");
    free(label);
    sk_diag_free(&d);
    sk_doc_free(doc);
}

static void test_formula_diagnostics(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(MD("见公式（3）和公式（1）。\n\n"
                               "$$ a + \\foo $$ (1)\n\n"
                               "$$ b $$ (2)\n\n"
                               "$$ c\n\n"
                               "$$ d $$ 其他\n"),
                           &d);
    assert_non_null(doc);
    int body = FM_LINES + 15; /* the line of "见公式（3）" */
    int i = diag_find(&d, "formula-syntax");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, body + 2);
    assert_int_equal(d.items[i].col, 8); /* the backslash of \foo */
    assert_int_equal((int)diag_count(&d, "formula-syntax"), 3); /* \foo, no closing $$, text after it */
    assert_int_equal((int)diag_count(&d, "formula-number"), 1); /* (2): nothing cites it */
    i = diag_find(&d, "ref-missing");
    assert_true(i >= 0 && strstr(d.items[i].msg, "公式（3）"));
    assert_int_equal((int)diag_count(&d, "ref-missing"), 1);
    /* a formula that does not parse keeps its TeX, to be printed as written */
    sk_node *f = nth_of(doc, SK_N_FORMULA, 0);
    assert_null(f->math);
    assert_string_equal(f->src, " a + \\foo ");
    assert_string_equal(f->num, "1");
    sk_diag_free(&d);
    sk_doc_free(doc);
}

static void test_where_entries(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(MD("$$ X = m / V $$\n\n"
                               "式中：\n\n- $X$——密度，见[](#sec)；\n- $V$——体积；\n- 质量\n\n"
                               "$$ y $$\n\n式中：\n$y$——值；\n$\\alpha_{\\mathrm{max}}$——最大角。\n\n"
                               "# 其他 {#sec}\n\n式中：$z$——放错的位置。\n"),
                           &d);
    assert_non_null(doc);
    sk_node *w = nth_of(doc, SK_N_WHERE, 0);
    assert_non_null(w);
    assert_int_equal(w->prev->type, SK_N_FORMULA);
    sk_node *e = w->first;
    assert_string_equal(e->src, "X");
    assert_non_null(e->math);
    char *t = sk_display_text(&e->in);
    assert_string_equal(t, "密度，见第5章；");
    free(t);
    assert_string_equal(e->next->src, "V");
    assert_null(e->next->next->src); /* no —— */
    sk_node *w2 = nth_of(doc, SK_N_WHERE, 1);
    assert_string_equal(w2->first->src, "y");
    assert_string_equal(w2->first->next->src, "\\alpha_{\\mathrm{max}}");
    t = sk_display_text(&w2->first->next->in);
    assert_string_equal(t, "最大角。");
    free(t);
    /* the entry without ——, and 式中 away from a formula */
    assert_int_equal((int)diag_count(&d, "formula-where"), 0); /* stdcheck's rules report them */
    sk_diag_free(&d);
    sk_diag_init(&d);
    sk_check_doc(doc, NULL, &d);
    assert_int_equal((int)diag_count(&d, "formula-where"), 2);
    sk_diag_free(&d);
    sk_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_structures),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_errors_have_offsets),
        cmocka_unit_test(test_double_script_is_one),
        cmocka_unit_test(test_depth_is_limited),
        cmocka_unit_test(test_starmath),
        cmocka_unit_test(test_omml),
        cmocka_unit_test(test_mathml),
        cmocka_unit_test(test_array_markup),
        cmocka_unit_test(test_wider_subset_in_omml_and_mathml),
        cmocka_unit_test(test_formulas_are_numbered_when_cited),
        cmocka_unit_test(test_formula_diagnostics),
        cmocka_unit_test(test_where_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
