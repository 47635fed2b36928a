#include "write/odt.h"

#include "base/libxml.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout/labels.h"
#include "base/templates.h"
#include "layout/layout.h"
#include "base/xml.h"
#include "base/xmlw.h"

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

/* The OpenDocument namespaces, declared on every root; a reference document's
 * elements and attributes in any other namespace are dropped. */
static const struct { const char *prefix, *uri; } ns[] = {
    { "office", NS_OFFICE },
    { "style", NS_STYLE },
    { "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
    { "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
    { "draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" },
    { "fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" },
    { "xlink", "http://www.w3.org/1999/xlink" },
    { "dc", "http://purl.org/dc/elements/1.1/" },
    { "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
    { "number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" },
    { "svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" },
    { "config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0" },
};
#define NNS (sizeof ns / sizeof ns[0])
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* Roles whose named style starts a new page: a form's first copy switches that off. */
static const sk_style_role breaking[] = { SK_ST_FOREWORD_TITLE, SK_ST_ANNEX_TITLE, SK_ST_BIBLIO_TITLE };
#define NBREAKING (sizeof breaking / sizeof breaking[0])

/* Between the header and the text (2.5 mm); the height of the footer's line (4 mm). */
#define HEADER_GAP_TW 142
#define FOOTER_LINE_TW 227

/* Frame and rules of a table (GB/T 1.1: thick outer frame, thin inner rules). */
#define RULE_THICK "1.5pt solid #000000"
#define RULE_THIN "0.5pt solid #000000"

/* ---------- the styles tree (template or merged reference) ---------- */

struct sk_odt_ref {
    xmlDocPtr doc;       /* office:document-styles: font-face-decls and styles */
    sk_style_ids ids;
};

static int is_office(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, NS_OFFICE) &&
           !strcmp((const char *)n->name, name);
}

static xmlNode *office_child(xmlNode *parent, const char *name)
{
    for (xmlNode *k = parent ? parent->children : NULL; k; k = k->next)
        if (is_office(k, name))
            return k;
    return NULL;
}

static int is_style_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, NS_STYLE) &&
           !strcmp((const char *)n->name, name);
}

static char *style_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST NS_STYLE);
    char *s = v ? sk_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static xmlDocPtr parse_template(sk_err *err)
{
    size_t len = 0;
    const char *tpl = (const char *)sk_templates_get("odt/styles.xml", &len);
    if (!tpl) {
        sk_err_set(err, "built-in template odt/styles.xml is missing");
        return NULL;
    }
    return sk_xml_parse_safe(tpl, len, "templates/odt/styles.xml", err);
}

/* ---------- copying a tree through the writer ---------- */

static const char *prefix_of(const xmlNs *n)
{
    if (!n)
        return NULL;
    if (!strcmp((const char *)n->href, XML_NS))
        return "xml";
    for (size_t i = 0; i < NNS; i++)
        if (!strcmp((const char *)n->href, ns[i].uri))
            return ns[i].prefix;
    return NULL;
}

static void declare_ns(sk_xmlw *x)
{
    for (size_t i = 0; i < NNS; i++) {
        char a[32];
        snprintf(a, sizeof a, "xmlns:%s", ns[i].prefix);
        sk_xmlw_attr(x, a, ns[i].uri);
    }
}

static int blank(const xmlChar *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* Writes element n and its subtree: OpenDocument names only, no whitespace
 * between elements (it would be text in mixed content), no comments. */
static void copy_tree(sk_xmlw *x, const xmlNode *n)
{
    const char *p = prefix_of(n->ns);
    if (!p)
        return;
    char qname[256];
    snprintf(qname, sizeof qname, "%s:%s", p, (const char *)n->name);
    sk_xmlw_start(x, qname);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *ap = prefix_of(a->ns);
        if (!ap)
            continue;
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        snprintf(qname, sizeof qname, "%s:%s", ap, (const char *)a->name);
        sk_xmlw_attr(x, qname, v ? (const char *)v : "");
        xmlFree(v);
    }
    int elems = 0;
    for (const xmlNode *k = n->children; k; k = k->next)
        elems |= k->type == XML_ELEMENT_NODE;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE)
            copy_tree(x, k);
        else if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && !(elems && blank(k->content)))
            sk_xmlw_text(x, (const char *)k->content);
    }
    sk_xmlw_end(x);
}

static void copy_office_child(sk_xmlw *x, xmlDocPtr doc, const char *name)
{
    xmlNode *k = office_child(xmlDocGetRootElement(doc), name);
    if (k)
        copy_tree(x, k);
}

static char *mm(int twips);

/* office:styles with line numbering for reviewers (layout.h): every line of the
 * text, counted again on each page, not the empty ones. */
static void copy_styles_numbered(sk_xmlw *x, xmlDocPtr doc)
{
    xmlNode *st = office_child(xmlDocGetRootElement(doc), "styles");
    sk_xmlw_start(x, "office:styles");
    for (const xmlNode *k = st ? st->children : NULL; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "linenumbering-configuration"))
            copy_tree(x, k);
    sk_xmlw_start(x, "text:linenumbering-configuration");
    sk_xmlw_attr(x, "text:number-lines", "true");
    sk_xmlw_attr(x, "text:increment", "1");
    sk_xmlw_attr(x, "text:restart-on-page", "true");
    sk_xmlw_attr(x, "text:count-empty-lines", "false");
    sk_xmlw_attr(x, "text:count-in-text-boxes", "false");
    sk_xmlw_attr(x, "text:number-position", "left");
    char *gap = mm(SK_LINE_NUMBER_GAP_TW);
    sk_xmlw_attr(x, "text:offset", gap);
    free(gap);
    sk_xmlw_attr(x, "style:num-format", "1");
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

/* ---------- reference document ---------- */

const sk_style_ids *sk_odt_ref_ids(const sk_odt_ref *r)
{
    return &r->ids;
}

void sk_odt_ref_free(sk_odt_ref *r)
{
    if (!r)
        return;
    if (r->doc)
        xmlFreeDoc(r->doc);
    sk_style_ids_free(&r->ids);
    free(r);
}

/* LibreOffice's encoded style name ("Heading_20_1") as text ("Heading 1"). */
static char *decode_name(const char *s)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = s; *p; p++) {
        unsigned v;
        if (p[0] == '_' && sscanf(p + 1, "%2x", &v) == 1 && p[1] && p[2] && p[3] == '_') {
            sk_buf_putc(&b, (char)v);
            p += 3;
        } else {
            sk_buf_putc(&b, *p);
        }
    }
    return sk_buf_detach(&b);
}

/* The reference's style of family fam that stands for role r, or NULL. */
static xmlNode *find_ref_style(xmlNode *styles, const char *fam, const sk_style_info *r)
{
    xmlNode *by_display = NULL;
    for (xmlNode *k = styles->children; k; k = k->next) {
        if (!is_style_elem(k, "style"))
            continue;
        char *f = style_attr(k, "family"), *nm = style_attr(k, "name"), *dn = style_attr(k, "display-name");
        char *dec = nm ? decode_name(nm) : NULL;
        int same_family = f && !strcmp(f, fam);
        int by_name = same_family && nm && !strcmp(nm, r->odt_name);
        if (same_family && !by_display &&
            ((dn && !strcasecmp(dn, r->name)) || (dec && !strcasecmp(dec, r->name))))
            by_display = k;
        free(f);
        free(nm);
        free(dn);
        free(dec);
        if (by_name)
            return k;
    }
    return by_display;
}

static int name_taken(xmlNode *styles, const char *fam, const char *name)
{
    for (xmlNode *k = styles->children; k; k = k->next) {
        if (!is_style_elem(k, "style"))
            continue;
        char *f = style_attr(k, "family"), *nm = style_attr(k, "name");
        int hit = f && nm && !strcmp(f, fam) && !strcmp(nm, name);
        free(f);
        free(nm);
        if (hit)
            return 1;
    }
    return 0;
}

static void remap_attr(xmlNode *n, const char *attr, const sk_map *names)
{
    char *v = style_attr(n, attr);
    const char *to = v ? sk_map_get(names, v) : NULL;
    if (to)
        xmlSetNsProp(n, xmlSearchNsByHref(n->doc, n, BAD_CAST NS_STYLE), BAD_CAST attr, BAD_CAST to);
    free(v);
}

static xmlNode *ensure_office_child(xmlDocPtr doc, const char *name, int first)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *k = office_child(root, name);
    if (k)
        return k;
    xmlNs *o = xmlSearchNsByHref(doc, root, BAD_CAST NS_OFFICE);
    k = xmlNewDocNode(doc, o, BAD_CAST name, NULL);
    if (first && root->children)
        xmlAddPrevSibling(root->children, k);
    else
        xmlAddChild(root, k);
    return k;
}

/* Copies into theirs each style:ELEM child of ours whose KEY attribute none of theirs has. */
static void add_missing(xmlDocPtr doc, xmlNode *theirs, const xmlNode *ours, const char *elem, const char *key)
{
    for (xmlNode *k = ours ? ours->children : NULL; k; k = k->next) {
        if (!is_style_elem(k, elem))
            continue;
        char *v = style_attr(k, key);
        int have = 0;
        for (xmlNode *m = theirs->children; m && !have; m = m->next)
            if (is_style_elem(m, elem)) {
                char *w = style_attr(m, key);
                have = w && v && !strcmp(w, v);
                free(w);
            }
        if (!have)
            xmlAddChild(theirs, xmlDocCopyNode(k, doc, 1));
        free(v);
    }
}

/* Merges our styles (ours) into the reference (ref): roles by name, the rest added. */
static int merge_ref(sk_odt_ref *r, xmlDocPtr ref, xmlDocPtr ours, sk_err *err)
{
    xmlNode *rroot = xmlDocGetRootElement(ref);
    if (!is_office(rroot, "document-styles")) {
        sk_err_set(err, "styles.xml has no office:document-styles root");
        return -1;
    }
    if (!xmlSearchNsByHref(ref, rroot, BAD_CAST NS_STYLE))
        xmlNewNs(rroot, BAD_CAST NS_STYLE, BAD_CAST "style");
    xmlNode *rfonts = ensure_office_child(ref, "font-face-decls", 1);
    xmlNode *rstyles = ensure_office_child(ref, "styles", 0);
    xmlNode *oroot = xmlDocGetRootElement(ours);
    xmlNode *ofonts = office_child(oroot, "font-face-decls"), *ostyles = office_child(oroot, "styles");
    sk_map names; /* our style name → the name in the result */
    sk_map_init(&names);
    sk_vec add = { 0 };
    sk_style_ids_init_odt(&r->ids);
    for (xmlNode *k = ostyles ? ostyles->children : NULL; k; k = k->next) {
        if (!is_style_elem(k, "style"))
            continue;
        char *fam = style_attr(k, "family"), *nm = style_attr(k, "name");
        int role = -1;
        for (int i = 0; nm && i < SK_ST_COUNT && role < 0; i++)
            if (!strcmp(sk_style_get((sk_style_role)i)->odt_name, nm))
                role = i;
        xmlNode *theirs = role >= 0 && fam ? find_ref_style(rstyles, fam, sk_style_get((sk_style_role)role)) : NULL;
        if (theirs) {
            char *tn = style_attr(theirs, "name");
            sk_map_put(&names, nm, tn);
        } else if (fam && nm) {
            char *final = sk_strdup(nm);
            for (int s = 2; name_taken(rstyles, fam, final); s++) {
                free(final);
                final = sk_asprintf("%s_%d", nm, s);
            }
            sk_map_put(&names, nm, final);
            sk_vec_push(&add, k);
        }
        if (role >= 0 && nm && sk_map_get(&names, nm))
            sk_style_ids_set(&r->ids, (sk_style_role)role, sk_map_get(&names, nm));
        free(fam);
        free(nm);
    }
    for (size_t i = 0; i < add.len; i++) {
        xmlNode *c = xmlDocCopyNode(add.items[i], ref, 1);
        char *nm = style_attr(c, "name");
        xmlSetNsProp(c, xmlSearchNsByHref(ref, rroot, BAD_CAST NS_STYLE), BAD_CAST "name",
                     BAD_CAST(const char *) sk_map_get(&names, nm));
        free(nm);
        xmlAddChild(rstyles, c);
        remap_attr(c, "parent-style-name", &names);
        remap_attr(c, "next-style-name", &names);
    }
    sk_vec_free(&add);
    /* default styles and fonts the reference lacks */
    add_missing(ref, rstyles, ostyles, "default-style", "family");
    add_missing(ref, rfonts, ofonts, "font-face", "name");
    for (size_t i = 0; i < names.cap; i++)
        if (names.keys && names.keys[i])
            free(names.vals[i]);
    sk_map_free(&names);
    return 0;
}

int sk_odt_ref_load(sk_odt_ref **out, const char *path, sk_err *err)
{
    sk_zip_reader *rd = NULL;
    void *xml = NULL;
    xmlDocPtr ours = NULL;
    sk_odt_ref *r = NULL;
    int rc = -1;
    if (sk_zip_open(&rd, path, "an ODT", err) < 0)
        return -1;
    int got = sk_zip_read_xml_max(rd, "styles.xml", "<style:style ", SK_ODT_REF_MAX_STYLES, &xml, err);
    if (got == 0)
        sk_err_at(err, path, 0, 0, "not an ODT reference document (it has no styles.xml)");
    if (got <= 0)
        goto done;
    if (!(ours = parse_template(err)))
        goto done;
    r = sk_calloc(1, sizeof *r);
    if (merge_ref(r, xml, ours, err) < 0) {
        snprintf(err->file, sizeof err->file, "%s", path); /* the message names what is wrong inside */
        err->line = err->col = 0;
        goto done;
    }
    r->doc = xml;
    xml = NULL;
    *out = r;
    r = NULL;
    rc = 0;
done:
    if (xml)
        xmlFreeDoc(xml);
    if (ours)
        xmlFreeDoc(ours);
    sk_odt_ref_free(r);
    sk_zip_close(rd);
    return rc;
}

/* ---------- the writer ---------- */

typedef struct ow {
    const sk_doc *doc;
    const sk_odt_opts *o;
    const sk_style_ids *ids;
    xmlDocPtr styles;      /* the named styles (template or reference) */
    sk_xmlw *x;
    int pending;           /* a part starts: its master page goes on a break paragraph (-1: none) */
    int land;              /* the body's pages are landscape now (MBodyLand applied) */
    int turns;             /* some table goes on landscape pages: their styles are written */
    int space_ok;          /* a literal space would not be collapsed here */
    int in_header_rows;    /* inside table:table-header-rows */
    unsigned tables, frames;
    sk_vec media;          /* const sk_asset*, one per file */
    int *widths;           /* distinct column widths (twips), sorted */
    size_t nwidths, capwidths;
    sk_vec objects;        /* object*: the formulas, "Object 1" … in order */
    size_t dropped;        /* characters the formula objects could not hold */
    int obj_failed;        /* a formula object could not be written: obj_err says why */
    sk_err obj_err;
    unsigned sections;     /* text:section elements written (columns) */
    int in_section;        /* one is open */
    /* a redline: the body is written apart from its text:tracked-changes, which
     * come first in office:text; x is the one or the other */
    sk_xmlw *body, *regions;
    unsigned ct;           /* last change id (ctN) */
    char date[32];
    unsigned para_ins;     /* an insertion open across paragraphs (0: none) */
    unsigned para_del;     /* a deletion gathering whole paragraphs, open in regions */
    int in_del_para;       /* the paragraph being written goes into it */
    sk_mark para_mark;     /* the mark of the paragraph being written */
    sk_mark run_mark;      /* the runs' mark inside it */
    unsigned run_id;       /* their change */
    char style[64];        /* the paragraph's style (a deleted piece of it takes the same) */
    int body_space_ok;     /* space_ok of the body while a deleted piece is written */
    int form;              /* a form document: its body is written first, then the styles it used */
    int wide;              /* on landscape A4 */
    int has_marks;         /* a form whose pages carry （续） and 第 N 页 共 M 页 (layout.h) */
    sk_form_marks marks;
    int row_h;             /* the next row's least height, 0 none */
    sk_map extra;          /* form documents: automatic styles the body used, by name */
    sk_vec extra_order;    /* their names (char*, owned), in order of first use */
    sk_vec own_media;      /* sk_asset* copies of generated images (QR codes) */
    int paper;             /* a paper (sk_odt_build_paper): its page kind, else 0 */
    int text_w;            /* the text block's width (twips) */
} ow;

static const char *sid(ow *w, sk_style_role r)
{
    return w->ids->id[r];
}

static char *mm(int twips)
{
    return sk_asprintf("%.2fmm", SK_TW_MM(twips));
}

static void attr_mm(sk_xmlw *x, const char *name, int twips)
{
    char *v = mm(twips);
    sk_xmlw_attr(x, name, v);
    free(v);
}

/* ---------- automatic styles of content.xml ---------- */

/* the master pages of the parts (sk_page_kind), then the body's landscape pages and
 * the body again after them (its numbers going on): PEND_LAND, PEND_BACK */
static const char *const masters[] = { "Cover", "Front", "Body", "Form", "FormWide", "Paper", "PaperWide", "BodyLand", "Body" };
static const char *const master_paras[] = { "MCover", "MFront", "MBody", "MForm", "MFormWide", "MPaper", "MPaperWide",
                                            "MBodyLand", "MBodyBack" };
enum { PEND_LAND = SK_PAGE_PAPER_WIDE + 1, PEND_BACK, NMASTERS };

/* A form document's automatic style, by name: "R<twips>" a table row of that least
 * height, "P<role>_<align>_<before>" a paragraph of a role aligned and spaced. */
static const char *extra_style(ow *w, const char *name)
{
    if (!sk_map_get(&w->extra, name)) {
        char *n = sk_strdup(name);
        sk_map_put(&w->extra, n, n);
        sk_vec_push(&w->extra_order, n);
    }
    return sk_map_get(&w->extra, name);
}

static void para_style(sk_xmlw *x, const char *name, const char *parent, const char *master)
{
    sk_xmlw_start(x, "style:style");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_attr(x, "style:family", "paragraph");
    sk_xmlw_attr(x, "style:parent-style-name", parent);
    if (master)
        sk_xmlw_attr(x, "style:master-page-name", master);
}

static void text_style(sk_xmlw *x, const char *name, const char *attr, const char *value, const char *attr2,
                       const char *value2)
{
    sk_xmlw_start(x, "style:style");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_attr(x, "style:family", "text");
    sk_xmlw_start(x, "style:text-properties");
    sk_xmlw_attr(x, attr, value);
    if (attr2)
        sk_xmlw_attr(x, attr2, value2);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

/* A table's style: kept on one page or not, on a landscape page or not. */
static const char *table_style(int keep, int land)
{
    static const char *const names[] = { "Tbl", "TblKeep", "TblLand", "TblKeepLand" };
    return names[(keep ? 1 : 0) + (land ? 2 : 0)];
}

static void cell_style_name(unsigned mask, char out[16])
{
    snprintf(out, 16, "Cell%u", mask & 15);
}

static void automatic_styles(ow *w)
{
    sk_xmlw *x = w->x;
    char name[32];
    sk_xmlw_start(x, "office:automatic-styles");
    /* a part's first paragraph: its master page, the page number from 1 */
    for (int k = 0; k < NMASTERS; k++) {
        if ((k == SK_PAGE_FORM_WIDE && !w->form) || ((k == SK_PAGE_PAPER || k == SK_PAGE_PAPER_WIDE) && k != w->paper) ||
            (k >= PEND_LAND && !w->turns))
            continue; /* the wide form's page in forms, a paper's own kind in papers, the turned body's when it turns */
        para_style(x, master_paras[k], sid(w, SK_ST_SECTION_BREAK), masters[k]);
        if (k == SK_PAGE_FRONT || k == SK_PAGE_BODY || (w->paper && k == w->paper))
            sk_xmlw_leaf(x, "style:paragraph-properties", "style:page-number", "1", NULL);
        sk_xmlw_end(x);
    }
    /* a paper's body text aligned left, centred or right */
    static const char *const aligns[] = { "start", "center", "end" };
    for (int a = 1; w->paper && a <= 3; a++) {
        snprintf(name, sizeof name, "PBody%d", a);
        para_style(x, name, sid(w, SK_ST_BODY), NULL);
        sk_xmlw_leaf(x, "style:paragraph-properties", "fo:text-align", aligns[a - 1], "fo:text-indent", "0mm", NULL);
        sk_xmlw_end(x);
    }
    /* with line numbers, the paragraphs that have none (the cover's): NL + role */
    for (int r = 0; w->o->line_numbers && r < SK_ST_COUNT; r++) {
        if (sk_style_get((sk_style_role)r)->kind != SK_STK_PARA || !*sid(w, (sk_style_role)r))
            continue;
        snprintf(name, sizeof name, "NL%d", r);
        para_style(x, name, sid(w, (sk_style_role)r), NULL);
        sk_xmlw_leaf(x, "style:paragraph-properties", "text:number-lines", "false", NULL);
        sk_xmlw_end(x);
    }
    /* text set in columns (the 索引): a section, its columns balanced */
    snprintf(name, sizeof name, "Sect%d", SK_INDEX_COLUMNS);
    sk_xmlw_start(x, "style:style");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_attr(x, "style:family", "section");
    sk_xmlw_start(x, "style:section-properties");
    sk_xmlw_start(x, "style:columns");
    sk_xmlw_attr_int(x, "fo:column-count", SK_INDEX_COLUMNS);
    attr_mm(x, "fo:column-gap", SK_COLUMN_GAP_TW);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
    para_style(x, "PBreak", sid(w, SK_ST_SECTION_BREAK), NULL);
    sk_xmlw_leaf(x, "style:paragraph-properties", "fo:break-before", "page", NULL);
    sk_xmlw_end(x);
    for (size_t i = 0; i < NBREAKING; i++) {
        snprintf(name, sizeof name, "PNoBreak%d", (int)breaking[i]);
        para_style(x, name, sid(w, breaking[i]), NULL);
        sk_xmlw_leaf(x, "style:paragraph-properties", "fo:break-before", "auto", NULL);
        sk_xmlw_end(x);
    }
    /* running text kept with the next paragraph (signature lines, layout.h) */
    para_style(x, "PKeepBody", sid(w, SK_ST_BODY), NULL);
    sk_xmlw_leaf(x, "style:paragraph-properties", "fo:keep-with-next", "always", NULL);
    sk_xmlw_end(x);
    /* the cover banner of a short level (团　体　标　准): centred, not spread */
    para_style(x, "PLevelCentre", sid(w, SK_ST_COVER_LEVEL), NULL);
    sk_xmlw_leaf(x, "style:paragraph-properties", "fo:text-align", "center", "fo:text-align-last", "center", NULL);
    sk_xmlw_end(x);
    /* table cell paragraphs: alignment and keep-with-next */
    static const char *const align[] = { NULL, "start", "center", "end" };
    for (int h = 0; h < 2; h++)
        for (int a = 0; a < 4; a++)
            for (int k = 0; k < 2; k++) {
                if (!a && !k)
                    continue;
                snprintf(name, sizeof name, "PCell%c%d%d", h ? 'H' : 'D', a, k);
                para_style(x, name, sid(w, h ? SK_ST_TABLE_HEADING : SK_ST_TABLE_TEXT), NULL);
                sk_xmlw_start(x, "style:paragraph-properties");
                if (a)
                    sk_xmlw_attr(x, "fo:text-align", align[a]);
                if (k)
                    sk_xmlw_attr(x, "fo:keep-with-next", "always");
                sk_xmlw_end(x);
                sk_xmlw_end(x);
            }
    /* direct formatting left over by the character styles (walk.h) */
    text_style(x, "Tb", "fo:font-weight", "bold", "style:font-weight-asian", "bold");
    text_style(x, "Ti", "fo:font-style", "italic", "style:font-style-asian", "italic");
    text_style(x, "Ts", "style:text-line-through-style", "solid", NULL, NULL);
    text_style(x, "Tu", "style:text-underline-style", "solid", "style:text-underline-width", "auto");
    text_style(x, "Tsup", "style:text-position", "super 58%", NULL, NULL);
    text_style(x, "Tsub", "style:text-position", "sub 58%", NULL, NULL);
    /* tables */
    for (int k = 0; k < (w->turns ? 4 : 2); k++) {
        int keep = k & 1, land = k >> 1;
        sk_xmlw_start(x, "style:style");
        sk_xmlw_attr(x, "style:name", table_style(keep, land));
        sk_xmlw_attr(x, "style:family", "table");
        if (*sid(w, SK_ST_TABLE))
            sk_xmlw_attr(x, "style:parent-style-name", sid(w, SK_ST_TABLE));
        sk_xmlw_start(x, "style:table-properties");
        attr_mm(x, "style:width", land ? SK_TEXT_W_LAND_TW : w->text_w);
        sk_xmlw_attr(x, "table:align", "center");
        if (keep)
            sk_xmlw_attr(x, "style:may-break-between-rows", "false");
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    for (size_t i = 0; i < w->nwidths; i++) {
        snprintf(name, sizeof name, "Col%d", w->widths[i]);
        sk_xmlw_start(x, "style:style");
        sk_xmlw_attr(x, "style:name", name);
        sk_xmlw_attr(x, "style:family", "table-column");
        sk_xmlw_start(x, "style:table-column-properties");
        attr_mm(x, "style:column-width", w->widths[i]);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    for (int f = 0; f < 2; f++) {
        sk_xmlw_start(x, "style:style");
        sk_xmlw_attr(x, "style:name", f ? "RowF" : "Row");
        sk_xmlw_attr(x, "style:family", "table-row");
        sk_xmlw_start(x, "style:table-row-properties");
        if (f)
            attr_mm(x, "style:min-row-height", 454); /* room to write in a form's field row */
        sk_xmlw_attr(x, "fo:keep-together", "always");
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    for (size_t i = 0; w->form && i < w->extra_order.len; i++) {
        const char *e = w->extra_order.items[i];
        if (e[0] == 'R') {
            sk_xmlw_start(x, "style:style");
            sk_xmlw_attr(x, "style:name", e);
            sk_xmlw_attr(x, "style:family", "table-row");
            sk_xmlw_start(x, "style:table-row-properties");
            attr_mm(x, "style:min-row-height", atoi(e + 1));
            sk_xmlw_attr(x, "fo:keep-together", "always");
            sk_xmlw_end(x);
            sk_xmlw_end(x);
        } else if (e[0] == 'P') {
            static const char *const al[] = { NULL, "start", "center", "end" };
            int role = 0, a = 0, before = 0;
            sscanf(e + 1, "%d_%d_%d", &role, &a, &before);
            para_style(x, e, sid(w, (sk_style_role)role), NULL);
            sk_xmlw_start(x, "style:paragraph-properties");
            if (a > 0 && a < 4)
                sk_xmlw_attr(x, "fo:text-align", al[a]);
            if (before > 0)
                attr_mm(x, "fo:margin-top", before);
            sk_xmlw_end(x);
            sk_xmlw_end(x);
        }
    }
    if (w->form) {
        sk_xmlw_start(x, "style:style");
        sk_xmlw_attr(x, "style:name", "TblWide");
        sk_xmlw_attr(x, "style:family", "table");
        if (*sid(w, SK_ST_TABLE))
            sk_xmlw_attr(x, "style:parent-style-name", sid(w, SK_ST_TABLE));
        sk_xmlw_start(x, "style:table-properties");
        attr_mm(x, "style:width", SK_PAGE_H_TW - SK_MARGIN_INNER_TW - SK_MARGIN_OUTER_TW);
        sk_xmlw_attr(x, "table:align", "center");
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    /* cells draw their right and bottom sides; the frame's sides are thick */
    for (unsigned m = 0; m < 16; m++) {
        cell_style_name(m, name);
        sk_xmlw_start(x, "style:style");
        sk_xmlw_attr(x, "style:name", name);
        sk_xmlw_attr(x, "style:family", "table-cell");
        sk_xmlw_start(x, "style:table-cell-properties");
        sk_xmlw_attr(x, "style:vertical-align", "middle");
        attr_mm(x, "fo:padding-top", 28);
        attr_mm(x, "fo:padding-bottom", 28);
        attr_mm(x, "fo:padding-left", 85);
        attr_mm(x, "fo:padding-right", 85);
        sk_xmlw_attr(x, "fo:border-left", m & SK_EDGE_LEFT ? RULE_THICK : "none");
        sk_xmlw_attr(x, "fo:border-right", m & SK_EDGE_RIGHT ? RULE_THICK : RULE_THIN);
        sk_xmlw_attr(x, "fo:border-top", m & SK_EDGE_TOP ? RULE_THICK : "none");
        sk_xmlw_attr(x, "fo:border-bottom", m & SK_EDGE_BOTTOM ? RULE_THICK : RULE_THIN);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    /* formulas: an object as a character, on the line's baseline (settings.xml:
     * MathBaselineAlignment), sized by LibreOffice from the formula */
    sk_xmlw_start(x, "style:style");
    sk_xmlw_attr(x, "style:name", "Fm");
    sk_xmlw_attr(x, "style:family", "graphic");
    sk_xmlw_leaf(x, "style:graphic-properties", "style:wrap", "none", "style:vertical-pos", "middle",
                 "style:vertical-rel", "text", "fo:margin-left", "0mm", "fo:margin-right", "0mm",
                 "fo:border", "none", NULL);
    sk_xmlw_end(x);
    /* figures: an image as a character, centred by its paragraph */
    sk_xmlw_start(x, "style:style");
    sk_xmlw_attr(x, "style:name", "Fig");
    sk_xmlw_attr(x, "style:family", "graphic");
    sk_xmlw_leaf(x, "style:graphic-properties", "style:wrap", "none", "style:vertical-pos", "top",
                 "style:vertical-rel", "baseline", "style:horizontal-pos", "center", "style:horizontal-rel",
                 "paragraph", "fo:border", "none", NULL);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

/* Adds a column width (twips) to the sorted distinct widths. */
static void add_width(ow *w, int width)
{
    size_t i = 0;
    while (i < w->nwidths && w->widths[i] < width)
        i++;
    if (i < w->nwidths && w->widths[i] == width)
        return;
    if (w->nwidths == w->capwidths) {
        w->capwidths = w->capwidths ? w->capwidths * 2 : 16;
        w->widths = sk_realloc(w->widths, w->capwidths * sizeof *w->widths);
    }
    memmove(w->widths + i + 1, w->widths + i, (w->nwidths - i) * sizeof *w->widths);
    w->widths[i] = width;
    w->nwidths++;
}

/* The distinct column widths of the tables under root (their column styles); may_turn:
 * a table may go on a landscape page (w->turns tells whether one does). */
static void collect_widths(ow *w, const sk_node *root, int may_turn)
{
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_TABLE || !n->table || n->table->ncols < 1 || !n->table->nrows)
            continue;
        sk_grid g;
        /* a table that turns its page where the layout lets it (the body) has those widths too */
        int turns = may_turn && sk_grid_landscape(n->table, n->table->nheader);
        w->turns |= turns;
        for (int v = 0; v <= turns; v++) {
        if (v)
            sk_grid_init_for(&g, n->table, 1);
        else
            sk_grid_init_width(&g, n->table, w->text_w);
        for (int c = 0; c < n->table->ncols; c++)
            add_width(w, g.width[c]);
        sk_grid_free(&g);
        }
    }
}

/* ---------- the sink: paragraphs and runs ---------- */

/* ---------- tracked changes (a redline) ---------- */

/* A text:changed-region in the regions: an insertion (closed at once: its text is
 * in the body between change-start and change-end) or a deletion (left open: the
 * deleted paragraphs follow). Returns its number. */
static unsigned region(ow *w, sk_mark m)
{
    char id[16];
    snprintf(id, sizeof id, "ct%u", ++w->ct);
    sk_xmlw *x = w->regions;
    sk_xmlw_start(x, "text:changed-region");
    sk_xmlw_attr(x, "xml:id", id);
    sk_xmlw_attr(x, "text:id", id);
    sk_xmlw_start(x, m == SK_MARK_INS ? "text:insertion" : "text:deletion");
    sk_xmlw_start(x, "office:change-info");
    sk_xmlw_start(x, "dc:creator");
    sk_xmlw_text(x, w->o->author && *w->o->author ? w->o->author : "stdkit");
    sk_xmlw_end(x);
    sk_xmlw_start(x, "dc:date");
    sk_xmlw_text(x, w->date);
    sk_xmlw_end(x);
    sk_xmlw_end(x); /* change-info */
    if (m == SK_MARK_INS) {
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    return w->ct;
}

static void change_mark(ow *w, const char *elem, unsigned id)
{
    char s[16];
    snprintf(s, sizeof s, "ct%u", id);
    sk_xmlw_leaf(w->body, elem, "text:change-id", s, NULL);
}

/* At the start of a paragraph of the body: what was inserted before it ends here
 * (unless it is inserted too), what was deleted before it stood here. */
static void body_para_started(ow *w, sk_mark m)
{
    if (!w->regions)
        return;
    if (w->para_ins && m != SK_MARK_INS) {
        change_mark(w, "text:change-end", w->para_ins);
        w->para_ins = 0;
    }
    if (w->para_del) {
        change_mark(w, "text:change", w->para_del);
        /* the deleted paragraphs end with an empty one: what merges with this */
        sk_xmlw_leaf(w->regions, "text:p", NULL);
        sk_xmlw_end(w->regions);
        sk_xmlw_end(w->regions);
        w->para_del = 0;
    }
    if (m == SK_MARK_INS && !w->para_ins) {
        w->para_ins = region(w, SK_MARK_INS);
        change_mark(w, "text:change-start", w->para_ins);
    }
}

static void break_para(ow *w, const char *style)
{
    sk_xmlw_start(w->x, "text:p");
    sk_xmlw_attr(w->x, "text:style-name", style);
    body_para_started(w, SK_MARK_NONE);
    sk_xmlw_end(w->x);
}

static void on_page(void *ctx, sk_page_kind kind)
{
    ((ow *)ctx)->pending = (int)kind;
    if (kind == SK_PAGE_FORM_WIDE)
        ((ow *)ctx)->wide = 1;
}

static void on_landscape(void *ctx, int on)
{
    ((ow *)ctx)->pending = on ? PEND_LAND : PEND_BACK;
}

/* Before a block: the master page a part or a turn of the page asked for, on an empty
 * paragraph of its own (none when the pages are turned that way already). */
static void flush_page(ow *w)
{
    if (w->pending < 0)
        return;
    int p = w->pending;
    w->pending = -1;
    if ((p == PEND_LAND && w->land) || (p == PEND_BACK && !w->land))
        return;
    if (p == PEND_LAND || p == PEND_BACK)
        w->land = p == PEND_LAND;
    break_para(w, master_paras[p]);
}

static void on_para_start(void *ctx, sk_style_role role, const sk_para_opts *o)
{
    ow *w = ctx;
    char name[32];
    const char *style = sid(w, role);
    flush_page(w);
    int breaks = 0;
    for (size_t i = 0; i < NBREAKING; i++)
        breaks |= breaking[i] == role;
    if (o && (role == SK_ST_TABLE_HEADING || role == SK_ST_TABLE_TEXT) && ((o->align > 0 && o->align < 4) || o->keep)) {
        snprintf(name, sizeof name, "PCell%c%d%d", role == SK_ST_TABLE_HEADING ? 'H' : 'D',
                 o->align > 0 && o->align < 4 ? o->align : 0, o->keep ? 1 : 0);
        style = name;
    } else if (o && role == SK_ST_COVER_LEVEL && o->align == 2) {
        style = "PLevelCentre";
    } else if (o && role == SK_ST_BODY && o->keep) {
        style = "PKeepBody";
    } else if (o && o->page_break < 0 && breaks) {
        snprintf(name, sizeof name, "PNoBreak%d", (int)role);
        style = name;
    } else if (o && o->no_line_numbers && w->o->line_numbers) {
        snprintf(name, sizeof name, "NL%d", (int)role);
        style = name;
    } else if (o && role == SK_ST_FOOTER && o->align == 2 && w->paper) {
        style = "FtrC"; /* a paper's footer, centred */
    } else if (o && role == SK_ST_BODY && o->align > 0 && o->align < 4 && w->paper) {
        snprintf(name, sizeof name, "PBody%d", o->align); /* a paper's aligned line (the sign-off) */
        style = name;
    }
    if (o && o->page_break > 0 && !breaks) /* a kept paragraph may start a page too */
        break_para(w, "PBreak");
    sk_mark m = o ? o->mark : SK_MARK_NONE;
    w->para_mark = m;
    w->run_mark = SK_MARK_NONE;
    snprintf(w->style, sizeof w->style, "%s", style);
    if (m == SK_MARK_DEL && w->regions) { /* a deleted paragraph: into the deletion */
        if (!w->para_del)
            w->para_del = region(w, SK_MARK_DEL);
        w->in_del_para = 1;
        w->body_space_ok = w->space_ok;
        w->x = w->regions;
    }
    if (w->form && o && (o->space_before > 0 || (o->align > 0 && o->align < 4)) && role != SK_ST_TABLE_HEADING &&
        role != SK_ST_TABLE_TEXT) {
        snprintf(name, sizeof name, "P%d_%d_%d", (int)role, o->align > 0 && o->align < 4 ? o->align : 0,
                 o->space_before > 0 ? o->space_before : 0);
        style = extra_style(w, name);
    }
    int level = sk_style_outline(role);
    sk_xmlw_start(w->x, level ? "text:h" : "text:p");
    sk_xmlw_attr(w->x, "text:style-name", style);
    if (level)
        sk_xmlw_attr_int(w->x, "text:outline-level", level);
    if (!w->in_del_para)
        body_para_started(w, m);
    w->space_ok = 0;
}

static void on_change(void *ctx, sk_mark m);

static void on_para_end(void *ctx)
{
    ow *w = ctx;
    on_change(w, SK_MARK_NONE);
    sk_xmlw_end(w->x);
    if (w->in_del_para) {
        w->in_del_para = 0;
        w->x = w->body;
        w->space_ok = w->body_space_ok;
    }
    w->para_mark = SK_MARK_NONE;
}

/* Runs inside a paragraph of the body that is itself neither inserted nor deleted:
 * an insertion between change-start and change-end, a deletion as text:change with
 * the deleted text in its region (as a paragraph of the same style). */
static void on_change(void *ctx, sk_mark m)
{
    ow *w = ctx;
    if (!w->regions || w->in_del_para || w->para_mark != SK_MARK_NONE || m == w->run_mark)
        return;
    if (w->run_mark == SK_MARK_INS) {
        change_mark(w, "text:change-end", w->run_id);
    } else if (w->run_mark == SK_MARK_DEL) {
        sk_xmlw_end(w->regions); /* text:p */
        sk_xmlw_end(w->regions); /* text:deletion */
        sk_xmlw_end(w->regions); /* text:changed-region */
        w->x = w->body;
        w->space_ok = w->body_space_ok;
    }
    w->run_mark = m;
    if (m == SK_MARK_INS) {
        w->run_id = region(w, SK_MARK_INS);
        change_mark(w, "text:change-start", w->run_id);
    } else if (m == SK_MARK_DEL) {
        w->run_id = region(w, SK_MARK_DEL);
        change_mark(w, "text:change", w->run_id);
        sk_xmlw_start(w->regions, "text:p");
        sk_xmlw_attr(w->regions, "text:style-name", *w->style ? w->style : "Standard");
        w->body_space_ok = w->space_ok;
        w->space_ok = 0;
        w->x = w->regions;
    }
}

/* Text in ODF's white-space rules: a literal space only after other text, runs
 * of spaces as text:s, TAB as text:tab, LF as text:line-break. */
static void put_text(ow *w, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t k = i;
        while (k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
            k++;
        if (k > i) {
            sk_xmlw_text_n(w->x, s + i, k - i);
            w->space_ok = 1;
            i = k;
            continue;
        }
        if (s[i] == ' ') {
            size_t m = i;
            while (m < n && s[m] == ' ')
                m++;
            size_t count = m - i;
            if (w->space_ok) {
                sk_xmlw_text_n(w->x, " ", 1);
                count--;
            }
            if (count) {
                sk_xmlw_start(w->x, "text:s");
                if (count > 1)
                    sk_xmlw_attr_int(w->x, "text:c", (long long)count);
                sk_xmlw_end(w->x);
            }
            w->space_ok = 0;
            i = m;
            continue;
        }
        if (s[i] == '\t')
            sk_xmlw_leaf(w->x, "text:tab", NULL);
        else if (s[i] == '\n')
            sk_xmlw_leaf(w->x, "text:line-break", NULL);
        if (s[i] != '\r')
            w->space_ok = 0;
        i++;
    }
}

static void on_text(void *ctx, const char *text, int cstyle, unsigned direct)
{
    ow *w = ctx;
    static const struct { unsigned flag; const char *style; } spans[] = {
        { SK_F_BOLD, "Tb" }, { SK_F_ITALIC, "Ti" }, { SK_F_STRIKE, "Ts" },
        { SK_F_UNDERLINE, "Tu" }, { SK_F_SUP, "Tsup" }, { SK_F_SUB, "Tsub" },
    };
    int depth = 0;
    if (cstyle >= 0 && *sid(w, (sk_style_role)cstyle)) {
        sk_xmlw_start(w->x, "text:span");
        sk_xmlw_attr(w->x, "text:style-name", sid(w, (sk_style_role)cstyle));
        depth++;
    }
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
        if (direct & spans[i].flag) {
            sk_xmlw_start(w->x, "text:span");
            sk_xmlw_attr(w->x, "text:style-name", spans[i].style);
            depth++;
        }
    put_text(w, text);
    while (depth--)
        sk_xmlw_end(w->x);
}

static void on_tab(void *ctx)
{
    ow *w = ctx;
    sk_xmlw_leaf(w->x, "text:tab", NULL);
    w->space_ok = 0;
}

static void on_line_break(void *ctx)
{
    ow *w = ctx;
    sk_xmlw_leaf(w->x, "text:line-break", NULL);
    w->space_ok = 0;
}

static void on_anchor_start(void *ctx, const char *name)
{
    sk_xmlw_leaf(((ow *)ctx)->x, "text:bookmark-start", "text:name", name, NULL);
}

static void on_anchor_end(void *ctx, const char *name)
{
    sk_xmlw_leaf(((ow *)ctx)->x, "text:bookmark-end", "text:name", name, NULL);
}

static void on_link_start(void *ctx, const char *anchor, const char *url)
{
    ow *w = ctx;
    sk_xmlw_start(w->x, "text:a");
    sk_xmlw_attr(w->x, "xlink:type", "simple");
    /* the link's own character style: without one LibreOffice underlines a
     * reference or a 目次 entry as an Internet link */
    const char *cs = sid(w, anchor ? SK_ST_REF : SK_ST_LINK);
    if (*cs) {
        sk_xmlw_attr(w->x, "text:style-name", cs);
        sk_xmlw_attr(w->x, "text:visited-style-name", cs);
    }
    if (anchor) {
        char *href = sk_asprintf("#%s", anchor);
        sk_xmlw_attr(w->x, "xlink:href", href);
        free(href);
    } else {
        sk_xmlw_attr(w->x, "xlink:href", url);
    }
}

static void on_link_end(void *ctx)
{
    sk_xmlw_end(((ow *)ctx)->x);
}

/* ---------- the sink: figures ---------- */

static void on_image(void *ctx, const sk_asset *a, long long cx, long long cy, const char *label, int first)
{
    ow *w = ctx;
    if (first && !a->fig) { /* generated (a QR code): it lives for this call only */
        sk_asset *c = sk_calloc(1, sizeof *c);
        *c = *a;
        c->path = NULL;
        c->data = sk_malloc(a->len ? a->len : 1);
        memcpy(c->data, a->data, a->len);
        sk_vec_push(&w->own_media, c);
        a = c;
    }
    if (first)
        sk_vec_push(&w->media, (void *)a);
    char href[48], name[32], width[32], height[32];
    snprintf(href, sizeof href, "Pictures/image%u.%s", a->index, sk_image_ext(&a->info));
    snprintf(name, sizeof name, "Figure%u", ++w->frames);
    snprintf(width, sizeof width, "%.2fmm", cx / 36000.0);  /* EMU: 36000 to the mm */
    snprintf(height, sizeof height, "%.2fmm", cy / 36000.0);
    sk_xmlw_start(w->x, "draw:frame");
    sk_xmlw_attr(w->x, "draw:style-name", "Fig");
    sk_xmlw_attr(w->x, "draw:name", name);
    sk_xmlw_attr(w->x, "text:anchor-type", "as-char");
    sk_xmlw_attr(w->x, "svg:width", width);
    sk_xmlw_attr(w->x, "svg:height", height);
    sk_xmlw_attr(w->x, "draw:z-index", "0");
    sk_xmlw_leaf(w->x, "draw:image", "xlink:href", href, "xlink:type", "simple", "xlink:show", "embed",
                 "xlink:actuate", "onLoad", NULL);
    sk_xmlw_start(w->x, "svg:desc");
    sk_xmlw_text(w->x, label);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
    w->space_ok = 0;
}

/* ---------- the sink: formulas (MathML objects) ---------- */

#define NS_MATHML "http://www.w3.org/1998/Math/MathML"
#define MIME_FORMULA "application/vnd.oasis.opendocument.formula"

/* A formula object, "Object N/content.xml" of the package. */
typedef struct object {
    char *xml;
    size_t len;
} object;

/* MathML of a formula: the walk (texmath.h) names the nodes, this names their markup. */
static void ml_atom(void *ctx, const sk_math *m)
{
    static const char *const elem[] = { [SK_MATH_VAR] = "mi", [SK_MATH_NAME] = "mi", [SK_MATH_NUM] = "mn",
                                        [SK_MATH_OP] = "mo", [SK_MATH_TEXT] = "mtext" };
    sk_xmlw *x = ctx;
    sk_xmlw_start(x, elem[m->kind]);
    if (m->kind == SK_MATH_NAME)
        sk_xmlw_attr(x, "mathvariant", "normal");
    sk_xmlw_text(x, m->text ? m->text : "");
    sk_xmlw_end(x);
}

static void ml_mo(sk_xmlw *x, const char *text, const char *stretchy)
{
    sk_xmlw_start(x, "mo");
    if (stretchy)
        sk_xmlw_attr(x, "stretchy", stretchy);
    sk_xmlw_text(x, text);
    sk_xmlw_end(x);
}

/* The element holding an n-ary operator and its limits (NULL: the operator alone). */
static const char *ml_nary_elem(const sk_math *m)
{
    int side = sk_math_nary_side(m), lo = m->kid[0] != NULL, up = m->kid[1] != NULL;
    if (lo && up)
        return side ? "msubsup" : "munderover";
    if (lo)
        return side ? "msub" : "munder";
    if (up)
        return side ? "msup" : "mover";
    return NULL;
}

/* MathML's element per shape; an n-ary operator or a fence is a row of the operator or
 * delimiters and what they hold. */
static void ml_begin(void *ctx, const sk_math *m)
{
    static const char *const elem[SK_MS_COUNT] = { "mrow", "mfrac", "msub", "msup", "msubsup", "msqrt", "mroot",
                                                   "mrow", "mrow", "mover", "mover", "mtable" };
    sk_xmlw *x = ctx;
    sk_math_shape sh = sk_math_shape_of(m);
    sk_xmlw_start(x, elem[sh]);
    if (sh == SK_MS_NARY) { /* <mrow><munderover><mo>∑</mo>lower upper</munderover>body</mrow> */
        if (ml_nary_elem(m))
            sk_xmlw_start(x, ml_nary_elem(m));
        ml_mo(x, m->text, NULL);
    } else if (sh == SK_MS_FENCE && m->open[0]) {
        ml_mo(x, m->open, "true");
    } else if (sh == SK_MS_ACCENT || sh == SK_MS_BAR) {
        sk_xmlw_attr(x, "accent", "true");
    } else if (sh == SK_MS_ARRAY) {
        static const char *const al[] = { "left", "center", "right" };
        sk_buf b;
        sk_buf_init(&b);
        for (size_t c = 0; c < m->ncols; c++)
            sk_buf_printf(&b, "%s%s", c ? " " : "", al[sk_math_array_align(m, c) + 1]);
        sk_xmlw_attr(x, "columnalign", b.data ? b.data : "center");
        sk_buf_free(&b);
    }
}

/* Each written part is one element: its own, or an mrow around a sequence (or around
 * nothing); a limit or degree that is not written is left out. */
static void ml_part(void *ctx, const sk_math *m, sk_math_part p, int present, int start)
{
    sk_xmlw *x = ctx;
    if (p == SK_MP_ROW || p == SK_MP_CELL) { /* every row and cell is an element, empty ones too */
        if (start)
            sk_xmlw_start(x, p == SK_MP_ROW ? "mtr" : "mtd");
        else
            sk_xmlw_end(x);
        return;
    }
    int optional = p == SK_MP_SUB || p == SK_MP_SUP || p == SK_MP_DEGREE || p == SK_MP_LOWER || p == SK_MP_UPPER;
    const sk_math *k = sk_math_part_of(m, p);
    if (optional && !present)
        return;
    if (start && p == SK_MP_BODY && ml_nary_elem(m))
        sk_xmlw_end(x); /* the limits end where the summand starts */
    if (present && k->kind != SK_MATH_ROW)
        return;
    if (start)
        sk_xmlw_start(x, "mrow");
    else
        sk_xmlw_end(x);
}

static void ml_end(void *ctx, const sk_math *m)
{
    sk_xmlw *x = ctx;
    if (m->kind == SK_MATH_FENCE && m->close[0])
        ml_mo(x, m->close, "true");
    else if (m->kind == SK_MATH_ACCENT)
        ml_mo(x, sk_math_accent_get(m->accent)->spacing, NULL);
    sk_xmlw_end(x);
}

/* A formula or a 式中 symbol: an embedded formula object holding MathML, with the
 * StarMath text LibreOffice lays out as its annotation; framed as a character. */
static void on_formula(void *ctx, const sk_math *m, int display)
{
    ow *w = ctx;
    sk_xmlw *x = sk_xmlw_new();
    sk_math_sink s = { .ctx = x, .atom = ml_atom, .begin = ml_begin, .part = ml_part, .end = ml_end,
                       .degree_last = 1 };
    sk_xmlw_start(x, "math");
    sk_xmlw_attr(x, "xmlns", NS_MATHML);
    sk_xmlw_attr(x, "display", display ? "block" : "inline");
    sk_xmlw_start(x, "semantics");
    sk_xmlw_start(x, "mrow");
    sk_math_walk(m, &s);
    sk_xmlw_end(x);
    char *sm = sk_math_starmath(m);
    sk_xmlw_start(x, "annotation");
    sk_xmlw_attr(x, "encoding", "StarMath 5.0");
    sk_xmlw_text(x, sm);
    sk_xmlw_end(x);
    free(sm);
    object *o = sk_calloc(1, sizeof *o);
    size_t drop = 0;
    if (sk_xmlw_finish_if(x, 1, &o->xml, &o->len, &drop, &w->obj_err) < 0)
        w->obj_failed = 1;
    w->dropped += drop;
    sk_vec_push(&w->objects, o);
    char href[32], name[32];
    snprintf(href, sizeof href, "./Object %zu", w->objects.len);
    snprintf(name, sizeof name, "Formula%zu", w->objects.len);
    sk_xmlw_start(w->x, "draw:frame");
    sk_xmlw_attr(w->x, "draw:style-name", "Fm");
    sk_xmlw_attr(w->x, "draw:name", name);
    sk_xmlw_attr(w->x, "text:anchor-type", "as-char");
    sk_xmlw_attr(w->x, "draw:z-index", "0");
    sk_xmlw_leaf(w->x, "draw:object", "xlink:href", href, "xlink:type", "simple", "xlink:show", "embed",
                 "xlink:actuate", "onLoad", NULL);
    sk_xmlw_end(w->x);
    w->space_ok = 0;
}

/* Columns: the text after it goes into a section of its own (a section of n columns
 * has the automatic style "Sect<n>"); one column closes it. */
static void on_columns(void *ctx, int n)
{
    ow *w = ctx;
    char name[32];
    if (w->in_section) {
        sk_xmlw_end(w->x);
        w->in_section = 0;
    }
    if (n <= 1)
        return;
    char style[16];
    snprintf(style, sizeof style, "Sect%d", n); /* automatic_styles has the walk's (SK_INDEX_COLUMNS) */
    snprintf(name, sizeof name, "Columns%u", ++w->sections);
    sk_xmlw_start(w->x, "text:section");
    sk_xmlw_attr(w->x, "text:style-name", style);
    sk_xmlw_attr(w->x, "text:name", name);
    w->in_section = 1;
}

/* ---------- the sink: tables ---------- */

static void on_table_start(void *ctx, const sk_node *n, const sk_grid *g)
{
    ow *w = ctx;
    char name[32];
    (void)n;
    flush_page(w);
    snprintf(name, sizeof name, "Table%u", ++w->tables);
    sk_xmlw_start(w->x, "table:table");
    sk_xmlw_attr(w->x, "table:name", name);
    int total = 0;
    for (int c = 0; c < g->t->ncols; c++)
        total += g->width[c];
    sk_xmlw_attr(w->x, "table:style-name", total > SK_TEXT_W_TW && !g->landscape ? "TblWide" : table_style(g->keep, g->landscape));
    for (int c = 0; c < g->t->ncols; c++) {
        if (w->form) {
            snprintf(name, sizeof name, "C%d", g->width[c]);
            extra_style(w, name);
        }
        snprintf(name, sizeof name, "Col%d", g->width[c]);
        sk_xmlw_leaf(w->x, "table:table-column", "table:style-name", name, NULL);
    }
    w->in_header_rows = 0;
}

/* A row inserted or deleted is not marked: ODF tracks changes of text, and
 * LibreOffice keeps the row (its cells' text is marked). */
static void on_row_start(void *ctx, sk_row_kind kind, sk_mark mark)
{
    ow *w = ctx;
    (void)mark;
    if (kind == SK_ROW_HEADER && !w->in_header_rows) {
        sk_xmlw_start(w->x, "table:table-header-rows");
        w->in_header_rows = 1;
    } else if (kind != SK_ROW_HEADER && w->in_header_rows) {
        sk_xmlw_end(w->x);
        w->in_header_rows = 0;
    }
    sk_xmlw_start(w->x, "table:table-row");
    if (kind != SK_ROW_NOTES && w->row_h > 0 && w->form) {
        char name[32];
        snprintf(name, sizeof name, "R%d", w->row_h);
        sk_xmlw_attr(w->x, "table:style-name", extra_style(w, name));
    } else if (kind != SK_ROW_NOTES) {
        sk_xmlw_attr(w->x, "table:style-name", kind == SK_ROW_FIELDS ? "RowF" : "Row");
    }
    w->row_h = 0;
}

static void on_row_height(void *ctx, int twips)
{
    ((ow *)ctx)->row_h = twips;
}

static void on_cell_start(void *ctx, const sk_tcell *c)
{
    ow *w = ctx;
    if (c->kind != SK_TC_CELL) {
        sk_xmlw_start(w->x, "table:covered-table-cell");
        return;
    }
    char name[16];
    cell_style_name(c->edges | (c->rule_below ? SK_EDGE_BOTTOM : 0), name);
    sk_xmlw_start(w->x, "table:table-cell");
    sk_xmlw_attr(w->x, "table:style-name", name);
    if (c->colspan > 1)
        sk_xmlw_attr_int(w->x, "table:number-columns-spanned", c->colspan);
    if (c->rowspan > 1)
        sk_xmlw_attr_int(w->x, "table:number-rows-spanned", c->rowspan);
    sk_xmlw_attr(w->x, "office:value-type", "string");
}

static void on_end(void *ctx)
{
    sk_xmlw_end(((ow *)ctx)->x);
}

static void on_table_end(void *ctx)
{
    ow *w = ctx;
    if (w->in_header_rows) /* a table of header rows only */
        sk_xmlw_end(w->x);
    w->in_header_rows = 0;
    sk_xmlw_end(w->x);
}

/* ---------- the sink: the 目次 ---------- */

static void entry_template(ow *w, int level, sk_style_role role)
{
    sk_xmlw *x = w->x;
    sk_xmlw_start(x, "text:table-of-content-entry-template");
    sk_xmlw_attr_int(x, "text:outline-level", level);
    sk_xmlw_attr(x, "text:style-name", sid(w, role));
    sk_xmlw_leaf(x, "text:index-entry-link-start", NULL);
    sk_xmlw_leaf(x, "text:index-entry-text", NULL);
    sk_xmlw_leaf(x, "text:index-entry-tab-stop", "style:type", "right", "style:leader-char", ".", NULL);
    sk_xmlw_leaf(x, "text:index-entry-page-number", NULL);
    sk_xmlw_leaf(x, "text:index-entry-link-end", NULL);
    sk_xmlw_end(x);
}

static void on_toc_start(void *ctx, const sk_toc *t)
{
    ow *w = ctx;
    sk_xmlw *x = w->x;
    (void)t;
    sk_xmlw_start(x, "text:table-of-content");
    sk_xmlw_attr(x, "text:name", SK_TOC_TITLE);
    sk_xmlw_attr(x, "text:protected", "true");
    sk_xmlw_start(x, "text:table-of-content-source");
    sk_xmlw_attr(x, "text:outline-level", "2");
    sk_xmlw_attr(x, "text:use-outline-level", "false");
    sk_xmlw_attr(x, "text:use-index-marks", "true");
    sk_xmlw_leaf(x, "text:index-title-template", NULL); /* empty: an update adds no title of its own */
    entry_template(w, 1, SK_ST_TOC1);
    entry_template(w, 2, SK_ST_TOC2);
    sk_xmlw_end(x);
    sk_xmlw_start(x, "text:index-body");
}

static void on_toc_entry(void *ctx, const sk_toc_entry *e, const char *anchor, const char *page, int first, int last)
{
    (void)first;
    (void)last;
    if (!e)
        return;
    if (!anchor) {
        on_text(ctx, e->text, -1, 0);
        return;
    }
    on_link_start(ctx, anchor, NULL);
    on_text(ctx, e->text, -1, 0);
    on_tab(ctx);
    on_text(ctx, page, -1, 0);
    on_link_end(ctx);
}

/* The 目次 entry of a heading, as LibreOffice's index update takes it (the index
 * source reads the marks, not the outline). */
static void on_toc_mark(void *ctx, const char *text, int level)
{
    ow *w = ctx;
    sk_xmlw_start(w->x, "text:toc-mark");
    sk_xmlw_attr(w->x, "text:string-value", text);
    sk_xmlw_attr_int(w->x, "text:outline-level", level);
    sk_xmlw_end(w->x);
}

static void on_toc_end(void *ctx)
{
    ow *w = ctx;
    sk_xmlw_end(w->x); /* index-body */
    sk_xmlw_end(w->x); /* table-of-content */
}

static void on_page_field(void *ctx, int count)
{
    ow *w = ctx;
    sk_xmlw_start(w->x, count ? "text:page-count" : "text:page-number");
    if (!count)
        sk_xmlw_attr(w->x, "text:select-page", "current");
    sk_xmlw_text(w->x, "1");
    sk_xmlw_end(w->x);
}

static sk_sink odt_sink(ow *w)
{
    return (sk_sink){ .ctx = w, .page = on_page, .para_start = on_para_start, .para_end = on_para_end,
                      .text = on_text, .tab = on_tab, .line_break = on_line_break, .anchor_start = on_anchor_start,
                      .anchor_end = on_anchor_end, .link_start = on_link_start, .link_end = on_link_end,
                      .image = on_image, .table_start = on_table_start, .row_start = on_row_start,
                      .cell_start = on_cell_start, .cell_end = on_end, .row_end = on_end, .table_end = on_table_end,
                      .toc_start = on_toc_start, .toc_entry = on_toc_entry, .toc_end = on_toc_end,
                      .toc_mark = on_toc_mark, .formula = on_formula, .columns = on_columns,
                      .landscape = on_landscape, .change = on_change, .row_height = on_row_height,
                      .page_field = on_page_field };
}

/* ---------- the parts ---------- */

static void root(sk_xmlw *x, const char *name)
{
    sk_xmlw_start(x, name);
    declare_ns(x);
    sk_xmlw_attr(x, "office:version", SK_ODF_VERSION);
}

static int write_content(ow *w, const sk_cover *c, const sk_toc *t, const sk_form_copies *form, int sheet, char **xml,
                         size_t *len, size_t *drop, sk_err *err)
{
    sk_layout_opts wo = { .doc = w->doc, .assets = w->o->assets, .fill = w->o->fill, .no_anchors = form || sheet,
                          .redline = form || sheet || w->paper ? NULL : w->o->redline, .text_width = w->text_w,
                          .line_numbers = w->o->line_numbers, .paging = form || sheet || w->paper ? NULL : w->o->paging };
    sk_layout *walk = sk_layout_new(&wo);
    sk_sink s = odt_sink(w);
    if (form) {
        /* the body first, into a writer of its own: its tables' widths and heights
         * and its aligned paragraphs are automatic styles, which come before it */
        w->form = 1;
        w->x = sk_xmlw_new();
        sk_xmlw_start(w->x, "office:body");
        sk_xmlw_start(w->x, "office:text");
        int rc = sk_layout_form(walk, &s, form, err);
        sk_layout_free(walk);
        /* the table columns of every copy */
        for (size_t i = 0; i < w->extra_order.len; i++) {
            const char *e = w->extra_order.items[i];
            if (e[0] == 'C')
                add_width(w, atoi(e + 1));
        }
        char *body = NULL;
        size_t blen = 0;
        sk_xmlw *bx = w->x;
        w->x = NULL;
        *drop += sk_xmlw_dropped(bx);
        if (sk_xmlw_finish_if(bx, rc == 0, &body, &blen, NULL, err) < 0)
            return -1;
        const char *frag = strstr(body, "?>");
        frag = frag ? frag + 2 + (frag[2] == '\n') : body;
        size_t flen = blen - (size_t)(frag - body);
        while (flen && frag[flen - 1] == '\n')
            flen--;
        w->x = sk_xmlw_new();
        root(w->x, "office:document-content");
        copy_office_child(w->x, w->styles, "font-face-decls");
        automatic_styles(w);
        sk_xmlw_raw(w->x, frag, flen);
        free(body);
        sk_xmlw *x = w->x;
        w->x = NULL;
        return sk_xmlw_finish_if(x, 1, xml, len, drop, err);
    }
    collect_widths(w, w->doc->root, !sheet && !w->paper);
    sk_xmlw *x = w->x = sk_xmlw_new();
    root(w->x, "office:document-content");
    copy_office_child(w->x, w->styles, "font-face-decls");
    automatic_styles(w);
    sk_xmlw_start(w->x, "office:body");
    sk_xmlw_start(w->x, "office:text");
    if (wo.redline) { /* the text apart: its tracked changes come first */
        w->x = w->body = sk_xmlw_new_fragment();
        w->regions = sk_xmlw_new_fragment();
        sk_stamp_w3cdtf(w->o->change_date ? w->o->change_date : w->o->modified, w->date);
    }
    int rc = w->paper ? sk_layout_paper(walk, &s, (sk_page_kind)w->paper, err)
             : sheet  ? sk_layout_sheet(walk, &s, err)
                      : sk_layout_document(walk, &s, c, t, err);
    sk_layout_free(walk);
    if (w->regions) {
        if (sk_xmlw_size(w->regions)) {
            sk_xmlw_start(x, "text:tracked-changes");
            sk_xmlw_take(x, w->regions);
            sk_xmlw_end(x);
        } else {
            sk_xmlw_free(w->regions);
        }
        sk_xmlw_take(x, w->body);
        w->regions = w->body = NULL;
    }
    w->x = NULL;
    return sk_xmlw_finish_if(x, rc == 0, xml, len, drop, err);
}

static void hf_boxes(sk_xmlw *x, int header, int footer);

static void page_layout(sk_xmlw *x, const char *name, const char *numfmt, int header, int footer, int land)
{
    sk_xmlw_start(x, "style:page-layout");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_attr(x, "style:page-usage", "mirrored");
    sk_xmlw_start(x, "style:page-layout-properties");
    attr_mm(x, "fo:page-width", land ? SK_PAGE_H_TW : SK_PAGE_W_TW);
    attr_mm(x, "fo:page-height", land ? SK_PAGE_W_TW : SK_PAGE_H_TW);
    sk_xmlw_attr(x, "style:num-format", numfmt);
    sk_xmlw_attr(x, "style:print-orientation", land ? "landscape" : "portrait");
    /* with a header, the page margin ends at the header and the header box (text
     * and spacing) fills the rest of the top margin; the same for the footer */
    attr_mm(x, "fo:margin-top", header ? SK_HEADER_TW : SK_MARGIN_TOP_TW);
    attr_mm(x, "fo:margin-bottom", footer ? SK_FOOTER_TW : SK_MARGIN_BOTTOM_TW);
    attr_mm(x, "fo:margin-left", SK_MARGIN_INNER_TW);
    attr_mm(x, "fo:margin-right", SK_MARGIN_OUTER_TW);
    sk_xmlw_attr(x, "style:writing-mode", "lr-tb");
    sk_xmlw_end(x);
    hf_boxes(x, header, footer);
    sk_xmlw_end(x);
}

/* The header and footer boxes of a page layout: with a header, the page margin ends
 * at the header and the header box (text and spacing) fills the rest of the top
 * margin; the same for the footer. */
static void hf_boxes(sk_xmlw *x, int header, int footer)
{
    if (header) {
        sk_xmlw_start(x, "style:header-style");
        sk_xmlw_start(x, "style:header-footer-properties");
        attr_mm(x, "fo:min-height", SK_MARGIN_TOP_TW - SK_HEADER_TW - HEADER_GAP_TW);
        attr_mm(x, "fo:margin-bottom", HEADER_GAP_TW);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    if (footer) {
        /* the page number's line sits at the bottom of the footer box, as in Word */
        int line = FOOTER_LINE_TW;
        sk_xmlw_start(x, "style:footer-style");
        sk_xmlw_start(x, "style:header-footer-properties");
        attr_mm(x, "fo:min-height", line);
        attr_mm(x, "fo:margin-top", SK_MARGIN_BOTTOM_TW - SK_FOOTER_TW - line);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
}

/* A form on landscape A4: the margins turned with the page (the inner one on top);
 * header and footer boxes as page_layout's (a form's page marks). */
static void page_layout_wide(sk_xmlw *x, const char *name, int header, int footer)
{
    sk_xmlw_start(x, "style:page-layout");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_start(x, "style:page-layout-properties");
    attr_mm(x, "fo:page-width", SK_PAGE_H_TW);
    attr_mm(x, "fo:page-height", SK_PAGE_W_TW);
    sk_xmlw_attr(x, "style:num-format", "1");
    sk_xmlw_attr(x, "style:print-orientation", "landscape");
    attr_mm(x, "fo:margin-top", header ? SK_HEADER_TW : SK_MARGIN_TOP_TW);
    attr_mm(x, "fo:margin-bottom", footer ? SK_FOOTER_TW : SK_MARGIN_BOTTOM_TW);
    attr_mm(x, "fo:margin-left", SK_MARGIN_INNER_TW);
    attr_mm(x, "fo:margin-right", SK_MARGIN_OUTER_TW);
    sk_xmlw_attr(x, "style:writing-mode", "lr-tb");
    sk_xmlw_end(x);
    hf_boxes(x, header, footer);
    sk_xmlw_end(x);
}

/* The marks of a form's pages (layout.h's sk_form_marks): the master page of its
 * first page (the footer 第 N 页 共 M 页) and of its continued pages (the header
 * TITLE（续） too). */
static void form_mark_footer(sk_xmlw *x, const ow *w)
{
    sk_xmlw_start(x, "style:footer");
    sk_xmlw_start(x, "text:p");
    sk_xmlw_attr(x, "text:style-name", "FormMark");
    sk_xmlw_text(x, w->marks.before);
    sk_xmlw_start(x, "text:page-number");
    sk_xmlw_attr(x, "text:select-page", "current");
    sk_xmlw_text(x, "1");
    sk_xmlw_end(x);
    sk_xmlw_text(x, w->marks.mid);
    sk_xmlw_start(x, "text:page-count");
    sk_xmlw_text(x, "1");
    sk_xmlw_end(x);
    sk_xmlw_text(x, w->marks.after);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

static void form_marked_masters(sk_xmlw *x, const ow *w, const char *name)
{
    sk_xmlw_start(x, "style:master-page");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_attr(x, "style:page-layout-name", w->wide ? "pmFormWideF" : "pmFormF");
    sk_xmlw_attr(x, "style:next-style-name", "FormCont");
    form_mark_footer(x, w);
    sk_xmlw_end(x);
    sk_xmlw_start(x, "style:master-page");
    sk_xmlw_attr(x, "style:name", "FormCont");
    sk_xmlw_attr(x, "style:page-layout-name", w->wide ? "pmFormWideHF" : "pmFormHF");
    sk_xmlw_attr(x, "style:next-style-name", "FormCont");
    sk_xmlw_start(x, "style:header");
    sk_xmlw_start(x, "text:p");
    sk_xmlw_attr(x, "text:style-name", "FormMark");
    sk_xmlw_text(x, w->marks.continued);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
    form_mark_footer(x, w);
    sk_xmlw_end(x);
}

static void hf_para_style(sk_xmlw *x, const char *name, const char *parent, const char *align)
{
    para_style(x, name, parent, NULL);
    sk_xmlw_leaf(x, "style:paragraph-properties", "fo:text-align", align, NULL);
    sk_xmlw_end(x);
}

static void hf_para(sk_xmlw *x, const char *style, const char *number, int page)
{
    sk_xmlw_start(x, "text:p");
    sk_xmlw_attr(x, "text:style-name", style);
    if (page) {
        sk_xmlw_start(x, "text:page-number");
        sk_xmlw_attr(x, "text:select-page", "current");
        sk_xmlw_text(x, "1");
        sk_xmlw_end(x);
    } else {
        sk_xmlw_text(x, number);
    }
    sk_xmlw_end(x);
}

static void numbered_master(sk_xmlw *x, const char *name, const char *layout, const char *number)
{
    sk_xmlw_start(x, "style:master-page");
    sk_xmlw_attr(x, "style:name", name);
    sk_xmlw_attr(x, "style:page-layout-name", layout);
    static const char *const elem[] = { "style:header", "style:header-left", "style:footer", "style:footer-left" };
    static const char *const style[] = { "HdrR", "HdrL", "FtrR", "FtrL" };
    for (int i = 0; i < 4; i++) {
        sk_xmlw_start(x, elem[i]);
        hf_para(x, style[i], number, i >= 2);
        sk_xmlw_end(x);
    }
    sk_xmlw_end(x);
}

static void write_styles(ow *w, const sk_cover *c, int form, char **xml, size_t *len, size_t *drop, sk_err *err)
{
    sk_xmlw *x = w->x = sk_xmlw_new();
    root(x, "office:document-styles");
    copy_office_child(x, w->styles, "font-face-decls");
    if (w->o->line_numbers)
        copy_styles_numbered(x, w->styles);
    else
        copy_office_child(x, w->styles, "styles");
    sk_xmlw_start(x, "office:automatic-styles");
    page_layout(x, "pmCover", "1", 0, 1, 0);
    page_layout(x, "pmFront", "I", 1, 1, 0);
    page_layout(x, "pmBody", "1", 1, 1, 0);
    if (w->turns)
        page_layout(x, "pmBodyLand", "1", 1, 1, 1);
    page_layout(x, "pmForm", "1", 0, 0, 0);
    if (form)
        page_layout_wide(x, "pmFormWide", 0, 0);
    if (form && w->has_marks) {
        if (w->wide) {
            page_layout_wide(x, "pmFormWideF", 0, 1);
            page_layout_wide(x, "pmFormWideHF", 1, 1);
        } else {
            page_layout(x, "pmFormF", "1", 0, 1, 0);
            page_layout(x, "pmFormHF", "1", 1, 1, 0);
        }
        hf_para_style(x, "FormMark", sid(w, SK_ST_FORM_TEXT), "center");
    }
    if (w->paper) {
        page_layout(x, "pmPaper", "1", 0, 1, w->paper == SK_PAGE_PAPER_WIDE);
        hf_para_style(x, "FtrC", sid(w, SK_ST_FOOTER), "center");
    }
    hf_para_style(x, "HdrR", sid(w, SK_ST_HEADER), "end");
    hf_para_style(x, "HdrL", sid(w, SK_ST_HEADER), "start");
    hf_para_style(x, "FtrR", sid(w, SK_ST_FOOTER), "end");
    hf_para_style(x, "FtrL", sid(w, SK_ST_FOOTER), "start");
    sk_xmlw_end(x);
    sk_xmlw_start(x, "office:master-styles");
    sk_xmlw_leaf(x, "style:master-page", "style:name", "Standard", "style:page-layout-name", "pmForm", NULL);
    if (w->paper) {
        sk_xmlw_start(x, "style:master-page");
        sk_xmlw_attr(x, "style:name", masters[w->paper]);
        sk_xmlw_attr(x, "style:page-layout-name", "pmPaper");
        sk_xmlw_start(x, "style:footer");
        sk_sink s = odt_sink(w);
        sk_layout_paper_foot(&s, (sk_page_kind)w->paper);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    } else if (!form) {
        sk_xmlw_start(x, "style:master-page");
        sk_xmlw_attr(x, "style:name", "Cover");
        sk_xmlw_attr(x, "style:page-layout-name", "pmCover");
        sk_xmlw_start(x, "style:footer");
        sk_sink s = odt_sink(w);
        sk_layout_cover_foot(&s, c);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
        numbered_master(x, "Front", "pmFront", sk_labels_header(w->doc));
        numbered_master(x, "Body", "pmBody", sk_labels_header(w->doc));
        if (w->turns)
            numbered_master(x, "BodyLand", "pmBodyLand", sk_labels_header(w->doc));
    }
    if (form && w->has_marks && !w->wide)
        form_marked_masters(x, w, "Form");
    else
        sk_xmlw_leaf(x, "style:master-page", "style:name", "Form", "style:page-layout-name", "pmForm", NULL);
    if (form && w->has_marks && w->wide)
        form_marked_masters(x, w, "FormWide");
    else if (form)
        sk_xmlw_leaf(x, "style:master-page", "style:name", "FormWide", "style:page-layout-name", "pmFormWide", NULL);
    sk_xmlw_end(x);
    w->x = NULL;
    *drop += sk_xmlw_dropped(x);
    if (sk_xmlw_finish(x, xml, len, err) < 0)
        *xml = NULL;
}

static void text_elem(sk_xmlw *x, const char *name, const char *text)
{
    if (!text)
        return;
    sk_xmlw_start(x, name);
    sk_xmlw_text(x, text);
    sk_xmlw_end(x);
}

static void meta(sk_xmlw *x, const ow *w, const sk_cover *c, int pages)
{
    char created[32], modified[32];
    sk_stamp_w3cdtf(w->o->created, created);
    sk_stamp_w3cdtf(w->o->modified, modified);
    root(x, "office:document-meta");
    sk_xmlw_start(x, "office:meta");
    text_elem(x, "meta:generator", "stdkit stdgen " SK_VERSION);
    text_elem(x, "dc:title", c->title);
    const char *issuer = sk_meta_get(w->doc->meta, ISSUER);
    if (!issuer && w->o->sys)
        issuer = w->o->sys->issuer;
    text_elem(x, "meta:initial-creator", issuer);
    text_elem(x, "dc:creator", issuer);
    text_elem(x, "meta:creation-date", created);
    text_elem(x, "dc:date", modified);
    text_elem(x, "dc:language", "zh-CN");
    sk_xmlw_start(x, "meta:document-statistic");
    sk_xmlw_attr_int(x, "meta:page-count", pages);
    sk_xmlw_end(x);
    sk_xmlw_start(x, "meta:user-defined");
    sk_xmlw_attr(x, "meta:name", "Identifier");
    sk_xmlw_text(x, c->number);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

static void manifest_entry(sk_xmlw *x, const char *path, const char *type, int version)
{
    sk_xmlw_start(x, "manifest:file-entry");
    sk_xmlw_attr(x, "manifest:full-path", path);
    if (version)
        sk_xmlw_attr(x, "manifest:version", SK_ODF_VERSION);
    sk_xmlw_attr(x, "manifest:media-type", type);
    sk_xmlw_end(x);
}

static void manifest(sk_xmlw *x, const ow *w)
{
    sk_xmlw_start(x, "manifest:manifest");
    sk_xmlw_attr(x, "xmlns:manifest", NS_MANIFEST);
    sk_xmlw_attr(x, "manifest:version", SK_ODF_VERSION);
    manifest_entry(x, "/", SK_ODT_MIME, 1);
    manifest_entry(x, "content.xml", "text/xml", 0);
    manifest_entry(x, "styles.xml", "text/xml", 0);
    manifest_entry(x, "meta.xml", "text/xml", 0);
    manifest_entry(x, "settings.xml", "text/xml", 0);
    for (size_t i = 0; i < w->media.len; i++) {
        const sk_asset *a = w->media.items[i];
        char name[48];
        snprintf(name, sizeof name, "Pictures/image%u.%s", a->index, sk_image_ext(&a->info));
        manifest_entry(x, name, sk_image_mime(&a->info), 0);
    }
    for (size_t i = 0; i < w->objects.len; i++) {
        char name[48];
        snprintf(name, sizeof name, "Object %zu/", i + 1);
        manifest_entry(x, name, MIME_FORMULA, 1);
        snprintf(name, sizeof name, "Object %zu/content.xml", i + 1);
        manifest_entry(x, name, "text/xml", 0);
    }
    sk_xmlw_end(x);
}

/* The package around content.xml (taken over). */
static int package(ow *w, const sk_cover *c, int form, int pages, char *content, size_t clen, size_t *drop,
                   sk_zip **out, sk_err *err)
{
    sk_zip *pkg = sk_zip_new();
    char *styles = NULL;
    size_t slen = 0;
    int rc = -1;
    sk_zip_add_copy(pkg, "mimetype", SK_ODT_MIME, strlen(SK_ODT_MIME), SK_ZIP_STORE);
    sk_zip_add(pkg, "content.xml", content, clen, SK_ZIP_DEFLATE);
    content = NULL;
    write_styles(w, c, form, &styles, &slen, drop, err);
    if (!styles)
        goto done;
    sk_zip_add(pkg, "styles.xml", styles, slen, SK_ZIP_DEFLATE);
    sk_xmlw *x = sk_xmlw_new();
    meta(x, w, c, pages);
    if (sk_zip_add_xml(pkg, "meta.xml", x, drop, err) < 0)
        goto done;
    size_t len = 0;
    const unsigned char *settings = sk_templates_get("odt/settings.xml", &len);
    sk_zip_add_copy(pkg, "settings.xml", settings ? settings : (const unsigned char *)"", len, SK_ZIP_DEFLATE);
    for (size_t i = 0; i < w->media.len; i++) {
        const sk_asset *a = w->media.items[i];
        char name[48];
        snprintf(name, sizeof name, "Pictures/image%u.%s", a->index, sk_image_ext(&a->info));
        sk_zip_add_copy(pkg, name, a->data, a->len, SK_ZIP_STORE); /* compressed already */
    }
    if (w->obj_failed) {
        *err = w->obj_err;
        goto done;
    }
    *drop += w->dropped;
    for (size_t i = 0; i < w->objects.len; i++) {
        object *o = w->objects.items[i];
        char name[48];
        snprintf(name, sizeof name, "Object %zu/content.xml", i + 1);
        sk_zip_add(pkg, name, o->xml, o->len, SK_ZIP_DEFLATE);
        o->xml = NULL;
    }
    x = sk_xmlw_new();
    manifest(x, w);
    if (sk_zip_add_xml(pkg, "META-INF/manifest.xml", x, drop, err) < 0)
        goto done;
    *out = pkg;
    pkg = NULL;
    rc = 0;
done:
    sk_zip_free(pkg);
    free(content);
    return rc;
}

static int ow_init(ow *w, const sk_doc *doc, const sk_odt_opts *o, sk_style_ids *builtin, sk_err *err)
{
    memset(w, 0, sizeof *w);
    w->doc = doc;
    w->o = o;
    w->pending = -1;
    sk_map_init(&w->extra);
    w->text_w = SK_TEXT_W_TW;
    sk_style_ids_init_odt(builtin);
    if (o->ref) {
        w->ids = &o->ref->ids;
        w->styles = o->ref->doc;
        return 0;
    }
    w->ids = builtin;
    w->styles = parse_template(err);
    return w->styles ? 0 : -1;
}

static void ow_free(ow *w, sk_style_ids *builtin)
{
    sk_layout_form_marks_free(&w->marks);
    if (w->styles && (!w->o->ref || w->styles != w->o->ref->doc))
        xmlFreeDoc(w->styles);
    sk_vec_free(&w->media);
    for (size_t i = 0; i < w->objects.len; i++) {
        object *o = w->objects.items[i];
        free(o->xml);
        free(o);
    }
    sk_vec_free(&w->objects);
    free(w->widths);
    sk_map_free(&w->extra);
    for (size_t i = 0; i < w->extra_order.len; i++)
        free(w->extra_order.items[i]);
    sk_vec_free(&w->extra_order);
    for (size_t i = 0; i < w->own_media.len; i++) {
        sk_asset *a = w->own_media.items[i];
        free(a->data);
        free(a);
    }
    sk_vec_free(&w->own_media);
    sk_style_ids_free(builtin);
}

/* A standard (form NULL, sheet 0, paper 0), a form document, a single sheet, or a
 * paper (its page kind). */
static int build(sk_zip **out, const sk_doc *doc, const sk_form_copies *form, int sheet, int paper,
                 const sk_odt_opts *o, size_t *dropped, sk_err *err)
{
    ow w;
    sk_cover c;
    sk_toc t = { 0 };
    sk_style_ids builtin;
    sk_odt_opts fo = *o;
    char *content = NULL;
    size_t clen = 0, drop = 0;
    int rc = -1;

    if (form) {
        fo.fill = form->fill;
        sk_cover_build_form(&c, doc, form->form, o->sys);
    } else {
        sk_cover_build(&c, doc, o->sys);
        if (!sheet && !paper)
            sk_toc_build(&t, doc, o->assets);
    }
    /* the pages LibreOffice laid out (blank ones included) when measured, else the estimate */
    int pages = form                                                       ? sk_fill_pages(form)
                : sheet || paper                                           ? 1
                : o->paging && o->paging->measured && o->paging->pages > 0 ? o->paging->pages
                                                                           : 1 + t.front_pages + t.body_pages;
    int init = ow_init(&w, doc, &fo, &builtin, err);
    w.paper = paper;
    if (paper == SK_PAGE_PAPER_WIDE)
        w.text_w = SK_WIDE_TEXT_W_TW;
    if (init == 0 && form)
        w.has_marks = sk_layout_form_marks(form, &w.marks);
    if (init < 0 ||
        write_content(&w, &c, &t, form, sheet, &content, &clen, &drop, err) < 0 ||
        package(&w, &c, form || sheet || paper, pages, content, clen, &drop, out, err) < 0)
        goto done;
    if (dropped)
        *dropped = drop;
    rc = 0;
done:
    ow_free(&w, &builtin);
    sk_cover_free(&c);
    sk_toc_free(&t);
    return rc;
}

int sk_odt_build(sk_zip **out, const sk_doc *doc, const sk_odt_opts *o, size_t *dropped, sk_err *err)
{
    return build(out, doc, NULL, 0, 0, o, dropped, err);
}

int sk_odt_build_sheet(sk_zip **out, const sk_doc *doc, const sk_odt_opts *o, size_t *dropped, sk_err *err)
{
    return build(out, doc, NULL, 1, 0, o, dropped, err);
}

int sk_odt_build_paper(sk_zip **out, const sk_doc *doc, int wide, const sk_odt_opts *o, size_t *dropped,
                       sk_err *err)
{
    return build(out, doc, NULL, 0, wide ? SK_PAGE_PAPER_WIDE : SK_PAGE_PAPER, o, dropped, err);
}

int sk_odt_build_form(sk_zip **out, const sk_doc *doc, const sk_form_copies *fc, const sk_odt_opts *o,
                      size_t *dropped, sk_err *err)
{
    return build(out, doc, fc, 0, 0, o, dropped, err);
}

int sk_odt_write(const sk_doc *doc, const char *path, sk_err *err)
{
    sk_assets assets = { 0 };
    sk_zip *pkg = NULL;
    sk_odt_opts o = { .assets = &assets };
    sk_cover_times(doc, &o.created, &o.modified);
    const char *input = doc->src->path; /* never written over */
    int rc = sk_assets_load(&assets, doc, err) < 0 || sk_odt_build(&pkg, doc, &o, NULL, err) < 0
                 ? -1
                 : sk_zip_write(pkg, path, &input, 1, err);
    sk_zip_free(pkg);
    sk_assets_free(&assets);
    return rc;
}
