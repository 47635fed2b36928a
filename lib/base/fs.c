#include "base/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/mem.h"

/* Reads fd to its end into *out (NUL-terminated), at most max bytes; hint is the
 * size expected (the buffer is sized for it at once). */
static int read_all(char **out, size_t *out_len, int fd, const char *name, size_t max, size_t hint, sk_err *err)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_reserve(&b, hint < max ? hint + 1 : 65536);
    for (;;) {
        if (b.cap - b.len < 2)
            sk_buf_reserve(&b, 65536);
        ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sk_err_at(err, name, 0, 0, "read error: %s", strerror(errno));
            sk_buf_free(&b);
            return -1;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
        if (b.len > max) {
            sk_err_at(err, name, 0, 0, "file is too large (the limit is %zu MiB)", max >> 20);
            sk_buf_free(&b);
            return -1;
        }
    }
    sk_buf_reserve(&b, 0);
    b.data[b.len] = '\0';
    *out_len = b.len;
    *out = sk_buf_detach(&b);
    return 0;
}

static const char *kind_of(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
           : S_ISBLK(m) ? "a block device" : "not a file";
}

int sk_fs_read(char **out, size_t *out_len, const char *path, size_t max, sk_err *err)
{
    int rc = -1, fd = -1;
    struct stat st;
    /* O_NONBLOCK: opening a FIFO that nobody writes would wait forever */
    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
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
    if (!S_ISREG(st.st_mode)) {
        sk_err_at(err, path, 0, 0, "is %s, not a regular file (refused: reading it could wait forever)",
                  kind_of(st.st_mode));
        goto done;
    }
    if ((size_t)st.st_size > max) {
        sk_err_at(err, path, 0, 0, "file is too large (%lld bytes; the limit is %zu MiB)",
                  (long long)st.st_size, max >> 20);
        goto done;
    }
    rc = read_all(out, out_len, fd, path, max, (size_t)st.st_size, err);
done:
    if (fd >= 0)
        close(fd);
    return rc;
}

int sk_fs_read_fd(char **out, size_t *out_len, int fd, const char *name, size_t max, sk_err *err)
{
    struct stat st;
    size_t hint = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 65536;
    return read_all(out, out_len, fd, name, max, hint, err);
}

/* Writes all of data to fd and closes it; -1 with err naming name. */
static int write_all(int fd, const void *data, size_t len, const char *name, sk_err *err)
{
    int rc = -1;
    const char *p = data;
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
    return rc;
}

int sk_fs_write_new(const char *path, const void *data, size_t len, const char *name, sk_err *err)
{
    int fd;
    if (!name)
        name = path;
    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
        sk_err_at(err, name, 0, 0, "cannot create: %s", strerror(errno));
        return -1;
    }
    if (write_all(fd, data, len, name, err) < 0) {
        unlink(path);
        return -1;
    }
    return 0;
}

/* Random letters and digits for a temporary name (getrandom; the time and a
 * counter when it fails), so no run can guess or repeat another's. */
static void random_tag(char *out, size_t n)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static atomic_uint counter;
    unsigned char r[16];
    if (n > sizeof r || getrandom(r, n, GRND_NONBLOCK) != (ssize_t)n) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long x = (unsigned long long)ts.tv_nsec * 6364136223846793005ull ^
                               ((unsigned long long)atomic_fetch_add(&counter, 1) << 32) ^ (unsigned long long)getpid();
        for (size_t i = 0; i < sizeof r; i++, x = x * 6364136223846793005ull + 1442695040888963407ull)
            r[i] = (unsigned char)(x >> 56);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = digits[r[i] % (sizeof digits - 1)];
    out[n] = '\0';
}

void sk_fs_tmp_tag(char out[9])
{
    random_tag(out, 8);
}

int sk_fs_scratch(char **path, const char *what)
{
    const char *dir = getenv("TMPDIR");
    char *name = sk_asprintf("%s/stdkit-%s-XXXXXX", dir && *dir ? dir : "/tmp", what);
    int fd = mkstemp(name);
    if (fd < 0) {
        int e = errno;
        free(name);
        errno = e;
        *path = NULL;
        return -1;
    }
    *path = name;
    return fd;
}

char *sk_fs_tmp_name(const char *path, const char *tag)
{
    return sk_asprintf("%s.tmp%ld-%s", path, (long)getpid(), tag);
}

int sk_fs_write_tmp(char **tmp, const char *path, const void *data, size_t len, sk_err *err)
{
    char *dir = sk_fs_dirname(path);
    sk_fs_clean_stale(dir); /* before this process makes any temporary there */
    free(dir);
    for (int attempt = 0; attempt < 16; attempt++) {
        char tag[9];
        random_tag(tag, 8);
        char *name = sk_asprintf("%s.tmp%ld-%s", path, (long)getpid(), tag);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            int e = errno;
            free(name);
            if (e == EEXIST)
                continue;
            sk_err_at(err, path, 0, 0, "cannot create: %s", strerror(e));
            return -1;
        }
        if (write_all(fd, data, len, path, err) < 0) {
            unlink(name);
            free(name);
            return -1;
        }
        *tmp = name;
        return 0;
    }
    sk_err_at(err, path, 0, 0, "cannot create a temporary file beside it (every name taken)");
    return -1;
}

/* The PID in a temporary name of ours ("NAME.tmp123-AbCdEfGh", or "NAME.tmp123.4"
 * of earlier versions), or -1 when the name is not of that shape. */
static long tmp_pid(const char *name)
{
    size_t n = strlen(name);
    const char *end = name + n, *p;
    if (n > 9 && end[-9] == '-') { /* .tmpPID-XXXXXXXX */
        for (p = end - 8; p < end; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
                return -1;
        p = end - 9;
    } else { /* .tmpPID.N */
        for (p = end; p > name && p[-1] >= '0' && p[-1] <= '9'; p--)
            ;
        if (p == end || p == name || p[-1] != '.')
            return -1;
        p--;
    }
    const char *digits = p;
    while (digits > name && digits[-1] >= '0' && digits[-1] <= '9')
        digits--;
    if (digits == p || digits - name < 5 || strncmp(digits - 4, ".tmp", 4) || p - digits > 9)
        return -1;
    return strtol(digits, NULL, 10);
}

size_t sk_fs_clean_stale(const char *dir)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static sk_map seen; /* the directories already looked at, by device and inode */
    struct stat ds;
    size_t removed = 0;
    if (stat(dir, &ds) < 0 || !S_ISDIR(ds.st_mode))
        return 0;
    char key[64];
    snprintf(key, sizeof key, "%llx:%llx", (unsigned long long)ds.st_dev, (unsigned long long)ds.st_ino);
    /* held through the scan: no thread makes a temporary there before it ends */
    pthread_mutex_lock(&lock);
    if (sk_map_get(&seen, key))
        goto done;
    sk_map_put(&seen, key, &seen);
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        long pid = tmp_pid(e->d_name);
        if (pid <= 0 || (pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno != ESRCH)))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            unlinkat(dirfd(d), e->d_name, 0) == 0)
            removed++;
    }
    if (d)
        closedir(d);
done:
    pthread_mutex_unlock(&lock);
    return removed;
}

int sk_fs_write_atomic(const char *path, const void *data, size_t len, sk_err *err)
{
    int rc = -1;
    char *tmp = NULL;
    if (sk_fs_write_tmp(&tmp, path, data, len, err) < 0)
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
