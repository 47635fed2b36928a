/* format — the output formats the tools write, by name: one table for stdgen and
 * stdform (and whatever tool comes next), so that both take the same names in
 * --format and say the same thing about a wrong one. */
#ifndef SK_FORMAT_H
#define SK_FORMAT_H

#include "base/common.h"

/* Formats (bits). PDF is made by LibreOffice from a document (office.h); CSV is the
 * system's 标准明细表 (stdgen --system). */
enum { SK_FORMAT_DOCX = 1, SK_FORMAT_ODT = 2, SK_FORMAT_PDF = 4, SK_FORMAT_CSV = 8 };

/* Parses a comma-separated list ("docx,odt") of formats among allowed into bits.
 * -1 with err for an unknown name or an empty list (the message lists the
 * allowed names). */
int sk_format_parse(const char *list, unsigned allowed, unsigned *out, sk_err *err);
/* The names of the formats in allowed, for --help and messages: "docx, odt, pdf". */
const char *sk_format_names(unsigned allowed);
/* The extension of a format's file ("docx"). */
const char *sk_format_ext(unsigned bit);
/* The format among allowed whose extension ends name ("my.DOCX" → SK_FORMAT_DOCX, ASCII
 * case aside), or 0 when it ends in none of them. */
unsigned sk_format_of_name(const char *name, unsigned allowed);

#endif
