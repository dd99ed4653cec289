"""Mechanisms that make extraction generalise, each shown on invented sentences.

Nothing here comes from an annotated article: every text is made up for the class of
failure it shows (issue "Extraction that generalises").
"""
from datetime import date
from decimal import Decimal

import pytest

from loaders.dates import closing_date, printed_date
from loaders.extract import extract, resolve_expr
from loaders.extract.periods import period_expression


# --- one date grammar: Chinese-numeral dates are read like Arabic ones -------------------

@pytest.mark.parametrize("line, expected", [
    ("发布时间：二〇二三年九月十二日", date(2023, 9, 12)),
    ("二〇二四年十月三十一日 来源：某某日报", date(2024, 10, 31)),
    ("发布日期：二○二二年一月五日", date(2022, 1, 5)),
])
def test_a_chinese_numeral_date_line_dates_the_article(line, expected):
    assert printed_date(f"某区开发区前三季度运行良好\n{line}\n正文很长，很多内容。").on == expected


def test_a_chinese_numeral_signature_date_at_the_end_dates_the_article():
    text = "关于某开发区工作情况的报告\n一、总体情况\n今年以来，开发区实现营业收入12亿元。\n某开发区管委会\n二〇二四年十一月五日"
    assert closing_date(text).on == date(2024, 11, 5)


# --- periods stay symbolic until their anchor is known --------------------------------------

TEXT = ("示例高新区去年实现规上工业增加值113.8亿元，同比增长8.2%。今年一季度，高新区完成固定资产投资25亿元。"
        "截至目前，园区累计引进企业120家。2021年，高新区营业收入达500亿元。")


def _periods(facts):
    return {(f.metric_text, f.value.normalize()): (f.period_kind, f.period_start, f.period_end) for f in facts}


def test_an_undated_article_keeps_relative_periods_as_expressions():
    facts = {f.metric_text: f for f in extract(TEXT, None).facts}
    assert facts["规上工业增加值"].period_kind == "unknown"
    assert facts["规上工业增加值"].period_expr == "actual|Y-1-01-01|Y-1-12-31"
    assert facts["完成固定资产投资"].period_expr == "actual|Y-01-01|Y-03-31"
    assert facts["累计引进企业"].period_expr == "asof||P"
    assert facts["营业收入"].period_expr is None           # 2021年 is the text's own date
    assert facts["营业收入"].period_start == date(2021, 1, 1)


@pytest.mark.parametrize("day", [date(2023, 6, 15), date(2024, 2, 29), date(2024, 12, 31)])
def test_resolving_the_expressions_equals_extracting_with_the_date(day):
    undated = extract(TEXT, None).facts
    resolved = {(f.metric_text, f.value.normalize()): resolve_expr(f.period_expr, day) if f.period_expr
                else (f.period_kind, f.period_start, f.period_end) for f in undated}
    assert resolved == _periods(extract(TEXT, day).facts)


def test_a_dated_article_records_which_bounds_move_with_the_date():
    facts = {f.metric_text: f for f in extract(TEXT, date(2023, 6, 15)).facts}
    assert facts["规上工业增加值"].period_start == date(2022, 1, 1)
    assert resolve_expr(facts["规上工业增加值"].period_expr, date(2025, 3, 1)) == \
        ("actual", date(2024, 1, 1), date(2024, 12, 31))
    assert facts["营业收入"].period_expr is None


def test_period_expressions_without_a_date_are_unknown_and_bad_ones_are_refused():
    assert resolve_expr("asof||P", None) == ("unknown", None, None)
    assert resolve_expr("actual|2021-01-01|2021-12-31", None) == ("actual", date(2021, 1, 1), date(2021, 12, 31))
    with pytest.raises(ValueError):
        resolve_expr("sometime|P|P", date(2023, 1, 1))
    assert period_expression("actual", date(2021, 1, 1), date(2021, 12, 31),
                             date(2021, 1, 1), date(2021, 12, 31), date(2023, 1, 1)) is None


# --- typed mentions: anaphors and classes are no names; anaphors take their antecedent -----

def _entities(text):
    return {e.name for e in extract(text, date(2024, 10, 20)).entities}


@pytest.mark.parametrize("phrase", ["这座园区", "该产业园", "这一基地项目", "本园区", "上述企业", "此科技城"])
def test_a_demonstrative_and_a_class_noun_is_no_entity(phrase):
    assert phrase not in _entities(f"湖畔未来产业园位于城东。{phrase}今年新增企业12家。")


@pytest.mark.parametrize("phrase", ["全省高新区", "国家级经开区", "各类产业园", "三个开发区", "省级产业园区"])
def test_a_class_of_platforms_is_no_entity(phrase):
    assert not any(phrase in name for name in _entities(f"{phrase}营业收入增长6%，湖畔未来产业园产值10亿元。"))


def test_an_anaphor_takes_the_last_named_entity_of_its_class():
    text = ("示例新区今年实现产值500亿元。新区内的云杉未来科技城位于西部。"
            "这座科技城今年的营业收入达41亿元。示例新区引进星海光电项目。这一项目总投资8亿元。")
    facts = {(f.metric_text, f.value.normalize()): f.subject_name for f in extract(text, date(2024, 10, 20)).facts}
    assert facts[("营业收入", 41)] == "云杉未来科技城"
    assert facts[("总投资", 8)] == "星海光电项目"


def test_a_short_project_name_after_a_project_verb_is_a_name():
    assert "星海光电项目" in _entities("园区今年引进了星海光电项目，总投资8亿元。")
    assert not any("智能制造项目" in n for n in _entities("园区新开工智能制造项目3个。"))


# --- regions of all China, by the gold conventions' names -----------------------------------

def test_districts_outside_hangzhou_are_region_subjects():
    text = ("一、北仑区：开发区领跑\n上半年，北仑区实现地区生产总值1198.6亿元，同比增长6.8%。"
            "作为全区主平台，示例经济技术开发区实现规上工业总产值2130.5亿元。\n"
            "二、蜀山区：\n上半年，蜀山区规上工业增加值增长7.7%。")
    facts = {(f.metric_text, str(f.value)): (f.subject_kind, f.subject_name)
             for f in extract(text, date(2024, 7, 31)).facts}
    assert facts[("地区生产总值", "1198.6")] == ("region", "北仑区")
    assert facts[("规上工业总产值", "2130.5")][1] == "示例经济技术开发区"
    assert facts[("规上工业增加值增长", "7.7")] == ("region", "蜀山区")


@pytest.mark.parametrize("text, region", [
    ("宁波市今年引进项目。全市规上工业增加值增长6%。", "宁波"),
    ("合肥市蜀山区今年引进项目。全区规上工业增加值增长6%。", "蜀山区"),
    ("苏州工业园区位于苏州市。全省规上工业增加值增长6%。", "江苏省"),
])
def test_scope_words_stand_for_the_place_the_article_is_about(text, region):
    facts = extract(text, date(2024, 7, 31)).facts
    assert [(f.subject_kind, f.subject_name) for f in facts if f.unit == "%"] == [("region", region)]


# --- tense: what governs a figure decides whether it is a goal -------------------------------

def _period(text, day, value):
    facts = [f for f in extract(text, day).facts if str(f.value) == value]
    assert facts, f"no fact {value}"
    return facts[0].period_kind, facts[0].period_start, facts[0].period_end


def test_an_estimate_of_the_year_just_closed_is_that_years_actual():
    text = "刚刚过去的一年，示例开发区经济运行稳中有进。预计全年实现规上工业总产值628亿元，同比增长10.5%。"
    assert _period(text, date(2025, 1, 14), "628") == ("actual", date(2024, 1, 1), date(2024, 12, 31))
    # the same words in a July article are a forecast for this year
    assert _period(text, date(2025, 7, 14), "628")[0] == "target"


def test_an_estimate_about_a_span_already_over_is_an_actual():
    text = "示例高新区预计2023年实现营业收入520亿元。"
    assert _period(text, date(2024, 2, 1), "520") == ("actual", date(2023, 1, 1), date(2023, 12, 31))


def test_a_goal_noun_in_another_clause_does_not_make_a_done_figure_a_target():
    text = "为完成全年目标任务，示例开发区截至10月底已完成投资38.4亿元。"
    assert _period(text, date(2024, 11, 5), "38.4") == ("asof", None, date(2024, 10, 31))
    goal = "示例开发区力争全年固定资产投资突破115亿元。"
    assert _period(goal, date(2024, 11, 5), "115")[0] == "target"


def test_a_projects_land_is_as_of_publication_whatever_its_schedule():
    text = "示例新区引进星海光电项目，预计2027年建成投产，项目用地230亩。"
    assert _period(text, date(2025, 1, 14), "230") == ("asof", None, date(2025, 1, 14))


# --- score instead of veto: doubted figures are kept as candidates with their reasons ------

def test_chinese_numeral_counts_of_economic_nouns_are_figures():
    facts = extract("示例开发区今年新引进七个项目，新增三家企业，建成两条道路。", date(2024, 10, 20)).facts
    assert {(str(f.value), f.unit) for f in facts} == {("7", "个"), ("3", "家")}


def test_a_vetoed_figure_is_a_candidate_with_its_reason():
    ex = extract("示例开发区今年帮助企业解决问题430件，规上工业产值120亿元。", date(2024, 10, 20))
    assert [str(f.value) for f in ex.facts] == ["120"]
    assert [(str(f.value), f.reasons) for f in ex.candidates] == [("430", ("a service tally",))]
    assert all(f.confidence < 0.5 for f in ex.candidates)


def test_a_figure_with_a_doubtful_subject_and_no_period_is_a_candidate():
    ex = extract("示例开发区位于城东。该园区的营业收入达41亿元。", date(2024, 10, 20))
    assert [f.reasons for f in ex.candidates if str(f.value) == "41"] == [("subject: anaphor", "no period")]
    dated = extract("示例开发区位于城东。该园区今年的营业收入达41亿元。", date(2024, 10, 20))
    assert [(str(f.value), f.confidence) for f in dated.facts] == [("41", 0.8)]


# --- short company names listed without 等 --------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("今年以来，园区瑞芯科技、蓝湾新材、启明电子入选省级专精特新企业名单。", {"瑞芯科技", "蓝湾新材", "启明电子"}),
    ("舟能电气和鑫洋电子获评国家级专精特新“小巨人”企业。", {"舟能电气", "鑫洋电子"}),
])
def test_short_company_names_listed_before_a_verb_of_honours_are_enterprises(text, names):
    found = {e.name for e in extract(text, date(2024, 10, 20)).entities if e.kind == "enterprise"}
    assert names <= found


def test_a_list_before_such_a_verb_is_not_enough_without_company_endings():
    found = {e.name for e in extract("研发、生产和销售入驻园区。", date(2024, 10, 20)).entities}
    assert not found & {"研发", "生产", "销售"}


# --- metrics listed before 分别/依次 pair off with the figures after it ---------------------

@pytest.mark.parametrize("marker", ["依次", "分别"])
def test_listed_metrics_pair_with_the_figures_after_fen_bie(marker):
    text = f"示例经开区上半年规上工业总产值、工业投资、税收收入同比{marker}增长8.6%、12.1%和5.4%。"
    facts = {str(f.value): f.metric_text for f in extract(text, date(2024, 10, 20)).facts}
    assert facts == {"8.6": "规上工业总产值同比增长", "12.1": "工业投资同比增长", "5.4": "税收收入同比增长"}


def test_listed_amounts_pair_with_their_metrics():
    text = "示例开发区1-9月工业投资和技改投资分别完成45亿元和12亿元，同比分别增长8%和9%。"
    facts = {str(f.value): f.metric_text for f in extract(text, date(2024, 10, 20)).facts}
    assert facts["45"] == "工业投资" and facts["12"] == "技改投资"


# --- a project told through its company; a count whose noun follows it ----------------------

@pytest.mark.parametrize("mention", ["星河智能公司的这个项目", "星河智能公司投资的项目"])
def test_a_project_told_through_its_company_gets_the_projects_figures(mention):
    text = (f"去年，示例新区引进星河智能年产20万台工业机器人项目。{mention}选址新区东片，"
            "用地约20亩，总投资3亿元。")
    facts = {str(f.value): (f.subject_kind, f.subject_name) for f in extract(text, date(2024, 10, 20)).facts}
    assert facts["20"] == facts["3"] == ("project", "星河智能年产20万台工业机器人项目")


def test_this_project_of_a_company_is_the_project_named_last():
    text = "示例高新区集中开工车规级芯片封测基地。锐芯微电子有限公司的这个项目用地约20亩。"
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 10, 20)).facts}
    assert facts["20"] == "车规级芯片封测基地"


def test_a_count_then_its_noun_after_a_copula():
    facts = extract("示例开发区前三季度新开工项目18个，其中12个为制造业项目。", date(2024, 10, 20)).facts
    assert {(str(f.value), f.metric_text) for f in facts} == {("18", "新开工项目"), ("12", "制造业项目")}


# --- document model: numbered sections scope their subjects --------------------------------

ROUNDUP = ("各区平台半年报速览\n\n一、临平区：临平经开区领跑\n\n上半年，临平区实现地区生产总值598亿元。"
           "临平经开区实现规上工业总产值1130亿元。\n\n二、钱塘区：钱塘新区提速\n\n上半年，全区规上工业增加值增长9%。"
           "\n\n三、萧山区\n\n（一）工业\n\n上半年，实现规上工业增加值400亿元。\n")


def test_a_scope_word_in_a_section_is_the_sections_region():
    facts = {str(f.value): (f.subject_kind, f.subject_name) for f in extract(ROUNDUP, date(2024, 7, 31)).facts}
    assert facts["9"] == ("region", "钱塘区")


def test_a_figure_without_a_subject_takes_its_sections_not_the_articles_main_platform():
    facts = {str(f.value): (f.subject_kind, f.subject_name) for f in extract(ROUNDUP, date(2024, 7, 31)).facts}
    assert facts["400"] == ("region", "萧山区")      # through the nameless sub-section （一）工业
    assert facts["1130"] == ("platform", "临平经开区")


# --- ellipsis and scope: parallel clauses, hedges, a paragraph's own period -----------------

def test_a_growth_rate_without_a_metric_is_of_the_parallel_clauses_metric():
    facts = extract("示例高新区产值增长8%，示例经开区增长9%，示例新区下降2%。", date(2024, 10, 20)).facts
    assert {(f.subject_name, f.metric_text, str(f.value)) for f in facts} == {
        ("示例高新区", "产值增长", "8"), ("示例经开区", "产值增长", "9"), ("示例新区", "产值下降", "-2")}


@pytest.mark.parametrize("hedge", ["稳步增长", "按现价计算增长", "持续增长"])
def test_a_hedge_is_no_metric(hedge):
    text = f"今年以来，示例经开区规上工业增加值达120亿元，{hedge}6%。"
    assert [f.metric_text for f in extract(text, date(2024, 10, 20)).facts if str(f.value) == "6"] == ["规上工业增加值增长"]


def test_an_undated_sentence_takes_its_own_paragraphs_period():
    text = "今年上半年，示例高新区实现产值50亿元。\n去年，示例高新区实现产值90亿元。园区税收收入增长12%，与去年同期相比持平。"
    facts = {str(f.value): (f.period_start, f.period_end) for f in extract(text, date(2024, 10, 20)).facts}
    assert facts["12"] == (date(2023, 1, 1), date(2023, 12, 31))


def test_a_projects_attributes_are_stocks_as_of_its_event_and_its_yield_has_no_period():
    text = ("10月9日，示例工业园区举行四季度重大项目集中开工活动。本次开工的星海新能源电池项目总投资45亿元，"
            "用地约160亩，达产后可实现年产值80亿元。")
    facts = {str(f.value): (f.period_kind, f.period_start, f.period_end)
             for f in extract(text, date(2024, 10, 10)).facts}
    assert facts["45"] == facts["160"] == ("asof", None, date(2024, 10, 10))
    assert facts["80"] == ("unknown", None, None)


@pytest.mark.parametrize("written, unit", [("8宗", "宗"), ("2000根", "根"), ("10吉瓦时", "吉瓦时"), ("12艘", "艘")])
def test_open_classifiers_and_energy_units_are_units(written, unit):
    facts = extract(f"示例开发区今年新增{written}。", date(2024, 10, 20)).facts
    assert [f.unit for f in facts] == [unit]


def test_an_attribute_after_a_listed_figure_is_of_the_same_thing():
    text = "1—10月，示例开发区共出让工业用地9宗、面积412亩。"
    facts = {str(f.value): f.metric_text for f in extract(text, date(2024, 11, 5)).facts}
    assert facts == {"9": "出让工业用地", "412": "出让工业用地面积"}


def test_visits_to_firms_are_a_tally_candidate_but_visitors_are_a_figure():
    ex = extract("今年示例小镇服务企业600家次，接待游客18.6万人次。", date(2024, 10, 20))
    assert [f.unit for f in ex.facts] == ["万人次"]
    assert [f.reasons for f in ex.candidates] == [("a tally of visits to firms",)]


def test_a_running_total_after_a_new_figure_takes_its_metric_in_any_unit():
    text = "示例经济开发区去年新增分布式光伏装机容量38兆瓦，累计达到126兆瓦。"
    facts = {str(f.value): f.metric_text for f in extract(text, date(2025, 1, 14)).facts}
    assert facts["126"] == "分布式光伏装机容量"


def test_short_company_names_before_a_copula_list_are_enterprises():
    text = "在开发区的招商名录上，海辰船舶、东港海工、舟能电气、鑫洋电子都是近年来引进的新成员。"
    found = {e.name for e in extract(text, date(2025, 1, 14)).entities}
    assert {"舟能电气", "鑫洋电子"} <= found


def test_output_lengths_in_wan_and_yi_are_figures():
    facts = extract("1—10月，示例小镇印染布产量132.6亿米。", date(2024, 11, 5)).facts
    assert [(str(f.value), f.unit) for f in facts] == [("132.6", "亿米")]


def test_an_investment_that_builds_a_named_project_is_the_projects():
    text = "去年落户的示例感知科技有限公司，总投资26亿元建设MEMS传感器生产基地项目，今年2月试产。"
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 3, 12)).facts}
    assert facts["26"] == "MEMS传感器生产基地项目"


# --- publication-date inference weighs the cues an undated article gives ---------------------

def test_results_for_a_year_told_this_year_and_the_latest_month_told_date_an_undated_article():
    from loaders.dates import infer_date
    text = ("示例新区综合考评结果今年5月公布，新区在2023年度全省考评中位列第三。"
            "7月下旬召开的年中会议通报，新区上半年实现产值50亿元。")
    guess = infer_date(text)
    assert (guess.on, guess.precision) == (date(2024, 7, 1), "month")


def test_a_month_with_a_future_word_or_another_year_is_no_cue():
    from loaders.dates import latest_month_told
    assert latest_month_told("项目计划明年9月底投产，力争10月中旬竣工，2022年11月20日签约。") is None


def test_a_park_named_for_an_industry_verb_keeps_its_whole_name():
    found = {e.name for e in extract("截至6月底，之江智能计算产业园已集聚企业213家。", date(2024, 7, 26)).entities}
    assert "之江智能计算产业园" in found


def test_this_firm_with_a_description_opening_a_clause_is_the_firm_named_last():
    text = ("在示例智算产业园，杭州算衡智能科技有限公司的研发中心里，服务器正在训练大模型。"
            "这家成立仅三年的企业，今年上半年营业收入达到4.7亿元。")
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 7, 26)).facts}
    assert facts["4.7"] == "杭州算衡智能科技有限公司"


# --- lists closed by their own count, and figures told of each listed name --------------------

def test_a_list_closed_by_its_count_and_class_names_each_item():
    text = ("示例高新区昨日集中签约。云帆智驾华东总部、澄测科技芯片测试线和禾光医疗影像设备产业化3个项目，"
            "总投资依次为9亿元、7.5亿元和5亿元。区内的曜石微电子、岚峰科技两家企业入选省级名单。")
    x = extract(text, date(2024, 5, 8))
    kinds = {e.name: e.kind for e in x.entities}
    assert kinds["云帆智驾华东总部"] == kinds["澄测科技芯片测试线"] == "project"
    assert kinds["曜石微电子"] == kinds["岚峰科技"] == "enterprise"
    shown = {(f.subject_name, str(f.value)) for f in x.facts if f.confidence >= 0.5}
    assert {("云帆智驾华东总部", "9"), ("澄测科技芯片测试线", "7.5"), ("禾光医疗影像设备产业化", "5")} <= shown
    assert not any(f.value == 3 and f.confidence >= 0.5 for f in x.facts)    # the count of the list: no one's


def test_a_count_that_does_not_match_the_list_is_no_list_cue():
    x = extract("园区聚焦新材料、新能源两大产业，引进项目12个。", date(2024, 5, 8))
    assert not {e.name for e in x.entities} & {"新材料", "新能源"}


def test_a_figure_told_of_each_listed_name_goes_to_each():
    x = extract("2024年5月8日讯 园区内的曜石微电子、岚峰科技、澄测科技三家企业4月产值均突破1亿元。", date(2024, 5, 8))
    got = sorted((f.subject_name, f.metric) for f in x.facts if f.value == 1)
    assert [name for name, _ in got] == ["岚峰科技", "曜石微电子", "澄测科技"]
    assert all(not metric.endswith("均") for _, metric in got)


# --- scope words and one-character anaphors -----------------------------------------------------

def test_the_whole_zone_in_a_zones_own_report_is_the_zone():
    text = ("2024年10月20日讯　今年以来，云溪经济技术开发区经济运行稳中有进。浙江示例新能源汽车有限公司1—9月实现产值68.3亿元。"
            "截至9月底，全区在建亿元以上项目64个。")
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 10, 20)).facts}
    assert facts["64"] == "云溪经济技术开发区"


def test_this_district_after_a_base_is_the_zone_not_the_base():
    text = ("2024年7月20日讯　上半年，云溪高新区经济稳中有进。作为国家级产业基地，中国示例谷上半年新增入驻企业156家。"
            "一季度，该区新签约亿元以上项目23个。")
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 7, 20)).facts}
    assert facts["156"] == "中国示例谷" and facts["23"] == "云溪高新区"


# --- event frames: a batch of projects signed or started together ------------------------------

def test_an_events_batch_takes_the_quarter_it_is_named_for():
    text = ("10月12日上午，示例区2024年四季度重大项目集中开工活动在云溪经济开发区主会场举行。\n\n"
            "本次集中开工项目共26个，总投资187.6亿元，其中亿元以上项目21个。今年以来，云溪经济开发区累计开工项目82个。")
    periods = {str(f.value): (f.period_kind, f.period_start, f.period_end) for f in extract(text, date(2024, 10, 13)).facts}
    quarter = ("actual", date(2024, 10, 1), date(2024, 12, 31))
    assert periods["26"] == periods["187.6"] == periods["21"] == quarter
    assert periods["82"] == ("actual", date(2024, 1, 1), date(2024, 10, 13))    # a later date of its own wins


def test_an_events_batch_without_a_named_quarter_stands_as_of_the_events_day():
    text = "3月27日，云溪高新区重大项目集中签约活动举行。本次共签约项目18个，总投资126.5亿元。"
    periods = {str(f.value): (f.period_kind, f.period_end) for f in extract(text, date(2024, 4, 2)).facts}
    assert periods["18"] == periods["126.5"] == ("asof", date(2024, 3, 27))


# --- descriptions with a demonstrative, and the noun told after a list of figures -------------

@pytest.mark.parametrize("phrase", ["这座石化基地", "该新材料产业园", "这家汽车零部件企业"])
def test_a_demonstrative_with_a_description_is_no_entity(phrase):
    text = f"2024年5月8日讯 云溪石化基地位于海岛东侧。{phrase}今年产值达到120亿元。"
    assert phrase not in {e.name for e in extract(text, date(2024, 5, 8)).entities}


def test_a_description_with_a_demonstrative_takes_the_last_entity_of_its_class():
    text = "云溪石化基地位于海岛东侧。这座石化基地目前已形成每年炼油2000万吨、乙烯150万吨的生产能力。"
    facts = {str(f.value): (f.subject_name, f.metric) for f in extract(text, date(2024, 5, 8)).facts}
    assert facts["2000"] == ("云溪石化基地", "炼油生产能力")
    assert facts["150"] == ("云溪石化基地", "乙烯生产能力")


def test_a_share_told_with_a_noun_after_it_keeps_its_share_reading():
    text = "云溪小镇以不足全区3%的土地面积，贡献了全区约10%的税收。"
    assert all("土地面积" != f.metric for f in extract(text, date(2024, 5, 8)).facts)


# --- estimates of a span, progress against a plan, and a new topic --------------------------

def test_an_estimate_told_for_a_span_already_over_is_that_spans_actual():
    text = "云溪高新区1—9月经济平稳。据初步测算，7—9月单季规上工业增加值预计增长9.4%。预计全年规上工业增加值增长8%。"
    periods = {str(f.value): (f.period_kind, f.period_start, f.period_end) for f in extract(text, date(2024, 10, 15)).facts}
    assert periods["9.4"] == ("actual", date(2024, 7, 1), date(2024, 9, 30))
    assert periods["8"] == ("target", date(2024, 1, 1), date(2024, 12, 31))


def test_a_share_of_a_plan_done_is_progress_not_a_goal():
    text = "为完成全年目标任务，云溪高新区截至9月底重点项目已完成投资38亿元，占年度计划的81.3%。"
    periods = {str(f.value): (f.period_kind, f.period_end) for f in extract(text, date(2024, 10, 15)).facts}
    assert periods["81.3"] == ("asof", date(2024, 9, 30))


def test_a_topic_clause_opens_a_new_topic_instead_of_the_project_told_before():
    text = ("1—9月，云溪高新区经济平稳。示例精机公司高端主轴项目总投资12.6亿元，已于9月结顶。"
            "要素保障方面，前三季度共出让工业用地12宗、486亩。")
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 10, 15)).facts}
    assert facts["486"] == facts["12"] == "云溪高新区"


# --- names in section heads, joined names and part words ------------------------------------

def test_a_section_heads_numbering_is_no_part_of_the_name():
    text = "2024年10月29日讯\n\n（一）云溪光伏小镇：产能加速释放\n\n小镇前三季度实现产值100亿元。"
    assert "云溪光伏小镇" in {e.name for e in extract(text, date(2024, 10, 29)).entities}


def test_two_platforms_joined_by_he_are_two_even_when_jieba_reads_a_word_across():
    text = "排在后两位的是云溪智造新城和平湖示例经济技术开发区。"
    names = {e.name for e in extract(text, date(2024, 6, 18)).entities}
    assert {"云溪智造新城", "平湖示例经济技术开发区"} <= names


@pytest.mark.parametrize("text, name, kept", [
    ("云溪智能装备产业园位于青禾高新区核心区块，规划面积5.6平方公里。", "青禾高新区", True),
    ("在孵化端，青禾科学城科创加速器新增入孵项目31个。", "青禾科学城科创加速器", True),
])
def test_a_part_word_after_a_platform_is_the_platform_but_a_facility_is_its_own(text, name, kept):
    assert (name in {e.name for e in extract(text, date(2024, 6, 18)).entities}) is kept


# --- company names by their endings and class words --------------------------------------------

def test_three_names_ending_like_companies_are_companies_whatever_follows():
    text = "云溪生物、岚峰科技、澄衡医药今年上半年先后完成新一轮融资，融资额合计9.3亿元。园区聚焦生物医药、电子信息、智能装备三大产业。"
    x = extract(text, date(2024, 7, 1))
    assert {"云溪生物", "岚峰科技", "澄衡医药"} <= {e.name for e in x.entities if e.kind == "enterprise"}
    assert not {"生物医药", "电子信息", "智能装备"} & {e.name for e in x.entities}
    assert not any(f.value == 9.3 and f.confidence >= 0.5 for f in x.facts)     # the list's total: no one's


def test_a_name_after_a_word_of_its_class_is_a_company_and_the_class_words_are_not_its_name():
    text = "德资企业博岚精密（温州）有限公司去年追加投资。船舶修造企业瓯岚重工去年交付各类船舶14艘。"
    names = {e.name for e in extract(text, date(2024, 3, 1)).entities if e.kind == "enterprise"}
    assert {"博岚精密(温州)有限公司", "瓯岚重工"} <= names


def test_a_list_of_examples_then_a_total_is_the_platforms_count():
    text = "3年来，云溪经开区已成功引进甲岚科技、乙澄生物等重点产业项目，共计签约124个，总投资752亿元。"
    facts = {str(f.value): f.subject_name for f in extract(text, date(2022, 4, 1)).facts if f.confidence >= 0.5}
    assert facts["124"] == "云溪经开区"


# --- points of an assessment --------------------------------------------------------------------

def test_points_of_a_score_are_read_where_the_clause_speaks_of_a_score_only():
    text = ("6月17日公布2023年度全省开发区综合考评结果。云溪经济技术开发区、青禾高新区位列前二，"
            "综合得分依次为93.62分和92.17分。发布会于10时30分开始，一分为二的园区有3个。")
    got = {(f.subject_name, str(f.value), f.unit) for f in extract(text, date(2024, 6, 18)).facts}
    assert {("云溪经济技术开发区", "93.62", "分"), ("青禾高新区", "92.17", "分")} <= got
    assert not any(unit == "分" and value == "30" for _, value, unit in got)


def test_a_class_word_does_not_reach_back_into_another_numbered_section():
    text = ("2024年7月24日讯\n\n上半年，云溪高新区实现规上工业总产值386.2亿元。\n\n01\n\n光伏储能 双轮驱动\n\n"
            "园区内的示例光伏科创园是高新区光伏产业的核心承载区。截至6月底，该园区已集聚企业86家。\n\n02\n\n创新策源 动能澎湃\n\n"
            "截至6月底，高新区有效国家高新技术企业达213家。今年以来，园区企业发明专利授权312件。")
    facts = {str(f.value): f.subject_name for f in extract(text, date(2024, 7, 24)).facts}
    assert facts["86"] == "示例光伏科创园" and facts["312"] == "云溪高新区"


# --- 同期, deadlines and purpose clauses ----------------------------------------------------

def test_the_same_period_and_last_years_same_period():
    text = ("2024年7月20日讯 上半年，青禾科学城新能源产业产值增长18.6%。同期，青禾科学城完成固定资产投资186.4亿元，"
            "同比增长12.9%，去年同期为165.1亿元。")
    facts = {str(f.value): (f.metric, f.period_start, f.period_end) for f in extract(text, date(2024, 7, 20)).facts}
    assert facts["186.4"] == ("固定资产投资", date(2024, 1, 1), date(2024, 6, 30))
    assert facts["165.1"] == ("固定资产投资", date(2023, 1, 1), date(2023, 6, 30))


def test_a_year_a_backlog_reaches_dates_nothing_else_but_a_horizon_opening_a_clause_does():
    text = ("前三季度，云溪经开区完成产值300亿元。区内的示例船舶重工有限公司手持订单已排至2027年；"
            "示例汽车部件有限公司累计发运底盘部件26批。“到2027年，园区要培育千亿级企业2家。”")
    facts = {str(f.value): (f.period_kind, f.period_start) for f in extract(text, date(2024, 10, 20)).facts}
    assert facts["26"][0] != "target"                  # a running total, not a goal for 2027
    assert facts["2"] == ("target", date(2027, 1, 1))


def test_a_goal_in_a_purpose_clause_does_not_make_the_next_clauses_figures_goals():
    text = "2022年，云溪经开区全年新引进项目27个。为完成全年目标任务，开发区开展百日攻坚行动，全年32个重点项目完成投资38亿元。"
    facts = {str(f.value): f.period_kind for f in extract(text, date(2023, 2, 9)).facts}
    assert facts["38"] == "actual"


# --- a description of a kind of platform is no name ---------------------------------------------

@pytest.mark.parametrize("phrase, is_name", [("金融特色小镇", False), ("世界一流科学城", False),
                                            ("生物医药特色产业平台", False), ("物联网小镇", True), ("高端装备产业园", True)])
def test_praise_and_industry_before_a_class_noun_describe_a_kind_of_platform(phrase, is_name):
    from loaders.extract.entities import mention_form
    assert (mention_form(phrase) == "name") is is_name


def test_industries_listed_before_companies_are_no_companies():
    text = "2024年5月8日讯 云溪航空小镇已集聚复合材料、机载设备、航空发动机维修等企业32家。"
    assert not {"复合材料", "机载设备"} & {e.name for e in extract(text, date(2024, 5, 8)).entities}


@pytest.mark.parametrize("text, name", [
    ("开工活动主会场设在云拓机器人（苏州）有限公司智能工厂项目现场。", "云拓机器人(苏州)有限公司"),
    ("园区内甬澄智控年产30万套工业控制模组项目已完成设备安装。", "甬澄智控年产30万套工业控制模组项目"),
])
def test_words_that_place_a_name_are_no_part_of_it(text, name):
    assert name in {e.name for e in extract(text, date(2024, 10, 10)).entities}


def test_fields_listed_before_companies_are_no_companies():
    text = "2024年5月8日讯 示例资本投资了半导体、生物医药、新能源等领域的企业150余家。"
    assert not any("半导体" in e.name for e in extract(text, date(2024, 5, 8)).entities)


# --- the growth of a forecast, and an estimate for the year a paragraph is about -----------------

def test_the_growth_of_a_forecast_is_a_forecast_too():
    text = "今年，云溪新区预计实现地区生产总值1280亿元，增长6.5%；规上工业增加值增长8.2%。"
    kinds = {str(f.value): f.period_kind for f in extract(text, date(2024, 12, 30)).facts}
    assert kinds["1280"] == kinds["6.5"] == "target"


def test_an_estimate_in_a_paragraph_about_a_year_already_over_is_that_years_actual():
    text = ("刚刚过去的2024年，云溪经开区经济运行稳中有进。预计全年实现规上工业总产值628亿元，同比增长10.5%。"
            "其中，船舶产业产值预计达到286亿元，同比增长15.2%。")
    periods = {str(f.value): (f.period_kind, f.period_start) for f in extract(text, date(2025, 1, 10)).facts}
    assert periods["286"] == periods["15.2"] == ("actual", date(2024, 1, 1))


def test_a_count_in_chinese_numerals_closing_its_clause_is_a_figure():
    text = ("2024年7月24日讯 截至6月底，云溪光伏科创园已集聚企业86家，其中产值超10亿元企业六家。"
            "上半年新交付人才公寓两幢、共计540套。园区形成了两条曲线，建起三层小楼。")
    shown = {(f.metric, str(f.value)) for f in extract(text, date(2024, 7, 24)).facts if f.confidence >= 0.5}
    assert {("产值超10亿元企业", "6"), ("新交付人才公寓", "2")} <= shown
    assert not {value for _, value in shown} & {"3"}


@pytest.mark.parametrize("verb", ["此次签下", "签下", "正式签约"])
def test_a_project_named_after_the_verb_that_brings_it_in(verb):
    text = f"2024年3月28日讯 示例恒驰公司{verb}年产60万套新能源汽车热管理系统项目，总投资8.5亿元。"
    x = extract(text, date(2024, 3, 28))
    assert "年产60万套新能源汽车热管理系统项目" in {e.name for e in x.entities if e.kind == "project"}
    assert {f.subject_name for f in x.facts if f.value == 8.5} == {"年产60万套新能源汽车热管理系统项目"}


def test_regions_outside_the_articles_province_and_the_nation_are_no_subjects():
    text = ("2025年8月12日讯 东莞松山湖高新区发布数据。松山湖研发经费投入强度达11.6%，在全国高新区中位居前列。"
            "截至6月底，区内国家高新技术企业达986家。不少香港年轻人北上发展，基地累计孵化港澳项目196个。")
    subjects = {f.subject_name for f in extract(text, date(2025, 8, 12)).facts}
    assert subjects == {"东莞松山湖高新区"}


# --- Taiwan and Hong Kong conventions: restatements, currency before the number, 年增, 前5月 ------

def test_a_restatement_in_parentheses_is_a_candidate_and_the_currency_is_no_metric():
    text = ("2024年6月24日讯 今年1至5月，云溪经开区光机电产业产值人民币186亿元（约新台币832亿元），年增12.6%。"
            "示例光学公司去年厂区营收约人民币21亿元。用地17亩（约1.1万平方米）。")
    x = extract(text, date(2024, 6, 24))
    shown = {str(f.value): (f.metric, f.period_start, f.period_end) for f in x.facts if f.confidence >= 0.5}
    assert shown["186"] == ("光机电产业产值", date(2024, 1, 1), date(2024, 5, 31))
    assert shown["12.6"][0] == "光机电产业产值增长"
    assert shown["21"][0] == "厂区营收"
    assert "832" not in shown and "1.1" not in shown
    assert {c.reasons for c in x.candidates if c.value == 832} == {("a restatement in another unit",)}


def test_a_companys_plant_named_by_its_town_is_no_region_subject():
    text = "2024年6月24日讯 示例精机（平湖）有限公司表示，平湖厂拥有员工约650人，今年前5月订单年增约三成。"
    facts = {str(f.value): (f.subject_name, f.period_end) for f in extract(text, date(2024, 6, 24)).facts}
    assert facts["650"][0] == "示例精机(平湖)有限公司"
    assert facts["3"] == ("示例精机(平湖)有限公司", date(2024, 5, 31))


def test_an_answer_that_opens_with_last_year_goes_on_telling_of_it():
    text = ("示例访谈\n\n记者：2023年对云溪高新区来说是很不平凡的一年，能否晒一晒成绩单？\n\n"
            "主任：去年我们顶住了不少压力。规上工业总产值预计达到一千一百三十亿元左右，同比增长百分之十一点五；"
            "规上工业增加值增长11.2%。园区规划面积约32平方公里。")
    periods = {str(f.value): (f.period_kind, f.period_start) for f in extract(text, date(2024, 1, 12)).facts}
    assert periods["1130"] == periods["11.5"] == periods["11.2"] == ("actual", date(2023, 1, 1))
    assert periods["32"][0] == "asof"


def test_a_community_told_by_its_class_word_and_its_short_form():
    text = ("2024年5月14日讯 示例新能源科技股份有限公司的车间里几乎看不到工人。这座位于长兴经开区示例产业社区的工厂入选未来工厂名单。"
            "\n\n示例的转变，是示例产业社区发展的一个缩影。社区规划面积约3.6平方公里，目前已入驻企业62家。")
    x = extract(text, date(2024, 5, 14))
    names = {e.name: e.aliases for e in x.entities if e.kind == "platform"}
    assert "示例产业社区" in names.get("长兴经开区示例产业社区", ())
    assert {f.subject_name for f in x.facts if f.value in (Decimal("3.6"), 62)} == {"长兴经开区示例产业社区"}
