/* Shared by the writers' unit tests (DOCX, ODT): a rendered package, its parts
 * parsed with libxml2 and queried with XPath. */
#ifndef SK_TEST_XPATH_H
#define SK_TEST_XPATH_H

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>

#include "model/foreword.h"
#include "helpers.h"
#include "base/zip.h"

typedef struct rendered {
    sk_doc *doc;
    sk_zip *pkg;
    xmlDocPtr xml;              /* the part looked at */
    xmlXPathContextPtr xp;
    size_t dropped;
} rendered;

/* A namespace prefix for the XPath expressions; lists end with { NULL, NULL }. */
typedef struct xp_ns {
    const char *prefix, *uri;
} xp_ns;

/* Makes data (named name) the part looked at, with the prefixes ns. */
static inline void xp_parse(rendered *r, const char *data, size_t len, const char *name, const xp_ns *ns)
{
    if (r->xp)
        xmlXPathFreeContext(r->xp);
    if (r->xml)
        xmlFreeDoc(r->xml);
    r->xml = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET);
    if (!r->xml)
        fail_msg("%s is not well-formed", name);
    r->xp = xmlXPathNewContext(r->xml);
    for (; ns && ns->prefix; ns++)
        xmlXPathRegisterNs(r->xp, BAD_CAST ns->prefix, BAD_CAST ns->uri);
}

/* Makes the package's part the part looked at. */
static inline void xp_load_part(rendered *r, const char *part, const xp_ns *ns)
{
    size_t len = 0;
    const char *data = sk_zip_get(r->pkg, part, &len);
    if (!data)
        fail_msg("no part %s", part);
    xp_parse(r, data, len, part, ns);
}

static inline void xp_done(rendered *r)
{
    if (r->xp)
        xmlXPathFreeContext(r->xp);
    if (r->xml)
        xmlFreeDoc(r->xml);
    sk_zip_free(r->pkg);
    if (r->doc)
        sk_doc_free(r->doc);
}

/* The model of md (its 前言 generated when it has none), to be rendered into r->pkg. */
static inline void xp_model(rendered *r, const char *md)
{
    sk_diags d;
    memset(r, 0, sizeof *r);
    r->doc = parse_str(md, &d);
    assert_non_null(r->doc);
    sk_diag_free(&d);
    sk_foreword_build(r->doc);
}

/* Per-test fixture teardown for a rendered *state from sk_malloc. */
static inline int xp_teardown(void **state)
{
    xp_done(*state);
    free(*state);
    return 0;
}

static inline double num(rendered *r, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, r->xp);
    if (!o)
        fail_msg("bad XPath: %s", expr);
    double v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    return v;
}

/* String value of expr (caller frees). */
static inline char *str(rendered *r, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, r->xp);
    if (!o)
        fail_msg("bad XPath: %s", expr);
    xmlChar *s = xmlXPathCastToString(o);
    xmlXPathFreeObject(o);
    char *c = strdup((const char *)s);
    xmlFree(s);
    return c;
}

/* num() and str() of a formatted expression */
static char xbuf[1024];
#define numf(r, ...) (snprintf(xbuf, sizeof xbuf, __VA_ARGS__), num(r, xbuf))
#define strf(r, ...) (snprintf(xbuf, sizeof xbuf, __VA_ARGS__), str(r, xbuf))

#define assert_count(r, n, expr) assert_int_equal((int)num(r, "count(" expr ")"), n)
#define assert_xpath_str(r, want, expr)                                                                        \
    do {                                                                                                       \
        char *got_ = str(r, expr);                                                                             \
        assert_string_equal(got_, want);                                                                       \
        free(got_);                                                                                            \
    } while (0)

/* The bookmark bookmark_expr names exists, and the text of the links to it is want
 * (link_fmt: an XPath to the links' text, %s standing for the bookmark's name). */
static inline void assert_cites(rendered *r, const char *bookmark_expr, const char *link_fmt, const char *want)
{
    char *bm = str(r, bookmark_expr);
    char expr[256];
    if (!*bm)
        fail_msg("no bookmark at %s", bookmark_expr);
    snprintf(expr, sizeof expr, link_fmt, bm);
    assert_xpath_str(r, want, expr);
    free(bm);
}

/* ---------- fixtures of the writers' tests ---------- */

/* the model sees the fields; a fill supplies values and repeat counts */
typedef struct fillctx {
    int in_row;
    size_t row;
} fillctx;

static inline const char *fill_value(void *ctx, const char *name)
{
    fillctx *f = ctx;
    static char buf[32];
    if (!strcmp(name, "card_no"))
        return "NO-7";
    if (f->in_row && !strcmp(name, "name")) {
        snprintf(buf, sizeof buf, "成员%zu", f->row + 1);
        return buf;
    }
    if (!strcmp(name, "seq"))
        return NULL;
    return NULL;
}

static inline size_t fill_count(void *ctx, const char *list)
{
    (void)ctx;
    return !strcmp(list, "members") ? 2 : 0;
}

static inline void fill_enter(void *ctx, const char *list, size_t i)
{
    (void)list;
    fillctx *f = ctx;
    f->in_row = 1;
    f->row = i;
}

static inline void fill_leave(void *ctx, const char *list)
{
    (void)list;
    ((fillctx *)ctx)->in_row = 0;
}

/* 1x1 PNG header (IHDR + pHYs at 200 dpi ≈ 7874 px/m); the pixels are not read. */
static const unsigned char PNG[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x07, 0xD0, 0, 0, 0x03, 0xE8, 8, 6, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 9, 'p', 'H', 'Y', 's', 0, 0, 0x1E, 0xC2, 0, 0, 0x1E, 0xC2, 1, 0, 0, 0, 0,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82,
};

#endif
