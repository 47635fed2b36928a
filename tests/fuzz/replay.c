/* Runs a fuzz target over files without libFuzzer, so the regression inputs in
 * tests/fuzz/regress/ replay in every `make check` (and under ASan in `make asan`). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/fs.h"
#include "base/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char *buf;
        size_t len;
        sk_err err;
        if (sk_fs_read(&buf, &len, argv[i], 64u << 20, &err) < 0) {
            fprintf(stderr, "%s: %s\n", argv[i], err.msg);
            return 2;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        free(buf);
    }
    return 0;
}
