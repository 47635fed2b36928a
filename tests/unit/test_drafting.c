/* The drafting cycle in the library: the consultation record read from YAML and
 * counted, the counts sentence, and the 编制说明 and 汇总处理表 as the stage changes
 * (征求意见稿 → 送审稿 → 报批稿). */
#include "helpers.h"

#include <stdio.h>
#include <unistd.h>

#include "base/common.h"
#include "input/consult.h"
#include "model/dump.h"
#include "run/drafting.h"

#define DOC_BODY                                                                                                     \
    "# 1 范围\n\n本文件规定了测试的要求。\n\n# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"                     \
    "# 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n# 4 要求\n\n## 4.1 时间\n\n每年一次。\n\n"                   \
    "## 4.2 对象\n\n全体党员。\n"

static sk_doc *doc_at(const char *stage, sk_diags *d)
{
    char *md = sk_asprintf("---\nnumber: SJDJ/TS 01—2019\ntitle: 测试标准\ncategory: TS\nstatus: draft\n"
                           "stage: %s\ncompleted: 2019-05-20\ndrafting_units: [甲单位]\n---\n" DOC_BODY,
                           stage);
    sk_doc *doc = parse_str(md, d);
    free(md);
    return doc;
}

/* The record written to a temporary file and read back. */
static sk_consult *record(const char *yaml, sk_diags *d)
{
    char path[] = "/tmp/test_drafting_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(yaml, f);
    fclose(f);
    sk_consult *c = NULL;
    sk_err e;
    sk_err_clear(&e);
    sk_diag_init(d);
    assert_int_equal(sk_consult_load(&c, path, d, &e), 1);
    unlink(path);
    return c;
}

static const char REC[] = "standard: SJDJ/TS 01—2019\nstage: 征求意见稿\nsent: 6\nreplies: [丁单位]\n"
                          "comments:\n"
                          "  - unit: 甲单位\n    clause: \"4.2\"\n    anchor: [要求, 对象]\n    comment: 对象宜写明。\n"
                          "    handling: 采纳\n"
                          "  - unit: 甲单位\n    clause: \"4.1\"\n    anchor: [要求, 时间]\n    comment: 每年两次。\n"
                          "    handling: 不采纳\n    reason: 与上级规定一致。\n"
                          "  - unit: 乙单位\n    clause: 全文\n    comment: 用语宜统一。\n    handling: 部分采纳\n"
                          "    reason: 第4章已统一。\n"
                          "  - unit: 丙单位\n    clause: \"4.1\"\n    anchor: [要求, 时间]\n    comment: 时间宜具体。\n";

static void test_counts(void **state)
{
    (void)state;
    sk_diags d;
    sk_consult *c = record(REC, &d);
    assert_int_equal(d.len, 0);
    assert_int_equal(c->n, 4);
    assert_int_equal(c->v[1].handling, SK_HANDLE_REJECTED); /* 不采纳 reads as 未采纳 */
    sk_consult_counts k;
    sk_consult_counts_of(&k, c);
    assert_int_equal(k.sent, 6);
    assert_int_equal(k.replied, 4); /* 甲 乙 丙 with comments, 丁 without */
    assert_int_equal(k.with_comments, 3);
    assert_int_equal(k.comments, 4);
    assert_int_equal(k.adopted, 1);
    assert_int_equal(k.partly, 1);
    assert_int_equal(k.rejected, 1);
    assert_int_equal(k.pending, 1);
    char *t = sk_consult_counts_text(&k, c->stage);
    assert_string_equal(t, "共发送征求意见稿6个单位，收到回函4个，其中有意见的3个，共提出意见4条，采纳1条，部分采纳1条，"
                           "未采纳1条，尚未处理1条。");
    free(t);
    k.sent = -1; /* not said: a blank to write the number in */
    k.pending = 0;
    t = sk_consult_counts_text(&k, NULL);
    assert_string_equal(t, "共发送征求意见稿　　个单位，收到回函4个，其中有意见的3个，共提出意见4条，采纳1条，部分采纳1条，"
                           "未采纳1条。");
    free(t);
    assert_true(sk_consult_is_general("全文"));
    assert_true(sk_consult_is_general(""));
    assert_false(sk_consult_is_general("4.1"));
    sk_consult_free(c);
    sk_diag_free(&d);
}

/* The paper's text, one dump line a node. */
static char *dump(const sk_paper *p)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_dump_doc(&b, p->doc, 0);
    return b.data;
}

static void test_explanation_by_stage(void **state)
{
    (void)state;
    static const struct { const char *stage, *title, *step; } cases[] = {
        { "征求意见稿", "《测试标准》（征求意见稿）编制说明", "2019年5月20日，形成征求意见稿，征求有关单位和专家的意见。" },
        { "送审稿", "《测试标准》（送审稿）编制说明", "2019年5月20日，根据征求意见的处理结果修改，形成送审稿，提交审查。" },
        { "报批稿", "《测试标准》（报批稿）编制说明", "2019年5月20日，根据审查意见修改，形成报批稿。" },
    };
    sk_diags rd;
    sk_consult *rec = record(REC, &rd);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sk_diags d;
        sk_doc *doc = doc_at(cases[i].stage, &d);
        assert_non_null(doc);
        sk_paper p;
        sk_err e;
        sk_err_clear(&e);
        assert_int_equal(sk_drafting_explanation(&p, doc, rec, NULL, NULL, NULL, NULL, &e), 0);
        char *t = dump(&p);
        assert_non_null(strstr(t, cases[i].title));
        const char *step = strstr(t, cases[i].step);
        const char *consult = strstr(t, "共发送征求意见稿6个单位");
        assert_non_null(step);
        assert_non_null(consult);
        /* the 征求意见稿 is formed before it goes out; the later drafts after the consultation */
        if (i == 0)
            assert_true(step < consult);
        else
            assert_true(consult < step);
        /* 六: the comments partly or not adopted, with their reasons, numbered as the text is */
        assert_non_null(strstr(t, "共收到意见4条，采纳1条，部分采纳1条，未采纳1条，其余尚未处理。"));
        assert_non_null(strstr(t, "4.1（甲单位）：每年两次。未采纳：与上级规定一致。"));
        assert_non_null(strstr(t, "全文（乙单位）：用语宜统一。部分采纳：第4章已统一。"));
        assert_null(strstr(t, "对象宜写明。")); /* adopted: not a disagreement */
        free(t);
        sk_drafting_paper_free(&p);
        sk_doc_free(doc);
        sk_diag_free(&d);
    }
    sk_consult_free(rec);
    sk_diag_free(&rd);
}

static void test_table_rows(void **state)
{
    (void)state;
    sk_diags d, rd;
    sk_doc *doc = doc_at("送审稿", &d);
    sk_consult *rec = record(REC, &rd);
    sk_paper p;
    sk_drafting_table(&p, doc, rec);
    char *t = dump(&p);
    assert_non_null(strstr(t, "征求意见汇总处理表"));
    assert_non_null(strstr(t, "标准项目名称：《测试标准》（SJDJ/TS 01—2019）"));
    assert_non_null(strstr(t, "说明：共发送征求意见稿6个单位，收到回函4个，其中有意见的3个，共提出意见4条，采纳1条，"
                              "部分采纳1条，未采纳1条，尚未处理1条。"));
    /* the order of the text: 全文 first, then 4.1 (both of its comments) before 4.2 */
    const char *all = strstr(t, "用语宜统一。"), *a1 = strstr(t, "每年两次。"), *a2 = strstr(t, "时间宜具体。"),
               *b = strstr(t, "对象宜写明。");
    assert_true(all && a1 && a2 && b);
    assert_true(all < a1 && a1 < b && a2 < b);
    free(t);
    sk_drafting_paper_free(&p);
    sk_consult_free(rec);
    sk_doc_free(doc);
    sk_diag_free(&d);
    sk_diag_free(&rd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_explanation_by_stage),
        cmocka_unit_test(test_table_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
