#include "input/review.h"

#include "base/libxml.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xml.h"
#include "base/zip.h"
#include "input/records.h"

/* A main part larger than this is no circulated draft (a 300-page standard is
 * 3.3 MB): refused before the parse. */
#define MAX_DOCUMENT_PART (32u << 20)

static void item_free(sk_review_item *it)
{
    char **f[] = { &it->text, &it->author, &it->date, &it->quote, &it->bookmark, &it->bookmark_text,
                   &it->unit, &it->clause, &it->proposal, &it->reason, &it->handling, &it->note };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        free(*f[i]);
}

void sk_review_free(sk_review *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        item_free(&r->v[i]);
    free(r->v);
    free(r->path);
    free(r->unit);
    free(r);
}

static sk_review_item *add_item(sk_review *r)
{
    r->v = sk_realloc(r->v, (r->n + 1) * sizeof *r->v);
    sk_review_item *it = &r->v[r->n++];
    memset(it, 0, sizeof *it);
    return it;
}

/* ---------- DOCX ---------- */

static int is(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

/* An attribute by its local name, whatever its namespace ("w:id", "w15:paraId"). */
static const char *attr(const xmlNode *n, const char *local)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, local) && a->children && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static int attr_int(const xmlNode *n, const char *local)
{
    const char *s = attr(n, local);
    return s ? atoi(s) : -1;
}

/* The next node of a pre-order walk under root (no recursion). */
static xmlNode *next_node(const xmlNode *root, xmlNode *n)
{
    if (n->children)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

static const char *text_of(const xmlNode *t)
{
    return t->children && t->children->content ? (const char *)t->children->content : "";
}

/* One comment of comments.xml. */
typedef struct wcomment {
    int id;
    char *text, *author, *date, *para; /* para: w14:paraId of its last paragraph */
    int reply, seen;
    sk_buf quote;
    int open;          /* its range is open: the words go into quote */
    int placed;        /* its place is known */
    int text_due;      /* placed while its bookmark was open: its words come at the bookmark's end */
    char *bookmark, *bookmark_text;
    const char *place;
    size_t order;      /* where it stands in the document */
} wcomment;

typedef struct scan {
    wcomment *c;
    size_t n;
    /* bookmarks: the current one and what it holds, and the one before it */
    char *cur, *cur_text;
    int cur_id;
    sk_buf cur_buf;    /* text of the current bookmark while it is open */
    int cur_open;
    char *saved, *saved_text; /* the current one before a caption's or formula's */
    const xmlNode *cur_para;  /* the paragraph the current bookmark starts in */
    const xmlNode *scoped_tbl; /* a table whose caption's bookmark ends with it */
    int para_drawing, prev_drawing, para_math;
    int in_toc;        /* the paragraph has a 目次 style */
    size_t order;
    /* a DOCX without stdgen's bookmarks (an editor dropped them): the paragraphs in
     * the styles stdgen bookmarks stand in for them, their words matched later */
    int by_heading, hdg_n;
    const xmlNode *hdg_para;
} scan;

static wcomment *by_id(scan *S, int id)
{
    for (size_t i = 0; i < S->n; i++)
        if (S->c[i].id == id)
            return &S->c[i];
    return NULL;
}

static const char *cur_words(const scan *S)
{
    return S->cur_open ? (S->cur_buf.data ? S->cur_buf.data : "") : S->cur_text ? S->cur_text : "";
}

static void place(scan *S, wcomment *c)
{
    if (c->placed)
        return;
    c->placed = 1;
    c->order = ++S->order;
    if (S->cur) {
        c->bookmark = sk_strdup(S->cur);
        if (S->cur_open)
            c->text_due = 1;
        else
            c->bookmark_text = sk_strdup(cur_words(S));
    } else {
        c->place = S->in_toc ? "目次" : "封面";
    }
}

/* The heading bookmarks stdgen writes: "_Toc" and digits (Word's own TOC update
 * writes more of the same around the same headings); Word's _GoBack, _Hlk…, _Ref…
 * mark nothing a comment is on. */
static int clause_bookmark(const char *name)
{
    if (!name || strncmp(name, "_Toc", 4) || !name[4])
        return 0;
    for (const char *p = name + 4; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

static void on_text(scan *S, const char *t)
{
    if (!*t)
        return;
    for (size_t i = 0; i < S->n; i++) {
        wcomment *c = &S->c[i];
        if (!c->open)
            continue;
        place(S, c);
        sk_buf_puts(&c->quote, t);
    }
    if (S->cur_open)
        sk_buf_puts(&S->cur_buf, t);
}

/* The current bookmark is closed (or left open for good): the comments placed under
 * it while it was open get the words it holds. */
static void close_cur(scan *S)
{
    const char *words = cur_words(S);
    for (size_t i = 0; i < S->n; i++)
        if (S->c[i].text_due && S->c[i].bookmark && S->cur && !strcmp(S->c[i].bookmark, S->cur)) {
            S->c[i].text_due = 0;
            free(S->c[i].bookmark_text);
            S->c[i].bookmark_text = sk_strdup(words);
        }
}

/* A caption's or formula's bookmark covers that element only: the text after it
 * is the clause's again. */
static void restore(scan *S)
{
    if (!S->saved)
        return;
    close_cur(S);
    if (S->cur_open) {
        sk_buf_free(&S->cur_buf);
        sk_buf_init(&S->cur_buf);
        S->cur_open = 0;
    }
    free(S->cur);
    free(S->cur_text);
    S->cur = S->saved;
    S->cur_text = S->saved_text;
    S->saved = S->saved_text = NULL;
    S->cur_para = NULL;
}

static const xmlNode *para_of(const xmlNode *n)
{
    for (; n; n = n->parent)
        if (is(n, "p"))
            return n;
    return NULL;
}

/* A clause's bookmark opens: the one before it is kept (a caption's or formula's
 * covers that element only). */
static void mark_start(scan *S, const char *name, int id, const xmlNode *para)
{
    close_cur(S);
    free(S->saved);
    free(S->saved_text);
    S->saved = S->cur;
    S->saved_text = S->cur ? sk_strdup(cur_words(S)) : NULL;
    free(S->cur_text);
    S->cur_text = NULL;
    S->cur = sk_strdup(name);
    S->cur_id = id;
    sk_buf_free(&S->cur_buf);
    sk_buf_init(&S->cur_buf);
    S->cur_open = 1;
    S->cur_para = para;
}

static void mark_end(scan *S)
{
    close_cur(S);
    free(S->cur_text);
    S->cur_text = sk_buf_detach(&S->cur_buf);
    sk_buf_init(&S->cur_buf);
    S->cur_open = 0;
}

/* The paragraph styles whose paragraphs stdgen bookmarks: headings, the titles of
 * annexes, tables and figures, term numbers. */
static int marked_style(const char *v)
{
    static const char *const ids[] = { "GBAnnexTitle", "GBTableTitle", "GBFigureTitle", "GBTermNumber" };
    if (!v)
        return 0;
    if (!strncmp(v, "Heading", 7) && v[7] >= '1' && v[7] <= '9' && !v[8])
        return 1;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (!strcmp(v, ids[i]))
            return 1;
    return 0;
}

/* Whether the document holds a bookmark of stdgen's. */
static int has_clause_bookmark(xmlNode *root)
{
    for (xmlNode *n = root; n; n = next_node(root, n))
        if (is(n, "bookmarkStart") && clause_bookmark(attr(n, "name")))
            return 1;
    return 0;
}

static void enter(scan *S, xmlNode *n)
{
    if (is(n, "p")) {
        S->in_toc = 0;
        S->prev_drawing = S->para_drawing;
        S->para_drawing = S->para_math = 0;
    } else if (is(n, "pStyle")) {
        const char *v = attr(n, "val");
        /* Word's TOC1…, LibreOffice's Contents1… */
        S->in_toc = v && (!strncmp(v, "TOC", 3) || !strncmp(v, "Contents", 8) || !strcmp(v, "GBTOCTitle"));
        const xmlNode *p = para_of(n);
        if (S->by_heading && marked_style(v) && p && !S->hdg_para) {
            char name[32];
            snprintf(name, sizeof name, "_Hdg%d", ++S->hdg_n); /* no stdgen bookmark has this name */
            mark_start(S, name, -1, p);
            S->hdg_para = p;
        }
    } else if (is(n, "drawing") || is(n, "pict")) {
        S->para_drawing = 1;
    } else if (is(n, "oMath") || is(n, "oMathPara")) {
        S->para_math = 1;
    } else if (is(n, "t")) {
        on_text(S, text_of(n));
    } else if (is(n, "tab")) {
        on_text(S, " ");
    } else if (is(n, "bookmarkStart")) {
        const char *name = attr(n, "name");
        if (!clause_bookmark(name))
            return;
        mark_start(S, name, attr_int(n, "id"), para_of(n));
    } else if (is(n, "bookmarkEnd")) {
        if (S->cur_open && attr_int(n, "id") == S->cur_id)
            mark_end(S);
    } else if (is(n, "commentRangeStart")) {
        wcomment *c = by_id(S, attr_int(n, "id"));
        if (c && !c->seen) {
            c->seen = 1;
            c->open = 1;
        }
    } else if (is(n, "commentRangeEnd")) {
        wcomment *c = by_id(S, attr_int(n, "id"));
        if (c) {
            place(S, c);
            c->open = 0;
        }
    } else if (is(n, "commentReference")) {
        wcomment *c = by_id(S, attr_int(n, "id"));
        if (c) {
            c->seen = 1;
            place(S, c);
            c->open = 0;
        }
    }
}

static void leave(scan *S, xmlNode *n)
{
    if (is(n, "p") && S->hdg_para == n) {
        S->hdg_para = NULL;
        if (S->cur_open && S->cur_id == -1)
            mark_end(S);
    }
    if (is(n, "p") && S->cur_para == n) {
        /* a figure's caption (the paragraph after the picture) or a formula: its
         * paragraph is all it covers; a table's caption: the table after it too */
        const xmlNode *next = n->next;
        while (next && next->type != XML_ELEMENT_NODE)
            next = next->next;
        if (S->prev_drawing || S->para_math)
            restore(S);
        else if (next && is(next, "tbl"))
            S->scoped_tbl = next;
    } else if (is(n, "tbl") && S->scoped_tbl == n) {
        S->scoped_tbl = NULL;
        restore(S);
    }
}

/* The document in order, each element entered and left (no recursion). Deleted
 * words (w:delText) and field codes (w:instrText) are not w:t: they are skipped. */
static void walk_document(scan *S, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE)
            enter(S, n);
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n) {
            if (n->type == XML_ELEMENT_NODE)
                leave(S, n);
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* The comments of comments.xml, their text by paragraph. */
static int read_comments(scan *S, xmlNode *root, const char *path, sk_err *err)
{
    for (xmlNode *n = root; n; n = next_node(root, n)) {
        if (!is(n, "comment"))
            continue;
        if (S->n >= SK_REVIEW_MAX_COMMENTS) {
            sk_err_at(err, path, 0, 0, "word/comments.xml: more than %d comments", SK_REVIEW_MAX_COMMENTS);
            return -1;
        }
        S->c = sk_realloc(S->c, (S->n + 1) * sizeof *S->c);
        wcomment *c = &S->c[S->n++];
        memset(c, 0, sizeof *c);
        c->id = attr_int(n, "id");
        const char *a = attr(n, "author"), *d = attr(n, "date");
        c->author = a && *a ? sk_strdup(a) : NULL;
        if (d && strlen(d) >= 10 && d[4] == '-' && d[7] == '-')
            c->date = sk_strndup(d, 10);
        sk_buf b;
        sk_buf_init(&b);
        int paras = 0;
        for (xmlNode *p = n->children; p; p = p->next) {
            if (!is(p, "p"))
                continue;
            const char *pid = attr(p, "paraId");
            if (pid) {
                free(c->para);
                c->para = sk_strdup(pid);
            }
            if (paras++)
                sk_buf_putc(&b, '\n');
            for (xmlNode *t = p->children ? p->children : NULL; t; t = next_node(p, t)) {
                if (is(t, "t"))
                    sk_buf_puts(&b, text_of(t));
                else if (is(t, "tab"))
                    sk_buf_putc(&b, ' ');
                else if (is(t, "br"))
                    sk_buf_putc(&b, '\n');
            }
        }
        c->text = sk_str_trim(sk_buf_detach(&b));
        sk_buf_init(&c->quote);
        /* a comment's own subtree is done: skip over it */
        while (n->children && n->last)
            n = n->last;
    }
    return 0;
}

/* commentsExtended.xml: a comment whose last paragraph has a parent is a reply. */
static void read_extended(scan *S, xmlNode *root)
{
    for (xmlNode *n = root; n; n = next_node(root, n)) {
        if (!is(n, "commentEx") || !attr(n, "paraIdParent"))
            continue;
        const char *pid = attr(n, "paraId");
        for (size_t i = 0; pid && i < S->n; i++)
            if (S->c[i].para && !strcmp(S->c[i].para, pid))
                S->c[i].reply = 1;
    }
}

static int by_order(const void *pa, const void *pb)
{
    const wcomment *a = pa, *b = pb;
    size_t oa = a->placed ? a->order : (size_t)-1, ob = b->placed ? b->order : (size_t)-1;
    if (oa != ob)
        return oa < ob ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

int sk_review_read_docx(sk_review **out, const char *path, sk_err *err)
{
    sk_zip_reader *zr = NULL;
    xmlDoc *comments = NULL, *ext = NULL, *doc = NULL;
    char *data = NULL;
    size_t len = 0;
    scan S = { 0 };
    int rc = -1;
    sk_buf_init(&S.cur_buf);
    if (sk_zip_open(&zr, path, "a DOCX", err) < 0)
        goto done;
    int got = sk_zip_read(zr, "word/document.xml", &data, &len, err);
    if (got < 0)
        goto done;
    if (!got) {
        sk_err_at(err, path, 0, 0, "not a Word document: it has no word/document.xml");
        goto done;
    }
    if (len > MAX_DOCUMENT_PART) {
        sk_err_at(err, path, 0, 0, "word/document.xml is %zu MB, more than a standard's draft can be (%u MB)",
                  len >> 20, MAX_DOCUMENT_PART >> 20);
        goto done;
    }
    if (sk_zip_read_xml(zr, "word/comments.xml", (void **)&comments, err) < 0)
        goto done;
    if (comments && read_comments(&S, xmlDocGetRootElement(comments), path, err) < 0)
        goto done;
    if (sk_zip_read_xml(zr, "word/commentsExtended.xml", (void **)&ext, err) < 0)
        goto done;
    if (ext)
        read_extended(&S, xmlDocGetRootElement(ext));
    if (S.n) {
        char what[600];
        snprintf(what, sizeof what, "%s: word/document.xml", path);
        if (!(doc = sk_xml_parse_safe(data, len, what, err)))
            goto done;
        S.by_heading = !has_clause_bookmark(xmlDocGetRootElement(doc));
        walk_document(&S, xmlDocGetRootElement(doc));
        close_cur(&S);
    }
    qsort(S.c, S.n, sizeof *S.c, by_order);
    sk_review *r = sk_calloc(1, sizeof *r);
    r->path = sk_strdup(path);
    r->docx = 1;
    for (size_t i = 0; i < S.n; i++) {
        wcomment *c = &S.c[i];
        if (c->reply) {
            r->replies++;
            continue;
        }
        if (!c->text || !*c->text)
            continue; /* an empty comment says nothing */
        sk_review_item *it = add_item(r);
        it->id = c->id;
        it->text = c->text;
        it->author = c->author;
        it->date = c->date;
        c->text = c->author = c->date = NULL;
        char *q = sk_str_trim(sk_buf_detach(&c->quote));
        sk_buf_init(&c->quote);
        if (*q)
            it->quote = q;
        else
            free(q);
        it->bookmark = c->bookmark;
        it->bookmark_text = c->bookmark_text;
        c->bookmark = c->bookmark_text = NULL;
        it->place = c->placed ? c->place : NULL;
    }
    *out = r;
    rc = 0;
done:
    for (size_t i = 0; i < S.n; i++) {
        wcomment *c = &S.c[i];
        free(c->text);
        free(c->author);
        free(c->date);
        free(c->para);
        free(c->bookmark);
        free(c->bookmark_text);
        sk_buf_free(&c->quote);
    }
    free(S.c);
    free(S.cur);
    free(S.cur_text);
    free(S.saved);
    free(S.saved_text);
    sk_buf_free(&S.cur_buf);
    xmlFreeDoc(doc);
    xmlFreeDoc(comments);
    xmlFreeDoc(ext);
    free(data);
    sk_zip_close(zr);
    return rc;
}

/* ---------- comment forms ---------- */

enum { C_UNIT, C_CLAUSE, C_COMMENT, C_PROPOSAL, C_REASON, C_QUOTE, C_HANDLING, C_NOTE, C_N };

static const char *const names_unit[] = { "提出单位", "单位", "单位名称", "意见提出单位", "反馈单位", "提出单位名称", NULL };
static const char *const names_clause[] = { "章条编号", "标准章条编号", "章条号", "章节号", "章节", "条款", "条款号",
                                            "条文编号", "章条", NULL };
static const char *const names_comment[] = { "意见内容", "意见", "修改意见", "具体意见", "意见和建议", "意见或建议",
                                             "问题", "意见及建议", NULL };
static const char *const names_proposal[] = { "修改建议", "建议", "建议修改为", "修改后内容", "建议修改内容",
                                              "修改建议内容", NULL };
static const char *const names_reason[] = { "理由", "修改理由", "理由或依据", "依据", "理由及依据", NULL };
static const char *const names_quote[] = { "原文", "原文内容", NULL };
static const char *const names_handling[] = { "处理意见", NULL };
static const char *const names_note[] = { "备注", NULL };
static const char *const *const columns[C_N] = { names_unit, names_clause, names_comment, names_proposal,
                                                 names_reason, names_quote, names_handling, names_note };

static int column_of(const char *name)
{
    for (int c = 0; c < C_N; c++)
        for (const char *const *p = columns[c]; *p; p++)
            if (!strcmp(name, *p))
                return c;
    return -1;
}

/* "单位名称：上街区民政局" (or the name and the value in two cells) in the form's head. */
static char *unit_of_preamble(const sk_dataset *d)
{
    static const char *const keys[] = { "单位名称", "提出单位", "反馈单位", "单位", "意见提出单位", NULL };
    for (size_t i = 0; i < d->npreamble; i++) {
        char *row = sk_strdup(d->preamble[i]);
        char *save = NULL, *unit = NULL;
        int want_next = 0;
        for (char *cell = strtok_r(row, "\t", &save); cell && !unit; cell = strtok_r(NULL, "\t", &save)) {
            sk_str_trim(cell);
            if (want_next) {
                if (*cell)
                    unit = sk_strdup(cell);
                break;
            }
            for (const char *const *k = keys; *k && !unit && !want_next; k++) {
                if (!sk_str_starts_with(cell, *k))
                    continue;
                char *v = cell + strlen(*k);
                if (sk_str_starts_with(v, "："))
                    v += strlen("：");
                else if (*v == ':')
                    v++;
                else if (*v)
                    continue; /* 单位性质 … */
                sk_str_trim(v);
                /* "单位名称：上街区民政局　联系人：王丽" keeps the first field */
                char *more = strstr(v, "　");
                if (more)
                    *more = 0;
                if (*v)
                    unit = sk_strdup(v);
                else
                    want_next = 1;
            }
        }
        free(row);
        if (unit)
            return unit;
    }
    return NULL;
}

static char *cell_text(const sk_value *v)
{
    if (!v || !v->text)
        return NULL;
    char *s = sk_str_trim(sk_strdup(v->text));
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

int sk_review_read_form(sk_review **out, const char *path, const char *sheet, const char *encoding, sk_err *err)
{
    sk_vec header = { 0 };
    for (int c = 0; c < C_N; c++)
        if (c == C_COMMENT)
            for (const char *const *p = columns[c]; *p; p++)
                sk_vec_push(&header, (void *)*p);
    sk_vec_push(&header, NULL);
    sk_records_opts o = { .sheet = sheet, .encoding = encoding, .header_names = (const char *const *)header.items };
    size_t n = strlen(path);
    if (n > 4 && !strcasecmp(path + n - 4, ".csv"))
        o.format = "csv";
    else if (n > 5 && !strcasecmp(path + n - 5, ".xlsx"))
        o.format = "xlsx";
    else {
        sk_err_at(err, path, 0, 0, "a comment form is a .csv or .xlsx file (a DOCX brings Word review comments)");
        sk_vec_free(&header);
        return -1;
    }
    sk_dataset *d = NULL;
    int rc = sk_records_load(&d, path, &o, err);
    sk_vec_free(&header);
    if (rc < 0)
        return -1;
    int col[C_N];
    for (int c = 0; c < C_N; c++)
        col[c] = -1;
    for (size_t i = 0; i < d->ncolumns; i++) {
        int c = column_of(d->columns[i]);
        if (c >= 0 && col[c] < 0)
            col[c] = (int)i;
    }
    sk_review *r = sk_calloc(1, sizeof *r);
    r->path = sk_strdup(path);
    r->unit = unit_of_preamble(d);
    for (size_t i = 0; i < d->n && r->n < SK_REVIEW_MAX_COMMENTS; i++) {
        const sk_record *rec = d->recs[i];
        char *text = col[C_COMMENT] >= 0 ? cell_text(&rec->values[col[C_COMMENT]]) : NULL;
        if (!text)
            continue;
        sk_review_item *it = add_item(r);
        it->text = text;
        it->id = rec->row;
        char **slot[C_N] = { &it->unit, &it->clause, NULL, &it->proposal, &it->reason, &it->quote, &it->handling,
                             &it->note };
        for (int c = 0; c < C_N; c++)
            if (slot[c] && col[c] >= 0)
                *slot[c] = cell_text(&rec->values[col[c]]);
    }
    sk_records_free(d);
    *out = r;
    return 0;
}
