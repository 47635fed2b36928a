/* stamp — time stamps for reproducible output: the build time comes from
 * SOURCE_DATE_EPOCH or a fixed date, never the wall clock. */
#ifndef SK_STAMP_H
#define SK_STAMP_H

#include <time.h>

/* The build time for reproducible output: SOURCE_DATE_EPOCH when it is set to a
 * valid number (returns 1), else fallback (returns 0). Never the wall clock. */
int sk_stamp_build(time_t *out, time_t fallback);
/* Fixed stamp used when nothing else gives one: 2020-01-01T00:00:00Z. */
#define SK_STAMP_FIXED ((time_t)1577836800)
/* Formats t as W3CDTF in UTC ("2019-06-28T00:00:00Z"), independent of TZ. */
void sk_stamp_w3cdtf(time_t t, char out[32]);

#endif
