#include "layout/cover.h"

#include <stdlib.h>
#include <string.h>

#include "base/stamp.h"
#include "base/utf8.h"
#include "layout/labels.h"

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

char *sk_cover_banner(const char *number, const sk_system *sys)
{
    const char *n = number ? number : "";
    if (sys && sys->level && sys->code && *sys->code && sk_str_starts_with(n, sys->code))
        return sk_strdup(sys->level);
    if (sk_str_starts_with(n, "GB/Z"))
        return sk_strdup("中华人民共和国国家标准化指导性技术文件");
    if (sk_str_starts_with(n, "GB/T") || sk_str_starts_with(n, "GB "))
        return sk_strdup("中华人民共和国国家标准");
    if (sk_str_starts_with(n, "DB")) {
        for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
            if (!strncmp(n + 2, provinces[i].code, 2))
                return sk_asprintf("%s地方标准", provinces[i].name);
        return sk_strdup("地方标准");
    }
    if (sk_str_starts_with(n, "T/"))
        return sk_strdup("团体标准");
    if (sk_str_starts_with(n, "Q/"))
        return sk_strdup("企业标准");
    if (sys && sys->level)
        return sk_strdup(sys->level);
    return NULL;
}

static const char *issuer_of(const sk_doc *doc, const sk_system *sys)
{
    const char *s = sk_meta_get(doc->meta, ISSUER);
    if (s && *s)
        return s;
    return sys && sys->issuer ? sys->issuer : NULL;
}

/* "2019-06-28 发布"; a draft (a stage, or status draft) and an undated standard print
 * the placeholder of the published templates instead: a draft is not issued yet,
 * whatever dates its front matter plans. */
static char *date_line(const char *date, const char *what, int draft)
{
    int y, m, d;
    if (!draft && date && sk_meta_date_parse(date, &y, &m, &d) == 0)
        return sk_asprintf("%04d-%02d-%02d %s", y, m, d, what);
    return sk_asprintf(SK_COVER_NO_DATE " %s", what);
}

int sk_cover_is_draft(const sk_doc *doc)
{
    /* the 发布稿 is the text as issued: dated */
    const char *stage = sk_meta_get(doc->meta, STAGE);
    if (stage && *stage)
        return strcmp(stage, "发布稿") != 0;
    return doc->meta->status == SK_STATUS_DRAFT;
}

/* The mark at the top right of a cover: the kind's code as the published covers
 * print it beside (or as) the logo: GB for national standards, DB and the province
 * code for local ones, the association's T/ code, the enterprise's Q/ code; a
 * system's own standards, the system's code. */
static char *mark_of(const char *number, const sk_system *sys)
{
    const char *n = number ? number : "";
    if (sys && sys->code && *sys->code && sk_str_starts_with(n, sys->code))
        return sk_strdup(sys->code);
    if (sk_str_starts_with(n, "GB"))
        return sk_strdup("GB");
    size_t k = 0;
    if (sk_str_starts_with(n, "DB")) {
        for (k = 2; n[k] >= '0' && n[k] <= '9'; k++)
            ;
        return sk_strndup(n, k);
    }
    if (sk_str_starts_with(n, "T/") || sk_str_starts_with(n, "Q/")) {
        for (k = 2; n[k] && n[k] != ' ' && !(n[k] >= '0' && n[k] <= '9'); k++)
            ;
        while (k > 2 && n[k - 1] == ' ')
            k--;
        return k > 2 ? sk_strndup(n, k) : NULL;
    }
    return NULL;
}

/* Banners of at most this many 汉字 print spaced out and centred ("团　体　标　准"). */
#define SHORT_BANNER 5

static void short_banner(sk_cover *c)
{
    size_t n = c->level ? sk_utf8_count(c->level, strlen(c->level)) : 0;
    if (!n || n > SHORT_BANNER)
        return;
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = c->level; *p;) {
        const char *q = p + 1;
        while ((*q & 0xC0) == 0x80)
            q++;
        if (p != c->level)
            sk_buf_puts(&b, U3000);
        sk_buf_put(&b, p, (size_t)(q - p));
        p = q;
    }
    free(c->level);
    c->level = sk_buf_detach(&b);
    c->level_short = 1;
}

void sk_cover_build(sk_cover *c, const sk_doc *doc, const sk_system *sys)
{
    const sk_meta *m = doc->meta;
    memset(c, 0, sizeof *c);
    const char *ics = sk_meta_get(m, ICS), *ccs = sk_meta_get(m, CCS);
    c->ics = ics && *ics ? sk_asprintf("ICS %s", ics) : NULL;
    c->ccs = ccs && *ccs ? sk_asprintf("CCS %s", ccs) : NULL;
    c->number = sk_strdup(sk_labels_header(doc));
    c->level = sk_cover_banner(c->number, sys);
    if (m->list[SK_META_REPLACES].n) {
        char *r = sk_meta_strlist_join(&m->list[SK_META_REPLACES], "、");
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
    /* a draft (征求意见稿, 送审稿, 报批稿) is not issued yet: its cover says so, and its
     * dates are the blanks the issuing body fills; the 发布稿 is the text as issued */
    int draft = stage && *stage && strcmp(stage, "发布稿");
    if (draft) {
        c->stage = sk_asprintf("（%s）", stage);
        const char *done = sk_meta_get(m, COMPLETED);
        int y, mo, d;
        if (done && sk_meta_date_parse(done, &y, &mo, &d) == 0)
            c->completed = sk_asprintf("（本稿完成日期：%04d-%02d-%02d）", y, mo, d);
        /* drafts sent out for comment or review ask for patents (Annex D); 报批稿 does not */
        if (strcmp(stage, "报批稿"))
            c->patent = sk_strdup("在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。");
    }
    c->issued = date_line(sk_meta_get(m, ISSUED), "发布", sk_cover_is_draft(doc));
    c->effective = date_line(sk_meta_get(m, EFFECTIVE), "实施", sk_cover_is_draft(doc));
    const char *iss = issuer_of(doc, sys);
    c->issuer = iss ? sk_asprintf("%s" U3000 "发布", iss) : NULL;
    if (c->level && !strcmp(c->level, "企业标准") && iss) { /* "××企业标准": the enterprise names itself */
        free(c->level);
        c->level = sk_asprintf("%s企业标准", iss);
    }
    short_banner(c);
    c->mark = mark_of(c->number, sys);
}

void sk_cover_build_form(sk_cover *c, const sk_doc *doc, const sk_node *form, const sk_system *sys)
{
    sk_cover_build(c, doc, sys);
    free(c->title);
    free(c->title_lines);
    c->title = sk_strdup(form->title ? form->title : "");
    c->title_lines = sk_strdup(c->title);
}

void sk_cover_free(sk_cover *c)
{
    char **f[] = { &c->ics, &c->ccs, &c->level, &c->mark, &c->number, &c->replaces, &c->title, &c->title_lines, &c->title_en,
                   &c->stage, &c->completed, &c->patent, &c->issued, &c->effective, &c->issuer };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
}

void sk_cover_times(const sk_doc *doc, time_t *created, time_t *modified)
{
    int y, m, d;
    time_t build;
    int have_sde = sk_stamp_build(&build, SK_STAMP_FIXED);
    const char *issued = sk_meta_get(doc->meta, ISSUED);
    if (issued && sk_meta_date_parse(issued, &y, &m, &d) == 0) {
        /* days from civil (UTC), so TZ never matters */
        int yy = y - (m <= 2);
        long era = (yy >= 0 ? yy : yy - 399) / 400;
        long yoe = yy - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        *created = (time_t)((era * 146097 + doe - 719468) * 86400L);
    } else {
        *created = build;
    }
    *modified = have_sde ? build : *created;
}
