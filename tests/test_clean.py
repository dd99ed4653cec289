"""Cleaning article text: whitespace, boilerplate families, broken lines, headline and byline."""
import pytest

from loaders.clean import Header, boilerplate_kind, byline_names, clean_text, publisher_and_url, read_header

BODY = "青山湖科技城规上工业增加值达113.8亿元。"


@pytest.mark.parametrize("raw, text", [
    ("第一段。\r\n第二段。\r第三段。", "第一段。\n\n第二段。\n\n第三段。"),
    ("\u3000\u3000第一段。\u3000\n\xa0第二段。\xa0\xa0", "第一段。\n\n第二段。"),
    ("以产引产\u3000以资引企", "以产引产 以资引企"),
    ("\n\n\n第一段。\n\n\n\n\n第二段。\n\n\n", "第一段。\n\n第二段。"),
    ("第一段。   \n第二段。", "第一段。\n\n第二段。"),
    ("１２３亿元，增长３１％。", "１２３亿元，增长３１％。"),   # no NFKC: quotes must stay exact
    ("# 标题行\n\n## 小标题行\n\n正文。", "标题行\n\n小标题行\n\n正文。"),
])
def test_normalises_whitespace_and_keeps_characters(raw, text):
    assert clean_text(raw) == text


@pytest.mark.parametrize("line, kind", [
    ("当前位置:首页 > 资讯 > 正文", "breadcrumb"),
    ("您的位置：首页 > 新闻", "breadcrumb"),
    ("首页 > 资讯 > 正文", "breadcrumb"),
    ("https://www.xjnnet.com/新江南网欢迎您!", "welcome"),
    ("欢迎访问浙江在线网", "welcome"),
    ("《新江南网》江南第一门户网站!", "slogan"),
    ("新江南网版权所有 苏ICP备17007001号-1", "copyright"),
    ("浙ICP备12345678号", "icp"),
    ("浙公网安备 33010602000001号", "icp"),
    ("责任编辑:秦正长", "editor"),
    ("（责任编辑：张三）", "editor"),
    ("17—24版", "page_number"),
    ("第5版", "page_number"),
    ("A3版", "page_number"),
    ("青山环拥科技城 曹中明 摄", "photo_credit"),
    ("蒋雷超 摄", "photo_credit"),
    ("记者 张三 摄", "photo_credit"),
    ("(本版图片由青山湖科技城管委会提供)", "photo_source"),
    ("（本报图片由杭州钱江经济开发区提供）", "photo_source"),
    ("https://www.example.com/a.html", "url_only"),
])
def test_boilerplate_line_families(line, kind):
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize("line", [
    "“欢迎您来青山湖科技城投资！”企业负责人说。",
    "杭州青山湖科技城工创园效果图",          # captions without a credit are kept: could be content
    "2021年版权保护工作会议在杭州召开,共签约项目17个。",
    "以产引产 以资引企",
    "17个项目已签约",
    "编辑部门负责人说,今年将出版新刊。",
    "他用相机拍摄",
])
def test_content_lines_are_not_boilerplate(line):
    assert boilerplate_kind(line) is None


@pytest.mark.parametrize("raw, text", [
    (f"当前位置:首页 > 资讯 > 正文\n\n标题\n\n{BODY}", f"标题\n\n{BODY}"),
    (f"17—24版\n\n责任编辑:秦正长\n\n{BODY}", BODY),
    (f"{BODY}\n\n青山环拥科技城 曹中明 摄\n\n第二段。", f"{BODY}\n\n第二段。"),
    (f"{BODY}\n\n(本版图片由青山湖科技城管委会提供)", BODY),
    (f"{BODY}\n\n新江南网版权所有 苏ICP备17007001号-1", BODY),
    ("集聚一流项目 做强产业生态圈\n\n集聚一流项目 做强产业生态圈\n\n编者按", "集聚一流项目 做强产业生态圈\n\n编者按"),
    ("标题\n\n2023-01-06  A+ A-\n" + BODY, "标题\n\n2023-01-06\n\n" + BODY),
    ("标题\n\n【字号：大 中 小】\n" + BODY, "标题\n\n" + BODY),
])
def test_boilerplate_removed_neighbours_kept(raw, text):
    assert clean_text(raw) == text


def test_site_chrome_block_with_slogans_is_removed():
    raw = ("紫金港科技城创新制胜\n2023-01-06  A+ A-\n\xa0\xa0《新江南网》江南第一门户网站!\n"
           "\xa0追踪网络热点,关注民生动态,传播江南文化,倡导网络新时代!\n"
           "https://www.xjnnet.com/新江南网欢迎您!\xa0\n" + BODY)
    assert clean_text(raw) == "紫金港科技城创新制胜\n\n2023-01-06\n\n" + BODY


def test_exclamation_in_body_is_kept():
    raw = f"{BODY}\n\n打赢翻身仗,冲刺半年红,请您查阅!\n\n新江南网版权所有"
    assert clean_text(raw) == f"{BODY}\n\n打赢翻身仗,冲刺半年红,请您查阅!"


@pytest.mark.parametrize("raw, text", [
    ("出台原创政策,让高新技术企业用地的容积率突破了2.0限\n\n制,造就了新模式。",
     "出台原创政策,让高新技术企业用地的容积率突破了2.0限制,造就了新模式。"),
    ("“确定空间结构之后,急需招商引才,\n\n以可落地的产业区充实空间。”", "“确定空间结构之后,急需招商引才,以可落地的产业区充实空间。”"),
    ("对于创建空间,钱开区设立了高门槛。基于此标准,2021年\n\n卡深科技智能车间\n\n6月,钱开区正式签约。",
     "对于创建空间,钱开区设立了高门槛。基于此标准,2021年6月,钱开区正式签约。\n\n卡深科技智能车间"),
    ("今年,科技城将加速建设,打造零碳产业园区\n\n强链聚能——坚持腾拓并举\n\n走进科技城。",
     "今年,科技城将加速建设,打造零碳产业园区\n\n强链聚能——坚持腾拓并举\n\n走进科技城。"),
    ("第一段说完了。\n\n第二段。", "第一段说完了。\n\n第二段。"),
    # a document printed to text: lines cut at a fixed width, the next one going on with commas
    ("（一）平台能级持续提升。数智产业园一期厂房全面竣工，入驻率达到86%。东湖小镇\n"
     "全年实现设计服务收入27.4亿元，同比增长11.2%，集聚设计企业320余家。",
     "（一）平台能级持续提升。数智产业园一期厂房全面竣工，入驻率达到86%。东湖小镇"
     "全年实现设计服务收入27.4亿元，同比增长11.2%，集聚设计企业320余家。"),
])
def test_rejoins_lines_cut_mid_sentence(raw, text):
    assert clean_text(raw) == text


@pytest.mark.parametrize("line, names", [
    ("姜晓涵 周艳清", ("姜晓涵", "周艳清")),
    ("张留 王心慧 宋桔丽 叶松耸", ("张留", "王心慧", "宋桔丽", "叶松耸")),
    ("应陶", ("应陶",)),
    ("记者 张三 通讯员 李四 王五", ("张三", "李四", "王五")),
    ("本报记者 欧阳明华", ("欧阳明华",)),
    ("文/张三", ("张三",)),
    ("以产引产 以资引企", ()),
    ("创新驱动", ()),
    ("编者按", ()),
    ("姜晓涵 周艳清 报道了这件事情", ()),
])
def test_byline_names(line, names):
    assert byline_names(line) == names


@pytest.mark.parametrize("raw, header", [
    (f"引题写在这里 两句对仗\n\n主标题写在这里 两句对仗\n\n姜晓涵 周艳清\n\n{BODY}",
     Header("主标题写在这里 两句对仗", "引题写在这里 两句对仗", ("姜晓涵", "周艳清"))),
    (f"主标题写在这里\n\n副标题写在这里 两句对仗\n\n{BODY}",
     Header("主标题写在这里", "副标题写在这里 两句对仗", ())),
    (f"增刊横幅标题文字\n\n图片说明\n\n# 主标题写在这里\n\n应陶\n\n## 小标题\n\n{BODY}",
     Header("主标题写在这里", None, ("应陶",))),
    (f"当前位置:首页 > 资讯\n\n主标题文字\n\n主标题文字\n\n编者按\n\n{BODY}", Header("主标题文字", None, ())),
    (f"主标题文字\n\n2023-01-06\n\n{BODY}", Header("主标题文字", None, ())),
    (f"{BODY}\n\n第二段。", Header(None, None, ())),
    (f"主标题文字\n\n{BODY}\n\n以产引产 以资引企\n\n{BODY}", Header("主标题文字", None, ())),
])
def test_read_header(raw, header):
    assert read_header(raw) == header


@pytest.mark.parametrize("lines, expected", [
    (["标题", "来源:浙江日报 2023-01-06", BODY], ("浙江日报", None)),
    (["https://www.xjnnet.com/新江南网欢迎您!", BODY, "新江南网版权所有 苏ICP备17007001号-1"],
     ("新江南网", "https://www.xjnnet.com/")),
    ([BODY, "新江南网版权所有"], ("新江南网", None)),
    ([BODY], (None, None)),
    (["数据来源:国家统计局", "图片来源:视觉中国"], (None, None)),
    ([BODY * 4 + "来源:浙江日报"], (None, None)),   # a long line is prose, not a source line
])
def test_publisher_and_url(lines, expected):
    assert publisher_and_url(lines) == expected


@pytest.mark.parametrize("line, kind", [
    ("原标题：钱塘新区“园区经济”挑大梁", "original_title"),
    ("（原标题：嘉兴经开区新能源产业跑出“加速度”）", "original_title"),
    ("来源：钱塘新区发布", "source_line"),
    ("【打印】【关闭】", "widget_row"),
    ("[收藏] [打印] [关闭]", "widget_row"),
    ("【】【】", "widget_row"),              # what is left once 【打印本页】【关闭窗口】 are stripped
])
def test_more_boilerplate_line_families(line, kind):
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize("raw, text", [
    # a metadata line carries a colon but is not a sentence cut by the layout
    (f"标题\n来源：某某日报    发布时间：2023-07-25 09:12    编辑：王琳\n{BODY}",
     f"标题\n\n来源：某某日报    发布时间：2023-07-25 09:12    编辑：王琳\n\n{BODY}"),
    # a headline "平台：口号 口号" above a dropped 原标题 line stays a line of its own
    (f"杭州钱塘新区：三大产业园区齐头并进 智能制造集群加速崛起\n原标题：园区经济挑大梁\n\n{BODY}",
     f"杭州钱塘新区：三大产业园区齐头并进 智能制造集群加速崛起\n\n{BODY}"),
    # the list of related links under the article goes, up to the next sentence
    (f"{BODY}\n\n相关阅读：\n\n开发区一季度重大项目集中开工\n\n南湖区打造数字经济高地", BODY),
    (f"{BODY}\n\n相关新闻\n\n开发区一季度重大项目集中开工\n\n第二段说的是正文内容。", f"{BODY}\n\n第二段说的是正文内容。"),
])
def test_page_chrome_around_the_body(raw, text):
    assert clean_text(raw) == text


@pytest.mark.parametrize("line, kind", [
    ("点击上方蓝字 关注我们", "wechat"),
    ("点击蓝字关注我们", "wechat"),
    ("阅读原文", "wechat"),
    ("分享 收藏 点赞 在看", "wechat"),
    ("编辑 | 王宁", "wechat"),
    ("来源｜德清经开区", "wechat"),
    ("END", "wechat"),
    ("长按识别二维码关注我们", "wechat"),
    ("喜欢就点个“在看”吧", "wechat"),
    ("上一篇：新区召开三季度重点项目推进会", "prev_next"),
    ("下一篇:新区举办秋季人才招聘会", "prev_next"),
    ("扫一扫在手机打开当前页", "prev_next"),
    ("索引号：11330800MB0000000X/2023-00021", "gov_header"),
    ("文号：衢智新〔2023〕6号", "gov_header"),
    ("主题分类：综合政务/工作总结", "gov_header"),
    ("索 引 号：002504213/2023-00017          主题分类：工业、交通/其他", "gov_header"),   # spaced-out label
    ("文　　号：滨物管〔2023〕2号", "gov_header"),
    ("示例区门户网站 > 政务公开 > 计划总结", "breadcrumb"),
    ("上城新闻网 首页 > 上城要闻 > 经济", "breadcrumb"),
])
def test_wechat_cms_and_government_chrome(line, kind):
    assert boilerplate_kind(line) == kind


def test_a_header_line_that_prints_the_date_stays():
    assert boilerplate_kind("文　　号：滨物管〔2023〕2号          发布日期：2023-01-18") is None


def test_recommended_list_of_a_wechat_post_goes():
    assert clean_text(f"{BODY}\n\n▼ 往期推荐\n\n新区2023年经济运行情况\n\n重磅！又一百亿项目落地") == BODY


@pytest.mark.parametrize("raw, text", [
    ("| 指标 | 1-9月累计 | 同比增长（%） |\n\n|---|---|---|\n\n| 规上工业总产值（亿元） | 702.5 | 12.8 |\n\n"
     "| 实际利用外资（万美元） | 8650 | -12.4 |",
     "1-9月规上工业总产值702.5亿元，同比增长12.8%。\n\n1-9月实际利用外资8650万美元，同比增长-12.4%。"),
    ("| 指标 | 数值 |\n|---|---|\n| 入驻企业（家） | 86 |", "入驻企业86家。"),
    ("| 项目 | 地点 |\n|---|---|\n| 智能工厂 | 东区 |", "智能工厂 东区"),     # no figures: the cells as they are
    # a table of subjects: the row names the zone, the heads the metrics and units
    ("| 开发区 | 规上工业总产值（亿元） | 同比增长（%） | 亩均税收（万元） |\n|---|---|---|---|\n"
     "| 甲经济开发区 | 398.5 | 9.6 | 33.4 |\n| 乙经济开发区 | 86.3 |  | 24.1 |",
     "甲经济开发区规上工业总产值398.5亿元，同比增长9.6%，亩均税收33.4万元。\n\n"
     "乙经济开发区规上工业总产值86.3亿元，亩均税收24.1万元。"),
])
def test_table_rows_read_as_sentences(raw, text):
    assert clean_text(raw) == text


@pytest.mark.parametrize("raw, text", [
    # a tab-separated table copied from a page reads like an HTML one
    ("指标\t1-6月\t同比增长（%）\n规上工业产值（亿元）\t183.6\t8.7", "1-6月规上工业产值183.6亿元，同比增长8.7%。"),
    # a table typed with spaces in a notice: a head two spaces apart, rows of a label with its unit and figures
    ("主要指标如下：\n指标名称\u3000\u3000\u30002022年\u3000\u3000同比增长（%）\n规上工业总产值（亿元）\u30001126.4\u3000\u30006.8\n"
     "其中：工业投资（亿元） 46.3  18.9",
     "主要指标如下：\n\n2022年规上工业总产值1126.4亿元，同比增长6.8%。\n\n2022年工业投资46.3亿元，同比增长18.9%。"),
    # a table of subjects typed with tabs that also align the columns, under a caption giving its period
    ("1—6月全市重点平台主要指标\n平台\t\t营业收入(亿元)\t增速(%)\n云溪经济开发区\t88.1\t6.2\n青禾高新区\t\t41.5\t-3.4",
     "1—6月全市重点平台主要指标\n\n1—6月云溪经济开发区营业收入88.1亿元，增速6.2%。\n\n1—6月青禾高新区营业收入41.5亿元，增速-3.4%。"),
    # a row that does not line up with its head (a value missing): its figures are not paired with heads
    ("平台\t营业收入(亿元)\t增速(%)\n云溪经济开发区\t88.1\t6.2\n青禾高新区\t41.5",
     "云溪经济开发区营业收入88.1亿元，增速6.2%。\n\n青禾高新区 41.5"),
    # a print page's table: heads one full-width space apart, the units in a caption line, — for no figure
    ("上半年重点园区主要指标\n（单位：亿元、%）\n园区名称\u3000\u3000规上工业总产值\u3000增幅\u3000\u3000实际使用外资（亿美元）\n"
     "云溪高新区\u3000\u30001726.4\u3000\u30008.3\u3000\u30004.12\n青禾经开区\u3000\u3000468.1\u3000\u300015.4\u3000\u3000—",
     "上半年重点园区主要指标\n\n（单位：亿元、%）\n\n上半年云溪高新区规上工业总产值1726.4亿元，增幅8.3%，实际使用外资4.12亿美元。\n\n"
     "上半年青禾经开区规上工业总产值468.1亿元，增幅15.4%。"),
    # a lone tabbed line is not a table head: it stays as written
    ("标题\n2023-05-06\t来源：日报\n正文第一段。", "标题\n\n2023-05-06\t来源：日报\n\n正文第一段。"),
])
def test_tab_separated_tables(raw, text):
    assert clean_text(raw) == text
