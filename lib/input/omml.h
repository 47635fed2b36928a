/* omml — Office Math (m:oMath, OMML) as TeX of stdkit's subset (text/math.h), the
 * inverse of the DOCX writer's formulas: fractions, scripts, roots, n-ary operators,
 * fences, accents, bars, matrices (cases, aligned, pmatrix …), function names, text.
 * What has no TeX in the subset (a group character, a box, a phantom) gives its
 * content, and *lost counts it. */
#ifndef SK_OMML_H
#define SK_OMML_H

#include "base/common.h"

/* Appends the TeX of the OMML element node (an xmlNodePtr: m:oMath or any element
 * inside one) to b. Nesting deeper than SK_OMML_MAX_DEPTH is cut off (counted). */
#define SK_OMML_MAX_DEPTH 60
void sk_omml_tex(sk_buf *b, const void *node, int *lost);

#endif
