/* fs — files: whole reads with a size limit, atomic writes, directories, paths. */
#ifndef SK_FS_H
#define SK_FS_H

#include <stddef.h>

#include "base/err.h"

/* Reads a whole file; returns 0 or -1 with err naming the file. Only a regular
 * file is read: a FIFO, a socket or a device is refused at once (it could make
 * the read wait forever). */
int sk_fs_read(char **out, size_t *out_len, const char *path, size_t max, sk_err *err);
/* Reads an open descriptor (standard input) to its end, at most max bytes;
 * messages name name. */
int sk_fs_read_fd(char **out, size_t *out_len, int fd, const char *name, size_t max, sk_err *err);
/* Creates path, which must not exist yet, holding data (removed again on failure;
 * messages name name, or path when NULL). */
int sk_fs_write_new(const char *path, const void *data, size_t len, const char *name, sk_err *err);
/* Writes data to path through a temporary file in the same directory and rename(2). */
int sk_fs_write_atomic(const char *path, const void *data, size_t len, sk_err *err);
/* Writes data to a new temporary file beside path, for an atomic replacement by
 * rename(2): *tmp gets its name (caller frees; the file is the caller's to rename
 * or remove). The name is path.tmpPID-XXXXXXXX, the X random (as mkstemp makes
 * them, never a name a killed run may have left), created 0644 less the umask. */
int sk_fs_write_tmp(char **tmp, const char *path, const void *data, size_t len, sk_err *err);
/* One random tag for the temporary names of a batch (sk_fs_tmp_name), and the
 * temporary name beside path with it: path.tmpPID-TAG, as sk_fs_write_tmp names
 * them (sk_fs_clean_stale removes them after a killed run). */
void sk_fs_tmp_tag(char out[9]);
/* A new scratch file in $TMPDIR (else /tmp) named stdkit-WHAT-XXXXXX (mkstemp):
 * returns its descriptor and, in *path (caller frees), its name, or -1 with errno. */
int sk_fs_scratch(char **path, const char *what);
char *sk_fs_tmp_name(const char *path, const char *tag);
/* Removes from dir the temporary files of sk_fs_write_tmp (and the .tmpPID.N of
 * earlier versions) whose process is gone: a run killed before its rename. Only
 * names of that shape are looked at, and only those whose PID no live process
 * has, or has as this process (a PID that repeats, as PID 1 in a container).
 * Looks at each directory once per process; returns the number removed. */
size_t sk_fs_clean_stale(const char *dir);
int sk_fs_is_dir(const char *path);
int sk_fs_mkdir_p(const char *path, sk_err *err);
/* True when a and b name the same existing file. */
int sk_fs_same_file(const char *a, const char *b);
/* Directory part of path ("." when none). Caller frees. */
char *sk_fs_dirname(const char *path);
char *sk_fs_join(const char *dir, const char *name);
/* Writes data to path atomically, refusing (-1, err naming path) when path is one
 * of inputs[0..ninputs) or a directory; a character device or a FIFO (/dev/null,
 * /dev/stdout) is written to in place, never replaced. */
int sk_fs_write_output(const char *path, const void *data, size_t len, const char *const *inputs, size_t ninputs,
                    sk_err *err);

#endif
