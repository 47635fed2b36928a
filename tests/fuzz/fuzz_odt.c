/* libFuzzer target: the ODT reader (input/odf) and the import behind it. The input
 * is the XML of content.xml and styles.xml, separated by "\n====\n", packed into a
 * package with its stored mimetype here (a part left out: a minimal content.xml, no
 * styles.xml). What the reader accepts goes through recognition, the source writer
 * and the reader of the source written (fuzz/import.h). */
#include <stddef.h>
#include <stdint.h>

#include "input/odf.h"
#include "import.h"

static const char *const names[] = { "content.xml", "styles.xml" };
static const char *const defaults[] = {
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:h "
    "text:outline-level=\"1\">1 范围</text:h></office:text></office:body></office:document-content>",
    NULL,
};
static const char *const fixed[][2] = { { "mimetype", "application/vnd.oasis.opendocument.text" } };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_package(data, size, ".odt", names, defaults, 2, fixed, 1);
    if (!path)
        return 0;
    sk_flow flow;
    sk_err err;
    sk_err_clear(&err);
    if (sk_odf_read(&flow, path, &err) == 0) {
        fuzz_import_flow(&flow);
        sk_flow_free(&flow);
    }
    unlink(path);
    return 0;
}
