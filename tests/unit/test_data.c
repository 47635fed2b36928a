/* data — records from CSV, XLSX, JSON and YAML. Fixtures are in tests/data/
 * (XLSX ones from tests/data/make-xlsx.py); small edge cases are written to a
 * temporary directory next to their assertions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/zip.h"
#include "input/records.h"

#ifndef DATA_DIR
#define DATA_DIR "tests/data"
#endif

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/sk-test-data.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Path of a fixture; valid until the next call. */
static const char *fixture(const char *name)
{
    static char buf[4][512];
    static int k;
    const char *dir = getenv("SK_TEST_DATA") ? getenv("SK_TEST_DATA") : DATA_DIR;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* Writes n bytes (n == 0: strlen) to a temporary file and returns its path. */
static const char *write_tmp(const char *name, const char *bytes, size_t n)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    FILE *f = fopen(buf[k], "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n ? n : strlen(bytes), f), n ? n : strlen(bytes));
    fclose(f);
    return buf[k];
}

static sk_dataset *load_ok(const char *path, const sk_records_opts *o)
{
    sk_dataset *d = NULL;
    sk_err err;
    sk_err_clear(&err);
    if (sk_records_load(&d, path, o, &err) != 0)
        fail_msg("%s: %s", err.file, err.msg);
    assert_non_null(d);
    return d;
}

/* Loads a file that must fail; returns the error. */
static sk_err load_err(const char *path, const sk_records_opts *o)
{
    sk_dataset *d = NULL;
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_records_load(&d, path, o, &err), -1);
    assert_null(d);
    assert_string_equal(err.file, path);
    return err;
}

#define assert_contains(hay, needle)                                                                \
    do {                                                                                            \
        if (!strstr((hay), (needle)))                                                               \
            fail_msg("'%s' does not contain '%s'", (hay), (needle));                                \
    } while (0)

/* Text of field name in r (the field must exist and be text). */
static const char *text(const sk_record *r, const char *name)
{
    const sk_value *v = sk_records_get(r, name);
    if (!v)
        fail_msg("no field '%s' in the record of row %d", name, r->row);
    if (!v->text)
        fail_msg("field '%s' of row %d is not text", name, r->row);
    return v->text;
}

/* ---- CSV ---- */

static void test_csv_header_names_fields_in_order(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("utf8.csv"), NULL);
    assert_int_equal(d->ncolumns, 3);
    assert_string_equal(d->columns[0], "name");
    assert_string_equal(d->columns[1], "address");
    assert_string_equal(d->columns[2], "note");
    assert_int_equal(d->n, 3);
    assert_int_equal(d->recs[0]->n, 3);
    assert_string_equal(d->recs[0]->names[2], "note");
    assert_null(sk_records_get(d->recs[0], "phone"));
    assert_contains(d->path, "utf8.csv");
    sk_records_free(d);
}

static void test_csv_quoted_newline_keeps_start_line(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("utf8.csv"), NULL);
    /* 张三's record spans lines 2-3; a blank line 4 is skipped */
    assert_int_equal(d->recs[0]->row, 2);
    assert_string_equal(text(d->recs[0], "note"), "第一行\n第二行");
    assert_int_equal(d->recs[1]->row, 5);
    assert_int_equal(d->recs[2]->row, 6);
    sk_records_free(d);
}

static void test_csv_quoted_comma_and_doubled_quote(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("utf8.csv"), NULL);
    assert_string_equal(text(d->recs[0], "address"), "济源路街道, 金华小区");
    assert_string_equal(text(d->recs[1], "note"), "他说\"你好\"");
    sk_records_free(d);
}

static void test_csv_unquoted_spaces_trimmed_and_empty_cell_is_empty_text(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("utf8.csv"), NULL);
    assert_string_equal(text(d->recs[2], "name"), "王五");
    assert_string_equal(text(d->recs[2], "address"), "中心路");
    assert_string_equal(text(d->recs[2], "note"), "");
    sk_records_free(d);
}

static void test_csv_bom_stripped_and_crlf(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("utf8-bom-crlf.csv"), NULL);
    assert_string_equal(d->columns[0], "name");
    assert_int_equal(d->n, 2);
    assert_string_equal(text(d->recs[0], "phone"), "13800000000");
    assert_int_equal(d->recs[0]->row, 2);
    assert_string_equal(text(d->recs[1], "name"), "钱\r\n七");
    assert_int_equal(d->recs[1]->row, 3);
    sk_records_free(d);
}

static void test_csv_lone_cr_line_ends_count_lines(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("cr.csv", "a,b\r1,2\r\r3,4\r", 0), NULL);
    assert_int_equal(d->n, 2);
    assert_int_equal(d->recs[0]->row, 2);
    assert_int_equal(d->recs[1]->row, 4);
    assert_string_equal(text(d->recs[1], "b"), "4");
    sk_records_free(d);
}

static void test_csv_blank_and_comma_only_rows_skipped(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("blank.csv", "\n\na,b\n  \n,\n1,2\n,,,\n", 0), NULL);
    assert_int_equal(d->ncolumns, 2);
    assert_int_equal(d->n, 1);
    assert_int_equal(d->recs[0]->row, 6);
    sk_records_free(d);
}

static void test_csv_last_row_without_newline(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("nonl.csv", "a,b\n1,2\n3,\"x\ny\"", 0), NULL);
    assert_int_equal(d->n, 2);
    assert_int_equal(d->recs[1]->row, 3);
    assert_string_equal(text(d->recs[1], "b"), "x\ny");
    sk_records_free(d);
}

static void test_csv_gb18030_detected(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("gb18030.csv"), NULL);
    assert_string_equal(d->columns[0], "姓名");
    assert_string_equal(d->columns[1], "单位");
    assert_int_equal(d->n, 2);
    assert_string_equal(text(d->recs[0], "姓名"), "𠮷田"); /* a four-byte GB18030 character */
    assert_string_equal(text(d->recs[1], "单位"), "上街区人民医院");
    sk_records_free(d);
}

static void test_csv_gbk_detected_and_forced(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("gbk.csv"), NULL);
    assert_string_equal(text(d->recs[1], "社区"), "“四点半”课堂");
    sk_records_free(d);
    d = load_ok(fixture("gbk.csv"), &(sk_records_opts){ .encoding = "GBK" });
    assert_string_equal(text(d->recs[0], "姓名"), "张建国");
    sk_records_free(d);
}

static void test_csv_forced_utf8_rejects_gbk_bytes_naming_line_and_column(void **state)
{
    (void)state;
    const char *p = fixture("gbk.csv");
    sk_err err = load_err(p, &(sk_records_opts){ .encoding = "UTF-8" });
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 1);
    assert_contains(err.msg, "line 1, column 1");
    assert_contains(err.msg, "invalid UTF-8");
    /* the bad byte in column 2 of line 3 */
    p = write_tmp("bad-utf8.csv", "a,b\nok,fine\nx,caf\xE9\n", 0);
    err = load_err(p, &(sk_records_opts){ .encoding = "utf8" });
    assert_int_equal(err.line, 3);
    assert_int_equal(err.col, 2);
    assert_contains(err.msg, "line 3, column 2 (b): invalid UTF-8 (byte 0xE9)");
}

static void test_csv_bytes_in_neither_encoding_error(void **state)
{
    (void)state;
    /* 0xFF is no lead byte in UTF-8 or GB18030; the bad field is on line 4 of a quoted field */
    const char *p = write_tmp("neither.csv", "a,b\n1,2\n3,\"x\ny\xFF\"\n", 0);
    sk_err err = load_err(p, NULL);
    assert_int_equal(err.line, 4);
    assert_contains(err.msg, "line 4, column 2 (b)");
    assert_contains(err.msg, "neither UTF-8 nor GB18030");
    err = load_err(p, &(sk_records_opts){ .encoding = "GB18030" });
    assert_contains(err.msg, "invalid GB18030 (byte 0xFF)");
}

static void test_csv_utf8_with_a_damaged_byte_not_taken_for_gb18030(void **state)
{
    (void)state;
    /* one Latin-1 byte in a UTF-8 file: reported where it is, not read as mojibake */
    const char *p = write_tmp("damaged.csv", "姓名,单位\n张三,上街区教育局\n李四,上街区人民医院\n"
                                             "王五,caf\xE9\n赵六,上街区财政局\n", 0);
    sk_err err = load_err(p, NULL);
    assert_int_equal(err.line, 4);
    assert_contains(err.msg, "line 4, column 2 (单位): invalid UTF-8 (byte 0xE9)");
}

static void test_csv_nul_byte_refused(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("nul.csv", "a,b\n1,x\0y\n", 10), NULL);
    assert_contains(err.msg, "line 2, column 2 (b): a NUL byte");
}

static void test_csv_utf16_refused(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("utf16.csv", "\xFF\xFE" "a\0,\0b\0", 8), NULL);
    assert_contains(err.msg, "UTF-16");
}

static void test_csv_unknown_encoding_error(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("utf8.csv"), &(sk_records_opts){ .encoding = "Big5" });
    assert_contains(err.msg, "unknown encoding 'Big5'");
}

static void test_csv_extra_cell_error_names_row(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("extra.csv", "a,b\n1,2\n\n3,4,5\n", 0), NULL);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.col, 3);
    assert_contains(err.msg, "line 4, column 3: a value right of the last named column (the header has 2)");
}

static void test_csv_extra_empty_cells_allowed(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("trailing.csv", "a,b\n1,2,,\n", 0), NULL);
    assert_int_equal(d->recs[0]->n, 2);
    sk_records_free(d);
}

static void test_csv_fewer_cells_are_empty_text(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("short.csv", "a,b,c\n1\n", 0), NULL);
    assert_string_equal(text(d->recs[0], "a"), "1");
    assert_string_equal(text(d->recs[0], "b"), "");
    assert_string_equal(text(d->recs[0], "c"), "");
    sk_records_free(d);
}

static void test_csv_duplicate_header_names_both_columns(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("dup.csv", "name,phone, name \n1,2,3\n", 0), NULL);
    assert_int_equal(err.line, 1);
    assert_contains(err.msg, "line 1, column 3: duplicate column name 'name' (also column 1)");
}

static void test_csv_empty_header_name_error(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("emptyname.csv", "name,,phone\n1,2,3\n", 0), NULL);
    assert_contains(err.msg, "line 1, column 2: empty column name");
}

static void test_csv_trailing_empty_header_cells_ignored(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("trailhead.csv", "name,phone,,\n1,2\n", 0), NULL);
    assert_int_equal(d->ncolumns, 2);
    sk_records_free(d);
}

static void test_csv_header_only_gives_no_records(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("head.csv", "\xEF\xBB\xBF" "a,b\n", 0), NULL);
    assert_int_equal(d->ncolumns, 2);
    assert_int_equal(d->n, 0);
    sk_records_free(d);
}

static void test_csv_empty_file_error(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("empty.csv", "\n\n", 0), NULL);
    assert_contains(err.msg, "no header row");
}

static void test_csv_unclosed_quote_names_start_line(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("unclosed.csv", "a,b\n1,2\n3,\"open\nmore\nstill\n", 0), NULL);
    assert_int_equal(err.line, 3);
    assert_contains(err.msg, "line 3: a quoted field is never closed");
}

static void test_csv_quote_inside_unquoted_field_error(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("quote.csv", "a,b\n1,2\n3,12\" screen\n", 0), NULL);
    assert_int_equal(err.line, 3);
    assert_contains(err.msg, "line 3, character 5: a quote inside an unquoted field");
    err = load_err(write_tmp("after.csv", "a,b\n\"x\"y,2\n", 0), NULL);
    assert_contains(err.msg, "line 2, character 4: text after the closing quote");
}

static void test_csv_control_characters_kept(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("ctl.csv", "a\nx\x01y\x1b\n", 0), NULL);
    assert_string_equal(text(d->recs[0], "a"), "x\x01y\x1b");
    sk_records_free(d);
}

static void test_rows_list_wraps_all_rows_in_one_record(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("members.csv"), &(sk_records_opts){ .rows_list = "members" });
    assert_int_equal(d->n, 1);
    assert_int_equal(d->recs[0]->n, 1);
    const sk_value *v = sk_records_get(d->recs[0], "members");
    assert_non_null(v);
    assert_null(v->text);
    assert_int_equal(v->nlist, 20);
    assert_string_equal(text(v->list[0], "name"), "张建国");
    assert_int_equal(v->list[0]->row, 2);
    assert_string_equal(text(v->list[19], "name"), "罗晓琳");
    assert_string_equal(d->columns[0], "name"); /* the rows' own columns */
    sk_records_free(d);

    d = load_ok(write_tmp("none.csv", "a\n", 0), &(sk_records_opts){ .rows_list = "rows" });
    v = sk_records_get(d->recs[0], "rows");
    assert_non_null(v->list);
    assert_int_equal(v->nlist, 0);
    sk_records_free(d);
}

static void test_format_from_extension_or_option(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("data.txt", "a\n1\n", 0), NULL);
    assert_contains(err.msg, "unknown data format");
    sk_dataset *d = load_ok(write_tmp("data.txt", "a\n1\n", 0), &(sk_records_opts){ .format = "csv" });
    assert_string_equal(text(d->recs[0], "a"), "1");
    sk_records_free(d);
    d = load_ok(write_tmp("UPPER.CSV", "a\n1\n", 0), NULL);
    sk_records_free(d);
    err = load_err(write_tmp("old.xls", "x", 0), NULL);
    assert_contains(err.msg, "not an Excel 97-2003 workbook (.xls) that can be read");
}

static void test_missing_file_error(void **state)
{
    (void)state;
    sk_err err = load_err("tests/data/no-such-file.csv", NULL);
    assert_contains(err.msg, "cannot open");
}

static void test_members_csv_sample_reads(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("members.csv"), NULL);
    assert_int_equal(d->n, 20);
    assert_int_equal(d->ncolumns, 20);
    assert_string_equal(text(d->recs[1], "remark"), "每月第一个周六参加义诊,带队3次");
    assert_string_equal(text(d->recs[7], "remark"), "联系困难户2户;\n每月走访一次");
    assert_int_equal(d->recs[8]->row, 11); /* after a record spanning lines 9-10 */
    assert_string_equal(text(d->recs[19], "remark"), "组织\"护苗\"讲座2场");
    sk_records_free(d);
}

/* ---- XLSX ---- */

static void test_xlsx_shared_and_inline_strings(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("strings.xlsx"), NULL);
    assert_int_equal(d->ncolumns, 3);
    assert_string_equal(d->columns[1], "note");
    assert_string_equal(text(d->recs[0], "name"), "张三");
    /* rich-text runs joined, the phonetic guide left out */
    assert_string_equal(text(d->recs[0], "note"), "金华 社区");
    assert_string_equal(text(d->recs[1], "name"), "李四");
    assert_string_equal(text(d->recs[1], "note"), "富文本");
    /* _x000D_ is how Excel stores a CR; _x005F_ escapes a literal _x */
    assert_string_equal(text(d->recs[2], "name"), "line one\r\nline two");
    assert_string_equal(text(d->recs[3], "name"), "literal _x0041_ stays");
    sk_records_free(d);
}

static void test_xlsx_sparse_rows_and_cells(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("strings.xlsx"), NULL);
    /* rows 1, 2, 3, 5, 6; row 4 absent, row 7 only empty cells */
    assert_int_equal(d->n, 4);
    assert_int_equal(d->recs[2]->row, 5);
    assert_string_equal(text(d->recs[2], "note"), ""); /* B5 missing */
    assert_int_equal(d->recs[3]->row, 6);
    /* cells without r follow the one before */
    assert_string_equal(text(d->recs[3], "note"), "FALSE");
    assert_string_equal(text(d->recs[3], "kind"), "12");
    sk_records_free(d);
}

static void test_xlsx_bool_error_and_formula_string_cells(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("strings.xlsx"), NULL);
    assert_string_equal(text(d->recs[0], "kind"), "fx");
    assert_string_equal(text(d->recs[1], "kind"), "TRUE");
    assert_string_equal(text(d->recs[2], "kind"), "#N/A");
    sk_records_free(d);
}

static void test_xlsx_numbers_without_spurious_fraction(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("types.xlsx"), NULL);
    assert_string_equal(text(d->recs[0], "int"), "42");
    assert_string_equal(text(d->recs[0], "float"), "0.3"); /* 0.30000000000000004 */
    assert_string_equal(text(d->recs[1], "int"), "-7");
    assert_string_equal(text(d->recs[1], "float"), "1234.5");
    sk_records_free(d);
    d = load_ok(fixture("dates.xlsx"), NULL);
    assert_string_equal(text(d->recs[11], "case"), "plain");
    assert_string_equal(text(d->recs[11], "value"), "45356");
    assert_string_equal(text(d->recs[13], "value"), "0.0015");
    assert_string_equal(text(d->recs[14], "value"), "123456789012346000"); /* 15 digits, as Excel */
    sk_records_free(d);
}

static void test_xlsx_date_serial_with_1900_bug(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("dates.xlsx"), NULL);
    assert_string_equal(text(d->recs[0], "case"), "serial1");
    assert_string_equal(text(d->recs[0], "value"), "1900-01-01");
    assert_string_equal(text(d->recs[1], "value"), "1900-02-28");
    assert_string_equal(text(d->recs[2], "value"), "1900-02-29"); /* Lotus's day that never was */
    assert_string_equal(text(d->recs[3], "value"), "1900-03-01");
    sk_records_free(d);
}

static void test_xlsx_date_time_and_custom_formats(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("dates.xlsx"), NULL);
    assert_string_equal(text(d->recs[4], "value"), "2024-03-05 09:30");
    assert_string_equal(text(d->recs[5], "value"), "18:00");
    assert_string_equal(text(d->recs[6], "value"), "2019年4月1日");  /* yyyy"年"m"月"d"日": as Excel shows it */
    assert_string_equal(text(d->recs[7], "value"), "3.5");         /* 0.00"d": quoted d */
    assert_string_equal(text(d->recs[8], "value"), "1234.5");      /* [Red]: a colour */
    assert_string_equal(text(d->recs[9], "value"), "2024-03-05 12:00");
    assert_string_equal(text(d->recs[10], "value"), "12:00:01");   /* format 21 shows seconds */
    assert_string_equal(text(d->recs[12], "value"), "-1");         /* no date before 1900 */
    assert_string_equal(text(d->recs[15], "value"), "2024-03-05 09:30"); /* t="d": ISO 8601 */
    assert_string_equal(text(d->recs[16], "value"), "2024-03-05");
    sk_records_free(d);
}

static void test_xlsx_openpyxl_types(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("types.xlsx"), NULL);
    assert_string_equal(text(d->recs[0], "date"), "2024-03-05");
    assert_string_equal(text(d->recs[0], "datetime"), "2024-03-05 09:30");
    assert_string_equal(text(d->recs[0], "time"), "14:05:00"); /* h:mm:ss */
    assert_string_equal(text(d->recs[0], "bool"), "TRUE");
    assert_string_equal(text(d->recs[0], "cn_date"), "2019年4月1日");
    assert_string_equal(text(d->recs[1], "date"), "1900-01-01");
    assert_string_equal(text(d->recs[1], "datetime"), "2000-02-29 23:59");
    assert_string_equal(text(d->recs[1], "bool"), "FALSE");
    sk_records_free(d);
}

static void test_xlsx_chinese_date_formats_kept_and_midnight_is_a_date(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("cjk-dates.xlsx"), &(sk_records_opts){ .sheet = "名单" });
    assert_int_equal(d->n, 7);
    assert_string_equal(text(d->recs[0], "value"), "2024年6月1日");      /* yyyy"年"m"月"d"日";@ */
    assert_string_equal(text(d->recs[1], "value"), "2024年6月1日");      /* built-in 31 */
    assert_string_equal(text(d->recs[2], "value"), "2024年06月");        /* mm is the month */
    assert_string_equal(text(d->recs[3], "value"), "2024年6月1日 9时05分"); /* mm after h: minutes */
    assert_string_equal(text(d->recs[4], "value"), "2024-06-01");        /* a weekday: ISO */
    assert_string_equal(text(d->recs[5], "value"), "2024-06-01");        /* 00:00 is not shown */
    assert_string_equal(text(d->recs[6], "value"), "2024-06-01 12:00");
    assert_string_equal(d->sheet, "名单");
    assert_int_equal(d->nsheets, 2);
    assert_string_equal(d->sheets[0], "说明");
    assert_string_equal(d->sheets[1], "名单");
    sk_records_free(d);
    d = load_ok(fixture("cjk-dates.xlsx"), NULL); /* the first sheet: a note, no records */
    assert_int_equal(d->n, 0);
    assert_string_equal(d->sheet, "说明");
    sk_records_free(d);
}

/* The same export read from openpyxl's XLSX, LibreOffice's XLSX and LibreOffice's
 * Excel 97 .xls (libfreexl): the same records, but for what only XLSX keeps (the
 * 年月日 display format). */
static void check_party(const char *file, const char *join_date)
{
    sk_dataset *d = load_ok(fixture(file), &(sk_records_opts){ .sheet = "党员名单" });
    assert_int_equal(d->n, 2);
    assert_int_equal(d->ncolumns, 10);
    assert_string_equal(d->columns[1], "姓名");
    assert_string_equal(text(d->recs[0], "编号"), "SJBD-2024-001");
    assert_string_equal(text(d->recs[0], "姓名"), "张建国");
    assert_string_equal(text(d->recs[0], "入党时间"), join_date);
    assert_string_equal(text(d->recs[0], "联系电话"), "13803710001"); /* a number, no 1.38e10 */
    assert_string_equal(text(d->recs[0], "报到时间"), "2024-03-05");  /* a date-time at midnight */
    assert_string_equal(text(d->recs[1], "报到时间"), "2024-03-06 09:30");
    assert_string_equal(text(d->recs[1], "入党时间"), "2006-06-18");
    assert_string_equal(text(d->recs[1], "备注"), "");
    assert_int_equal(d->recs[1]->row, 3);
    assert_int_equal(d->nsheets, 2);
    assert_string_equal(d->sheets[0], "说明");
    sk_records_free(d);
    sk_err err = load_err(fixture(file), &(sk_records_opts){ .sheet = "Sheet1" });
    assert_string_equal(err.msg, "no sheet named 'Sheet1' (the sheets are: 说明, 党员名单)");
}

static void test_party_export_from_openpyxl_libreoffice_and_xls(void **state)
{
    (void)state;
    check_party("party.xlsx", "1998年7月1日");
    check_party("party-lo.xlsx", "1998年7月1日");
    check_party("party.xls", "1998-07-01"); /* libfreexl gives the date, not its format */
}

static void test_xls_that_is_not_one(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("fake.xls", "name,unit\n张三,x\n", 0), NULL);
    assert_contains(err.msg, "not an Excel 97-2003 workbook (.xls) that can be read");
    assert_contains(err.msg, "a text file named .xls; if it is a table, rename it to .csv");
    err = load_err(write_tmp("html.xls", "\xEF\xBB\xBF\n<html><table><tr><td>姓名</td></tr></table></html>", 0), NULL);
    assert_contains(err.msg, "an HTML table named .xls; open it in Excel or LibreOffice and save it as .xlsx");
    err = load_err(fixture("members.xlsx"), &(sk_records_opts){ .format = "xls" });
    assert_contains(err.msg, "not an Excel 97-2003 workbook");
}

static void test_xlsx_date1904_system(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("date1904.xlsx"), NULL);
    assert_string_equal(text(d->recs[0], "d"), "1904-01-01");
    assert_string_equal(text(d->recs[1], "d"), "2023-04-01");
    sk_records_free(d);
}

static void test_xlsx_first_sheet_or_sheet_by_name(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("types.xlsx"), &(sk_records_opts){ .sheet = "名单" });
    assert_string_equal(d->columns[0], "姓名");
    assert_string_equal(text(d->recs[0], "社区"), "金华社区");
    assert_int_equal(d->recs[0]->row, 2);
    sk_records_free(d);
}

static void test_xlsx_sheet_name_and_text_with_entities(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("strings.xlsx"), &(sk_records_opts){ .sheet = "R&D <2>" });
    assert_string_equal(text(d->recs[0], "x"), "&<是");
    sk_records_free(d);
}

static void test_xlsx_unknown_sheet_lists_names(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("types.xlsx"), &(sk_records_opts){ .sheet = "Sheet9" });
    assert_contains(err.msg, "no sheet named 'Sheet9' (the sheets are: Sheet1, 名单)");
}

static void test_xlsx_prefixed_spreadsheetml(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("prefixed.xlsx"), NULL);
    assert_string_equal(text(d->recs[0], "k"), "5");
    sk_records_free(d);
}

static void test_xlsx_extra_cell_error_names_cell(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("extra-cell.xlsx"), NULL);
    assert_int_equal(err.line, 7);
    assert_contains(err.msg, "sheet Sheet1, cell C7: a value right of the last named column");
}

static void test_xlsx_duplicate_header_names_both_cells(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("dup-header.xlsx"), NULL);
    assert_contains(err.msg, "sheet 名单, cell C1: duplicate column name 'a' (also cell A1)");
}

static void test_xlsx_empty_header_cell_between_names_error(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("empty-header.xlsx"), NULL);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 2);
    assert_contains(err.msg, "sheet Sheet1, cell B1: empty column name");
}

static void test_xlsx_empty_sheet_has_no_header(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("empty-sheet.xlsx"), NULL);
    assert_contains(err.msg, "sheet 空表: no header row");
}

static void test_xlsx_column_past_xfd_refused(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("bad-ref.xlsx"), NULL);
    assert_contains(err.msg, "sheet Sheet1, row 2: bad cell reference 'XFE2'");
}

static void test_xlsx_bad_shared_string_index(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("bad-sst-index.xlsx"), NULL);
    assert_contains(err.msg, "sheet Sheet1, cell B2: shared string 9 does not exist");
}

static void test_xlsx_missing_part_error(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("missing-workbook.xlsx"), NULL);
    assert_contains(err.msg, "xl/workbook.xml: missing");
    err = load_err(fixture("missing-sheet-part.xlsx"), NULL);
    assert_contains(err.msg, "xl/worksheets/sheet1.xml: missing");
}

static void test_xlsx_malformed_xml_error_names_part_and_line(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("bad-xml.xlsx"), NULL);
    assert_contains(err.msg, "xl/worksheets/sheet1.xml, line 2: XML error");
}

static void test_xlsx_rejects_doctype(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("doctype.xlsx"), NULL);
    assert_contains(err.msg, "xl/worksheets/sheet1.xml has a DOCTYPE");
    assert_null(strstr(err.msg, "root:")); /* nothing of /etc/passwd */
}

static void test_xlsx_rejects_doctype_in_shared_strings(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("doctype-sst.xlsx"), NULL);
    assert_contains(err.msg, "xl/sharedStrings.xml has a DOCTYPE");
}

static void test_xlsx_zip_bomb_refused(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("zip-bomb.xlsx"), NULL);
    assert_contains(err.msg, "xl/worksheets/sheet1.xml: 314572800 bytes uncompressed, over the 256 MiB limit");
}

static void test_xlsx_entry_inflating_past_declared_size_refused(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("zip-lying.xlsx"), NULL);
    assert_contains(err.msg, "xl/worksheets/sheet1.xml: ");
}

static void test_xlsx_corrupt_zip_error(void **state)
{
    (void)state;
    sk_err err = load_err(fixture("corrupt.xlsx"), NULL); /* cut in half */
    assert_contains(err.msg, "not a zip archive, or a truncated one");
    err = load_err(fixture("not-a-zip.xlsx"), NULL);
    assert_contains(err.msg, "not an XLSX workbook (not a zip archive");
    err = load_err(fixture("corrupt-data.xlsx"), NULL);
    assert_contains(err.msg, "xl/worksheets/sheet1.xml: corrupt data");
}

static void test_xlsx_too_many_zip_entries_refused(void **state)
{
    (void)state;
    char path[512];
    int zerr;
    snprintf(path, sizeof path, "%s/many.xlsx", tmpdir);
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    for (int i = 0; i <= SK_ZIP_MAX_ENTRIES; i++) {
        char name[32];
        snprintf(name, sizeof name, "%d", i);
        zip_source_t *s = zip_source_buffer(z, NULL, 0, 0);
        assert_true(zip_file_add(z, name, s, 0) >= 0);
        zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    }
    assert_int_equal(zip_close(z), 0);
    sk_err err = load_err(path, NULL);
    assert_contains(err.msg, "100001 zip entries, over the limit of 100000");
}

static void test_members_csv_and_xlsx_agree(void **state)
{
    (void)state;
    sk_dataset *c = load_ok(fixture("members.csv"), NULL);
    sk_dataset *x = load_ok(fixture("members.xlsx"), NULL); /* dates, numbers: real cell types */
    assert_int_equal(c->n, x->n);
    assert_int_equal(c->ncolumns, x->ncolumns);
    for (size_t j = 0; j < c->ncolumns; j++)
        assert_string_equal(c->columns[j], x->columns[j]);
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < c->ncolumns; j++)
            if (strcmp(c->recs[i]->values[j].text, x->recs[i]->values[j].text))
                fail_msg("record %zu, %s: csv '%s', xlsx '%s'", i, c->columns[j], c->recs[i]->values[j].text,
                         x->recs[i]->values[j].text);
    assert_int_equal(x->recs[0]->row, 2);
    sk_records_free(c);
    sk_records_free(x);
}

/* ---- JSON and YAML ---- */

static void test_json_wrapped_list_with_nested_rows(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("members.json"), NULL);
    assert_int_equal(d->n, 20);
    assert_string_equal(text(d->recs[0], "name"), "张建国");
    assert_string_equal(text(d->recs[0], "phone"), "13803710001");
    const sk_value *a = sk_records_get(d->recs[0], "activities");
    assert_non_null(a);
    assert_null(a->text);
    assert_int_equal(a->nlist, 2);
    assert_string_equal(text(a->list[1], "seq"), "2");
    assert_string_equal(text(a->list[0], "confirmer"), "王书记");
    assert_true(a->list[0]->row > d->recs[0]->row);
    /* columns: first use order, lists included */
    assert_int_equal(d->ncolumns, 21);
    assert_string_equal(d->columns[20], "activities");
    sk_records_free(d);
}

static void test_json_list_scalars_verbatim_null_missing(void **state)
{
    (void)state;
    const char *p = write_tmp("a.json", "[\n {\"a\": \"007\", \"b\": 1.50, \"c\": null, \"d\": true},\n"
                                        " {\"a\":\"x\\/y\\u00e9\", \"e\": []}\n]\n", 0);
    sk_dataset *d = load_ok(p, NULL);
    assert_int_equal(d->n, 2);
    assert_int_equal(d->recs[0]->row, 2);
    assert_int_equal(d->recs[1]->row, 3);
    assert_string_equal(text(d->recs[0], "a"), "007");
    assert_string_equal(text(d->recs[0], "b"), "1.50");
    const sk_value *c = sk_records_get(d->recs[0], "c");
    assert_non_null(c);
    assert_null(c->text);
    assert_null(c->list);
    assert_string_equal(text(d->recs[0], "d"), "true");
    assert_string_equal(text(d->recs[1], "a"), "x/yé");
    const sk_value *e = sk_records_get(d->recs[1], "e");
    assert_non_null(e->list); /* an empty list is a list */
    assert_int_equal(e->nlist, 0);
    assert_int_equal(d->ncolumns, 5);
    sk_records_free(d);
}

static void test_json_nested_mapping_flattened_to_dotted_names(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(write_tmp("n.json", "[{\"name\": \"x\", \"addr\": {\"city\": \"郑州\", "
                                                "\"geo\": {\"lat\": \"34.8\"}}, \"z\": 1}]", 0), NULL);
    assert_int_equal(d->recs[0]->n, 4);
    assert_string_equal(d->recs[0]->names[1], "addr.city");
    assert_string_equal(text(d->recs[0], "addr.geo.lat"), "34.8");
    assert_string_equal(d->recs[0]->names[3], "z");
    sk_records_free(d);
}

static void test_json_duplicate_field_error_names_line(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("dup.json", "[{\"a\": 1,\n \"l\": [{\"a\": 2}],\n \"a\": 3}]", 0), NULL);
    assert_int_equal(err.line, 3);
    assert_contains(err.msg, "line 3: field 'a' is given twice");
    err = load_err(write_tmp("dup2.json", "[{\"a.b\": 1,\n \"a\": {\"b\": 2}}]", 0), NULL);
    assert_contains(err.msg, "line 2: field 'a.b' is given twice");
}

static void test_json_nul_escape_refused_not_truncated(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("nul.json", "[{\"a\": 1},\n {\"b\": \"x\\u0001y\\u0000z\"}]", 0), NULL);
    assert_int_equal(err.line, 2);
    assert_contains(err.msg, "NUL character");
}

static void test_json_list_of_scalars_error(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("s.json", "[{\"tags\": [\n\"a\", \"b\"]}]", 0), NULL);
    assert_contains(err.msg, "line 2: item 1 of 'tags' is text; a list holds one mapping per row");
}

static void test_json_top_level_shape_error(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("m.json", "{\"a\": 1, \"b\": 2}", 0), NULL);
    assert_contains(err.msg, "expected a list of records");
    err = load_err(write_tmp("l.json", "[{\"a\": 1},\n 5]", 0), NULL);
    assert_contains(err.msg, "line 2: record 2 is text, not a mapping");
    err = load_err(write_tmp("e.json", "", 0), NULL);
    assert_contains(err.msg, "expected a list of records");
}

static void test_json_syntax_error_names_line(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("bad.json", "[{\"a\": 1},\n {\"b\" 2}]", 0), NULL);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 7);
    assert_string_equal(err.msg, "line 2, column 7: invalid JSON: expected ':' after an object key");
    /* a trailing comma is JSON's error, not YAML's */
    err = load_err(write_tmp("comma.json", "[{\"name\": \"张三\", \"unit\": \"x\",}]", 0), NULL);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 29);
    assert_contains(err.msg, "invalid JSON");
    assert_null(strstr(err.msg, "YAML"));
}

static void test_yaml_records_with_lines(void **state)
{
    (void)state;
    const char *p = write_tmp("r.yaml", "# 名单\nrecords:\n  - name: 张三\n    phone: '0371'\n"
                                        "    items:\n      - {date: 2024-04-06, hours: 2}\n"
                                        "  - name: 李四\n    phone: ~\n", 0);
    sk_dataset *d = load_ok(p, NULL);
    assert_int_equal(d->n, 2);
    assert_int_equal(d->recs[0]->row, 3);
    assert_int_equal(d->recs[1]->row, 7);
    assert_string_equal(text(d->recs[0], "phone"), "0371");
    const sk_value *it = sk_records_get(d->recs[0], "items");
    assert_int_equal(it->nlist, 1);
    assert_int_equal(it->list[0]->row, 6);
    assert_string_equal(text(it->list[0], "date"), "2024-04-06");
    assert_null(sk_records_get(d->recs[1], "phone")->text);
    sk_records_free(d);
}

static void test_yaml_alias_refused(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("alias.yml", "- &a {x: 1}\n- *a\n", 0), NULL);
    assert_contains(err.msg, "anchors");
}

static void test_yaml_invalid_utf8_names_line(void **state)
{
    (void)state;
    sk_err err = load_err(write_tmp("u.yaml", "- a: ok\n- a: caf\xE9\n", 0), NULL);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 9);
    assert_contains(err.msg, "line 2, column 9: invalid UTF-8");
}

static void test_json_rows_list(void **state)
{
    (void)state;
    sk_dataset *d = load_ok(fixture("members.json"), &(sk_records_opts){ .rows_list = "members" });
    assert_int_equal(d->n, 1);
    const sk_value *v = sk_records_get(d->recs[0], "members");
    assert_int_equal(v->nlist, 20);
    assert_string_equal(text(v->list[19], "name"), "罗晓琳");
    sk_records_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_header_names_fields_in_order),
        cmocka_unit_test(test_csv_quoted_newline_keeps_start_line),
        cmocka_unit_test(test_csv_quoted_comma_and_doubled_quote),
        cmocka_unit_test(test_csv_unquoted_spaces_trimmed_and_empty_cell_is_empty_text),
        cmocka_unit_test(test_csv_bom_stripped_and_crlf),
        cmocka_unit_test(test_csv_lone_cr_line_ends_count_lines),
        cmocka_unit_test(test_csv_blank_and_comma_only_rows_skipped),
        cmocka_unit_test(test_csv_last_row_without_newline),
        cmocka_unit_test(test_csv_gb18030_detected),
        cmocka_unit_test(test_csv_gbk_detected_and_forced),
        cmocka_unit_test(test_csv_forced_utf8_rejects_gbk_bytes_naming_line_and_column),
        cmocka_unit_test(test_csv_bytes_in_neither_encoding_error),
        cmocka_unit_test(test_csv_utf8_with_a_damaged_byte_not_taken_for_gb18030),
        cmocka_unit_test(test_csv_nul_byte_refused),
        cmocka_unit_test(test_csv_utf16_refused),
        cmocka_unit_test(test_csv_unknown_encoding_error),
        cmocka_unit_test(test_csv_extra_cell_error_names_row),
        cmocka_unit_test(test_csv_extra_empty_cells_allowed),
        cmocka_unit_test(test_csv_fewer_cells_are_empty_text),
        cmocka_unit_test(test_csv_duplicate_header_names_both_columns),
        cmocka_unit_test(test_csv_empty_header_name_error),
        cmocka_unit_test(test_csv_trailing_empty_header_cells_ignored),
        cmocka_unit_test(test_csv_header_only_gives_no_records),
        cmocka_unit_test(test_csv_empty_file_error),
        cmocka_unit_test(test_csv_unclosed_quote_names_start_line),
        cmocka_unit_test(test_csv_quote_inside_unquoted_field_error),
        cmocka_unit_test(test_csv_control_characters_kept),
        cmocka_unit_test(test_rows_list_wraps_all_rows_in_one_record),
        cmocka_unit_test(test_format_from_extension_or_option),
        cmocka_unit_test(test_missing_file_error),
        cmocka_unit_test(test_members_csv_sample_reads),
        cmocka_unit_test(test_xlsx_shared_and_inline_strings),
        cmocka_unit_test(test_xlsx_sparse_rows_and_cells),
        cmocka_unit_test(test_xlsx_bool_error_and_formula_string_cells),
        cmocka_unit_test(test_xlsx_numbers_without_spurious_fraction),
        cmocka_unit_test(test_xlsx_date_serial_with_1900_bug),
        cmocka_unit_test(test_xlsx_date_time_and_custom_formats),
        cmocka_unit_test(test_xlsx_openpyxl_types),
        cmocka_unit_test(test_xlsx_chinese_date_formats_kept_and_midnight_is_a_date),
        cmocka_unit_test(test_party_export_from_openpyxl_libreoffice_and_xls),
        cmocka_unit_test(test_xls_that_is_not_one),
        cmocka_unit_test(test_xlsx_date1904_system),
        cmocka_unit_test(test_xlsx_first_sheet_or_sheet_by_name),
        cmocka_unit_test(test_xlsx_sheet_name_and_text_with_entities),
        cmocka_unit_test(test_xlsx_unknown_sheet_lists_names),
        cmocka_unit_test(test_xlsx_prefixed_spreadsheetml),
        cmocka_unit_test(test_xlsx_extra_cell_error_names_cell),
        cmocka_unit_test(test_xlsx_duplicate_header_names_both_cells),
        cmocka_unit_test(test_xlsx_empty_header_cell_between_names_error),
        cmocka_unit_test(test_xlsx_empty_sheet_has_no_header),
        cmocka_unit_test(test_xlsx_column_past_xfd_refused),
        cmocka_unit_test(test_xlsx_bad_shared_string_index),
        cmocka_unit_test(test_xlsx_missing_part_error),
        cmocka_unit_test(test_xlsx_malformed_xml_error_names_part_and_line),
        cmocka_unit_test(test_xlsx_rejects_doctype),
        cmocka_unit_test(test_xlsx_rejects_doctype_in_shared_strings),
        cmocka_unit_test(test_xlsx_zip_bomb_refused),
        cmocka_unit_test(test_xlsx_entry_inflating_past_declared_size_refused),
        cmocka_unit_test(test_xlsx_corrupt_zip_error),
        cmocka_unit_test(test_xlsx_too_many_zip_entries_refused),
        cmocka_unit_test(test_members_csv_and_xlsx_agree),
        cmocka_unit_test(test_json_wrapped_list_with_nested_rows),
        cmocka_unit_test(test_json_list_scalars_verbatim_null_missing),
        cmocka_unit_test(test_json_nested_mapping_flattened_to_dotted_names),
        cmocka_unit_test(test_json_duplicate_field_error_names_line),
        cmocka_unit_test(test_json_nul_escape_refused_not_truncated),
        cmocka_unit_test(test_json_list_of_scalars_error),
        cmocka_unit_test(test_json_top_level_shape_error),
        cmocka_unit_test(test_json_syntax_error_names_line),
        cmocka_unit_test(test_yaml_records_with_lines),
        cmocka_unit_test(test_yaml_alias_refused),
        cmocka_unit_test(test_yaml_invalid_utf8_names_line),
        cmocka_unit_test(test_json_rows_list),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
