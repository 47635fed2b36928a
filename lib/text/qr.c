#include "text/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void put32(sk_buf *b, unsigned long v)
{
    unsigned char c[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                           (unsigned char)v };
    sk_buf_put(b, c, 4);
}

/* One PNG chunk: length, type, data, CRC over type and data. */
static void chunk(sk_buf *b, const char *type, const unsigned char *data, size_t n)
{
    put32(b, (unsigned long)n);
    size_t at = b->len;
    sk_buf_put(b, type, 4);
    if (n)
        sk_buf_put(b, data, n);
    put32(b, crc32(0, (const Bytef *)b->data + at, (uInt)(n + 4)));
}

int sk_qr_png(unsigned char **png, size_t *len, int *side, const char *text, sk_err *err)
{
    size_t n = text ? strlen(text) : 0;
    if (!n || n > SK_QR_MAX_TEXT) {
        sk_err_set(err, "a QR code holds 1 to %d bytes; this value has %zu", SK_QR_MAX_TEXT, n);
        return -1;
    }
    QRcode *q = QRcode_encodeData((int)n, (const unsigned char *)text, 0, QR_ECLEVEL_M);
    if (!q) {
        sk_err_set(err, "the value does not fit in a QR code (%zu bytes)", n);
        return -1;
    }
    int modules = q->width + 8, px = modules * SK_QR_SCALE;
    size_t stride = 1 + ((size_t)px + 7) / 8; /* filter byte, then 1-bit pixels */
    unsigned char *raw = sk_calloc((size_t)px * stride, 1);
    for (int y = 0; y < px; y++) {
        unsigned char *row = raw + (size_t)y * stride;
        if (y % SK_QR_SCALE) { /* the row above again: filter Up, all zeros */
            row[0] = 2;
            continue;
        }
        int my = y / SK_QR_SCALE - 4;
        for (int x = 0; x < px; x++) {
            int mx = x / SK_QR_SCALE - 4;
            int dark = mx >= 0 && my >= 0 && mx < q->width && my < q->width && (q->data[my * q->width + mx] & 1);
            if (!dark) /* grayscale 1 bit: 1 is white */
                row[1 + x / 8] |= (unsigned char)(0x80 >> (x % 8));
        }
    }
    QRcode_free(q);
    /* runs of zeros and of repeated bytes: Z_RLE finds them all, in a tenth of the
     * time level 9 takes to search the same rows for longer matches */
    uLong rawlen = (uLong)((size_t)px * stride), zlen = compressBound(rawlen);
    unsigned char *z = sk_malloc(zlen);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int zr = deflateInit2(&zs, 9, Z_DEFLATED, MAX_WBITS, 9, Z_RLE);
    if (zr == Z_OK) {
        zs.next_in = raw;
        zs.avail_in = (uInt)rawlen;
        zs.next_out = z;
        zs.avail_out = (uInt)zlen;
        zr = deflate(&zs, Z_FINISH) == Z_STREAM_END ? Z_OK : Z_BUF_ERROR;
        zlen = zs.total_out;
        deflateEnd(&zs);
    }
    free(raw);
    if (zr != Z_OK) {
        free(z);
        sk_err_set(err, "cannot compress the QR code image");
        return -1;
    }
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_put(&b, "\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = { 0 };
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (unsigned char)((unsigned)px >> (24 - 8 * i));
        ihdr[4 + i] = ihdr[i];
    }
    ihdr[8] = 1; /* bit depth */
    ihdr[9] = 0; /* grayscale */
    chunk(&b, "IHDR", ihdr, sizeof ihdr);
    chunk(&b, "IDAT", z, zlen);
    chunk(&b, "IEND", NULL, 0);
    free(z);
    *len = b.len;
    *png = (unsigned char *)sk_buf_detach(&b);
    *side = px;
    return 0;
}
