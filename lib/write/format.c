#include "write/format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    unsigned bit;
} formats[] = {
    { "docx", SK_FORMAT_DOCX },
    { "odt", SK_FORMAT_ODT },
    { "pdf", SK_FORMAT_PDF },
    { "csv", SK_FORMAT_CSV },
};
#define NFORMATS (sizeof formats / sizeof formats[0])

const char *sk_format_names(unsigned allowed)
{
    /* one string per set of formats, built once per thread (the sets are few) */
    static _Thread_local char names[1u << NFORMATS][8 * NFORMATS];
    allowed &= (1u << NFORMATS) - 1;
    char *s = names[allowed];
    if (!*s) {
        for (size_t i = 0; i < NFORMATS; i++)
            if (allowed & formats[i].bit) {
                if (*s)
                    strcat(s, ", ");
                strcat(s, formats[i].name);
            }
    }
    return s;
}

const char *sk_format_ext(unsigned bit)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (formats[i].bit == bit)
            return formats[i].name;
    return "";
}

unsigned sk_format_of_name(const char *name, unsigned allowed)
{
    size_t n = name ? strlen(name) : 0;
    for (size_t i = 0; i < NFORMATS; i++) {
        size_t e = strlen(formats[i].name);
        if ((allowed & formats[i].bit) && n > e + 1 && name[n - e - 1] == '.' && name[n - e - 2] != '/' &&
            !strcasecmp(name + n - e, formats[i].name))
            return formats[i].bit;
    }
    return 0;
}

int sk_format_parse(const char *list, unsigned allowed, unsigned *out, sk_err *err)
{
    char *copy = sk_strdup(list), *save = NULL;
    unsigned bits = 0;
    int rc = 0;
    for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
        size_t i;
        for (i = 0; i < NFORMATS && (strcasecmp(formats[i].name, w) || !(allowed & formats[i].bit)); i++)
            ;
        if (i == NFORMATS) {
            sk_err_set(err, "unknown format '%s' (known: %s)", w, sk_format_names(allowed));
            rc = -1;
            break;
        }
        bits |= formats[i].bit;
    }
    if (!rc && !bits) {
        sk_err_set(err, "no format given (known: %s)", sk_format_names(allowed));
        rc = -1;
    }
    free(copy);
    if (!rc)
        *out = bits;
    return rc;
}
