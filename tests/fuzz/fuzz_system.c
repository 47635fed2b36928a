/* libFuzzer target: system.yaml text → validated system, then number matching. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/system.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_diags d;
    sk_err err;
    sk_system *sys = NULL;
    sk_diag_init(&d);
    if (sk_system_load_mem(&sys, "system.yaml", (const char *)data, size, &d, &err) == 0) {
        sk_numparts p;
        sk_system_match_number(sys, "SJDJ/TS 09—2019", &p);
        if (sys->file_pattern) {
            p = (sk_numparts){ .category = "TS", .seq = 9, .year = 2019 };
            free(sk_system_format(sys->file_pattern, &p));
        }
        sk_system_free(sys);
    }
    sk_diag_free(&d);
    return 0;
}
