/* image — figure files: PNG and JPEG size and resolution read from their headers
 * (no image library), and sizing to the text block. Other formats are refused. */
#ifndef SK_IMAGE_H
#define SK_IMAGE_H

#include <stddef.h>

#include "base/common.h"

typedef enum { SK_IMG_PNG, SK_IMG_JPEG } sk_image_type;

typedef struct sk_image {
    sk_image_type type;
    unsigned width, height; /* pixels */
    double dpi_x, dpi_y;    /* from pHYs / JFIF; SK_IMAGE_DPI when absent */
} sk_image;

#define SK_IMAGE_DPI 96.0
#define SK_IMAGE_MAX_BYTES (64u << 20)

/* Reads type, size and resolution from data. -1 with err ("not a PNG or JPEG
 * image", "truncated PNG") when data is neither or is damaged. */
int sk_image_probe(sk_image *out, const unsigned char *data, size_t len, sk_err *err);
const char *sk_image_mime(const sk_image *im);
/* File extension without the dot: "png", "jpeg". */
const char *sk_image_ext(const sk_image *im);

/* Natural size in EMU (914400 per inch) scaled down, keeping the aspect ratio,
 * to fit max_w × max_h EMU. Never scaled up. */
void sk_image_fit(const sk_image *im, long long max_w, long long max_h, long long *w, long long *h);

/* Text block of the GB/T 1.1 page (A4, 165 mm wide) in EMU, and the largest
 * height given to one figure (leaves room for its title on the page). */
#define SK_TEXT_WIDTH_EMU 5940000LL
#define SK_FIGURE_MAX_HEIGHT_EMU 7920000LL

#endif
