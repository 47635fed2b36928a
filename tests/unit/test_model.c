/* The model built in code (model/build.h) and finished by the pipeline
 * (sk_model_finish): it is the model the Markdown reader makes for the same text,
 * and the numbering and reference passes work on it without a word of Markdown. */
#include "helpers.h"

#include <stdio.h>

#include "model/build.h"
#include "model/display.h"
#include "model/dump.h"
#include "model/number.h"

/* ---- a standard built in code, and the same standard in Markdown ---- */

static const char SAME_MD[] = FM
    "# 前言\n\n本文件按照GB/T 1.1—2020的规定起草。\n\n"
    "# 范围\n\n本文件规定了活动的要求，见[](#tab-a)和[](#annex-x)。\n\n"
    "# 规范性引用文件\n\n下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n\n"
    "- GB/T 1.1—2020　标准化工作导则\n\n"
    "# 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n"
    "# 要求\n\n## 组织\n\n按GB/T 1.1—2020起草，见第5章。\n\n"
    "表：人员 {#tab-a}\n\n<table>\n<tr><th colspan=\"2\">项目</th><th>数</th></tr>\n"
    "<tr><td rowspan=\"2\">甲</td><td>一</td><td>1</td></tr>\n<tr><td>二</td><td>2</td></tr>\n</table>\n\n"
    "注：数为人数。\n\n"
    "## 场地\n\n见表1。\n\n"
    "![布局](fig.png){#fig-a}\n\n"
    "# 附录A（资料性）记录 {#annex-x}\n\n## 格式\n\n- 第一项；\n- 第二项。\n";

static sk_doc *same_built(void)
{
    sk_doc *doc = sk_build_doc("t.md");
    sk_build_meta(doc, SK_META_NUMBER, "SJDJ/TS 01—2019");
    sk_build_meta(doc, SK_META_TITLE, "测试标准");
    sk_build_meta(doc, SK_META_CATEGORY, "TS");
    sk_build_meta(doc, SK_META_STATUS, "draft");
    sk_node *r = doc->root;
    sk_node *s = sk_build_section(r, SK_S_FOREWORD, "前言", NULL);
    sk_build_text(&sk_build_block(s, SK_N_PARA)->in, "本文件按照GB/T 1.1—2020的规定起草。");
    s = sk_build_section(r, SK_S_SCOPE, "范围", NULL);
    sk_node *p = sk_build_block(s, SK_N_PARA);
    sk_build_text(&p->in, "本文件规定了活动的要求，见");
    sk_build_ref(&p->in, "tab-a");
    sk_build_text(&p->in, "和");
    sk_build_ref(&p->in, "annex-x");
    sk_build_text(&p->in, "。");
    s = sk_build_section(r, SK_S_NORMREF, "规范性引用文件", NULL);
    sk_build_text(&sk_build_block(s, SK_N_PARA)->in, "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。");
    sk_build_text(&sk_build_item(sk_build_list(s, 0))->in, "GB/T 1.1—2020　标准化工作导则");
    s = sk_build_section(r, SK_S_TERMS, "术语和定义", NULL);
    sk_build_text(&sk_build_block(s, SK_N_PARA)->in, "本文件没有需要界定的术语和定义。");
    s = sk_build_section(r, SK_S_CHAPTER, "要求", NULL);
    sk_node *c = sk_build_section(s, SK_S_CLAUSE, "组织", NULL);
    sk_build_text(&sk_build_block(c, SK_N_PARA)->in, "按GB/T 1.1—2020起草，见第5章。");
    sk_node *t = sk_build_table(c, "人员", "tab-a", 3, 3, 1, 1);
    const char *cells[3][3] = { { "项目", NULL, "数" }, { "甲", "一", "1" }, { NULL, "二", "2" } };
    for (size_t i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
            sk_build_text(&sk_build_cell(t, i, k)->in, cells[i][k]);
    sk_build_span(t, 0, 0, 2, 1);
    sk_build_span(t, 1, 0, 1, 2);
    sk_build_text(&sk_build_block(t, SK_N_NOTE)->in, "数为人数。");
    c = sk_build_section(s, SK_S_CLAUSE, "场地", NULL);
    sk_build_text(&sk_build_block(c, SK_N_PARA)->in, "见表1。");
    sk_build_figure(c, "布局", "fig.png", "fig-a");
    sk_node *a = sk_build_annex(doc, "A", SK_ANNEX_INFORMATIVE, "记录", "annex-x");
    sk_node *l = sk_build_list(sk_build_section(a, SK_S_CLAUSE, "格式", NULL), 0);
    sk_build_text(&sk_build_item(l)->in, "第一项；");
    sk_build_text(&sk_build_item(l)->in, "第二项。");
    return doc;
}

static char *dump(const sk_doc *doc)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_dump_doc(&b, doc, 0);
    return sk_buf_detach(&b);
}

static void test_a_model_built_in_code_is_the_one_markdown_gives(void **state)
{
    (void)state;
    sk_diags dm, dc;
    sk_doc *md = parse_str(SAME_MD, &dm);
    assert_non_null(md);
    sk_doc *code = same_built();
    sk_diag_init(&dc);
    sk_model_finish(code, 0, &dc);
    char *a = dump(md), *b = dump(code);
    assert_string_equal(b, a);
    /* and the passes said the same about both */
    assert_int_equal((int)dc.len, (int)dm.len);
    /* the dump shows what the passes made: numbers, spans, resolved references */
    assert_non_null(strstr(a, "table num=\"1\" id=\"tab-a\" caption=\"人员\""));
    assert_non_null(strstr(a, "cell span=2x1"));
    assert_non_null(strstr(a, "ref kind=chapter text=\"第5章\" target=\"5\" to=\"(unresolved)\""));
    assert_non_null(strstr(a, "ref kind=table text=\"表1\" target=\"1\" to=\"表1\""));
    assert_non_null(strstr(a, "section sect=annex level=1 num=\"A\" written=\"A\" title=\"记录\""));
    free(a);
    free(b);
    sk_doc_free(md);
    sk_doc_free(code);
    sk_diag_free(&dm);
    sk_diag_free(&dc);
}

/* ---- the parts around tables and figures, in code and in Markdown ---- */

static const char PARTS_MD[] = FM
    "# 范围\n\n本文件规定了活动的要求，见表1和图1。\n\n"
    "# 要求\n\n"
    "表：尺寸\n\n单位为毫米\n\n| 项目 | 数 |\n|---|---|\n| 门牌<sup>a</sup> | 300 |\n\n"
    "注：数为外框尺寸。\n\n<sup>a</sup> 门牌应采用金属材质。\n\n"
    "单位为米\n\n![a) 正面](a.png)\n\n![b) 侧面](b.png)\n\n图：门牌 {#fig-a}\n\n"
    "标引序号说明：\n\n- 1——底座。\n\n注：见表1。\n\n"
    "> 示例：第一段。\n>\n> 第二段。\n";

static sk_doc *parts_built(void)
{
    sk_doc *doc = sk_build_doc("t.md");
    sk_build_meta(doc, SK_META_NUMBER, "SJDJ/TS 01—2019");
    sk_build_meta(doc, SK_META_TITLE, "测试标准");
    sk_build_meta(doc, SK_META_CATEGORY, "TS");
    sk_build_meta(doc, SK_META_STATUS, "draft");
    sk_node *r = doc->root;
    sk_node *s = sk_build_section(r, SK_S_SCOPE, "范围", NULL);
    sk_build_text(&sk_build_block(s, SK_N_PARA)->in, "本文件规定了活动的要求，见表1和图1。");
    s = sk_build_section(r, SK_S_CHAPTER, "要求", NULL);
    sk_node *t = sk_build_table(s, "尺寸", NULL, 2, 2, 1, 0);
    sk_build_unit(t, "单位为毫米");
    sk_build_text(&sk_build_cell(t, 0, 0)->in, "项目");
    sk_build_text(&sk_build_cell(t, 0, 1)->in, "数");
    sk_build_text(&sk_build_cell(t, 1, 0)->in, "门牌");
    sk_build_footnote_mark(&sk_build_cell(t, 1, 0)->in, 'a');
    sk_build_text(&sk_build_cell(t, 1, 1)->in, "300");
    sk_build_text(&sk_build_block(t, SK_N_NOTE)->in, "数为外框尺寸。");
    sk_build_text(&sk_build_footnote(t, 'a')->in, "门牌应采用金属材质。");
    sk_node *f = sk_build_figure(s, "门牌", NULL, "fig-a");
    sk_build_unit(f, "单位为米");
    sk_build_subfigure(f, "正面", "a.png");
    sk_build_subfigure(f, "侧面", "b.png");
    sk_build_text(&sk_build_key_entry(sk_build_key(f, "标引序号说明："), "1")->in, "底座。");
    sk_build_text(&sk_build_block(f, SK_N_NOTE)->in, "见表1。");
    sk_node *ex = sk_build_block(s, SK_N_EXAMPLE);
    sk_build_text(&ex->in, "第一段。");
    sk_build_text(&sk_build_block(ex, SK_N_PARA)->in, "第二段。");
    return doc;
}

static void test_the_parts_of_tables_and_figures_built_in_code(void **state)
{
    (void)state;
    sk_diags dm, dc;
    sk_doc *md = parse_str(PARTS_MD, &dm);
    assert_non_null(md);
    sk_doc *code = parts_built();
    sk_diag_init(&dc);
    sk_model_finish(code, 0, &dc);
    char *a = dump(md), *b = dump(code);
    assert_string_equal(b, a);
    assert_non_null(strstr(a, "table num=\"1\" caption=\"尺寸\" unit=\"单位为毫米\""));
    assert_non_null(strstr(a, "footnote num=\"a\""));
    assert_non_null(strstr(a, "subfigure num=\"b\" written=\"b\" src=\"b.png\" caption=\"侧面\""));
    assert_non_null(strstr(a, "key title=\"标引序号说明：\""));
    assert_non_null(strstr(a, "where-item src=\"1\""));
    free(a);
    free(b);
    sk_doc_free(md);
    sk_doc_free(code);
    sk_diag_free(&dm);
    sk_diag_free(&dc);
}

/* ---- numbering on a model built in code ---- */

static sk_node *clause(sk_node *parent, const char *written, const char *title)
{
    sk_node *c = sk_build_section(parent, parent->type == SK_N_DOC ? SK_S_CHAPTER : SK_S_CLAUSE, title, NULL);
    c->num_written = written ? sk_strdup(written) : NULL;
    return c;
}

static void test_numbers_are_assigned_in_order_and_the_first_break_reported(void **state)
{
    (void)state;
    sk_doc *doc = sk_build_doc("n.md");
    sk_node *r = doc->root;
    sk_build_section(r, SK_S_SCOPE, "范围", NULL);
    sk_build_section(r, SK_S_NORMREF, "规范性引用文件", NULL);
    sk_build_section(r, SK_S_TERMS, "术语和定义", NULL);
    sk_node *ch = clause(r, "4", "要求");
    sk_node *a = clause(ch, "4.1", "甲");
    sk_node *b = clause(ch, "4.3", "乙");  /* skips 4.2 */
    sk_node *c = clause(ch, "4.4", "丙");  /* follows as written: no second report */
    sk_node *b1 = clause(b, NULL, "乙一");
    sk_node *b2 = clause(b, NULL, "乙二");
    sk_node *ch5 = clause(r, NULL, "方法");
    sk_diags d;
    sk_diag_init(&d);
    sk_model_finish(doc, 0, &d);
    assert_string_equal(a->num, "4.1");
    assert_string_equal(b->num, "4.2");
    assert_string_equal(c->num, "4.3");
    assert_string_equal(b1->num, "4.2.1");
    assert_string_equal(b2->num, "4.2.2");
    assert_string_equal(ch5->num, "5");
    assert_int_equal((int)diag_count(&d, "num-gap"), 1);
    int i = diag_find(&d, "num-gap");
    assert_true(i >= 0);
    assert_non_null(strstr(d.items[i].msg, "4.3 skips a number after the previous one: expected 4.2"));
    assert_string_equal(d.items[i].file, "n.md");
    sk_diag_free(&d);
    sk_doc_free(doc);
}

static void test_annexes_tables_and_figures_are_numbered_per_part(void **state)
{
    (void)state;
    sk_doc *doc = sk_build_doc("a.md");
    sk_node *r = doc->root;
    sk_build_section(r, SK_S_SCOPE, "范围", NULL);
    sk_node *ch = clause(r, NULL, "要求");
    sk_node *t1 = sk_build_table(ch, "甲", NULL, 2, 1, 1, 0);
    sk_node *f1 = sk_build_figure(ch, "图甲", "a.png", NULL);
    sk_node *t2 = sk_build_table(ch, "乙", NULL, 2, 1, 1, 0);
    sk_node *ax = sk_build_annex(doc, NULL, SK_ANNEX_NORMATIVE, "表格", NULL);
    sk_node *ta = sk_build_table(ax, "丙", NULL, 2, 1, 1, 0);
    sk_node *bx = sk_build_annex(doc, "C", SK_ANNEX_INFORMATIVE, "图样", NULL); /* the second annex is B */
    sk_node *fb = sk_build_figure(clause(bx, NULL, "样式"), "图乙", "b.png", NULL);
    sk_diags d;
    sk_diag_init(&d);
    sk_model_finish(doc, 0, &d);
    assert_string_equal(t1->num, "1");
    assert_string_equal(t2->num, "2");
    assert_string_equal(f1->num, "1");
    assert_string_equal(ax->num, "A");
    assert_string_equal(ta->num, "A.1");
    assert_string_equal(bx->num, "B");
    assert_string_equal(fb->num, "B.1");
    int i = diag_find(&d, "annex-letter");
    assert_true(i >= 0);
    assert_non_null(strstr(d.items[i].msg, "annex letter C is out of order: this is annex B"));
    char *label = sk_display_label(fb);
    assert_string_equal(label, "图B.1");
    free(label);
    sk_diag_free(&d);
    sk_doc_free(doc);
}

/* ---- references on a model built in code ---- */

static void test_references_resolve_on_a_built_model(void **state)
{
    (void)state;
    sk_doc *doc = sk_build_doc("r.md");
    sk_node *r = doc->root;
    sk_build_section(r, SK_S_SCOPE, "范围", NULL);
    sk_node *nr = sk_build_section(r, SK_S_NORMREF, "规范性引用文件", NULL);
    sk_build_text(&sk_build_item(sk_build_list(nr, 0))->in, "GB/T 1.1—2020　标准化工作导则");
    sk_build_section(r, SK_S_TERMS, "术语和定义", NULL);
    sk_node *ch = clause(r, NULL, "要求");
    sk_node *c1 = clause(ch, NULL, "甲");
    sk_node *c2 = clause(ch, NULL, "乙");
    c2->id = sk_strdup("yi");
    clause(ch, NULL, "丙");
    sk_node *tab = sk_build_table(c1, "表甲", NULL, 2, 1, 1, 0);
    sk_node *ax = sk_build_annex(doc, NULL, SK_ANNEX_NORMATIVE, "附表", NULL);
    sk_node *p = sk_build_block(c1, SK_N_PARA);
    sk_build_text(&p->in, "按GB/T 1.1—2020和4.2的规定，填写表1（见附录A），另见");
    sk_build_ref(&p->in, "yi");
    sk_build_text(&p->in, "，未列的见4.9，另有GB/T 20000.1-2014。");
    sk_diags d;
    sk_diag_init(&d);
    sk_model_finish(doc, 0, &d);
    const sk_node *want[] = { c2, tab, ax, c2 };
    size_t k = 0;
    const sk_inline *missing = NULL;
    for (size_t i = 0; i < p->in.n; i++) {
        const sk_inline *in = &p->in.v[i];
        if (in->type != SK_I_REF)
            continue;
        if (!in->node) {
            missing = in;
            continue;
        }
        assert_true(k < 4);
        assert_ptr_equal(in->node, want[k]);
        k++;
    }
    assert_int_equal((int)k, 4);
    assert_non_null(missing);
    assert_string_equal(missing->target, "4.9");
    int i = diag_find(&d, "ref-missing");
    assert_true(i >= 0);
    assert_non_null(strstr(d.items[i].msg, "4.9"));
    /* the standards cited: GB/T 1.1 listed in chapter 2 and cited normatively (按), the
     * other with an ASCII hyphen before its year */
    int listed = 0, normative = 0, bad_dash = 0;
    for (size_t j = 0; j < doc->stdrefs.len; j++) {
        const sk_stdref *s = doc->stdrefs.items[j];
        if (!strcmp(s->number, "GB/T 1.1—2020") && s->in_normref) {
            listed = 1;
            assert_string_equal(s->title, "标准化工作导则");
        }
        normative |= !strcmp(s->number, "GB/T 1.1—2020") && s->normative && !s->in_normref;
        bad_dash |= !strcmp(s->code, "GB/T 20000.1") && !s->dash_ok && s->year == 2014;
    }
    assert_true(listed);
    assert_true(normative);
    assert_true(bad_dash);
    sk_diag_free(&d);
    sk_doc_free(doc);
}

static void test_number_int_is_snprintf_d(void **state)
{
    (void)state;
    static const int ks[] = { 0, 1, 9, 10, 99, 100, 12345, -1, -10, 2147483647, -2147483647 - 1 };
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++)
        for (size_t size = 1; size <= 16; size++) {
            char a[16], b[16];
            sk_number_int(a, size, ks[i]);
            snprintf(b, size, "%d", ks[i]);
            assert_string_equal(a, b);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_model_built_in_code_is_the_one_markdown_gives),
        cmocka_unit_test(test_the_parts_of_tables_and_figures_built_in_code),
        cmocka_unit_test(test_numbers_are_assigned_in_order_and_the_first_break_reported),
        cmocka_unit_test(test_annexes_tables_and_figures_are_numbered_per_part),
        cmocka_unit_test(test_references_resolve_on_a_built_model),
        cmocka_unit_test(test_number_int_is_snprintf_d),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
