#include "model/imcover.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/build.h"
#include "model/foreword.h"
#include "model/node.h"
#include "text/stdnum.h"
#include "text/zh.h"

static const char *skip_spaces(const char *s)
{
    size_t n;
    while ((n = sk_zh_blank(s)))
        s += n;
    return s;
}

void sk_imcover_set(sk_imcover *c, sk_meta_key k, const char *v)
{
    if (!c->doc->meta->str[k] && v && *v)
        sk_build_meta(c->doc, k, v);
}

static void list_add(sk_imcover *I, sk_meta_key k, const char *v)
{
    if (v && *v)
        sk_meta_strlist_push(&I->doc->meta->list[k], v);
}

static int date_at(const char *s, char out[11])
{
    if (!(isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
          isdigit((unsigned char)s[3]) && s[4] == '-' && isdigit((unsigned char)s[5]) &&
          isdigit((unsigned char)s[6]) && s[7] == '-' && isdigit((unsigned char)s[8]) &&
          isdigit((unsigned char)s[9])))
        return 0;
    memcpy(out, s, 10);
    out[10] = '\0';
    return 1;
}

/* "2019-06-28发布", "2019-07-01实施", both in one line: the dates. */
static int cover_dates(sk_imcover *I, const char *t)
{
    int found = 0;
    char d[11];
    for (const char *p = t; *p; p++)
        if (date_at(p, d)) {
            const char *q = skip_spaces(p + 10);
            if (!strncmp(q, "发布", 6)) {
                sk_imcover_set(I, SK_META_ISSUED, d);
                found = 1;
            } else if (!strncmp(q, "实施", 6)) {
                sk_imcover_set(I, SK_META_EFFECTIVE, d);
                found = 1;
            }
            p += 9;
        }
    return found;
}

static void split_list(sk_imcover *I, sk_meta_key k, const char *s)
{
    char *t = sk_strdup(s);
    char *save = NULL;
    /* split on 、 ， , ; */
    for (char *p = t; *p;) {
        if (!strncmp(p, "、", 3) || !strncmp(p, "，", 3) || !strncmp(p, "；", 3)) {
            memset(p, '\x01', 3);
            p += 3;
        } else if (*p == ',' || *p == ';') {
            *p++ = '\x01';
        } else {
            p++;
        }
    }
    for (char *w = strtok_r(t, "\x01", &save); w; w = strtok_r(NULL, "\x01", &save)) {
        sk_str_trim(w);
        list_add(I, k, w);
    }
    free(t);
}

/* The length of an ICS or CCS value without the cover mark stdgen prints at the right
 * tab of the same line ("03.080.30\tT/ZSA", the tab read as a space): the last word
 * when it is a kind's code (GB, DB41, T/ZSA, Q/ABC, a system's SJDJ), never an ICS
 * code (digits and dots) or a CCS one (a letter and digits). */
static size_t without_mark(const char *v)
{
    size_t n = strlen(v);
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    size_t w = n;
    while (w && !isspace((unsigned char)v[w - 1]))
        w--;
    if (!w)
        return n;
    const char *m = v + w;
    size_t ml = n - w, up = 0;
    int mark = ml > 2 && (!strncmp(m, "T/", 2) || !strncmp(m, "Q/", 2));
    if (!mark && ml >= 2 && !strncmp(m, "DB", 2)) {
        mark = 1;
        for (size_t i = 2; i < ml; i++)
            mark &= isdigit((unsigned char)m[i]) != 0;
    }
    for (size_t i = 0; i < ml; i++)
        up += m[i] >= 'A' && m[i] <= 'Z';
    mark |= ml >= 2 && up == ml;
    if (!mark)
        return n;
    while (w && isspace((unsigned char)v[w - 1]))
        w--;
    return w;
}

static const char *STAGES[] = { "征求意见稿", "送审稿", "报批稿" };

/* A paragraph of the cover. Returns 1 when it was taken. */
int sk_imcover_para(sk_imcover *I, sk_imrole r, const char *t)
{
    if (!*t)
        return 1;
    char *sq = sk_zh_unspace(t);
    int done = 1;
    size_t tl = strlen(t);
    sk_stdnum m;
    if (r == SK_IMR_COVER_LEVEL || r == SK_IMR_COVER_NOTE) {
        /* the banner and the patent note are printed from the number and the stage */
    } else if (!strncmp(t, "ICS", 3) || !strncmp(t, "CCS", 3)) {
        char *c = sk_strdup(t);
        for (char *line = strtok(c, "\n"); line; line = strtok(NULL, "\n")) {
            const char *v = skip_spaces(line + 3);
            char *code = sk_strndup(v, without_mark(v));
            if (!strncmp(line, "ICS", 3))
                sk_imcover_set(I, SK_META_ICS, code);
            else if (!strncmp(line, "CCS", 3))
                sk_imcover_set(I, SK_META_CCS, code);
            free(code);
        }
        free(c);
    } else if (r == SK_IMR_COVER_DATES || r == SK_IMR_COVER_ISSUED || r == SK_IMR_COVER_EFFECTIVE || cover_dates(I, t)) {
        if (!cover_dates(I, t)) {
            char d[11];
            if (date_at(t, d))
                sk_imcover_set(I, r == SK_IMR_COVER_EFFECTIVE ? SK_META_EFFECTIVE : SK_META_ISSUED, d);
        }
    } else if (!strncmp(sq, "代替", 6)) {
        split_list(I, SK_META_REPLACES, sq + 6);
    } else if (r == SK_IMR_COVER_REPLACES) {
        split_list(I, SK_META_REPLACES, sq);
    } else if (!strncmp(sq, "（本稿完成日期：", 24) || !strncmp(sq, "(本稿完成日期：", 22)) {
        char d[11];
        const char *q = strstr(sq, "：") + 3;
        if (date_at(q, d))
            sk_imcover_set(I, SK_META_COMPLETED, d);
    } else if (r == SK_IMR_COVER_STAGE || strstr(sq, "稿）") || strstr(sq, "稿)")) {
        int hit = 0;
        for (size_t i = 0; i < 3; i++)
            if (strstr(sq, STAGES[i])) {
                sk_imcover_set(I, SK_META_STAGE, STAGES[i]);
                hit = 1;
            }
        done = hit || r == SK_IMR_COVER_STAGE;
        if (!done)
            goto title;
    } else if (!strncmp(sq, "在提交反馈意见时", 24)) {
        /* printed from the stage */
    } else if ((r == SK_IMR_COVER_NUMBER || !I->seen_number) && sk_stdnum_match(t, tl, 0, &m) == tl) {
        sk_imcover_set(I, SK_META_NUMBER, t);
        I->seen_number = 1;
    } else if (r == SK_IMR_COVER_NUMBER) {
        sk_imcover_set(I, SK_META_NUMBER, t);
        I->seen_number = 1;
    } else if (r == SK_IMR_COVER_ISSUER || (sk_str_ends_with(sq, "发布") && sk_zh_has_han(sq) && strlen(sq) > 6)) {
        char *v = sk_strdup(sq);
        if (sk_str_ends_with(v, "发布"))
            v[strlen(v) - 6] = '\0';
        sk_imcover_set(I, SK_META_ISSUER, v);
        free(v);
    } else {
    title:
        if (r == SK_IMR_COVER_TITLE || (I->seen_number && sk_zh_has_han(t) && !I->doc->meta->str[SK_META_TITLE])) {
            char *v = sk_strdup(t);
            for (char *q = v; *q; q++)
                if (*q == '\n')
                    *q = ' ';
            sk_imcover_set(I, SK_META_TITLE, v);
            free(v);
        } else if (r == SK_IMR_COVER_TITLE_EN || (I->seen_number && !sk_zh_has_han(t) && !I->doc->meta->str[SK_META_TITLE_EN])) {
            char *v = sk_strdup(t);
            for (char *q = v; *q; q++)
                if (*q == '\n')
                    *q = ' ';
            sk_imcover_set(I, SK_META_TITLE_EN, v);
            free(v);
        } else if (!I->seen_number && r == SK_IMR_NONE) {
            /* the banner (中华人民共和国国家标准 …): printed from the number */
        } else {
            done = 0;
        }
    }
    free(sq);
    return done;
}


/* Each paragraph of the 前言 that is stdgen's fixed text gives its field; returns
 * 1 when all of them are. */
static int foreword_fields(sk_imcover *I, const char *text)
{
    int all = 1;
    char *c = sk_strdup(text);
    for (char *line = strtok(c, "\n"); line; line = strtok(NULL, "\n")) {
        sk_str_trim(line);
        if (!*line)
            continue;
        size_t L = strlen(line);
        int ends = sk_str_ends_with(line, "。");
        char *body = ends ? sk_strndup(line, L - 3) : sk_strdup(line);
        if (sk_str_starts_with(line, "本文件按照GB/T 1.1—2020") && strstr(line, "的规定起草")) {
        } else if (!strcmp(line, "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。")) {
        } else if (sk_str_starts_with(body, "本文件代替") && ends) {
            if (!I->doc->meta->list[SK_META_REPLACES].n)
                split_list(I, SK_META_REPLACES, body + strlen("本文件代替"));
        } else if (sk_str_starts_with(body, "本文件由") && sk_str_ends_with(body, "提出并归口")) {
            char *v = sk_strndup(body + strlen("本文件由"), strlen(body) - strlen("本文件由") - strlen("提出并归口"));
            sk_imcover_set(I, SK_META_PROPOSER, v);
            sk_imcover_set(I, SK_META_OWNER, v);
            free(v);
        } else if (sk_str_starts_with(body, "本文件由") && sk_str_ends_with(body, "提出")) {
            char *v = sk_strndup(body + strlen("本文件由"), strlen(body) - strlen("本文件由") - strlen("提出"));
            sk_imcover_set(I, SK_META_PROPOSER, v);
            free(v);
        } else if (sk_str_starts_with(body, "本文件由") && sk_str_ends_with(body, "归口")) {
            char *v = sk_strndup(body + strlen("本文件由"), strlen(body) - strlen("本文件由") - strlen("归口"));
            sk_imcover_set(I, SK_META_OWNER, v);
            free(v);
        } else if (sk_str_starts_with(body, "本文件起草单位：")) {
            if (!I->doc->meta->list[SK_META_DRAFTING_UNITS].n)
                split_list(I, SK_META_DRAFTING_UNITS, body + strlen("本文件起草单位："));
        } else if (sk_str_starts_with(body, "本文件主要起草人：")) {
            if (!I->doc->meta->list[SK_META_DRAFTERS].n)
                split_list(I, SK_META_DRAFTERS, body + strlen("本文件主要起草人："));
        } else {
            all = 0;
            /* the group: "…中政治功能类的一项" */
            for (size_t g = 0; I->sys && g < I->sys->ngroups; g++) {
                char *pat = sk_asprintf("中%s类", I->sys->groups[g].name);
                if (strstr(line, pat))
                    sk_imcover_set(I, SK_META_GROUP, I->sys->groups[g].code);
                free(pat);
            }
        }
        free(body);
    }
    free(c);
    return all;
}

int sk_imcover_foreword(sk_imcover *c, sk_node *fw, const char *text)
{
    foreword_fields(c, text);
    /* dropped only when it is word for word what stdgen generates from those fields:
     * take it out, generate one, compare, put it back unless they are the same */
    sk_node *root = c->doc->root;
    sk_node *prev = fw->prev;
    if (prev)
        prev->next = fw->next;
    else
        root->first = fw->next;
    if (fw->next)
        fw->next->prev = prev;
    else
        root->last = prev;
    fw->next = fw->prev = NULL;
    sk_foreword_build(c->doc);
    sk_node *gen = root->first;
    sk_buf gt;
    sk_buf_init(&gt);
    for (sk_node *k = gen->first; k; k = k->next) {
        for (size_t i = 0; i < k->in.n; i++)
            sk_buf_puts(&gt, k->in.v[i].text ? k->in.v[i].text : "");
        sk_buf_putc(&gt, '\n');
    }
    int same = gt.data && !strcmp(gt.data, text);
    sk_buf_free(&gt);
    root->first = gen->next;
    if (gen->next)
        gen->next->prev = NULL;
    else
        root->last = NULL;
    gen->next = gen->parent = NULL;
    sk_node_free(gen);
    if (same) {
        fw->parent = NULL;
        sk_node_free(fw);
        return 1;
    }
    fw->prev = prev;
    fw->next = prev ? prev->next : root->first;
    if (prev)
        prev->next = fw;
    else
        root->first = fw;
    if (fw->next)
        fw->next->prev = fw;
    else
        root->last = fw;
    return 0;
}

void sk_imcover_finish(sk_imcover *c, sk_vec *notes)
{
    sk_doc *doc = c->doc;
    sk_meta *m = doc->meta;
    /* a part of a multi-part standard: "title　第1部分：part" and "title—Part 1: part" */
    const char *tt = m->str[SK_META_TITLE];
    const char *pt = tt ? strstr(tt, "第") : NULL;
    if (pt && pt > tt) {
        int part = 0;
        const char *q = pt + 3;
        while (isdigit((unsigned char)*q))
            part = part * 10 + (*q++ - '0');
        if (part > 0 && !strncmp(q, "部分：", 9)) {
            char *base = sk_strndup(tt, (size_t)(pt - tt));
            sk_str_trim(base);
            char *ptitle = sk_strdup(q + 9);
            char pn[16];
            snprintf(pn, sizeof pn, "%d", part);
            sk_build_meta(doc, SK_META_TITLE, base);
            sk_build_meta(doc, SK_META_PART, pn);
            sk_build_meta(doc, SK_META_PART_TITLE, ptitle);
            free(base);
            free(ptitle);
            const char *te = m->str[SK_META_TITLE_EN];
            char needle[32];
            snprintf(needle, sizeof needle, "\xE2\x80\x94Part %d: ", part);
            const char *pe = te ? strstr(te, needle) : NULL;
            if (pe) {
                char *ebase = sk_strndup(te, (size_t)(pe - te));
                char *etitle = sk_strdup(pe + strlen(needle));
                sk_build_meta(doc, SK_META_TITLE_EN, ebase);
                sk_build_meta(doc, SK_META_PART_TITLE_EN, etitle);
                free(ebase);
                free(etitle);
            }
        }
    }
    /* the category is the system's (its number pattern's {category}); without a
     * system a standard needs none, and none is made up */
    const char *number = m->str[SK_META_NUMBER];
    if (!m->str[SK_META_CATEGORY] && number && c->sys) {
        sk_numparts parts;
        if (sk_system_match_number(c->sys, number, &parts) == 0 && parts.category[0])
            sk_build_meta(doc, SK_META_CATEGORY, parts.category);
    }
    if (!m->str[SK_META_STATUS])
        sk_build_meta(doc, SK_META_STATUS, m->str[SK_META_STAGE] ? "draft" : "current");
    if (!number)
        sk_vec_push(notes, sk_strdup("paragraph 0: no standard number found on the cover: fill in number: in the "
                                     "front matter"));
    if (!m->str[SK_META_TITLE])
        sk_vec_push(notes, sk_strdup("paragraph 0: no title found: fill in title: in the front matter"));
}
