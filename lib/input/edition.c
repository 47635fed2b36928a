#include "input/edition.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/proc.h"

char *sk_edition_path(const char *spec, const char *base)
{
    if (!strncmp(spec, "git:", 4))
        return NULL;
    if (spec[0] == '/')
        return sk_strdup(spec);
    char *dir = sk_fs_dirname(base);
    char *p = strcmp(dir, ".") ? sk_fs_join(dir, spec) : sk_strdup(spec);
    free(dir);
    return p;
}

/* The last line git wrote on stderr, for the message. */
static char *last_line(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    sk_err e;
    if (sk_fs_read(&data, &len, path, 1 << 16, &e) < 0 || !len) {
        free(data);
        return sk_strdup("");
    }
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        data[--len] = '\0';
    char *nl = strrchr(data, '\n');
    char *s = sk_strdup(nl ? nl + 1 : data);
    free(data);
    return s;
}

static int read_git(sk_source **out, const char *rev, const char *file, const char *base, sk_diags *diags,
                    sk_err *err)
{
    int rc = -1;
    char *git = sk_proc_find("git"), *dir = sk_fs_dirname(base), *object = NULL, *name = NULL, *log = NULL;
    sk_proc_result res = { 0 };
    sk_buf_init(&res.out);
    if (!*rev || rev[0] == '-' || strchr(rev, ' ')) {
        sk_err_at(err, base, 0, 0, "'%s' is not a git revision", rev);
        goto done;
    }
    if (!git) {
        sk_err_at(err, base, 0, 0, "git:%s needs git, and git is not on PATH", rev);
        goto done;
    }
    const char *slash = strrchr(base, '/');
    const char *own = slash ? slash + 1 : base;
    object = sk_asprintf("%s:./%s", rev, file ? file : own);
    name = sk_asprintf("%s@%s", file ? file : base, rev);
    int fd = sk_fs_scratch(&log, "git");
    if (fd < 0) {
        sk_err_set(err, "cannot create a temporary file: %s", strerror(errno));
        goto done;
    }
    close(fd);
    char *argv[] = { git, "-C", dir, "show", object, NULL };
    sk_proc p = { .argv = argv, .errlog = log, .limit = SK_EDITION_GIT_SECONDS };
    sk_buf_free(&res.out);
    if (sk_proc_run(&p, &res, err) < 0)
        goto done;
    if (res.timed_out || res.status != 0) {
        char *why = last_line(log);
        sk_err_at(err, base, 0, 0, "git show %s: %s", object,
                  res.timed_out ? "no answer in time" : *why ? why : "failed");
        free(why);
        goto done;
    }
    if (res.out.len > SK_SOURCE_MAX) {
        sk_err_at(err, name, 0, 0, "larger than %u MB", SK_SOURCE_MAX >> 20);
        goto done;
    }
    rc = sk_source_make(out, name, res.out.data ? res.out.data : "", res.out.len, diags);
done:
    if (log) {
        unlink(log);
        free(log);
    }
    sk_buf_free(&res.out);
    free(git);
    free(dir);
    free(object);
    free(name);
    return rc;
}

int sk_edition_read(sk_source **out, const char *spec, const char *base, sk_diags *diags, sk_err *err)
{
    if (!strncmp(spec, "git:", 4)) {
        char *rev = sk_strdup(spec + 4), *colon = strchr(rev, ':');
        if (colon)
            *colon++ = '\0';
        int rc = read_git(out, rev, colon && *colon ? colon : NULL, base, diags, err);
        free(rev);
        return rc;
    }
    char *path = sk_edition_path(spec, base);
    int rc = sk_source_read(out, path, diags, err);
    free(path);
    return rc;
}
