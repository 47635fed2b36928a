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

/* Columns on a line longer than the marks' step come from the marks: the same
 * code-point column as counting from the start of the line, at every offset. */
static void test_column_on_a_long_line_counts_from_the_marks(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "---\nnumber: x\n---\n短行\n");
    for (int i = 0; i < 3000; i++)
        sk_buf_puts(&b, i % 3 ? "a中" : "\xF0\x9F\x98\x80" "b"); /* 1, 3 and 4-byte characters */
    sk_buf_puts(&b, "\n尾\n");
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", b.data, b.len, &d), 1);
    assert_non_null(s->cp_mark);
    size_t len;
    const char *line = sk_source_line(s, 5, &len);
    for (size_t off = 0; off <= len; off += 7)
        assert_int_equal(sk_source_col(s, 5, off), (int)sk_utf8_count(line, off) + 1);
    assert_int_equal(sk_source_col(s, 5, len), (int)sk_utf8_count(line, len) + 1);
    assert_int_equal(sk_source_col(s, 6, 3), 2);
    assert_int_equal(sk_source_col(s, 4, 3), 2);
    sk_source_free(s);
    /* no long line, no marks */
    assert_int_equal(sk_source_make(&s, "a.md", "---\nnumber: x\n---\n短\n", 22, &d), 1);
    assert_null(s->cp_mark);
    sk_source_free(s);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

/* The validator as it was, a byte at a time through sk_utf8_decode: the fast one
 * must stop at the same byte on any input. */
static size_t validate_slow(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = sk_utf8_decode(s + i, n - i, &cp);
        if (!l)
            return i;
        i += (size_t)l;
    }
    return (size_t)-1;
}

static void test_validate_matches_byte_at_a_time(void **state)
{
    (void)state;
    /* pieces: ASCII, 汉字, the edge lead bytes, stray continuations, truncations */
    static const char *const piece[] = { "a", "abcdefgh", "汉", "字。", "\xE0\xA0\x80", "\xE0\x9F\xBF",
                                         "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xE1\x80",
                                         "\xC2\x80", "\xC1\xBF", "\xDF\xBF", "\xF0\x90\x80\x80",
                                         "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                                         "\x80", "\xBF", "\xFE", "\xFF", "\xE4\xB8", "\xE4\xB8\xAD\x80",
                                         "\xE4\x3F\xAD", "\xE4\xB8\xC0", "\x7F" };
    size_t np = sizeof piece / sizeof *piece;
    char buf[256];
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        while (n < sizeof buf - 8) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % (unsigned)(np + 8);
            if (r >= np) { /* a random byte now and then, mostly a valid piece */
                if (r != np)
                    break;
                buf[n++] = (char)(seed >> 8);
                continue;
            }
            /* invalid pieces rarely, so that long valid prefixes are checked too */
            const char *p = piece[r];
            size_t l = strlen(p);
            if (n + l > sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        for (size_t cut = 0; cut <= n; cut += 1 + cut / 4) {
            assert_true(sk_utf8_validate(buf, cut) == validate_slow(buf, cut));
            assert_true(sk_utf8_validate(buf + 1, cut ? cut - 1 : 0) == validate_slow(buf + 1, cut ? cut - 1 : 0));
        }
    }
    /* every lead byte with every continuation pair, at each alignment */
    for (int a = 0; a < 256; a++)
        for (int b = 0x70; b < 0xD0; b += 7)
            for (int c = 0x70; c < 0xD0; c += 5)
                for (size_t off = 0; off < 9; off++) {
                    memset(buf, 'x', 32);
                    buf[off] = (char)a;
                    buf[off + 1] = (char)b;
                    buf[off + 2] = (char)c;
                    for (size_t n = off; n <= 20; n += 3)
                        assert_true(sk_utf8_validate(buf, n) == validate_slow(buf, n));
                }
}

static void test_column_memo_matches_column(void **state)
{
    (void)state;
    /* a short line, a long one (past the marks' step) and a CJK one, asked in order,
     * backwards, past the end and across lines */
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "---\nn: 1\n---\nab汉字cd\n");
    for (int i = 0; i < 300; i++)
        sk_buf_puts(&b, i % 3 ? "字" : "x");
    sk_buf_puts(&b, "\n中文中文\n");
    sk_diags d;
    sk_source *s = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&s, "a.md", b.data, b.len, &d), 1);
    sk_colmemo m = { 0 };
    unsigned seed = 7;
    for (int k = 0; k < 5000; k++) {
        seed = seed * 1103515245u + 12345u;
        int line = 4 + (int)((seed >> 16) % 3);
        size_t at = (seed >> 8) % 900;
        if (k % 4)
            at = m.line == line ? m.byte + (seed >> 20) % 9 : at; /* mostly onwards */
        assert_int_equal(sk_source_col_memo(s, &m, line, at), sk_source_col(s, line, at));
    }
    sk_source_free(s);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

static void test_count_matches_byte_at_a_time(void **state)
{
    (void)state;
    /* lengths across the 255-word blocks, bytes of every kind */
    static char buf[8 * 255 * 2 + 64];
    unsigned seed = 99;
    for (size_t i = 0; i < sizeof buf; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (char)(i % 7 ? 0x80 + (seed >> 16) % 64 : seed >> 8); /* mostly continuation bytes */
    }
    for (size_t n = 0; n <= sizeof buf; n += n < 40 ? 1 : 37) {
        for (size_t off = 0; off < 3; off++) {
            if (off + n > sizeof buf)
                continue;
            size_t want = 0;
            for (size_t i = 0; i < n; i++)
                want += ((unsigned char)buf[off + i] & 0xC0) != 0x80;
            assert_int_equal((int)sk_utf8_count(buf + off, n), (int)want);
        }
    }
    memset(buf, 0x80, sizeof buf); /* every byte a continuation: no count overflows */
    assert_int_equal((int)sk_utf8_count(buf, sizeof buf), 0);
    assert_int_equal((int)sk_utf8_count("汉字ab", strlen("汉字ab")), 4);
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
        cmocka_unit_test(test_column_on_a_long_line_counts_from_the_marks),
        cmocka_unit_test(test_missing_file_is_io_error),
        cmocka_unit_test(test_validate_matches_byte_at_a_time),
        cmocka_unit_test(test_column_memo_matches_column),
        cmocka_unit_test(test_count_matches_byte_at_a_time),
    };
    return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
