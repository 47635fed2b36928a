/* DOCX writer: the generated parts are parsed with libxml2 and checked with XPath. */
#include "model/assets.h"
#include "layout/cover.h"
#include "model/display.h"
#include "layout/fill.h"
#include "model/foreword.h"
#include "base/fs.h"
#include "helpers.h"
#include "input/image.h"
#include "layout/labels.h"
#include "layout/toc.h"
#include "base/xml.h"

#include <stdio.h>
#include <unistd.h>

#include "write/docx.h"
#include "base/zip.h"
#include "layout/style.h"
#include "base/templates.h"
#include "base/xmlw.h"
#include "xpath.h"
#include "gbt.h"
#include "writer_std.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


static const xp_ns NS[] = {
    { "w", NS_W },
    { "wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" },
    { "r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships" },
    { "rel", "http://schemas.openxmlformats.org/package/2006/relationships" },
    { "ct", "http://schemas.openxmlformats.org/package/2006/content-types" },
    { "dc", "http://purl.org/dc/elements/1.1/" },
    { NULL, NULL },
};

static void load_part(rendered *r, const char *part)
{
    xp_load_part(r, part, NS);
}

static void render_opts(rendered *r, const char *md, const sk_docx_opts *opts)
{
    sk_err err;
    sk_docx_opts o = { 0 };
    if (opts)
        o = *opts;
    xp_model(r, md);
    sk_err_clear(&err);
    if (sk_docx_build(&r->pkg, r->doc, &o, &r->dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    load_part(r, "word/document.xml");
}

/* Per-test fixture: STD rendered with no options. */
static int setup_std(void **state)
{
    rendered *r = sk_malloc(sizeof *r);
    render_opts(r, STD, NULL);
    *state = r;
    return 0;
}

/* paragraphs of a style, by styleId */
#define P(style) "//w:p[w:pPr/w:pStyle/@w:val='" style "']"
/* a heading's visible text: what comes before its TC field (the 目次 entry Word regenerates) */
#define VISIBLE(text) "[substring-before(concat(string(.),' TC \"'),' TC \"')='" text "']"

static void test_chapter_heading_has_number_and_bookmark(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("Heading1") VISIBLE("5　活动要求"));
    assert_count(r, 1, P("Heading1") VISIBLE("5　活动要求") "/w:bookmarkStart[starts-with(@w:name,'_Toc')]");
    assert_count(r, 1, P("Heading2") VISIBLE("5.2　具体要求"));
    assert_count(r, 5, P("Heading1"));
}

static void test_reference_links_to_the_heading_bookmark(void **state)
{
    rendered *r = *state;
    char *target = str(r, P("Heading2") VISIBLE("5.2　具体要求") "/w:bookmarkStart/@w:name");
    assert_true(strlen(target) > 4);
    assert_int_equal((int)numf(r, "count(//w:hyperlink[@w:anchor='%s'][string(.)='5.2'])", target), 1);
    /* 附录A and 表1 link to their own bookmarks */
    char *annex = str(r, P("GBAnnexTitle") "/w:bookmarkStart/@w:name");
    assert_true(numf(r, "count(//w:hyperlink[@w:anchor='%s'][string(.)='附录A'])", annex) >= 1);
    char *tab = str(r, P("GBTableTitle") "[starts-with(string(.),'表1')]/w:bookmarkStart/@w:name");
    assert_int_equal((int)numf(r, "count(//w:hyperlink[@w:anchor='%s'][string(.)='表1'])", tab), 1);
    free(target);
    free(annex);
    free(tab);
}

static void test_bookmarks_are_unique_and_every_link_resolves(void **state)
{
    rendered *r = *state;
    /* no two bookmarkStart share an id or a name */
    assert_count(r, 0, "//w:bookmarkStart[@w:id = preceding::w:bookmarkStart/@w:id]");
    assert_count(r, 0, "//w:bookmarkStart[@w:name = preceding::w:bookmarkStart/@w:name]");
    /* every start has its end */
    assert_int_equal((int)num(r, "count(//w:bookmarkStart)"), (int)num(r, "count(//w:bookmarkEnd)"));
    assert_count(r, 0, "//w:bookmarkStart[not(@w:id = //w:bookmarkEnd/@w:id)]");
    /* every internal link has a target */
    assert_true(num(r, "count(//w:hyperlink[@w:anchor])") > 5);
    assert_count(r, 0, "//w:hyperlink[@w:anchor][not(@w:anchor = //w:bookmarkStart/@w:name)]");
}

static void test_table_caption_header_and_notes(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GBTableTitle") "[string(.)='表1　活动记录']");
    assert_count(r, 1, P("GBTableTitle") "[string(.)='表A.1　登记']");
    /* the caption comes right before its table */
    assert_count(r, 1, P("GBTableTitle") "[string(.)='表1　活动记录']/following-sibling::*[1][self::w:tbl]");
    const char *t1 = "//w:tbl[preceding-sibling::*[1][string(.)='表1　活动记录']]";
    assert_int_equal((int)numf(r, "count(%s/w:tr[1]/w:trPr/w:tblHeader)", t1), 1);
    assert_int_equal((int)numf(r, "count(%s/w:tblGrid/w:gridCol)", t1), 2);
    assert_int_equal((int)numf(r, "sum(%s/w:tblGrid/w:gridCol/@w:w)", t1), 9354);
    /* notes in a last row spanning both columns: 注1, 注2 */
    char *span = strf(r, "string(%s/w:tr[last()]/w:tc/w:tcPr/w:gridSpan/@w:val)", t1);
    assert_string_equal(span, "2");
    free(span);
    assert_int_equal((int)numf(r, "count(%s/w:tr[last()]//w:p[w:pPr/w:pStyle/@w:val='GBTableNote'])", t1), 2);
    /* a short table is kept on one page: every row but the last keeps with the next */
    assert_int_equal((int)numf(r, "count(%s/w:tr[position() < last()]//w:p[not(w:pPr/w:keepNext)])", t1), 0);
    assert_int_equal((int)numf(r, "count(%s/w:tr[last()]//w:pPr/w:keepNext)", t1), 0);
    char *label = strf(r, "string(%s/w:tr[last()]//w:p[2]/w:r[1])", t1);
    assert_string_equal(label, "注2：");
    free(label);
}

static void test_note_labels(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GBNote") "[string(.)='注：单独的注。']");
    assert_count(r, 1, P("GBNote") "/w:r[1][w:rPr/w:rStyle/@w:val='GBLabel'][string(.)='注：']");
    assert_count(r, 1, "//w:tbl//" "w:p[string(.)='注1：第一个注。']");
}

static void test_annex_title_on_three_lines(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GBAnnexTitle"));
    assert_count(r, 2, P("GBAnnexTitle") "/w:r/w:br");
    assert_xpath_str(r, "附录A", P("GBAnnexTitle") "/w:r[w:t][1]");
    assert_xpath_str(r, "（规范性）", P("GBAnnexTitle") "/w:r[w:t][2]");
    assert_xpath_str(r, "记录表", P("GBAnnexTitle") "/w:r[w:t][3]");
}

static void test_escaping_and_control_characters(void **state)
{
    rendered *r = *state;
    /* the text survives escaping; the U+0001 is dropped and counted */
    assert_count(r, 1, P("BodyText") "[string(.)='内容<&]]>结束。']");
    assert_int_equal((int)r->dropped, 1);
    size_t len;
    const char *raw = sk_zip_get(r->pkg, "word/document.xml", &len);
    assert_non_null(memmem(raw, len, "&lt;&amp;]]&gt;", 15));
}

static void test_list_markers(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GBList1") "[string(.)='——第一项；']");
    assert_count(r, 1, P("GBList2") "[string(.)='·子项；']");
    assert_count(r, 1, P("GBList1") "[w:r[1]='a)'][w:r[2]/w:tab][string(.)='a)甲；']");
    assert_count(r, 1, P("GBList1") "[string(.)='b)乙。']");
}

static void test_term_entry(void **state)
{
    rendered *r = *state;
    assert_count(r, 1, P("GBTermNumber") "[string(.)='3.1']/w:bookmarkStart");
    assert_count(r, 1, P("GBTerm") "[string(.)='测试术语　test term']");
    /* the English line is not printed again as a paragraph */
    assert_count(r, 0, P("BodyText") "[string(.)='test term']");
}

static void test_generated_foreword(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n本文件规定了测试。\n", NULL);
    assert_count(&r, 1, P("GBForewordTitle") VISIBLE("前　　言"));
    assert_count(&r, 1, P("BodyText") "[string(.)='本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。']");
    assert_count(&r, 1, P("BodyText") "[starts-with(string(.),'请注意本文件的某些内容可能涉及专利。')]");
    /* the 目次 lists it first, on a roman page */
    assert_xpath_str(&r, "前言", P("TOC1") "[1]/w:hyperlink/w:r[1]");
    assert_xpath_str(&r, "II", P("TOC1") "[1]/w:hyperlink/w:r[w:t][last()]");
    xp_done(&r);
}

static void test_foreword_from_front_matter(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str("---\nnumber: T/ABC 1—2024\ntitle: 测试\ncategory: TS\nstatus: current\n"
                            "replaces: T/ABC 1—2020\nproposer: 甲单位\nowner: 乙单位\n"
                            "drafting_units: [甲单位, 丙单位]\ndrafters: [张三, 李四]\n---\n# 范围\n\n本文件规定了测试。\n",
                            &d);
    assert_int_equal(sk_foreword_build(doc), 1);
    assert_int_equal(sk_foreword_build(doc), 0);
    sk_node *fw = doc->root->first;
    assert_int_equal(fw->sect, SK_S_FOREWORD);
    const char *want[] = { NULL, "本文件代替T/ABC 1—2020。", NULL, "本文件由甲单位提出。", "本文件由乙单位归口。",
                           "本文件起草单位：甲单位、丙单位。", "本文件主要起草人：张三、李四。" };
    int i = 0;
    for (sk_node *p = fw->first; p; p = p->next, i++) {
        char *t = sk_display_text(&p->in);
        if (i < 7 && want[i])
            assert_string_equal(t, want[i]);
        free(t);
    }
    assert_int_equal(i, 7);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_blank_form(void **state)
{
    rendered *r = *state;
    /* 编号：{{card_no}} → an underlined blank of no-break spaces */
    assert_count(r, 1, P("BodyText") "[starts-with(string(.),'编号：')]/w:r[w:rPr/w:rStyle/@w:val='GBFormField']");
    char *blank = str(r, P("BodyText") "[starts-with(string(.),'编号：')]/w:r[2]");
    assert_int_equal((int)strlen(blank), 2 * 4 * sk_fill_field_width("card_no"));
    free(blank);
    /* the repeat row prints SK_FILL_BLANK_ROWS empty rows after the header */
    const char *t = "//w:tbl[preceding-sibling::*[1][string(.)='表A.1　登记']]";
    assert_int_equal((int)numf(r, "count(%s/w:tr)", t), 1 + SK_FILL_BLANK_ROWS);
    char *row = strf(r, "string(%s/w:tr[2])", t);
    assert_string_equal(row, "");
    free(row);
    /* the thematic break is a cut line */
    assert_count(r, 1, P("GBCutLine") "[string(.)='剪切线'][count(w:r/w:tab)=2]");
}

static void test_filled_form(void **state)
{
    (void)state;
    fillctx fc = { 0 };
    sk_fill fill = { &fc, fill_value, fill_count, fill_enter, fill_leave };
    sk_docx_opts o = { .fill = &fill };
    rendered r;
    render_opts(&r, STD, &o);
    assert_count(&r, 1, P("BodyText") "[string(.)='编号：NO-7']");
    const char *t = "//w:tbl[preceding-sibling::*[1][string(.)='表A.1　登记']]";
    assert_int_equal((int)numf(&r, "count(%s/w:tr)", t), 3);
    char *cell = strf(&r, "string(%s/w:tr[3]/w:tc[2])", t);
    assert_string_equal(cell, "成员2");
    free(cell);
    xp_done(&r);
}

static void test_sections_and_page_numbering(void **state)
{
    rendered *r = *state;
    /* cover (no header, its footer holds the dates) / front (roman) / body (arabic from 1) */
    assert_count(r, 3, "//w:sectPr");
    assert_count(r, 0, "(//w:sectPr)[1]/w:headerReference");
    assert_count(r, 1, "(//w:sectPr)[1]/w:footerReference");
    assert_count(r, 1, "(//w:sectPr)[2]/w:pgNumType[@w:fmt='upperRoman'][@w:start='1']");
    assert_count(r, 1, "/w:document/w:body/w:sectPr/w:pgNumType[@w:fmt='decimal'][@w:start='1']");
    assert_count(r, 2, "/w:document/w:body/w:sectPr/w:headerReference");
    assert_count(r, 1, "/w:document/w:body/w:sectPr/w:headerReference[@w:type='even']");
    /* the 目次 is a TOC field with every entry pre-filled */
    assert_count(r, 1, "//w:instrText[starts-with(normalize-space(.),'TOC ')]");
    assert_count(r, 1, P("TOC1") "[w:hyperlink[w:r[1]='5　活动要求']]");
    assert_count(r, 1, P("TOC1") "[w:hyperlink[w:r[1]='附录A（规范性）　记录表']]");
    assert_count(r, 0, P("TOC1") "[w:hyperlink[starts-with(w:r[1],'3.1')]]"); /* no terms */
    assert_count(r, 1, P("TOC2") "[w:hyperlink[w:r[1]='5.2　具体要求']]");
    /* the body ends with the end rule */
    assert_count(r, 1, "/w:document/w:body/w:p[last()][w:pPr/w:pStyle/@w:val='GBEndRule']");
    /* headers: the number, right on odd pages, left on even ones */
    load_part(r, "word/header1.xml");
    assert_xpath_str(r, "SJDJ/TS 01—2019", "/w:hdr/w:p");
    assert_xpath_str(r, "right", "/w:hdr/w:p/w:pPr/w:jc/@w:val");
    load_part(r, "word/header2.xml");
    assert_xpath_str(r, "left", "/w:hdr/w:p/w:pPr/w:jc/@w:val");
    load_part(r, "word/footer1.xml");
    assert_count(r, 1, "//w:fldSimple[contains(@w:instr,'PAGE')]");
}

static void test_package_parts_and_relationships(void **state)
{
    rendered *r = *state;
    /* every part but the content types and .rels files has an Override or a Default */
    load_part(r, "[Content_Types].xml");
    for (size_t i = 0; i < sk_zip_count(r->pkg); i++) {
        const char *name = sk_zip_name(r->pkg, i);
        if (!strcmp(name, "[Content_Types].xml") || sk_str_ends_with(name, ".rels"))
            continue;
        assert_int_equal((int)numf(r, "count(//ct:Override[@PartName='/%s'])", name), 1);
    }
    /* every relationship of the document points at a part */
    load_part(r, "word/_rels/document.xml.rels");
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "//rel:Relationship[not(@TargetMode)]/@Target", r->xp);
    assert_true(o->nodesetval && o->nodesetval->nodeNr >= 8);
    for (int i = 0; i < o->nodesetval->nodeNr; i++) {
        xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        char part[256];
        snprintf(part, sizeof part, "word/%s", (const char *)t);
        assert_non_null(sk_zip_get(r->pkg, part, NULL));
        xmlFree(t);
    }
    xmlXPathFreeObject(o);
    assert_count(r, 0, "//rel:Relationship[@Id = preceding-sibling::rel:Relationship/@Id]");
    load_part(r, "docProps/core.xml");
    assert_xpath_str(r, "SJDJ/TS 01—2019", "//dc:identifier");
    assert_xpath_str(r, "测试标准", "//dc:title");
}

static void test_figure_in_annex(void **state)
{
    (void)state;
    static const char md[] = FM "# 范围\n\n本文件规定了测试，见图A.1。\n\n"
                                "# 附录A（资料性）组织图 {#annex-org}\n\n![运行图](org.png){#fig-org}\n\n注：图注。\n";
    sk_diags d;
    sk_doc *doc = parse_str(md, &d);
    sk_diag_free(&d);
    sk_node *fig = first_of(doc, SK_N_FIGURE);
    assert_non_null(fig);
    sk_asset a = { 0 };
    a.fig = fig;
    a.data = (unsigned char *)PNG;
    a.len = sizeof PNG;
    a.index = 1;
    sk_err err;
    assert_int_equal(sk_image_probe(&a.info, PNG, sizeof PNG, &err), 0);
    assert_int_equal((int)a.info.width, 2000);
    assert_int_equal((int)(a.info.dpi_x + 0.5), 200);
    sk_assets as = { &a, 1 };
    sk_docx_opts o = { .assets = &as };
    rendered r = { 0 };
    r.doc = doc;
    assert_int_equal(sk_docx_build(&r.pkg, doc, &o, NULL, &err), 0);
    load_part(&r, "word/document.xml");
    assert_count(&r, 1, P("GBFigureTitle") "[string(.)='图A.1　运行图']/w:bookmarkStart");
    /* image, then its note, then the caption */
    assert_count(&r, 1, P("GBFigure") "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBNote']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFigureTitle']");
    /* 2000 px at 200 dpi = 10 in; scaled to the 165 mm text width, aspect kept */
    assert_int_equal((int)num(&r, "number(//wp:extent/@cx)"), (int)SK_TEXT_WIDTH_EMU);
    assert_int_equal((int)num(&r, "number(//wp:extent/@cy)"), (int)(SK_TEXT_WIDTH_EMU * 1000 / 2000));
    assert_non_null(sk_zip_get(r.pkg, "word/media/image1.png", NULL));
    xp_done(&r);
}

/* The unit statement at the right above the table, the footnote marker superscript
 * in its cell and the footnote after the notes in the notes row; the figure's unit,
 * its pictures each over its "a)　sub-title", key, note, footnote, then its title;
 * an example's second paragraph in the example style. */
static void test_parts_of_tables_and_figures(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(PARTS, &d);
    sk_diag_free(&d);
    sk_asset a[2];
    sk_assets as;
    parts_assets(doc, a, &as);
    sk_docx_opts o = { .assets = &as };
    rendered r = { 0 };
    r.doc = doc;
    sk_err err;
    assert_int_equal(sk_docx_build(&r.pkg, doc, &o, NULL, &err), 0);
    load_part(&r, "word/document.xml");
    assert_count(&r, 1, P("GBTableTitle") "[string(.)='表1　尺寸']/following-sibling::*[1]"
                        "[self::w:p][w:pPr/w:pStyle/@w:val='GBTableText'][w:pPr/w:jc/@w:val='right'][w:pPr/w:keepNext]"
                        "[string(.)='单位为毫米']/following-sibling::*[1][self::w:tbl]");
    const char *t1 = "//w:tbl[1]";
    assert_int_equal((int)numf(&r, "count(%s//w:tc//w:r[w:rPr/w:vertAlign/@w:val='superscript'][string(.)='a'])", t1), 2);
    assert_int_equal((int)numf(&r, "count(%s/w:tr[last()]//w:p[w:pPr/w:pStyle/@w:val='GBTableNote'])", t1), 2);
    char *fn = strf(&r, "string(%s/w:tr[last()]//w:p[2])", t1);
    assert_string_equal(fn, "a　门牌应采用金属材质。");
    free(fn);
    fn = strf(&r, "string(%s/w:tr[last()]//w:p[1])", t1);
    assert_string_equal(fn, "注：数为外框尺寸。");
    free(fn);
    /* the figure, top to bottom */
    assert_count(&r, 1, P("GBTableText") "[string(.)='单位为米'][w:pPr/w:jc/@w:val='right']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFigure'][.//wp:extent]"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFigure'][string(.)='a)　正面']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFigure'][.//wp:extent]"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFigure'][string(.)='b)　侧面']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFormulaWhere'][string(.)='标引序号说明：']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFormulaSymbol'][string(.)='1——底座。']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBNote'][string(.)='注：见表1。']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBNote'][string(.)='a　仅适用于临街门牌。']"
                        "/following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBFigureTitle'][string(.)='图1　门牌']");
    assert_count(&r, 2, P("GBFormulaSymbol") "[string(.)='1——底座。']/w:r[w:tab]"); /* the number between two tabs */
    assert_count(&r, 1, P("GBNote") "[string(.)='a　仅适用于临街门牌。']/w:r[1][w:rPr/w:vertAlign/@w:val='superscript']");
    assert_count(&r, 1, P("GBExample") "[string(.)='示例：第一段。']/following-sibling::w:p[1]"
                        "[w:pPr/w:pStyle/@w:val='GBExample'][string(.)='第二段。']");
    assert_non_null(sk_zip_get(r.pkg, "word/media/image2.png", NULL));
    xp_done(&r);
}

static void test_image_probe_formats(void **state)
{
    (void)state;
    sk_image im;
    sk_err err;
    static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, 0, 150, 0,
                                          150, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0x2C, 0x01, 0x90, 1, 1, 0x11, 0 };
    assert_int_equal(sk_image_probe(&im, jpeg, sizeof jpeg, &err), 0);
    assert_int_equal(im.type, SK_IMG_JPEG);
    assert_int_equal((int)im.width, 400);
    assert_int_equal((int)im.height, 300);
    assert_int_equal((int)im.dpi_x, 150);
    assert_int_equal(sk_image_probe(&im, (const unsigned char *)"GIF89a....", 10, &err), -1);
    assert_non_null(strstr(err.msg, "GIF"));
    assert_int_equal(sk_image_probe(&im, PNG, 20, &err), -1); /* truncated */
}

static void test_missing_figure_is_an_error_with_position(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 范围\n\n文字。\n\n![图](nope.png)\n", &d);
    sk_diag_free(&d);
    sk_assets a;
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_assets_load(&a, doc, &err), -1);
    assert_string_equal(err.file, "t.md");
    assert_int_equal(err.line, FM_LINES + 5);
    assert_non_null(strstr(err.msg, "nope.png"));
    sk_doc_free(doc);
}

static void test_table_wider_than_word_allows_fails(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 范围\n\n表：宽\n\n|");
    for (int i = 0; i < 70; i++)
        sk_buf_puts(&b, " c |");
    sk_buf_puts(&b, "\n|");
    for (int i = 0; i < 70; i++)
        sk_buf_puts(&b, "---|");
    sk_buf_puts(&b, "\n");
    sk_diags d;
    sk_doc *doc = parse_str(b.data, &d);
    sk_diag_free(&d);
    sk_zip *pkg = NULL;
    sk_err err;
    sk_docx_opts o = { 0 };
    assert_int_equal(sk_docx_build(&pkg, doc, &o, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "70 columns"));
    assert_int_equal(err.line, FM_LINES + 3);
    assert_null(pkg);
    sk_doc_free(doc);
    sk_buf_free(&b);
}

static void test_html_table_spans(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n表：合并\n\n<table><tr><th colspan=\"2\">甲</th><th>乙</th></tr>"
                  "<tr><td rowspan=\"2\">丙</td><td>丁</td><td>戊</td></tr><tr><td>己</td><td>庚</td></tr></table>\n", NULL);
    const char *t = "//w:tbl";
    assert_int_equal((int)numf(&r, "count(%s/w:tr[1]/w:tc)", t), 2);
    char *span = strf(&r, "string(%s/w:tr[1]/w:tc[1]/w:tcPr/w:gridSpan/@w:val)", t);
    char *merge = strf(&r, "string(%s/w:tr[2]/w:tc[1]/w:tcPr/w:vMerge/@w:val)", t);
    assert_string_equal(span, "2");
    assert_string_equal(merge, "restart");
    free(span);
    free(merge);
    assert_int_equal((int)numf(&r, "count(%s/w:tr[3]/w:tc[1]/w:tcPr/w:vMerge[not(@w:val)])", t), 1);
    assert_int_equal((int)numf(&r, "count(%s/w:tr[3]/w:tc)", t), 3);
    xp_done(&r);
}

static void test_reproducible_bytes(void **state)
{
    (void)state;
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    sk_err err;
    unsetenv("SOURCE_DATE_EPOCH");
    rendered r1, r2;
    render_opts(&r1, STD, NULL);
    render_opts(&r2, STD, NULL);
    assert_int_equal(sk_zip_bytes(r1.pkg, &a, &la, &err), 0);
    assert_int_equal(sk_zip_bytes(r2.pkg, &b, &lb, &err), 0);
    assert_int_equal((int)la, (int)lb);
    assert_memory_equal(a, b, la);
    free(b);
    /* SOURCE_DATE_EPOCH changes the ZIP time stamps */
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    sk_zip_set_time(r2.pkg, 0);
    time_t t;
    assert_int_equal(sk_stamp_build(&t, 0), 1);
    assert_int_equal((long)t, 1700000000L);
    sk_zip_set_time(r2.pkg, t);
    assert_int_equal(sk_zip_bytes(r2.pkg, &b, &lb, &err), 0);
    assert_true(la != lb || memcmp(a, b, la) != 0);
    unsetenv("SOURCE_DATE_EPOCH");
    setenv("SOURCE_DATE_EPOCH", "12x", 1);
    assert_int_equal(sk_stamp_build(&t, 5), 0);
    assert_int_equal((long)t, 5L);
    unsetenv("SOURCE_DATE_EPOCH");
    free(a);
    free(b);
    xp_done(&r1);
    xp_done(&r2);
}

static void test_output_name(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str("---\nnumber: SJDJ/TS 04—2019\ntitle: “5+X”党员活动日（试行）\ncategory: TS\nstatus: draft\n---\n",
                            &d);
    char *n = sk_labels_output_name(doc, "docx");
    assert_string_equal(n, "SJDJ-TS-04-2019-5X党员活动日试行.docx");
    free(n);
    sk_doc_free(doc);
    sk_diag_free(&d);
    doc = parse_str("---\ntitle: 无编号\n---\n", &d);
    n = sk_labels_output_name(doc, "docx");
    assert_string_equal(n, "t.docx");
    free(n);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_level_banner(void **state)
{
    (void)state;
    struct { const char *num, *want; } cases[] = {
        { "GB/T 1.1—2020", "中华人民共和国国家标准" }, { "GB 2760—2014", "中华人民共和国国家标准" },
        { "GB/Z 1—2020", "中华人民共和国国家标准化指导性技术文件" }, { "DB41/T 1234—2020", "河南省地方标准" },
        { "T/CAS 1—2020", "团体标准" }, { "Q/ABC 1—2020", "企业标准" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *b = sk_cover_banner(cases[i].num, NULL);
        assert_string_equal(b, cases[i].want);
        free(b);
    }
    assert_null(sk_cover_banner("XYZ 1—2020", NULL));
    sk_system sys = { 0 };
    sys.code = "SJDJ";
    sys.level = "上街区社区党建标准";
    char *b = sk_cover_banner("SJDJ/TS 01—2019", &sys);
    assert_string_equal(b, "上街区社区党建标准");
    free(b);
}

static void test_cover_fields(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str("---\nnumber: DB41/T 9—2024\ntitle: 标题\ntitle_en: Title\ncategory: TS\nstatus: draft\n"
                            "stage: 征求意见稿\nics: 03.120.10\nccs: A00\nissued: 2024-01-02\nissuer: 某局\n"
                            "replaces: [DB41/T 9—2020, DB41/T 8—2019]\n---\n",
                            &d);
    sk_cover c;
    sk_cover_build(&c, doc, NULL);
    assert_string_equal(c.ics, "ICS 03.120.10");
    assert_string_equal(c.ccs, "CCS A00");
    assert_string_equal(c.level, "河南省地方标准");
    assert_string_equal(c.replaces, "代替 DB41/T 9—2020、DB41/T 8—2019");
    assert_string_equal(c.stage, "（征求意见稿）");
    assert_non_null(c.patent);
    assert_string_equal(c.issued, "XXXX-XX-XX 发布"); /* a draft: not issued yet */
    assert_string_equal(c.effective, "XXXX-XX-XX 实施");
    assert_string_equal(c.issuer, "某局　发布");
    sk_cover_free(&c);
    sk_doc_free(doc);
    sk_diag_free(&d);
    /* the 发布稿 is the text as issued: its dates, no stage line, no patent sentence */
    doc = parse_str("---\nnumber: DB41/T 9—2024\ntitle: 标题\ncategory: TS\nstatus: current\nstage: 发布稿\n"
                    "issued: 2024-01-02\neffective: 2024-02-01\n---\n",
                    &d);
    sk_cover_build(&c, doc, NULL);
    assert_null(c.stage);
    assert_null(c.patent);
    assert_string_equal(c.issued, "2024-01-02 发布");
    assert_string_equal(c.effective, "2024-02-01 实施");
    sk_cover_free(&c);
    sk_doc_free(doc);
    sk_diag_free(&d);
    /* a 报批稿 does not ask for patents */
    doc = parse_str("---\nnumber: DB41/T 9—2024\ntitle: 标题\ncategory: TS\nstatus: draft\nstage: 报批稿\n---\n", &d);
    sk_cover_build(&c, doc, NULL);
    assert_string_equal(c.stage, "（报批稿）");
    assert_null(c.patent);
    sk_cover_free(&c);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_cover_variants(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof GBT_COVERS / sizeof GBT_COVERS[0]; i++) {
        const gbt_cover_case *c = &GBT_COVERS[i];
        char *md = sk_asprintf("%s%s", c->fm, GBT_BODY);
        rendered r;
        render_opts(&r, md, NULL);
        assert_xpath_str(&r, c->banner, P("GBCoverLevel"));
        /* the kind's mark at the right of the first line; a short banner centred, not spread */
        assert_xpath_str(&r, c->mark, P("GBCoverCodes") "[1]/w:r[w:rPr/w:rStyle/@w:val='GBCoverMark']");
        assert_count(&r, 1, P("GBCoverCodes") "[1]/w:r[w:tab]");
        assert_count(&r, strstr(c->banner, "　") ? 1 : 0, P("GBCoverLevel") "/w:pPr/w:jc[@w:val='center']");
        assert_count(&r, (c->stage ? 1 : 0) + (c->completed ? 1 : 0), P("GBCoverStage"));
        if (c->stage)
            assert_xpath_str(&r, c->stage, P("GBCoverStage"));
        if (c->completed) {
            assert_xpath_str(&r, c->completed, "(" P("GBCoverStage") ")[2]");
        }
        assert_count(&r, c->patent, P("GBCoverNote") "[string(.)='在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。']");
        /* a part's title: the elements on lines of their own, on the cover and the first body page */
        assert_count(&r, 1, P("GBCoverTitle") "[string(.)='社区服务站点第1部分：建设'][count(.//w:br)=1]");
        assert_count(&r, 1, P("GBDocumentTitle") "[count(.//w:br)=1]");
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
    assert_count(&r, 1, P("Normal") "[string(.)='4.1.1.1　站点应设在首层。'][w:bookmarkStart]/w:r[1][w:rPr/w:rStyle/@w:val='GBLabel']");
    assert_count(&r, 1, P("Normal") "[string(.)='4.1.1.2　站点宜靠近公园，方法见参考文献[2]。']");
    /* the reference to an untitled clause prints its number and links to it */
    char *bm = str(&r, P("Normal") "[starts-with(string(.),'4.1.1.2')]/w:bookmarkStart/@w:name");
    /* from 4.1.2 and from the index entry */
    assert_int_equal((int)numf(&r, "count(//w:hyperlink[@w:anchor='%s'][string(.)='4.1.1.2'])", bm), 2);
    free(bm);
    /* 参考文献: [1], [2] from the model; 参考文献[2] links to the second entry */
    assert_count(&r, 1, P("GBList1") "[string(.)='[1]GB/T 20000.1—2014　标准化工作指南'][w:r[2]/w:tab]");
    char *b2 = str(&r, P("GBList1") "[starts-with(string(.),'[2]')]/w:bookmarkStart/@w:name");
    assert_int_equal((int)numf(&r, "count(//w:hyperlink[@w:anchor='%s'][string(.)='参考文献[2]'])", b2), 1);
    free(b2);
    /* 索引: letters, entries with the numbers from the model */
    assert_count(&r, 1, P("GBBibliographyTitle") VISIBLE("索　　引"));
    assert_xpath_str(&r, "F", P("GBIndexLetter") "[1]");
    assert_count(&r, 1, P("GBIndexEntry") "[string(.)='扶手　4.2']");
    assert_count(&r, 1, P("GBIndexEntry") "[string(.)='服务站点　3.1']");
    assert_count(&r, 1, P("GBIndexEntry") "[string(.)='服务小站　3.1']");
    assert_count(&r, 1, P("GBIndexEntry") "[string(.)='靠近公园　4.1.1.2']");
    assert_count(&r, 1, P("GBIndexEntry") "[string(.)='靠近公园　4.1.1.2']/w:hyperlink");
    /* in two columns: the title ends the body's section (odd page, numbers from 1), the
     * entries are a continuous section of two columns, the end rule one of one column */
#define NEXT_SECT "/following-sibling::w:p[w:pPr/w:sectPr][1]/w:pPr/w:sectPr"
    assert_count(&r, 1, P("GBBibliographyTitle") VISIBLE("索　　引") "/following-sibling::w:p[1]/w:pPr/w:sectPr"
                        "[w:type/@w:val='oddPage'][w:pgNumType/@w:start='1'][not(w:cols/@w:num)]");
    assert_count(&r, 1, P("GBIndexLetter") "[1]" NEXT_SECT "[w:type/@w:val='continuous'][not(w:pgNumType)]"
                        "[w:cols/@w:num='2'][w:cols/@w:space='425'][count(w:headerReference)=2]");
    assert_count(&r, 1, "(" P("GBIndexEntry") ")[last()]/following-sibling::w:p[1]/w:pPr/w:sectPr[w:cols/@w:num='2']");
    assert_count(&r, 1, "/w:document/w:body/w:sectPr[w:type/@w:val='continuous'][not(w:pgNumType)][not(w:cols/@w:num)]");
    assert_count(&r, 1, "/w:document/w:body/w:p[last()][w:pPr/w:pStyle/@w:val='GBEndRule']");
#undef NEXT_SECT
    /* a term in full: admitted, deprecated, symbol on lines of their own, source last */
    assert_count(&r, 1, P("GBTermAlternative") "[string(.)='服务小站']");
    assert_count(&r, 1, P("GBTermAlternative") "[string(.)='不推荐用：活动室']");
    assert_count(&r, 1, P("GBTermAlternative") "[string(.)='SS']");
    assert_count(&r, 1, P("BodyText") "[string(.)='[来源：GB/T 29353—2012，3.1，有修改]']/preceding-sibling::w:p[1][starts-with(string(.),'注')]");
    xp_done(&r);
    free(md);
}

static void test_page_labels(void **state)
{
    (void)state;
    char b[16];
    sk_toc_page_label(4, 1, b);
    assert_string_equal(b, "IV");
    sk_toc_page_label(14, 1, b);
    assert_string_equal(b, "XIV");
    sk_toc_page_label(14, 0, b);
    assert_string_equal(b, "14");
}

static void test_xml_clean(void **state)
{
    (void)state;
    size_t dropped = 0, len = 0;
    assert_null(sk_xmlw_clean("纯文本\t\n", strlen("纯文本\t\n"), &len, &dropped));
    const char *dirty = "a\x01" "b\xEF\xBF\xBE" "c\xFF" "d";
    char *c = sk_xmlw_clean(dirty, strlen(dirty), &len, &dropped);
    assert_string_equal(c, "abcd");
    assert_int_equal((int)dropped, 3);
    free(c);
}

static void test_xml_parse_refuses_doctype(void **state)
{
    (void)state;
    sk_err err;
    const char *x = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>";
    assert_null(sk_xml_parse_safe(x, strlen(x), "styles.xml", &err));
    assert_non_null(strstr(err.msg, "DOCTYPE"));
    xmlDocPtr d = sk_xml_parse_safe("<a/>", 4, "x", &err);
    assert_non_null(d);
    xmlFreeDoc(d);
}

/* every role's style exists in the built-in styles.xml under its id, name and kind */
/* Formulas: centred at the style's centre tab, the number of a cited one at its right
 * tab, (A.1) in an annex; "公式（1）" and [](#eq:id) link to the formula's bookmark; 式中
 * entries a line each; the tab stops of the template are style.h's. */
static void test_formulas_numbers_links_and_where(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n本文件规定了测试。\n\n# 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
                       "# 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n# 计算\n\n"
                       "结果按公式（1）计算，核对按[](#eq:b)：\n\n$$ a = \\frac{b}{c} $$ (1)\n\n"
                       "式中：\n\n- $a$——结果；\n- $b$——分子。\n\n$$ c \\foo $$ {#eq:b}\n\n$$ e $$\n\n"
                       "# 附录A（资料性）示例\n\n按公式（A.1）。\n\n$$ d $$ （A.1）\n",
                 NULL);
    xmlXPathRegisterNs(r.xp, BAD_CAST "m", BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/math");
    /* tab, formula, tab, number: one paragraph, in the bookmark */
    assert_count(&r, 4, P("GBFormula"));
    const char *f1 = P("GBFormula") "[1]";
    assert_int_equal((int)numf(&r, "count(%s/*[self::w:r or self::m:oMath])", f1), 4);
#define FC(p, k) p "/*[self::w:r or self::m:oMath][" k "]" /* the k-th run or formula of paragraph p */
    assert_count(&r, 1, FC(P("GBFormula") "[1]", "1") "[w:tab]");
    assert_count(&r, 1, FC(P("GBFormula") "[1]", "2") "[self::m:oMath]/m:f[m:num/m:r/m:t='b'][m:den/m:r/m:t='c']");
    assert_count(&r, 1, FC(P("GBFormula") "[1]", "3") "[w:tab]");
    assert_xpath_str(&r, "\xEF\xBC\x88" "1\xEF\xBC\x89", P("GBFormula") "[1]/w:r[last()]/w:t");
    /* the references link to the formulas' bookmarks and print their numbers */
    assert_cites(&r, P("GBFormula") "[1]/w:bookmarkStart/@w:name", "string(//w:hyperlink[@w:anchor='%s'])", "公式（1）");
    assert_cites(&r, P("GBFormula") "[2]/w:bookmarkStart/@w:name", "string(//w:hyperlink[@w:anchor='%s'])", "公式（2）");
    /* the second does not parse: its TeX as written, in the code style; the third is not cited */
    assert_xpath_str(&r, " c \\foo ", P("GBFormula") "[2]/w:r[w:rPr/w:rStyle/@w:val='VerbatimChar']/w:t");
    assert_xpath_str(&r, "\xEF\xBC\x88" "2\xEF\xBC\x89", P("GBFormula") "[2]/w:r[last()]/w:t");
    assert_count(&r, 1, P("GBFormula") "[3]/w:r[w:tab]");
    assert_count(&r, 0, P("GBFormula") "[3]/w:r/w:t");
    assert_xpath_str(&r, "\xEF\xBC\x88" "A.1\xEF\xBC\x89", P("GBFormula") "[4]/w:r[last()]/w:t");
    /* 式中： then tab, symbol, tab, ——meaning */
    assert_xpath_str(&r, "式中：", P("GBFormulaWhere"));
    assert_count(&r, 2, P("GBFormulaSymbol"));
    assert_count(&r, 1, FC(P("GBFormulaSymbol") "[1]", "1") "[w:tab]");
    assert_count(&r, 1, FC(P("GBFormulaSymbol") "[1]", "2") "[self::m:oMath/m:r/m:t='a']");
    assert_count(&r, 1, FC(P("GBFormulaSymbol") "[1]", "3") "[w:tab]");
#undef FC
    assert_xpath_str(&r, "a——结果；", "string(" P("GBFormulaSymbol") "[1])"); /* m:t counts as text */
    /* the template's tab stops are style.h's */
    load_part(&r, "word/styles.xml");
    assert_int_equal((int)num(&r, "//w:style[@w:styleId='GBFormula']//w:tab[@w:val='center']/@w:pos"),
                     SK_FORMULA_CENTER_TW);
    assert_int_equal((int)num(&r, "//w:style[@w:styleId='GBFormula']//w:tab[@w:val='right']/@w:pos"),
                     SK_FORMULA_RIGHT_TW);
    assert_int_equal((int)num(&r, "//w:style[@w:styleId='GBFormulaSymbol']//w:tab[@w:val='right']/@w:pos"),
                     SK_WHERE_SYMBOL_TW);
    assert_int_equal((int)num(&r, "//w:style[@w:styleId='GBFormulaSymbol']//w:tab[@w:val='left']/@w:pos"),
                     SK_WHERE_DASH_TW);
    assert_int_equal((int)num(&r, "//w:style[@w:styleId='GBFormulaSymbol']//w:ind/@w:left"), SK_WHERE_TEXT_TW);
    assert_int_equal((int)num(&r, "//w:style[@w:styleId='GBFormulaSymbol']//w:ind/@w:hanging"), SK_WHERE_TEXT_TW);
    xp_done(&r);
}

/* Inline formulas are Office Math inside the paragraph, between its runs; one that does
 * not parse is its TeX in the code style. */
static void test_inline_formulas(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, FM "# 范围\n\n温度$T$不大于$\\frac{1}{2}$，$\\foo$。\n\n| 量 | 值 |\n|---|---|\n| 高 | $h$ |\n", NULL);
    xmlXPathRegisterNs(r.xp, BAD_CAST "m", BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/math");
    const char *p = "//w:p[w:r/w:t='温度']";
    assert_int_equal((int)numf(&r, "count(%s/m:oMath)", p), 2);
    assert_int_equal((int)numf(&r, "count(%s/m:oMath[1][preceding-sibling::w:r[1]/w:t='温度']/m:r[m:t='T'])", p), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:oMath[2]/m:f[m:num/m:r/m:t='1'][m:den/m:r/m:t='2'])", p), 1);
    assert_int_equal((int)numf(&r, "count(%s/m:oMath[2]/following-sibling::w:r[1][w:t='，'])", p), 1);
    assert_int_equal((int)numf(&r, "count(%s/w:r[w:rPr/w:rStyle/@w:val='VerbatimChar'][w:t='\\foo'])", p), 1);
    assert_count(&r, 1, "//w:tc/w:p/m:oMath[m:r/m:t='h']");
    xp_done(&r);
}

static void test_style_table_matches_template(void **state)
{
    (void)state;
    size_t len;
    const char *tpl = (const char *)sk_templates_get("docx/styles.xml", &len);
    assert_non_null(tpl);
    rendered r = { 0 };
    xp_parse(&r, tpl, len, "styles.xml", NS);
    static const char *kinds[] = { "paragraph", "character", "table" };
    for (int i = 0; i < SK_ST_COUNT; i++) {
        const sk_style_info *s = sk_style_get((sk_style_role)i);
        if ((int)numf(&r, "count(//w:style[@w:styleId='%s'][w:name/@w:val='%s'][@w:type='%s'])", s->docx_id,
                      s->name, kinds[s->kind]) != 1)
            fail_msg("style %s (%s) missing from templates/docx/styles.xml", s->name, s->docx_id);
        assert_int_equal(sk_style_find(s->name), i);
    }
    assert_count(&r, 0, "//w:style[@w:styleId = preceding-sibling::w:style/@w:styleId]");
    /* and stdgen(1) lists every style name */
    char *man = NULL;
    size_t mlen;
    sk_err err;
    assert_int_equal(sk_fs_read(&man, &mlen, "docs/stdgen.1", 1 << 20, &err), 0);
    for (int i = 0; i < SK_ST_COUNT; i++) {
        char want[128];
        snprintf(want, sizeof want, ".B \"%s\"\n", sk_style_get((sk_style_role)i)->name);
        if (!strstr(man, want))
            fail_msg("docs/stdgen.1 does not list the style %s", sk_style_get((sk_style_role)i)->name);
    }
    free(man);
    assert_count(&r, 0, "//w:style[w:basedOn][not(w:basedOn/@w:val = //w:style/@w:styleId)]");
    xmlXPathFreeContext(r.xp);
    xmlFreeDoc(r.xml);
}

static void test_reference_doc_remaps_roles_by_name(void **state)
{
    (void)state;
    char path[] = "/tmp/sk-ref-XXXXXX.docx";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    close(fd);
    const char *styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        "<w:styles xmlns:w=\"" NS_W "\">"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"a\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"GBNote\"><w:name w:val=\"Something Else\"/></w:style>"
        "</w:styles>";
    sk_zip *p = sk_zip_new();
    sk_zip_add_copy(p, "word/styles.xml", styles, strlen(styles), SK_ZIP_DEFLATE);
    sk_err err;
    assert_int_equal(sk_zip_write(p, path, NULL, 0, &err), 0);
    sk_zip_free(p);
    sk_docx_ref *ref = NULL;
    assert_int_equal(sk_docx_ref_load(&ref, path, &err), 0);
    const sk_style_ids *ids = sk_docx_ref_ids(ref);
    assert_string_equal(ids->id[SK_ST_HEADING1], "1");
    assert_string_equal(ids->id[SK_ST_NORMAL], "a");
    /* ours under a fresh id when the reference uses it for another name */
    assert_string_equal(ids->id[SK_ST_NOTE], "GBNote2");
    sk_docx_opts o = { .ref = ref };
    rendered r;
    render_opts(&r, STD, &o);
    assert_count(&r, 5, P("1"));
    load_part(&r, "word/styles.xml");
    assert_count(&r, 1, "//w:style[@w:styleId='GBNote2'][w:name/@w:val='GB Note'][w:basedOn/@w:val='a']");
    assert_count(&r, 1, "//w:style[@w:styleId='1']");
    assert_count(&r, 1, "//w:style[@w:default='1'][@w:type='paragraph']");
    xp_done(&r);
    sk_docx_ref_free(ref);
    /* a DOCTYPE in the reference is refused */
    p = sk_zip_new();
    const char *evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><w:styles xmlns:w=\"" NS_W "\"/>";
    sk_zip_add_copy(p, "word/styles.xml", evil, strlen(evil), SK_ZIP_DEFLATE);
    assert_int_equal(sk_zip_write(p, path, NULL, 0, &err), 0);
    sk_zip_free(p);
    assert_int_equal(sk_docx_ref_load(&ref, path, &err), -1);
    assert_non_null(strstr(err.msg, "DOCTYPE"));
    unlink(path);
}

static void test_write_refuses_input_and_leaves_nothing(void **state)
{
    (void)state;
    char dir[] = "/tmp/sk-docx-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *in = sk_fs_join(dir, "in.docx");
    sk_err err;
    assert_int_equal(sk_fs_write_atomic(in, "old", 3, &err), 0);
    sk_zip *p = sk_zip_new();
    sk_zip_add_copy(p, "a.xml", "<a/>", 4, SK_ZIP_DEFLATE);
    const char *inputs[] = { in };
    assert_int_equal(sk_zip_write(p, in, inputs, 1, &err), -1);
    assert_non_null(strstr(err.msg, "input"));
    char *data;
    size_t len;
    assert_int_equal(sk_fs_read(&data, &len, in, 100, &err), 0);
    assert_string_equal(data, "old");
    free(data);
    /* a directory in the way */
    char *sub = sk_fs_join(dir, "sub.docx");
    assert_int_equal(sk_fs_mkdir_p(sub, &err), 0);
    assert_int_equal(sk_zip_write(p, sub, NULL, 0, &err), -1);
    rmdir(sub);
    unlink(in);
    /* nothing else was left in the directory */
    assert_int_equal(rmdir(dir), 0);
    sk_zip_free(p);
    free(in);
    free(sub);
}

/* A measure of LibreOffice's layout (paging.h) read into the plan, and the next build:
 * a heading that ended a page starts one; a table broken across pages goes on under
 * 表N（续） with its header row again. */
static const char PAGED[] = FM "# 范围\n\n本文件规定了测试。\n\n# 要求\n\n## 记录\n\n表：记录 {#tab-r}\n\n"
                            "| 日期 | 主题 |\n|---|---|\n| 1月 | 谋划 |\n| 2月 | 学习 |\n| 3月 | 服务 |\n| 4月 | 总结 |\n"
                            "| 5月 | 考评 |\n| 6月 | 评议 |\n| 7月 | 调研 |\n| 8月 | 慰问 |\n| 9月 | 宣讲 |\n"
                            "| 10月 | 走访 |\n| 11月 | 交流 |\n| 12月 | 述职 |\n| 次年1月 | 计划 |\n"
                            "| 次年2月 | 培训 |\n| 次年3月 | 复查 |\n| 次年4月 | 整改 |\n\n## 检查\n\n应每季度检查。\n";

/* The package and the part looked at freed, the model kept (the plan's keys are its nodes). */
static void zip_and_xml_free(rendered *r)
{
    xmlXPathFreeContext(r->xp);
    xmlFreeDoc(r->xml);
    sk_zip_free(r->pkg);
    r->xp = NULL;
    r->xml = NULL;
    r->pkg = NULL;
}

static void test_paging_plan_moves_a_heading_and_continues_a_table(void **state)
{
    (void)state;
    rendered r;
    sk_err err;
    sk_paging pg;
    sk_paging_init(&pg);
    sk_docx_opts o = { .paging = &pg };
    xp_model(&r, PAGED);
    sk_err_clear(&err);
    if (sk_docx_build(&r.pkg, r.doc, &o, &r.dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    load_part(&r, "word/document.xml");
    assert_count(&r, 0, "//w:pageBreakBefore[not(@w:val)]");
    char *h = strf(&r, "string(" P("Heading2") VISIBLE("2.2　检查") "/w:bookmarkStart/@w:name)");
    char *cap = strf(&r, "string(" P("GBTableTitle") "/w:bookmarkStart/@w:name)");
    assert_true(!strncmp(h, "_Toc", 4) && !strncmp(cap, "_Toc", 4));
    /* the heading 2.2 ended page 5; the table's rows 0-10 are on page 5, 11 on page 6 */
    sk_buf m;
    sk_buf_init(&m);
    sk_buf_printf(&m, "pages 6\nanchor _SkFront 3\nanchor _SkBody 5\nanchor %s 5\nanchor %s 5\nends %s 6\n", cap, h, h);
    for (int row = 0; row < 17; row++)
        sk_buf_printf(&m, "row 0 %d %d\n", row, row < 12 ? 5 : 6);
    assert_int_equal(sk_paging_measured(&pg, m.data, &err), 1);
    zip_and_xml_free(&r);
    if (sk_docx_build(&r.pkg, r.doc, &o, &r.dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    load_part(&r, "word/document.xml");
    assert_count(&r, 1, P("Heading2") VISIBLE("2.2　检查") "[w:pPr/w:pageBreakBefore[not(@w:val)]]");
    assert_count(&r, 0, P("Heading2") VISIBLE("2.1　记录") "[w:pPr/w:pageBreakBefore]");
    /* row 12 of LibreOffice's (the header and 11 body rows before it) starts the continuation */
    assert_count(&r, 2, "//w:tbl");
    assert_count(&r, 1, P("GBTableTitle") "[string(.)='表1（续）'][w:pPr/w:pageBreakBefore]");
    assert_count(&r, 1, "//w:tbl[1]/w:tr[last()][string(.)='11月交流']");
    assert_count(&r, 1, "//w:tbl[2]/w:tr[1][w:trPr/w:tblHeader][string(.)='日期主题']");
    assert_count(&r, 1, "//w:tbl[2]/w:tr[2][string(.)='12月述职']");
    /* the measure of that build: 2.2 on page 7 now (its 目次 page changes), the table
     * as planned; the same measure again is what the plan says */
    sk_buf_clear(&m);
    sk_buf_printf(&m, "pages 7\nanchor _SkFront 3\nanchor _SkBody 5\nanchor %s 5\nanchor %s 7\n", cap, h);
    for (int row = 0; row < 12; row++)
        sk_buf_printf(&m, "row 0 %d 5\n", row);
    for (int row = 0; row < 6; row++)
        sk_buf_printf(&m, "row 1 %d 6\n", row);
    assert_int_equal(sk_paging_measured(&pg, m.data, &err), 1);
    assert_int_equal(sk_paging_measured(&pg, m.data, &err), 0);
    assert_true(pg.measured && pg.pages == 7);
    /* the end rule (its bookmark _SkEnd) alone on page 8: the last paragraph goes with it */
    assert_count(&r, 1, P("GBEndRule") "/w:bookmarkStart[@w:name='_SkEnd']");
    assert_count(&r, 0, P("BodyText") "[w:pPr/w:pageBreakBefore]");
    sk_buf_printf(&m, "pages 8\nalone _SkEnd 8\n");
    assert_int_equal(sk_paging_measured(&pg, m.data, &err), 1);
    zip_and_xml_free(&r);
    if (sk_docx_build(&r.pkg, r.doc, &o, &r.dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    load_part(&r, "word/document.xml");
    assert_count(&r, 1, P("BodyText") "[w:pPr/w:pageBreakBefore]");
    assert_count(&r, 1, P("BodyText") "[w:pPr/w:pageBreakBefore][string(.)='应每季度检查。']"
                        "[following-sibling::w:p[1][w:pPr/w:pStyle/@w:val='GBEndRule']]");
    sk_buf_free(&m);
    free(h);
    free(cap);
    sk_paging_free(&pg);
    xp_done(&r);
}

/* A measure that is not one is refused, naming its line. */
static void test_paging_refuses_a_bad_measure(void **state)
{
    (void)state;
    sk_paging pg;
    sk_err err;
    sk_paging_init(&pg);
    sk_err_clear(&err);
    assert_int_equal(sk_paging_measured(&pg, "pages 3\nends _Toc1\n", &err), -1);
    assert_string_equal(err.msg, "LibreOffice's measure, line 2: not understood: ends _Toc1");
    sk_paging_free(&pg);
}

/* A table too wide for a portrait page goes on a landscape section of its own (the
 * sheet turned, starting on a new page, the numbers going on), caption included;
 * the text after it is portrait again. */
static void test_wide_table_on_a_landscape_page(void **state)
{
    (void)state;
    rendered r;
    render_opts(&r, WIDE, NULL);
    /* sections: cover, front, body (portrait, up to the wide table), the landscape one, the rest */
    assert_count(&r, 5, "//w:sectPr");
    assert_count(&r, 1, "//w:sectPr[w:pgSz/@w:orient='landscape']");
    const char *land = "//w:p[w:pPr/w:sectPr/w:pgSz/@w:orient='landscape']";
    /* the landscape section: the caption 表2 and its table, nothing else */
    assert_count(&r, 1, "//w:p[w:pPr/w:sectPr][following-sibling::*[1][string(.)='表2　日期']]"
                        "[w:pPr/w:sectPr/w:type/@w:val='oddPage'][w:pPr/w:sectPr/w:pgNumType/@w:start='1']");
    assert_count(&r, 1, "//w:tbl[following-sibling::*[1][self::w:p/w:pPr/w:sectPr/w:pgSz/@w:orient='landscape']]"
                        "[w:tblPr/w:tblW/@w:w=14286][sum(w:tblGrid/w:gridCol/@w:w)=14286]");
    assert_int_equal((int)numf(&r, "number(%s/w:pPr/w:sectPr/w:pgSz/@w:w)", land), 16838);
    assert_int_equal((int)numf(&r, "number(%s/w:pPr/w:sectPr/w:pgSz/@w:h)", land), 11906);
    char *type = strf(&r, "string(%s/w:pPr/w:sectPr/w:type/@w:val)", land);
    assert_string_equal(type, "nextPage");
    free(type);
    assert_count(&r, 0, "//w:sectPr[w:pgSz/@w:orient='landscape']/w:pgNumType");
    assert_count(&r, 2, "//w:sectPr[w:pgSz/@w:orient='landscape']/w:headerReference");
    /* the narrow table stays portrait, the last section too, and starts on a new page */
    assert_count(&r, 1, "//w:tbl[w:tblPr/w:tblW/@w:w=9354]");
    assert_count(&r, 1, "/w:document/w:body/w:sectPr[not(w:pgSz/@w:orient)][w:pgSz/@w:w=11906][w:type/@w:val='nextPage']");
    assert_count(&r, 1, "//w:p[preceding-sibling::*[1][self::w:p/w:pPr/w:sectPr/w:pgSz/@w:orient='landscape']]"
                        "[string(.)='日期按表2填写。']");
    xp_done(&r);
    /* a form annex of that table: its title starts the landscape section (no second page
     * break), and as the last annex it keeps the end rule on its pages */
    render_opts(&r, WIDE_ANNEX, NULL);
    assert_count(&r, 1, "//w:sectPr[w:pgSz/@w:orient='landscape']");
    assert_count(&r, 1, "/w:document/w:body/w:sectPr[w:pgSz/@w:orient='landscape'][w:type/@w:val='nextPage']");
    assert_count(&r, 1, P("GBAnnexTitle") "[w:pPr/w:pageBreakBefore/@w:val='0']"
                        "[preceding-sibling::w:p[1]/w:pPr/w:sectPr[not(w:pgSz/@w:orient)]]");
    assert_count(&r, 1, "//w:tbl[w:tblPr/w:tblW/@w:w=14286]");
    assert_count(&r, 1, P("GBEndRule") "[not(following::w:p[w:pPr/w:sectPr])]");
    xp_done(&r);
}

/* A blank page inserted before the body (the front matter ended on a right-hand page):
 * the next build writes it as a section of its own, with empty header and footer parts,
 * so that Word's own blank page with the front matter's header and number never comes. */
static void test_paging_writes_the_blank_page_before_the_body(void **state)
{
    (void)state;
    rendered r;
    sk_err err;
    sk_paging pg;
    sk_paging_init(&pg);
    sk_docx_opts o = { .paging = &pg };
    xp_model(&r, PAGED);
    sk_err_clear(&err);
    if (sk_docx_build(&r.pkg, r.doc, &o, &r.dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    assert_null(sk_zip_get(r.pkg, "word/header3.xml", NULL));
    /* cover 1, its blank verso 2, 目次 and 前言 on 3, LibreOffice's blank page 4, the body on 5 */
    const char *meas = "pages 7\nanchor _SkFront 3\nanchor _SkBody 5\nblank 2\nblank 4\n";
    assert_int_equal(sk_paging_measured(&pg, meas, &err), 1);
    assert_true(sk_paging_blank_page(&pg));
    sk_zip_free(r.pkg);
    if (sk_docx_build(&r.pkg, r.doc, &o, &r.dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    load_part(&r, "word/document.xml");
    /* the front matter's section, then the blank page's: one paragraph, its own empty parts */
    const char *blank = "//w:p[w:bookmarkStart/@w:name='_SkBlank']";
    assert_count(&r, 1, "//w:p[w:bookmarkStart/@w:name='_SkBlank'][preceding-sibling::w:p[1]/w:pPr/w:sectPr"
                        "/w:pgNumType/@w:fmt='upperRoman']");
    char *ref = strf(&r, "string(%s/following-sibling::w:p[1]/w:pPr/w:sectPr/w:headerReference[@w:type='even']/@r:id)",
                     blank);
    assert_count(&r, 1, "//w:sectPr[w:type/@w:val='nextPage'][count(w:headerReference)=2][count(w:footerReference)=2]"
                        "[not(w:pgNumType)][following::w:p[1][string(.)='测试标准']]");
    load_part(&r, "word/_rels/document.xml.rels");
    assert_int_equal((int)numf(&r, "count(//rel:Relationship[@Id='%s'][@Target='header3.xml'])", ref), 1);
    free(ref);
    load_part(&r, "[Content_Types].xml");
    assert_count(&r, 1, "//ct:Override[@PartName='/word/header3.xml']");
    assert_count(&r, 1, "//ct:Override[@PartName='/word/footer5.xml']");
    load_part(&r, "word/footer5.xml");
    assert_count(&r, 0, "//w:fldSimple|//w:t");
    /* that build measured: no blank page inserted before the body, ours on 4: kept */
    assert_int_equal(sk_paging_measured(&pg, "pages 7\nanchor _SkFront 3\nanchor _SkBlank 4\nanchor _SkBody 5\n"
                                             "blank 2\n", &err), 0);
    assert_true(sk_paging_blank_page(&pg));
    /* the front matter grew a page: ours on 5, a blank page inserted on 6: ours goes */
    assert_int_equal(sk_paging_measured(&pg, "pages 9\nanchor _SkFront 3\nanchor _SkBlank 5\nanchor _SkBody 7\n"
                                             "blank 2\nblank 6\n", &err), 1);
    assert_false(sk_paging_blank_page(&pg));
    /* with blank pages left out of the PDF (--skip-blank-pages) there is none to write */
    sk_paging_free(&pg);
    sk_paging_init(&pg);
    pg.no_blank = 1;
    zip_and_xml_free(&r);
    if (sk_docx_build(&r.pkg, r.doc, &o, &r.dropped, &err) != 0)
        fail_msg("sk_docx_build: %s", err.msg);
    sk_paging_measured(&pg, meas, &err);
    assert_false(sk_paging_blank_page(&pg));
    sk_paging_free(&pg);
    xp_done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chapter_heading_has_number_and_bookmark, setup_std, xp_teardown),
        cmocka_unit_test(test_paging_plan_moves_a_heading_and_continues_a_table),
        cmocka_unit_test(test_paging_refuses_a_bad_measure),
        cmocka_unit_test(test_paging_writes_the_blank_page_before_the_body),
        cmocka_unit_test(test_wide_table_on_a_landscape_page),
        cmocka_unit_test_setup_teardown(test_reference_links_to_the_heading_bookmark, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_bookmarks_are_unique_and_every_link_resolves, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_table_caption_header_and_notes, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_note_labels, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_annex_title_on_three_lines, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_escaping_and_control_characters, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_list_markers, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_term_entry, setup_std, xp_teardown),
        cmocka_unit_test(test_generated_foreword),
        cmocka_unit_test(test_foreword_from_front_matter),
        cmocka_unit_test_setup_teardown(test_blank_form, setup_std, xp_teardown),
        cmocka_unit_test(test_filled_form),
        cmocka_unit_test_setup_teardown(test_sections_and_page_numbering, setup_std, xp_teardown),
        cmocka_unit_test_setup_teardown(test_package_parts_and_relationships, setup_std, xp_teardown),
        cmocka_unit_test(test_figure_in_annex),
        cmocka_unit_test(test_parts_of_tables_and_figures),
        cmocka_unit_test(test_image_probe_formats),
        cmocka_unit_test(test_missing_figure_is_an_error_with_position),
        cmocka_unit_test(test_table_wider_than_word_allows_fails),
        cmocka_unit_test(test_html_table_spans),
        cmocka_unit_test(test_reproducible_bytes),
        cmocka_unit_test(test_output_name),
        cmocka_unit_test(test_level_banner),
        cmocka_unit_test(test_cover_fields),
        cmocka_unit_test(test_cover_variants),
        cmocka_unit_test(test_untitled_clauses_bibliography_index_terms),
        cmocka_unit_test(test_page_labels),
        cmocka_unit_test(test_xml_clean),
        cmocka_unit_test(test_xml_parse_refuses_doctype),
        cmocka_unit_test(test_formulas_numbers_links_and_where),
        cmocka_unit_test(test_inline_formulas),
        cmocka_unit_test(test_style_table_matches_template),
        cmocka_unit_test(test_reference_doc_remaps_roles_by_name),
        cmocka_unit_test(test_write_refuses_input_and_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
