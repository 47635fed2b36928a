/* libFuzzer target: the XLSX reader's XML parsing. A zip archive from random bytes
 * almost never gets past the CRC checks, so the input is the XML of the parts,
 * separated by "\n====\n" (worksheet, shared strings, styles, workbook), packed into
 * a well-formed workbook here; parts left out get a minimal default. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "input/records.h"
#include "tmpfile.h"

static const char *const names[] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                      "xl/workbook.xml" };
static const char *const defaults[] = {
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
    "</sheetData></worksheet>",
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>name</t></si></sst>",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"1\">"
    "<xf numFmtId=\"14\"/></cellXfs></styleSheet>",
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
};
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static void add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *s = zip_source_buffer(z, p, n, 0);
    if (s && zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0)
        zip_source_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch(".xlsx", "", 0);
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z)
        return 0;
    const char *p = (const char *)data, *end = p + size;
    for (int i = 0; i < 4; i++) {
        const char *sep = p < end ? memmem(p, (size_t)(end - p), "\n====\n", 6) : NULL;
        const char *stop = sep ? sep : end;
        if (p < end)
            add(z, names[i], p, (size_t)(stop - p));
        else
            add(z, names[i], defaults[i], strlen(defaults[i]));
        p = sep ? sep + 6 : end;
    }
    add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
    if (zip_close(z) < 0) {
        zip_discard(z);
        unlink(path);
        return 0;
    }
    sk_dataset *d = NULL;
    sk_err err;
    if (sk_records_load(&d, path, NULL, &err) == 0)
        sk_records_free(d);
    unlink(path);
    return 0;
}
