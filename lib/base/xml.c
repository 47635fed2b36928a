#include "base/xml.h"

#include <libxml/parser.h>
#include <string.h>

void *sk_xml_parse_safe(const char *data, size_t len, const char *what, sk_err *err)
{
    /* refuse any DTD outright: no internal entities, no external subsets */
    if (memmem(data, len, "<!DOCTYPE", 9) || memmem(data, len, "<!ENTITY", 8)) {
        sk_err_set(err, "%s has a DOCTYPE; refusing to read it", what);
        return NULL;
    }
    if (len > (size_t)0x7fffffff) {
        sk_err_set(err, "%s is too large", what);
        return NULL;
    }
    xmlDocPtr d = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
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
