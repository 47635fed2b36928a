/* common — the vocabulary every module uses: error context, checked allocation,
 * buffers, vectors, maps, UTF-8 and string helpers (files are fs.h). */
#ifndef SK_COMMON_H
#define SK_COMMON_H

#include "stdkit.h"

#define SK_VERSION STDKIT_VERSION

#include "base/buf.h"
#include "base/err.h"
#include "base/map.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/utf8.h"
#include "base/vec.h"

#endif
