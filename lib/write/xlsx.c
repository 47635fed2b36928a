#include "write/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/xmlw.h"
#include "base/zip.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"

void sk_xlsx_col(size_t col, char *out)
{
    char tmp[4];
    int n = 0;
    for (size_t c = col + 1; c && n < 3; c = (c - 1) / 26)
        tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Display width of a cell: CJK characters count two. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0xE0 ? 2 : 1;
    return w;
}

static void add_static(sk_zip *z, const char *name, const char *xml)
{
    sk_zip_add_copy(z, name, xml, strlen(xml), SK_ZIP_DEFLATE);
}

static int add_sheet(sk_zip *z, size_t i, const sk_xlsx_sheet *s, sk_err *err)
{
    char ref[32], col[4];
    sk_xmlw *w = sk_xmlw_new();
    sk_xmlw_start(w, "worksheet");
    sk_xmlw_attr(w, "xmlns", NS_MAIN);
    sk_xmlw_attr(w, "xmlns:r", NS_REL);
    if (s->nrows) { /* the header stays in view */
        sk_xmlw_start(w, "sheetViews");
        sk_xmlw_start(w, "sheetView");
        sk_xmlw_attr(w, "workbookViewId", "0");
        sk_xmlw_leaf(w, "pane", "ySplit", "1", "topLeftCell", "A2", "activePane", "bottomLeft", "state", "frozen",
                     NULL);
        sk_xmlw_end(w);
        sk_xmlw_end(w);
    }
    if (s->ncols) {
        sk_xmlw_start(w, "cols");
        for (size_t c = 0; c < s->ncols; c++) {
            size_t wid = 8;
            for (size_t r = 0; r < s->nrows; r++) {
                const char *t = s->cells[r * s->ncols + c];
                size_t x = t ? text_width(t) + 2 : 0;
                wid = x > wid ? x : wid;
            }
            char num[16];
            snprintf(num, sizeof num, "%zu", wid > 60 ? 60 : wid);
            sk_xmlw_start(w, "col");
            sk_xmlw_attr_int(w, "min", (long long)c + 1);
            sk_xmlw_attr_int(w, "max", (long long)c + 1);
            sk_xmlw_attr(w, "width", num);
            sk_xmlw_attr(w, "customWidth", "1");
            sk_xmlw_end(w);
        }
        sk_xmlw_end(w);
    }
    sk_xmlw_start(w, "sheetData");
    for (size_t r = 0; r < s->nrows; r++) {
        sk_xmlw_start(w, "row");
        sk_xmlw_attr_int(w, "r", (long long)r + 1);
        for (size_t c = 0; c < s->ncols; c++) {
            const char *t = s->cells[r * s->ncols + c];
            if (!t || !*t)
                continue;
            sk_xlsx_col(c, col);
            snprintf(ref, sizeof ref, "%s%zu", col, r + 1);
            sk_xmlw_start(w, "c");
            sk_xmlw_attr(w, "r", ref);
            sk_xmlw_attr(w, "t", "inlineStr");
            if (!r)
                sk_xmlw_attr(w, "s", "1");
            sk_xmlw_start(w, "is");
            sk_xmlw_start(w, "t");
            sk_xmlw_text(w, t);
            sk_xmlw_end(w);
            sk_xmlw_end(w);
            sk_xmlw_end(w);
        }
        sk_xmlw_end(w);
    }
    sk_xmlw_end(w);
    if (s->nlists) {
        sk_xmlw_start(w, "dataValidations");
        sk_xmlw_attr_int(w, "count", (long long)s->nlists);
        for (size_t k = 0; k < s->nlists; k++) {
            sk_xlsx_col(s->lists[k].col, col);
            snprintf(ref, sizeof ref, "%s2:%s%d", col, col, SK_XLSX_LIST_ROWS);
            sk_xmlw_start(w, "dataValidation");
            sk_xmlw_attr(w, "type", "list");
            sk_xmlw_attr(w, "allowBlank", "1");
            sk_xmlw_attr(w, "showErrorMessage", "1");
            sk_xmlw_attr(w, "sqref", ref);
            sk_xmlw_start(w, "formula1");
            sk_xmlw_text(w, s->lists[k].range);
            sk_xmlw_end(w);
            sk_xmlw_end(w);
        }
        sk_xmlw_end(w);
    }
    sk_xmlw_end(w);
    char name[48];
    snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", i + 1);
    return sk_zip_add_xml(z, name, w, NULL, err);
}

int sk_xlsx_bytes(char **out, size_t *len, const sk_xlsx_sheet *sheets, size_t n, sk_err *err)
{
    int rc = -1;
    sk_zip *z = sk_zip_new();
    sk_buf ct, rels;
    sk_buf_init(&ct);
    sk_buf_init(&rels);
    sk_buf_puts(&ct, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                     "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                     "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                     "officedocument.spreadsheetml.sheet.main+xml\"/>"
                     "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
                     "officedocument.spreadsheetml.styles+xml\"/>");
    for (size_t i = 0; i < n; i++)
        sk_buf_printf(&ct, "<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\"application/"
                           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>", i + 1);
    sk_buf_puts(&ct, "</Types>\n");
    size_t ctlen = ct.len;
    sk_zip_add(z, "[Content_Types].xml", sk_buf_detach(&ct), ctlen, SK_ZIP_DEFLATE);
    add_static(z, "_rels/.rels",
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
               "<Relationships xmlns=\"" NS_PKG_REL "\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats"
               ".org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>\n");
    sk_xmlw *w = sk_xmlw_new();
    sk_xmlw_start(w, "workbook");
    sk_xmlw_attr(w, "xmlns", NS_MAIN);
    sk_xmlw_attr(w, "xmlns:r", NS_REL);
    sk_xmlw_start(w, "sheets");
    for (size_t i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "rId%zu", i + 1);
        sk_xmlw_start(w, "sheet");
        sk_xmlw_attr(w, "name", sheets[i].name);
        sk_xmlw_attr_int(w, "sheetId", (long long)i + 1);
        sk_xmlw_attr(w, "r:id", id);
        sk_xmlw_end(w);
    }
    sk_xmlw_end(w);
    sk_xmlw_end(w);
    if (sk_zip_add_xml(z, "xl/workbook.xml", w, NULL, err) < 0)
        goto done;
    sk_buf_puts(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\""
                       NS_PKG_REL "\">");
    for (size_t i = 0; i < n; i++)
        sk_buf_printf(&rels, "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                             "2006/relationships/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
    sk_buf_printf(&rels, "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships/styles\" Target=\"styles.xml\"/></Relationships>\n", n + 1);
    size_t rlen = rels.len;
    sk_zip_add(z, "xl/_rels/workbook.xml.rels", sk_buf_detach(&rels), rlen, SK_ZIP_DEFLATE);
    /* two cell formats: plain text (@) and the bold header */
    add_static(z, "xl/styles.xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
               "<styleSheet xmlns=\"" NS_MAIN "\">"
               "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"宋体\"/></font>"
               "<font><b/><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>"
               "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
               "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
               "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
               "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
               "<cellXfs count=\"2\"><xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
               "applyNumberFormat=\"1\"/><xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
               "applyFont=\"1\" applyNumberFormat=\"1\"/></cellXfs>"
               "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
               "</styleSheet>\n");
    for (size_t i = 0; i < n; i++)
        if (add_sheet(z, i, &sheets[i], err) < 0)
            goto done;
    rc = sk_zip_bytes(z, out, len, err);
done:
    sk_buf_free(&rels);
    sk_zip_free(z);
    return rc;
}
