#include "run/drafting.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "input/source.h"
#include "layout/labels.h"
#include "model/build.h"
#include "model/display.h"
#include "model/feedback.h"
#include "model/model.h"
#include "model/node.h"

#define U3000 "\xE3\x80\x80"
#define TODO_OPEN "【待补充："
#define TODO_CLOSE "】"

void sk_drafting_paper_free(sk_paper *p)
{
    sk_doc_free(p->doc);
    sk_doc_free(p->own);
    for (size_t i = 0; i < p->todo.len; i++)
        free(p->todo.items[i]);
    sk_vec_free(&p->todo);
    memset(p, 0, sizeof *p);
}

char *sk_drafting_name(const sk_doc *doc, const char *what, const char *ext)
{
    char *base = sk_labels_output_name(doc, ext);
    size_t n = strlen(base), k = strlen(ext) + 1;
    char *s = sk_asprintf("%.*s-%s.%s", (int)(n > k ? n - k : n), base, what, ext);
    free(base);
    return s;
}

char *sk_drafting_own_path(const char *standard)
{
    size_t n = strlen(standard);
    if (n > 3 && !strcmp(standard + n - 3, ".md"))
        n -= 3;
    return sk_asprintf("%.*s%s", (int)n, standard, SK_CATALOG_EXPLANATION);
}

/* ---------- words ---------- */

/* "2019年5月20日" for "2019-05-20"; NULL when it is no date. Caller frees. */
static char *cn_date(const char *d)
{
    int y, m, dd;
    if (!d || sk_meta_date_parse(d, &y, &m, &dd) < 0)
        return NULL;
    return sk_asprintf("%d年%d月%d日", y, m, dd);
}

static const char *meta(const sk_doc *doc, sk_meta_key k)
{
    const char *s = doc->meta->str[k];
    return s && *s ? s : NULL;
}

/* The stage a draft is at (征求意见稿 …), NULL for none or 发布稿. */
static const char *draft_stage(const sk_doc *doc)
{
    const char *s = meta(doc, SK_META_STAGE);
    return s && strcmp(s, "发布稿") ? s : NULL;
}

static sk_node *para(sk_node *parent, const char *text)
{
    sk_node *p = sk_build_block(parent, SK_N_PARA);
    sk_build_text(&p->in, text);
    return p;
}

static sk_node *paraf(sk_node *parent, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static sk_node *paraf(sk_node *parent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    sk_node *p = para(parent, s);
    free(s);
    return p;
}

/* "A、B和C" of a list. Caller frees. */
static char *joined(const sk_strlist *l)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++)
        sk_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == l->n ? "和" : "、", l->v[i]);
    return sk_buf_detach(&b);
}

/* ---------- the authors' sections ---------- */

enum {
    P_SOURCE, P_UNITS, P_PROCESS, P_BASIS, P_TESTS, P_INTL, P_LAW, P_DISPUTE, P_IMPL, P_REPEAL, P_OTHER, P_N
};

/* The words a heading of the authors' file names its part by, tried in this order
 * (其他标准 is law's before 其他 is other's). */
static const struct { int part; const char *word; } part_words[] = {
    { P_SOURCE, "任务来源" }, { P_UNITS, "起草单位" }, { P_UNITS, "起草人" }, { P_UNITS, "协作单位" },
    { P_PROCESS, "工作过程" }, { P_PROCESS, "工作简况" }, { P_PROCESS, "起草过程" },
    { P_LAW, "法律" }, { P_LAW, "法规" }, { P_LAW, "其他标准" }, { P_LAW, "相关标准" },
    { P_BASIS, "编制原则" }, { P_BASIS, "论据" }, { P_BASIS, "主要内容" }, { P_TESTS, "试验" }, { P_TESTS, "验证" },
    { P_INTL, "国际" }, { P_INTL, "国外" }, { P_INTL, "采标" }, { P_DISPUTE, "分歧" },
    { P_IMPL, "贯彻" }, { P_IMPL, "措施" }, { P_IMPL, "实施" }, { P_REPEAL, "废止" },
    { P_OTHER, "其他" }, { P_OTHER, "其它" }, { P_OTHER, "专利" },
};

typedef struct own {
    sk_vec part[P_N];   /* sk_node*: the authors' top sections of each part */
} own;

static int part_of(const char *title)
{
    for (size_t i = 0; title && i < sizeof part_words / sizeof part_words[0]; i++)
        if (strstr(title, part_words[i].word))
            return part_words[i].part;
    return -1;
}

/* Reads the authors' file (no front matter: one is put before it, and the lines
 * counted back). 1 read, 0 none, -1 err. */
static int read_own(sk_doc **out, const char *path, sk_err *err)
{
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    if (!path || stat(path, &st) < 0 || !S_ISREG(st.st_mode))
        return 0;
    if (sk_fs_read(&text, &len, path, SK_SOURCE_MAX, err) < 0)
        return -1;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "---\n---\n");
    size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    sk_buf_put(&b, text + skip, len - skip);
    free(text);
    sk_diags d;
    sk_diag_init(&d);
    sk_source *src = NULL;
    int rc = sk_source_make(&src, path, b.data ? b.data : "", b.len, &d);
    sk_buf_free(&b);
    if (rc != 1) {
        const sk_diag *first = d.len ? &d.items[0] : NULL;
        sk_err_at(err, path, first ? first->line - 2 : 0, first ? first->col : 0, "%s",
                  first ? first->msg : "not readable as Markdown");
        sk_diag_free(&d);
        return -1;
    }
    if (sk_model_build(out, src, 0, &d, err) < 0) {
        sk_source_free(src);
        sk_diag_free(&d);
        return -1;
    }
    sk_diag_free(&d);
    return 1;
}

static void warn_at(sk_drafting_warn warn, void *ctx, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void warn_at(sk_drafting_warn warn, void *ctx, const char *file, int line, const char *fmt, ...)
{
    if (!warn)
        return;
    char msg[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, line, 1, "%s", msg);
    warn(ctx, &e);
}

static void sort_own(own *O, const sk_doc *d, sk_drafting_warn warn, void *ctx)
{
    for (sk_node *n = d->root->first; n; n = n->next) {
        if (n->type != SK_N_SECTION) {
            if (n->type != SK_N_PARA || n->in.n)
                warn_at(warn, ctx, d->src->path, n->line - 2,
                        "text before the first heading of the 编制说明's sections: it is left out");
            continue;
        }
        int p = part_of(n->title);
        if (p < 0) {
            warn_at(warn, ctx, d->src->path, n->line - 2,
                    "'%s' names no part of the 编制说明 (任务来源, 起草单位, 工作过程, 编制原则, 试验, 国际, 法律, 分歧, "
                    "贯彻, 废止, 其他): printed under 九、其他应予说明的事项",
                    n->title ? n->title : "");
            p = P_OTHER;
            n->untitled = -1; /* its title is printed as a heading of its own */
        }
        sk_vec_push(&O->part[p], n);
    }
}

/* Moves the authors' blocks of part p under sec (at heading level level + 1 for
 * their sub-headings); returns whether there were any. */
static int put_own(own *O, int p, sk_node *sec)
{
    int any = 0;
    for (size_t i = 0; i < O->part[p].len; i++) {
        sk_node *s = O->part[p].items[i];
        sk_node *into = sec;
        if (s->untitled == -1) { /* a heading naming no part: a sub-heading of 其他 */
            sk_node *h = sk_build_section(sec, SK_S_CLAUSE, s->title, NULL);
            into = h;
        }
        while (s->first) {
            sk_node *k = s->first;
            sk_node_detach(k);
            /* numbers and levels are the paper's: its sub-headings one below into */
            int delta = into->level + 1 - (k->type == SK_N_SECTION ? k->level : 0);
            for (sk_node *m = k; m; m = sk_node_walk_next(k, m, 1))
                if (m->type == SK_N_SECTION) {
                    m->num[0] = 0;
                    m->level = m->level + delta > 6 ? 6 : m->level + delta;
                    m->untitled = 0;
                } else if (m->type == SK_N_TABLE || m->type == SK_N_FIGURE) {
                    m->num[0] = 0;
                }
            sk_node_append(into, k);
            any = 1;
        }
    }
    return any;
}

/* ---------- the 编制说明 ---------- */

typedef struct ex {
    sk_paper *P;
    const sk_doc *doc;
    const sk_consult *rec;
    const sk_catalog *cat;
    own O;
} ex;

static void todo(ex *X, sk_node *sec, const char *part, const char *what)
{
    paraf(sec, TODO_OPEN "%s" TODO_CLOSE, what);
    sk_vec_push(&X->P->todo, sk_strdup(part));
}

static void source_part(ex *X, sk_node *sec)
{
    const sk_doc *doc = X->doc;
    if (put_own(&X->O, P_SOURCE, sec))
        return;
    const char *prop = meta(doc, SK_META_PROPOSER), *owner = meta(doc, SK_META_OWNER);
    if (prop && owner && !strcmp(prop, owner))
        paraf(sec, "本文件由%s提出并归口。", prop);
    else if (prop || owner)
        paraf(sec, "本文件%s%s%s%s%s。", prop ? "由" : "", prop ? prop : "", prop ? "提出" : "", owner ? "，由" : "",
              owner ? owner : "");
    const sk_system *sys = X->cat ? X->cat->sys : NULL;
    const char *catc = meta(doc, SK_META_CATEGORY), *grpc = meta(doc, SK_META_GROUP);
    const char *catn = NULL, *grpn = NULL;
    for (size_t i = 0; sys && catc && i < sys->ncats; i++)
        if (!strcmp(sys->cats[i].code, catc))
            catn = sys->cats[i].name;
    for (size_t i = 0; sys && grpc && i < sys->ngroups; i++)
        if (!strcmp(sys->groups[i].code, grpc))
            grpn = sys->groups[i].name;
    if (sys && sys->name)
        paraf(sec, "本文件是《%s》%s%s%s%s中的一项标准。", sys->name, catn ? catn : "", grpn ? "（" : "",
              grpn ? grpn : "", grpn ? "）" : "");
    todo(X, sec, "任务来源", "计划下达部门、计划文件号、计划编号和计划名称");
}

static void units_part(ex *X, sk_node *sec)
{
    const sk_meta *m = X->doc->meta;
    int own = put_own(&X->O, P_UNITS, sec);
    if (m->list[SK_META_DRAFTING_UNITS].n) {
        char *u = sk_meta_strlist_join(&m->list[SK_META_DRAFTING_UNITS], "、");
        paraf(sec, "本文件起草单位：%s。", u);
        free(u);
    }
    if (m->list[SK_META_DRAFTERS].n) {
        char *u = sk_meta_strlist_join(&m->list[SK_META_DRAFTERS], "、");
        paraf(sec, "本文件主要起草人：%s。", u);
        free(u);
    }
    if (!own && !m->list[SK_META_DRAFTING_UNITS].n && !m->list[SK_META_DRAFTERS].n)
        todo(X, sec, "起草单位和主要起草人", "起草单位和主要起草人及其所做的工作");
}

/* "2019年5月20日，形成征求意见稿，…。" */
static void stage_line(sk_node *sec, const sk_doc *doc, const char *stage)
{
    static const struct { const char *stage, *says; } steps[] = {
        { "征求意见稿", "形成征求意见稿，征求有关单位和专家的意见" },
        { "送审稿", "根据征求意见的处理结果修改，形成送审稿，提交审查" },
        { "报批稿", "根据审查意见修改，形成报批稿" },
    };
    char *done = cn_date(meta(doc, SK_META_COMPLETED));
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (!strcmp(stage, steps[i].stage))
            paraf(sec, "%s%s%s。", done ? done : "", done ? "，" : "", steps[i].says);
    free(done);
}

static void process_part(ex *X, sk_node *sec)
{
    const sk_doc *doc = X->doc;
    const sk_consult *rec = X->rec;
    int any = put_own(&X->O, P_PROCESS, sec);
    const char *stage = draft_stage(doc);
    int first = stage && !strcmp(stage, "征求意见稿"); /* formed before it is sent out; the later drafts after */
    if (first)
        stage_line(sec, doc, stage);
    if (rec && (rec->circulated || rec->n || rec->sent >= 0)) {
        char *from = cn_date(rec->circulated), *to = cn_date(rec->deadline);
        sk_consult_counts k;
        sk_consult_counts_of(&k, rec);
        char *counts = sk_consult_counts_text(&k, rec->stage);
        sk_buf b;
        sk_buf_init(&b);
        if (from || to)
            sk_buf_printf(&b, "%s%s%s%s征求意见，", from ? from : "", from && to ? "至" : "", to ? to : "",
                          from && !to ? "起" : "");
        sk_buf_printf(&b, "%s意见的处理情况见《征求意见汇总处理表》。", counts);
        para(sec, b.data);
        sk_buf_free(&b);
        free(counts);
        free(from);
        free(to);
        any = 1;
    }
    if (stage && !first)
        stage_line(sec, doc, stage);
    any |= stage != NULL;
    if (!any)
        todo(X, sec, "主要工作过程", "预研、立项、起草、征求意见、审查各阶段的工作");
}

/* The 前言's list of technical changes against the replaced edition, when written. */
static const sk_node *change_list(const sk_doc *doc)
{
    const sk_node *fw = sk_doc_section(doc, SK_S_FOREWORD);
    for (const sk_node *n = fw ? fw->first : NULL; n; n = n->next) {
        if (n->type != SK_N_PARA)
            continue;
        char *t = sk_display_text(&n->in);
        int hit = strstr(t, "技术变化") != NULL;
        free(t);
        if (hit && n->next && n->next->type == SK_N_LIST)
            return n->next;
    }
    return NULL;
}

static void items_of(sk_node *sec, const sk_node *list)
{
    sk_node *l = sk_build_list(sec, 0);
    for (const sk_node *it = list->first; it; it = it->next) {
        if (it->type != SK_N_ITEM || !it->first || it->first->type != SK_N_PARA)
            continue;
        char *t = sk_display_text(&it->first->in);
        sk_build_text(&sk_build_item(l)->in, t);
        free(t);
    }
}

static void basis_part(ex *X, sk_node *sec)
{
    const sk_doc *doc = X->doc;
    put_own(&X->O, P_BASIS, sec);
    para(sec, "本文件按照GB/T 1.1—2020《标准化工作导则" U3000 "第1部分：标准化文件的结构和起草规则》的规定起草，"
              "遵循科学性、适用性、协调性和规范性的原则。");
    const sk_node *scope = sk_doc_section(doc, SK_S_SCOPE);
    const sk_node *first = scope ? scope->first : NULL;
    while (first && first->type != SK_N_PARA)
        first = first->next;
    if (first) {
        char *t = sk_display_text(&first->in);
        para(sec, t);
        free(t);
    }
    size_t n = 0;
    for (const sk_node *c = doc->root->first; c; c = c->next)
        n += c->type == SK_N_SECTION && (c->sect == SK_S_CHAPTER || c->sect == SK_S_SYMBOLS || c->sect == SK_S_ANNEX);
    if (n) {
        para(sec, "本文件的主要内容如下：");
        sk_node *l = sk_build_list(sec, 0);
        size_t k = 0;
        for (const sk_node *c = doc->root->first; c; c = c->next) {
            if (c->type != SK_N_SECTION ||
                !(c->sect == SK_S_CHAPTER || c->sect == SK_S_SYMBOLS || c->sect == SK_S_ANNEX))
                continue;
            const char *end = ++k == n ? "。" : "；";
            sk_inlines *in = &sk_build_item(l)->in;
            if (c->sect == SK_S_ANNEX) {
                const char *lines[3];
                char label[48];
                sk_labels_annex_lines(c, lines, label);
                sk_build_textf(in, "%s%s" U3000 "%s%s", lines[0], lines[1] ? lines[1] : "", lines[2] ? lines[2] : "",
                               end);
            } else {
                sk_build_textf(in, "第%s章" U3000 "%s%s", c->num, c->title ? c->title : "", end);
            }
        }
    }
    const sk_strlist *rep = &doc->meta->list[SK_META_REPLACES];
    if (rep->n) {
        char *r = joined(rep);
        const sk_node *changes = change_list(doc);
        paraf(sec, "本文件代替%s。与%s相比，除结构调整和编辑性改动外，主要技术变化如下：", r, r);
        if (changes)
            items_of(sec, changes);
        else
            todo(X, sec, "主要技术变化", "与被代替标准相比的主要技术变化（前言中没有写出）");
        free(r);
    }
}

static void law_part(ex *X, sk_node *sec)
{
    const sk_doc *doc = X->doc;
    int own = put_own(&X->O, P_LAW, sec);
    sk_map seen;
    sk_map_init(&seen);
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *r = doc->stdrefs.items[i];
        if (!r->in_normref || sk_map_get(&seen, r->number))
            continue;
        sk_map_put(&seen, r->number, (void *)1);
        sk_buf_printf(&b, "%s%s%s%s%s", b.len ? "、" : "", r->number, r->title ? "《" : "", r->title ? r->title : "",
                      r->title ? "》" : "");
    }
    if (b.len)
        paraf(sec, "本文件规范性引用了%s。", b.data);
    sk_buf_free(&b);
    sk_map_free(&seen);
    /* the standards of the system that cite this one: their text names its number */
    const char *number = meta(doc, SK_META_NUMBER);
    sk_buf_init(&b);
    for (size_t i = 0; X->cat && number && i < X->cat->n; i++) {
        const sk_entry *e = &X->cat->v[i];
        const char *num = e->meta ? sk_meta_get(e->meta, NUMBER) : NULL;
        if (!num || !strcmp(num, number) || sk_fs_same_file(e->path, doc->src->path))
            continue;
        char *text = NULL;
        size_t len = 0;
        sk_err ignored;
        if (sk_fs_read(&text, &len, e->path, SK_SOURCE_MAX, &ignored) < 0)
            continue;
        if (strstr(text, number)) {
            const char *title = sk_meta_get(e->meta, TITLE);
            sk_buf_printf(&b, "%s%s%s%s%s", b.len ? "、" : "", num, title ? "《" : "", title ? title : "",
                          title ? "》" : "");
        }
        free(text);
    }
    if (b.len)
        paraf(sec, "体系内引用本文件的标准有%s。", b.data);
    sk_buf_free(&b);
    if (!own)
        todo(X, sec, "与有关法律、行政法规和其他标准的关系", "与现行法律、法规和强制性标准的关系，有无冲突");
}

static void dispute_part(ex *X, sk_node *sec)
{
    const sk_consult *rec = X->rec;
    int own = put_own(&X->O, P_DISPUTE, sec);
    if (!rec || !rec->n) {
        if (!own)
            para(sec, "无。");
        return;
    }
    sk_consult_counts k;
    sk_consult_counts_of(&k, rec);
    paraf(sec, "共收到意见%zu条，采纳%zu条，部分采纳%zu条，未采纳%zu条%s。%s", k.comments, k.adopted, k.partly,
          k.rejected, k.pending ? "，其余尚未处理" : "",
          k.partly + k.rejected ? "部分采纳和未采纳的意见及其理由如下：" : k.pending ? "" : "所有意见均已采纳。");
    if (!(k.partly + k.rejected))
        return;
    sk_feedback fb;
    sk_feedback_build(&fb, X->doc, rec);
    sk_node *l = sk_build_list(sec, 0);
    for (size_t i = 0; i < fb.n; i++) {
        const sk_consult_comment *c = fb.v[i].c;
        if (c->handling != SK_HANDLE_PARTLY && c->handling != SK_HANDLE_REJECTED)
            continue;
        char *what = sk_strdup(c->comment ? c->comment : "");
        for (char *p = what; *p; p++)
            if (*p == '\n')
                *p = ' ';
        sk_build_textf(&sk_build_item(l)->in, "%s（%s）：%s%s%s：%s", fb.v[i].label, c->unit ? c->unit : "", what,
                       sk_str_ends_with(what, "。") ? "" : "。", sk_consult_handling_name(c->handling),
                       c->reason && *c->reason ? c->reason : "（理由待补充）");
        free(what);
    }
    sk_feedback_free(&fb);
}

static void simple_part(ex *X, sk_node *sec, int part, const char *name, const char *what)
{
    if (!put_own(&X->O, part, sec))
        todo(X, sec, name, what);
}

int sk_drafting_explanation(sk_paper *out, const sk_doc *doc, const sk_consult *rec, const sk_catalog *cat,
                            const char *own_path, sk_drafting_warn warn, void *ctx, sk_err *err)
{
    memset(out, 0, sizeof *out);
    ex X = { .P = out, .doc = doc, .rec = rec, .cat = cat };
    if (read_own(&out->own, own_path, err) < 0)
        return -1;
    if (out->own)
        sort_own(&X.O, out->own, warn, ctx);
    const char *title = meta(doc, SK_META_TITLE), *stage = draft_stage(doc);
    char *t = sk_asprintf("《%s》%s%s%s编制说明", title ? title : "", stage ? "（" : "", stage ? stage : "",
                          stage ? "）" : "");
    sk_doc *p = out->doc = sk_build_doc(doc->src->path);
    sk_build_meta(p, SK_META_TITLE, t);
    free(t);
    if (meta(doc, SK_META_NUMBER))
        sk_build_meta(p, SK_META_NUMBER, meta(doc, SK_META_NUMBER));
    sk_build_meta(p, SK_META_STATUS, "current");
    if (meta(doc, SK_META_ISSUER))
        sk_build_meta(p, SK_META_ISSUER, meta(doc, SK_META_ISSUER));
    sk_node *root = p->root;
    sk_node *s1 = sk_build_section(root, SK_S_CHAPTER, "一、工作简况", NULL);
    source_part(&X, sk_build_section(s1, SK_S_CLAUSE, "（一）任务来源", NULL));
    units_part(&X, sk_build_section(s1, SK_S_CLAUSE, "（二）起草单位和主要起草人", NULL));
    process_part(&X, sk_build_section(s1, SK_S_CLAUSE, "（三）主要工作过程", NULL));
    basis_part(&X, sk_build_section(root, SK_S_CHAPTER, "二、编制原则和确定主要内容的论据", NULL));
    simple_part(&X, sk_build_section(root, SK_S_CHAPTER, "三、主要试验（或验证）情况", NULL), P_TESTS,
                "主要试验（或验证）情况", "主要试验（或验证）的分析、综述报告，技术经济论证，预期的经济效果；没有时写“无。”");
    simple_part(&X, sk_build_section(root, SK_S_CHAPTER, "四、与国际、国外同类标准技术内容的对比情况", NULL), P_INTL,
                "与国际、国外同类标准的对比", "采用国际标准和国外先进标准的程度及水平的对比；没有时写“无。”");
    law_part(&X, sk_build_section(root, SK_S_CHAPTER, "五、与有关法律、行政法规和其他标准的关系", NULL));
    dispute_part(&X, sk_build_section(root, SK_S_CHAPTER, "六、重大分歧意见的处理经过和依据", NULL));
    simple_part(&X, sk_build_section(root, SK_S_CHAPTER, "七、贯彻标准的要求和措施建议", NULL), P_IMPL,
                "贯彻标准的要求和措施建议", "组织措施、技术措施、过渡办法和实施日期的建议");
    sk_node *rep = sk_build_section(root, SK_S_CHAPTER, "八、废止现行有关标准的建议", NULL);
    if (!put_own(&X.O, P_REPEAL, rep)) {
        const sk_strlist *r = &doc->meta->list[SK_META_REPLACES];
        if (r->n) {
            char *j = joined(r);
            paraf(rep, "本文件发布实施后，%s同时废止。", j);
            free(j);
        } else {
            para(rep, "无。");
        }
    }
    sk_node *other = sk_build_section(root, SK_S_CHAPTER, "九、其他应予说明的事项", NULL);
    if (!put_own(&X.O, P_OTHER, other))
        para(other, "无。");
    /* the sign-off, right, a line below the text */
    sk_build_block(root, SK_N_PARA);
    paraf(root, "《%s》标准起草组", title ? title : "")->align = 3;
    char *done = cn_date(meta(doc, SK_META_COMPLETED));
    para(root, done ? done : "年" U3000 "月" U3000 "日")->align = 3;
    free(done);
    for (int i = 0; i < P_N; i++)
        sk_vec_free(&X.O.part[i]);
    return 0;
}

/* ---------- the 征求意见汇总处理表 ---------- */

static const char *const table_head[7] = { "序号", "标准章条编号", "意见内容", "修改建议", "提出单位", "处理意见",
                                           "备注" };
static const double table_width[7] = { 0.05, 0.09, 0.27, 0.19, 0.12, 0.20, 0.08 };

static void cell(sk_node *tab, size_t r, int c, const char *text)
{
    sk_build_text(&sk_build_cell(tab, r, c)->in, text && *text ? text : "—");
}

void sk_drafting_table(sk_paper *out, const sk_doc *doc, const sk_consult *rec)
{
    memset(out, 0, sizeof *out);
    sk_doc *p = out->doc = sk_build_doc(doc->src->path);
    const char *title = meta(doc, SK_META_TITLE), *number = meta(doc, SK_META_NUMBER);
    const char *stage = rec && rec->stage ? rec->stage : "征求意见稿";
    sk_build_meta(p, SK_META_TITLE, "征求意见汇总处理表");
    if (number)
        sk_build_meta(p, SK_META_NUMBER, number);
    sk_build_meta(p, SK_META_STATUS, "current");
    if (meta(doc, SK_META_ISSUER))
        sk_build_meta(p, SK_META_ISSUER, meta(doc, SK_META_ISSUER));
    sk_node *root = p->root;
    paraf(root, "标准项目名称：《%s》%s%s%s", title ? title : "", number ? "（" : "", number ? number : "",
          number ? "）" : "")->align = 1;
    char *filled = cn_date(rec ? rec->date : NULL);
    paraf(root, "承办人：%s" U3000 U3000 "电话：%s" U3000 U3000 "%s填写", rec && rec->handler ? rec->handler : U3000 U3000,
          rec && rec->phone ? rec->phone : U3000 U3000, filled ? filled : "年" U3000 "月" U3000 "日")
        ->align = 1;
    free(filled);
    sk_feedback fb;
    sk_feedback_build(&fb, doc, rec);
    size_t rows = fb.n ? fb.n : 1;
    sk_node *tab = sk_build_table(root, NULL, "tab-comments", 7, rows + 1, 1, 0);
    tab->table->width = sk_malloc(7 * sizeof *tab->table->width);
    memcpy(tab->table->width, table_width, sizeof table_width);
    for (int c = 0; c < 7; c++)
        sk_build_text(&sk_build_cell(tab, 0, c)->in, table_head[c]);
    for (size_t i = 0; i < fb.n; i++) {
        const sk_feedback_row *r = &fb.v[i];
        const sk_consult_comment *c = r->c;
        size_t row = i + 1;
        char num[24];
        snprintf(num, sizeof num, "%zu", row);
        cell(tab, row, 0, num);
        sk_build_cell(tab, row, 0)->align = 2;
        cell(tab, row, 1, r->label);
        cell(tab, row, 2, c->comment);
        cell(tab, row, 3, c->proposal);
        cell(tab, row, 4, c->unit);
        char *how = c->handling == SK_HANDLE_NONE ? sk_strdup("")
                    : c->reason && *c->reason ? sk_asprintf("%s：%s", sk_consult_handling_name(c->handling), c->reason)
                                              : sk_strdup(sk_consult_handling_name(c->handling));
        if (*how)
            cell(tab, row, 5, how);
        free(how);
        sk_buf note;
        sk_buf_init(&note);
        if (r->renumbered)
            sk_buf_printf(&note, "%s为%s", stage, c->clause);
        else if (r->status == SK_FB_LOST || r->status == SK_FB_UNKNOWN)
            sk_buf_puts(&note, "所在条文已删除或改名");
        if (c->note && *c->note)
            sk_buf_printf(&note, "%s%s", note.len ? "；" : "", c->note);
        cell(tab, row, 6, note.data);
        sk_buf_free(&note);
    }
    if (!fb.n)
        for (int c = 0; c < 7; c++)
            cell(tab, 1, c, NULL);
    sk_feedback_free(&fb);
    sk_consult_counts k;
    sk_consult_counts_of(&k, rec);
    char *counts = sk_consult_counts_text(&k, stage);
    paraf(root, "说明：%s", counts)->align = 1;
    free(counts);
}
