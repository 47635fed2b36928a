#include "front.h"

#include "pinyin.h"
#include "style.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define U3000 "\xE3\x80\x80"

/* ---------- cover ---------- */

static const struct { const char code[3]; const char *name; } provinces[] = {
    { "11", "北京市" }, { "12", "天津市" }, { "13", "河北省" }, { "14", "山西省" },
    { "15", "内蒙古自治区" }, { "21", "辽宁省" }, { "22", "吉林省" }, { "23", "黑龙江省" },
    { "31", "上海市" }, { "32", "江苏省" }, { "33", "浙江省" }, { "34", "安徽省" },
    { "35", "福建省" }, { "36", "江西省" }, { "37", "山东省" }, { "41", "河南省" },
    { "42", "湖北省" }, { "43", "湖南省" }, { "44", "广东省" }, { "45", "广西壮族自治区" },
    { "46", "海南省" }, { "50", "重庆市" }, { "51", "四川省" }, { "52", "贵州省" },
    { "53", "云南省" }, { "54", "西藏自治区" }, { "61", "陕西省" }, { "62", "甘肃省" },
    { "63", "青海省" }, { "64", "宁夏回族自治区" }, { "65", "新疆维吾尔自治区" },
};

char *sk_level_banner(const char *number, const sk_system *sys)
{
    const char *n = number ? number : "";
    if (sys && sys->level && sys->code && *sys->code && sk_starts_with(n, sys->code))
        return sk_strdup(sys->level);
    if (sk_starts_with(n, "GB/Z"))
        return sk_strdup("中华人民共和国国家标准化指导性技术文件");
    if (sk_starts_with(n, "GB/T") || sk_starts_with(n, "GB "))
        return sk_strdup("中华人民共和国国家标准");
    if (sk_starts_with(n, "DB")) {
        for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
            if (!strncmp(n + 2, provinces[i].code, 2))
                return sk_asprintf("%s地方标准", provinces[i].name);
        return sk_strdup("地方标准");
    }
    if (sk_starts_with(n, "T/"))
        return sk_strdup("团体标准");
    if (sk_starts_with(n, "Q/"))
        return sk_strdup("企业标准");
    if (sys && sys->level)
        return sk_strdup(sys->level);
    return NULL;
}

static char *join_list(const sk_strlist *l, const char *sep)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sk_buf_puts(&b, sep);
        sk_buf_puts(&b, l->v[i]);
    }
    return sk_buf_detach(&b);
}

static const char *issuer_of(const sk_doc *doc, const sk_system *sys)
{
    const char *s = sk_meta_get(doc->meta, ISSUER);
    if (s && *s)
        return s;
    return sys && sys->issuer ? sys->issuer : NULL;
}

static char *date_line(const char *date, const char *what)
{
    int y, m, d;
    if (date && sk_date_parse(date, &y, &m, &d) == 0)
        return sk_asprintf("%04d-%02d-%02d %s", y, m, d, what);
    return sk_asprintf("××××-××-×× %s", what);
}

void sk_cover_build(sk_cover *c, const sk_doc *doc, const sk_system *sys)
{
    const sk_meta *m = doc->meta;
    memset(c, 0, sizeof *c);
    const char *ics = sk_meta_get(m, ICS), *ccs = sk_meta_get(m, CCS);
    c->ics = ics && *ics ? sk_asprintf("ICS %s", ics) : NULL;
    c->ccs = ccs && *ccs ? sk_asprintf("CCS %s", ccs) : NULL;
    c->number = sk_strdup(sk_front_header(doc));
    c->level = sk_level_banner(c->number, sys);
    if (m->list[SK_META_REPLACES].n) {
        char *r = join_list(&m->list[SK_META_REPLACES], "、");
        c->replaces = sk_asprintf("代替 %s", r);
        free(r);
    }
    c->title = sk_meta_title(m);
    const char *part = sk_meta_get(m, PART), *pt = sk_meta_get(m, PART_TITLE);
    c->title_lines = part && *part && pt && *pt
                         ? sk_asprintf("%s\n第%s部分：%s", sk_meta_get(m, TITLE) ? sk_meta_get(m, TITLE) : "", part, pt)
                         : sk_strdup(c->title);
    c->title_en = sk_meta_title_en(m);
    const char *stage = sk_meta_get(m, STAGE);
    if (stage && *stage) {
        c->stage = sk_asprintf("（%s）", stage);
        const char *done = sk_meta_get(m, COMPLETED);
        int y, mo, d;
        if (done && sk_date_parse(done, &y, &mo, &d) == 0)
            c->completed = sk_asprintf("（本稿完成日期：%04d-%02d-%02d）", y, mo, d);
        /* drafts sent out for comment or review ask for patents (Annex D); 报批稿 does not */
        if (strcmp(stage, "报批稿"))
            c->patent = sk_strdup("在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。");
    }
    c->issued = date_line(sk_meta_get(m, ISSUED), "发布");
    c->effective = date_line(sk_meta_get(m, EFFECTIVE), "实施");
    const char *iss = issuer_of(doc, sys);
    c->issuer = iss ? sk_asprintf("%s" U3000 "发布", iss) : NULL;
    if (c->level && !strcmp(c->level, "企业标准") && iss) { /* "××企业标准": the enterprise names itself */
        free(c->level);
        c->level = sk_asprintf("%s企业标准", iss);
    }
}

void sk_cover_build_form(sk_cover *c, const sk_doc *doc, const sk_node *form, const sk_system *sys)
{
    sk_cover_build(c, doc, sys);
    free(c->title);
    free(c->title_lines);
    c->title = sk_strdup(form->title ? form->title : "");
    c->title_lines = sk_strdup(c->title);
}

int sk_form_pages(const sk_form_copies *fc)
{
    return fc->n < 1 ? 1 : fc->n > 100000 ? 100000 : (int)fc->n;
}

void sk_cover_free(sk_cover *c)
{
    char **f[] = { &c->ics, &c->ccs, &c->level, &c->number, &c->replaces, &c->title, &c->title_lines, &c->title_en,
                   &c->stage, &c->completed, &c->patent, &c->issued, &c->effective, &c->issuer };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
}

/* ---------- 前言 ---------- */

static void add_para(sk_node *sec, char *text)
{
    sk_node *p = sk_node_new(SK_N_PARA);
    sk_inline in = { 0 };
    in.type = SK_I_TEXT;
    in.text = text;
    sk_inlines_push(&p->in, &in);
    sk_node_append(sec, p);
}

int sk_front_foreword(sk_doc *doc)
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
        char *r = join_list(&m->list[SK_META_REPLACES], "、");
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
        char *u = join_list(&m->list[SK_META_DRAFTING_UNITS], "、");
        add_para(sec, sk_asprintf("本文件起草单位：%s。", u));
        free(u);
    }
    if (m->list[SK_META_DRAFTERS].n) {
        char *u = join_list(&m->list[SK_META_DRAFTERS], "、");
        add_para(sec, sk_asprintf("本文件主要起草人：%s。", u));
        free(u);
    }
    for (size_t i = 0; i < m->namend; i++) {
        const sk_amend *a = &m->amend[i];
        int y, mo, d;
        if (sk_date_parse(a->date, &y, &mo, &d) < 0)
            continue;
        if (a->summary && *a->summary)
            add_para(sec, sk_asprintf("本文件的第%s号修改单于%d年%d月%d日发布，已纳入本文件，修改内容为：%s%s", a->number, y,
                                      mo, d, a->summary, sk_ends_with(a->summary, "。") ? "" : "。"));
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
    return 1;
}

const char *sk_front_title(sk_sect s)
{
    switch (s) {
    case SK_S_FOREWORD: return "前" U3000 U3000 "言";
    case SK_S_INTRO: return "引" U3000 U3000 "言";
    case SK_S_BIBLIO: return "参考文献";
    case SK_S_INDEX: return "索" U3000 U3000 "引";
    default: return "";
    }
}

/* ---------- labels ---------- */

static int list_index(const sk_node *item)
{
    int k = 0;
    for (const sk_node *p = item->parent ? item->parent->first : item; p && p != item; p = p->next)
        k += p->type == SK_N_ITEM;
    return k;
}

static const sk_node *section_of(const sk_node *n)
{
    while (n && n->type != SK_N_SECTION)
        n = n->parent;
    return n;
}

int sk_list_plain(const sk_node *list)
{
    const sk_node *s = section_of(list);
    return s && (s->sect == SK_S_NORMREF || s->sect == SK_S_SYMBOLS) && list->level == 1;
}

char *sk_item_marker(const sk_node *item)
{
    const sk_node *list = item->parent;
    int k = list_index(item);
    if (!list)
        return sk_strdup("");
    if (sk_list_plain(list))
        return sk_strdup("");
    const sk_node *s = section_of(list);
    if (s && s->sect == SK_S_BIBLIO && list->level == 1)
        return item->num[0] ? sk_asprintf("[%s]", item->num) : sk_asprintf("[%d]", k + 1);
    if (!list->ordered)
        return sk_strdup(list->level <= 1 ? "——" : "·");
    if (list->level <= 1) {
        char a[8];
        if (k < 26)
            snprintf(a, sizeof a, "%c)", 'a' + k);
        else
            snprintf(a, sizeof a, "%c%c)", 'a' + (k / 26 - 1) % 26, 'a' + k % 26);
        return sk_strdup(a);
    }
    return sk_asprintf("%d)", k + 1);
}

char *sk_note_label(const sk_node *n)
{
    const char *w = n->type == SK_N_EXAMPLE ? "示例" : "注";
    if (n->label_assigned)
        return sk_asprintf("%s%d：", w, n->label_assigned);
    return sk_asprintf("%s：", w);
}

char *sk_caption(const sk_node *n)
{
    char *label = sk_node_label(n);
    if (!n->caption || !*n->caption)
        return label;
    char *s = sk_asprintf("%s" U3000 "%s", label, n->caption);
    free(label);
    return s;
}

char *sk_formula_number(const sk_node *formula)
{
    return formula->num[0] ? sk_asprintf("\xEF\xBC\x88%s\xEF\xBC\x89", formula->num) : NULL;
}

void sk_annex_lines(const sk_node *annex, const char *lines[3], char label[48])
{
    snprintf(label, 48, "附录%s", annex->num);
    lines[0] = label;
    lines[1] = annex->annex_type == SK_ANNEX_NORMATIVE     ? "（规范性）"
               : annex->annex_type == SK_ANNEX_INFORMATIVE ? "（资料性）"
                                                           : NULL;
    lines[2] = annex->title ? annex->title : "";
}

char *sk_toc_text(const sk_node *n)
{
    switch (n->sect) {
    case SK_S_FOREWORD: return sk_strdup("前言");
    case SK_S_INTRO: return sk_strdup("引言");
    case SK_S_BIBLIO: return sk_strdup("参考文献");
    case SK_S_INDEX: return sk_strdup("索引");
    case SK_S_ANNEX: {
        const char *l[3];
        char label[48];
        sk_annex_lines(n, l, label);
        return sk_asprintf("%s%s" U3000 "%s", l[0], l[1] ? l[1] : "", l[2]);
    }
    default: return sk_node_heading(n);
    }
}

const sk_node *sk_term_en(const sk_node *term)
{
    const sk_node *p = term->first;
    if (term->sect != SK_S_TERM || !p || p->type != SK_N_PARA || p->term_part != SK_TP_EN)
        return NULL;
    return p;
}

int sk_table_header_rows(const sk_node *table)
{
    const sk_table *t = table->table;
    if (!t || !t->nrows)
        return 0;
    for (int c = 0; c < t->ncols; c++) {
        const sk_inlines *l = &t->rows[0].cells[c].in;
        for (size_t i = 0; i < l->n; i++)
            if (l->v[i].type == SK_I_FIELD)
                return 0;
    }
    return t->nheader;
}

int sk_table_keep(const sk_node *table)
{
    const sk_table *t = table->table;
    size_t rows = 0;
    for (size_t r = 0; t && r < t->nrows; r++)
        rows += t->rows[r].repeat ? SK_FILL_BLANK_ROWS : 1;
    return t && rows <= SK_KEEP_ROWS;
}

int sk_field_width(const char *name)
{
    /* by the last word of the name: community_party_org → org */
    static const struct { const char *word; int width; } widths[] = {
        { "date", 6 }, { "time", 5 }, { "year", 3 }, { "count", 3 }, { "seq", 2 }, { "no", 5 },
        { "phone", 6 }, { "signature", 5 }, { "address", 12 }, { "name", 4 }, { "contact", 4 },
        { "org", 7 }, { "unit", 7 }, { "community", 7 }, { "hours", 4 }, { "points", 3 },
    };
    const char *us = strrchr(name, '_');
    const char *word = us ? us + 1 : name;
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
        if (!strcmp(word, widths[i].word))
            return widths[i].width;
    return 6;
}

/* ---------- header, file name ---------- */

const char *sk_front_header(const sk_doc *doc)
{
    const char *n = sk_meta_get(doc->meta, NUMBER);
    return n ? n : "";
}

static int is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFFF0);
}

#define SLUG_MAX_BYTES 120

/* Characters a file name takes badly: separators, path and shell metacharacters. */
static int name_sep(uint32_t cp)
{
    return cp == '/' || cp == ' ' || cp == '\t' || cp == 0x2014 || cp == 0x2013 || cp == 0x3000 || cp == '\\' ||
           cp == ':' || cp == '*' || cp == '?' || cp == '"' || cp == '<' || cp == '>' || cp == '|' || cp < 0x20;
}

/* Appends s to b: the number (slug = 0) with separators as one '-', or the slug
 * (slug = 1) without punctuation and white space, at most SLUG_MAX_BYTES. */
static void put_name_part(sk_buf *b, const char *s, int slug)
{
    size_t len = strlen(s), start = b->len;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (!slug && name_sep(cp)) {
            if (b->len && b->data[b->len - 1] != '-')
                sk_buf_putc(b, '-');
        } else if (!slug || (!is_punct(cp) && cp > 0x20)) {
            if (slug && b->len - start + (size_t)k > SLUG_MAX_BYTES)
                break;
            sk_buf_put(b, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
    while (!slug && b->len && b->data[b->len - 1] == '-')
        b->data[--b->len] = '\0';
}

char *sk_output_name(const sk_doc *doc, const char *ext)
{
    sk_buf b;
    sk_buf_init(&b);
    const char *num = sk_meta_get(doc->meta, NUMBER), *title = sk_meta_get(doc->meta, TITLE);
    if (num && *num) {
        put_name_part(&b, num, 0);
        if (b.len && title) {
            size_t before = b.len;
            sk_buf_putc(&b, '-');
            put_name_part(&b, title, 1);
            if (b.len == before + 1)
                b.data[--b.len] = '\0'; /* no slug */
        }
    }
    if (!b.len || b.data[0] == '.' || b.data[0] == '-') {
        sk_buf_clear(&b);
        const char *p = doc->src->path, *slash = strrchr(p, '/');
        p = slash ? slash + 1 : p;
        const char *dot = strrchr(p, '.');
        sk_buf_put(&b, p, dot && dot != p ? (size_t)(dot - p) : strlen(p));
    }
    sk_buf_printf(&b, ".%s", ext);
    return sk_buf_detach(&b);
}

/* ---------- 目次 and page estimate ---------- */

typedef struct est {
    int page;
    double line;
    int roman;
    const sk_assets *assets;
    sk_toc *toc;
    size_t cap;
} est;

#define SMALL_CHARS 52
#define SMALL_LINE 0.85
#define LINE_EMU 224790.0 /* one 五号 line at the body's 1.3 spacing, in EMU */

static void est_lines(est *e, double lines)
{
    e->line += lines;
    while (e->line > SK_PAGE_LINES) {
        e->page++;
        e->line -= SK_PAGE_LINES;
    }
}

static void est_newpage(est *e)
{
    if (e->line > 0) {
        e->page++;
        e->line = 0;
    }
}

/* Width of text in 汉字: characters of three or more UTF-8 bytes (U+0800 on:
 * 汉字, full-width punctuation) count one, others half. By lead byte, no decoding. */
static double text_units(const char *s)
{
    double u = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        u += *p < 0x80 || (*p >= 0xC0 && *p < 0xE0) ? 0.5 : *p >= 0xE0 ? 1.0 : 0.0;
    return u;
}

static double inline_units(const sk_inlines *l)
{
    double u = 0;
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        if (in->type == SK_I_REF) {
            char *t = sk_ref_display(in);
            u += text_units(t);
            free(t);
        } else if (in->type == SK_I_FIELD) {
            u += sk_field_width(in->text);
        } else if (in->text) {
            u += text_units(in->text);
        }
    }
    return u;
}

static double lines_for(double units, double per_line)
{
    double l = ceil(units / per_line);
    return l < 1 ? 1 : l;
}

static void toc_add(est *e, const sk_node *n, int level)
{
    sk_toc *t = e->toc;
    if (t->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 32;
        t->v = sk_realloc(t->v, e->cap * sizeof *t->v);
    }
    t->v[t->n++] = (sk_toc_entry){ level, sk_toc_text(n), n, e->page, e->roman };
}

static void est_table(est *e, const sk_node *n)
{
    const sk_table *t = n->table;
    est_lines(e, 1.5);
    for (size_t r = 0; t && r < t->nrows; r++) {
        double row = 1;
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *k = &t->rows[r].cells[c];
            if (k->covered)
                continue;
            double w = 0;
            for (int s = 0; s < k->colspan && c + s < t->ncols; s++)
                w += t->width[c + s];
            double per = w * SMALL_CHARS - 1;
            double l = lines_for(inline_units(&k->in), per < 1 ? 1 : per);
            if (l > row)
                row = l;
        }
        est_lines(e, (row * SMALL_LINE + 0.3) * (t->rows[r].repeat ? SK_FILL_BLANK_ROWS : 1));
    }
}

static void est_blocks(est *e, const sk_node *first, double indent);

static void est_block(est *e, const sk_node *n, double indent)
{
    switch (n->type) {
    case SK_N_PARA:
        est_lines(e, lines_for(indent + 2 + inline_units(&n->in), SK_LINE_CHARS));
        break;
    case SK_N_NOTE:
    case SK_N_EXAMPLE:
        est_lines(e, SMALL_LINE * lines_for(indent + 5 + inline_units(&n->in), SMALL_CHARS));
        break;
    case SK_N_LIST:
    case SK_N_ITEM:
        est_blocks(e, n->first, indent + 2);
        break;
    case SK_N_QUOTE:
        est_blocks(e, n->first, indent + 4);
        break;
    case SK_N_CODE: {
        int lines = 1;
        for (const char *p = n->src; p && *p; p++)
            lines += *p == '\n';
        est_lines(e, lines * SMALL_LINE);
        break;
    }
    case SK_N_TABLE:
        est_table(e, n);
        est_blocks(e, n->first, indent);
        break;
    case SK_N_FIGURE: {
        const sk_asset *a = sk_assets_find(e->assets, n);
        double h = 15;
        if (a) {
            long long w, hh;
            sk_image_fit(&a->info, SK_TEXT_WIDTH_EMU, SK_FIGURE_MAX_HEIGHT_EMU, &w, &hh);
            h = hh / LINE_EMU;
        }
        est_lines(e, h + 2);
        est_blocks(e, n->first, indent);
        break;
    }
    case SK_N_CUT:
    case SK_N_FORMULA:
        est_lines(e, 2);
        break;
    case SK_N_WHERE:
        est_lines(e, 1);
        for (const sk_node *k = n->first; k; k = k->next)
            est_lines(e, lines_for(SK_WHERE_TEXT_TW / SK_CHAR_TW + inline_units(&k->in), SK_LINE_CHARS));
        break;
    case SK_N_SECTION: {
        if (n->sect == SK_S_ANNEX || n->sect == SK_S_BIBLIO || n->sect == SK_S_INDEX || n->sect == SK_S_FOREWORD ||
            n->sect == SK_S_INTRO)
            est_newpage(e);
        int top = n->parent && n->parent->type == SK_N_DOC;
        int toc_level = top ? 1 : (n->level == 2 && n->sect == SK_S_CLAUSE && !n->untitled && n->title && *n->title) ? 2 : 0;
        if (toc_level)
            toc_add(e, n, toc_level);
        if (n->sect == SK_S_ANNEX)
            est_lines(e, 4);
        else if (n->sect == SK_S_TERM)
            est_lines(e, 2.5);
        else if (top && (n->sect == SK_S_FOREWORD || n->sect == SK_S_INTRO))
            est_lines(e, 3);
        else
            est_lines(e, top ? 2 : 1.5);
        est_blocks(e, n->first, 0);
        break;
    }
    default:
        break;
    }
}

static void est_blocks(est *e, const sk_node *first, double indent)
{
    for (const sk_node *k = first; k; k = k->next)
        est_block(e, k, indent);
}

static int is_front(const sk_node *n)
{
    return n->type == SK_N_SECTION && (n->sect == SK_S_FOREWORD || n->sect == SK_S_INTRO);
}

void sk_toc_build(sk_toc *t, const sk_doc *doc, const sk_assets *assets)
{
    memset(t, 0, sizeof *t);
    est e = { .page = 1, .line = 0, .roman = 1, .assets = assets, .toc = t };
    /* count entries first: the 目次's own length decides where 前言 starts */
    size_t entries = 0;
    for (const sk_node *n = doc->root->first; n; n = n->next) {
        if (n->type != SK_N_SECTION)
            continue;
        entries++;
        for (const sk_node *k = n->first; k; k = k->next)
            entries += k->type == SK_N_SECTION && k->sect == SK_S_CLAUSE && !k->untitled && k->title && *k->title;
    }
    est_lines(&e, 3 + (double)entries);
    for (const sk_node *n = doc->root->first; n; n = n->next)
        if (is_front(n))
            est_block(&e, n, 0);
    t->front_pages = e.page;
    e.page = 1;
    e.line = 0;
    e.roman = 0;
    est_lines(&e, 2.5); /* the title on the first body page */
    for (const sk_node *n = doc->root->first; n; n = n->next)
        if (!is_front(n))
            est_block(&e, n, 0);
    t->body_pages = e.page;
}

void sk_toc_free(sk_toc *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].text);
    free(t->v);
    memset(t, 0, sizeof *t);
}

void sk_page_label(int page, int roman, char out[16])
{
    if (!roman || page < 1 || page > 3999) {
        snprintf(out, 16, "%d", page);
        return;
    }
    static const struct { int v; const char *s; } r[] = { { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" },
                                                          { 100, "C" },  { 90, "XC" },  { 50, "L" },  { 40, "XL" },
                                                          { 10, "X" },   { 9, "IX" },   { 5, "V" },   { 4, "IV" },
                                                          { 1, "I" } };
    size_t o = 0;
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        while (page >= r[i].v && o + strlen(r[i].s) < 16) {
            memcpy(out + o, r[i].s, strlen(r[i].s));
            o += strlen(r[i].s);
            page -= r[i].v;
        }
    out[o] = '\0';
}

/* ---------- 索引 (8.14) ---------- */

/* What an index entry points to: the term entry or the nearest numbered section. */
static const sk_node *index_target(const sk_node *n)
{
    while (n && !(n->type == SK_N_SECTION && (n->num[0] || n->parent->type == SK_N_DOC)))
        n = n->parent;
    return n;
}

char *sk_index_label(const sk_node *target)
{
    if (target->sect == SK_S_ANNEX)
        return sk_asprintf("附录%s", target->num);
    if (target->num[0])
        return sk_strdup(target->num);
    return sk_toc_text(target);
}

typedef struct ixb {
    sk_index *ix;
    sk_map by_text;  /* entry text → index + 1 */
    size_t cap;
} ixb;

static void ix_add(ixb *b, const char *text, const sk_node *target)
{
    if (!text || !*text || !target)
        return;
    sk_index *ix = b->ix;
    size_t i = (size_t)(uintptr_t)sk_map_get(&b->by_text, text);
    if (!i) {
        if (ix->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 16;
            ix->v = sk_realloc(ix->v, b->cap * sizeof *ix->v);
        }
        sk_index_entry *e = &ix->v[ix->n++];
        memset(e, 0, sizeof *e);
        e->text = sk_strdup(text);
        e->key = sk_pinyin_key(text);
        e->letter = sk_pinyin_letter(text);
        i = ix->n;
        sk_map_put(&b->by_text, text, (void *)(uintptr_t)i);
    }
    sk_index_entry *e = &ix->v[i - 1];
    for (size_t k = 0; k < e->n; k++)
        if (e->targets[k] == target)
            return;
    e->targets = sk_realloc(e->targets, (e->n + 1) * sizeof *e->targets);
    e->targets[e->n++] = target;
}

static void ix_mark(const sk_node *block, const sk_inline *in, void *arg)
{
    if (in->type == SK_I_INDEX)
        ix_add(arg, in->target, index_target(block));
}

static int ix_cmp(const void *a, const void *b)
{
    const sk_index_entry *x = a, *y = b;
    int lx = x->letter ? x->letter : 'Z' + 1, ly = y->letter ? y->letter : 'Z' + 1;
    if (lx != ly)
        return lx - ly;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->text, y->text);
}

void sk_index_build(sk_index *ix, const sk_doc *doc)
{
    memset(ix, 0, sizeof *ix);
    ixb b = { .ix = ix };
    sk_map_init(&b.by_text);
    const sk_node *root = doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_SECTION || n->sect != SK_S_TERM || !n->num[0])
            continue;
        ix_add(&b, n->title, n);
        for (const sk_node *k = n->first; k && k->type != SK_N_SECTION; k = k->next)
            if (k->type == SK_N_PARA && k->term_part == SK_TP_ADMITTED) {
                char *t = sk_inlines_text(&k->in);
                ix_add(&b, sk_trim(t), n);
                free(t);
            }
    }
    sk_doc_each_inline(doc, ix_mark, &b);
    sk_map_free(&b.by_text);
    if (ix->n)
        qsort(ix->v, ix->n, sizeof *ix->v, ix_cmp);
}

void sk_index_free(sk_index *ix)
{
    for (size_t i = 0; i < ix->n; i++) {
        free(ix->v[i].text);
        free(ix->v[i].key);
        free(ix->v[i].targets);
    }
    free(ix->v);
    memset(ix, 0, sizeof *ix);
}

void sk_index_group(const sk_index_entry *e, char out[16])
{
    if (e->letter) {
        out[0] = e->letter;
        out[1] = '\0';
    } else {
        snprintf(out, 16, "其他");
    }
}
