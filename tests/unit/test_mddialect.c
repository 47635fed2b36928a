/* input/mddialect: each habit of other tools' Markdown, in and out exactly; a
 * canonical source and fenced code pass through unchanged. */
#include "helpers.h"

#include "input/mddialect.h"

/* The source the dialect text becomes; the notes go to *notes when asked for. */
static char *convert(const char *in, sk_vec *notes)
{
    sk_buf b;
    sk_vec n = { 0 };
    sk_buf_init(&b);
    sk_mddialect_convert(&b, &n, in, strlen(in));
    for (size_t i = 0; i < n.len; i++) {
        if (notes)
            sk_vec_push(notes, n.items[i]);
        else
            free(n.items[i]);
    }
    sk_vec_free(&n);
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

static int has_note(const sk_vec *notes, const char *text)
{
    for (size_t i = 0; i < notes->len; i++)
        if (strstr(notes->items[i], text))
            return 1;
    return 0;
}

static void free_notes(sk_vec *notes)
{
    for (size_t i = 0; i < notes->len; i++)
        free(notes->items[i]);
    sk_vec_free(notes);
}

#define BODY "\n# 1 范围\n\n本文件规定了测试。\n"

static void test_canonical_source_unchanged(void **state)
{
    (void)state;
    const char *in = FM "\n# 1 范围\n\n本文件规定了测试。\n\n## 1.1　总则 {#s-1}\n\n§ 应测试。\n\n"
                        "$$\nx = 1\n$$ {#eq:x}\n\n式中：\n\n- $x$——变量。\n\n"
                        "# 附录A(规范性)表格\n\n表：说明\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    char *out = convert(in, NULL);
    assert_string_equal(out, in);
    free(out);
}

static void test_fenced_code_untouched(void **state)
{
    (void)state;
    const char *in = FM BODY "\n```\n## 5.1 not a heading\n{{std:GB/T 1}}\n $$ x $$ \n```\n";
    char *out = convert(in, NULL);
    assert_string_equal(out, in);
    free(out);
}

static void test_front_matter_keys_mapped(void **state)
{
    (void)state;
    sk_vec notes = { 0 };
    char *out = convert("---\nstandard_type: 国家标准\nnumber: GB 1—2026\ntitle: 测试\npublish_date: 2026-01-01\n"
                        "foreword:\n  proposer: 某部\n  draft_orgs:\n    - 甲单位\n    - 乙单位\n"
                        "  replace_changes:\n    - 改了A。\n---\n" BODY,
                        &notes);
    assert_string_equal(out, "---\nnumber: GB 1—2026\ntitle: 测试\nstatus: current\nissued: 2026-01-01\n"
                             "proposer: 某部\ndrafting_units:\n  - 甲单位\n  - 乙单位\n"
                             "# replace_changes (no stdkit field; a written # 前言 can say it):\n#   - 改了A。\n---\n" BODY);
    assert_true(has_note(&notes, "paragraph 2: front-matter key standard_type: left out"));
    assert_true(has_note(&notes, "paragraph 5: front-matter key publish_date: written as issued"));
    free(out);
    free_notes(&notes);
}

static void test_front_matter_not_yaml_read_by_lines(void **state)
{
    (void)state;
    /* md2pdf: a colon inside a plain value is no YAML */
    char *out = convert("---\n标准号: GB/T 2—2026\n中文名称: 测试\n采标英文名称: Robots—Part 1: Safety\n起草人:\n  - 张三\n---\n" BODY,
                        NULL);
    assert_string_equal(out, "---\nnumber: GB/T 2—2026\ntitle: 测试\nstatus: current\ndrafters:\n  - 张三\n"
                             "# 采标英文名称: Robots—Part 1: Safety (no stdkit field)\n---\n" BODY);
    free(out);
}

static void test_cover_toc_and_title_heading(void **state)
{
    (void)state;
    sk_vec notes = { 0 };
    char *out = convert("JR/T 0326—2024\n\n# 某编码规范\n\n# Specification for codes\n\n2024-12-24 发布 2024-12-25 实施\n\n"
                        "## 目 次\n\n前言 .  \n1 范围 ...  \n\n## 前 言\n\n本文件按照规则起草。\n\n# 某编码规范\n\n"
                        "## 1 范围\n\n本文件规定了编码。\n",
                        &notes);
    assert_string_equal(out, "---\nnumber: JR/T 0326—2024\ntitle: 某编码规范\ntitle_en: Specification for codes\n"
                             "status: current\nissued: 2024-12-24\neffective: 2024-12-25\n---\n\n"
                             "# 前言\n\n本文件按照规则起草。\n\n# 1 范围\n\n本文件规定了编码。\n");
    assert_true(has_note(&notes, "目次 dropped"));
    assert_true(has_note(&notes, "the title as a heading before chapter 1: left out"));
    free(out);
    free_notes(&notes);
}

static void test_terms_number_alone(void **state)
{
    (void)state;
    char *out = convert(FM "\n## 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n## 3.1\n\n监管链 global regulation blockchain\n\n"
                           "以监管为目的的区块链。\n\n#### 3.2 \n\n## 参考椭球 reference ellipsoid\n\n旋转椭球体。\n\n"
                           "[来源:GB/T 39267—2020,2.2.6,有修改]\n\n3.3\n\n产品编码 product code\n\n代码。\n\n"
                           "[GB/T 19022—2003, 定义 3.2]\n",
                        NULL);
    assert_string_equal(out, FM "\n# 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n## 3.1 监管链\n\nglobal regulation blockchain\n\n"
                                "以监管为目的的区块链。\n\n## 3.2 参考椭球\n\nreference ellipsoid\n\n旋转椭球体。\n\n"
                                "[来源：GB/T 39267—2020，2.2.6，有修改]\n\n## 3.3 产品编码\n\nproduct code\n\n代码。\n\n"
                                "[来源：GB/T 19022—2003，3.2]\n");
    free(out);
}

static void test_annex_over_three_lines(void **state)
{
    (void)state;
    char *out = convert(FM BODY "\n## 附 录 B\n\n## (规范性)\n\n## 导出常数\n\n### B.1 概述\n\n附录 C\n\n（资料性附录）\n\n"
                                "关系\n\n# 附录 规范性 水质项目\n",
                        NULL);
    assert_string_equal(out, FM BODY "\n# 附录B（规范性）导出常数\n\n## B.1 概述\n\n# 附录C（资料性）关系\n\n"
                                     "# 附录（规范性）水质项目\n");
    free(out);
}

static void test_clause_paragraphs_and_levels(void **state)
{
    (void)state;
    /* headings one level too deep, clauses written as paragraphs (2009-era PDF conversions) */
    char *out = convert(FM "\n## 1 范围\n\n本标准规定了测量。\n\n## 4 数字化模型要求\n\n"
                           "4.1 数字化模型应符合 GB/T 26099 的规定。\n\n4.2 测量要求\n\n### 4.2.1\n\n"
                           "注 $ ^{1} $ ：测量可重复。\n\n3.5 m 以内不是条。\n",
                        NULL);
    assert_string_equal(out, FM "\n# 1 范围\n\n本标准规定了测量。\n\n# 4 数字化模型要求\n\n"
                                "§4.1 数字化模型应符合 GB/T 26099 的规定。\n\n## 4.2 测量要求\n\n### 4.2.1\n\n"
                                "注1：测量可重复。\n\n3.5 m 以内不是条。\n");
    free(out);
}

static void test_formulas(void **state)
{
    (void)state;
    sk_vec notes = { 0 };
    char *out = convert(FM BODY "\n按公式 (A.1) 计算：\n\n $$ e^{2}=3J_{_{2}}+\\Big( a \\Big) $$ \n\n式中：\n\n"
                                " $ J_{2} $ ——系数；\n\nv1 ——速度，\\leqslant 不变。\n\n"
                                " $ f=1-e $  或  $ f=(a-b)/a $  ……(A.2)\n\n$$ b=a $$\n\n……(A.3)\n\n"
                                "用下式(A.4)递推，见表 A.1 和附录 B：\n\n$$H = 1$$\n\n式中：\n\n$$H$$ ——深度。\n",
                        &notes);
    assert_string_equal(out, FM BODY "\n按公式(A.1) 计算：\n\n$$ e^{2}=3J_{_{2}}+\\Big( a \\Big) $$ (A.1)\n\n式中：\n"
                                     "$J_{2}$——系数；\nv1——速度，\\leqslant 不变。\n\n"
                                     "$$ f=1-e \\quad 或 \\quad f=(a-b)/a $$ (A.2)\n\n$$ b=a $$ (A.3)\n\n"
                                     "用公式(A.4)递推，见表A.1 和附录B：\n\n$$ H = 1 $$ (A.4)\n\n式中：\n$H$——深度。\n");
    assert_true(has_note(&notes, "formula number (A.1): the one the sentence before it cites"));
    assert_true(has_note(&notes, "formula number (A.3) on the line after the formula"));
    free(out);
    free_notes(&notes);
}

static void test_where_symbol_from_formula(void **state)
{
    (void)state;
    char *out = convert(FM BODY "\n$$0 \\leqslant v_{1} - v_{2}$${#eq:e}\n\n式中：\n\nv1 ——指示车速；\n\nv2 ——实际车速。\n", NULL);
    /* the formula as written: the reader takes its TeX */
    assert_string_equal(out, FM BODY "\n$$0 \\leqslant v_{1} - v_{2}$${#eq:e}\n\n式中：\n$v_{1}$——指示车速；\n$v_{2}$——实际车速。\n");
    free(out);
}

static void test_md2std_markers_and_html(void **state)
{
    (void)state;
    char *out = convert(FM BODY "\n## 1.1 总则\n\n{无标题条:3} 按{{tbl:t1:label}}和{{std:GB/T 1.1—2020}}执行。\n\n"
                                "{表：#tbl:t1} 测试车速\n\n<table><tr><td><eq>v&lt;45</eq></td></tr></table>\n\n"
                                "<div style=\"text-align: center;\">表 2 其他常数</div>\n\n用量为 5 m^3^/d，H~2~O。\n",
                        NULL);
    assert_string_equal(out, FM BODY "\n## 1.1 总则\n\n§ 按[](#tbl:t1)和GB/T 1.1—2020执行。\n\n"
                                     "表：测试车速 {#tbl:t1}\n\n<table><tr><td>$v&lt;45$</td></tr></table>\n\n"
                                     "表2 其他常数\n\n用量为 5 m³/d，H₂O。\n");
    free(out);
}

static void test_caption_moved_above_footnote(void **state)
{
    (void)state;
    char *out = convert(FM BODY "\n<div><img src=\"a.png\" /></div>\n\n $^{a}$  MBD: 基于模型的定义。\n\n"
                                "<div style=\"text-align: center;\">图 B.1 测量流程</div>\n",
                        NULL);
    assert_string_equal(out, FM BODY "\n<div><img src=\"a.png\" /></div>\n\n图B.1 测量流程\n\n $^{a}$  MBD: 基于模型的定义。\n");
    free(out);
}

static void test_bold_clause_lines(void **state)
{
    (void)state;
    char *out = convert(FM BODY "\n# 5 要求\n\n## 5.2 记录\n\n**5.2.1 登记**\n\n登记应及时。\n\n**5.2.2** 登记表应保存3年。\n\n"
                                "**重要**的事项。\n",
                        NULL);
    assert_string_equal(out, FM BODY "\n# 5 要求\n\n## 5.2 记录\n\n### 5.2.1 登记\n\n登记应及时。\n\n§5.2.2 登记表应保存3年。\n\n"
                                     "**重要**的事项。\n");
    free(out);
}

static void test_index_kept(void **state)
{
    (void)state;
    /* a 索引 written by hand is the author's: the reader checks and prints it */
    const char *in = FM BODY "\n# 索引\n\n## D\n\n- 地热：3.5\n\n# 附录A（资料性）后记\n";
    char *out = convert(in, NULL);
    assert_string_equal(out, in);
    free(out);
}

static void test_result_reads_as_a_standard(void **state)
{
    (void)state;
    /* what the habits give is a standard the reader takes: numbers, terms, annex */
    char *out = convert("GB/T 9—2021\n\n# 测试规范\n\n## 目次\n\n1 范围 …… 1\n\n## 前言\n\n本文件按照规则起草。\n\n"
                        "## 1 范围\n\n本文件规定了测试。\n\n## 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n#### 3.1 \n\n"
                        "## 参考椭球 reference ellipsoid\n\n椭球体。\n\n## 附录 A\n\n## (规范性)\n\n## 公式\n\n### A.1 一般\n\n"
                        "见公式(A.1)。\n\n $$ x=1 $$ \n",
                        NULL);
    sk_diags d;
    sk_doc *doc = parse_str(out, &d);
    assert_non_null(doc);
    sk_node *t = first_of(doc, SK_N_SECTION);
    assert_string_equal(t->title, "前言");
    int terms = 0, annexes = 0;
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (n->type == SK_N_SECTION && n->sect == SK_S_TERM) {
            assert_string_equal(n->title, "参考椭球");
            terms++;
        }
        if (n->type == SK_N_SECTION && n->sect == SK_S_ANNEX) {
            assert_string_equal(n->title, "公式");
            assert_int_equal(n->annex_type, SK_ANNEX_NORMATIVE);
            annexes++;
        }
        if (n->type == SK_N_FORMULA)
            assert_string_equal(n->num_written, "A.1");
    }
    assert_int_equal(terms, 1);
    assert_int_equal(annexes, 1);
    sk_doc_free(doc);
    sk_diag_free(&d);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_source_unchanged),
        cmocka_unit_test(test_fenced_code_untouched),
        cmocka_unit_test(test_front_matter_keys_mapped),
        cmocka_unit_test(test_front_matter_not_yaml_read_by_lines),
        cmocka_unit_test(test_cover_toc_and_title_heading),
        cmocka_unit_test(test_terms_number_alone),
        cmocka_unit_test(test_annex_over_three_lines),
        cmocka_unit_test(test_clause_paragraphs_and_levels),
        cmocka_unit_test(test_formulas),
        cmocka_unit_test(test_where_symbol_from_formula),
        cmocka_unit_test(test_md2std_markers_and_html),
        cmocka_unit_test(test_caption_moved_above_footnote),
        cmocka_unit_test(test_bold_clause_lines),
        cmocka_unit_test(test_index_kept),
        cmocka_unit_test(test_result_reads_as_a_standard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
