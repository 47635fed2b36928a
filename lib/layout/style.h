/* style — the one table of GB/T 1.1 style roles, shared by the DOCX and ODT
 * writers. A writer never names a style itself: it asks for a role and gets the
 * style id to write. Each role has
 *   - the style NAME, which Word, LibreOffice and pandoc's --reference-doc match
 *     on (Word's built-in names are lower case: "heading 1", "toc 1", "caption");
 *   - the DOCX styleId defined in templates/docx/styles.xml;
 *   - the ODT style name (spaces encoded as _20_, as LibreOffice does);
 *   - what the role is for, in GB/T 1.1 terms.
 * With --reference-doc the DOCX ids are remapped by name to the reference's own
 * ids (pandoc's approach); roles whose names the reference lacks keep ours. */
#ifndef SK_STYLE_H
#define SK_STYLE_H

typedef enum { SK_STK_PARA, SK_STK_CHAR, SK_STK_TABLE } sk_style_kind;

/* Page geometry both writers lay out (GB/T 1.1 Annex E), in twips (1/20 pt,
 * 567 to the cm): A4; margins top 25 mm, bottom 20 mm, inner 25 mm, outer 20 mm,
 * mirrored on even pages; the header 15 mm and the footer 10 mm from the edge.
 * The text block is 165 mm wide. */
#define SK_PAGE_W_TW 11906
#define SK_PAGE_H_TW 16838
#define SK_MARGIN_TOP_TW 1418
#define SK_MARGIN_BOTTOM_TW 1134
#define SK_MARGIN_INNER_TW 1418
#define SK_MARGIN_OUTER_TW 1134
#define SK_HEADER_TW 851
#define SK_FOOTER_TW 567
#define SK_TEXT_W_TW 9354
/* A landscape page (a table too wide for the portrait text block): the sheet turned,
 * the same margins; its text block is 252 mm wide. */
#define SK_TEXT_W_LAND_TW (SK_PAGE_H_TW - SK_MARGIN_INNER_TW - SK_MARGIN_OUTER_TW)
/* One 汉字 of 五号 text (10.5 pt): the unit of indents. */
#define SK_CHAR_TW 210
/* Twips as millimetres (ODF lengths). */
#define SK_TW_MM(tw) ((double)(tw) / 56.6929)

/* the 索引 is set in two columns (as published standards print it), 0.75 cm apart */
#define SK_INDEX_COLUMNS 2
#define SK_COLUMN_GAP_TW 425
/* Formulas (GB/T 1.1—2020 9.9), in the "GB Formula" and "GB Formula Symbol" styles of
 * both templates (the writers' tests hold the templates to these numbers): a formula
 * sits at a centre tab in the middle of the text block, its number "（1）" at a right
 * tab on the right margin; a 式中 entry ends its symbol at a right tab, starts the
 * dash at a left tab just after it (so the dashes line up), and its meaning's further
 * lines start after the dash (the hanging indent). */
#define SK_FORMULA_CENTER_TW (SK_TEXT_W_TW / 2)
#define SK_FORMULA_RIGHT_TW SK_TEXT_W_TW
#define SK_WHERE_SYMBOL_TW (6 * SK_CHAR_TW)
#define SK_WHERE_DASH_TW (SK_WHERE_SYMBOL_TW + 20)
#define SK_WHERE_TEXT_TW (SK_WHERE_DASH_TW + 2 * SK_CHAR_TW)

/* X(ROLE, kind, "name", "docx id", "odt name", "purpose") */
#define SK_STYLE_ROLES(X)                                                                                        \
    X(NORMAL, PARA, "Normal", "Normal", "Standard", "base of every paragraph style: 五号宋体")                   \
    X(BODY, PARA, "Body Text", "BodyText", "Text_20_body", "running text, first line indented two 汉字")         \
    X(HEADING1, PARA, "heading 1", "Heading1", "Heading_20_1", "chapter number and title, 五号黑体")             \
    X(HEADING2, PARA, "heading 2", "Heading2", "Heading_20_2", "first-level clause (5.1), 五号黑体")             \
    X(HEADING3, PARA, "heading 3", "Heading3", "Heading_20_3", "second-level clause (5.1.1)")                    \
    X(HEADING4, PARA, "heading 4", "Heading4", "Heading_20_4", "third-level clause")                             \
    X(HEADING5, PARA, "heading 5", "Heading5", "Heading_20_5", "fourth-level clause")                            \
    X(HEADING6, PARA, "heading 6", "Heading6", "Heading_20_6", "fifth-level clause")                             \
    X(TOC_TITLE, PARA, "GB TOC Title", "GBTOCTitle", "GB_20_TOC_20_Title", "目次 title, 三号黑体 centred")        \
    X(TOC1, PARA, "toc 1", "TOC1", "Contents_20_1", "目次 entry: 前言, chapters, annexes, 参考文献")              \
    X(TOC2, PARA, "toc 2", "TOC2", "Contents_20_2", "目次 entry: first-level clauses")                           \
    X(FOREWORD_TITLE, PARA, "GB Foreword Title", "GBForewordTitle", "GB_20_Foreword_20_Title",                   \
      "前言 and 引言 titles, 三号黑体 centred, new page")                                                         \
    X(DOC_TITLE, PARA, "GB Document Title", "GBDocumentTitle", "GB_20_Document_20_Title",                        \
      "the standard's title on the first body page, 三号黑体 centred")                                           \
    X(ANNEX_TITLE, PARA, "GB Annex Title", "GBAnnexTitle", "GB_20_Annex_20_Title",                               \
      "附录A / （规范性） / title on three centred lines, 五号黑体, new page")                                     \
    X(BIBLIO_TITLE, PARA, "GB Bibliography Title", "GBBibliographyTitle", "GB_20_Bibliography_20_Title",         \
      "参考文献 and 索引 titles, 五号黑体 centred, new page")                                                      \
    X(TERM_NUMBER, PARA, "GB Term Number", "GBTermNumber", "GB_20_Term_20_Number",                               \
      "term entry number on its own line, 黑体")                                                                 \
    X(TERM, PARA, "GB Term", "GBTerm", "GB_20_Term", "term in 黑体, one 汉字 gap, English equivalent")             \
    X(TERM_ALT, PARA, "GB Term Alternative", "GBTermAlternative", "GB_20_Term_20_Alternative",                  \
      "admitted term, 不推荐用：deprecated term or symbol of a term entry, each on its own line, 宋体")             \
    X(NOTE, PARA, "GB Note", "GBNote", "GB_20_Note", "注： / 注1： notes, 小五号宋体")                              \
    X(EXAMPLE, PARA, "GB Example", "GBExample", "GB_20_Example", "示例： examples, 小五号宋体")                    \
    X(LIST1, PARA, "GB List 1", "GBList1", "GB_20_List_20_1", "list item, first level (—— or a))")               \
    X(LIST2, PARA, "GB List 2", "GBList2", "GB_20_List_20_2", "list item, second level (· or 1))")               \
    X(LIST3, PARA, "GB List 3", "GBList3", "GB_20_List_20_3", "list item, deeper levels")                        \
    X(LIST_CONT, PARA, "GB List Continue", "GBListContinue", "GB_20_List_20_Continue",                           \
      "further paragraphs of a list item")                                                                       \
    X(CAPTION, PARA, "caption", "Caption", "Caption", "base of table and figure titles, 五号黑体 centred")        \
    X(INDEX_LETTER, PARA, "GB Index Letter", "GBIndexLetter", "GB_20_Index_20_Letter",                           \
      "索引: the letter heading a group of entries, 黑体 centred")                                                  \
    X(INDEX_ENTRY, PARA, "GB Index Entry", "GBIndexEntry", "GB_20_Index_20_Entry",                              \
      "索引: an entry, its words, a gap and the clause numbers it points to")                                     \
    X(TABLE_TITLE, PARA, "GB Table Title", "GBTableTitle", "GB_20_Table_20_Title",                               \
      "表1　title, above the table, kept with it")                                                               \
    X(TABLE_HEADING, PARA, "GB Table Heading", "GBTableHeading", "GB_20_Table_20_Heading",                       \
      "table header cells, 小五号 centred")                                                                       \
    X(TABLE_TEXT, PARA, "GB Table Text", "GBTableText", "GB_20_Table_20_Text", "table cells, 小五号宋体")          \
    X(TABLE_NOTE, PARA, "GB Table Note", "GBTableNote", "GB_20_Table_20_Note",                                   \
      "notes inside a table, at its bottom")                                                                     \
    X(FIGURE, PARA, "GB Figure", "GBFigure", "GB_20_Figure", "the paragraph holding a figure, centred")          \
    X(FIGURE_TITLE, PARA, "GB Figure Title", "GBFigureTitle", "GB_20_Figure_20_Title", "图1　title, below the figure") \
    X(FORMULA, PARA, "GB Formula", "GBFormula", "GB_20_Formula", "formula centred, number at the right")         \
    X(FORMULA_WHERE, PARA, "GB Formula Where", "GBFormulaWhere", "GB_20_Formula_20_Where",                       \
      "式中： on its own line under a formula")                                                                  \
    X(FORMULA_SYMBOL, PARA, "GB Formula Symbol", "GBFormulaSymbol", "GB_20_Formula_20_Symbol",                   \
      "a 式中 entry: symbol, ——, meaning; the dashes aligned, wrapped lines after the dash")                      \
    X(CODE, PARA, "GB Code", "GBCode", "GB_20_Code", "preformatted text")                                        \
    X(QUOTE, PARA, "Block Text", "BlockText", "Quotations", "quoted text, indented")                             \
    X(CUT_LINE, PARA, "GB Cut Line", "GBCutLine", "GB_20_Cut_20_Line", "dashed 剪切线 between parts of a form")     \
    X(FORM_TITLE, PARA, "GB Form Title", "GBFormTitle", "GB_20_Form_20_Title",                                  \
      "a form's title (stdform): 小二黑体 centred")                                                              \
    X(FORM_HEADING, PARA, "GB Form Heading", "GBFormHeading", "GB_20_Form_20_Heading",                          \
      "a heading inside a form: 小四黑体")                                                                       \
    X(FORM_TEXT, PARA, "GB Form Text", "GBFormText", "GB_20_Form_20_Text",                                      \
      "running text of a form: 小四宋体, first line indented two 汉字, 20 pt exact")                        \
    X(FORM_LINE, PARA, "GB Form Line", "GBFormLine", "GB_20_Form_20_Line",                                      \
      "a line of labels and blanks, a salutation, a signature line: 小四, not indented")                          \
    X(FORM_CELL, PARA, "GB Form Cell", "GBFormCell", "GB_20_Form_20_Cell", "a form's table cells: 五号宋体")        \
    X(END_RULE, PARA, "GB End Rule", "GBEndRule", "GB_20_End_20_Rule",                                           \
      "终结线: centred rule, a quarter of the text width, after the last content")                                \
    X(SECTION_BREAK, PARA, "GB Section Break", "GBSectionBreak", "GB_20_Section_20_Break",                       \
      "empty paragraph that ends a page-layout section")                                                         \
    X(HEADER, PARA, "header", "Header", "Header", "page header: the standard's number, 五号黑体")                  \
    X(FOOTER, PARA, "footer", "Footer", "Footer", "page footer: the page number")                                \
    X(COVER_CODES, PARA, "GB Cover Codes", "GBCoverCodes", "GB_20_Cover_20_Codes", "cover: ICS and CCS, top left") \
    X(COVER_LEVEL, PARA, "GB Cover Level", "GBCoverLevel", "GB_20_Cover_20_Level",                               \
      "cover: the level banner (中华人民共和国国家标准, 团体标准 …)")                                               \
    X(COVER_NUMBER, PARA, "GB Cover Number", "GBCoverNumber", "GB_20_Cover_20_Number",                           \
      "cover: the standard's number, right")                                                                     \
    X(COVER_REPLACES, PARA, "GB Cover Replaces", "GBCoverReplaces", "GB_20_Cover_20_Replaces",                   \
      "cover: 代替 line under the number")                                                                       \
    X(COVER_RULE, PARA, "GB Cover Rule", "GBCoverRule", "GB_20_Cover_20_Rule", "cover: rule above the title")    \
    X(COVER_TITLE, PARA, "GB Cover Title", "GBCoverTitle", "GB_20_Cover_20_Title",                               \
      "cover: Chinese title, 一号黑体 centred")                                                                   \
    X(COVER_TITLE_EN, PARA, "GB Cover English Title", "GBCoverEnglishTitle", "GB_20_Cover_20_English_20_Title",   \
      "cover: English title")                                                                                    \
    X(COVER_STAGE, PARA, "GB Cover Stage", "GBCoverStage", "GB_20_Cover_20_Stage",                               \
      "cover: draft stage （征求意见稿）")                                                                        \
    X(COVER_NOTE, PARA, "GB Cover Note", "GBCoverNote", "GB_20_Cover_20_Note",                                   \
      "cover: patent sentence on drafts")                                                                        \
    X(COVER_DATES, PARA, "GB Cover Dates", "GBCoverDates", "GB_20_Cover_20_Dates",                               \
      "cover footer: 发布 date left, 实施 date right, 四号黑体, rule below")                                        \
    X(COVER_ISSUER, PARA, "GB Cover Issuer", "GBCoverIssuer", "GB_20_Cover_20_Issuer",                           \
      "cover footer: issuer and 发布")                                                                   \
    X(DEFAULT_FONT, CHAR, "Default Paragraph Font", "DefaultParagraphFont", "", "default character style")      \
    X(COVER_MARK, CHAR, "GB Cover Mark", "GBCoverMark", "GB_20_Cover_20_Mark",                                    \
      "cover: the kind's mark top right (GB, DB41, T/ZSA, Q/…), 一号 bold")                                        \
    X(LABEL, CHAR, "GB Label", "GBLabel", "GB_20_Label", "注：/示例： labels, 黑体")                                \
    X(STRONG, CHAR, "Strong", "Strong", "Strong_20_Emphasis", "bold text (黑体 for 汉字)")                          \
    X(EMPHASIS, CHAR, "Emphasis", "Emphasis", "Emphasis", "emphasised text")                                     \
    X(CODE_CHAR, CHAR, "Verbatim Char", "VerbatimChar", "Source_20_Text", "code in running text")                \
    X(REF, CHAR, "GB Cross Reference", "GBCrossReference", "GB_20_Cross_20_Reference",                           \
      "internal references (5.2, 表1, 附录A), linked, printed like the text")                                     \
    X(LINK, CHAR, "Hyperlink", "Hyperlink", "Internet_20_link", "external links")                                \
    X(FIELD, CHAR, "GB Form Field", "GBFormField", "GB_20_Form_20_Field", "form field: an underlined blank")      \
    X(FORM_BOX, CHAR, "GB Form Box", "GBFormBox", "GB_20_Form_20_Box", "tick boxes □ and ☑ of a form's choices")   \
    X(TABLE_NORMAL, TABLE, "Normal Table", "TableNormal", "", "default table style")                             \
    X(TABLE, TABLE, "GB Table", "GBTable", "GB_20_Table", "tables: thick outer frame, thin inner rules")

typedef enum {
#define X(role, kind, name, docx, odt, purpose) SK_ST_##role,
    SK_STYLE_ROLES(X)
#undef X
    SK_ST_COUNT
} sk_style_role;

typedef struct sk_style_info {
    sk_style_kind kind;
    const char *name;     /* w:name / display name */
    const char *docx_id;  /* styleId in templates/docx/styles.xml */
    const char *odt_name; /* style:name in templates/odt/ */
    const char *purpose;
} sk_style_info;

const sk_style_info *sk_style_get(sk_style_role r);
/* Outline level of a role's paragraphs (1..6: a heading, which navigation, the
 * 目次 and readers such as pandoc take as one), 0 for other roles: headings 1-6,
 * and the titles of 前言/引言, annexes and 参考文献/索引 at level 1. */
int sk_style_outline(sk_style_role r);
/* Role named name (ASCII case-insensitive, as Word matches built-in names), or -1. */
int sk_style_find(const char *name);

/* The style ids a writer uses, one per role. */
typedef struct sk_style_ids {
    const char *id[SK_ST_COUNT];
    char *own[SK_ST_COUNT];
} sk_style_ids;

/* Built-in DOCX ids. */
void sk_style_ids_init(sk_style_ids *s);
/* Built-in ODT style names. */
void sk_style_ids_init_odt(sk_style_ids *s);
/* Points role r at id (copied). */
void sk_style_ids_set(sk_style_ids *s, sk_style_role r, const char *id);
void sk_style_ids_free(sk_style_ids *s);

#endif
