/* Inputs shared by the writers' tests of the GB/T 1.1 elements: untitled clauses,
 * 参考文献, 索引, terms in full, multi-part titles and the cover variants. Each writer's
 * test checks the same things in its own markup. */
#ifndef SK_TEST_GBT_H
#define SK_TEST_GBT_H

#define GBT_FM(number, extra)                                                                                  \
    "---\nnumber: " number "\ntitle: 社区服务站点\npart: 1\npart_title: 建设\ncategory: TS\nstatus: draft\n" extra \
    "---\n"

static const char GBT_BODY[] =
    "# 范围\n\n本文件规定了站点的建设。\n\n"
    "# 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
    "# 术语和定义\n\n下列术语和定义适用于本文件。\n\n"
    "## 服务站点 {#t-station}\n\nservice station\n\n许用：服务小站\n\n不推荐用：活动室\n\n符号：SS\n\n"
    "为老年人提供服务的场所。\n\n注：站点可委托运营。\n\n[来源：GB/T 29353—2012，3.1，有修改]\n\n"
    "# 要求\n\n## 选址\n\n### 位置\n\n§ 站点应设在首层。\n\n§ 站点宜[靠近公园](index:)，方法见参考文献[2]。\n\n"
    "### 面积\n\n面积应符合4.1.1.2的规定。\n\n## 设施\n\n设施应配备[扶手](index:)。\n\n"
    "# 参考文献\n\n- [1] GB/T 20000.1—2014　标准化工作指南\n- [2] GB/T 37276—2018　养老机构等级划分与评定\n\n"
    "# 索引\n";

/* cover variants: the number, extra front matter, the banner and the draft lines expected */
typedef struct gbt_cover_case {
    const char *fm;
    const char *banner;
    const char *stage;   /* NULL: no stage line */
    int patent;          /* the patent-collection sentence is on the cover */
    const char *completed; /* the completion-date line under the stage, or NULL */
    const char *mark;    /* top right: the kind's code */
} gbt_cover_case;

static const gbt_cover_case GBT_COVERS[] = {
    { GBT_FM("GB/T 1.1—2020", ""), "中华人民共和国国家标准", NULL, 0, NULL, "GB" },
    { GBT_FM("GB 2760.1—2014", "stage: 征求意见稿\ncompleted: 2024-05-08\n"), "中华人民共和国国家标准", "（征求意见稿）", 1,
      "（本稿完成日期：2024-05-08）", "GB" },
    { GBT_FM("GB/Z 1.1—2020", "stage: 送审稿\n"), "中华人民共和国国家标准化指导性技术文件", "（送审稿）", 1, NULL, "GB" },
    { GBT_FM("DB41/T 9.1—2024", "stage: 报批稿\n"), "河南省地方标准", "（报批稿）", 0, NULL, "DB41" },
    { GBT_FM("T/ZSA 1.1—2024", ""), "团　体　标　准", NULL, 0, NULL, "T/ZSA" },
    { GBT_FM("Q/ZZKJ 1.1—2024", "issuer: 郑州某科技有限公司\n"), "郑州某科技有限公司企业标准", NULL, 0, NULL, "Q/ZZKJ" },
};

#endif
