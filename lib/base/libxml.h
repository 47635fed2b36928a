/* libxml — libxml2, loaded the first time it is used.
 *
 * Most runs never parse XML (stdgen on a standard calls libxml2 only for HTML
 * tables and reference documents), but linking libxml2 makes every process load
 * it with ICU and libstdc++ behind it: 1.3 ms of CPU at every start, a twentieth
 * of stdgen on a 350 KB standard. So the tools do not link it: the files that
 * use it include this header instead of <libxml/...>, and each libxml2 function
 * they call is a pointer filled in by dlopen/dlsym on the first call of any (as
 * systemd loads its optional libraries). The load is done once, thread-safely,
 * and runs xmlInitParser; if libxml2 cannot be loaded the process stops with a
 * message, as on running out of memory. */
#ifndef SK_LIBXML_H
#define SK_LIBXML_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* X(name) for every libxml2 function stdkit calls */
#define SK_LIBXML_FUNCS(X)                                                                                             \
    X(htmlReadMemory) X(xmlAddChild) X(xmlAddPrevSibling) X(xmlCreatePushParserCtxt) X(xmlCtxtUseOptions)             \
    X(xmlDocCopyNode) X(xmlDocDumpMemoryEnc) X(xmlDocGetRootElement) X(xmlFreeDoc) X(xmlFreeParserCtxt) \
    X(xmlGetLastError) X(xmlGetLineNo) X(xmlGetNsProp) X(xmlGetProp) X(xmlInitParser) X(xmlNewDocNode) X(xmlNewNs)   \
    X(xmlNodeGetContent) X(xmlNodeListGetString) X(xmlParseChunk) X(xmlReadMemory) X(xmlReconciliateNs)              \
    X(xmlSearchNsByHref) X(xmlSetGenericErrorFunc) X(xmlSetNsProp) X(xmlStopParser) X(xmlUnsetNsProp)

typedef struct sk_libxml_api {
#define SK_LIBXML_MEMBER(f) __typeof__(f) *f;
    SK_LIBXML_FUNCS(SK_LIBXML_MEMBER)
#undef SK_LIBXML_MEMBER
    xmlFreeFunc *xmlFree; /* a variable of libxml2's: the free function of what it allocates */
} sk_libxml_api;

/* The functions, libxml2 loaded and initialised on the first call. */
const sk_libxml_api *sk_libxml_get(void);

#ifndef SK_LIBXML_IMPL
#define htmlReadMemory (sk_libxml_get()->htmlReadMemory)
#define xmlAddChild (sk_libxml_get()->xmlAddChild)
#define xmlAddPrevSibling (sk_libxml_get()->xmlAddPrevSibling)
#define xmlCreatePushParserCtxt (sk_libxml_get()->xmlCreatePushParserCtxt)
#define xmlCtxtUseOptions (sk_libxml_get()->xmlCtxtUseOptions)
#define xmlDocCopyNode (sk_libxml_get()->xmlDocCopyNode)
#define xmlDocDumpMemoryEnc (sk_libxml_get()->xmlDocDumpMemoryEnc)
#define xmlDocGetRootElement (sk_libxml_get()->xmlDocGetRootElement)
#define xmlFree (*sk_libxml_get()->xmlFree)
#define xmlFreeDoc (sk_libxml_get()->xmlFreeDoc)
#define xmlFreeParserCtxt (sk_libxml_get()->xmlFreeParserCtxt)
#define xmlGetLastError (sk_libxml_get()->xmlGetLastError)
#define xmlGetLineNo (sk_libxml_get()->xmlGetLineNo)
#define xmlGetNsProp (sk_libxml_get()->xmlGetNsProp)
#define xmlGetProp (sk_libxml_get()->xmlGetProp)
#define xmlInitParser (sk_libxml_get()->xmlInitParser)
#define xmlNewDocNode (sk_libxml_get()->xmlNewDocNode)
#define xmlNewNs (sk_libxml_get()->xmlNewNs)
#define xmlNodeGetContent (sk_libxml_get()->xmlNodeGetContent)
#define xmlNodeListGetString (sk_libxml_get()->xmlNodeListGetString)
#define xmlParseChunk (sk_libxml_get()->xmlParseChunk)
#define xmlReadMemory (sk_libxml_get()->xmlReadMemory)
#define xmlReconciliateNs (sk_libxml_get()->xmlReconciliateNs)
#define xmlSearchNsByHref (sk_libxml_get()->xmlSearchNsByHref)
#define xmlSetGenericErrorFunc (sk_libxml_get()->xmlSetGenericErrorFunc)
#define xmlSetNsProp (sk_libxml_get()->xmlSetNsProp)
#define xmlStopParser (sk_libxml_get()->xmlStopParser)
#define xmlUnsetNsProp (sk_libxml_get()->xmlUnsetNsProp)
#endif

#endif
