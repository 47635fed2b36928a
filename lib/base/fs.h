/* fs — files: whole reads with a size limit, atomic writes, directories, paths. */
#ifndef SK_FS_H
#define SK_FS_H

#include <stddef.h>

#include "base/err.h"

/* Reads a whole file; returns 0 or -1 with err naming the file. */
int sk_fs_read(char **out, size_t *out_len, const char *path, size_t max, sk_err *err);
/* Creates path, which must not exist yet, holding data (removed again on failure;
 * messages name name, or path when NULL). */
int sk_fs_write_new(const char *path, const void *data, size_t len, const char *name, sk_err *err);
/* Writes data to path through a temporary file in the same directory and rename(2). */
int sk_fs_write_atomic(const char *path, const void *data, size_t len, sk_err *err);
/* Temporary name beside path (same directory), for atomic replacement. */
char *sk_fs_tmpname(const char *path);
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
