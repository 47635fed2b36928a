/* ooxml — a Word document (DOCX: Word, WPS, LibreOffice, pandoc) read into a flow
 * (flow.h): the body's paragraphs and tables in order, each paragraph with its
 * style's name, its outline level (direct, or from the style and the styles it is
 * based on), the number Word shows for its list numbering (numbering.xml computed
 * as Word does: levels, lvlText, start and startOverride, lvlRestart, isLgl,
 * numbers linked to styles), its runs (text with bold/italic/sub/sup, breaks, tabs,
 * fields' cached text, REF/PAGEREF and hyperlinks as links to bookmarks, bookmarks,
 * images, footnotes, formulas as TeX through omml.h).
 *
 * The package is read through the one ZIP reader (zip.h) and every XML part through
 * the XML guard (xml.h): no DTD, no entity, a part over SK_ZIP_MAX_PART refused. */
#ifndef SK_OOXML_H
#define SK_OOXML_H

#include "input/flow.h"

/* Reads the DOCX at path into *out (initialised here; sk_flow_free it on success).
 * -1 with err naming the file (and the part) when it is not a readable DOCX: not a
 * ZIP, no main document part, a part that is not XML or is refused by the guard,
 * more than SK_FLOW_MAX_PARAS paragraphs; *out is then left empty. */
int sk_ooxml_read(sk_flow *out, const char *path, sk_err *err);

#endif
