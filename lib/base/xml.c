#include "base/xml.h"

#include "base/libxml.h"
#include <string.h>

int sk_xml_check(const char *data, size_t len, const char *what, sk_err *err)
{
    /* refuse any DTD outright: no internal entities, no external subsets */
    if (memmem(data, len, "<!DOCTYPE", 9) || memmem(data, len, "<!ENTITY", 8)) {
        sk_err_set(err, "%s has a DOCTYPE; refusing to read it", what);
        return -1;
    }
    if (len > (size_t)0x7fffffff) {
        sk_err_set(err, "%s is too large", what);
        return -1;
    }
    return 0;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

void sk_xml_quiet(void)
{
    xmlSetGenericErrorFunc(NULL, silent);
}

int sk_xml_options(void)
{
    return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
}

void *sk_xml_parse_safe(const char *data, size_t len, const char *what, sk_err *err)
{
    if (sk_xml_check(data, len, what, err) < 0)
        return NULL;
    sk_xml_quiet();
    xmlDocPtr d = xmlReadMemory(data, (int)len, NULL, NULL, sk_xml_options());
    if (!d) {
        const xmlError *e = xmlGetLastError();
        sk_err_set(err, "%s is not well-formed XML%s%s", what, e && e->message ? ": " : "",
                   e && e->message ? e->message : "");
        size_t l = strlen(err->msg);
        if (l && err->msg[l - 1] == '\n')
            err->msg[l - 1] = '\0';
        return NULL;
    }
    if (d->intSubset || d->extSubset) {
        xmlFreeDoc(d);
        sk_err_set(err, "%s has a DOCTYPE; refusing to read it", what);
        return NULL;
    }
    return d;
}
