/* zip — ZIP containers (DOCX, ODT, XLSX), written and read by stdkit itself (zlib deflates).
 *
 * Writing: parts are added in the order they must appear (ODT's mimetype first),
 * each stored or deflated, all with the same fixed DOS time stamp, so identical
 * parts give identical bytes. sk_zip_write writes the archive part by part into a
 * temporary file beside the target and renames it into place (a stream part is
 * never held, neither as it is produced nor deflated): a failure leaves no file
 * behind and an existing output untouched, and an input is never overwritten.
 *
 * Reading: see below. */
#ifndef SK_ZIP_H
#define SK_ZIP_H

#include <stddef.h>
#include <time.h>

#include "base/stamp.h"
#include "base/common.h"

#define SK_ZIP_MAX_ENTRIES 100000
#define SK_ZIP_MAX_PART (256u << 20)

typedef struct sk_zip sk_zip;

/* How a part is kept: deflated (parts under 2 KB are stored anyway) or stored. */
enum { SK_ZIP_DEFLATE = 0, SK_ZIP_STORE = 1 };

sk_zip *sk_zip_new(void);
void sk_zip_free(sk_zip *p);
/* Adds part name with data[0..len); the package takes data (malloc'd) over. */
void sk_zip_add(sk_zip *p, const char *name, char *data, size_t len, int how);
/* Same with a copy of data. */
void sk_zip_add_copy(sk_zip *p, const char *name, const void *data, size_t len, int how);
/* A part whose data stays valid for the life of the process (an embedded
 * template): it is deflated once and the result reused by every package. */
void sk_zip_add_static(sk_zip *p, const char *name, const void *data, size_t len);
/* A part whose bytes come from read when the archive is built, in pieces:
 * read(ctx, buf, max, err) returns the bytes it put in buf (1..max), 0 at the end,
 * or -1 with err set. The part is deflated while it is produced and never held
 * whole (a merged batch of thousands of forms); it can be built once. done(ctx),
 * when not NULL, is called when the package is freed. */
typedef long (*sk_zip_read_fn)(void *ctx, char *buf, size_t max, sk_err *err);
void sk_zip_add_stream(sk_zip *p, const char *name, sk_zip_read_fn read, void *ctx, void (*done)(void *ctx));
/* The same, written as the bytes held whole would be (sk_zip_add, deflated): stored
 * when under 2 KB, else deflated as such a part is. */
void sk_zip_add_stream_held(sk_zip *p, const char *name, sk_zip_read_fn read, void *ctx, void (*done)(void *ctx));
/* The part just added (a stream) may pass 4 GiB: its sizes go in ZIP64 fields
 * (version 45), whatever its size. Without it a stream over 4 GiB is refused; with
 * it Word may refuse a small package, so it is asked for only when the part is
 * expected to be large. */
void sk_zip_large(sk_zip *p);
/* Parts made one at a time when the archive is built, here in the order (the
 * images of a merged batch, after the document that shows them): next(ctx, &name,
 * &data, &len, &how, err) gives a part (1; name and data malloc'd, taken over), 0
 * at the end or -1 with err set. Only one part is held at a time. done as above. */
typedef int (*sk_zip_next_fn)(void *ctx, char **name, char **data, size_t *len, int *how, sk_err *err);
void sk_zip_add_parts(sk_zip *p, sk_zip_next_fn next, void *ctx, void (*done)(void *ctx));
/* A part deflated by its producer while it writes it, a piece at a time, so that
 * each piece is deflated while it is still in the cache (a large standard's
 * word/document.xml is 5.6 MB): sk_zip_deflater_feed gives it the bytes in order,
 * sk_zip_add_deflated adds the part (the bytes sk_zip_add would have written:
 * stored under 2 KB, else deflated the same way) and frees d. */
typedef struct sk_zip_deflater sk_zip_deflater;
sk_zip_deflater *sk_zip_deflater_new(void);
int sk_zip_deflater_feed(sk_zip_deflater *d, const char *data, size_t n);
int sk_zip_add_deflated(sk_zip *p, const char *name, sk_zip_deflater *d, sk_err *err);
void sk_zip_deflater_free(sk_zip_deflater *d);
/* Data of part name, or NULL (also for a stream part; a part added deflated is
 * inflated for it, once). */
const char *sk_zip_get(const sk_zip *p, const char *name, size_t *len);
size_t sk_zip_count(const sk_zip *p);
/* Name of the i-th part (in order), or NULL past the end. */
const char *sk_zip_name(const sk_zip *p, size_t i);
/* The time stamp of every entry (default: sk_pkg_time()). */
void sk_zip_set_time(sk_zip *p, time_t t);

/* Finishes the XML writer x (xmlw.h) and adds its document as part name, deflated;
 * *dropped (may be NULL) gets the characters XML could not hold added. -1 with err
 * when the writer failed (it is freed either way). */
struct sk_xmlw;
int sk_zip_add_xml(sk_zip *p, const char *name, struct sk_xmlw *x, size_t *dropped, sk_err *err);

/* The archive's bytes. Returns 0, or -1 with err set. */
int sk_zip_bytes(const sk_zip *p, char **out, size_t *len, sk_err *err);
/* Writes the archive to the open descriptor fd (a regular file: the local header
 * of a stream part is filled in by pwrite once its size is known). */
int sk_zip_write_fd(const sk_zip *p, int fd, sk_err *err);
/* Writes the archive into path, which must not exist yet (O_EXCL; removed again on
 * failure; messages name name, or path when NULL). */
int sk_zip_write_new(const sk_zip *p, const char *path, const char *name, sk_err *err);
/* Writes the archive into a new temporary file beside path (sk_fs_write_tmp):
 * *tmp gets its name, the caller renames or removes it. -1 with err naming path
 * (no file left). */
int sk_zip_write_tmp(const sk_zip *p, const char *path, char **tmp, sk_err *err);
/* Writes the archive to path atomically. Refuses (-1, err naming path) when path
 * is one of inputs[0..ninputs) or a directory. */
int sk_zip_write(const sk_zip *p, const char *path, const char *const *inputs, size_t ninputs, sk_err *err);

/* ---- reading ---- */
/* The one reader of ZIP containers a user hands us (a reference DOCX or ODT, an
 * XLSX workbook, a document to import), with one set of limits so a hostile file
 * cannot exhaust memory: at most SK_ZIP_MAX_ENTRIES entries, each part at most
 * SK_ZIP_MAX_PART bytes uncompressed as declared and as inflated (a part that
 * inflates past its declared size is refused), the archive consistent
 * (ZIP_CHECKCONS) and no part name given twice. Part names are matched without
 * case, as OPC says. Messages name the file and the part. */
typedef struct sk_zip_reader sk_zip_reader;

/* what names the kind of file in messages ("a DOCX or ODT", "an XLSX workbook"). */
int sk_zip_open(sk_zip_reader **out, const char *path, const char *what, sk_err *err);
void sk_zip_close(sk_zip_reader *r);
/* Reads part name: 1 found (*data malloc'd, NUL-terminated), 0 absent, -1 error. */
int sk_zip_read(sk_zip_reader *r, const char *name, char **data, size_t *len, sk_err *err);
/* The same with a lower limit than SK_ZIP_MAX_PART for this part (a reader that
 * knows how large its part can sensibly be), checked on the declared size before
 * anything is inflated. */
int sk_zip_read_max(sk_zip_reader *r, const char *name, size_t max, char **data, size_t *len, sk_err *err);
/* Reads and parses an XML part through the XML guard (xml.h): 1 found (*doc is an
 * xmlDocPtr), 0 absent, -1 error. */
int sk_zip_read_xml(sk_zip_reader *r, const char *name, void **doc, sk_err *err);
/* The same, refusing before the parse (-1, "NAME holds more than MAX TAG elements")
 * a part in which the text tag ("<w:style ") occurs more than max times: a DOM of
 * hundreds of thousands of styles takes a gigabyte. */
int sk_zip_read_xml_max(sk_zip_reader *r, const char *name, const char *tag, size_t max, void **doc, sk_err *err);
#endif
