/* zip writes its archives itself, part by part: held parts, a stream part (its
 * local header filled in afterwards) and generated parts read back whole through
 * libzip, from a file and from memory alike, also past 65,535 entries (the ZIP64
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_held_streamed_and_generated),
        cmocka_unit_test(test_past_65535_entries),
        cmocka_unit_test(test_large_stream_zip64_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
