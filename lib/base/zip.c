#include "base/zip.h"
#include "base/fs.h"
#include "base/map.h"
#include "base/xml.h"
#include "base/xmlw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include "base/libxml.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
    sk_zip_next_fn next; /* a generator of parts (sk_zip_add_parts) */
    int as_held;         /* a stream written as the same bytes held whole would be */
    int large;           /* a stream that may pass 4 GiB: ZIP64 sizes (sk_zip_large) */
    int deflated;        /* sk_zip_add_deflated: data is the raw deflate stream of usize bytes */
    uint64_t usize;
    uint32_t crc;
    char *plain;         /* a deflated part inflated for sk_zip_get (tests read parts back) */
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
        free(p->v[i].plain);
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

void sk_zip_add_stream_held(sk_zip *p, const char *name, sk_zip_read_fn read, void *ctx, void (*done)(void *ctx))
{
    sk_zip_add_stream(p, name, read, ctx, done);
    p->v[p->n - 1].as_held = 1;
}

void sk_zip_large(sk_zip *p)
{
    if (p->n)
        p->v[p->n - 1].large = 1;
}

void sk_zip_add_parts(sk_zip *p, sk_zip_next_fn next, void *ctx, void (*done)(void *ctx))
{
    part *pt = part_new(p, "");
    pt->next = next;
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

/* A deflated part's bytes, inflated once (NULL if they do not inflate to its size). */
static const char *inflated(part *pt)
{
    if (pt->plain || pt->usize > SIZE_MAX - 1)
        return pt->plain;
    char *out = sk_malloc((size_t)pt->usize + 1);
    z_stream z;
    memset(&z, 0, sizeof z);
    int ok = inflateInit2(&z, -MAX_WBITS) == Z_OK;
    if (ok) {
        z.next_in = (Bytef *)pt->data;
        z.avail_in = (uInt)pt->len;
        z.next_out = (Bytef *)out;
        z.avail_out = (uInt)pt->usize + 1;
        ok = inflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out == pt->usize;
        inflateEnd(&z);
    }
    if (!ok) {
        free(out);
        return NULL;
    }
    out[pt->usize] = '\0';
    return pt->plain = out;
}

const char *sk_zip_get(const sk_zip *p, const char *name, size_t *len)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].name, name) && !p->v[i].read && !p->v[i].next) {
            if (p->v[i].deflated) {
                if (len)
                    *len = (size_t)p->v[i].usize;
                return inflated(&p->v[i]);
            }
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
static void dos_time(time_t t, uint16_t *dtime, uint16_t *ddate)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year < 80) {
        *dtime = 0;
        *ddate = (1 << 5) | 1; /* 1980-01-01 */
        return;
    }
    if (tm.tm_year > 207) {
        *dtime = (23 << 11) | (59 << 5) | 29;
        *ddate = (uint16_t)((127 << 9) | (12 << 5) | 31);
        return;
    }
    *dtime = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* The archive is written here, not by libzip: part by part to its output (a file,
 * or memory for sk_zip_bytes), a stream part deflated while it is produced and
 * written as it is deflated, so a merged batch of a million forms is never held,
 * neither as XML nor deflated. The layout is the one libzip 1.7 gives these parts,
 * byte for byte: a local header without extra fields (sizes and CRC filled in
 * afterwards for a stream part), the data, and at the end the central directory
 * (made by 63/Unix, mode 0666, every entry at the package's DOS time); a ZIP64 end
 * of central directory only past 65,535 entries or 4 GiB of archive. A stream
 * over 4 GiB is refused unless it was marked large (sk_zip_large: ZIP64 sizes in
 * its headers from the start, since its local header is written before its size
 * is known). */
#define ZIP32_MAX 0xFFFFFFFFu

typedef struct zout {
    int fd;             /* -1: into mem */
    sk_buf mem;
    char *wbuf;         /* the file's write buffer */
    size_t wlen;
    uint64_t off;       /* bytes written so far */
    int failed;
    int errnum;
} zout;

enum { WBUF = 1 << 20 };

static int zo_flush(zout *o)
{
    size_t done = 0;
    while (o->fd >= 0 && done < o->wlen && !o->failed) {
        ssize_t k = write(o->fd, o->wbuf + done, o->wlen - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            o->failed = 1;
            o->errnum = k < 0 ? errno : EIO;
            break;
        }
        done += (size_t)k;
    }
    o->wlen = 0;
    return o->failed ? -1 : 0;
}

static void zo_put(zout *o, const void *p, size_t n)
{
    o->off += n;
    if (o->fd < 0) {
        sk_buf_put(&o->mem, p, n);
        return;
    }
    if (o->wlen + n > WBUF && zo_flush(o) < 0)
        return;
    if (n >= WBUF) {
        o->wlen = n;
        char *keep = o->wbuf;
        o->wbuf = (char *)p;
        zo_flush(o);
        o->wbuf = keep;
        return;
    }
    memcpy(o->wbuf + o->wlen, p, n);
    o->wlen += n;
}

/* Overwrites n bytes at offset at (a local header written before its sizes were known). */
static void zo_patch(zout *o, uint64_t at, const void *p, size_t n)
{
    if (o->fd < 0) {
        memcpy(o->mem.data + at, p, n);
        return;
    }
    if (zo_flush(o) < 0)
        return;
    if (pwrite(o->fd, p, n, (off_t)at) != (ssize_t)n) {
        o->failed = 1;
        o->errnum = errno ? errno : EIO;
    }
}

static void le16(unsigned char *b, unsigned v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

static void le64(unsigned char *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

/* One entry of the central directory. */
typedef struct centry {
    char *name;
    uint64_t off, csize, usize;
    uint32_t crc;
    unsigned method, flags;
    int zip64;          /* sizes in ZIP64 extra fields (a large stream) */
} centry;

typedef struct zwriter {
    zout *o;
    uint16_t dt, dd;
    centry *v;
    size_t n, cap;
} zwriter;

static unsigned name_flags(const char *name)
{
    for (const unsigned char *s = (const unsigned char *)name; *s; s++)
        if (*s >= 0x80)
            return 1u << 11; /* the name is UTF-8 */
    return 0;
}

static void local_header(zwriter *W, const centry *e)
{
    unsigned char h[30];
    le32(h, 0x04034b50);
    le16(h + 4, e->zip64 ? 45 : e->method ? 20 : 10);
    le16(h + 6, e->flags);
    le16(h + 8, e->method);
    le16(h + 10, W->dt);
    le16(h + 12, W->dd);
    le32(h + 14, e->crc);
    le32(h + 18, e->zip64 ? ZIP32_MAX : (uint32_t)e->csize);
    le32(h + 22, e->zip64 ? ZIP32_MAX : (uint32_t)e->usize);
    size_t nl = strlen(e->name);
    le16(h + 26, (unsigned)nl);
    le16(h + 28, e->zip64 ? 20 : 0);
    zo_put(W->o, h, sizeof h);
    zo_put(W->o, e->name, nl);
    if (e->zip64) { /* ZIP64 extended information: the sizes, filled in afterwards */
        unsigned char x[20];
        le16(x, 1);
        le16(x + 2, 16);
        le64(x + 4, e->usize);
        le64(x + 12, e->csize);
        zo_put(W->o, x, sizeof x);
    }
}

static centry *entry_new(zwriter *W, const char *name, unsigned method)
{
    if (W->n == W->cap) {
        W->cap = W->cap ? W->cap * 2 : 32;
        W->v = sk_realloc(W->v, W->cap * sizeof *W->v);
    }
    centry *e = &W->v[W->n++];
    memset(e, 0, sizeof *e);
    e->name = sk_strdup(name);
    e->method = method;
    e->flags = name_flags(name);
    e->off = W->o->off;
    return e;
}

/* A part whose bytes (stored, or deflated already) and CRC are known. */
static void put_entry(zwriter *W, const char *name, unsigned method, const void *data, size_t len, uint64_t usize,
                      uint32_t crc)
{
    centry *e = entry_new(W, name, method);
    e->csize = len;
    e->usize = usize;
    e->crc = crc;
    local_header(W, e);
    zo_put(W->o, data, len);
}

typedef struct deflater {
    z_stream z;
    sk_buf out;
    uLong crc;
    uint64_t size;
    zout *o;            /* NULL: keep the result in out; else write it there as it comes */
    uint64_t written;   /* bytes handed to o */
} deflater;

static int dz_init(deflater *d, int mem_level, zout *o)
{
    memset(d, 0, sizeof *d);
    sk_buf_init(&d->out);
    d->crc = crc32(0, Z_NULL, 0);
    d->o = o;
    return deflateInit2(&d->z, DEFLATE_LEVEL, Z_DEFLATED, -MAX_WBITS, mem_level, Z_DEFAULT_STRATEGY) == Z_OK ? 0
                                                                                                             : -1;
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
        if (d->o && (d->out.len >= (1u << 18) || end)) {
            zo_put(d->o, d->out.data, d->out.len);
            d->written += d->out.len;
            d->out.len = 0;
        }
    } while (d->z.avail_out == 0 || (end && zr == Z_OK));
    return zr < 0 && zr != Z_BUF_ERROR ? -1 : 0;
}

static void dz_end(deflater *d)
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


static int too_large(const part *pt, sk_err *err)
{
    sk_err_set(err, "cannot build the ZIP package (%s: over 4 GiB, more than this part was expected to hold)",
               pt->name);
    return -1;
}

/* Writes a stream part: its local header, the data deflated as it is produced,
 * then the header's CRC and sizes. */
static int put_data(zwriter *W, const char *name, const char *data, size_t len, int how, sk_err *err);

static int deflate_stream(zwriter *W, const part *pt, sk_err *err)
{
    deflater d;
    producer P = { .pt = pt };
    pthread_t th;
    int threaded = 0, rc = -1, end = 0;
    memset(&d, 0, sizeof d);
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
    if (pt->as_held && first < CHUNK) { /* the whole part, perhaps: then as held data */
        long more = first ? pt->read(pt->ctx, P.buf[0] + first, CHUNK - (size_t)first, &P.err) : 0;
        if (more < 0) {
            *err = P.err;
            goto done;
        }
        if (more == 0) {
            rc = put_data(W, pt->name, P.buf[0], (size_t)first, SK_ZIP_DEFLATE, err);
            goto done;
        }
        first += more;
    }
    centry *e = entry_new(W, pt->name, 8);
    e->zip64 = pt->large;
    local_header(W, e);
    if (dz_init(&d, pt->as_held ? 9 : 8, W->o) < 0) {
        sk_err_set(err, "cannot build the ZIP package (%s: deflate: out of memory)", pt->name);
        goto done;
    }
    end = first == 0;
    if (dz_feed(&d, P.buf[0], (size_t)first, end) < 0) {
        deflate_failed(pt, err);
        goto done;
    }
    if (!end && (size_t)first >= CHUNK / 2 && processors() > 1) {
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
        if (!pt->large && (d.size >= ZIP32_MAX || d.written >= ZIP32_MAX)) {
            too_large(pt, err);
            goto done;
        }
    }
    e = &W->v[W->n - 1];
    e->crc = (uint32_t)d.crc;
    e->csize = d.written;
    e->usize = d.size;
    unsigned char h[12];
    le32(h, e->crc);
    le32(h + 4, e->zip64 ? ZIP32_MAX : (uint32_t)e->csize);
    le32(h + 8, e->zip64 ? ZIP32_MAX : (uint32_t)e->usize);
    zo_patch(W->o, e->off + 14, h, sizeof h);
    if (e->zip64) {
        unsigned char x[16];
        le64(x, e->usize);
        le64(x + 8, e->csize);
        zo_patch(W->o, e->off + 30 + strlen(e->name) + 4, x, sizeof x);
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
    dz_end(&d);
    return rc;
}

/* Static parts, deflated once: the cache is shared by every package (and thread). */
static pthread_mutex_t static_lock = PTHREAD_MUTEX_INITIALIZER;
static struct static_part {
    const char *data;
    size_t len;
    char *raw;
    size_t rawlen;
    uint32_t crc;
} *statics;
static size_t nstatics;

static int deflate_static(zwriter *W, const part *pt, sk_err *err)
{
    int rc = 0;
    pthread_mutex_lock(&static_lock);
    size_t i;
    for (i = 0; i < nstatics && (statics[i].data != pt->data || statics[i].len != pt->len); i++)
        ;
    if (i == nstatics) {
        deflater d;
        if (dz_init(&d, 8, NULL) < 0 || dz_feed(&d, pt->data, pt->len, 1) < 0) {
            dz_end(&d);
            deflate_failed(pt, err);
            rc = -1;
        } else {
            statics = sk_realloc(statics, (nstatics + 1) * sizeof *statics);
            statics[i] = (struct static_part){ .data = pt->data, .len = pt->len, .rawlen = d.out.len,
                                               .crc = (uint32_t)d.crc };
            statics[i].raw = sk_buf_detach(&d.out);
            deflateEnd(&d.z);
            nstatics++;
        }
    }
    if (rc == 0)
        put_entry(W, pt->name, 8, statics[i].raw, statics[i].rawlen, pt->len, statics[i].crc);
    pthread_mutex_unlock(&static_lock);
    return rc;
}

/* A part held whole: stored (asked for, or under STORE_BELOW), else deflated in
 * one call at level DEFLATE_LEVEL, memory level 8 as the streamed parts are
 * (libzip used 9: on a 5.6 MB document.xml 1 % larger and a sixth slower), its
 * CRC taken on the way. */
static int put_data(zwriter *W, const char *name, const char *data, size_t len, int how, sk_err *err)
{
    if (how == SK_ZIP_STORE || len < STORE_BELOW) {
        put_entry(W, name, 0, data, len, len, (uint32_t)crc32(crc32(0, Z_NULL, 0), (const Bytef *)data, (uInt)len));
        return 0;
    }
    deflater d;
    if (dz_init(&d, 8, NULL) < 0 || dz_feed(&d, data, len, 1) < 0) {
        dz_end(&d);
        sk_err_set(err, "cannot build the ZIP package (%s: deflate failed)", name);
        return -1;
    }
    put_entry(W, name, 8, d.out.data, d.out.len, len, (uint32_t)d.crc);
    dz_end(&d);
    return 0;
}

struct sk_zip_deflater {
    sk_buf head;  /* the first bytes, until there are STORE_BELOW: a smaller part is stored */
    deflater d;
    int started, failed;
};

sk_zip_deflater *sk_zip_deflater_new(void)
{
    sk_zip_deflater *z = sk_calloc(1, sizeof *z);
    sk_buf_init(&z->head);
    return z;
}

void sk_zip_deflater_free(sk_zip_deflater *z)
{
    if (!z)
        return;
    if (z->started)
        dz_end(&z->d);
    sk_buf_free(&z->head);
    free(z);
}

int sk_zip_deflater_feed(sk_zip_deflater *z, const char *data, size_t n)
{
    if (z->failed)
        return -1;
    if (!z->started) {
        if (z->head.len + n < STORE_BELOW) {
            sk_buf_put(&z->head, data, n);
            return 0;
        }
        if (dz_init(&z->d, 8, NULL) < 0) {
            z->failed = 1;
            return -1;
        }
        z->started = 1;
        /* what was kept waits for the decision; the piece that decides goes as it is */
        if (z->head.len && dz_feed(&z->d, z->head.data, z->head.len, 0) < 0)
            z->failed = 1;
        sk_buf_free(&z->head);
    }
    if (!z->failed && dz_feed(&z->d, data, n, 0) < 0)
        z->failed = 1;
    return z->failed ? -1 : 0;
}

int sk_zip_add_deflated(sk_zip *p, const char *name, sk_zip_deflater *z, sk_err *err)
{
    int rc = -1;
    if (z->failed || (z->started && dz_feed(&z->d, "", 0, 1) < 0)) {
        sk_err_set(err, "cannot build the ZIP package (%s: deflate failed)", name);
        goto done;
    }
    if (!z->started) { /* under STORE_BELOW: held whole, stored as any such part */
        size_t n = z->head.len;
        sk_zip_add(p, name, sk_buf_detach(&z->head), n, SK_ZIP_DEFLATE);
    } else {
        part *pt = part_new(p, name);
        pt->deflated = 1;
        pt->usize = z->d.size;
        pt->crc = (uint32_t)z->d.crc;
        pt->len = z->d.out.len;
        pt->data = sk_buf_detach(&z->d.out);
    }
    rc = 0;
done:
    sk_zip_deflater_free(z);
    return rc;
}

/* The parts of a generator (sk_zip_add_parts), one at a time. */
static int put_generated(zwriter *W, const part *pt, sk_err *err)
{
    for (;;) {
        char *name = NULL, *data = NULL;
        size_t len = 0;
        int how = SK_ZIP_DEFLATE;
        int r = pt->next(pt->ctx, &name, &data, &len, &how, err);
        if (r <= 0)
            return r;
        int rc = put_data(W, name, data, len, how, err);
        free(name);
        free(data);
        if (rc < 0)
            return -1;
    }
}

static void central(zwriter *W)
{
    uint64_t start = W->o->off;
    for (size_t i = 0; i < W->n; i++) {
        const centry *e = &W->v[i];
        int off64 = e->off >= ZIP32_MAX, z = e->zip64 || off64;
        unsigned char h[46], x[28];
        size_t xl = 4;
        if (e->zip64) {
            le64(x + xl, e->usize);
            le64(x + xl + 8, e->csize);
            xl += 16;
        }
        if (off64) {
            le64(x + xl, e->off);
            xl += 8;
        }
        le16(x, 1);
        le16(x + 2, (unsigned)(xl - 4));
        size_t nl = strlen(e->name);
        le32(h, 0x02014b50);
        le16(h + 4, (3u << 8) | 63);
        le16(h + 6, z ? 45 : e->method ? 20 : 10);
        le16(h + 8, e->flags);
        le16(h + 10, e->method);
        le16(h + 12, W->dt);
        le16(h + 14, W->dd);
        le32(h + 16, e->crc);
        le32(h + 20, e->zip64 ? ZIP32_MAX : (uint32_t)e->csize);
        le32(h + 24, e->zip64 ? ZIP32_MAX : (uint32_t)e->usize);
        le16(h + 28, (unsigned)nl);
        le16(h + 30, z ? (unsigned)xl : 0);
        le16(h + 32, 0);
        le16(h + 34, 0);
        le16(h + 36, 0);
        le32(h + 38, 0100666u << 16);
        le32(h + 42, off64 ? ZIP32_MAX : (uint32_t)e->off);
        zo_put(W->o, h, sizeof h);
        zo_put(W->o, e->name, nl);
        if (z) /* ZIP64 extended information: the sizes, the offset */
            zo_put(W->o, x, xl);
    }
    uint64_t size = W->o->off - start;
    int z64 = W->n >= 0xFFFF || start >= ZIP32_MAX || size >= ZIP32_MAX;
    if (z64) {
        uint64_t at = W->o->off;
        unsigned char r[56], l[20];
        le32(r, 0x06064b50);
        le64(r + 4, sizeof r - 12);
        le16(r + 12, (3u << 8) | 63);
        le16(r + 14, 45);
        le32(r + 16, 0);
        le32(r + 20, 0);
        le64(r + 24, W->n);
        le64(r + 32, W->n);
        le64(r + 40, size);
        le64(r + 48, start);
        zo_put(W->o, r, sizeof r);
        le32(l, 0x07064b50);
        le32(l + 4, 0);
        le64(l + 8, at);
        le32(l + 16, 1);
        zo_put(W->o, l, sizeof l);
    }
    unsigned char e[22];
    le32(e, 0x06054b50);
    le16(e + 4, 0);
    le16(e + 6, 0);
    le16(e + 8, z64 ? 0xFFFF : (unsigned)W->n);
    le16(e + 10, z64 ? 0xFFFF : (unsigned)W->n);
    le32(e + 12, z64 ? ZIP32_MAX : (uint32_t)size);
    le32(e + 16, z64 ? ZIP32_MAX : (uint32_t)start);
    le16(e + 20, 0);
    zo_put(W->o, e, sizeof e);
}

/* The whole archive into o. */
static int emit(const sk_zip *p, zout *o, sk_err *err)
{
    zwriter W = { .o = o };
    int rc = -1;
    dos_time(p->time, &W.dt, &W.dd);
    for (size_t i = 0; i < p->n && !o->failed; i++) {
        const part *pt = &p->v[i];
        int r;
        if (pt->next)
            r = put_generated(&W, pt, err);
        else if (pt->read)
            r = deflate_stream(&W, pt, err);
        else if (pt->deflated)
            r = (put_entry(&W, pt->name, 8, pt->data, pt->len, pt->usize, pt->crc), 0);
        else if (pt->fixed && pt->len >= STORE_BELOW)
            r = deflate_static(&W, pt, err);
        else
            r = put_data(&W, pt->name, pt->data, pt->len, pt->fixed ? SK_ZIP_DEFLATE : pt->how, err);
        if (r < 0)
            goto done;
    }
    central(&W);
    if (zo_flush(o) < 0 || o->failed) {
        sk_err_set(err, "cannot write: %s", strerror(o->errnum));
        goto done;
    }
    rc = 0;
done:
    for (size_t i = 0; i < W.n; i++)
        free(W.v[i].name);
    free(W.v);
    return rc;
}

int sk_zip_bytes(const sk_zip *p, char **out, size_t *len, sk_err *err)
{
    zout o = { .fd = -1 };
    sk_buf_init(&o.mem);
    if (emit(p, &o, err) < 0) {
        sk_buf_free(&o.mem);
        return -1;
    }
    *len = o.mem.len;
    sk_buf_putc(&o.mem, '\0');
    *out = sk_buf_detach(&o.mem);
    return 0;
}

int sk_zip_write_fd(const sk_zip *p, int fd, sk_err *err)
{
    zout o = { .fd = fd, .wbuf = sk_malloc(WBUF) };
    int rc = emit(p, &o, err);
    free(o.wbuf);
    return rc;
}

int sk_zip_write_new(const sk_zip *p, const char *path, const char *name, sk_err *err)
{
    if (!name)
        name = path;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        sk_err_at(err, name, 0, 0, "cannot create: %s", strerror(errno));
        return -1;
    }
    int rc = sk_zip_write_fd(p, fd, err);
    if (close(fd) < 0 && rc == 0) {
        sk_err_at(err, name, 0, 0, "cannot write: %s", strerror(errno));
        rc = -1;
    }
    if (rc < 0) {
        if (!err->file[0])
            snprintf(err->file, sizeof err->file, "%s", name);
        unlink(path);
    }
    return rc;
}

int sk_zip_write_tmp(const sk_zip *p, const char *path, char **tmp, sk_err *err)
{
    char tag[9];
    sk_fs_tmp_tag(tag);
    char *dir = sk_fs_dirname(path);
    sk_fs_clean_stale(dir); /* before this process makes any temporary there */
    free(dir);
    char *name = sk_fs_tmp_name(path, tag);
    if (sk_zip_write_new(p, name, path, err) < 0) {
        free(name);
        return -1;
    }
    *tmp = name;
    return 0;
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
    int rc = -1;
    struct stat st;
    int in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode); /* a device, a FIFO, a directory */
    for (size_t i = 0; i < ninputs && !in_place; i++)
        in_place = inputs[i] && sk_fs_same_file(path, inputs[i]);
    if (in_place) { /* sk_fs_write_output writes to it or says why it does not */
        char *data = NULL;
        size_t len = 0;
        if (sk_zip_bytes(p, &data, &len, err) < 0)
            snprintf(err->file, sizeof err->file, "%s", path);
        else
            rc = sk_fs_write_output(path, data, len, inputs, ninputs, err);
        free(data);
        return rc;
    }
    char *tmp = NULL;
    if (sk_zip_write_tmp(p, path, &tmp, err) < 0)
        return -1;
    if (rename(tmp, path) < 0) {
        sk_err_at(err, path, 0, 0, "cannot replace: %s", strerror(errno));
        unlink(tmp);
    } else {
        rc = 0;
    }
    free(tmp);
    return rc;
}

/* ---- reading ---- */

/* stdkit's own reader (libzip's was a megabyte of start-up for every tool run:
 * it loads libcrypto). It reads the central directory once, checks each local
 * header against it (what libzip's ZIP_CHECKCONS did), and inflates a part on
 * demand with zlib, bounded by its declared size. ZIP64 sizes and offsets are
 * read; encrypted parts and methods other than stored and deflate are refused. */
typedef struct {
    char *name;
    uint64_t csize, usize, off; /* off: where the data starts */
    uint32_t crc;
    uint16_t method, flags;
} zentry;

struct sk_zip_reader {
    int fd;
    char *path;
    zentry *e;
    size_t n;
    sk_map by_name; /* name folded to lower case -> index + 1 */
};

static uint16_t get_le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const unsigned char *p)
{
    return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

/* Reads exactly n bytes at off: 0, or -1 (a short file counts as an error). */
static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k == 0)
            errno = 0; /* the file ends early: no system error to name */
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    return 0;
}

static char *fold_name(const char *s, size_t n)
{
    char *k = sk_strndup(s, n);
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

/* Where the central directory is and how many entries it holds, from the end of
 * central directory record (and its ZIP64 form): 0, or -1 when the file is not a
 * zip archive (no such record in the last 64 KiB). */
static int find_directory(int fd, uint64_t size, uint64_t *cd_off, uint64_t *cd_size, uint64_t *count)
{
    size_t tail = size < 65535 + 22 ? (size_t)size : 65535 + 22;
    if (tail < 22)
        return -1;
    unsigned char *t = sk_malloc(tail);
    int rc = -1;
    if (pread_all(fd, t, tail, size - tail) < 0)
        goto done;
    for (size_t i = tail - 22 + 1; i-- > 0;) {
        unsigned char *r = t + i;
        if (get_le32(r) != 0x06054b50 || i + 22 + get_le16(r + 20) != tail)
            continue; /* a signature in a comment, or one whose comment does not end the file */
        *count = get_le16(r + 10);
        *cd_size = get_le32(r + 12);
        *cd_off = get_le32(r + 16);
        if (*count == 0xFFFF || *cd_size == 0xFFFFFFFFu || *cd_off == 0xFFFFFFFFu) {
            /* the ZIP64 locator stands just before the record; it says where the ZIP64 record is */
            uint64_t at = size - tail + i;
            unsigned char loc[20], z[56];
            if (at < 20 || pread_all(fd, loc, 20, at - 20) < 0 || get_le32(loc) != 0x07064b50)
                goto done;
            uint64_t zoff = get_le64(loc + 8);
            if (zoff > size - 56 || pread_all(fd, z, 56, zoff) < 0 || get_le32(z) != 0x06064b50)
                goto done;
            *count = get_le64(z + 32);
            *cd_size = get_le64(z + 40);
            *cd_off = get_le64(z + 48);
        }
        rc = 0;
        break;
    }
done:
    free(t);
    return rc;
}

/* The ZIP64 extra field of a central directory entry: the 64-bit values of the
 * fields that are all ones, in their order. 0, or -1 when one is missing. */
static int zip64_extra(const unsigned char *x, size_t n, uint64_t *usize, uint64_t *csize, uint64_t *off)
{
    uint64_t *want[3] = { *usize == 0xFFFFFFFFu ? usize : NULL, *csize == 0xFFFFFFFFu ? csize : NULL,
                          *off == 0xFFFFFFFFu ? off : NULL };
    if (!want[0] && !want[1] && !want[2])
        return 0;
    for (size_t i = 0; i + 4 <= n;) {
        size_t id = get_le16(x + i), len = get_le16(x + i + 2);
        if (i + 4 + len > n)
            return -1;
        if (id == 1) {
            size_t at = i + 4;
            for (int k = 0; k < 3; k++) {
                if (!want[k])
                    continue;
                if (at + 8 > i + 4 + len)
                    return -1;
                *want[k] = get_le64(x + at);
                at += 8;
            }
            return 0;
        }
        i += 4 + len;
    }
    return -1;
}

static void reader_free(sk_zip_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    for (size_t i = 0; i < r->n; i++)
        free(r->e[i].name);
    free(r->e);
    sk_map_free(&r->by_name);
    free(r->path);
    free(r);
}

int sk_zip_open(sk_zip_reader **out, const char *path, const char *what, sk_err *err)
{
    sk_zip_reader *r = sk_calloc(1, sizeof *r);
    unsigned char *cd = NULL;
    r->fd = -1;
    r->path = sk_strdup(path);
    sk_map_init(&r->by_name);
    struct stat st;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0 || fstat(r->fd, &st) < 0) {
        sk_err_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        sk_err_at(err, path, 0, 0, "not %s (not a regular file)", what);
        goto fail;
    }
    uint64_t size = (uint64_t)st.st_size, cd_off, cd_size, count;
    if (find_directory(r->fd, size, &cd_off, &cd_size, &count) < 0) {
        sk_err_at(err, path, 0, 0, "not %s (not a zip archive, or a truncated one)", what);
        goto fail;
    }
    if (count > SK_ZIP_MAX_ENTRIES) {
        sk_err_at(err, path, 0, 0, "%llu zip entries, over the limit of %d (refused)", (unsigned long long)count,
                  SK_ZIP_MAX_ENTRIES);
        goto fail;
    }
    /* each entry takes 46 bytes at least: a directory that cannot hold them, or
     * lies outside the file, is not this archive's */
    if (cd_off > size || cd_size > size - cd_off || cd_size < count * 46) {
        sk_err_at(err, path, 0, 0, "not %s: an inconsistent zip archive", what);
        goto fail;
    }
    cd = sk_malloc(cd_size ? (size_t)cd_size : 1);
    if (pread_all(r->fd, cd, (size_t)cd_size, cd_off) < 0) {
        sk_err_at(err, path, 0, 0, "not %s (not a zip archive, or a truncated one)", what);
        goto fail;
    }
    r->e = sk_calloc(count ? (size_t)count : 1, sizeof *r->e);
    size_t at = 0;
    for (uint64_t i = 0; i < count; i++) {
        const unsigned char *c = cd + at;
        if (at + 46 > cd_size || get_le32(c) != 0x02014b50)
            goto incons;
        size_t nlen = get_le16(c + 28), xlen = get_le16(c + 30), clen = get_le16(c + 32);
        if (at + 46 + nlen + xlen + clen > cd_size)
            goto incons;
        zentry *e = &r->e[r->n];
        e->flags = get_le16(c + 8);
        e->method = get_le16(c + 10);
        e->crc = get_le32(c + 16);
        e->csize = get_le32(c + 20);
        e->usize = get_le32(c + 24);
        e->off = get_le32(c + 42);
        if (zip64_extra(c + 46 + nlen, xlen, &e->usize, &e->csize, &e->off) < 0)
            goto incons;
        e->name = sk_strndup((const char *)c + 46, nlen);
        r->n++;
        if (strlen(e->name) != nlen)
            goto incons; /* a NUL inside a name */
        /* the local header must agree: its signature and its name */
        unsigned char lh[30];
        if (e->off > size || pread_all(r->fd, lh, 30, e->off) < 0 || get_le32(lh) != 0x04034b50 ||
            get_le16(lh + 26) != nlen)
            goto incons;
        char *lname = sk_malloc(nlen + 1);
        int same = pread_all(r->fd, lname, nlen, e->off + 30) == 0 && !memcmp(lname, e->name, nlen);
        free(lname);
        if (!same)
            goto incons;
        e->off += 30 + nlen + get_le16(lh + 28);
        if (e->off > size || e->csize > size - e->off)
            goto incons;
        char *key = fold_name(e->name, nlen);
        void *dup = sk_map_put(&r->by_name, key, (void *)(uintptr_t)(r->n));
        free(key);
        if (dup) {
            sk_err_at(err, path, 0, 0, "not %s: the zip archive names a part twice (refused)", what);
            goto fail;
        }
        at += 46 + nlen + xlen + clen;
    }
    free(cd);
    *out = r;
    return 0;
incons:
    sk_err_at(err, path, 0, 0, "not %s: an inconsistent zip archive", what);
fail:
    free(cd);
    reader_free(r);
    return -1;
}

void sk_zip_close(sk_zip_reader *r)
{
    reader_free(r);
}

int sk_zip_read(sk_zip_reader *r, const char *name, char **data, size_t *len, sk_err *err)
{
    return sk_zip_read_max(r, name, SK_ZIP_MAX_PART, data, len, err);
}

/* Inflates (or copies) entry e's data into buf, which holds e->usize bytes and one
 * more: returns the bytes produced (more than e->usize means it went past its
 * declared size), or -1 with the message. */
static long long inflate_entry(sk_zip_reader *r, const zentry *e, char *buf, sk_err *err)
{
    enum { CHUNK = 1 << 16 };
    unsigned char *in = sk_malloc(CHUNK);
    long long rc = -1;
    z_stream z;
    memset(&z, 0, sizeof z);
    int zok = e->method == 8 && inflateInit2(&z, -MAX_WBITS) == Z_OK;
    if (e->method == 8 && !zok) {
        sk_err_at(err, r->path, 0, 0, "%s: cannot read: out of memory", e->name);
        goto done;
    }
    uint64_t left = e->csize, made = 0, room = e->usize + 1;
    int end = 0;
    while (!end && made < room) {
        size_t k = left < CHUNK ? (size_t)left : CHUNK;
        if (k && pread_all(r->fd, in, k, e->off + (e->csize - left)) < 0) {
            sk_err_at(err, r->path, 0, 0, "%s: cannot read: %s", e->name, errno ? strerror(errno) : "short file");
            goto done;
        }
        left -= k;
        if (e->method == 0) {
            size_t c = k < room - made ? k : (size_t)(room - made);
            memcpy(buf + made, in, c);
            made += c;
            end = !left;
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)k;
        do {
            uint64_t space = room - made;
            z.next_out = (Bytef *)buf + made;
            z.avail_out = space > (1u << 30) ? (1u << 30) : (uInt)space;
            uInt before = z.avail_out;
            int zr = inflate(&z, left ? Z_NO_FLUSH : Z_FINISH);
            made += before - z.avail_out;
            if (zr == Z_STREAM_END) {
                end = 1;
            } else if (zr == Z_BUF_ERROR && !left && z.avail_out) {
                sk_err_at(err, r->path, 0, 0, "%s: corrupt data: the compressed data ends early", e->name);
                goto done;
            } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
                sk_err_at(err, r->path, 0, 0, "%s: corrupt data: %s", e->name, z.msg ? z.msg : "inflate failed");
                goto done;
            }
        } while (!end && z.avail_in && made < room);
        if (!left && !end && made < room) {
            sk_err_at(err, r->path, 0, 0, "%s: corrupt data: the compressed data ends early", e->name);
            goto done;
        }
    }
    rc = (long long)made;
done:
    if (zok)
        inflateEnd(&z);
    free(in);
    return rc;
}

int sk_zip_read_max(sk_zip_reader *r, const char *name, size_t max, char **data, size_t *len, sk_err *err)
{
    if (max > SK_ZIP_MAX_PART)
        max = SK_ZIP_MAX_PART;
    char *key = fold_name(name, strlen(name));
    uintptr_t idx = (uintptr_t)sk_map_get(&r->by_name, key);
    free(key);
    if (!idx)
        return 0;
    const zentry *e = &r->e[idx - 1];
    if (e->flags & 1) {
        sk_err_at(err, r->path, 0, 0, "%s: cannot read: encrypted (refused)", name);
        return -1;
    }
    if (e->method != 0 && e->method != 8) {
        sk_err_at(err, r->path, 0, 0, "%s: cannot read: compression method %u is not supported", name,
                  (unsigned)e->method);
        return -1;
    }
    if (e->usize > max) {
        sk_err_at(err, r->path, 0, 0, "%s: %llu bytes uncompressed, over the %zu MiB limit (a zip bomb?)", name,
                  (unsigned long long)e->usize, max >> 20);
        return -1;
    }
    char *buf = sk_malloc((size_t)e->usize + 1);
    long long got = inflate_entry(r, e, buf, err);
    if (got < 0)
        goto fail;
    if ((uint64_t)got > e->usize) {
        sk_err_at(err, r->path, 0, 0, "%s: inflates past its declared %llu bytes (a zip bomb?)", name,
                  (unsigned long long)e->usize);
        goto fail;
    }
    if ((uint64_t)got != e->usize) {
        sk_err_at(err, r->path, 0, 0, "%s: truncated (%lld of %llu bytes)", name, got, (unsigned long long)e->usize);
        goto fail;
    }
    if ((uint32_t)crc32_z(0, (const Bytef *)buf, (z_size_t)got) != e->crc) {
        sk_err_at(err, r->path, 0, 0, "%s: corrupt data: CRC error", name);
        goto fail;
    }
    buf[got] = '\0';
    *data = buf;
    *len = (size_t)got;
    return 1;
fail:
    free(buf);
    return -1;
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
