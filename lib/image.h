/* image — figure files: PNG and JPEG size and resolution read from their headers
 * (no image library), sizing to the text block, and loading every figure of a
 * standard before anything is written. Other formats are refused with the
 * figure's file and line. */
#ifndef SK_IMAGE_H
#define SK_IMAGE_H

#include <stddef.h>

#include "doc.h"

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

/* One loaded figure. */
typedef struct sk_asset {
    const sk_node *fig;
    char *path;             /* resolved file name */
    unsigned char *data;
    size_t len;
    sk_image info;
    unsigned index;         /* 1-based, per distinct file */
} sk_asset;

typedef struct sk_assets {
    sk_asset *v;
    size_t n;
} sk_assets;

/* Loads every figure of doc (paths relative to the standard's directory).
 * -1 with err at the figure's file and line when one is missing, unreadable
 * or not PNG/JPEG. */
int sk_assets_load(sk_assets *out, const sk_doc *doc, sk_err *err);
void sk_assets_free(sk_assets *a);
const sk_asset *sk_assets_find(const sk_assets *a, const sk_node *fig);

#endif
