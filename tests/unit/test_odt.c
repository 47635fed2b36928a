/* ODT writer: the generated parts are parsed with libxml2 and checked with XPath. */
#include "layout/fill.h"
#include "helpers.h"

#include <stdio.h>
#include <unistd.h>

#include "write/odt.h"
#include "base/zip.h"
#include "layout/style.h"
#include "base/templates.h"
#include "layout/layout.h"
#include "xpath.h"
#include "gbt.h"
#include "writer_std.h"


static const xp_ns NS[] = {
    { "office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0" },
    { "style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0" },
    { "text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
    { "table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
    { "draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" },
    { "fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" },
    { "xlink", "http://www.w3.org/1999/xlink" },
    { "dc", "http://purl.org/dc/elements/1.1/" },
    { "meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
    { "svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" },
    { "manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" },
    { NULL, NULL },
};

static void load_part(rendered *r, const char *part)
{
    xp_load_part(r, part, NS);
}

static void render_opts(rendered *r, const char *md, const sk_odt_opts *opts)
{
    sk_err err;
    sk_odt_opts o = { 0 };
    if (opts)
        o = *opts;
    xp_model(r, md);
    sk_err_clear(&err);
    if (sk_odt_build(&r->pkg, r->doc, &o, &r->dropped, &err) != 0)
        fail_msg("sk_odt_build: %s", err.msg);
    load_part(r, "content.xml");
}

static int setup_std(void **state)
{
    rendered *r = sk_malloc(sizeof *r);
    render_opts(r, STD, NULL);
    *state = r;
    return 0;
}

/* paragraphs and headings of a style */
#define P(style) "//text:p[@text:style-name='" style "']"
#define H(style) "//text:h[@text:style-name='" style "']"

static void test_chapter_heading_is_an_outline_heading_with_bookmark(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, H("Heading_20_1") "[@text:outline-level='1'][string(.)='5　活动要求']");
    assert_count(r, 1, H("Heading_20_1") "[string(.)='5　活动要求']/text:bookmark-start[starts-with(@text:name,'_Toc')]");
    assert_count(r, 1, H("Heading_20_2") "[@text:outline-level='2'][string(.)='5.2　具体要求']");
    assert_count(r, 5, H("Heading_20_1"));
    /* the titles of 前言 and the annexes are level-1 headings too; the 目次 title is not */
    assert_count(r, 1, H("GB_20_Foreword_20_Title") "[@text:outline-level='1']");
    assert_count(r, 1, P("GB_20_TOC_20_Title") "[string(.)='目　　次']");
}

static void test_reference_links_to_the_heading_bookmark(void **state)
{
    rendered *r = *state;
    char *target = str(r, H("Heading_20_2") "[string(.)='5.2　具体要求']/text:bookmark-start/@text:name");
    assert_true(strlen(target) > 4);
    assert_int_equal((int)numf(r, "count(//text:p//text:a[@xlink:type='simple'][@xlink:href='#%s'][string(.)='5.2'])",
                               target), 1);
    char *annex = str(r, H("GB_20_Annex_20_Title") "/text:bookmark-start/@text:name");
    assert_true(numf(r, "count(//text:a[@xlink:href='#%s'][string(.)='附录A'])", annex) >= 1);
    char *tab = str(r, P("GB_20_Table_20_Title") "[starts-with(string(.),'表1')]/text:bookmark-start/@text:name");
    assert_int_equal((int)numf(r, "count(//text:a[@xlink:href='#%s'][string(.)='表1'])", tab), 1);
    /* a reference prints like the text: its link carries the cross-reference style */
    assert_count(r, 0, "//text:a[starts-with(@xlink:href,'#')][not(@text:style-name='GB_20_Cross_20_Reference')]");
    free(target);
    free(annex);
    free(tab);
}

static void test_bookmarks_pair_and_every_link_resolves(void **state)
{
    rendered *r = *state;
    assert_count(r, 0, "//text:bookmark-start[@text:name = preceding::text:bookmark-start/@text:name]");
    assert_int_equal((int)num(r, "count(//text:bookmark-start)"), (int)num(r, "count(//text:bookmark-end)"));
    assert_count(r, 0, "//text:bookmark-start[not(@text:name = //text:bookmark-end/@text:name)]");
    assert_true(num(r, "count(//text:a[starts-with(@xlink:href,'#')])") > 5);
    assert_count(r, 0, "//text:a[starts-with(@xlink:href,'#')]"
                       "[not(substring(@xlink:href,2) = //text:bookmark-start/@text:name)]");
}

static void test_table_header_rows_widths_and_notes(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GB_20_Table_20_Title") "[string(.)='表1　活动记录']");
    assert_count(r, 1, P("GB_20_Table_20_Title") "[string(.)='表A.1　登记']");
    const char *t1 = "//table:table[preceding-sibling::*[1][string(.)='表1　活动记录']]";
    assert_int_equal((int)numf(r, "count(%s)", t1), 1);
    /* the header row repeats: it is in table-header-rows */
    assert_int_equal((int)numf(r, "count(%s/table:table-header-rows/table:table-row)", t1), 1);
    char *hs = strf(r, "string(%s/table:table-header-rows//text:p[1]/@text:style-name)", t1);
    assert_int_equal((int)numf(r, "count(//style:style[@style:name='%s'][@style:parent-style-name='GB_20_Table_20_Heading'])",
                               hs), 1);
    free(hs);
    assert_int_equal((int)numf(r, "count(%s/table:table-column)", t1), 2);
    /* the column styles add up to the text width (165 mm) */
    char *c1 = strf(r, "string(%s/table:table-column[1]/@table:style-name)", t1);
    char *c2 = strf(r, "string(%s/table:table-column[2]/@table:style-name)", t1);
    double w1 = numf(r, "number(substring-before(//style:style[@style:name='%s']/style:table-column-properties/"
                        "@style:column-width,'mm'))", c1);
    double w2 = numf(r, "number(substring-before(//style:style[@style:name='%s']/style:table-column-properties/"
                        "@style:column-width,'mm'))", c2);
    assert_true(w1 + w2 > 164.95 && w1 + w2 < 165.05);
    free(c1);
    free(c2);
    /* the notes: a last row, one cell across both columns, then a covered cell */
    assert_int_equal((int)numf(r, "number(%s/table:table-row[last()]/table:table-cell/@table:number-columns-spanned)",
                               t1), 2);
    assert_int_equal((int)numf(r, "count(%s/table:table-row[last()]/table:covered-table-cell)", t1), 1);
    assert_int_equal((int)numf(r, "count(%s/table:table-row[last()]//text:p[@text:style-name='GB_20_Table_20_Note'])",
                               t1), 2);
    /* short: kept on one page */
    char *st = strf(r, "string(%s/@table:style-name)", t1);
    assert_string_equal(st, "TblKeep");
    free(st);
    assert_count(r, 1, "//style:style[@style:name='TblKeep']/style:table-properties[@style:may-break-between-rows='false']");
}

static void test_table_frame_is_drawn_by_the_cells(void **state)
{
    rendered *r = *state;
    const char *t1 = "//table:table[preceding-sibling::*[1][string(.)='表1　活动记录']]";
    /* header cells: top and left/right frame sides, the thick rule below */
    char *h1 = strf(r, "string(%s/table:table-header-rows/table:table-row/table:table-cell[1]/@table:style-name)", t1);
    assert_int_equal((int)numf(r, "count(//style:style[@style:name='%s']/style:table-cell-properties"
                                   "[@fo:border-top='1.5pt solid #000000'][@fo:border-left='1.5pt solid #000000']"
                                   "[@fo:border-bottom='1.5pt solid #000000'][@fo:border-right='0.5pt solid #000000'])",
                               h1), 1);
    /* a body cell inside: no top (the row above draws it), thin right and bottom */
    char *b2 = strf(r, "string(%s/table:table-row[1]/table:table-cell[2]/@table:style-name)", t1);
    assert_int_equal((int)numf(r, "count(//style:style[@style:name='%s']/style:table-cell-properties"
                                   "[@fo:border-top='none'][@fo:border-right='1.5pt solid #000000'])", b2), 1);
    free(h1);
    free(b2);
}

static void test_note_labels_and_annex_lines(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GB_20_Note") "[string(.)='注：单独的注。']");
    assert_count(r, 1, P("GB_20_Note") "/text:span[1][@text:style-name='GB_20_Label'][string(.)='注：']");
    assert_count(r, 1, H("GB_20_Annex_20_Title"));
    assert_count(r, 2, H("GB_20_Annex_20_Title") "/text:line-break");
    assert_xpath_str(r, "附录A（规范性）记录表", H("GB_20_Annex_20_Title"));
}

static void test_escaping_control_characters_and_spaces(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("Text_20_body") "[string(.)='内容<&]]>结束。']");
    assert_int_equal((int)r->dropped, 1);
    size_t len;
    const char *raw = sk_zip_get(r->pkg, "content.xml", &len);
    assert_non_null(memmem(raw, len, "&lt;&amp;]]&gt;", 15));
    /* two spaces: one literal, the next as text:s (ODF collapses runs of spaces) */
    assert_non_null(memmem(raw, len, "a <text:s/>b", 12));
    /* never indented: no whitespace between elements after the declaration */
    const char *root = memmem(raw, len, "<office:document-content", 24);
    assert_non_null(root);
    assert_null(memmem(root, len - (size_t)(root - raw), ">\n<", 3));
    assert_null(memmem(root, len - (size_t)(root - raw), "> <", 3));
}

static void test_list_markers(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GB_20_List_20_1") "[string(.)='——第一项；']");
    assert_count(r, 1, P("GB_20_List_20_2") "[string(.)='·子项；']");
    assert_count(r, 1, P("GB_20_List_20_1") "[text:tab][string(.)='a)甲；']");
    assert_count(r, 1, P("GB_20_List_20_1") "[string(.)='b)乙。']");
}

static void test_term_entry(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GB_20_Term_20_Number") "[string(.)='3.1']/text:bookmark-start");
    assert_count(r, 1, P("GB_20_Term") "[string(.)='测试术语　test term']");
    assert_count(r, 0, P("Text_20_body") "[string(.)='test term']");
}

static void test_toc_is_prefilled(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, "//text:table-of-content[@text:name]/text:table-of-content-source[@text:outline-level='2']");
    assert_count(r, 2, "//text:table-of-content-source/text:table-of-content-entry-template");
    const char *body = "//text:table-of-content/text:index-body";
    /* 前言 first, on a roman page, linked to its bookmark */
    assert_xpath_str(r, "前言", "//text:table-of-content/text:index-body/text:p[1]/text:a/text()[1]");
    assert_xpath_str(r, "II", "//text:table-of-content/text:index-body/text:p[1]/text:a/text()[last()]");
    assert_int_equal((int)numf(r, "count(%s/text:p[@text:style-name='Contents_20_1'][text:a[starts-with(.,'5　活动要求')]])",
                               body), 1);
    assert_int_equal((int)numf(r, "count(%s/text:p[@text:style-name='Contents_20_1'][text:a[starts-with(.,'附录A（规范性）　记录表')]])",
                               body), 1);
    assert_int_equal((int)numf(r, "count(%s/text:p[@text:style-name='Contents_20_2'][text:a[starts-with(.,'5.2　具体要求')]])",
                               body), 1);
    assert_int_equal((int)numf(r, "count(%s/text:p[text:a[starts-with(.,'3.1')]])", body), 0); /* no terms */
    assert_int_equal((int)numf(r, "count(%s/text:p/text:a[not(substring(@xlink:href,2) = //text:bookmark-start/@text:name)])",
                               body), 0);
}

static void test_page_styles_switch_and_number(void **state)
{
    rendered *r = *state;
    /* the parts start with an empty paragraph naming their master page */
    assert_xpath_str(r, "MCover", "string(//office:text/*[1]/@text:style-name)");
    assert_count(r, 1, "//office:automatic-styles/style:style[@style:name='MCover'][@style:master-page-name='Cover']");
    assert_count(r, 1, "//office:automatic-styles/style:style[@style:name='MFront'][@style:master-page-name='Front']"
                       "/style:paragraph-properties[@style:page-number='1']");
    assert_count(r, 1, "//office:automatic-styles/style:style[@style:name='MBody'][@style:master-page-name='Body']"
                       "/style:paragraph-properties[@style:page-number='1']");
    /* in order: cover, 目次 (front), title (body), and the body ends with the end rule */
    assert_count(r, 1, "//text:p[@text:style-name='MFront']/following-sibling::*[1][@text:style-name='GB_20_TOC_20_Title']");
    assert_count(r, 1, "//text:p[@text:style-name='MBody']/following-sibling::*[1][@text:style-name='GB_20_Document_20_Title']");
    assert_count(r, 1, "//text:p[@text:style-name='MBody']/preceding-sibling::text:h[@text:style-name='GB_20_Foreword_20_Title']");
    assert_count(r, 1, "//office:text/*[last()][@text:style-name='GB_20_End_20_Rule']");
    load_part(r, "styles.xml");
    /* roman from the 目次, arabic from the body, mirrored pages */
    assert_count(r, 1, "//style:page-layout[@style:name='pmFront'][@style:page-usage='mirrored']"
                       "/style:page-layout-properties[@style:num-format='I']");
    assert_count(r, 1, "//style:page-layout[@style:name='pmBody']/style:page-layout-properties[@style:num-format='1']");
    /* headers: the number right on odd pages, left on even ones; page numbers below */
    assert_xpath_str(r, "SJDJ/TS 01—2019", "//style:master-page[@style:name='Body']/style:header/text:p");
    assert_xpath_str(r, "HdrR", "string(//style:master-page[@style:name='Body']/style:header/text:p/@text:style-name)");
    assert_xpath_str(r, "HdrL", "string(//style:master-page[@style:name='Body']/style:header-left/text:p/@text:style-name)");
    assert_count(r, 1, "//style:style[@style:name='HdrR']/style:paragraph-properties[@fo:text-align='end']");
    assert_count(r, 1, "//style:master-page[@style:name='Front']/style:footer/text:p/text:page-number");
    assert_count(r, 1, "//style:master-page[@style:name='Front']/style:footer-left/text:p/text:page-number");
    /* the cover: no header, the dates and the issuer at its foot */
    assert_count(r, 0, "//style:master-page[@style:name='Cover']/style:header");
    assert_count(r, 1, "//style:master-page[@style:name='Cover']/style:footer/text:p[@text:style-name='GB_20_Cover_20_Dates']"
                       "[text:tab]");
}

static void test_blank_form(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("Text_20_body") "[starts-with(string(.),'编号：')]/text:span[@text:style-name='GB_20_Form_20_Field']");
    char *blank = str(r, P("Text_20_body") "[starts-with(string(.),'编号：')]/text:span");
    assert_int_equal((int)strlen(blank), 2 * 4 * sk_fill_field_width("card_no")); /* U+00A0 is two bytes */
    free(blank);
    const char *t = "//table:table[preceding-sibling::*[1][string(.)='表A.1　登记']]";
    assert_int_equal((int)numf(r, "count(%s//table:table-row)", t), 1 + SK_FILL_BLANK_ROWS);
    /* the field rows have room to write in */
    assert_int_equal((int)numf(r, "count(%s/table:table-row[@table:style-name='RowF'])", t), SK_FILL_BLANK_ROWS);
    assert_count(r, 1, P("GB_20_Cut_20_Line") "[string(.)='剪切线'][count(text:tab)=2]");
}

static void test_filled_form(void **state)
{
    (void)state;
    fillctx fc = { 0 };
    sk_fill fill = { &fc, fill_value, fill_count, fill_enter, fill_leave };
    sk_odt_opts o = { .fill = &fill };
    rendered r;
    render_opts(&r, STD, &o);
    assert_count(&r, 1, P("Text_20_body") "[string(.)='编号：NO-7']");
    const char *t = "//table:table[preceding-sibling::*[1][string(.)='表A.1　登记']]";
    assert_int_equal((int)numf(&r, "count(%s//table:table-row)", t), 3);
    char *cell = strf(&r, "string(%s/table:table-row[2]/table:table-cell[2])", t);
    assert_string_equal(cell, "成员2");
    free(cell);
    xp_done(&r);
}

static void test_form_document_copies(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(STD, &d);
    sk_diag_free(&d);
    sk_form_copies fc = { .form = doc->forms.items[0], .n = 3 };
    sk_odt_opts o = { 0 };
    rendered r = { 0 };
    r.doc = doc;
    sk_err err;
    assert_int_equal(sk_odt_build_form(&r.pkg, doc, &fc, &o, NULL, &err), 0);
    load_part(&r, "content.xml");
    /* the Form page, then three copies: the first title without the page break its style has */
    assert_xpath_str(&r, "MForm", "string(//office:text/*[1]/@text:style-name)");
    /* a form prints as a form: its title, no 附录 lines; copies after the first on a new page */
    assert_count(&r, 0, "//text:h[starts-with(string(.),'附录A')]");
    assert_count(&r, 3, "//text:p[@text:style-name='GB_20_Form_20_Title'][.='记录表']");
    assert_count(&r, 2, "//text:p[@text:style-name='PBreak']");
    assert_count(&r, 0, "//text:bookmark-start");
    assert_count(&r, 0, "//text:table-of-content");
    load_part(&r, "styles.xml");
    assert_count(&r, 0, "//style:master-page[@style:name='Form']/*");
    load_part(&r, "meta.xml");
    assert_xpath_str(&r, "记录表", "//dc:title");
    xp_done(&r);
}

static void test_package_mimetype_manifest_and_versions(void **state)
{
    rendered *r = *state;
    assert_string_equal(sk_zip_name(r->pkg, 0), "mimetype");
    size_t len;
    const char *mt = sk_zip_get(r->pkg, "mimetype", &len);
    assert_int_equal((int)len, (int)strlen(SK_ODT_MIME));
    assert_memory_equal(mt, SK_ODT_MIME, len);
    /* the archive: mimetype first and stored, its name at byte 30 and the type at 38 */
    char *bytes = NULL;
    size_t blen = 0;
    sk_err err;
    assert_int_equal(sk_zip_bytes(r->pkg, &bytes, &blen, &err), 0);
    assert_memory_equal(bytes + 30, "mimetype", 8);
    assert_memory_equal(bytes + 38, SK_ODT_MIME, strlen(SK_ODT_MIME));
    assert_int_equal(bytes[8] | bytes[9] << 8, 0);      /* stored */
    assert_int_equal(bytes[28] | bytes[29] << 8, 0);    /* no extra field */
    free(bytes);
    /* every part is in the manifest, whose "/" has the parts' version */
    load_part(r, "META-INF/manifest.xml");
    assert_xpath_str(r, SK_ODF_VERSION, "string(/manifest:manifest/@manifest:version)");
    assert_xpath_str(r, SK_ODF_VERSION, "string(//manifest:file-entry[@manifest:full-path='/']/@manifest:version)");
    for (size_t i = 0; i < sk_zip_count(r->pkg); i++) {
        const char *name = sk_zip_name(r->pkg, i);
        if (!strcmp(name, "mimetype") || !strcmp(name, "META-INF/manifest.xml"))
            continue;
        assert_int_equal((int)numf(r, "count(//manifest:file-entry[@manifest:full-path='%s'])", name), 1);
    }
    static const char *const parts[] = { "content.xml", "styles.xml", "meta.xml", "settings.xml" };
    for (size_t i = 0; i < 4; i++) {
        load_part(r, parts[i]);
        assert_xpath_str(r, SK_ODF_VERSION, "string(/*/@office:version)");
    }
    load_part(r, "meta.xml");
    assert_xpath_str(r, "SJDJ/TS 01—2019", "//meta:user-defined[@meta:name='Identifier']");
    assert_xpath_str(r, "测试标准", "//dc:title");
    assert_xpath_str(r, "zh-CN", "//dc:language");
}

/* As test_docx.c's test_parts_of_tables_and_figures, in ODF. */
static void test_parts_of_tables_and_figures(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(PARTS, &d);
    sk_diag_free(&d);
    sk_asset a[2];
    sk_assets as;
    parts_assets(doc, a, &as);
    sk_odt_opts o = { .assets = &as };
    rendered r = { 0 };
    r.doc = doc;
    sk_err err;
    assert_int_equal(sk_odt_build(&r.pkg, doc, &o, NULL, &err), 0);
    load_part(&r, "content.xml");
    /* PCellD31: the table text, right-aligned, kept with the next (automatic style) */
    assert_count(&r, 1, P("GB_20_Table_20_Title") "[string(.)='表1　尺寸']/following-sibling::*[1]"
                        "[self::text:p][@text:style-name='PCellD31'][string(.)='单位为毫米']/following-sibling::*[1][self::table:table]");
    assert_count(&r, 1, "//style:style[@style:name='PCellD31'][@style:parent-style-name='GB_20_Table_20_Text']"
                        "/style:paragraph-properties[@fo:text-align='end'][@fo:keep-with-next='always']");
    const char *t1 = "//table:table[1]";
    assert_int_equal((int)numf(&r, "count(%s//table:table-cell//text:span[@text:style-name='Tsup'][string(.)='a'])", t1), 2);
    assert_int_equal((int)numf(&r, "count(%s/table:table-row[last()]//text:p[@text:style-name='GB_20_Table_20_Note'])", t1), 2);
    char *fn = strf(&r, "string(%s/table:table-row[last()]//text:p[2])", t1);
    assert_string_equal(fn, "a　门牌应采用金属材质。");
    free(fn);
    assert_count(&r, 1, P("PCellD31") "[string(.)='单位为米']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Figure'][draw:frame]"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Figure'][string(.)='a)　正面']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Figure'][draw:frame]"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Figure'][string(.)='b)　侧面']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Formula_20_Where'][string(.)='标引序号说明：']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Formula_20_Symbol'][string(.)='1——底座。']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Note'][string(.)='注：见表1。']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Note'][string(.)='a　仅适用于临街门牌。']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Figure_20_Title'][string(.)='图1　门牌']");
    assert_count(&r, 1, P("GB_20_Note") "[string(.)='a　仅适用于临街门牌。']/text:span[1][@text:style-name='Tsup']");
    assert_count(&r, 1, P("GB_20_Example") "[string(.)='示例：第一段。']/following-sibling::text:p[1]"
                        "[@text:style-name='GB_20_Example'][string(.)='第二段。']");
    assert_non_null(sk_zip_get(r.pkg, "Pictures/image2.png", NULL));
    xp_done(&r);
}

static void test_figure_in_pictures_and_manifest(void **state)
{
    (void)state;
    static const char md[] = FM "# 范围\n\n本文件规定了测试，见图A.1。\n\n"
                                "# 附录A（资料性）组织图 {#annex-org}\n\n![运行图](org.png){#fig-org}\n\n注：图注。\n";
    sk_diags d;
    sk_doc *doc = parse_str(md, &d);
    sk_diag_free(&d);
    sk_asset a = { 0 };
    a.fig = first_of(doc, SK_N_FIGURE);
    a.data = (unsigned char *)PNG;
    a.len = sizeof PNG;
    a.index = 1;
    sk_err err;
    assert_int_equal(sk_image_probe(&a.info, PNG, sizeof PNG, &err), 0);
    sk_assets as = { &a, 1 };
    sk_odt_opts o = { .assets = &as };
    rendered r = { 0 };
    r.doc = doc;
    assert_int_equal(sk_odt_build(&r.pkg, doc, &o, NULL, &err), 0);
    load_part(&r, "content.xml");
    assert_count(&r, 1, P("GB_20_Figure_20_Title") "[string(.)='图A.1　运行图']/text:bookmark-start");
    assert_count(&r, 1, P("GB_20_Figure") "/draw:frame[@text:anchor-type='as-char'][@svg:width='165.00mm'][@svg:height='82.50mm']"
                        "/draw:image[@xlink:href='Pictures/image1.png'][@xlink:type='simple']");
    assert_count(&r, 1, P("GB_20_Figure") "/following-sibling::text:p[1][@text:style-name='GB_20_Note']"
                        "/following-sibling::text:p[1][@text:style-name='GB_20_Figure_20_Title']");
    assert_non_null(sk_zip_get(r.pkg, "Pictures/image1.png", NULL));
    load_part(&r, "META-INF/manifest.xml");
    assert_count(&r, 1, "//manifest:file-entry[@manifest:full-path='Pictures/image1.png'][@manifest:media-type='image/png']");
    xp_done(&r);
}

static void test_html_table_spans_and_covered_cells(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n表：合并\n\n<table><tr><th colspan=\"2\">甲</th><th>乙</th></tr>"
                  "<tr><td rowspan=\"2\">丙</td><td>丁</td><td>戊</td></tr><tr><td>己</td><td>庚</td></tr></table>\n", NULL);
    const char *t = "//table:table";
    assert_int_equal((int)numf(&r, "count(%s/table:table-column)", t), 3);
    /* every row covers every column */
    assert_int_equal((int)numf(&r, "count(%s//table:table-row[count(*) != 3])", t), 0);
    assert_int_equal((int)numf(&r, "number(%s/table:table-header-rows/table:table-row/table:table-cell[1]"
                                   "/@table:number-columns-spanned)", t), 2);
    assert_int_equal((int)numf(&r, "count(%s/table:table-header-rows/table:table-row/*[2][self::table:covered-table-cell])",
                               t), 1);
    assert_int_equal((int)numf(&r, "number(%s/table:table-row[1]/table:table-cell[1]/@table:number-rows-spanned)", t), 2);
    assert_int_equal((int)numf(&r, "count(%s/table:table-row[2]/*[1][self::table:covered-table-cell])", t), 1);
    char *s = strf(&r, "string(%s/table:table-row[2])", t);
    assert_string_equal(s, "己庚");
    free(s);
    xp_done(&r);
}

static void test_reproducible_bytes(void **state)
{
    (void)state;
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    sk_err err;
    rendered r1, r2;
    render_opts(&r1, STD, NULL);
    render_opts(&r2, STD, NULL);
    assert_int_equal(sk_zip_bytes(r1.pkg, &a, &la, &err), 0);
    assert_int_equal(sk_zip_bytes(r2.pkg, &b, &lb, &err), 0);
    assert_int_equal((int)la, (int)lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    xp_done(&r1);
    xp_done(&r2);
}

/* every role with an ODT name is a named style of templates/odt/styles.xml, its
 * display name the role's name; the settings template has the writer's version */
/* Formulas: a formula object as a character between the paragraph's tabs, the number
 * of a cited one after the second tab, (A.1) in an annex; "公式（1）" and [](#eq:id) link
 * to the formula's bookmark; each object in the package and the manifest; 式中 entries
 * a line each; the template's tab stops are style.h's. */
static void test_formulas_objects_numbers_links_and_where(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n本文件规定了测试。\n\n# 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
                       "# 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n# 计算\n\n"
                       "结果按公式（1）计算，核对按[](#eq:b)：\n\n$$ a = \\frac{b}{c} $$ (1)\n\n"
                       "式中：\n\n- $a$——结果；\n- $b$——分子。\n\n$$ c \\foo $$ {#eq:b}\n\n"
                       "# 附录A（资料性）示例\n\n按公式（A.1）。\n\n$$ d $$ （A.1）\n",
                 NULL);
#define FC(p, k) p "/*[self::text:tab or self::draw:frame or self::text:span][" k "]"
    assert_count(&r, 3, P("GB_20_Formula"));
    assert_count(&r, 1, FC(P("GB_20_Formula") "[1]", "1") "[self::text:tab]");
    assert_count(&r, 1, FC(P("GB_20_Formula") "[1]", "2") "[self::draw:frame][@text:anchor-type='as-char']"
                        "/draw:object[@xlink:href='./Object 1']");
    assert_count(&r, 1, FC(P("GB_20_Formula") "[1]", "3") "[self::text:tab]");
    assert_xpath_str(&r, "\xEF\xBC\x88" "1\xEF\xBC\x89", "string(" P("GB_20_Formula") "[1]/text()[last()])");
    assert_cites(&r, P("GB_20_Formula") "[1]/text:bookmark-start/@text:name", "string(//text:a[@xlink:href='#%s'])",
                 "公式（1）");
    assert_cites(&r, P("GB_20_Formula") "[2]/text:bookmark-start/@text:name", "string(//text:a[@xlink:href='#%s'])",
                 "公式（2）");
    /* the one that does not parse is its TeX as written, in the code style; no object */
    assert_xpath_str(&r, "c \\foo", "normalize-space(" P("GB_20_Formula") "[2]/text:span[@text:style-name='Source_20_Text'])");
    assert_count(&r, 0, P("GB_20_Formula") "[2]/draw:frame");
    assert_xpath_str(&r, "\xEF\xBC\x88" "A.1\xEF\xBC\x89", "string(" P("GB_20_Formula") "[3]/text()[last()])");
    /* 式中： then tab, symbol, tab, ——meaning */
    assert_xpath_str(&r, "式中：", P("GB_20_Formula_20_Where"));
    assert_count(&r, 2, P("GB_20_Formula_20_Symbol"));
    assert_count(&r, 1, FC(P("GB_20_Formula_20_Symbol") "[1]", "1") "[self::text:tab]");
    assert_count(&r, 1, FC(P("GB_20_Formula_20_Symbol") "[1]", "2") "[self::draw:frame]");
    assert_count(&r, 1, FC(P("GB_20_Formula_20_Symbol") "[1]", "3") "[self::text:tab]");
    assert_xpath_str(&r, "——结果；", "string(" P("GB_20_Formula_20_Symbol") "[1])");
#undef FC
    /* four objects (two formulas, two symbols), each in the manifest */
    assert_count(&r, 4, "//draw:object");
    load_part(&r, "META-INF/manifest.xml");
    assert_count(&r, 4, "//manifest:file-entry[starts-with(@manifest:full-path,'Object ')]"
                        "[substring(@manifest:full-path, string-length(@manifest:full-path))='/']"
                        "[@manifest:media-type='application/vnd.oasis.opendocument.formula']");
    assert_non_null(sk_zip_get(r.pkg, "Object 4/content.xml", NULL));
    assert_null(sk_zip_get(r.pkg, "Object 5/content.xml", NULL));
    /* the template's tab stops are style.h's (tab stops count from the left indent) */
    load_part(&r, "styles.xml");
    char want[32];
#define MM(tw) (snprintf(want, sizeof want, "%.2fmm", SK_TW_MM(tw)), want)
    assert_xpath_str(&r, MM(SK_FORMULA_CENTER_TW),
                     "//style:style[@style:name='GB_20_Formula']//style:tab-stop[@style:type='center']/@style:position");
    assert_xpath_str(&r, MM(SK_FORMULA_RIGHT_TW),
                     "//style:style[@style:name='GB_20_Formula']//style:tab-stop[@style:type='right']/@style:position");
#define SYM "//style:style[@style:name='GB_20_Formula_20_Symbol']/style:paragraph-properties"
    assert_xpath_str(&r, MM(SK_WHERE_TEXT_TW), SYM "/@fo:margin-left");
    assert_xpath_str(&r, MM(SK_WHERE_TEXT_TW), "substring-after(" SYM "/@fo:text-indent, '-')");
    assert_xpath_str(&r, MM(SK_WHERE_TEXT_TW - SK_WHERE_SYMBOL_TW),
                     "substring-after(" SYM "//style:tab-stop[@style:type='right']/@style:position, '-')");
    assert_xpath_str(&r, MM(SK_WHERE_TEXT_TW - SK_WHERE_DASH_TW),
                     "substring-after(" SYM "//style:tab-stop[not(@style:type)]/@style:position, '-')");
#undef SYM
#undef MM
    xp_done(&r);
}

/* Inline formulas are formula objects anchored as characters between the text; one
 * that does not parse is its TeX in the code style. */
static void test_inline_formulas(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n温度$T$不大于$\\frac{1}{2}$，$\\foo$。\n\n| 量 | 值 |\n|---|---|\n| 高 | $h$ |\n", NULL);
    const char *p = "//text:p[starts-with(., '温度')]";
    assert_int_equal((int)numf(&r, "count(%s/draw:frame[@text:anchor-type='as-char']/draw:object)", p), 2);
    assert_int_equal((int)numf(&r, "count(%s/draw:frame[1][preceding-sibling::text()[1]='温度']"
                                   "/draw:object[@xlink:href='./Object 1'])", p), 1);
    assert_int_equal((int)numf(&r, "count(%s/text:span[@text:style-name='Source_20_Text'][.='\\foo'])", p), 1);
    assert_count(&r, 1, "//table:table-cell/text:p/draw:frame/draw:object[@xlink:href='./Object 3']");
    const char *o1 = sk_zip_get(r.pkg, "Object 1/content.xml", NULL), *o2 = sk_zip_get(r.pkg, "Object 2/content.xml", NULL);
    assert_non_null(o1);
    assert_non_null(strstr(o1, "<mi>T</mi>"));
    assert_non_null(strstr(o1, "display=\"inline\""));
    assert_non_null(strstr(o2, "<mfrac>"));
    assert_null(sk_zip_get(r.pkg, "Object 4/content.xml", NULL));
    xp_done(&r);
}

static void test_style_table_matches_template(void **state)
{
    (void)state;
    size_t len;
    const char *tpl = (const char *)sk_templates_get("odt/styles.xml", &len);
    assert_non_null(tpl);
    rendered r = { 0 };
    xp_parse(&r, tpl, len, "styles.xml", NS);
    static const char *fams[] = { "paragraph", "text", "table" };
    for (int i = 0; i < SK_ST_COUNT; i++) {
        const sk_style_info *s = sk_style_get((sk_style_role)i);
        if (!*s->odt_name)
            continue;
        if ((int)numf(&r, "count(//office:styles/style:style[@style:name='%s'][@style:display-name='%s'][@style:family='%s'])",
                      s->odt_name, s->name, fams[s->kind]) != 1)
            fail_msg("style %s (%s) missing from templates/odt/styles.xml", s->name, s->odt_name);
    }
    assert_count(&r, 0, "//style:style[@style:name = preceding-sibling::style:style/@style:name]");
    assert_count(&r, 0, "//style:style[@style:parent-style-name][not(@style:parent-style-name = //style:style/@style:name)]");
    /* headings' outline levels agree with sk_style_outline */
    for (int i = 0; i < SK_ST_COUNT; i++) {
        const sk_style_info *s = sk_style_get((sk_style_role)i);
        int lvl = sk_style_outline((sk_style_role)i);
        if (lvl && (int)numf(&r, "count(//style:style[@style:name='%s'][@style:default-outline-level='%d'])", s->odt_name,
                             lvl) != 1)
            fail_msg("style %s has no outline level %d", s->odt_name, lvl);
    }
    xmlXPathFreeContext(r.xp);
    xmlFreeDoc(r.xml);
    const char *set = (const char *)sk_templates_get("odt/settings.xml", &len);
    assert_non_null(set);
    assert_non_null(strstr(set, "office:version=\"" SK_ODF_VERSION "\""));
}

static void write_odt(const char *path, const char *styles)
{
    sk_zip *p = sk_zip_new();
    sk_zip_add_copy(p, "mimetype", SK_ODT_MIME, strlen(SK_ODT_MIME), SK_ZIP_STORE);
    sk_zip_add_copy(p, "styles.xml", styles, strlen(styles), SK_ZIP_DEFLATE);
    sk_err err;
    assert_int_equal(sk_zip_write(p, path, NULL, 0, &err), 0);
    sk_zip_free(p);
}

static void test_reference_doc_takes_styles_by_name(void **state)
{
    (void)state;
    char path[] = "/tmp/sk-ref-XXXXXX.odt";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    /* a heading by display name under another style name, a note by its ODT name, an
     * unrelated style taking the name of our cover title, LibreOffice's loext: extras */
    const char *styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
        "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
        "xmlns:loext=\"urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0\" office:version=\"1.3\">"
        "<office:font-face-decls><style:font-face style:name=\"仿宋\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" svg:font-family=\"仿宋\"/></office:font-face-decls>"
        "<office:styles>"
        "<style:style style:name=\"H1\" style:display-name=\"Heading 1\" style:family=\"paragraph\">"
        "<style:text-properties fo:color=\"#ff0000\" loext:opacity=\"100%\"/></style:style>"
        "<style:style style:name=\"GB_20_Note\" style:family=\"paragraph\"/>"
        "<style:style style:name=\"GB_20_Cover_20_Title\" style:family=\"text\"/>"
        "</office:styles></office:document-styles>";
    write_odt(path, styles);
    sk_odt_ref *ref = NULL;
    sk_err err;
    assert_int_equal(sk_odt_ref_load(&ref, path, &err), 0);
    const sk_style_ids *ids = sk_odt_ref_ids(ref);
    assert_string_equal(ids->id[SK_ST_HEADING1], "H1");
    assert_string_equal(ids->id[SK_ST_NOTE], "GB_20_Note");
    assert_string_equal(ids->id[SK_ST_COVER_TITLE], "GB_20_Cover_20_Title"); /* another family: no clash */
    assert_string_equal(ids->id[SK_ST_BODY], "Text_20_body");               /* ours, added */
    sk_odt_opts o = { .ref = ref };
    rendered r;
    render_opts(&r, STD, &o);
    assert_count(&r, 5, H("H1"));
    load_part(&r, "styles.xml");
    assert_count(&r, 1, "//style:style[@style:name='H1']/style:text-properties[@fo:color='#ff0000']");
    assert_count(&r, 0, "//@*[contains(name(),'loext')]");
    /* ours keep their parents, renamed where the reference renamed them */
    assert_count(&r, 1, "//style:style[@style:name='Heading_20_2'][@style:parent-style-name='H1']");
    assert_count(&r, 1, "//style:font-face[@style:name='仿宋']");
    assert_count(&r, 1, "//style:font-face[@style:name='黑体']");
    xp_done(&r);
    sk_odt_ref_free(ref);
    /* a DOCTYPE is refused; a DOCX is not an ODT reference */
    write_odt(path, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><office:document-styles "
                    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>");
    assert_int_equal(sk_odt_ref_load(&ref, path, &err), -1);
    assert_non_null(strstr(err.msg, "DOCTYPE"));
    sk_zip *p = sk_zip_new();
    sk_zip_add_copy(p, "word/styles.xml", "<a/>", 4, SK_ZIP_DEFLATE);
    assert_int_equal(sk_zip_write(p, path, NULL, 0, &err), 0);
    sk_zip_free(p);
    assert_int_equal(sk_odt_ref_load(&ref, path, &err), -1);
    assert_non_null(strstr(err.msg, "styles.xml"));
    unlink(path);
}

static void test_cover_variants(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof GBT_COVERS / sizeof GBT_COVERS[0]; i++) {
        const gbt_cover_case *c = &GBT_COVERS[i];
        char *md = sk_asprintf("%s%s", c->fm, GBT_BODY);
        rendered r;
        render_opts(&r, md, NULL);
        assert_xpath_str(&r, c->banner, P("GB_20_Cover_20_Level") " | " P("PLevelCentre"));
        assert_xpath_str(&r, c->mark, P("GB_20_Cover_20_Codes") "[1]/text:span[@text:style-name='GB_20_Cover_20_Mark']");
        assert_count(&r, (c->stage ? 1 : 0) + (c->completed ? 1 : 0), P("GB_20_Cover_20_Stage"));
        if (c->stage)
            assert_xpath_str(&r, c->stage, P("GB_20_Cover_20_Stage"));
        if (c->completed) {
            assert_xpath_str(&r, c->completed, "(" P("GB_20_Cover_20_Stage") ")[2]");
        }
        assert_count(&r, c->patent, P("GB_20_Cover_20_Note") "[string(.)='在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。']");
        assert_count(&r, 1, P("GB_20_Cover_20_Title") "[string(.)='社区服务站点第1部分：建设'][count(.//text:line-break)=1]");
        assert_count(&r, 1, P("GB_20_Document_20_Title") "[count(.//text:line-break)=1]");
        xp_done(&r);
        free(md);
    }
}

static void test_untitled_clauses_bibliography_index_terms(void **state)
{
    (void)state;
    rendered r;
    char *md = sk_asprintf("%s%s", GBT_FM("T/ZSA 1.1—2024", ""), GBT_BODY);
    render_opts(&r, md, NULL);
    /* 无标题条: the number in 黑体 (GB Label), U+3000, the text, in one paragraph */
    assert_count(&r, 1, P("Standard") "[string(.)='4.1.1.1　站点应设在首层。']/text:span[1][@text:style-name='GB_20_Label']");
    assert_count(&r, 1, P("Standard") "[string(.)='4.1.1.2　站点宜靠近公园，方法见参考文献[2]。']");
    assert_count(&r, 2, "//text:a[string(.)='4.1.1.2']");
    /* 参考文献: [1], [2] from the model; 参考文献[2] is a link */
    assert_count(&r, 1, P("GB_20_List_20_1") "[starts-with(string(.),'[1]')][contains(string(.),'GB/T 20000.1—2014')]");
    assert_count(&r, 1, "//text:a[string(.)='参考文献[2]']");
    /* 索引 */
    assert_xpath_str(&r, "F", P("GB_20_Index_20_Letter") "[1]");
    assert_count(&r, 1, P("GB_20_Index_20_Entry") "[string(.)='扶手　4.2']");
    assert_count(&r, 1, P("GB_20_Index_20_Entry") "[string(.)='服务小站　3.1']");
    assert_count(&r, 1, P("GB_20_Index_20_Entry") "[string(.)='靠近公园　4.1.1.2']/text:a");
    /* in two columns: the letters and entries (not the title) in a section of two
     * balanced columns; the end rule after it */
    assert_count(&r, 1, "//office:text/text:section");
    assert_int_equal((int)num(&r, "count(//text:section[@text:style-name='Sect2']/text:p)"),
                     (int)num(&r, "count(" P("GB_20_Index_20_Letter") "|" P("GB_20_Index_20_Entry") ")"));
    assert_count(&r, 1, "//text:section/preceding-sibling::*[1][string(.)='索　　引']");
    assert_count(&r, 1, "//text:section/following-sibling::*[1][@text:style-name='GB_20_End_20_Rule']");
    assert_count(&r, 1, "//office:automatic-styles/style:style[@style:name='Sect2'][@style:family='section']"
                        "/style:section-properties/style:columns[@fo:column-count='2']");
    /* a term in full */
    assert_count(&r, 1, P("GB_20_Term_20_Alternative") "[string(.)='服务小站']");
    assert_count(&r, 1, P("GB_20_Term_20_Alternative") "[string(.)='不推荐用：活动室']");
    assert_count(&r, 1, P("GB_20_Term_20_Alternative") "[string(.)='SS']");
    xp_done(&r);
    free(md);
}

/* A table too wide for a portrait page: its caption and table on the BodyLand master
 * (the page layout turned), the body's master again after it, the numbers going on. */
static void test_wide_table_on_a_landscape_page(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, WIDE, NULL);
    assert_count(&r, 1, "//text:p[@text:style-name='MBodyLand']"
                        "[following-sibling::*[1][string(.)='表2　日期']]"
                        "[following-sibling::*[2][self::table:table/@table:style-name='TblKeepLand']]");
    assert_count(&r, 1, "//table:table[@table:style-name='TblKeep']");
    assert_count(&r, 1, "//text:p[@text:style-name='MBodyBack'][preceding-sibling::*[1][self::table:table]]"
                        "[following-sibling::*[1][string(.)='日期按表2填写。']]");
    assert_count(&r, 1, "//style:style[@style:name='MBodyLand'][@style:master-page-name='BodyLand']"
                        "[not(style:paragraph-properties/@style:page-number)]");
    assert_count(&r, 1, "//style:style[@style:name='MBodyBack'][@style:master-page-name='Body']"
                        "[not(style:paragraph-properties/@style:page-number)]");
    assert_count(&r, 1, "//style:style[@style:name='TblKeepLand']/style:table-properties[@style:width='251.99mm']"
                        "[@style:may-break-between-rows='false']");
    assert_count(&r, 1, "//style:style[@style:name='TblLand']/style:table-properties[@style:width='251.99mm']");
    load_part(&r, "styles.xml");
    assert_count(&r, 1, "//style:page-layout[@style:name='pmBodyLand']/style:page-layout-properties"
                        "[@fo:page-width='297.00mm'][@fo:page-height='210.01mm'][@style:print-orientation='landscape']");
    assert_count(&r, 1, "//style:master-page[@style:name='BodyLand'][@style:page-layout-name='pmBodyLand']"
                        "[style:header][style:footer//text:page-number]");
    xp_done(&r);
    /* the form annex of that table: the turn before its title (its own break dropped), and
     * the end rule on its pages */
    render_opts(&r, WIDE_ANNEX, NULL);
    char *nobreak = strf(&r, "string(//style:style[starts-with(@style:name,'PNoBreak')]"
                             "[@style:parent-style-name='GB_20_Annex_20_Title']/@style:name)");
    assert_true(*nobreak);
    assert_int_equal((int)numf(&r, "count(//text:p[@text:style-name='MBodyLand']/following-sibling::*[1]"
                                   "[@text:style-name='%s'][starts-with(string(.),'附录A')])", nobreak), 1);
    free(nobreak);
    assert_count(&r, 0, "//text:p[@text:style-name='MBodyBack']");
    assert_count(&r, 1, "//table:table[@table:style-name='TblKeepLand']");
    xp_done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cover_variants),
        cmocka_unit_test(test_wide_table_on_a_landscape_page),
        cmocka_unit_test(test_untitled_clauses_bibliography_index_terms),
        cmocka_unit_test_setup_teardown(test_chapter_heading_is_an_outline_heading_with_bookmark, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_reference_links_to_the_heading_bookmark, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_bookmarks_pair_and_every_link_resolves, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_table_header_rows_widths_and_notes, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_table_frame_is_drawn_by_the_cells, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_note_labels_and_annex_lines, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_escaping_control_characters_and_spaces, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_list_markers, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_term_entry, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_toc_is_prefilled, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_page_styles_switch_and_number, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_blank_form, setup_std, xp_teardown),
        cmocka_unit_test(test_filled_form),
        cmocka_unit_test(test_form_document_copies),
        cmocka_unit_test_setup_teardown(test_package_mimetype_manifest_and_versions, setup_std, xp_teardown),
        cmocka_unit_test(test_figure_in_pictures_and_manifest),
        cmocka_unit_test(test_parts_of_tables_and_figures),
        cmocka_unit_test(test_html_table_spans_and_covered_cells),
        cmocka_unit_test(test_reproducible_bytes),
        cmocka_unit_test(test_formulas_objects_numbers_links_and_where),
        cmocka_unit_test(test_inline_formulas),
        cmocka_unit_test(test_style_table_matches_template),
        cmocka_unit_test(test_reference_doc_takes_styles_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
