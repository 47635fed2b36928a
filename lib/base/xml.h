/* xml — the one guard every XML reader goes through: a user's reference
 * document, a workbook's parts, an imported file. No DTD, no entities, no network. */
#ifndef SK_XML_H
#define SK_XML_H

#include <stddef.h>

#include "base/err.h"

/* The guard itself: -1 with err ("WHAT has a DOCTYPE; refusing to read it") when
 * data declares a DOCTYPE or an entity, or is too large for libxml2; 0 otherwise.
 * A streaming (SAX) reader calls it before parsing and refuses a DOCTYPE met on the
 * way as well. */
int sk_xml_check(const char *data, size_t len, const char *what, sk_err *err);
/* The libxml2 parser options every reader uses: no network, no messages of its own. */
int sk_xml_options(void);
/* Silences libxml2's own messages on the calling thread (its handlers are per
 * thread): NOERROR does not reach the errors raised without a parser, as the
 * encoding converter's ("encoding error : input conversion failed"), which went
 * to stderr. The errors are still recorded (xmlGetLastError). Every reader calls
 * it before parsing. */
void sk_xml_quiet(void);
/* Parses XML from memory through the guard (no DOCTYPE, no network, no entity
 * expansion). Returns an xmlDocPtr or NULL with err set. */
void *sk_xml_parse_safe(const char *data, size_t len, const char *what, sk_err *err);

#endif
