/* The redline in both writers (XPath over the parts): what the layout marks
 * inserted and deleted against the old edition comes out as w:ins/w:del (DOCX) and
 * text:tracked-changes (ODT), with author and date, each change once. */
#include "xpath.h"

#include "model/diff.h"
#include "write/docx.h"
#include "write/odt.h"

#define FM_OLD "---\nnumber: SJDJ/TS 01—2019\ntitle: 测试标准\ncategory: TS\nstatus: current\n---\n"
#define FM_NEW "---\nnumber: SJDJ/TS 01—2024\ntitle: 测试标准\ncategory: TS\nstatus: current\n---\n"
#define HEAD                                                                                                       \
    "# 1 范围\n\n本文件规定了站点的服务要求。\n\n# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"            \
    "# 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n"

static const char OLD[] = FM_OLD HEAD
    "# 4 要求\n\n## 4.1 公示\n\n站点应每日公示服务项目。\n\n站点应公示收费标准。\n\n站点应公示投诉电话。\n\n"
    "## 4.2 设施\n\n站点应按表1配备设施。\n\n表：设施 {#tab-f}\n\n| 设施 | 数量 |\n|---|---|\n| 床位 | 10 |\n"
    "| 餐桌 | 5 |\n| 轮椅 | 2 |\n";
static const char NEW[] = FM_NEW HEAD
    "# 4 要求\n\n## 4.1 公示\n\n站点应每周公示服务项目。\n\n站点应公示投诉电话。\n\n"
    "## 4.2 设施\n\n站点应按表1配备设施。\n\n表：设施 {#tab-f}\n\n| 设施 | 数量 |\n|---|---|\n| 床位 | 10 |\n"
    "| 餐桌 | 6 |\n\n## 4.3 评价\n\n站点应每年评价服务质量。\n";

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const xp_ns DOCX_NS[] = { { "w", NS_W }, { NULL, NULL } };
static const xp_ns ODT_NS[] = {
    { "office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0" },
    { "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
    { "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
    { "dc", "http://purl.org/dc/elements/1.1/" },
    { NULL, NULL },
};

typedef struct pair {
    rendered r;
    sk_doc *old;
    sk_diff *d;
} pair;

static void open_pair(pair *p, int odt, int redline)
{
    sk_diags dg;
    xp_model(&p->r, NEW);
    p->old = parse_str(OLD, &dg);
    sk_diag_free(&dg);
    sk_foreword_build(p->old);
    sk_diag_init(&dg);
    p->d = sk_diff_new(p->old, p->r.doc, &dg);
    sk_diag_free(&dg);
    sk_err err;
    sk_err_clear(&err);
    int rc;
    if (odt) {
        sk_odt_opts o = { .redline = redline ? p->d : NULL, .author = "审校", .change_date = 1709251200 };
        rc = sk_odt_build(&p->r.pkg, p->r.doc, &o, NULL, &err);
    } else {
        sk_docx_opts o = { .redline = redline ? p->d : NULL, .author = "审校", .change_date = 1709251200 };
        rc = sk_docx_build(&p->r.pkg, p->r.doc, &o, NULL, &err);
    }
    if (rc)
        fail_msg("build: %s", err.msg);
    xp_load_part(&p->r, odt ? "content.xml" : "word/document.xml", odt ? ODT_NS : DOCX_NS);
}

static void close_pair(pair *p)
{
    sk_diff_free(p->d);
    sk_doc_free(p->old);
    xp_done(&p->r);
}

static void test_docx_marks_runs_paragraphs_and_rows(void **state)
{
    (void)state;
    pair p;
    open_pair(&p, 0, 1);
    rendered *r = &p.r;
    /* every change has its author and date; ids are unique */
    assert_true(numf(r, "count(//w:ins | //w:del)") >= 8);
    assert_count(r, 0, "(//w:ins | //w:del)[not(@w:author='审校') or not(@w:date='2024-03-01T00:00:00Z')]");
    assert_count(r, 0, "(//w:ins | //w:del)[@w:id = preceding::w:ins/@w:id or @w:id = preceding::w:del/@w:id]");
    assert_count(r, 0, "(//w:ins | //w:del)[@w:id = //w:bookmarkStart/@w:id]");
    /* a word changed: deleted then inserted inside one paragraph */
    assert_xpath_str(r, "日", "//w:p[.//w:t[.='公示服务项目。']]/w:del/w:r/w:delText");
    assert_xpath_str(r, "周", "//w:p[.//w:t[.='公示服务项目。']]/w:ins/w:r/w:t");
    /* a paragraph deleted: its mark and its text */
    assert_count(r, 1, "//w:p[w:pPr/w:rPr/w:del][w:del/w:r/w:delText='站点应公示收费标准。']");
    assert_count(r, 0, "//w:t[.='站点应公示收费标准。']");
    /* a clause added: heading and text inserted, paragraph marks too */
    assert_count(r, 1, "//w:p[w:pPr/w:rPr/w:ins][w:ins/w:r/w:t='4.3　评价']");
    assert_count(r, 1, "//w:p[w:pPr/w:rPr/w:ins][w:ins/w:r/w:t='站点应每年评价服务质量。']");
    /* table: the 轮椅 row deleted as a row, the 餐桌 cell 5 → 6 */
    assert_count(r, 1, "//w:tr[w:trPr/w:del][.//w:delText='轮椅']");
    assert_xpath_str(r, "5", "//w:tr[.//w:t='餐桌']//w:del/w:r/w:delText");
    assert_xpath_str(r, "6", "//w:tr[.//w:t='餐桌']//w:ins/w:r/w:t");
    /* renumbered or not, the heading 4.2 is unchanged and unmarked */
    assert_count(r, 0, "//w:p[.//w:t='4.2　设施']//w:ins");
    close_pair(&p);
    /* without a redline: nothing marked */
    open_pair(&p, 0, 0);
    assert_count(&p.r, 0, "//w:ins | //w:del | //w:delText");
    close_pair(&p);
}

static void test_odt_tracked_changes_come_first_and_match(void **state)
{
    (void)state;
    pair p;
    open_pair(&p, 1, 1);
    rendered *r = &p.r;
    assert_count(r, 1, "/office:document-content/office:body/office:text/*[1][self::text:tracked-changes]");
    int regions = (int)num(r, "count(//text:changed-region)");
    assert_true(regions >= 6);
    assert_count(r, 0, "//text:changed-region[not(.//dc:creator='审校') or not(.//dc:date='2024-03-01T00:00:00Z')]");
    /* each region is marked once in the text: insertions by start and end, deletions by one change */
    assert_count(r, 0, "//text:change-start[not(@text:change-id = //text:changed-region[text:insertion]/@text:id)]");
    assert_count(r, 0, "//text:change[not(@text:change-id = //text:changed-region[text:deletion]/@text:id)]");
    assert_int_equal((int)num(r, "count(//text:change-start)"), (int)num(r, "count(//text:changed-region[text:insertion])"));
    assert_int_equal((int)num(r, "count(//text:change)"), (int)num(r, "count(//text:changed-region[text:deletion])"));
    assert_int_equal((int)num(r, "count(//text:change-start)"), (int)num(r, "count(//text:change-end)"));
    assert_int_equal((int)num(r, "count(//text:change-start) + count(//text:change)"), regions);
    assert_count(r, 0, "//text:change-start[not(@text:change-id = //text:change-end/@text:change-id)]");
    /* the deleted paragraph is in its region, not in the text */
    assert_count(r, 1, "//text:changed-region/text:deletion[text:p='站点应公示收费标准。']");
    assert_count(r, 0, "/office:document-content/office:body/office:text/text:p[.='站点应公示收费标准。']");
    /* a word: 日 deleted, 周 inserted */
    assert_count(r, 1, "//text:changed-region/text:deletion[text:p='日']");
    assert_count(r, 1, "//text:p[text:change-start and contains(., '周公示服务项目')]");
    close_pair(&p);
    open_pair(&p, 1, 0);
    assert_count(&p.r, 0, "//text:tracked-changes | //text:change | //text:change-start");
    close_pair(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx_marks_runs_paragraphs_and_rows),
        cmocka_unit_test(test_odt_tracked_changes_come_first_and_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
