#include "input/image.h"

#include <stdlib.h>
#include <string.h>

static unsigned be32(const unsigned char *p)
{
    return ((unsigned)p[0] << 24) | ((unsigned)p[1] << 16) | ((unsigned)p[2] << 8) | p[3];
}

static unsigned be16(const unsigned char *p)
{
    return ((unsigned)p[0] << 8) | p[1];
}

static int probe_png(sk_image *im, const unsigned char *d, size_t len, sk_err *err)
{
    size_t off = 8;
    int have_ihdr = 0;
    while (off + 8 <= len) {
        unsigned clen = be32(d + off);
        const unsigned char *type = d + off + 4;
        if (clen > len - off - 8) {
            sk_err_set(err, "truncated PNG image");
            return -1;
        }
        const unsigned char *c = d + off + 8;
        if (!memcmp(type, "IHDR", 4)) {
            if (clen < 13) {
                sk_err_set(err, "damaged PNG image (short IHDR)");
                return -1;
            }
            im->width = be32(c);
            im->height = be32(c + 4);
            have_ihdr = 1;
        } else if (!have_ihdr) {
            break;
        } else if (!memcmp(type, "pHYs", 4) && clen >= 9 && c[8] == 1) {
            im->dpi_x = be32(c) * 0.0254;
            im->dpi_y = be32(c + 4) * 0.0254;
        } else if (!memcmp(type, "IDAT", 4) || !memcmp(type, "IEND", 4)) {
            break;
        }
        off += 12 + (size_t)clen;
    }
    if (!have_ihdr) {
        sk_err_set(err, "damaged PNG image (no IHDR chunk)");
        return -1;
    }
    return 0;
}

static int probe_jpeg(sk_image *im, const unsigned char *d, size_t len, sk_err *err)
{
    size_t off = 2;
    for (;;) {
        while (off < len && d[off] != 0xFF)
            off++; /* garbage between segments */
        while (off < len && d[off] == 0xFF)
            off++; /* fill bytes */
        if (off >= len)
            break;
        unsigned m = d[off++];
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue; /* no length */
        if (m == 0xD9 || off + 2 > len)
            break;
        unsigned seg = be16(d + off);
        if (seg < 2 || seg > len - off) {
            sk_err_set(err, "truncated JPEG image");
            return -1;
        }
        const unsigned char *s = d + off + 2;
        if (m == 0xE0 && seg >= 14 && !memcmp(s, "JFIF", 5)) {
            unsigned units = s[7], xd = be16(s + 8), yd = be16(s + 10);
            if (units == 1 && xd && yd) {
                im->dpi_x = xd;
                im->dpi_y = yd;
            } else if (units == 2 && xd && yd) {
                im->dpi_x = xd * 2.54;
                im->dpi_y = yd * 2.54;
            }
        } else if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (seg < 7) {
                sk_err_set(err, "damaged JPEG image (short frame header)");
                return -1;
            }
            im->height = be16(s + 1);
            im->width = be16(s + 3);
            return 0;
        } else if (m == 0xDA) {
            break; /* scan data before any frame header */
        }
        off += seg;
    }
    sk_err_set(err, "truncated JPEG image (no frame header)");
    return -1;
}

int sk_image_probe(sk_image *out, const unsigned char *d, size_t len, sk_err *err)
{
    sk_image im = { 0 };
    im.dpi_x = im.dpi_y = SK_IMAGE_DPI;
    int rc;
    if (len >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8)) {
        im.type = SK_IMG_PNG;
        rc = probe_png(&im, d, len, err);
    } else if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        im.type = SK_IMG_JPEG;
        rc = probe_jpeg(&im, d, len, err);
    } else {
        const char *what = len >= 6 && !memcmp(d, "GIF8", 4)   ? " (it is a GIF)"
                           : len >= 2 && !memcmp(d, "BM", 2)   ? " (it is a BMP)"
                           : len >= 5 && !memcmp(d, "<?xml", 5) ? " (it is XML, perhaps SVG)"
                           : len >= 4 && !memcmp(d, "<svg", 4) ? " (it is SVG)"
                           : len >= 4 && !memcmp(d, "%PDF", 4) ? " (it is a PDF)"
                           : "";
        sk_err_set(err, "not a PNG or JPEG image%s; convert it to PNG", what);
        return -1;
    }
    if (rc < 0)
        return -1;
    if (!im.width || !im.height) {
        sk_err_set(err, "image has no size (%ux%u pixels)", im.width, im.height);
        return -1;
    }
    if (im.dpi_x < 10 || im.dpi_x > 10000 || im.dpi_y < 10 || im.dpi_y > 10000)
        im.dpi_x = im.dpi_y = SK_IMAGE_DPI;
    *out = im;
    return 0;
}

const char *sk_image_mime(const sk_image *im)
{
    return im->type == SK_IMG_PNG ? "image/png" : "image/jpeg";
}

const char *sk_image_ext(const sk_image *im)
{
    return im->type == SK_IMG_PNG ? "png" : "jpeg";
}

void sk_image_fit(const sk_image *im, long long max_w, long long max_h, long long *w, long long *h)
{
    double cw = im->width / im->dpi_x * 914400.0, ch = im->height / im->dpi_y * 914400.0;
    double s = 1.0;
    if (cw > max_w)
        s = max_w / cw;
    if (ch * s > max_h)
        s = max_h / ch;
    *w = (long long)(cw * s + 0.5);
    *h = (long long)(ch * s + 0.5);
    if (*w < 1)
        *w = 1;
    if (*h < 1)
        *h = 1;
}
