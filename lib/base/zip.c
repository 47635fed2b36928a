#include "base/zip.h"
#include "base/fs.h"
#include "base/xml.h"
#include "base/xmlw.h"

#include <errno.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

/* Deflate level: the parts are XML that compresses well at any level; a low one
 * keeps a 1 MB standard well under the time budget. Parts smaller than
 * STORE_BELOW are stored: deflating them saves a few hundred bytes and costs a
 * compressor set-up each (most of the time of a small document). */
#define DEFLATE_LEVEL 6
#define STORE_BELOW 2048

typedef struct part {
    char *name;
    char *data;
    size_t len;
    int how;
    int fixed;          /* sk_zip_add_static: data is borrowed for good */
    /* a stream part (sk_zip_add_stream): data is NULL */
    sk_zip_read_fn read;
    void *ctx;
    void (*done)(void *ctx);
} part;

struct sk_zip {
    part *v;
    size_t n, cap;
    time_t time;
};

sk_zip *sk_zip_new(void)
{
    sk_zip *p = sk_calloc(1, sizeof *p);
    p->time = SK_STAMP_FIXED;
    sk_stamp_build(&p->time, SK_STAMP_FIXED);
    return p;
}

void sk_zip_free(sk_zip *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].name);
        if (!p->v[i].fixed)
            free(p->v[i].data);
        if (p->v[i].done)
            p->v[i].done(p->v[i].ctx);
    }
    free(p->v);
    free(p);
}

static part *part_new(sk_zip *p, const char *name)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = sk_realloc(p->v, p->cap * sizeof *p->v);
    }
    part *pt = &p->v[p->n++];
    memset(pt, 0, sizeof *pt);
    pt->name = sk_strdup(name);
    return pt;
}

void sk_zip_add(sk_zip *p, const char *name, char *data, size_t len, int how)
{
    part *pt = part_new(p, name);
    pt->data = data;
    pt->len = len;
    pt->how = how;
}

void sk_zip_add_static(sk_zip *p, const char *name, const void *data, size_t len)
{
    part *pt = part_new(p, name);
    pt->data = (char *)data;
    pt->len = len;
    pt->fixed = 1;
}

void sk_zip_add_stream(sk_zip *p, const char *name, sk_zip_read_fn read, void *ctx, void (*done)(void *ctx))
{
    part *pt = part_new(p, name);
    pt->read = read;
    pt->ctx = ctx;
    pt->done = done;
}

void sk_zip_add_copy(sk_zip *p, const char *name, const void *data, size_t len, int how)
{
    char *copy = sk_malloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    sk_zip_add(p, name, copy, len, how);
}

const char *sk_zip_get(const sk_zip *p, const char *name, size_t *len)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].name, name) && !p->v[i].read) {
            if (len)
                *len = p->v[i].len;
            return p->v[i].data;
        }
    return NULL;
}

size_t sk_zip_count(const sk_zip *p)
{
    return p->n;
}

const char *sk_zip_name(const sk_zip *p, size_t i)
{
    return i < p->n ? p->v[i].name : NULL;
}

void sk_zip_set_time(sk_zip *p, time_t t)
{
    p->time = t;
}

/* MS-DOS date and time of t in UTC (never the local zone), clamped to 1980–2107. */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year < 80) {
        *dtime = 0;
        *ddate = (1 << 5) | 1; /* 1980-01-01 */
        return;
    }
    if (tm.tm_year > 207) {
        *dtime = (23 << 11) | (59 << 5) | 29;
        *ddate = (zip_uint16_t)((127 << 9) | (12 << 5) | 31);
        return;
    }
    *dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* zip_file_set_dostime converts with mktime, which re-reads the time zone into
 * shared state: packages may be built by several threads (gen.c), so one at a time. */
static pthread_mutex_t dostime_lock = PTHREAD_MUTEX_INITIALIZER;

static int set_dostime(zip_t *za, zip_uint64_t idx, zip_uint16_t dt, zip_uint16_t dd)
{
    pthread_mutex_lock(&dostime_lock);
    int rc = zip_file_set_dostime(za, idx, dt, dd, 0);
    pthread_mutex_unlock(&dostime_lock);
    return rc;
}

/* Stream and static parts are deflated here, ahead (raw deflate, as a ZIP entry
 * stores it), and libzip copies them with size and CRC known: an entry of unknown
 * size would get ZIP64 fields in its local header, which Word refuses in a small
 * package; and a static part is deflated once for every package of the run. */
typedef struct stream_src {
    const char *raw;    /* the deflated bytes */
    size_t rawlen, off;
    zip_uint64_t size;  /* uncompressed */
    zip_uint32_t crc;
    time_t mtime;
    int owned;          /* raw is ours to free (a stream), not the static cache's */
    zip_error_t ze;
} stream_src;

typedef struct deflater {
    z_stream z;
    sk_buf out;
    uLong crc;
    zip_uint64_t size;
} deflater;

static int dz_init(deflater *d)
{
    memset(d, 0, sizeof *d);
    sk_buf_init(&d->out);
    d->crc = crc32(0, Z_NULL, 0);
    return deflateInit2(&d->z, DEFLATE_LEVEL, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK ? 0 : -1;
}

/* Deflates in[0..n); end finishes the stream. */
static int dz_feed(deflater *d, const char *in, size_t n, int end)
{
    int zr;
    d->crc = crc32(d->crc, (const Bytef *)in, (uInt)n);
    d->size += n;
    d->z.next_in = (Bytef *)in;
    d->z.avail_in = (uInt)n;
    do {
        sk_buf_reserve(&d->out, 65536);
        d->z.next_out = (Bytef *)d->out.data + d->out.len;
        d->z.avail_out = (uInt)(d->out.cap - d->out.len - 1);
        zr = deflate(&d->z, end ? Z_FINISH : Z_NO_FLUSH);
        d->out.len = (size_t)((char *)d->z.next_out - d->out.data);
    } while (d->z.avail_out == 0 || (end && zr == Z_OK));
    return zr < 0 && zr != Z_BUF_ERROR ? -1 : 0;
}

/* Hands the result over to s and frees d. */
static void dz_done(deflater *d, stream_src *s)
{
    s->crc = (zip_uint32_t)d->crc;
    s->size = d->size;
    s->rawlen = d->out.len;
    s->raw = sk_buf_detach(&d->out);
    deflateEnd(&d->z);
}

static void dz_fail(deflater *d)
{
    deflateEnd(&d->z);
    sk_buf_free(&d->out);
}

/* A stream part is produced (by its read function) on one thread while the
 * calling thread deflates it, through a ring of NBUF pieces: on two processors the
 * part costs about the longer of the two rather than their sum. */
enum { CHUNK = 256 * 1024, NBUF = 4 };

typedef struct producer {
    const part *pt;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *buf[NBUF];
    long len[NBUF];
    int full[NBUF];
    size_t head, tail;  /* next piece to fill, to deflate */
    int stop;           /* the consumer gave up */
    sk_err err;         /* the read function's error */
} producer;

static void *produce(void *arg)
{
    producer *P = arg;
    for (;;) {
        pthread_mutex_lock(&P->mu);
        while (P->full[P->head] && !P->stop)
            pthread_cond_wait(&P->cv, &P->mu);
        int stop = P->stop;
        size_t k = P->head;
        pthread_mutex_unlock(&P->mu);
        if (stop)
            break;
        long n = P->pt->read(P->pt->ctx, P->buf[k], CHUNK, &P->err);
        pthread_mutex_lock(&P->mu);
        P->len[k] = n;
        P->full[k] = 1;
        P->head = (k + 1) % NBUF;
        pthread_cond_broadcast(&P->cv);
        pthread_mutex_unlock(&P->mu);
        if (n <= 0)
            break;
    }
    return NULL;
}

/* The next piece from the producer (its length: > 0 data, 0 the end, -1 an error). */
static long next_piece(producer *P, char **data)
{
    pthread_mutex_lock(&P->mu);
    while (!P->full[P->tail])
        pthread_cond_wait(&P->cv, &P->mu);
    long n = P->len[P->tail];
    *data = P->buf[P->tail];
    pthread_mutex_unlock(&P->mu);
    return n;
}

static void piece_done(producer *P)
{
    pthread_mutex_lock(&P->mu);
    P->full[P->tail] = 0;
    P->tail = (P->tail + 1) % NBUF;
    pthread_cond_broadcast(&P->cv);
    pthread_mutex_unlock(&P->mu);
}

static void deflate_failed(const part *pt, sk_err *err)
{
    sk_err_set(err, "cannot build the ZIP package (%s: deflate failed)", pt->name);
}

static long nproc;
static void count_processors(void)
{
    nproc = sysconf(_SC_NPROCESSORS_ONLN);
}

static long processors(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, count_processors);
    return nproc;
}

static int deflate_stream(const part *pt, stream_src *s, sk_err *err)
{
    deflater d;
    producer P = { .pt = pt };
    pthread_t th;
    int threaded = 0, rc = -1;
    if (dz_init(&d) < 0) {
        sk_err_set(err, "cannot build the ZIP package (%s: deflate: out of memory)", pt->name);
        return -1;
    }
    P.buf[0] = sk_malloc(CHUNK); /* the others when a thread produces the part */
    sk_err_clear(&P.err);
    pthread_mutex_init(&P.mu, NULL);
    pthread_cond_init(&P.cv, NULL);
    /* the first piece here: a part that fits in it (one form, a record's file) needs no thread */
    long first = pt->read(pt->ctx, P.buf[0], CHUNK, &P.err);
    if (first < 0) {
        *err = P.err;
        goto done;
    }
    int end = first == 0;
    if (dz_feed(&d, P.buf[0], (size_t)first, end) < 0) {
        deflate_failed(pt, err);
        goto done;
    }
    if (!end && first == CHUNK && processors() > 1) {
        for (int i = 1; i < NBUF; i++)
            P.buf[i] = sk_malloc(CHUNK);
        threaded = pthread_create(&th, NULL, produce, &P) == 0;
    }
    while (!end) {
        char *in = P.buf[0];
        long n = threaded ? next_piece(&P, &in) : pt->read(pt->ctx, in, CHUNK, &P.err);
        if (n < 0) {
            *err = P.err;
            goto done;
        }
        end = n == 0;
        if (dz_feed(&d, in, (size_t)n, end) < 0) {
            deflate_failed(pt, err);
            goto done;
        }
        if (threaded)
            piece_done(&P);
    }
    rc = 0;
done:
    if (threaded) {
        pthread_mutex_lock(&P.mu);
        P.stop = 1;
        pthread_cond_broadcast(&P.cv);
        pthread_mutex_unlock(&P.mu);
        pthread_join(th, NULL);
    }
    pthread_cond_destroy(&P.cv);
    pthread_mutex_destroy(&P.mu);
    for (int i = 0; i < NBUF; i++)
        free(P.buf[i]);
    if (rc < 0) {
        dz_fail(&d);
        return -1;
    }
    dz_done(&d, s);
    s->owned = 1;
    return 0;
}

/* A part in memory, deflated in one call: through libzip's source layers it
 * would be copied in pieces and cost a tenth more. */
static int deflate_buffer(const part *pt, stream_src *s, sk_err *err)
{
    deflater d;
    if (dz_init(&d) < 0 || dz_feed(&d, pt->data, pt->len, 1) < 0) {
        dz_fail(&d);
        deflate_failed(pt, err);
        return -1;
    }
    dz_done(&d, s);
    s->owned = 1;
    return 0;
}

/* Static parts, deflated once: the cache is shared by every package (and thread). */
static pthread_mutex_t static_lock = PTHREAD_MUTEX_INITIALIZER;
static struct static_part {
    const char *data;
    size_t len;
    stream_src z;
} *statics;
static size_t nstatics;

static int deflate_static(const part *pt, stream_src *s, sk_err *err)
{
    int rc = 0;
    pthread_mutex_lock(&static_lock);
    size_t i;
    for (i = 0; i < nstatics && (statics[i].data != pt->data || statics[i].len != pt->len); i++)
        ;
    if (i == nstatics) {
        deflater d;
        if (dz_init(&d) < 0 || dz_feed(&d, pt->data, pt->len, 1) < 0) {
            dz_fail(&d);
            deflate_failed(pt, err);
            rc = -1;
        } else {
            statics = sk_realloc(statics, (nstatics + 1) * sizeof *statics);
            statics[i] = (struct static_part){ .data = pt->data, .len = pt->len };
            dz_done(&d, &statics[i].z);
            nstatics++;
        }
    }
    if (rc == 0) {
        s->raw = statics[i].z.raw;
        s->rawlen = statics[i].z.rawlen;
        s->size = statics[i].z.size;
        s->crc = statics[i].z.crc;
    }
    pthread_mutex_unlock(&static_lock);
    return rc;
}

static zip_int64_t stream_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    stream_src *s = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        s->off = 0;
        return 0;
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
        return 0;
    case ZIP_SOURCE_READ: {
        size_t n = s->rawlen - s->off < len ? s->rawlen - s->off : (size_t)len;
        memcpy(data, s->raw + s->off, n);
        s->off += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_MTIME |
                    ZIP_STAT_ENCRYPTION_METHOD;
        st->size = s->size;
        st->comp_size = s->rawlen;
        st->comp_method = ZIP_CM_DEFLATE;
        st->encryption_method = ZIP_EM_NONE;
        st->crc = s->crc;
        st->mtime = s->mtime;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&s->ze, data, len);
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
        zip_error_set(&s->ze, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

static void zip_fail(sk_err *err, const char *what, zip_error_t *ze)
{
    sk_err_set(err, "cannot build the ZIP package (%s: %s)", what, zip_error_strerror(ze));
}

int sk_zip_bytes(const sk_zip *p, char **out, size_t *len, sk_err *err)
{
    int rc = -1;
    zip_error_t ze;
    zip_source_t *mem = NULL;
    zip_t *za = NULL;
    zip_uint16_t dt, dd;
    char *buf = NULL;
    stream_src *streams = sk_calloc(p->n + 1, sizeof *streams);

    zip_error_init(&ze);
    dos_time(p->time, &dt, &dd);
    if (!(mem = zip_source_buffer_create(NULL, 0, 0, &ze))) {
        zip_fail(err, "buffer", &ze);
        goto done;
    }
    zip_source_keep(mem);
    if (!(za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
        zip_fail(err, "open", &ze);
        goto done;
    }
    for (size_t i = 0; i < p->n; i++) {
        const part *pt = &p->v[i];
        zip_source_t *s;
        zip_int64_t idx;
        int ahead = pt->read || (pt->len >= STORE_BELOW && (pt->fixed || pt->how != SK_ZIP_STORE));
        if (ahead) {
            zip_error_init(&streams[i].ze);
            streams[i].mtime = p->time;
            int r = pt->read ? deflate_stream(pt, &streams[i], err)
                    : pt->fixed ? deflate_static(pt, &streams[i], err) : deflate_buffer(pt, &streams[i], err);
            if (r < 0)
                goto done;
            s = zip_source_function(za, stream_cb, &streams[i]);
        } else {
            s = zip_source_buffer(za, pt->data, pt->len, 0);
        }
        if (!s) {
            zip_fail(err, pt->name, zip_get_error(za));
            goto done;
        }
        if ((idx = zip_file_add(za, pt->name, s, ZIP_FL_ENC_UTF_8)) < 0) {
            zip_source_free(s);
            zip_fail(err, pt->name, zip_get_error(za));
            goto done;
        }
        int store = !ahead && (pt->how == SK_ZIP_STORE || pt->len < STORE_BELOW);
        if (zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                     store ? 0 : DEFLATE_LEVEL) < 0 ||
            set_dostime(za, (zip_uint64_t)idx, dt, dd) < 0) {
            zip_fail(err, pt->name, zip_get_error(za));
            goto done;
        }
    }
    if (zip_close(za) < 0) {
        zip_fail(err, "close", zip_get_error(za));
        goto done;
    }
    za = NULL;
    zip_stat_t st;
    if (zip_source_stat(mem, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(mem) < 0) {
        zip_fail(err, "read back", zip_source_error(mem));
        goto done;
    }
    buf = sk_malloc((size_t)st.size + 1);
    zip_int64_t got = zip_source_read(mem, buf, st.size);
    zip_source_close(mem);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        zip_fail(err, "read back", zip_source_error(mem));
        goto done;
    }
    *out = buf;
    *len = (size_t)st.size;
    buf = NULL;
    rc = 0;
done:
    if (za)
        zip_discard(za);
    if (mem)
        zip_source_free(mem);
    free(buf);
    for (size_t i = 0; i < p->n; i++) {
        zip_error_fini(&streams[i].ze);
        if (streams[i].owned)
            free((char *)streams[i].raw);
    }
    free(streams);
    zip_error_fini(&ze);
    return rc;
}

int sk_zip_add_xml(sk_zip *p, const char *name, struct sk_xmlw *x, size_t *dropped, sk_err *err)
{
    char *data;
    size_t len;
    if (dropped)
        *dropped += sk_xmlw_dropped(x);
    if (sk_xmlw_finish(x, &data, &len, err) < 0)
        return -1;
    sk_zip_add(p, name, data, len, SK_ZIP_DEFLATE);
    return 0;
}

int sk_zip_write(const sk_zip *p, const char *path, const char *const *inputs, size_t ninputs, sk_err *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = -1;
    if (sk_zip_bytes(p, &data, &len, err) < 0)
        snprintf(err->file, sizeof err->file, "%s", path);
    else
        rc = sk_fs_write_output(path, data, len, inputs, ninputs, err);
    free(data);
    return rc;
}

/* ---- reading ---- */

struct sk_zip_reader {
    zip_t *za;
    char *path;
};

int sk_zip_open(sk_zip_reader **out, const char *path, const char *what, sk_err *err)
{
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        if (zerr == ZIP_ER_NOZIP)
            sk_err_at(err, path, 0, 0, "not %s (not a zip archive, or a truncated one)", what);
        else if (zerr == ZIP_ER_INCONS)
            sk_err_at(err, path, 0, 0, "not %s: an inconsistent zip archive", what);
        else if (zerr == ZIP_ER_EXISTS)
            sk_err_at(err, path, 0, 0, "not %s: the zip archive names a part twice (refused)", what);
        else
            sk_err_at(err, path, 0, 0, "cannot open: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n < 0 || n > SK_ZIP_MAX_ENTRIES) {
        sk_err_at(err, path, 0, 0, "%lld zip entries, over the limit of %d (refused)", (long long)n,
                  SK_ZIP_MAX_ENTRIES);
        zip_discard(za);
        return -1;
    }
    sk_zip_reader *r = sk_calloc(1, sizeof *r);
    r->za = za;
    r->path = sk_strdup(path);
    *out = r;
    return 0;
}

void sk_zip_close(sk_zip_reader *r)
{
    if (!r)
        return;
    zip_discard(r->za);
    free(r->path);
    free(r);
}

int sk_zip_read(sk_zip_reader *r, const char *name, char **data, size_t *len, sk_err *err)
{
    return sk_zip_read_max(r, name, SK_ZIP_MAX_PART, data, len, err);
}

int sk_zip_read_max(sk_zip_reader *r, const char *name, size_t max, char **data, size_t *len, sk_err *err)
{
    zip_stat_t st;
    if (max > SK_ZIP_MAX_PART)
        max = SK_ZIP_MAX_PART;
    zip_int64_t idx = zip_name_locate(r->za, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return 0;
    if (zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
        sk_err_at(err, r->path, 0, 0, "%s: cannot read: %s", name, zip_strerror(r->za));
        return -1;
    }
    if (st.size > max) {
        sk_err_at(err, r->path, 0, 0, "%s: %llu bytes uncompressed, over the %zu MiB limit (a zip bomb?)", name,
                  (unsigned long long)st.size, max >> 20);
        return -1;
    }
    zip_file_t *f = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
    if (!f) {
        sk_err_at(err, r->path, 0, 0, "%s: cannot read: %s", name, zip_strerror(r->za));
        return -1;
    }
    int rc = -1;
    char *buf = sk_malloc((size_t)st.size + 1);
    size_t got = 0;
    for (;;) {
        /* asks for one byte more than declared, to catch a part that inflates past it */
        zip_int64_t k = zip_fread(f, buf + got, (zip_uint64_t)(st.size + 1 - got));
        if (k < 0) {
            sk_err_at(err, r->path, 0, 0, "%s: corrupt data: %s", name, zip_file_strerror(f));
            goto done;
        }
        if (k == 0)
            break;
        got += (size_t)k;
        if (got > st.size) {
            sk_err_at(err, r->path, 0, 0, "%s: inflates past its declared %llu bytes (a zip bomb?)", name,
                      (unsigned long long)st.size);
            goto done;
        }
    }
    if (got != st.size) {
        sk_err_at(err, r->path, 0, 0, "%s: truncated (%zu of %llu bytes)", name, got, (unsigned long long)st.size);
        goto done;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    buf = NULL;
    rc = 1;
done:
    zip_fclose(f);
    free(buf);
    return rc;
}

int sk_zip_read_xml(sk_zip_reader *r, const char *name, void **doc, sk_err *err)
{
    return sk_zip_read_xml_max(r, name, NULL, 0, doc, err);
}

int sk_zip_read_xml_max(sk_zip_reader *r, const char *name, const char *tag, size_t max, void **doc, sk_err *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = sk_zip_read(r, name, &data, &len, err);
    if (rc <= 0)
        return rc;
    if (tag) {
        size_t n = 0, tl = strlen(tag);
        for (const char *p = data; (p = memmem(p, len - (size_t)(p - data), tag, tl)); p += tl)
            if (++n > max) {
                sk_err_at(err, r->path, 0, 0, "%s holds more than %zu %.*s> elements; refusing to read it", name, max,
                          (int)strcspn(tag, " "), tag);
                free(data);
                return -1;
            }
    }
    *doc = sk_xml_parse_safe(data, len, name, err);
    free(data);
    if (!*doc) {
        snprintf(err->file, sizeof err->file, "%s", r->path);
        return -1;
    }
    return 1;
}
