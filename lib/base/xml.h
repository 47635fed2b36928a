/* xml — the one guard every XML reader goes through: a user's reference
 * document, a workbook's parts, an imported file. No DTD, no entities, no network. */
#ifndef SK_XML_H
#define SK_XML_H

#include <stddef.h>

#include "base/err.h"

/* Parses XML from memory (no DOCTYPE, no network,
 * no entity expansion). Returns an xmlDocPtr or NULL with err set. */
void *sk_xml_parse_safe(const char *data, size_t len, const char *what, sk_err *err);

#endif
