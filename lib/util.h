/* util — the vocabulary every module uses: error context, checked allocation,
 * buffers, vectors, maps, UTF-8 and string helpers (files are fs.h). */
#ifndef SK_UTIL_H
#define SK_UTIL_H

#define SK_VERSION "0.1.0"

#include "buf.h"
#include "err.h"
#include "map.h"
#include "mem.h"
#include "str.h"
#include "utf8.h"
#include "vec.h"

#endif
