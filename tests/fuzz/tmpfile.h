/* For fuzz targets whose API reads a file: one scratch file per process, on tmpfs
 * when there is one, rewritten for every input. */
#ifndef SK_FUZZ_TMPFILE_H
#define SK_FUZZ_TMPFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *fuzz_scratch(const char *suffix, const void *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/sk-fuzz-%ld%s", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp",
             (long)getpid(), suffix);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    return path;
}

#endif
