/* libFuzzer target: any bytes as a CSV data file (encoding detection, GB18030
 * conversion, quoting, header rules), as a table and as one --rows record. */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "input/records.h"
#include "tmpfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch(".csv", data, size);
    sk_dataset *d = NULL;
    sk_err err;
    sk_records_opts o = { 0 };
    if (sk_records_load(&d, path, &o, &err) == 0) {
        for (size_t i = 0; i < d->n && d->ncolumns; i++)
            sk_records_get(d->recs[i], d->columns[0]);
        sk_records_free(d);
    }
    o.rows_list = "items";
    o.encoding = size && (data[0] & 1) ? "GBK" : NULL;
    if (sk_records_load(&d, path, &o, &err) == 0)
        sk_records_free(d);
    unlink(path);
    return 0;
}
