/* libFuzzer target: the DOCX reader (input/ooxml) and the import behind it. A ZIP
 * from random bytes almost never gets past the CRC checks, so the input is the XML
 * of the parts, separated by "\n====\n" (document, styles, numbering, footnotes),
 * packed into a package here with its content types and relationships and one image;
 * a part left out is absent (the document gets a minimal one). What the reader
 * accepts goes through recognition, the source writer and the reader of the source
 * written (fuzz/import.h). Must never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "input/ooxml.h"
#include "import.h"

static const char *const names[] = { "word/document.xml", "word/styles.xml", "word/numbering.xml",
                                      "word/footnotes.xml" };
static const char *const defaults[] = {
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
    "<w:t>1 范围</w:t></w:r></w:p></w:body></w:document>",
    NULL, NULL, NULL,
};
/* a 1×1 PNG, so that image references find a part */
static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0"
                          "\rIDATx\x9c" "c\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xae" "B`\x82";
static const char *const fixed[][2] = {
    { "[Content_Types].xml",
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
      "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>" },
    { "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
      "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"word/document.xml\"/></Relationships>" },
    { "word/_rels/document.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
      "Target=\"media/image1.png\"/><Relationship Id=\"rId6\" Type=\"http://schemas.openxmlformats.org/"
      "officeDocument/2006/relationships/hyperlink\" Target=\"https://example.org/\" TargetMode=\"External\"/>"
      "</Relationships>" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_package(data, size, ".docx", names, defaults, 4, fixed, 3);
    if (!path)
        return 0;
    /* the image, binary: added apart */
    int zerr;
    zip_t *z = zip_open(path, 0, &zerr);
    if (z) {
        zip_source_t *s = zip_source_buffer(z, png, sizeof png - 1, 0);
        if (s && zip_file_add(z, "word/media/image1.png", s, ZIP_FL_OVERWRITE) < 0)
            zip_source_free(s);
        if (zip_close(z) < 0)
            zip_discard(z);
    }
    sk_flow flow;
    sk_err err;
    sk_err_clear(&err);
    if (sk_ooxml_read(&flow, path, &err) == 0) {
        fuzz_import_flow(&flow);
        sk_flow_free(&flow);
    }
    unlink(path);
    return 0;
}
