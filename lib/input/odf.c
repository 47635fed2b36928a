#include "input/odf.h"

#include "base/libxml.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xml.h"
#include "base/zip.h"

#define MAX_DEPTH 40

static int is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && n->ns && n->ns->prefix &&
           !strcmp((const char *)n->ns->prefix, ns);
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name))
            return a->children && a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

typedef struct outline_lvl {
    char fmt[8], prefix[16], suffix[16];
    int display, start;
} outline_lvl;

typedef struct rd {
    sk_zip_reader *zr;
    const char *path;
    sk_err *err;
    sk_flow *f;
    sk_map names;        /* style:name → display name (char*) */
    sk_map parents;      /* style:name → parent style name (char*) */
    sk_map bold;         /* automatic text styles that are bold */
    sk_map italic;
    sk_map images;
    sk_map numbered;     /* list style → the levels (bit k: level k) that count, as (void*) mask */
    outline_lvl ol[10];
    int cnt[10];
    int failed;
} rd;

static void read_styles(rd *R, const xmlNode *n, int depth)
{
    if (depth > 6)
        return;
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is(k, "style", "style")) {
            const char *name = attr(k, "name"), *dn = attr(k, "display-name"), *par = attr(k, "parent-style-name");
            if (!name)
                continue;
            if (!sk_map_get(&R->names, name))
                sk_map_put(&R->names, name, sk_strdup(dn ? dn : name));
            if (par && !sk_map_get(&R->parents, name))
                sk_map_put(&R->parents, name, sk_strdup(par));
            for (const xmlNode *p = k->children; p; p = p->next)
                if (is(p, "style", "text-properties")) {
                    const char *w = attr(p, "font-weight"), *st = attr(p, "font-style");
                    if (w && !strcmp(w, "bold"))
                        sk_map_put(&R->bold, name, (void *)1);
                    if (st && !strcmp(st, "italic"))
                        sk_map_put(&R->italic, name, (void *)1);
                }
        } else if (is(k, "text", "list-style")) {
            /* which levels are numbered (a), 1)) and which bulleted */
            const char *name = attr(k, "name");
            uintptr_t mask = 1u << 31; /* known, even when nothing is numbered */
            for (const xmlNode *l = k->children; l; l = l->next) {
                const char *lv = attr(l, "level");
                int v = lv ? atoi(lv) : 0;
                if (is(l, "text", "list-level-style-number") && v >= 1 && v <= 10)
                    mask |= (uintptr_t)1 << v;
            }
            if (name && !sk_map_get(&R->numbered, name))
                sk_map_put(&R->numbered, name, (void *)mask);
        } else if (is(k, "text", "outline-style")) {
            for (const xmlNode *l = k->children; l; l = l->next) {
                if (!is(l, "text", "outline-level-style"))
                    continue;
                const char *lv = attr(l, "level");
                int v = lv ? atoi(lv) : 0;
                if (v < 1 || v > 9)
                    continue;
                outline_lvl *o = &R->ol[v];
                const char *fmt = attr(l, "num-format"), *pre = attr(l, "num-prefix"), *suf = attr(l, "num-suffix");
                const char *dl = attr(l, "display-levels"), *sv = attr(l, "start-value");
                snprintf(o->fmt, sizeof o->fmt, "%s", fmt ? fmt : "");
                snprintf(o->prefix, sizeof o->prefix, "%s", pre ? pre : "");
                snprintf(o->suffix, sizeof o->suffix, "%s", suf ? suf : "");
                o->display = dl ? atoi(dl) : 1;
                o->start = sv ? atoi(sv) : 1;
            }
        } else {
            read_styles(R, k, depth + 1);
        }
    }
}

/* The display name of a style, through automatic styles to the named one. */
static const char *style_name(rd *R, const char *name)
{
    for (int i = 0; name && i < 10; i++) {
        const char *dn = sk_map_get(&R->names, name);
        const char *par = sk_map_get(&R->parents, name);
        /* automatic styles (P1, T2) are named by the tool: take their parent's */
        if (par && (name[0] == 'P' || name[0] == 'T') && strspn(name + 1, "0123456789") == strlen(name + 1)) {
            name = par;
            continue;
        }
        return dn ? dn : name;
    }
    return name;
}

static void fmt_num(sk_buf *b, int v, const char *fmt)
{
    if (!strcmp(fmt, "A") || !strcmp(fmt, "a"))
        sk_buf_putc(b, (char)(fmt[0] + (v - 1) % 26));
    else if (*fmt)
        sk_buf_printf(b, "%d", v);
}

static unsigned span_flags(rd *R, const char *sn)
{
    unsigned f = 0;
    if (sn && sk_map_get(&R->bold, sn))
        f |= SK_FL_BOLD;
    if (sn && sk_map_get(&R->italic, sn))
        f |= SK_FL_ITALIC;
    return f;
}

static int image_of(rd *R, const char *href)
{
    if (!href || strstr(href, "://"))
        return -1;
    size_t k = (size_t)(uintptr_t)sk_map_get(&R->images, href);
    if (k)
        return (int)k - 1;
    if (R->f->nimages >= SK_FLOW_MAX_IMAGES)
        return -1;
    char *data = NULL;
    size_t len = 0;
    sk_err e2;
    sk_err_clear(&e2);
    if (sk_zip_read(R->zr, href, &data, &len, &e2) != 1)
        return -1;
    int idx = sk_flow_add_image(R->f, href, data, len);
    sk_map_put(&R->images, href, (void *)(uintptr_t)(idx + 1));
    return idx;
}

static void spans(rd *R, sk_flow_para *p, const xmlNode *n, unsigned flags, const char *anchor, const char *url,
                  int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content) {
            const char *t = (const char *)k->content;
            if (!flags && !anchor && !url) {
                sk_flow_add_run(p, SK_FR_TEXT, t);
            } else {
                sk_flow_run *r = sk_flow_add_run(p, SK_FR_BREAK, t); /* a run of its own */
                r->kind = SK_FR_TEXT;
                r->flags = flags;
                r->anchor = anchor ? sk_strdup(anchor) : NULL;
                r->url = url ? sk_strdup(url) : NULL;
            }
            continue;
        }
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is(k, "text", "span")) {
            spans(R, p, k, flags | span_flags(R, attr(k, "style-name")), anchor, url, depth + 1);
        } else if (is(k, "text", "a")) {
            const char *h = attr(k, "href");
            if (h && h[0] == '#')
                spans(R, p, k, flags, h + 1, NULL, depth + 1);
            else
                spans(R, p, k, flags, NULL, h, depth + 1);
        } else if (is(k, "text", "s")) {
            const char *c = attr(k, "c");
            int n2 = c ? atoi(c) : 1;
            for (int i = 0; i < n2 && i < 100; i++)
                sk_flow_add_run(p, SK_FR_TEXT, " ");
        } else if (is(k, "text", "tab")) {
            sk_flow_add_run(p, SK_FR_TAB, "");
        } else if (is(k, "text", "line-break")) {
            sk_flow_add_run(p, SK_FR_BREAK, "");
        } else if (is(k, "text", "bookmark") || is(k, "text", "bookmark-start")) {
            const char *nm = attr(k, "name");
            if (nm)
                sk_flow_add_run(p, SK_FR_BOOKMARK, nm);
        } else if (is(k, "text", "note")) {
            sk_buf b;
            sk_buf_init(&b);
            for (const xmlNode *c = k->children; c; c = c->next)
                if (is(c, "text", "note-body"))
                    for (const xmlNode *q = c->children; q; q = q->next) {
                        char *t = (char *)xmlNodeGetContent(q);
                        if (t) {
                            sk_buf_puts(&b, t);
                            xmlFree(t);
                        }
                    }
            char *t = sk_buf_detach(&b);
            sk_str_trim(t);
            sk_flow_add_run(p, SK_FR_FOOTNOTE, t);
            free(t);
        } else if (is(k, "draw", "frame") || is(k, "draw", "a")) {
            int done = 0;
            for (const xmlNode *c = k->children; c && !done; c = c->next)
                if (is(c, "draw", "image")) {
                    int idx = image_of(R, attr(c, "href"));
                    if (idx >= 0) {
                        sk_flow_add_run(p, SK_FR_IMAGE, "")->image = idx;
                        done = 1;
                    }
                } else if (is(c, "draw", "object")) {
                    sk_flow_note(R->f, p->index, "an embedded object (a formula or chart): left out");
                    done = 1;
                } else if (is(c, "draw", "text-box")) {
                    spans(R, p, c, flags, anchor, url, depth + 1);
                    done = 1;
                }
            if (is(k, "draw", "a"))
                spans(R, p, k, flags, anchor, url, depth + 1);
        } else if (is(k, "text", "soft-page-break") || is(k, "office", "annotation") ||
                   is(k, "text", "bookmark-end") || is(k, "text", "reference-mark-end")) {
        } else if (is(k, "text", "bookmark-ref") || is(k, "text", "reference-ref")) {
            const char *nm = attr(k, "ref-name");
            spans(R, p, k, flags, nm, NULL, depth + 1);
        } else {
            spans(R, p, k, flags, anchor, url, depth + 1);
        }
    }
}

static void read_para(rd *R, sk_flow_para *p, const xmlNode *n, int list_level, const char *list_label,
                      int bullet)
{
    if (++R->f->nparas > SK_FLOW_MAX_PARAS) {
        if (!R->failed)
            sk_err_at(R->err, R->path, 0, 0, "more than %d paragraphs (refused)", SK_FLOW_MAX_PARAS);
        R->failed = 1;
        return;
    }
    p->index = (int)R->f->nparas;
    const char *sn = style_name(R, attr(n, "style-name"));
    p->style = sn ? sk_strdup(sn) : NULL;
    if (is(n, "text", "h")) {
        const char *ol = attr(n, "outline-level");
        int v = ol ? atoi(ol) : 1;
        if (v < 1)
            v = 1;
        if (v > 9)
            v = 9;
        p->outline = v;
        const char *unl = attr(n, "is-list-header");
        if (R->ol[v].fmt[0] && !(unl && !strcmp(unl, "true"))) {
            R->cnt[v] = R->cnt[v] ? R->cnt[v] + 1 : R->ol[v].start;
            for (int k = v + 1; k < 10; k++)
                R->cnt[k] = 0;
            sk_buf b;
            sk_buf_init(&b);
            sk_buf_puts(&b, R->ol[v].prefix);
            int first = v - R->ol[v].display + 1;
            if (first < 1)
                first = 1;
            for (int k = first; k <= v; k++) {
                if (k > first)
                    sk_buf_putc(&b, '.');
                fmt_num(&b, R->cnt[k] ? R->cnt[k] : R->ol[k].start, R->ol[k].fmt[0] ? R->ol[k].fmt : "1");
            }
            sk_buf_puts(&b, R->ol[v].suffix);
            p->label = sk_buf_detach(&b);
        }
    } else if (list_level) {
        p->list_level = list_level;
        p->bullet = bullet;
        p->label = list_label ? sk_strdup(list_label) : NULL;
    }
    spans(R, p, n, 0, NULL, NULL, 0);
    /* the separators above: empty text runs that were markers */
    size_t w = 0;
    for (size_t i = 0; i < p->nruns; i++) {
        if (p->runs[i].kind == SK_FR_TEXT && !p->runs[i].text[0] && !p->runs[i].anchor && !p->runs[i].url) {
            free(p->runs[i].text);
            continue;
        }
        p->runs[w++] = p->runs[i];
    }
    p->nruns = w;
    if (sn && !strncasecmp(sn, "contents ", 9))
        p->toc = 1;
}

static void body(rd *R, const xmlNode *n, int depth, int list_level, int in_toc);

/* A list and the lists inside it: each item a paragraph at its level, numbered or
 * bulleted as the list style (the list's own, else the one it is nested in) says;
 * a list with no style is bulleted, as LibreOffice shows it. */
static void list(rd *R, const xmlNode *l, int depth, int level, uintptr_t mask)
{
    const char *sn = attr(l, "style-name");
    uintptr_t own = sn ? (uintptr_t)sk_map_get(&R->numbered, sn) : 0;
    if (own)
        mask = own;
    int bullet = !(mask & ((uintptr_t)1 << (level < 10 ? level : 10)));
    int k = 0;
    for (const xmlNode *it = l->children; it && !R->failed; it = it->next) {
        if (!is(it, "text", "list-item") && !is(it, "text", "list-header"))
            continue;
        k++;
        for (const xmlNode *c = it->children; c && !R->failed; c = c->next) {
            if (is(c, "text", "p") || is(c, "text", "h")) {
                sk_flow_block *b = sk_flow_add_block(R->f, SK_FB_PARA);
                read_para(R, &b->para, c, level, NULL, bullet);
            } else if (is(c, "text", "list") && depth < MAX_DEPTH) {
                list(R, c, depth + 1, level + 1, mask);
            }
        }
    }
}

static void table(rd *R, sk_flow_table *t, const xmlNode *tbl, int depth)
{
    t->index = (int)R->f->nparas + 1;
    size_t cells = 0;
    for (const xmlNode *k = tbl->children; k && !R->failed; k = k->next) {
        int header = is(k, "table", "table-header-rows");
        const xmlNode *rows = header || is(k, "table", "table-rows") ? k : NULL;
        const xmlNode *single = is(k, "table", "table-row") ? k : NULL;
        for (const xmlNode *tr = rows ? rows->children : single; tr && !R->failed;
             tr = rows ? tr->next : NULL) {
            if (!is(tr, "table", "table-row"))
                continue;
            sk_flow_row *row = sk_flow_add_row(t);
            row->header = header;
            for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
                int covered = is(tc, "table", "covered-table-cell");
                if (!covered && !is(tc, "table", "table-cell"))
                    continue;
                if (++cells > SK_FLOW_MAX_CELLS) {
                    sk_err_at(R->err, R->path, 0, 0, "more than %d table cells (refused)", SK_FLOW_MAX_CELLS);
                    R->failed = 1;
                    return;
                }
                const char *rep = attr(tc, "number-columns-repeated");
                int reps = rep ? atoi(rep) : 1;
                if (reps < 1 || reps > 64)
                    reps = 1;
                for (int q = 0; q < reps; q++) {
                    sk_flow_cell *c = sk_flow_add_cell(row);
                    c->covered = covered;
                    const char *cs = attr(tc, "number-columns-spanned"), *rs = attr(tc, "number-rows-spanned");
                    c->colspan = cs && atoi(cs) > 1 ? atoi(cs) : 1;
                    c->rowspan = rs && atoi(rs) > 1 ? atoi(rs) : 0;
                    if (c->colspan > SK_FLOW_MAX_SPAN)
                        c->colspan = SK_FLOW_MAX_SPAN;
                    if (c->rowspan > SK_FLOW_MAX_SPAN)
                        c->rowspan = SK_FLOW_MAX_SPAN;
                    if (covered)
                        continue;
                    for (const xmlNode *p = tc->children; p; p = p->next)
                        if (is(p, "text", "p") || is(p, "text", "h"))
                            read_para(R, sk_flow_add_cell_para(c), p, 0, NULL, 0);
                        else if (is(p, "text", "list"))
                            for (const xmlNode *it = p->children; it; it = it->next)
                                for (const xmlNode *q2 = it->children; q2; q2 = q2->next)
                                    if (is(q2, "text", "p"))
                                        read_para(R, sk_flow_add_cell_para(c), q2, 0, NULL, 0);
                }
            }
        }
    }
    (void)depth;
}

static void body(rd *R, const xmlNode *n, int depth, int list_level, int in_toc)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k && !R->failed; k = k->next) {
        if (is(k, "text", "p") || is(k, "text", "h")) {
            sk_flow_block *b = sk_flow_add_block(R->f, SK_FB_PARA);
            read_para(R, &b->para, k, list_level, NULL, 0);
            b->para.toc |= in_toc;
        } else if (is(k, "text", "list")) {
            list(R, k, depth + 1, 1, 0);
        } else if (is(k, "table", "table")) {
            sk_flow_block *b = sk_flow_add_block(R->f, SK_FB_TABLE);
            table(R, &b->table, k, depth + 1);
        } else if (is(k, "text", "table-of-content")) {
            for (const xmlNode *c = k->children; c; c = c->next)
                if (is(c, "text", "index-body"))
                    body(R, c, depth + 1, 0, 1);
        } else if (is(k, "text", "section") || is(k, "text", "index-body")) {
            body(R, k, depth + 1, list_level, in_toc);
        } else if (is(k, "text", "sequence-decls") || is(k, "office", "forms") || is(k, "text", "variable-decls")) {
        } else if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "soft-page-break")) {
            body(R, k, depth + 1, list_level, in_toc);
        }
    }
}

static void free_map_vals(sk_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            free(m->vals[i]);
}

int sk_odf_read(sk_flow *out, const char *path, sk_err *err)
{
    rd R;
    memset(&R, 0, sizeof R);
    R.path = path;
    R.err = err;
    sk_flow flow;
    sk_flow_init(&flow);
    R.f = &flow;
    sk_map_init(&R.names);
    sk_map_init(&R.parents);
    sk_map_init(&R.bold);
    sk_map_init(&R.italic);
    sk_map_init(&R.images);
    sk_map_init(&R.numbered);
    xmlDoc *content = NULL, *styles = NULL;
    int rc = -1;
    if (sk_zip_open(&R.zr, path, "an ODT", err) < 0)
        goto done;
    char *xml = NULL;
    size_t xlen = 0;
    int got = sk_zip_read_max(R.zr, "content.xml", SK_FLOW_MAX_PART, &xml, &xlen, err);
    if (got < 0)
        goto done;
    if (!got) {
        sk_err_at(err, path, 0, 0, "not an ODT: it has no content.xml");
        goto done;
    }
    /* the paragraphs counted before the parse they would make large */
    static const char *const ptags[] = { "text:p", "text:h", NULL };
    size_t np_ = sk_flow_count_tags(xml, xlen, ptags);
    if (np_ > SK_FLOW_MAX_PARAS) {
        sk_err_at(err, path, 0, 0, "content.xml: %zu paragraphs, more than the %d a document may have (refused)",
                  np_, SK_FLOW_MAX_PARAS);
        free(xml);
        goto done;
    }
    content = sk_xml_parse_safe(xml, xlen, "content.xml", err);
    free(xml);
    if (!content) {
        snprintf(err->file, sizeof err->file, "%s", path);
        goto done;
    }
    if (sk_zip_read_xml(R.zr, "styles.xml", (void **)&styles, err) < 0)
        goto done;
    if (styles)
        read_styles(&R, xmlDocGetRootElement(styles), 0);
    xmlNode *root = xmlDocGetRootElement(content);
    read_styles(&R, root, 0);
    const xmlNode *text = NULL;
    for (const xmlNode *k = root ? root->children : NULL; k; k = k->next)
        if (is(k, "office", "body"))
            for (const xmlNode *t = k->children; t; t = t->next)
                if (is(t, "office", "text"))
                    text = t;
    if (!text) {
        sk_err_at(err, path, 0, 0, "not an ODT text document: content.xml has no office:text");
        goto done;
    }
    body(&R, text, 0, 0, 0);
    if (R.failed)
        goto done;
    *out = flow;
    sk_flow_init(&flow);
    rc = 0;
done:
    sk_flow_free(&flow);
    if (content)
        xmlFreeDoc(content);
    if (styles)
        xmlFreeDoc(styles);
    free_map_vals(&R.names);
    free_map_vals(&R.parents);
    sk_map_free(&R.names);
    sk_map_free(&R.parents);
    sk_map_free(&R.bold);
    sk_map_free(&R.italic);
    sk_map_free(&R.images);
    sk_map_free(&R.numbered);
    sk_zip_close(R.zr);
    return rc;
}
