#define SK_LIBXML_IMPL
#include "base/libxml.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* The soname libxml2 2.9 and later are installed under (Debian: libxml2). */
#define SK_LIBXML_SONAME "libxml2.so.2"

static sk_libxml_api api;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    void *h = dlopen(SK_LIBXML_SONAME, RTLD_NOW | RTLD_LOCAL);
    const char *missing = NULL;
    if (h) {
#define SK_LIBXML_LOAD(f)                                                                                              \
    if (!(api.f = (__typeof__(f) *)dlsym(h, #f)) && !missing)                                                          \
        missing = #f;
        SK_LIBXML_FUNCS(SK_LIBXML_LOAD)
#undef SK_LIBXML_LOAD
        if (!(api.xmlFree = (xmlFreeFunc *)dlsym(h, "xmlFree")) && !missing)
            missing = "xmlFree";
    }
    if (!h || missing) {
        fprintf(stderr, "stdkit: cannot load libxml2 (%s%s%s)\n", h ? "no function " : "", h ? missing : dlerror(),
                h ? " in " SK_LIBXML_SONAME : "");
        exit(2);
    }
    /* libxml2's global set-up, before any thread parses (the load runs once, here) */
    api.xmlInitParser();
}

const sk_libxml_api *sk_libxml_get(void)
{
    pthread_once(&once, load);
    return &api;
}
