/* odf — an OpenDocument text (ODT: LibreOffice, WPS) read into a flow (flow.h):
 * text:h with its outline level and the number the outline numbering shows
 * (text:outline-style: num-format, prefix, suffix, display-levels, start-value),
 * text:p with its style's display name, lists (text:list, nested, their level;
 * numbered or bulleted as the list style's level says, bulleted without one),
 * tables (spans, covered cells, header rows), images (draw:image in draw:frame), links (text:a, "#bookmark" ones as links to
 * bookmarks), bookmarks, footnotes, spaces (text:s), tabs and line breaks.
 * Read through the ZIP reader and the XML guard, as ooxml.h. */
#ifndef SK_ODF_H
#define SK_ODF_H

#include "input/flow.h"

/* As sk_ooxml_read, for an ODT. */
int sk_odf_read(sk_flow *out, const char *path, sk_err *err);

#endif
