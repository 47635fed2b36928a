#include "base/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"

int sk_fs_read(char **out, size_t *out_len, const char *path, size_t max, sk_err *err)
{
    int rc = -1, fd = -1;
    sk_buf b;
    struct stat st;
    sk_buf_init(&b);

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        sk_err_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
        goto done;
    }
    if (fstat(fd, &st) < 0) {
        sk_err_at(err, path, 0, 0, "cannot stat: %s", strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        sk_err_at(err, path, 0, 0, "is a directory, not a file");
        goto done;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
        sk_err_at(err, path, 0, 0, "file is too large (%lld bytes; the limit is %zu MiB)",
                  (long long)st.st_size, max >> 20);
        goto done;
    }
    for (;;) {
        sk_buf_reserve(&b, 65536);
        ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sk_err_at(err, path, 0, 0, "read error: %s", strerror(errno));
            goto done;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
        if (b.len > max) {
            sk_err_at(err, path, 0, 0, "file is too large (the limit is %zu MiB)", max >> 20);
            goto done;
        }
    }
    sk_buf_reserve(&b, 0);
    b.data[b.len] = '\0';
    *out_len = b.len;
    *out = sk_buf_detach(&b);
    rc = 0;
done:
    if (fd >= 0)
        close(fd);
    sk_buf_free(&b);
    return rc;
}

char *sk_fs_tmpname(const char *path)
{
    static atomic_uint counter;
    return sk_asprintf("%s.tmp%ld.%u", path, (long)getpid(), atomic_fetch_add(&counter, 1));
}

int sk_fs_write_new(const char *path, const void *data, size_t len, const char *name, sk_err *err)
{
    int rc = -1, fd;
    const char *p = data;
    if (!name)
        name = path;
    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
        sk_err_at(err, name, 0, 0, "cannot create: %s", strerror(errno));
        return -1;
    }
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sk_err_at(err, name, 0, 0, "write error: %s", strerror(errno));
            goto done;
        }
        p += n;
        len -= (size_t)n;
    }
    rc = 0;
done:
    if (close(fd) < 0 && rc == 0) {
        sk_err_at(err, name, 0, 0, "write error: %s", strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        unlink(path);
    return rc;
}

int sk_fs_write_atomic(const char *path, const void *data, size_t len, sk_err *err)
{
    int rc = -1;
    char *tmp = sk_fs_tmpname(path);
    if (sk_fs_write_new(tmp, data, len, path, err) < 0)
        goto done;
    if (rename(tmp, path) < 0) {
        sk_err_at(err, path, 0, 0, "cannot replace: %s", strerror(errno));
        unlink(tmp);
        goto done;
    }
    rc = 0;
done:
    free(tmp);
    return rc;
}

int sk_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int sk_fs_mkdir_p(const char *path, sk_err *err)
{
    char *p = sk_strdup(path);
    int rc = 0;
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0755) < 0 && errno != EEXIST) {
                sk_err_at(err, p, 0, 0, "cannot create directory: %s", strerror(errno));
                rc = -1;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    if (rc == 0 && !sk_fs_is_dir(path)) {
        sk_err_at(err, path, 0, 0, "not a directory");
        rc = -1;
    }
    free(p);
    return rc;
}

int sk_fs_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *sk_fs_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return sk_strdup(".");
    if (slash == path)
        return sk_strdup("/");
    return sk_strndup(path, (size_t)(slash - path));
}

char *sk_fs_join(const char *dir, const char *name)
{
    if (!dir || !*dir || name[0] == '/')
        return sk_strdup(name);
    size_t n = strlen(dir);
    return sk_asprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

int sk_fs_write_output(const char *path, const void *data, size_t len, const char *const *inputs, size_t ninputs,
                    sk_err *err)
{
    for (size_t i = 0; i < ninputs; i++)
        if (inputs[i] && sk_fs_same_file(path, inputs[i])) {
            sk_err_at(err, path, 0, 0, "refusing to overwrite an input file (%s)", inputs[i]);
            return -1;
        }
    if (sk_fs_is_dir(path)) {
        sk_err_at(err, path, 0, 0, "is a directory; cannot write the output there");
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to, never
         * replaced by a file */
        if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
            sk_err_at(err, path, 0, 0, "is not a regular file; cannot write the output there");
            return -1;
        }
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            sk_err_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
            return -1;
        }
        const char *p = data;
        size_t left = len;
        while (left) {
            ssize_t k = write(fd, p, left);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0) {
                sk_err_at(err, path, 0, 0, "cannot write: %s", strerror(errno));
                close(fd);
                return -1;
            }
            p += k;
            left -= (size_t)k;
        }
        if (close(fd) < 0) {
            sk_err_at(err, path, 0, 0, "cannot write: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    return sk_fs_write_atomic(path, data, len, err);
}
