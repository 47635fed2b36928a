/* model/diff: two editions aligned clause by clause and their changes classified,
 * on pairs made by real edits (the fixture pair of tests/fixtures/editions, and
 * small standards edited one way each). */
#include "helpers.h"

#include "base/fs.h"
#include "model/diff.h"
#include "model/display.h"

#define FM_OLD "---\nnumber: SJDJ/TS 01—2019\ntitle: 测试标准\ncategory: TS\nstatus: current\n---\n"
#define FM_NEW "---\nnumber: SJDJ/TS 01—2024\ntitle: 测试标准\ncategory: TS\nstatus: current\n---\n"

#define BODY_HEAD                                                                                                  \
    "# 1 范围\n\n本文件规定了站点的服务要求。\n\n# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"            \
    "# 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n"

typedef struct pair {
    sk_doc *old, *new;
    sk_diff *d;
    sk_diags diags;
} pair;

static void open_pair(pair *p, const char *old, const char *new)
{
    sk_diags scratch;
    p->old = parse_str(old, &scratch);
    sk_diag_free(&scratch);
    p->new = parse_str(new, &scratch);
    sk_diag_free(&scratch);
    assert_non_null(p->old);
    assert_non_null(p->new);
    sk_diag_init(&p->diags);
    p->d = sk_diff_new(p->old, p->new, &p->diags);
}

static void close_pair(pair *p)
{
    sk_diff_free(p->d);
    sk_doc_free(p->old);
    sk_doc_free(p->new);
    sk_diag_free(&p->diags);
}

static char *slurp(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    sk_err e;
    if (sk_fs_read(&data, &len, path, 1 << 24, &e) < 0)
        fail_msg("%s: %s", path, e.msg);
    return data;
}

/* The change whose new (or, when new_num is NULL, old) section has this number. */
static const sk_change *find(const sk_diff *d, const char *new_num, const char *old_num)
{
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        const sk_change *c = sk_diff_get(d, i);
        if (new_num && (!c->new || strcmp(c->new->num, new_num)))
            continue;
        if (old_num && (!c->old || strcmp(c->old->num, old_num)))
            continue;
        if (!new_num && c->new)
            continue;
        return c;
    }
    return NULL;
}

static size_t count_kind(const sk_diff *d, sk_diff_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < sk_diff_count(d); i++)
        n += sk_diff_get(d, i)->kind == k;
    return n;
}

/* The 前言 list as a standard prints it: the lead, then a) b) … */
static char *foreword_list(const sk_diff *d)
{
    sk_buf b;
    sk_buf_init(&b);
    char *lead = sk_diff_lead(d);
    sk_buf_printf(&b, "%s\n", lead);
    free(lead);
    size_t k = 0, total = sk_diff_technical(d);
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        char *item = sk_diff_item(d, sk_diff_get(d, i));
        if (!item)
            continue;
        sk_buf_printf(&b, "%c）%s%s\n", (char)('a' + k), item, k + 1 == total ? "。" : "；");
        k++;
        free(item);
    }
    return sk_buf_detach(&b);
}

static void test_the_same_text_has_no_change(void **state)
{
    (void)state;
    const char *body = FM_OLD BODY_HEAD "# 4 要求\n\n## 4.1 总则\n\n站点应公示服务项目。\n\n## 4.2 人员\n\n站点宜配备社工。\n";
    pair p;
    open_pair(&p, body, body);
    assert_int_equal(sk_diff_count(p.d), 0);
    close_pair(&p);
    /* headings with their numbers written or left out are the same text */
    open_pair(&p, FM_OLD BODY_HEAD "# 4 要求\n\n## 4.1 总则\n\n站点应公示服务项目。\n",
              FM_OLD BODY_HEAD "# 要求\n\n## 总则\n\n站点应公示服务项目。\n");
    assert_int_equal(sk_diff_count(p.d), 0);
    close_pair(&p);
    /* empty numbered headings (as a PaddleOCR conversion of GB/T 39787—2021 has them) have
     * nothing to compare but their place: still the same clauses */
    body = FM_OLD BODY_HEAD "# 4 要求\n\n## 4.1\n\n## 4.2 总则\n\n站点应公示服务项目。\n\n## 4.3\n\n## 4.4\n";
    open_pair(&p, body, body);
    assert_int_equal(sk_diff_count(p.d), 0);
    close_pair(&p);
}

/* 5 and 6 swap places, the references follow: one chapter moved, the other
 * renumbered, their clauses' renumberings implied; nothing technical. */
static void test_a_renumbering_alone_is_editorial(void **state)
{
    (void)state;
    const char *old = FM_OLD BODY_HEAD "# 4 总则\n\n站点服务应符合第5章和第6章的规定。\n\n"
                                       "# 5 服务时间\n\n## 5.1 开放\n\n站点应每日开放。\n\n## 5.2 公示\n\n开放时间应按5.1的规定公示。\n\n"
                                       "# 6 服务人员\n\n## 6.1 配备\n\n站点应配备社工。\n\n## 6.2 培训\n\n社工应每年培训。\n";
    const char *new = FM_NEW BODY_HEAD "# 4 总则\n\n站点服务应符合第6章和第5章的规定。\n\n"
                                       "# 5 服务人员\n\n## 5.1 配备\n\n站点应配备社工。\n\n## 5.2 培训\n\n社工应每年培训。\n\n"
                                       "# 6 服务时间\n\n## 6.1 开放\n\n站点应每日开放。\n\n## 6.2 公示\n\n开放时间应按6.1的规定公示。\n";
    pair p;
    open_pair(&p, old, new);
    assert_int_equal(sk_diff_technical(p.d), 0);
    assert_int_equal(count_kind(p.d, SK_DIFF_ADDED), 0);
    assert_int_equal(count_kind(p.d, SK_DIFF_DELETED), 0);
    assert_int_equal(count_kind(p.d, SK_DIFF_MOVED), 1);
    const sk_change *c = find(p.d, "5", "6");
    assert_non_null(c);
    c = find(p.d, "6.1", "5.1");
    assert_non_null(c);
    assert_true(c->implied);
    /* "按5.1公示" became "按6.1公示": the same reference, renumbered */
    c = find(p.d, "6.2", "5.2");
    assert_non_null(c);
    assert_int_equal(c->kind, SK_DIFF_CHANGED);
    assert_false(c->technical);
    char *lead = sk_diff_lead(p.d);
    assert_string_equal(lead, "本文件代替SJDJ/TS 01—2019《测试标准》，与SJDJ/TS 01—2019相比，"
                              "除结构调整和编辑性改动外，无技术变化。");
    free(lead);
    close_pair(&p);
}

/* A clause taken from chapter 5 into chapter 4: one move, not a deletion and an addition. */
static void test_a_moved_clause_is_one_move(void **state)
{
    (void)state;
    const char *old = FM_OLD BODY_HEAD "# 4 场所\n\n## 4.1 面积\n\n站点面积应不小于60平方米。\n\n## 4.2 设施\n\n站点应设置休息区。\n\n"
                                       "# 5 服务\n\n## 5.1 项目\n\n站点应提供助餐服务。\n\n## 5.2 无障碍\n\n出入口应设置坡道，坡道坡度不应大于1:12。\n\n"
                                       "## 5.3 时间\n\n站点应每日开放。\n";
    const char *new = FM_NEW BODY_HEAD "# 4 场所\n\n## 4.1 面积\n\n站点面积应不小于60平方米。\n\n## 4.2 设施\n\n站点应设置休息区。\n\n"
                                       "## 4.3 无障碍\n\n出入口应设置坡道，坡道坡度不应大于1:12。\n\n"
                                       "# 5 服务\n\n## 5.1 项目\n\n站点应提供助餐服务。\n\n## 5.2 时间\n\n站点应每日开放。\n";
    pair p;
    open_pair(&p, old, new);
    assert_int_equal(count_kind(p.d, SK_DIFF_ADDED), 0);
    assert_int_equal(count_kind(p.d, SK_DIFF_DELETED), 0);
    assert_int_equal(count_kind(p.d, SK_DIFF_MOVED), 1);
    const sk_change *c = find(p.d, "4.3", "5.2");
    assert_non_null(c);
    assert_int_equal(c->kind, SK_DIFF_MOVED);
    assert_false(c->technical);
    assert_int_equal(c->ndetails, 0);
    c = find(p.d, "5.2", "5.3");
    assert_non_null(c);
    assert_int_equal(c->kind, SK_DIFF_RENUMBERED);
    assert_false(c->implied);
    assert_int_equal(sk_diff_technical(p.d), 0);
    close_pair(&p);
}

/* The fixture pair: TS-04 of 2019 and 2024, edited by hand (a value, a modal verb,
 * a table cell, a clause moved, one deleted, one added, punctuation). */
static void test_the_fixture_editions(void **state)
{
    (void)state;
    char *old = slurp("tests/fixtures/editions/TS-04-2019.md"), *new = slurp("tests/fixtures/editions/TS-04-2024.md");
    pair p;
    open_pair(&p, old, new);
    /* the table value: technical, at 10.2 in both */
    const sk_change *c = find(p.d, "10.2", "10.2");
    assert_non_null(c);
    assert_true(c->technical);
    assert_true(c->why & SK_WHY_TABLE);
    assert_true(c->why & SK_WHY_VALUE);
    assert_int_equal(c->ndetails, 1);
    assert_int_equal(c->details[0].row, 3);
    assert_int_equal(c->details[0].col, 1);
    assert_string_equal(c->details[0].new->num, "2"); /* 表2 */
    /* 6.1.3 moved to the end of 6.1 */
    c = find(p.d, "6.1.5", "6.1.3");
    assert_non_null(c);
    assert_int_equal(c->kind, SK_DIFF_MOVED);
    assert_false(c->technical);
    /* the references that follow it are editorial */
    c = find(p.d, "7.2", "7.2");
    assert_non_null(c);
    assert_false(c->technical);
    /* punctuation */
    c = find(p.d, "4.3", "4.3");
    assert_non_null(c);
    assert_false(c->technical);
    /* a modal verb */
    c = find(p.d, "7.1", "7.1");
    assert_non_null(c);
    assert_true(c->why & SK_WHY_MODAL);
    /* the list, as written by hand from the edits */
    char *list = foreword_list(p.d);
    assert_string_equal(list,
                        "本文件代替SJDJ/TS 04—2019《“5+X”党员活动日》，与SJDJ/TS 04—2019相比，除结构调整和编辑性改动外，"
                        "主要技术变化如下：\n"
                        "a）更改了“活动时长”的要求（见5.3）；\n"
                        "b）更改了“活动准备”的要求（见7.1）；\n"
                        "c）删除了“特殊党员”的要求（见2019年版的8.2）；\n"
                        "d）增加了“信息化管理”的要求（见9.3）；\n"
                        "e）更改了表2“党员活动日评价内容”中的数值（见10.2）。\n");
    free(list);
    close_pair(&p);
    free(old);
    free(new);
}

/* The new edition's text with the form fields of its table cells blanked, as the
 * old edition is when it exists only as Word and stdimport read it back. */
static char *blank_cell_fields(const char *text)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = text; *p;) {
        const char *e;
        if (!strncmp(p, "| {{", 4) && p[4] != '#' && (e = strstr(p + 4, "}} |")) && !memchr(p + 4, '\n', (size_t)(e - p))) {
            sk_buf_puts(&b, "| ");
            p = e + 2;
            continue;
        }
        sk_buf_putc(&b, *p++);
    }
    return sk_buf_detach(&b);
}

/* A form field prints as a blank: against a blank cell it is no change, against
 * text it is one. */
static void test_form_fields_compare_as_blanks(void **state)
{
    (void)state;
    char *new = slurp("tests/fixtures/editions/TS-04-2024.md"), *old = blank_cell_fields(new);
    assert_null(strstr(old, "{{venue}}"));
    assert_non_null(strstr(old, "{{#members}}"));
    pair p;
    open_pair(&p, old, new);
    assert_int_equal(sk_diff_count(p.d), 0);
    close_pair(&p);
    const char *at = strstr(old, "| 活动地点 |  |");
    assert_non_null(at);
    char *filled = sk_asprintf("%.*s| 活动地点 | 社区党群服务中心 |%s", (int)(at - old), old, at + strlen("| 活动地点 |  |"));
    open_pair(&p, filled, new);
    const sk_change *c = find(p.d, "A", "A");
    assert_non_null(c);
    assert_true(c->technical);
    assert_int_equal(c->ndetails, 1);
    close_pair(&p);
    free(filled);
    free(old);
    free(new);
}

static void test_editorial_and_technical_wording(void **state)
{
    (void)state;
    const char *old = FM_OLD BODY_HEAD "# 4 要求\n\n## 4.1 公示\n\n本标准要求站点应公示服务项目、收费标准。\n\n"
                                       "## 4.2 人员\n\n站点应配备社工，社工宜持证上岗。\n\n## 4.3 记录\n\n站点应建立服务档案。\n\n"
                                       "注：档案可采用电子形式。\n";
    const char *new = FM_NEW BODY_HEAD "# 4 要求\n\n## 4.1 公示\n\n本文件要求站点应公示服务项目，收费标准。\n\n"
                                       "## 4.2 人员\n\n站点应配备社工，社工应持证上岗。\n\n## 4.3 记录\n\n站点应建立服务档案。\n\n"
                                       "注：档案宜采用电子形式保存。\n";
    pair p;
    open_pair(&p, old, new);
    const sk_change *c = find(p.d, "4.1", "4.1");
    assert_non_null(c);
    assert_false(c->technical); /* 本标准 → 本文件, 、 → ， */
    c = find(p.d, "4.2", "4.2");
    assert_non_null(c);
    assert_true(c->technical);
    assert_true(c->why & SK_WHY_MODAL);
    c = find(p.d, "4.3", "4.3");
    assert_non_null(c);
    assert_false(c->technical); /* a note is informative */
    close_pair(&p);
}

/* A clause retitled but its content kept is the same clause; a term added is technical. */
static void test_retitled_clauses_and_terms(void **state)
{
    (void)state;
    const char *old = FM_OLD "# 1 范围\n\n本文件规定了站点的服务要求。\n\n# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
                             "# 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n## 3.1 站点\n\nstation\n\n提供服务的场所。\n\n"
                             "# 4 总则\n\n## 4.1 原则\n\n站点服务应坚持就近便利、安全规范的原则。\n\n## 4.2 公示\n\n站点应公示服务项目。\n";
    const char *new = FM_NEW "# 1 范围\n\n本文件规定了站点的服务要求。\n\n# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
                             "# 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n## 3.1 站点\n\nstation\n\n提供服务的场所。\n\n"
                             "## 3.2 助餐\n\nmeal assistance\n\n为老年人提供膳食的服务。\n\n"
                             "# 4 基本要求\n\n## 4.1 服务原则\n\n站点服务应坚持就近便利、安全规范的原则。\n\n## 4.2 公示\n\n站点应公示服务项目。\n";
    pair p;
    open_pair(&p, old, new);
    const sk_change *c = find(p.d, "4.1", "4.1");
    assert_non_null(c);
    assert_int_equal(c->kind, SK_DIFF_CHANGED);
    assert_true(c->retitled);
    assert_false(c->technical);
    c = find(p.d, "4", "4");
    assert_non_null(c);
    assert_true(c->retitled);
    c = NULL;
    for (size_t i = 0; i < sk_diff_count(p.d); i++)
        if (sk_diff_get(p.d, i)->kind == SK_DIFF_ADDED)
            c = sk_diff_get(p.d, i);
    assert_non_null(c);
    assert_string_equal(c->new->num, "3.2");
    assert_true(c->why & SK_WHY_TERM);
    char *item = sk_diff_item(p.d, c);
    assert_string_equal(item, "增加了术语“助餐”（见3.2）");
    free(item);
    close_pair(&p);
}

static void test_markers_override_and_are_checked(void **state)
{
    (void)state;
    const char *old = FM_OLD BODY_HEAD "# 4 要求\n\n## 4.1 公示\n\n站点应公示服务项目。\n\n## 4.2 人员\n\n站点应配备社工。\n\n"
                                       "## 4.3 记录\n\n站点应建立服务档案。\n\n## 4.4 评价\n\n站点应每年评价。\n";
    const char *new = FM_NEW BODY_HEAD "# 4 要求\n\n## 4.1 公示\n\n<!-- stddiff editorial -->\n\n站点应公开服务项目。\n\n"
                                       "## 4.2 人员\n\n<!-- stddiff technical: 更改了社工配备的要求。 -->\n\n站点应配备专职社工。\n\n"
                                       "## 4.3 评价\n\n<!-- stddiff old=4.3 editorial -->\n\n<!-- stddiff whatever -->\n\n站点应每年评价。\n\n"
                                       "<!-- stddiff technical -->\n";
    pair p;
    open_pair(&p, old, new);
    const sk_change *c = find(p.d, "4.1", "4.1");
    assert_non_null(c);
    assert_false(c->technical);
    assert_int_equal(c->override_line, FM_LINES + 17);
    c = find(p.d, "4.2", "4.2");
    assert_non_null(c);
    assert_true(c->technical);
    char *item = sk_diff_item(p.d, c);
    assert_string_equal(item, "更改了社工配备的要求（见4.2）");
    free(item);
    c = find(p.d, NULL, "4.3");
    assert_non_null(c);
    assert_int_equal(c->kind, SK_DIFF_DELETED);
    assert_false(c->technical);
    /* one marker unreadable, one in a clause without a change (4.3 is the old 4.4, renumbered: it has one) */
    assert_int_equal(diag_count(&p.diags, "stddiff-marker"), 1);
    assert_int_equal(p.diags.items[0].line, FM_LINES + 31);
    close_pair(&p);

    open_pair(&p, FM_OLD BODY_HEAD "# 4 要求\n\n站点应公示服务项目。\n",
              FM_NEW BODY_HEAD "# 4 要求\n\n<!-- stddiff technical -->\n\n站点应公示服务项目。\n");
    assert_int_equal(diag_count(&p.diags, "stddiff-marker"), 1);
    assert_non_null(strstr(p.diags.items[0].msg, "第4章, which has no change"));
    close_pair(&p);
}

static void test_table_rows_and_cells(void **state)
{
    (void)state;
    const char *old = FM_OLD BODY_HEAD "# 4 要求\n\n站点应按表1配备设施。\n\n表：设施 {#tab-f}\n\n| 设施 | 数量 |\n|---|---|\n"
                                       "| 床位 | 10 |\n| 餐桌 | 5 |\n| 轮椅 | 2 |\n";
    const char *new = FM_NEW BODY_HEAD "# 4 要求\n\n站点应按表1配备设施。\n\n表：设施 {#tab-f}\n\n| 设施 | 数量 |\n|---|---|\n"
                                       "| 床位 | 10 |\n| 餐桌 | 6 |\n| 扶手 | 4 |\n| 轮椅 | 2 |\n";
    pair p;
    open_pair(&p, old, new);
    const sk_change *c = find(p.d, "4", "4");
    assert_non_null(c);
    assert_true(c->why & SK_WHY_TABLE);
    assert_int_equal(c->ndetails, 2);
    const sk_node *t = c->details[0].new;
    size_t n = 0;
    const sk_diff_row *rows = sk_diff_table_rows(p.d, t, &n);
    assert_non_null(rows);
    assert_int_equal(n, 5);
    assert_int_equal(rows[2].op, SK_DOP_SAME); /* 餐桌: cells compared */
    assert_int_equal(rows[2].orow, 2);
    assert_int_equal(rows[3].op, SK_DOP_INSERTED);
    assert_int_equal(rows[3].nrow, 3);
    assert_int_equal(sk_diff_state(p.d, t), SK_RL_CHANGED);
    char *item = sk_diff_item(p.d, c);
    assert_string_equal(item, "更改了表1“设施”中的数值（见第4章）");
    free(item);
    close_pair(&p);
    /* a table without a title is named by its number alone */
    open_pair(&p, FM_OLD BODY_HEAD "# 4 要求\n\n| 设施 | 数量 |\n|---|---|\n| 床位 | 10 |\n",
              FM_NEW BODY_HEAD "# 4 要求\n\n| 设施 | 数量 |\n|---|---|\n| 床位 | 12 |\n");
    item = sk_diff_item(p.d, find(p.d, "4", "4"));
    assert_string_equal(item, "更改了表1中的数值（见第4章）");
    free(item);
    close_pair(&p);
}

static void test_runs_compared_piece_by_piece(void **state)
{
    (void)state;
    sk_diff_seg *s = NULL;
    size_t n = sk_diff_texts(&s, "每月至少召开1次会议", "每季度至少召开12次会议");
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        sk_buf_printf(&b, "%s%.*s%s", s[i].op == SK_DOP_DELETED ? "[-" : s[i].op == SK_DOP_INSERTED ? "{+" : "",
                      (int)s[i].len, s[i].text, s[i].op == SK_DOP_DELETED ? "-]" : s[i].op == SK_DOP_INSERTED ? "+}" : "");
    assert_string_equal(b.data, "每[-月-]{+季度+}至少召开[-1-]{+12+}次会议");
    sk_buf_free(&b);
    free(s);
}

/* Deleted blocks and sections print where they stood: before the next one kept. */
static void test_where_deletions_print(void **state)
{
    (void)state;
    const char *old = FM_OLD BODY_HEAD "# 4 要求\n\n## 4.1 公示\n\n站点应公示服务项目。\n\n站点应公示收费标准。\n\n"
                                       "站点应公示投诉电话。\n\n## 4.2 人员\n\n站点应配备社工。\n\n## 4.3 评价\n\n站点应每年评价。\n";
    const char *new = FM_NEW BODY_HEAD "# 4 要求\n\n## 4.1 公示\n\n站点应公示服务项目。\n\n站点应公示投诉电话。\n\n"
                                       "## 4.2 评价\n\n站点应每年评价。\n";
    pair p;
    open_pair(&p, old, new);
    const sk_change *c = find(p.d, "4.1", "4.1");
    assert_non_null(c);
    const sk_node *kept = c->new->first->next; /* 站点应公示投诉电话。 */
    const sk_node *const *before = sk_diff_deleted_before(p.d, kept);
    assert_non_null(before);
    assert_non_null(before[0]);
    assert_null(before[1]);
    char *t = sk_display_text(&before[0]->in);
    assert_string_equal(t, "站点应公示收费标准。");
    free(t);
    c = find(p.d, "4.2", "4.3");
    assert_non_null(c);
    before = sk_diff_deleted_before(p.d, c->new);
    assert_non_null(before);
    assert_string_equal(before[0]->title, "人员");
    close_pair(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_same_text_has_no_change),
        cmocka_unit_test(test_a_renumbering_alone_is_editorial),
        cmocka_unit_test(test_a_moved_clause_is_one_move),
        cmocka_unit_test(test_form_fields_compare_as_blanks),
        cmocka_unit_test(test_the_fixture_editions),
        cmocka_unit_test(test_editorial_and_technical_wording),
        cmocka_unit_test(test_retitled_clauses_and_terms),
        cmocka_unit_test(test_markers_override_and_are_checked),
        cmocka_unit_test(test_table_rows_and_cells),
        cmocka_unit_test(test_runs_compared_piece_by_piece),
        cmocka_unit_test(test_where_deletions_print),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
