#include "model/assets.h"

#include <stdlib.h>
#include <string.h>

#include "base/fs.h"

/* Reads and probes the file of figure n (resolved against dir) into as; -1 with
 * err at the figure's line when it cannot be used. */
static int load_figure(sk_asset *as, const sk_node *n, const char *dir, const char *file, sk_err *err)
{
    memset(as, 0, sizeof *as);
    as->fig = n;
    if (!n->src || !*n->src) {
        sk_err_at(err, file, n->line, 1, "figure has no image file");
        return -1;
    }
    if (strstr(n->src, "://")) {
        sk_err_at(err, file, n->line, 1, "figure '%s' is a URL; put the image beside the standard", n->src);
        return -1;
    }
    as->path = sk_fs_join(dir, n->src);
    char *data = NULL;
    size_t len = 0;
    sk_err e;
    sk_err_clear(&e);
    if (sk_fs_read(&data, &len, as->path, SK_IMAGE_MAX_BYTES, &e) < 0) {
        sk_err_at(err, file, n->line, 1, "figure '%s': %s", n->src, e.msg);
        return -1;
    }
    as->data = (unsigned char *)data;
    as->len = len;
    if (sk_image_probe(&as->info, as->data, len, &e) < 0) {
        sk_err_at(err, file, n->line, 1, "figure '%s': %s", n->src, e.msg);
        return -1;
    }
    return 0;
}

int sk_assets_has_picture(const sk_node *n)
{
    return (n->type == SK_N_FIGURE && n->src) || (n->type == SK_N_SUBFIGURE && n->src);
}

int sk_assets_load(sk_assets *out, const sk_doc *doc, sk_err *err)
{
    sk_assets a = { 0 };
    size_t cap = 0;
    char *dir = sk_fs_dirname(doc->src->path);
    int rc = -1;
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (!sk_assets_has_picture(n))
            continue;
        if (a.n == cap) {
            cap = cap ? cap * 2 : 8;
            a.v = sk_realloc(a.v, cap * sizeof *a.v);
        }
        sk_asset *as = &a.v[a.n++];
        if (load_figure(as, n, dir, doc->src->path, err) < 0)
            goto done;
        as->index = 0;
        for (size_t i = 0; i + 1 < a.n; i++)
            if (!strcmp(a.v[i].path, as->path)) {
                as->index = a.v[i].index;
                break;
            }
        if (!as->index) {
            unsigned mx = 0;
            for (size_t i = 0; i + 1 < a.n; i++)
                if (a.v[i].index > mx)
                    mx = a.v[i].index;
            as->index = mx + 1;
        }
    }
    rc = 0;
done:
    free(dir);
    if (rc < 0)
        sk_assets_free(&a);
    else
        *out = a;
    return rc;
}

void sk_assets_check_node(const sk_doc *doc, const sk_node *n, const char *dir, sk_diags *d)
{
    if (!sk_assets_has_picture(n))
        return;
    sk_asset as;
    sk_err e;
    sk_err_clear(&e);
    if (load_figure(&as, n, dir, doc->src->path, &e) < 0) {
        sk_diag *dg = sk_diag_emit(d, SK_R_FIGURE_FILE, doc->src->path, n->line, 1, "%s", e.msg);
        sk_diag_hint(dg, "a figure is a PNG or JPEG file beside the standard (or below it), named by a "
                         "path relative to the standard");
    }
    free(as.path);
    free(as.data);
}

void sk_assets_check(const sk_doc *doc, sk_diags *d)
{
    char *dir = sk_fs_dirname(doc->src->path);
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        sk_assets_check_node(doc, n, dir, d);
    free(dir);
}

void sk_assets_free(sk_assets *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].path);
        free(a->v[i].data);
    }
    free(a->v);
    a->v = NULL;
    a->n = 0;
}

const sk_asset *sk_assets_find(const sk_assets *a, const sk_node *fig)
{
    for (size_t i = 0; a && i < a->n; i++)
        if (a->v[i].fig == fig)
            return &a->v[i];
    return NULL;
}
