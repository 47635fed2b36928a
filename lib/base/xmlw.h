/* xmlw — a small checked XML writer, one document to memory, writing the bytes
 * libxml2's xmlTextWriter writes for the same calls (it used to wrap it; writing
 * straight into the buffer is three times faster, which a batch of thousands of
 * filled forms needs). Every call after the first failure does nothing (the
 * error is latched), so call sites stay linear and are checked once, at
 * sk_xmlw_finish. Text and attribute values go through the writer's escaping
 * after characters XML 1.0 cannot hold are dropped (C0 controls other than TAB,
 * LF and CR; U+FFFE; U+FFFF; bytes that are not UTF-8); the drops are counted
 * so callers can warn. Output is never indented: indentation would add text to
 * mixed content. Names are written as given ("w:p"): declare the namespaces
 * once on the root with sk_xmlw_attr(w, "xmlns:w", URI). */
#ifndef SK_XMLW_H
#define SK_XMLW_H

#include <stddef.h>
#include <string.h>

#include "base/common.h"

typedef struct sk_xmlw sk_xmlw;

/* Starts a document with <?xml version="1.0" encoding="UTF-8" standalone="yes"?>. */
sk_xmlw *sk_xmlw_new(void);
void sk_xmlw_free(sk_xmlw *w);

/* The _n forms take lengths; the others are inline so that a literal name's
 * length is known when compiling (most names and many values are literals). */
void sk_xmlw_start_n(sk_xmlw *w, const char *name, size_t n);
void sk_xmlw_attr_n(sk_xmlw *w, const char *name, size_t n, const char *value, size_t vn);
void sk_xmlw_attr_int(sk_xmlw *w, const char *name, long long value);
void sk_xmlw_text_n(sk_xmlw *w, const char *s, size_t n);
/* Closes the innermost open element (as <x/> when it has no content). */
void sk_xmlw_end(sk_xmlw *w);
/* <name a1="v1" a2="v2"/>: attribute name/value pairs, NULL-terminated. */
void sk_xmlw_leaf(sk_xmlw *w, const char *name, ...);

static inline void sk_xmlw_start(sk_xmlw *w, const char *name)
{
    sk_xmlw_start_n(w, name, strlen(name));
}

static inline void sk_xmlw_attr(sk_xmlw *w, const char *name, const char *value)
{
    sk_xmlw_attr_n(w, name, strlen(name), value, strlen(value));
}

static inline void sk_xmlw_text(sk_xmlw *w, const char *s)
{
    sk_xmlw_text_n(w, s, strlen(s));
}

/* <name val_attr="value"/>, the commonest WordprocessingML shape (<w:pStyle w:val="X"/>). */
static inline void sk_xmlw_val(sk_xmlw *w, const char *name, const char *val_attr, const char *value)
{
    sk_xmlw_start(w, name);
    sk_xmlw_attr(w, val_attr, value);
    sk_xmlw_end(w);
}

/* A writer for a piece of a document (no declaration): what is written into it
 * goes into another writer with sk_xmlw_take, as a part written out of order
 * (ODF's tracked changes, which precede the text they describe). */
sk_xmlw *sk_xmlw_new_fragment(void);
/* Appends frag's elements (all closed) as content of w's innermost open element,
 * its dropped characters counted in w's, and frees frag. w fails when frag failed
 * or has an element open. */
void sk_xmlw_take(sk_xmlw *w, sk_xmlw *frag);
/* Bytes written into w so far (a fragment: whether it holds anything). */
size_t sk_xmlw_size(const sk_xmlw *w);

/* Appends bytes as they are (well-formed XML the caller vouches for: a fragment
 * another writer wrote), closing an open start tag first. */
void sk_xmlw_raw(sk_xmlw *w, const char *s, size_t n);

/* True once a call has failed. */
int sk_xmlw_failed(const sk_xmlw *w);
/* Characters dropped so far (see above). */
size_t sk_xmlw_dropped(const sk_xmlw *w);

/* Ends the document (closing what is still open) and hands the bytes over
 * (malloc'd; not NUL-terminated beyond len, but a NUL follows). Returns 0, or -1
 * with err naming what failed. The writer is freed either way. */
int sk_xmlw_finish(sk_xmlw *w, char **out, size_t *len, sk_err *err);

/* Streaming a large document out while it is written: sk_xmlw_drain moves up to
 * max of the bytes written so far (from the declaration on) into dst and returns
 * how many; sk_xmlw_pending tells how many are waiting. sk_xmlw_end_document
 * closes what is still open and adds the final newline (0, or -1 with err when a
 * call failed); drain the rest, then sk_xmlw_free. */
size_t sk_xmlw_drain(sk_xmlw *w, char *dst, size_t max);
/* The same without a copy: hands every byte written so far to put(ctx, bytes, n)
 * in one call, and empties the buffer. */
void sk_xmlw_hand(sk_xmlw *w, void (*put)(void *ctx, const char *s, size_t n), void *ctx);
size_t sk_xmlw_pending(const sk_xmlw *w);
int sk_xmlw_end_document(sk_xmlw *w, sk_err *err);

/* The end of a writer whose content may have failed elsewhere: when ok, as
 * sk_xmlw_finish with the dropped characters added to *dropped; otherwise frees w
 * and returns -1 (err already says why). */
int sk_xmlw_finish_if(sk_xmlw *w, int ok, char **out, size_t *len, size_t *dropped, sk_err *err);

/* Copies s without the characters XML 1.0 cannot hold; adds the count to *dropped.
 * Returns NULL (and drops nothing) when s is already clean. */
char *sk_xmlw_clean(const char *s, size_t n, size_t *out_len, size_t *dropped);

#endif
