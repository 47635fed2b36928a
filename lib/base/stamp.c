#include "base/stamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sk_stamp_build(time_t *out, time_t fallback)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    *out = fallback;
    if (!s || !*s || strlen(s) > 15)
        return 0;
    long long v = 0;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9')
            return 0;
        v = v * 10 + (*c - '0');
    }
    *out = (time_t)v;
    return 1;
}

void sk_stamp_w3cdtf(time_t t, char out[32])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        t = SK_STAMP_FIXED, gmtime_r(&t, &tm);
    if (!strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 32, "2020-01-01T00:00:00Z");
}
