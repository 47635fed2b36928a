#include "base/fs.h"
#include "helpers.h"
#include "input/system.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/sk-test-system-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char *p = sk_fs_join(dir, "system.yaml");
    unlink(p);
    free(p);
    rmdir(dir);
    return 0;
}

static sk_system *load(const char *yaml, sk_diags *d, int *rc)
{
    char *p = sk_fs_join(dir, "system.yaml");
    sk_err err;
    sk_system *s = NULL;
    FILE *f = fopen(p, "w");
    fputs(yaml, f);
    fclose(f);
    sk_diag_init(d);
    sk_err_clear(&err);
    *rc = sk_system_load(&s, p, d, &err);
    free(p);
    return s;
}

static const char GOOD[] = "name: 上街区社区党建标准体系\ncode: SJDJ\nissuer: 组织部\n"
                           "number_pattern: \"SJDJ/{category} {seq:2}—{year}\"\n"
                           "file_pattern: \"{category}-{seq:2}\"\n"
                           "categories:\n  - code: JB\n    name: 基本标准\n    expected: 10\n"
                           "  - code: TS\n    name: 特色标准\n"
                           "groups:\n  - code: ZZSZ\n    name: 组织设置\n";

static void test_loads_categories_groups_pattern(void **state)
{
    (void)state;
    sk_diags d;
    int rc;
    sk_system *s = load(GOOD, &d, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal((int)d.len, 0);
    assert_int_equal((int)s->ncats, 2);
    assert_string_equal(s->cats[0].name, "基本标准");
    assert_int_equal(s->cats[0].expected, 10);
    assert_non_null(sk_system_group(s, "ZZSZ"));
    assert_null(sk_system_category(s, "XX"));
    sk_system_free(s);
    sk_diag_free(&d);
}

static void test_number_pattern_matches_and_formats(void **state)
{
    (void)state;
    sk_diags d;
    int rc;
    sk_system *s = load(GOOD, &d, &rc);
    sk_numparts p;
    assert_int_equal(sk_system_match_number(s, "SJDJ/TS 09—2019", &p), 0);
    assert_string_equal(p.category, "TS");
    assert_int_equal(p.seq, 9);
    assert_int_equal(p.year, 2019);
    assert_int_equal(sk_system_match_number(s, "SJDJ/TS 09-2019", &p), -1); /* hyphen, not em dash */
    assert_int_equal(sk_system_match_number(s, "SJDJ/TS 9—2019", &p), -1);  /* two digits */
    assert_int_equal(sk_system_match_number(s, "SJDJ/XX 09—2019", &p), -1); /* unknown category */
    assert_int_equal(sk_system_match_number(s, "SJDJ/TS 09—2019 ", &p), -1);
    char *f = sk_system_format(s->file_pattern, &(sk_numparts){ .category = "JB", .seq = 3, .year = 2019 });
    assert_string_equal(f, "JB-03");
    free(f);
    sk_system_free(s);
    sk_diag_free(&d);
}

static void test_bad_placeholder_and_duplicate_code_reported(void **state)
{
    (void)state;
    sk_diags d;
    int rc;
    sk_system *s = load("name: x\nnumber_pattern: \"X/{cat} {seq}\"\ncategories:\n"
                        "  - {code: A, name: a}\n  - {code: A, name: b}\n",
                        &d, &rc);
    assert_int_equal(rc, -1);
    assert_null(s);
    assert_int_equal((int)diag_count(&d, "system-file"), 2);
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].msg, "{cat}"));
    assert_int_equal(d.items[1].line, 5);
    sk_diag_free(&d);
}

static void test_missing_name_and_categories(void **state)
{
    (void)state;
    sk_diags d;
    int rc;
    load("code: X\nnumber_pattern: \"{category}\"\nowner: y\n", &d, &rc);
    assert_int_equal(rc, -1);
    assert_int_equal((int)diag_count(&d, "system-file"), 2);
    assert_int_equal((int)diag_count(&d, "system-unknown"), 1);
    sk_diag_free(&d);
}

static void test_missing_file_is_io_error(void **state)
{
    (void)state;
    sk_diags d;
    sk_err err;
    sk_system *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_system_load(&s, "/nonexistent/system.yaml", &d, &err), -1);
    assert_non_null(strstr(err.msg, "cannot open"));
    assert_int_equal((int)d.len, 0);
}

static void test_find_walks_up(void **state)
{
    (void)state;
    sk_diags d;
    int rc;
    sk_system_free(load(GOOD, &d, &rc));
    sk_diag_free(&d);
    char *sub = sk_fs_join(dir, "sub");
    mkdir(sub, 0755);
    char *found = sk_system_find(sub);
    assert_non_null(found);
    assert_true(sk_str_ends_with(found, "/system.yaml"));
    free(found);
    rmdir(sub);
    free(sub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_loads_categories_groups_pattern, setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_pattern_matches_and_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_placeholder_and_duplicate_code_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_name_and_categories, setup, teardown),
        cmocka_unit_test(test_missing_file_is_io_error),
        cmocka_unit_test_setup_teardown(test_find_walks_up, setup, teardown),
    };
    return cmocka_run_group_tests_name("system", tests, NULL, NULL);
}
