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
/* ---------- the lead-ins of chapters 2, 3 and 符号和缩略语 ---------- */

int sk_foreword_symbol_line(const sk_node *para)
{
    if (!para || para->type != SK_N_PARA)
        return 0;
    char *t = sk_display_text(&para->in);
    const char *dash = strstr(t, "——"), *colon = strstr(t, "："), *sep = dash;
    if (!sep || (colon && colon < sep))
        sep = colon;
    /* a short symbol before the separator, no sentence before it ("下列符号适用于本文件。" has none) */
    int ok = sep && sep > t && sep - t <= 30 && !memmem(t, (size_t)(sep - t), "。", 3) &&
             !memmem(t, (size_t)(sep - t), "，", 3) && strncmp(t, "下列", 6);
    free(t);
    return ok;
}

const sk_node *sk_foreword_group(const sk_node *ch)
{
    if (!ch || ch->type != SK_N_SECTION || ch->sect != SK_S_TERMS || sk_node_first_block(ch))
        return ch;
    for (const sk_node *k = ch->first; k; k = k->next)
        if (k->type == SK_N_SECTION && k->sect == SK_S_CLAUSE && sk_display_sect_of(k->title) == SK_S_TERMS)
            return k;
    return ch;
}

size_t sk_foreword_entries(const sk_node *chapter)
{
    size_t n = 0;
    if (!chapter)
        return 0;
    const sk_node *ch = sk_foreword_group(chapter);
    const sk_node *first = sk_node_first_block(ch);
    for (const sk_node *k = ch->first; k; k = sk_node_walk_next(ch, k, 1)) {
        if (chapter->sect == SK_S_TERMS) {
            n += k->type == SK_N_SECTION && k->sect == SK_S_TERM;
        } else if (k->type == SK_N_ITEM && k->parent->parent && k->parent->parent->type == SK_N_SECTION) {
            n++; /* an item of a list of the chapter (or of its clauses), not of a nested list */
        } else if (chapter->sect == SK_S_SYMBOLS && k->type == SK_N_TABLE && k->table) {
            n += k->table->nrows > (size_t)k->table->nheader ? k->table->nrows - (size_t)k->table->nheader : 0;
        } else if (chapter->sect == SK_S_SYMBOLS && k->type == SK_N_PARA && k->parent->type == SK_N_SECTION &&
                   (k != first || sk_foreword_symbol_line(k))) {
            n++; /* a line after the lead-in, or a first line that is an entry */
        }
    }
    return n;
}

const char *sk_foreword_leadin(const sk_node *ch)
{
    if (!ch || ch->type != SK_N_SECTION)
        return NULL;
    if (ch->sect != SK_S_NORMREF && ch->sect != SK_S_TERMS && ch->sect != SK_S_SYMBOLS)
        return NULL;
    const sk_node *b = sk_node_first_block(sk_foreword_group(ch));
    if (b && b->type == SK_N_PARA && !(ch->sect == SK_S_SYMBOLS && sk_foreword_symbol_line(b)))
        return NULL; /* the author's own sentence */
    if (b && b->type != SK_N_PARA && b->type != SK_N_LIST && b->type != SK_N_TABLE)
        return NULL; /* a note, a quote …: not what the rule is about */
    size_t n = sk_foreword_entries(ch);
    switch (ch->sect) {
    case SK_S_NORMREF:
        return n ? SK_LEADIN_NORMREF : SK_LEADIN_NORMREF_NONE;
    case SK_S_TERMS:
        return n ? SK_LEADIN_TERMS : SK_LEADIN_TERMS_NONE;
    default:
        return n ? sk_foreword_symbols_leadin(ch) : NULL;
    }
}

const char *sk_foreword_symbols_leadin(const sk_node *ch)
{
    const char *t = ch && ch->title ? ch->title : "";
    int sym = strstr(t, "符号") != NULL, abbr = strstr(t, "缩略语") != NULL;
    return sym && abbr ? SK_LEADIN_SYMBOLS_ABBREVS : abbr ? SK_LEADIN_ABBREVS : SK_LEADIN_SYMBOLS;
}

int sk_foreword_leadins(sk_doc *doc)
{
    int made = 0;
    for (sk_node *chapter = doc->root->first; chapter; chapter = chapter->next) {
        const char *t = sk_foreword_leadin(chapter);
        if (!t)
            continue;
        sk_node *ch = (sk_node *)sk_foreword_group(chapter); /* a node of doc's tree, which is ours */
        sk_node *p = sk_node_new(SK_N_PARA);
        sk_inline in = { 0 };
        in.type = SK_I_TEXT;
        in.text = sk_strdup(t);
        sk_inline_push(&p->in, &in);
        p->line = ch->line;
        p->parent = ch;
        p->next = ch->first;
        if (ch->first)
            ch->first->prev = p;
        else
            ch->last = p;
        ch->first = p;
        made++;
    }
    return made;
}
