#include "helpers.h"
#include "check/fix.h"
#include "model/model.h"
#include "check/gbt.h"
#include "text/zh.h"

static int modal(const char *s)
{
    size_t st, ml;
    return sk_zh_modal_find(s, strlen(s), 0, SK_MODAL_REQUIRE | SK_MODAL_RECOMMEND | SK_MODAL_PERMIT | SK_MODAL_STRONG,
                         &st, &ml);
}

static void test_words_containing_ying_are_not_requirements(void **state)
{
    (void)state;
    static const char *const words[] = { "相应的记录", "对应关系", "应急预案", "化学反应", "积极响应", "适应需要",
                                         "物资供应", "推广应用", "应聘人员", "答应群众", "应届毕业生", "应对突发事件",
                                         "应交尽交", "应到人数", "应有数", NULL };
    for (const char *const *w = words; *w; w++)
        assert_int_equal(modal(*w), 0);
}

static void test_requirements_are_found(void **state)
{
    (void)state;
    assert_true(modal("活动室应设在一楼") & SK_MODAL_REQUIRE);
    assert_true(modal("不应挪作他用") & SK_MODAL_REQUIRE);
    assert_true(modal("应当公示") & SK_MODAL_REQUIRE);
    assert_true(modal("必须登记") & SK_MODAL_STRONG);
    assert_true(modal("社区党组织应对其进行谈话") & SK_MODAL_REQUIRE);
    size_t st, ml;
    assert_int_equal(sk_zh_modal_find("应当公示", strlen("应当公示"), 0, SK_MODAL_REQUIRE, &st, &ml), SK_MODAL_REQUIRE);
    assert_int_equal((int)ml, 6);
}

static void test_ke_is_permission_only_before_a_verb(void **state)
{
    (void)state;
    assert_true(modal("党员可参加") & SK_MODAL_PERMIT);
    assert_true(modal("可以委托他人") & SK_MODAL_PERMIT);
    assert_true(modal("不必提交") & SK_MODAL_PERMIT);
    static const char *const words[] = { "可能涉及专利", "切实可行", "行政许可", "群众认可", "安全可靠", "可量化、可检验",
                                         "必不可少的条款", "不可或缺", NULL };
    for (const char *const *w = words; *w; w++)
        assert_int_equal(modal(*w), 0);
}

static void test_recommendations_and_strong_forms(void **state)
{
    (void)state;
    assert_true(modal("宜在会前公示") & SK_MODAL_RECOMMEND);
    assert_true(modal("不宜超过5天") & SK_MODAL_RECOMMEND);
    assert_int_equal(modal("环境适宜"), 0);
    assert_int_equal(modal("未尽事宜"), 0);
    assert_true(modal("不得缺席") & SK_MODAL_STRONG);
    assert_true(modal("禁止吸烟") & SK_MODAL_STRONG);
    assert_int_equal(modal("不得不调整"), 0);
}

static void test_quoted_text_is_not_a_provision(void **state)
{
    (void)state;
    assert_int_equal(modal("“应”表示要求"), 0);
    assert_int_equal(modal("见《应急管理规范》"), 0);
    assert_true(modal("“八小时”之外应参加") & SK_MODAL_REQUIRE);
}

static size_t count_refs(sk_doc *doc, sk_ref_kind kind, const char *target)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->refs.len; i++) {
        const sk_inline *in = doc->refs.items[i];
        n += in->ref_kind == kind && !strcmp(in->target, target);
    }
    return n;
}

static void test_numbers_inside_quantities_are_not_references(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围\n\n本文件规定了活动室。\n\n# 2 要求\n\n## 2.1 面积\n\n文字。\n\n## 2.2 开放\n\n"
                               "自2019年7月1日起，照度不低于1.5倍，层高2.8米，第1次使用前登记，电话0371-68123456，"
                               "版本1.2，不低于0.5，按GB/T 1.1—2020的规定，见2.1和2.2。\n",
                            &d);
    assert_non_null(doc);
    assert_int_equal(diag_find(&d, "ref-missing"), -1);
    assert_int_equal((int)doc->refs.len, 2);
    assert_int_equal((int)count_refs(doc, SK_REF_CLAUSE, "2.1"), 1);
    assert_int_equal((int)count_refs(doc, SK_REF_CLAUSE, "2.2"), 1);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_a_part_of_another_standard_is_not_a_reference_here(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围\n\n本文件规定了活动室。\n\n# 2 要求\n\n"
                               "应符合GB/T 2260—2007的5.2和表3的规定，并按GB/T 2260的4.1执行。\n",
                            &d);
    assert_non_null(doc);
    assert_int_equal((int)doc->refs.len, 0);
    assert_int_equal(diag_find(&d, "ref-missing"), -1);
    assert_int_equal((int)diag_count(&d, "stdref-undated"), 1); /* GB/T 2260 的4.1, not the dated one */
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_fix_edits_the_original_bytes(void **state)
{
    (void)state;
    const char raw[] = "\xEF\xBB\xBF---\r\nnumber: SJDJ/TS 01—2019\r\ntitle: t\r\ncategory: TS\r\nstatus: draft\r\n---\r\n"
                       "# 1 范围\r\n\r\n见1.3。\r\n\r\n## 1.2 a\r\n\r\nx\r\n\r\n## 1.3 b\r\n\r\ny\r\n";
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&src, "t.md", raw, sizeof raw - 1, &d), 1);
    assert_int_equal(sk_model_build(&doc, src, 0, &d, NULL), 0);
    char *out = NULL;
    size_t out_len = 0;
    sk_err err;
    int n = sk_fix_apply(doc, raw, sizeof raw - 1, &out, &out_len, &err);
    assert_int_equal(n, 3); /* 1.2 → 1.1, 1.3 → 1.2, 见1.3 → 见1.2 */
    const char want[] = "\xEF\xBB\xBF---\r\nnumber: SJDJ/TS 01—2019\r\ntitle: t\r\ncategory: TS\r\nstatus: draft\r\n---\r\n"
                        "# 1 范围\r\n\r\n见1.2。\r\n\r\n## 1.1 a\r\n\r\nx\r\n\r\n## 1.2 b\r\n\r\ny\r\n";
    assert_int_equal((int)out_len, (int)sizeof want - 1);
    assert_memory_equal(out, want, out_len);
    free(out);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_diff_is_unified(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", *c = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
    sk_fix_diff(&b, "x.md", a, strlen(a), c, strlen(c));
    assert_string_equal(b.data, "--- x.md\n+++ x.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    sk_buf_clear(&b);
    sk_fix_diff(&b, "x.md", a, strlen(a), a, strlen(a));
    assert_true(b.len == 0);
    sk_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_containing_ying_are_not_requirements),
        cmocka_unit_test(test_requirements_are_found),
        cmocka_unit_test(test_ke_is_permission_only_before_a_verb),
        cmocka_unit_test(test_recommendations_and_strong_forms),
        cmocka_unit_test(test_quoted_text_is_not_a_provision),
        cmocka_unit_test(test_numbers_inside_quantities_are_not_references),
        cmocka_unit_test(test_a_part_of_another_standard_is_not_a_reference_here),
        cmocka_unit_test(test_fix_edits_the_original_bytes),
        cmocka_unit_test(test_diff_is_unified),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
