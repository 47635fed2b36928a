#include "base/fswatch.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/fs.h"

#define MAX_DEPTH 16
#define MAX_WATCHES 8192
#define EVENTS (IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

struct sk_fswatch {
    int fd;
    int *wd;        /* watch descriptor of each directory */
    char **dir;     /* its path */
    int *recursive;
    size_t n, cap;
};

int sk_fswatch_new(sk_fswatch **out, sk_err *err)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        sk_err_set(err, "cannot watch files (inotify): %s", strerror(errno));
        return -1;
    }
    sk_fswatch *w = sk_calloc(1, sizeof *w);
    w->fd = fd;
    *out = w;
    return 0;
}

void sk_fswatch_free(sk_fswatch *w)
{
    if (!w)
        return;
    close(w->fd);
    for (size_t i = 0; i < w->n; i++)
        free(w->dir[i]);
    free(w->dir);
    free(w->wd);
    free(w->recursive);
    free(w);
}

static int add_one(sk_fswatch *w, const char *dir, int recursive, sk_err *err)
{
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->dir[i], dir))
            return 0;
    if (w->n >= MAX_WATCHES) {
        sk_err_at(err, dir, 0, 0, "more than %d directories to watch", MAX_WATCHES);
        return -1;
    }
    int wd = inotify_add_watch(w->fd, dir, EVENTS | IN_ONLYDIR);
    if (wd < 0) {
        sk_err_at(err, dir, 0, 0, "cannot watch: %s", strerror(errno));
        return -1;
    }
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        w->wd = sk_realloc(w->wd, w->cap * sizeof *w->wd);
        w->dir = sk_realloc(w->dir, w->cap * sizeof *w->dir);
        w->recursive = sk_realloc(w->recursive, w->cap * sizeof *w->recursive);
    }
    w->wd[w->n] = wd;
    w->dir[w->n] = sk_strdup(dir);
    w->recursive[w->n] = recursive;
    w->n++;
    return 0;
}

static int add_tree(sk_fswatch *w, const char *dir, int recursive, int depth, sk_err *err)
{
    if (add_one(w, dir, recursive, err) < 0)
        return -1;
    if (!recursive || depth >= MAX_DEPTH)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) && rc == 0) {
        if (e->d_name[0] == '.')
            continue;
        char *p = sk_fs_join(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rc = add_tree(w, p, 1, depth + 1, err);
        free(p);
    }
    closedir(d);
    return rc;
}

int sk_fswatch_add(sk_fswatch *w, const char *dir, int recursive, sk_err *err)
{
    return add_tree(w, dir, recursive, 0, err);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void push_unique(sk_vec *v, size_t from, char *p)
{
    for (size_t i = from; i < v->len; i++)
        if (!strcmp(v->items[i], p)) {
            free(p);
            return;
        }
    sk_vec_push(v, p);
}

/* Reads the pending events into changed. -1 on a read error. */
static int drain(sk_fswatch *w, size_t from, sk_vec *changed, sk_err *err)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            if (errno == EINTR)
                continue;
            sk_err_set(err, "reading file changes: %s", strerror(errno));
            return -1;
        }
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            p += sizeof *ev + ev->len;
            size_t k = 0;
            while (k < w->n && w->wd[k] != ev->wd)
                k++;
            if (k == w->n || !ev->len || ev->name[0] == '.')
                continue; /* a directory we no longer know, or a hidden (temporary) file */
            char *path = sk_fs_join(w->dir[k], ev->name);
            if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && w->recursive[k]) {
                sk_err e;
                add_tree(w, path, 1, 1, &e); /* a directory made later is watched too */
                free(path);
                continue;
            }
            if (ev->mask & IN_ISDIR) {
                free(path);
                continue;
            }
            push_unique(changed, from, path);
        }
    }
}

int sk_fswatch_wait(sk_fswatch *w, int settle_ms, int timeout_ms, volatile sig_atomic_t *stop, sk_vec *changed,
                    sk_err *err)
{
    size_t from = changed->len;
    double start = now_ms(), last = -1;
    for (;;) {
        if (stop && *stop)
            return 0;
        double t = now_ms();
        int wait = 200;
        if (last >= 0) {
            if (t - last >= settle_ms)
                return (int)(changed->len - from);
            wait = (int)(settle_ms - (t - last)) + 1;
        } else if (timeout_ms >= 0) {
            if (t - start >= timeout_ms)
                return 0;
            if (timeout_ms - (t - start) < wait)
                wait = (int)(timeout_ms - (t - start)) + 1;
        }
        struct pollfd p = { .fd = w->fd, .events = POLLIN };
        int r = poll(&p, 1, wait > 200 ? 200 : wait);
        if (r < 0 && errno != EINTR) {
            sk_err_set(err, "waiting for file changes: %s", strerror(errno));
            return -1;
        }
        if (r > 0) {
            size_t before = changed->len;
            if (drain(w, from, changed, err) < 0)
                return -1;
            if (changed->len > before || last >= 0)
                last = now_ms();
        }
    }
}
