#include "helpers.h"
#include "input/source.h"

static void test_bom_and_crlf_are_normalised(void **state)
{
    (void)state;
    const char raw[] = "\xEF\xBB\xBF---\r\nnumber: x\r\n---\r\n# 标题\r\n正文\r\n";
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", raw, sizeof raw - 1, &d), 1);
    assert_true(s->had_bom);
    assert_true(s->had_crlf);
    assert_null(strchr(s->data, '\r'));
    assert_true(s->has_fm);
    assert_int_equal(s->fm_line, 2);
    assert_int_equal(s->body_line, 4);
    assert_string_equal(s->data + s->body_off, "# 标题\n正文\n");
    assert_int_equal((int)s->fm_len, (int)strlen("number: x\n"));
    sk_source_free(s);
    sk_diag_free(&d);
}

static void test_invalid_utf8_reports_line_and_column(void **state)
{
    (void)state;
    const char raw[] = "---\nnumber: x\n---\n第一行\n中文\xC3\x28\n";
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", raw, sizeof raw - 1, &d), 0);
    assert_null(s);
    assert_int_equal((int)d.len, 1);
    assert_string_equal(sk_rule_get(d.items[0].rule)->code, "encoding");
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].col, 3); /* after two CJK characters */
    sk_diag_free(&d);
}

static void test_overlong_and_surrogate_utf8_rejected(void **state)
{
    (void)state;
    assert_int_equal((int)sk_utf8_validate("\xC0\xAF", 2), 0);         /* overlong '/' */
    assert_int_equal((int)sk_utf8_validate("a\xED\xA0\x80", 4), 1);    /* U+D800 */
    assert_int_equal((int)sk_utf8_validate("\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    assert_true(sk_utf8_validate("汉字—", strlen("汉字—")) == (size_t)-1);
}

static void test_nul_byte_rejected(void **state)
{
    (void)state;
    const char raw[] = "---\nn: 1\n---\nab\0c\n";
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", raw, sizeof raw - 1, &d), 0);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 3);
    sk_diag_free(&d);
}

static void test_unterminated_front_matter(void **state)
{
    (void)state;
    const char raw[] = "---\nnumber: x\ntitle: y\n# 1 范围\n";
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", raw, sizeof raw - 1, &d), 0);
    assert_string_equal(sk_rule_get(d.items[0].rule)->code, "front-matter");
    assert_int_equal(d.items[0].line, 1);
    sk_diag_free(&d);
}

static void test_no_front_matter_means_body_at_line_one(void **state)
{
    (void)state;
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", "# 标题\n", 9, &d), 1);
    assert_false(s->has_fm);
    assert_int_equal(s->body_line, 1);
    sk_source_free(s);
    sk_diag_free(&d);
}

static void test_utf16_refused(void **state)
{
    (void)state;
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", "\xFF\xFE-\0", 4, &d), 0);
    assert_non_null(strstr(d.items[0].msg, "UTF-16"));
    sk_diag_free(&d);
}

static void test_column_counts_code_points(void **state)
{
    (void)state;
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    const char raw[] = "ab\n汉字x\n";
    assert_int_equal(sk_source_make(&s, "a.md", raw, sizeof raw - 1, &d), 1);
    assert_int_equal(sk_source_col(s, 2, 6), 3); /* byte 6 = 'x' */
    int line;
    size_t bc;
    sk_source_pos(s, 9, &line, &bc);
    assert_int_equal(line, 2);
    assert_int_equal((int)bc, 6);
    sk_source_free(s);
    sk_diag_free(&d);
}

static void test_missing_file_is_io_error(void **state)
{
    (void)state;
    sk_diags d;
    sk_err err;
    sk_source *s = NULL;
    sk_diag_init(&d);
    sk_err_clear(&err);
    assert_int_equal(sk_source_read(&s, "/nonexistent/x.md", &d, &err), -1);
    assert_string_equal(err.file, "/nonexistent/x.md");
    assert_non_null(strstr(err.msg, "cannot open"));
    assert_int_equal((int)d.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom_and_crlf_are_normalised),
        cmocka_unit_test(test_invalid_utf8_reports_line_and_column),
        cmocka_unit_test(test_overlong_and_surrogate_utf8_rejected),
        cmocka_unit_test(test_nul_byte_rejected),
        cmocka_unit_test(test_unterminated_front_matter),
        cmocka_unit_test(test_no_front_matter_means_body_at_line_one),
        cmocka_unit_test(test_utf16_refused),
        cmocka_unit_test(test_column_counts_code_points),
        cmocka_unit_test(test_missing_file_is_io_error),
    };
    return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
