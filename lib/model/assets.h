/* assets — the figure files a model refers to, loaded (and probed: image.h) before
 * anything is written, so a missing or unreadable figure is an error at the
 * figure's line and never a half-written document. */
#ifndef SK_ASSETS_H
#define SK_ASSETS_H

#include <stddef.h>

#include "model/doc.h"
#include "input/image.h"

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

/* A node that shows a picture: a figure of one, or a subfigure (the figure of
 * several shows its subfigures'). */
int sk_assets_has_picture(const sk_node *n);
/* Loads every figure of doc (paths relative to the standard's directory).
 * -1 with err at the figure's file and line when one is missing, unreadable
 * or not PNG/JPEG. */
int sk_assets_load(sk_assets *out, const sk_doc *doc, sk_err *err);
void sk_assets_free(sk_assets *a);
/* stdcheck's view of the same: a figure-file error for every figure that
 * sk_assets_load would refuse (each read and probed, then let go). */
void sk_assets_check(const sk_doc *doc, sk_diags *d);
/* The same for one node n of doc (nothing unless it shows a picture); dir is the
 * standard's directory (sk_fs_dirname of its path). For a check that walks the
 * tree once for several checks. */
void sk_assets_check_node(const sk_doc *doc, const sk_node *n, const char *dir, sk_diags *d);
const sk_asset *sk_assets_find(const sk_assets *a, const sk_node *fig);

#endif
