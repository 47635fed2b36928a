/* zip writes its archives itself, part by part: held parts, a stream part (its
 * local header filled in afterwards) and generated parts read back whole through
 * the reader, from a file and from memory alike, also past 65,535 entries (the ZIP64
 * end of central directory) and with ZIP64 sizes (a stream marked large). */
#include "helpers.h"

#include "base/fs.h"
#include "base/zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct counter {
    size_t left;  /* pieces still to give */
    size_t given;
} counter;

/* 3 MiB of XML-ish text, in pieces of up to max bytes. */
static long stream_read(void *ctx, char *buf, size_t max, sk_err *err)
{
    (void)err;
    counter *c = ctx;
    if (!c->left)
        return 0;
    size_t n = max < 4096 ? max : 4096;
    for (size_t i = 0; i < n; i++)
        buf[i] = "<a>b</a>\n"[(c->given + i) % 9];
    c->given += n;
    c->left--;
    return (long)n;
}

typedef struct gen {
    size_t i, n;
} gen;

static int gen_next(void *ctx, char **name, char **data, size_t *len, int *how, sk_err *err)
{
    (void)err;
    gen *g = ctx;
    if (g->i == g->n)
        return 0;
    *name = sk_asprintf("g/%zu.txt", g->i);
    *data = sk_asprintf("part %zu", g->i);
    *len = strlen(*data);
    *how = SK_ZIP_STORE;
    g->i++;
    return 1;
}

static void check_archive(const char *path, size_t ngen)
{
    sk_zip_reader *r = NULL;
    sk_err err;
    sk_err_clear(&err);
    if (sk_zip_open(&r, path, "a test archive", &err) != 0)
        fail_msg("sk_zip_open: %s", err.msg);
    char *d = NULL;
    size_t len = 0;
    assert_int_equal(sk_zip_read(r, "held.xml", &d, &len, &err), 1);
    assert_int_equal(len, 5000);
    free(d);
    assert_int_equal(sk_zip_read(r, "stream.xml", &d, &len, &err), 1);
    assert_int_equal(len, 768 * 4096);
    assert_memory_equal(d, "<a>b</a>\n<a>", 12);
    free(d);
    char name[32], want[32];
    snprintf(name, sizeof name, "g/%zu.txt", ngen - 1);
    snprintf(want, sizeof want, "part %zu", ngen - 1);
    assert_int_equal(sk_zip_read(r, name, &d, &len, &err), 1);
    assert_string_equal(d, want);
    free(d);
    assert_int_equal(sk_zip_read(r, "after.txt", &d, &len, &err), 1);
    free(d);
    sk_zip_close(r);
}

static sk_zip *package(counter *c, gen *g, int large)
{
    sk_zip *p = sk_zip_new();
    char *held = sk_malloc(5001);
    memset(held, 'x', 5000);
    held[5000] = '\0';
    sk_zip_add(p, "held.xml", held, 5000, SK_ZIP_DEFLATE);
    sk_zip_add_stream(p, "stream.xml", stream_read, c, NULL);
    if (large)
        sk_zip_large(p);
    sk_zip_add_parts(p, gen_next, g, NULL);
    sk_zip_add_copy(p, "after.txt", "end", 3, SK_ZIP_DEFLATE);
    return p;
}

static void run(size_t ngen, int large)
{
    char dir[] = "/tmp/test_zip_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = sk_asprintf("%s/a.zip", dir);
    sk_err err;
    sk_err_clear(&err);
    counter c = { 768, 0 };
    gen g = { 0, ngen };
    sk_zip *p = package(&c, &g, large);
    if (sk_zip_write(p, path, NULL, 0, &err) != 0)
        fail_msg("sk_zip_write: %s", err.msg);
    sk_zip_free(p);
    check_archive(path, ngen);
    /* the same bytes in memory */
    c = (counter){ 768, 0 };
    g = (gen){ 0, ngen };
    p = package(&c, &g, large);
    char *mem = NULL, *file = NULL;
    size_t mlen = 0, flen = 0;
    assert_int_equal(sk_zip_bytes(p, &mem, &mlen, &err), 0);
    sk_zip_free(p);
    assert_int_equal(sk_fs_read(&file, &flen, path, 1u << 30, &err), 0);
    assert_int_equal(mlen, flen);
    assert_memory_equal(mem, file, mlen);
    free(mem);
    free(file);
    unlink(path);
    rmdir(dir);
    free(path);
}

static void test_parts_held_streamed_and_generated(void **state)
{
    (void)state;
    run(10, 0);
}

/* a stream marked large has ZIP64 sizes in both headers, read back the same */
static void test_large_stream_zip64_sizes(void **state)
{
    (void)state;
    run(10, 1);
}

static void test_past_65535_entries(void **state)
{
    (void)state;
    run(70000, 0);
}

/* ---- the reader on archives it did not write, and on hostile ones ---- */

/* An archive of two stored parts, as bytes (stdkit's writer), for patching. */
static char *two_parts(size_t *len, const char *n1, const char *n2)
{
    sk_zip *p = sk_zip_new();
    sk_zip_add_copy(p, n1, "first part", 10, SK_ZIP_STORE);
    sk_zip_add_copy(p, n2, "second part", 11, SK_ZIP_STORE);
    char *out = NULL;
    sk_err err;
    assert_int_equal(sk_zip_bytes(p, &out, len, &err), 0);
    sk_zip_free(p);
    return out;
}

/* Writes bytes to a temporary file and opens it: 0 or -1 with err. */
static int open_bytes(const char *b, size_t n, sk_zip_reader **r, char *path, sk_err *err)
{
    strcpy(path, "/tmp/test_zip_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b, n), (ssize_t)n);
    close(fd);
    sk_err_clear(err);
    return sk_zip_open(r, path, "a test archive", err);
}

static size_t find(const char *b, size_t n, const char *what, size_t from)
{
    size_t k = strlen(what);
    for (size_t i = from; i + k <= n; i++)
        if (!memcmp(b + i, what, k))
            return i;
    fail_msg("'%s' not in the archive", what);
    return 0;
}

static void test_reader_finds_parts_without_case(void **state)
{
    (void)state;
    size_t n;
    char *b = two_parts(&n, "word/document.xml", "b.xml");
    sk_zip_reader *r;
    char path[64];
    sk_err err;
    assert_int_equal(open_bytes(b, n, &r, path, &err), 0);
    char *d;
    size_t len;
    assert_int_equal(sk_zip_read(r, "Word/Document.XML", &d, &len, &err), 1);
    assert_string_equal(d, "first part");
    free(d);
    assert_int_equal(sk_zip_read(r, "c.xml", &d, &len, &err), 0);
    assert_int_equal(sk_zip_read_max(r, "b.xml", 11, &d, &len, &err), 1);
    free(d);
    assert_int_equal(sk_zip_read_max(r, "b.xml", 10, &d, &len, &err), -1); /* declared 11: refused unread */
    sk_zip_close(r);
    unlink(path);
    free(b);
}

static void expect_refused(char *b, size_t n, const char *part, const char *msg)
{
    sk_zip_reader *r = NULL;
    char path[64];
    sk_err err;
    int rc = open_bytes(b, n, &r, path, &err);
    if (rc == 0 && part) {
        char *d = NULL;
        size_t len;
        rc = sk_zip_read(r, part, &d, &len, &err);
        assert_null(d);
        sk_zip_close(r);
    }
    unlink(path);
    assert_int_equal(rc, -1);
    if (!strstr(err.msg, msg))
        fail_msg("\"%s\" does not contain \"%s\"", err.msg, msg);
    assert_string_equal(err.file, path);
}

static void test_reader_refuses_hostile_archives(void **state)
{
    (void)state;
    size_t n;
    char *b;
    /* two names that differ only in case are one OPC part named twice */
    b = two_parts(&n, "a.xml", "A.XML");
    expect_refused(b, n, NULL, "not a test archive: the zip archive names a part twice (refused)");
    free(b);
    /* a stored part whose bytes changed: its CRC-32 no longer matches */
    b = two_parts(&n, "a.xml", "b.xml");
    b[find(b, n, "first part", 0)] = 'F';
    expect_refused(b, n, "a.xml", "a.xml: corrupt data: CRC error");
    free(b);
    /* the local header names another part than the central directory */
    b = two_parts(&n, "a.xml", "b.xml");
    b[find(b, n, "a.xml", 0)] = 'x';
    expect_refused(b, n, NULL, "not a test archive: an inconsistent zip archive");
    free(b);
    /* an encrypted part (flag bit 0 in the central directory) */
    b = two_parts(&n, "a.xml", "b.xml");
    size_t cd = find(b, n, "PK\001\002", 0);
    b[cd + 8] |= 1;
    expect_refused(b, n, "a.xml", "a.xml: cannot read: encrypted (refused)");
    free(b);
    /* a part declared larger than it is: the data ends early */
    b = two_parts(&n, "a.xml", "b.xml");
    cd = find(b, n, "PK\001\002", 0);
    b[cd + 24] = 20; /* uncompressed size 10 -> 20, compressed stays 10 */
    expect_refused(b, n, "a.xml", "a.xml: truncated (10 of 20 bytes)");
    free(b);
    /* cut in half: no end of central directory */
    b = two_parts(&n, "a.xml", "b.xml");
    expect_refused(b, n / 2, NULL, "not a test archive (not a zip archive, or a truncated one)");
    free(b);
    /* a central directory pointing past the end of the file */
    b = two_parts(&n, "a.xml", "b.xml");
    size_t eocd = find(b, n, "PK\005\006", 0);
    b[eocd + 19] = 0x7F;
    expect_refused(b, n, NULL, "not a test archive: an inconsistent zip archive");
    free(b);
}

/* A part deflated by its producer in pieces of any size gives the bytes the part
 * held whole gives: the same archive (zlib's output does not depend on how its
 * input is cut), and one under 2 KB is stored as a held one is. */
static void test_deflated_in_pieces_as_held(void **state)
{
    (void)state;
    size_t sizes[] = { 0, 100, 2047, 2048, 5000, 300000 };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        char *text = sk_malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            text[i] = "<w:p><w:r><w:t>条款</w:t></w:r></w:p>"[(i * 7 + i / 13) % 40];
        sk_zip *a = sk_zip_new(), *b = sk_zip_new();
        sk_zip_add_copy(a, "word/document.xml", text, n, SK_ZIP_DEFLATE);
        sk_zip_deflater *z = sk_zip_deflater_new();
        unsigned seed = 7;
        for (size_t at = 0; at < n;) {
            seed = seed * 1103515245u + 12345u;
            size_t piece = 1 + (seed >> 8) % 70000;
            if (piece > n - at)
                piece = n - at;
            assert_int_equal(sk_zip_deflater_feed(z, text + at, piece), 0);
            at += piece;
        }
        sk_err err;
        assert_int_equal(sk_zip_add_deflated(b, "word/document.xml", z, &err), 0);
        size_t glen = 0;
        const char *got = sk_zip_get(b, "word/document.xml", &glen); /* read back, inflated */
        assert_non_null(got);
        assert_int_equal(glen, n);
        if (n)
            assert_memory_equal(got, text, n);
        char *ba = NULL, *bb = NULL;
        size_t la = 0, lb = 0;
        assert_int_equal(sk_zip_bytes(a, &ba, &la, &err), 0);
        assert_int_equal(sk_zip_bytes(b, &bb, &lb, &err), 0);
        if (la != lb || memcmp(ba, bb, la))
            fail_msg("a %zu-byte part deflated in pieces differs from the held one", n);
        free(ba);
        free(bb);
        sk_zip_free(a);
        sk_zip_free(b);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_held_streamed_and_generated),
        cmocka_unit_test(test_past_65535_entries),
        cmocka_unit_test(test_large_stream_zip64_sizes),
        cmocka_unit_test(test_deflated_in_pieces_as_held),
        cmocka_unit_test(test_reader_finds_parts_without_case),
        cmocka_unit_test(test_reader_refuses_hostile_archives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
