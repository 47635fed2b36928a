#include "run/watch.h"

#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "base/fswatch.h"
#include "input/catalog.h"
#include "input/deps.h"
#include "input/system.h"

static void paths_free(sk_vec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    v->len = 0;
}

int sk_watch_run(const char *const *paths, size_t n, const char *system_dir, int settle_ms, sk_watch_fn fn, void *ctx,
                 volatile sig_atomic_t *stop, sk_err *err)
{
    sk_vec files = { 0 }, changed = { 0 }, todo = { 0 };
    sk_fswatch *w = NULL;
    sk_deps deps;
    int rc = -1, have_deps = 0;
    if (sk_catalog_collect(&files, NULL, paths, n, err) < 0)
        goto done;
    sk_deps_init(&deps, paths, n, &files);
    have_deps = 1;
    if (sk_fswatch_new(&w, err) < 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        char *dir = sk_fs_is_dir(paths[i]) ? sk_strdup(paths[i]) : sk_fs_dirname(paths[i]);
        int r = sk_fswatch_add(w, dir, sk_fs_is_dir(paths[i]), err);
        free(dir);
        if (r < 0)
            goto done;
    }
    /* system.yaml: a change of it redoes everything */
    char *first = files.len ? sk_fs_dirname(files.items[0]) : NULL;
    char *sys = system_dir ? sk_fs_join(system_dir, "system.yaml") : first ? sk_system_find(first) : NULL;
    free(first);
    if (sys) {
        char *dir = sk_fs_dirname(sys);
        int r = sk_fswatch_add(w, dir, 0, err);
        free(dir);
        free(sys);
        if (r < 0)
            goto done;
    }
    if (fn(ctx, 0, &files, &changed, deps.entries.len, err) < 0)
        goto done;
    for (int round = 1; !(stop && *stop); round++) {
        paths_free(&changed);
        int got = sk_fswatch_wait(w, settle_ms, -1, stop, &changed, err);
        if (got < 0)
            goto done;
        if (got == 0)
            break;
        paths_free(&todo);
        if (!sk_deps_change(&deps, &changed, &todo)) {
            round--;
            continue;
        }
        /* what caused it: the changed files that are standards to do, or system.yaml */
        sk_vec cause = { 0 };
        for (size_t i = 0; i < changed.len; i++) {
            const char *c = changed.items[i], *b = strrchr(c, '/');
            while (c[0] == '.' && c[1] == '/')
                c += 2;
            int hit = !strcmp(b ? b + 1 : c, "system.yaml");
            for (size_t k = 0; k < todo.len && !hit; k++)
                hit = !strcmp(todo.items[k], c);
            if (hit)
                sk_vec_push(&cause, (void *)c);
        }
        int r = fn(ctx, round, &todo, &cause, deps.entries.len, err);
        sk_vec_free(&cause);
        if (r < 0)
            goto done;
    }
    rc = 0;
done:
    paths_free(&changed);
    sk_vec_free(&changed);
    paths_free(&todo);
    sk_vec_free(&todo);
    sk_catalog_paths_free(&files);
    if (have_deps)
        sk_deps_free(&deps);
    sk_fswatch_free(w);
    return rc;
}
