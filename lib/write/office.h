/* office — PDF through LibreOffice, run headless as a separate program. No PDF
 * code of our own: LibreOffice lays the documents out and exports them.
 *
 * One batch = ONE LibreOffice process, whatever the number of documents:
 *   - a private user profile in a temporary directory (-env:UserInstallation),
 *     removed afterwards, so a running LibreOffice or the user's settings never
 *     interfere;
 *   - when a Python with the UNO bridge is found (Debian python3-uno; LibreOffice's
 *     own program/python; or SK_OFFICE_PYTHON), the embedded templates/topdf.py
 *     starts soffice listening on a private pipe, opens each document hidden,
 *     updates every document index when asked (the 目次: a plain conversion prints
 *     the entries and page numbers as they were written), and stores it with the
 *     writer_pdf_Export filter; without one, a plain `soffice --convert-to pdf`
 *     of the whole list (indexes as written);
 *   - FONTCONFIG_FILE points at the embedded templates/fonts.conf, which loads
 *     the system configuration and lets 宋体/SimSun fall back to Noto Serif CJK SC
 *     and 黑体/SimHei to Noto Sans CJK SC (without it LibreOffice draws both in the
 *     same sans face);
 *   - a time limit (SK_OFFICE_TIMEOUT seconds, else 60 s + 10 s per document):
 *     past it the whole process group is killed;
 *   - blank pages are kept in the PDF (LibreOffice's IsSkipEmptyPages off: the
 *     blank page before a part that starts on a right-hand page prints, as Word
 *     prints it); SK_PDF_SKIP_BLANK=1 drops them;
 *   - the PDFs are written into a temporary directory inside outdir and renamed
 *     into place one by one, so a failure never leaves a partial PDF and an
 *     existing PDF stays as it was until its replacement is complete. A PDF that
 *     would replace one of the inputs is refused. */
#ifndef SK_OFFICE_H
#define SK_OFFICE_H

#include <stddef.h>

#include "base/common.h"

/* True when soffice is on PATH. */
int sk_office_available(void);

/* Converts inputs[0..n) (DOCX or ODT) to outdir/BASENAME.pdf in one LibreOffice
 * run; refresh_indexes updates every document index (目次) before export.
 * Returns 0 when every PDF was written; 1 when they were written but the indexes
 * could not be refreshed (no Python with the UNO bridge: the 目次 prints as
 * written); -1 with err when soffice is absent, does not start, runs past the
 * time limit, or a document could not be converted (err names the first such
 * input; the PDFs of the others are written). */
int sk_office_to_pdf(const char *const *inputs, size_t n, const char *outdir, int refresh_indexes, sk_err *err);

/* LibreOffice kept running to lay documents out one after another (stdgen: the pages
 * of every bookmark and table row, for layout/paging.h, then the PDF of the same
 * document). Up to n processes (slots), each with its own profile and started on
 * first use, so that n threads convert at once. Each request has the time limit of
 * SK_OFFICE_TIMEOUT seconds (else 120 s); past it the slot's process group is
 * killed and started again for the next request. */
typedef struct sk_office sk_office;

/* -1 with err when soffice or a Python with the UNO bridge is missing (a plain
 * conversion cannot measure). */
int sk_office_open(sk_office **out, int n, sk_err *err);
void sk_office_close(sk_office *o);
/* A free slot (waits for one); give it back with sk_office_release. */
int sk_office_acquire(sk_office *o);
void sk_office_release(sk_office *o, int slot);
/* Opens path (DOCX or ODT) in slot's LibreOffice (closing the document open before)
 * and hands out its measure (paging.h's text, caller frees). -1 with err naming
 * path when it cannot be opened or laid out. */
int sk_office_measure(sk_office *o, int slot, const char *path, char **text, sk_err *err);
/* Stores the document last measured in slot as the PDF pdf (written directly;
 * the caller renames it into place). skip_blank drops the blank pages LibreOffice
 * inserts before a part that starts on a right-hand page (by default they are
 * kept, so the PDF prints duplex as the document does). */
int sk_office_export(sk_office *o, int slot, const char *pdf, int skip_blank, sk_err *err);

#endif
