#include "model/imstyle.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef struct row {
    const char *name;
    sk_imrole r;
    int level;   /* headings, untitled clauses, term numbers and lists: the level */
    int ordered; /* lists: 1 ordered, 0 bullet, -1 as the marker typed says */
} row;

static const row ROWS[] = {
    /* stdgen's own (templates/docx/styles.xml) */
    { "gb foreword title", SK_IMR_HEADING, 1, 0 }, { "gb annex title", SK_IMR_ANNEX, 1, 0 },
    { "gb bibliography title", SK_IMR_HEADING, 1, 0 }, { "gb toc title", SK_IMR_TOC_TITLE, 0, 0 },
    { "gb document title", SK_IMR_DOC_TITLE, 0, 0 }, { "gb term number", SK_IMR_TERM_NUM, 2, 0 },
    { "gb term", SK_IMR_TERM, 0, 0 }, { "gb term alternative", SK_IMR_TERM_ALT, 0, 0 },
    { "gb table title", SK_IMR_CAPTION, 0, 0 }, { "gb figure title", SK_IMR_CAPTION, 0, 0 },
    { "gb note", SK_IMR_NOTE, 0, 0 }, { "gb table note", SK_IMR_NOTE, 0, 0 }, { "gb example", SK_IMR_EXAMPLE, 0, 0 },
    { "gb list 1", SK_IMR_LIST, 1, -1 }, { "gb list 2", SK_IMR_LIST, 2, -1 }, { "gb list 3", SK_IMR_LIST, 3, -1 },
    { "gb list continue", SK_IMR_BODY, 0, 0 }, { "gb formula", SK_IMR_FORMULA, 0, 0 },
    { "gb formula where", SK_IMR_WHERE, 0, 0 }, { "gb formula symbol", SK_IMR_WHERE, 0, 0 },
    { "gb cover codes", SK_IMR_COVER_CODES, 0, 0 }, { "gb cover level", SK_IMR_COVER_LEVEL, 0, 0 },
    { "gb cover number", SK_IMR_COVER_NUMBER, 0, 0 }, { "gb cover replaces", SK_IMR_COVER_REPLACES, 0, 0 },
    { "gb cover title", SK_IMR_COVER_TITLE, 0, 0 }, { "gb cover english title", SK_IMR_COVER_TITLE_EN, 0, 0 },
    { "gb cover stage", SK_IMR_COVER_STAGE, 0, 0 }, { "gb cover note", SK_IMR_COVER_NOTE, 0, 0 },
    { "gb cover dates", SK_IMR_COVER_DATES, 0, 0 }, { "gb cover issuer", SK_IMR_COVER_ISSUER, 0, 0 },
    /* Word's built-in names (as w:name has them) and their Chinese UI names */
    { "title", SK_IMR_DOC_TITLE, 0, 0 }, { "标题", SK_IMR_DOC_TITLE, 0, 0 }, { "toc heading", SK_IMR_TOC_TITLE, 0, 0 },
    { "caption", SK_IMR_CAPTION, 0, 0 }, { "题注", SK_IMR_CAPTION, 0, 0 }, { "image caption", SK_IMR_CAPTION, 0, 0 },
    { "table caption", SK_IMR_CAPTION, 0, 0 },
    { "list bullet", SK_IMR_LIST, 1, 0 }, { "list bullet 2", SK_IMR_LIST, 2, 0 }, { "list bullet 3", SK_IMR_LIST, 3, 0 },
    { "list number", SK_IMR_LIST, 1, 1 }, { "list number 2", SK_IMR_LIST, 2, 1 }, { "list number 3", SK_IMR_LIST, 3, 1 },
    /* the GB/T 1.1 templates (SET 2020/2025, the 标准文件_ family) */
    { "标准文件_章标题", SK_IMR_HEADING, 1, 0 },         { "标准文件_一级条标题", SK_IMR_HEADING, 2, 0 },
    { "标准文件_二级条标题", SK_IMR_HEADING, 3, 0 },     { "标准文件_三级条标题", SK_IMR_HEADING, 4, 0 },
    { "标准文件_四级条标题", SK_IMR_HEADING, 5, 0 },     { "标准文件_五级条标题", SK_IMR_HEADING, 6, 0 },
    { "标准文件_附录一级条标题", SK_IMR_HEADING, 2, 0 }, { "标准文件_附录二级条标题", SK_IMR_HEADING, 3, 0 },
    { "标准文件_附录三级条标题", SK_IMR_HEADING, 4, 0 }, { "标准文件_附录四级条标题", SK_IMR_HEADING, 5, 0 },
    { "标准文件_附录五级条标题", SK_IMR_HEADING, 6, 0 },
    { "标准文件_一级无标题", SK_IMR_UNTITLED, 2, 0 },    { "标准文件_二级无标题", SK_IMR_UNTITLED, 3, 0 },
    { "标准文件_三级无标题", SK_IMR_UNTITLED, 4, 0 },    { "标准文件_四级无标题", SK_IMR_UNTITLED, 5, 0 },
    { "标准文件_五级无标题", SK_IMR_UNTITLED, 6, 0 },
    { "标准文件_前言、引言标题", SK_IMR_HEADING, 1, 0 }, { "标准文件_引言标题", SK_IMR_HEADING, 1, 0 },
    { "标准文件_参考文献标题", SK_IMR_HEADING, 1, 0 },   { "标准文件_索引标题", SK_IMR_HEADING, 1, 0 },
    { "标准文件_目录标题", SK_IMR_TOC_TITLE, 0, 0 },     { "标准文件_目次、标准名称标题", SK_IMR_TOC_TITLE, 0, 0 },
    { "目次、索引正文", SK_IMR_TOC, 0, 0 },             { "标准文件_正文标准名称", SK_IMR_DOC_TITLE, 0, 0 },
    { "标准文件_附录标识", SK_IMR_ANNEX, 1, 0 },         { "附录性质", SK_IMR_ANNEX_TYPE, 0, 0 },
    { "标准文件_附录英文标识", SK_IMR_ANNEX_TYPE, 0, 0 }, { "标准文件_附录章标题", SK_IMR_ANNEX_TITLE, 0, 0 },
    { "标准文件_术语条一", SK_IMR_TERM_NUM, 2, 0 },       { "标准文件_术语条二", SK_IMR_TERM_NUM, 3, 0 },
    { "标准文件_术语条三", SK_IMR_TERM_NUM, 4, 0 },       { "标准文件_术语条四", SK_IMR_TERM_NUM, 5, 0 },
    { "标准文件_术语条五", SK_IMR_TERM_NUM, 6, 0 },
    { "标准文件_注：", SK_IMR_NOTE, 0, 0 },              { "标准文件_注×：", SK_IMR_NOTE, 0, 0 },
    { "标准文件_示例：", SK_IMR_EXAMPLE, 0, 0 },          { "标准文件_示例×：", SK_IMR_EXAMPLE, 0, 0 },
    { "标准文件_破折号列项", SK_IMR_LIST, 1, 0 },         { "标准文件_破折号列项（二级）", SK_IMR_LIST, 2, 0 },
    { "标准文件_字母编号列项（一级）", SK_IMR_LIST, 1, 1 }, { "标准文件_数字编号列项", SK_IMR_LIST, 2, 1 },
    { "标准文件_数字编号列项（二级）", SK_IMR_LIST, 2, 1 }, { "标准文件_编号列项（三级）", SK_IMR_LIST, 3, 1 },
    { "标准文件_一级项", SK_IMR_LIST, 1, 1 },
    { "标准文件_正文公式", SK_IMR_FORMULA, 0, 0 },        { "标准文件_附录公式", SK_IMR_FORMULA, 0, 0 },
    { "标准文件_正文表标题", SK_IMR_CAPTION, 0, 0 },      { "标准文件_正文图标题", SK_IMR_CAPTION, 0, 0 },
    { "标准文件_附录表标题", SK_IMR_CAPTION, 0, 0 },      { "标准文件_附录图标题", SK_IMR_CAPTION, 0, 0 },
    { "标准文件_参考文献条目", SK_IMR_BIBLIO, 0, 0 },
    { "标准称谓", SK_IMR_COVER_LEVEL, 0, 0 },            { "标准文件_文件编号", SK_IMR_COVER_NUMBER, 0, 0 },
    { "标准文件_替换文件编号", SK_IMR_COVER_REPLACES, 0, 0 }, { "标准文件_文件名称", SK_IMR_COVER_TITLE, 0, 0 },
    { "封面标准英文名称", SK_IMR_COVER_TITLE_EN, 0, 0 },  { "其他发布日期", SK_IMR_COVER_ISSUED, 0, 0 },
    { "其他实施日期", SK_IMR_COVER_EFFECTIVE, 0, 0 },     { "其他发布部门", SK_IMR_COVER_ISSUER, 0, 0 },
};

sk_imrole sk_imstyle_role(const char *name, int *level, int *ordered)
{
    *level = 0;
    *ordered = 0;
    if (!name)
        return SK_IMR_NONE;
    char low[128];
    size_t n = strlen(name);
    if (n >= sizeof low)
        return SK_IMR_NONE;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    /* heading N, 标题 N, toc N, 目录 N */
    int k;
    if ((sscanf(low, "heading %d", &k) == 1 || sscanf(low, "标题 %d", &k) == 1) && k >= 1 && k <= 9) {
        *level = k;
        return SK_IMR_HEADING;
    }
    if ((sscanf(low, "toc %d", &k) == 1 || sscanf(low, "目录 %d", &k) == 1 || sscanf(low, "contents %d", &k) == 1))
        return SK_IMR_TOC;
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++)
        if (!strcmp(ROWS[i].name, low)) {
            *level = ROWS[i].level;
            *ordered = ROWS[i].ordered;
            return ROWS[i].r;
        }
    return SK_IMR_NONE;
}

int sk_imstyle_row(size_t i, const char **name, char *meaning, size_t cap)
{
    static const char *const what[] = {
        [SK_IMR_HEADING] = "heading level %d",
        [SK_IMR_UNTITLED] = "untitled clause level %d",
        [SK_IMR_ANNEX] = "annex heading",
        [SK_IMR_ANNEX_TYPE] = "annex type line (（规范性）)",
        [SK_IMR_ANNEX_TITLE] = "annex title line",
        [SK_IMR_TOC_TITLE] = "目次 title (dropped with the 目次)",
        [SK_IMR_TOC] = "目次 entry (dropped)",
        [SK_IMR_DOC_TITLE] = "title (front matter)",
        [SK_IMR_TERM_NUM] = "term entry number",
        [SK_IMR_TERM] = "term line (term　English)",
        [SK_IMR_TERM_ALT] = "admitted/deprecated term, symbol",
        [SK_IMR_CAPTION] = "table/figure caption",
        [SK_IMR_NOTE] = "note (注)",
        [SK_IMR_EXAMPLE] = "example (示例)",
        [SK_IMR_FORMULA] = "formula",
        [SK_IMR_WHERE] = "式中 entry",
        [SK_IMR_BIBLIO] = "参考文献 entry",
        [SK_IMR_COVER_CODES] = "cover: ICS/CCS",
        [SK_IMR_COVER_LEVEL] = "cover: level banner (printed from the number)",
        [SK_IMR_COVER_NUMBER] = "cover: number",
        [SK_IMR_COVER_REPLACES] = "cover: replaces",
        [SK_IMR_COVER_TITLE] = "cover: title",
        [SK_IMR_COVER_TITLE_EN] = "cover: English title",
        [SK_IMR_COVER_STAGE] = "cover: stage",
        [SK_IMR_COVER_NOTE] = "cover: patent note (printed from the stage)",
        [SK_IMR_COVER_DATES] = "cover: dates",
        [SK_IMR_COVER_ISSUED] = "cover: issued",
        [SK_IMR_COVER_EFFECTIVE] = "cover: effective",
        [SK_IMR_COVER_ISSUER] = "cover: issuer",
        [SK_IMR_BODY] = "body text",
    };
    if (i >= sizeof ROWS / sizeof ROWS[0])
        return 0;
    const row *r = &ROWS[i];
    *name = r->name;
    if (r->r == SK_IMR_LIST)
        snprintf(meaning, cap, "list item level %d, %s", r->level,
                 r->ordered < 0 ? "as its marker" : r->ordered ? "ordered" : "bullet");
    else if (r->r == SK_IMR_HEADING || r->r == SK_IMR_UNTITLED)
        snprintf(meaning, cap, what[r->r], r->level);
    else
        snprintf(meaning, cap, "%s", what[r->r] ? what[r->r] : "");
    return 1;
}
