#include "model/foreword.h"

#include <stdlib.h>
#include <string.h>

#include "model/diff.h"
#include "model/display.h"

#define U3000 "\xE3\x80\x80"

/* ---------- 前言 ---------- */

/* One text run, taken over. */
static void add_text(sk_node *p, char *text)
{
    sk_inline in = { 0 };
    in.type = SK_I_TEXT;
    in.text = text;
    sk_inline_push(&p->in, &in);
}

static void add_para(sk_node *sec, char *text)
{
    sk_node *p = sk_node_new(SK_N_PARA);
    add_text(p, text);
    sk_node_append(sec, p);
}

int sk_foreword_build(sk_doc *doc)
{
    if (sk_doc_section(doc, SK_S_FOREWORD))
        return 0;
    const sk_meta *m = doc->meta;
    sk_node *sec = sk_node_new(SK_N_SECTION);
    sec->sect = SK_S_FOREWORD;
    sec->level = 1;
    sec->title = sk_strdup("前言");

    add_para(sec, sk_strdup("本文件按照GB/T 1.1—2020《标准化工作导则" U3000
                            "第1部分：标准化文件的结构和起草规则》的规定起草。"));
    if (m->list[SK_META_REPLACES].n) {
        char *r = sk_meta_strlist_join(&m->list[SK_META_REPLACES], "、");
        add_para(sec, sk_asprintf("本文件代替%s。", r));
        free(r);
    }
    add_para(sec, sk_strdup("请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。"));
    const char *prop = sk_meta_get(m, PROPOSER), *own = sk_meta_get(m, OWNER);
    if (prop && *prop && own && *own && !strcmp(prop, own)) {
        add_para(sec, sk_asprintf("本文件由%s提出并归口。", prop));
    } else {
        if (prop && *prop)
            add_para(sec, sk_asprintf("本文件由%s提出。", prop));
        if (own && *own)
            add_para(sec, sk_asprintf("本文件由%s归口。", own));
    }
    if (m->list[SK_META_DRAFTING_UNITS].n) {
        char *u = sk_meta_strlist_join(&m->list[SK_META_DRAFTING_UNITS], "、");
        add_para(sec, sk_asprintf("本文件起草单位：%s。", u));
        free(u);
    }
    if (m->list[SK_META_DRAFTERS].n) {
        char *u = sk_meta_strlist_join(&m->list[SK_META_DRAFTERS], "、");
        add_para(sec, sk_asprintf("本文件主要起草人：%s。", u));
        free(u);
    }
    for (size_t i = 0; i < m->namend; i++) {
        const sk_amend *a = &m->amend[i];
        int y, mo, d;
        if (sk_meta_date_parse(a->date, &y, &mo, &d) < 0)
            continue;
        if (a->summary && *a->summary)
            add_para(sec, sk_asprintf("本文件的第%s号修改单于%d年%d月%d日发布，已纳入本文件，修改内容为：%s%s", a->number, y,
                                      mo, d, a->summary, sk_str_ends_with(a->summary, "。") ? "" : "。"));
        else
            add_para(sec, sk_asprintf("本文件的第%s号修改单于%d年%d月%d日发布，已纳入本文件。", a->number, y, mo, d));
    }

    /* first section of the document */
    sk_node *root = doc->root;
    sec->parent = root;
    sec->next = root->first;
    if (root->first)
        root->first->prev = sec;
    else
        root->last = sec;
    root->first = sec;
    doc->foreword = sec;
    return 1;
}

/* ---------- the change list ---------- */

static void insert_after(sk_node *at, sk_node *n)
{
    n->parent = at->parent;
    n->prev = at;
    n->next = at->next;
    if (at->next)
        at->next->prev = n;
    else
        at->parent->last = n;
    at->next = n;
}

int sk_foreword_changes(sk_doc *doc, const sk_diff *d)
{
    sk_node *sec = doc->foreword, *lead = NULL;
    for (sk_node *p = sec ? sec->first : NULL; p && !lead; p = p->next) {
        char *t = p->type == SK_N_PARA ? sk_display_text(&p->in) : NULL;
        if (t && !strncmp(t, "本文件代替", strlen("本文件代替")))
            lead = p;
        free(t);
    }
    if (!lead)
        return -1;
    sk_inline_list_free(&lead->in);
    memset(&lead->in, 0, sizeof lead->in);
    add_text(lead, sk_diff_lead(d));
    size_t total = sk_diff_technical(d);
    if (!total)
        return 0;
    sk_node *list = sk_node_new(SK_N_LIST);
    list->ordered = 1;
    list->level = 1;
    list->line = lead->line;
    insert_after(lead, list);
    int n = 0;
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        char *item = sk_diff_item(d, sk_diff_get(d, i));
        if (!item)
            continue;
        n++;
        sk_node *it = sk_node_new(SK_N_ITEM);
        it->level = 1;
        sk_node_append(list, it);
        sk_node *p = sk_node_new(SK_N_PARA);
        sk_node_append(it, p);
        add_text(p, sk_asprintf("%s%s", item, (size_t)n == total ? "。" : "；"));
        free(item);
    }
    return n;
}
