"""Facts: subject, metric, value, unit, qualifier, period and quote, on short invented sentences."""
from __future__ import annotations

from datetime import date

import pytest

from loaders.extract import extract

PUBLISHED = date(2023, 6, 15)

# (text, [(subject_kind, subject_name, metric, metric_text, value, unit, qualifier,
#          period_kind, period_start, period_end, quote, start, end)])
CASES = [
    ('2022年,萧山经开区规上工业增加值达350.5亿元,同比增长8.2%。',
     [('platform', '萧山经开区', '规上工业增加值', '规上工业增加值', '350.5', '亿元', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '萧山经开区规上工业增加值达350.5亿元', 6, 26),
      ('platform', '萧山经开区', '规上工业增加值增速', '规上工业增加值同比增长', '8.2', '%', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '萧山经开区规上工业增加值达350.5亿元,同比增长8.2%', 6, 35)]),
    ('杭州钱塘智慧城加快建设。今年1—5月,该区固定资产投资45亿元,同比下降3.1%。',
     [('platform', '杭州钱塘智慧城', '固定资产投资', '固定资产投资', '45', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 5, 31), '该区固定资产投资45亿元', 19, 31),
      ('platform', '杭州钱塘智慧城', '固定资产投资增速', '固定资产投资同比下降', '-3.1', '%', None, 'actual', date(2023, 1, 1), date(2023, 5, 31), '同比下降3.1%', 32, 40)]),
    ('截至目前,临平新城已累计引进企业86家。',
     [('platform', '临平新城', '累计引进企业', '累计引进企业', '86', '家', None, 'asof', None, date(2023, 6, 15), '临平新城已累计引进企业86家', 5, 19)]),
    ('到2025年,良渚新城规上工业产值力争突破500亿元。',
     [('platform', '良渚新城', '规上工业产值', '规上工业产值', '500', '亿元', 'more_than', 'target', date(2025, 1, 1), date(2025, 12, 31), '良渚新城规上工业产值力争突破500亿元', 7, 26)]),
    ('萧山科技城将产能从2万台提升至12万台。',
     [('platform', '萧山科技城', '产能', '产能', '12', '万台', None, 'asof', None, date(2023, 6, 15), '萧山科技城将产能从2万台提升至12万台', 0, 19)]),
    ('公司成立于2015年,员工平均年龄28岁,联系电话0571-88888888。',
     []),
    ('萧山科技城综合实力位列全省第一。',
     []),
    ('萧山科技城拥有年营业收入超亿元企业15家。',
     [('platform', '萧山科技城', '年营业收入超亿元企业', '年营业收入超亿元企业', '15', '家', None, 'asof', None, date(2023, 6, 15), '萧山科技城拥有年营业收入超亿元企业15家', 0, 20)]),
    ('2021年,萧山经开区规上工业增加值300亿元。同时,规上企业数字化改造率已实现90%。',
     [('platform', '萧山经开区', '规上工业增加值', '规上工业增加值', '300', '亿元', None, 'actual', date(2021, 1, 1), date(2021, 12, 31), '萧山经开区规上工业增加值300亿元', 6, 23),
      ('platform', '萧山经开区', '规上企业数字化改造率', '规上企业数字化改造率', '90', '%', None, 'actual', date(2021, 1, 1), date(2021, 12, 31), '规上企业数字化改造率已实现90%', 27, 43)]),
    ('2022年,萧山经开区亩均增加值稳步提升,其亩均税收为65万元/亩。',
     [('platform', '萧山经开区', '亩均税收', '亩均税收', '65', '万元/亩', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '其亩均税收为65万元/亩', 21, 33)]),
    ('萧山科技城发展迅速。在签约的20个项目中,数字经济项目12个。',
     [('platform', '萧山科技城', '数字经济项目', '数字经济项目', '12', '个', None, 'asof', None, date(2023, 6, 15), '数字经济项目12个', 21, 30)]),
    ('萧山科技城形成两大产业集群和三条产业链。',
     []),
    ('目前,青山湖科技城已有近千家企业入驻。',
     [('platform', '青山湖科技城', '入驻企业数', '企业入驻', '1000', '家', 'about', 'asof', None, date(2023, 6, 15), '青山湖科技城已有近千家企业入驻', 3, 18)]),
    ('截至目前,余杭经开区累计培育国家高新技术企业300余家。',
     [('platform', '余杭经开区', '高新技术企业数', '累计培育国家高新技术企业', '300', '家', 'more_than', 'asof', None, date(2023, 6, 15), '余杭经开区累计培育国家高新技术企业300余家', 5, 27)]),
    ('钱江世纪城规划面积约22平方公里。',
     [('platform', '钱江世纪城', '面积', '规划面积', '22', '平方公里', 'about', 'asof', None, date(2023, 6, 15), '钱江世纪城规划面积约22平方公里', 0, 16)]),
    ('云帆智能营业收入5亿元。',
     []),
    ('2022年,全省规上工业增加值增长5%。',
     [('region', '浙江省', '规上工业增加值增速', '规上工业增加值增长', '5', '%', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '全省规上工业增加值增长5%', 6, 19)]),
    ('今年一季度,萧山经开区实现工业投资25亿元。',
     [('platform', '萧山经开区', '工业投资', '工业投资', '25', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山经开区实现工业投资25亿元', 6, 21)]),
    ('星河半导体二期项目正式开工。该项目总投资50亿元。',
     [('project', '星河半导体二期项目', '总投资', '总投资', '50', '亿元', None, 'asof', None, date(2023, 6, 15), '该项目总投资50亿元', 14, 24)]),
    ('2022年,青山湖科技城工业总产值突破800亿元,增长12%。',
     [('platform', '青山湖科技城', '工业总产值', '工业总产值', '800', '亿元', 'more_than', 'actual', date(2022, 1, 1), date(2022, 12, 31), '青山湖科技城工业总产值突破800亿元', 6, 24),
      ('platform', '青山湖科技城', '工业总产值增速', '工业总产值增长', '12', '%', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '青山湖科技城工业总产值突破800亿元,增长12%', 6, 30)]),
    ('萧山科技城亩均税收是各县市区中唯一破百万元大关者。',
     []),
    ('2022年,萧山科技城有5家企业被评为专精特新企业。',
     [('platform', '萧山科技城', '专精特新企业数', '专精特新企业', '5', '家', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '萧山科技城有5家企业被评为专精特新企业', 6, 25)]),
    ('总投资约20亿元的云帆智能终端生产基地项目已正式投产。',
     [('project', '云帆智能终端生产基地项目', '总投资', '总投资', '20', '亿元', 'about', 'asof', None, date(2023, 6, 15), '总投资约20亿元的云帆智能终端生产基地项目已正式投产', 0, 26)]),
    ('截至目前,滨萧特别合作园已签约星河、光启等7个产业项目,总投资86亿元。',
     [('platform', '滨萧特别合作园', '签约产业项目', '签约产业项目', '7', '个', None, 'asof', None, date(2023, 6, 15), '滨萧特别合作园已签约星河、光启等7个产业项目', 5, 27),
      ('platform', '滨萧特别合作园', '项目总投资', '总投资', '86', '亿元', None, 'asof', None, date(2023, 6, 15), '滨萧特别合作园已签约星河、光启等7个产业项目,总投资86亿元', 5, 35)]),
    ('杭州高新区（滨江）规上工业增加值达１２０亿元。',
     [('platform', '杭州高新区(滨江)', '规上工业增加值', '规上工业增加值', '120', '亿元', None, 'unknown', None, None, '杭州高新区（滨江）规上工业增加值达１２０亿元', 0, 22)]),
    ('萧山科技城今年1~3月營業收入達12.5億元。',
     [('platform', '萧山科技城', '营业收入', '营业收入', '12.5', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山科技城今年1~3月營業收入達12.5億元', 0, 22)]),
    ('杭州临江经济开发区(以下简称“临开区”)成立于2010年。临开区今年新引进企业42家。',
     [('platform', '杭州临江经济开发区', '新引进企业', '新引进企业', '42', '家', None, 'actual', date(2023, 1, 1), date(2023, 12, 31), '临开区今年新引进企业42家', 29, 42)]),
    ('2021年,临平新城规上工业总产值达到820亿元,规上工业增加值达到210亿元,分别同比增长12.5%和9.8%。',
     [('platform', '临平新城', '工业总产值', '规上工业总产值', '820', '亿元', None, 'actual', date(2021, 1, 1), date(2021, 12, 31), '临平新城规上工业总产值达到820亿元', 6, 24),
      ('platform', '临平新城', '规上工业增加值', '规上工业增加值', '210', '亿元', None, 'actual', date(2021, 1, 1), date(2021, 12, 31), '临平新城规上工业总产值达到820亿元,规上工业增加值达到210亿元', 6, 39),
      ('platform', '临平新城', '工业总产值增速', '规上工业总产值同比增长', '12.5', '%', None, 'actual', date(2021, 1, 1), date(2021, 12, 31), '临平新城规上工业总产值达到820亿元,规上工业增加值达到210亿元,分别同比增长12.5%和9.8%', 6, 56),
      ('platform', '临平新城', '规上工业增加值增速', '规上工业增加值增长', '9.8', '%', None, 'actual', date(2021, 1, 1), date(2021, 12, 31), '临平新城规上工业总产值达到820亿元,规上工业增加值达到210亿元,分别同比增长12.5%和9.8%', 6, 56)]),
    ('2022年,萧山科技城加快发展。全年新增市场主体1200家。',
     [('platform', '萧山科技城', '新增市场主体', '新增市场主体', '1200', '家', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '全年新增市场主体1200家', 16, 29)]),
    ('临平新城拥有科技型中小企业320家。',
     [('platform', '临平新城', '科技型中小企业', '科技型中小企业', '320', '家', None, 'asof', None, date(2023, 6, 15), '临平新城拥有科技型中小企业320家', 0, 17)]),
    ('宏远科技项目正式开工,总投资12亿元。',
     [('project', '宏远科技项目', '总投资', '总投资', '12', '亿元', None, 'asof', None, date(2023, 6, 15), '宏远科技项目正式开工,总投资12亿元', 0, 18)]),
    ('2022年,临平新城已吸引25万人口。',
     [('platform', '临平新城', '吸引人口', '吸引人口', '25', '万人', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '临平新城已吸引25万人口', 6, 18)]),
    ('余杭经开区集聚企业超过3000家,贡献了全区工业产值的六成以上。',
     [('platform', '余杭经开区', '企业数', '企业', '3000', '家', 'more_than', 'asof', None, date(2023, 6, 15), '余杭经开区集聚企业超过3000家', 0, 16)]),
    ('今年一季度,萧山区规上工业总产值和增加值分别为882.5亿元和190.2亿元。',
     [('region', '萧山区', '工业总产值', '规上工业总产值', '882.5', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山区规上工业总产值和增加值分别为882.5亿元和190.2亿元', 6, 38),
      ('region', '萧山区', '规上工业增加值', '规上工业增加值', '190.2', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山区规上工业总产值和增加值分别为882.5亿元和190.2亿元', 6, 38)]),
    ('星河芯谷同比增长32.5%、萧山科技城同比增长23%。',
     []),
    ('去年,萧山实现工业投资126.8亿元。',
     [('region', '萧山区', '工业投资', '工业投资', '126.8', '亿元', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '萧山实现工业投资126.8亿元', 3, 18)]),
    ('作为首批7个高能级战略平台之一,萧山经开区加快发展。',
     []),
    ('杭州云帆智能科技有限公司的销售额从最初300万元增至超30亿元。',
     [('enterprise', '杭州云帆智能科技有限公司', '销售额', '销售额', '30', '亿元', 'more_than', 'asof', None, date(2023, 6, 15), '杭州云帆智能科技有限公司的销售额从最初300万元增至超30亿元', 0, 31)]),
    ('位于萧山经开区的蓝湾生物,去年产值突破5亿元。',
     [('enterprise', '蓝湾生物', '产值', '产值', '5', '亿元', 'more_than', 'actual', date(2022, 1, 1), date(2022, 12, 31), '位于萧山经开区的蓝湾生物,去年产值突破5亿元', 0, 22)]),
    ('萧山科技城管委会主任介绍,科技城今年计划引进高层次人才300名。',
     [('platform', '萧山科技城', '计划引进高层次人才', '计划引进高层次人才', '300', '名', None, 'target', date(2023, 1, 1), date(2023, 12, 31), '萧山科技城管委会主任介绍,科技城今年计划引进高层次人才300名', 0, 31)]),
    ('截至2022年底,临平新城累计建成标准厂房120万平方米,入驻企业560家。',
     [('platform', '临平新城', '累计建成标准厂房', '累计建成标准厂房', '120', '万平方米', None, 'asof', None, date(2022, 12, 31), '临平新城累计建成标准厂房120万平方米', 9, 28),
      ('platform', '临平新城', '入驻企业数', '入驻企业', '560', '家', None, 'asof', None, date(2022, 12, 31), '临平新城累计建成标准厂房120万平方米,入驻企业560家', 9, 37)]),
    ('萧山经开区与蓝海智造正式签约,该公司计划投资8亿元。',
     [('enterprise', '蓝海智造', '计划投资', '计划投资', '8', '亿元', None, 'asof', None, date(2023, 6, 15), '该公司计划投资8亿元', 15, 25)]),
    ('今年一季度,萧山经开区总投资53亿元的26个重点项目集中签约。',
     [('platform', '萧山经开区', '项目总投资', '总投资', '53', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山经开区总投资53亿元的26个重点项目集中签约', 6, 30),
      ('platform', '萧山经开区', '重点项目集中签约', '重点项目集中签约', '26', '个', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山经开区总投资53亿元的26个重点项目集中签约', 6, 30)]),
]



def rows(text, published=PUBLISHED):
    """Facts of a text as comparable tuples (value as its decimal string)."""
    return [(f.subject_kind, f.subject_name, f.metric, f.metric_text, str(f.value), f.unit, f.qualifier,
             f.period_kind, f.period_start, f.period_end, f.quote, f.start, f.end)
            for f in extract(text, published).facts]


@pytest.mark.parametrize("text, facts", CASES, ids=[c[0][:14] for c in CASES])
def test_facts(text, facts):
    assert rows(text) == facts


def test_base_values_follow_the_unit():
    fact = extract("2022年,萧山经开区规上工业增加值达350.5亿元。", PUBLISHED).facts[0]
    assert (fact.value_base, fact.base_unit) == (35050000000, "yuan")


def test_without_publication_date_a_stock_has_unknown_period():
    assert [(f.period_kind, f.period_end) for f in extract("钱江世纪城规划面积约22平方公里。", None).facts] == [
        ("unknown", None)]


@pytest.mark.parametrize("text, subject", [
    ("湖州莫干山高新区加快发展。2023年,全市规上工业增加值增长6%。", ("region", "湖州")),
    ("萧山经开区加快发展。2022年,全区规上工业总产值首次突破3000亿元。", ("region", "萧山区")),
    # no district named: 全区 is no region, the zone of the sentence before goes on
    ("临江经开区加快发展。2022年,全区规上工业总产值首次突破300亿元。", ("platform", "临江经开区")),
    ("桐庐经济开发区加快发展。今年1—9月，全县规上工业产值为586.7亿元。", ("region", "桐庐县")),
])
def test_whole_city_and_whole_district_are_the_ones_the_article_is_about(text, subject):
    assert [(f.subject_kind, f.subject_name) for f in extract(text, PUBLISHED).facts] == [subject]


def test_figures_told_respectively_go_to_the_names_listed_in_order():
    facts = extract("东湖新城和西湾智造园上半年规上工业产值分别为96.2亿元和74.5亿元，同比分别增长13.8%和9.7%。",
                    PUBLISHED).facts
    assert [(f.subject_name, str(f.value), f.unit) for f in facts] == [
        ("东湖新城", "96.2", "亿元"), ("西湾智造园", "74.5", "亿元"), ("东湖新城", "13.8", "%"), ("西湾智造园", "9.7", "%")]


def test_the_year_a_since_span_starts_from_dates_nothing_after_it():
    facts = extract("东湖数字贸易产业园自去年开园以来，上半年实现跨境电商进出口额47.3亿元。", PUBLISHED).facts
    assert [(f.period_start, f.period_end) for f in facts] == [(date(2023, 1, 1), date(2023, 6, 30))]


def test_an_airport_is_an_institution_not_its_district():
    text = "上半年，杭州萧山国际机场旅客吞吐量为1946万人次。"
    assert [(e.kind, e.name) for e in extract(text, PUBLISHED).entities] == [("institution", "杭州萧山国际机场")]
    assert extract(text, PUBLISHED).facts == []


@pytest.mark.parametrize("text, metrics", [
    ("2023年，萧山经开区规上工业增加值占全区的比重达到36.5%。", ["规上工业增加值占全区的比重"]),
    ("2023年，萧山经开区研发费用21.4亿元，占营业收入比重为4.1%。", ["研发费用", "研发费用占营业收入比重"]),
])
def test_a_share_names_what_it_is_a_share_of(text, metrics):
    facts = extract(text, PUBLISHED).facts
    assert [(f.subject_name, f.metric_text) for f in facts] == [("萧山经开区", m) for m in metrics]


def test_names_listed_with_a_pause_mark_take_their_figures_respectively():
    facts = extract("东湖智造产业园、西湾新材料产业园去年分别实现规上工业产值186.4亿元和97.2亿元。", PUBLISHED).facts
    assert [(f.subject_name, str(f.value)) for f in facts] == [("东湖智造产业园", "186.4"), ("西湾新材料产业园", "97.2")]


def test_a_bare_comparison_names_the_figure_before_it_and_gaps_to_an_average_are_no_figures():
    facts = extract("去年萧山经开区共有国家高新技术企业248家，比上年净增41家；亩均税收达到36.8万元，"
                    "亩均增加值210万元，分别高于全区平均水平5.6万元和32万元。", PUBLISHED).facts
    assert [(f.metric_text, str(f.value)) for f in facts] == [
        ("国家高新技术企业", "248"), ("国家高新技术企业净增", "41"), ("亩均税收", "36.8"), ("亩均增加值", "210")]


def test_a_bonded_zone_is_taken_up_again_by_its_short_name_and_orders_are_counted():
    facts = extract("杭州东湾综合保税区加快发展。一季度，综保区完成订单1260万单，同比增长8.4%。", PUBLISHED).facts
    assert [(f.subject_name, str(f.value), f.unit, f.base_unit) for f in facts] == [
        ("杭州东湾综合保税区", "1260", "万单", "count"), ("杭州东湾综合保税区", "8.4", "%", "percent")]


@pytest.mark.parametrize("text, base", [
    ("2022年，萧山经开区完成固定资产投资31.4亿元，比上年的25.9亿元增长21.2%。",
     ("25.9", date(2021, 1, 1), date(2021, 12, 31))),
    ("上半年，萧山经开区完成工业投资20亿元，比去年同期的16亿元增长25%。", ("16", date(2022, 1, 1), date(2022, 6, 30))),
])
def test_the_value_compared_with_is_the_same_metric_a_year_earlier(text, base):
    facts = extract(text, PUBLISHED).facts
    assert [(str(f.value), f.period_start, f.period_end) for f in facts][1] == base
    assert facts[1].metric_text == facts[0].metric_text and not facts[2].metric_text.startswith(("比", "较"))


def test_from_to_takes_the_period_of_the_clause_not_of_where_it_came_from():
    facts = extract("2022年，萧山经开区核心零部件板块产值占比由2021年的26.5%提高到30.7%。", PUBLISHED).facts
    assert [(f.metric_text, str(f.value), f.period_end) for f in facts] == [
        ("核心零部件板块产值占比", "30.7", date(2022, 12, 31))]


@pytest.mark.parametrize("text, expected", [
    ("东湖科技城今年专门规划建设了东湖光电产业园，规划面积1200亩，目前已落地光电项目11个。",
     [("东湖光电产业园", "规划面积", "1200"), ("东湖光电产业园", "目前已落地光电项目", "11")]),
    ("光学元件产业化项目（杭州东湖光学有限公司投资）总投资7.5亿元，已完成厂房结顶。",
     [("光学元件产业化项目", "总投资", "7.5")]),
    ("杭州东湖光电科技股份有限公司去年被认定为专精特新企业。目前，公司研发人员占比超过40%。",
     [("杭州东湖光电科技股份有限公司", "研发人员占比", "40")]),
])
def test_what_was_just_made_an_aside_and_the_company_named_last(text, expected):
    assert [(f.subject_name, f.metric_text, str(f.value)) for f in extract(text, PUBLISHED).facts] == expected


def test_a_clause_opening_with_the_end_of_a_platform_name_is_about_it():
    facts = extract("萧山科技城加快建设，杭州湾信息港是其中重要平台。上半年，信息港实现营业收入126.4亿元。", PUBLISHED).facts
    assert [(f.subject_name, str(f.value)) for f in facts] == [("杭州湾信息港", "126.4")]


def test_a_projects_total_investment_is_no_target_even_when_it_opens_later():
    facts = extract("年产200万套显示模组项目总投资5.2亿元，预计明年一季度投产。", PUBLISHED).facts
    assert [(f.subject_kind, f.period_kind, f.period_end) for f in facts] == [("project", "asof", PUBLISHED)]


def test_items_of_a_list_take_the_subject_and_period_of_the_line_that_opens_it():
    text = ("记者从东湖生态创意城管委会获悉，一季度，东湖生态创意城主要经济指标如下：\n\n"
            "- 文化产业营业收入：145.2亿元，同比增长9.7%；\n\n- 新增规上企业：9家；")
    assert [(f.subject_name, f.metric_text, str(f.value), f.period_end) for f in extract(text, PUBLISHED).facts] == [
        ("东湖生态创意城", "文化产业营业收入", "145.2", date(2023, 3, 31)),
        ("东湖生态创意城", "文化产业营业收入同比增长", "9.7", date(2023, 3, 31)),
        ("东湖生态创意城", "新增规上企业", "9", date(2023, 3, 31))]


def test_the_district_a_platform_lies_in_is_not_the_subject_and_base_takes_it_up():
    facts = extract("余杭区仁和先进制造业基地捷报频传。全年，基地新增规上工业企业31家。", PUBLISHED).facts
    assert [(f.subject_name, str(f.value)) for f in facts] == [("仁和先进制造业基地", "31")]


def test_service_tallies_are_not_economic_figures():
    facts = extract("今年以来，萧山经开区帮助企业解决问题430件，新增规上企业12家。", PUBLISHED).facts
    assert [(f.metric_text, str(f.value)) for f in facts] == [("新增规上企业", "12")]


def test_the_year_of_a_value_compared_with_does_not_date_the_next_sentence():
    facts = extract("2022年，萧山经开区产值占比由2021年的26.5%提高到30.7%。全年园区实施技改项目23个。",
                    PUBLISHED).facts
    assert [(str(f.value), f.period_end) for f in facts] == [("30.7", date(2022, 12, 31)), ("23", date(2022, 12, 31))]


@pytest.mark.parametrize("text, metrics", [
    ("2022年，萧山经开区实现产值103.6亿元，新增企业31家，比上年增加18家。", ["产值", "新增企业", "企业增加"]),
    ("2022年，萧山经开区实现产值103.6亿元，比上年增加18家。", ["产值"]),     # 18家 of what is unclear
])
def test_an_increment_names_the_figure_before_it_or_is_not_stored(text, metrics):
    assert [f.metric_text for f in extract(text, PUBLISHED).facts] == metrics


@pytest.mark.parametrize("text, expected", [
    ("萧山经开区加快发展。从细分领域看，整机、零部件和系统集成三大板块2022年分别实现产值46.2亿元、31.8亿元和25.6亿元，"
     "分别比上年增长16.1%、21.4%和5.3%。",
     [("整机产值", "46.2"), ("零部件产值", "31.8"), ("系统集成产值", "25.6"),
      ("整机产值增长", "16.1"), ("零部件产值增长", "21.4"), ("系统集成产值增长", "5.3")]),
    ("2022年，萧山经开区规上工业产值和增加值分别为500亿元和120亿元，分别同比增长23.2%和16.8%。",
     [("规上工业产值", "500"), ("规上工业增加值", "120"), ("规上工业产值同比增长", "23.2"), ("规上工业增加值增长", "16.8")]),
])
def test_parts_listed_before_respectively_share_the_metric_after_it(text, expected):
    assert [(f.metric_text, str(f.value)) for f in extract(text, PUBLISHED).facts] == expected


@pytest.mark.parametrize("text, period", [
    ("杭州东湖资本管理有限公司是一家成立于2014年的投资机构，目前管理规模已超过300亿元。", ("asof", None, PUBLISHED)),
    ("今年4月，东湖金融科技大楼项目正式开工，计划2025年建成投用。同时，东湖基金产业园建设提速，已完成投资3.6亿元。",
     ("asof", None, PUBLISHED)),
])
def test_a_founding_year_and_a_goal_before_do_not_date_what_is_already_done(text, period):
    assert [(f.period_kind, f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts][-1:] == [period]


@pytest.mark.parametrize("text", [
    "前三季度，东湖经济开发区、西湾经济开发区和南山经济开发区合计实现规上工业总产值1186.7亿元，同比增长8.3%。",
    "东湖经济开发区加快发展。要素保障方面，四个开发区今年以来合计出让工业用地2860亩。",
])
def test_totals_of_several_platforms_are_no_one_platforms_figure(text):
    assert extract(text, PUBLISHED).facts == []


def test_a_dollar_investment_before_its_project_is_the_projects():
    facts = extract("其中浙江东湖新材料科技有限公司总投资3500万美元的高端特种线缆项目已于7月签约。", PUBLISHED).facts
    assert [(f.subject_kind, f.subject_name, f.unit) for f in facts] == [("project", "高端特种线缆项目", "万美元")]


def test_shares_told_respectively_are_each_platforms():
    facts = extract("去年，东湖新城和西湾科技城的规上工业产值分别占开发区的48%和21%。", PUBLISHED).facts
    assert [(f.subject_name, f.metric_text, str(f.value)) for f in facts] == [
        ("东湖新城", "规上工业产值占开发区比重", "48"), ("西湾科技城", "规上工业产值占开发区比重", "21")]


def test_a_park_taken_up_as_yuanqu_and_an_increment_of_the_year():
    text = ("东湖物联网产业园加快发展。截至2022年底，园区拥有国家高新技术企业1683家，当年净增218家。"
            "园区规上工业亩均税收达到186.5万元，在全省省级以上产业园区中位列第3。")
    assert [(f.subject_name, f.metric_text, str(f.value)) for f in extract(text, PUBLISHED).facts][:3] == [
        ("东湖物联网产业园", "国家高新技术企业", "1683"), ("东湖物联网产业园", "国家高新技术企业净增", "218"),
        ("东湖物联网产业园", "规上工业亩均税收", "186.5")]


def test_a_town_taken_up_again_before_its_industry_is_not_the_city_of_the_sentence_before():
    text = "建德将依托东湖航空小镇，打造通用航空产业集聚区。根据规划，到2025年，小镇通航产业产值将突破80亿元。"
    assert [(f.subject_name, str(f.value)) for f in extract(text, PUBLISHED).facts] == [("东湖航空小镇", "80")]


def test_a_town_taken_up_before_a_time_word():
    text = "东湖人工智能小镇加快发展。在应用端，小镇上半年发布应用场景58个。"
    assert [(f.subject_name, str(f.value)) for f in extract(text, PUBLISHED).facts] == [("东湖人工智能小镇", "58")]


def test_a_town_taken_up_after_nowadays():
    text = "东湖安防小镇加快发展。桐庐的安防产业起步于上世纪90年代。如今小镇已集聚安防及相关企业386家。"
    assert [(f.subject_name, str(f.value)) for f in extract(text, PUBLISHED).facts] == [("东湖安防小镇", "386")]


def test_a_bare_zone_word_takes_the_subject_back_from_a_region():
    facts = extract("萧山经开区加快发展。去年,全区规上工业总产值突破3000亿元。到2025年,开发区力争规上工业营业收入达到2500亿元。",
                    PUBLISHED).facts
    assert [(f.subject_name, f.value) for f in facts] == [("萧山区", 3000), ("萧山经开区", 2500)]


def test_relative_year_is_read_against_publication():
    facts = extract("今年一季度,萧山经开区实现工业投资25亿元。", date(2021, 5, 1)).facts
    assert [(f.period_start, f.period_end) for f in facts] == [(date(2021, 1, 1), date(2021, 3, 31))]


@pytest.mark.parametrize("text", [
    "萧山经开区23个项目集中开工 总投资超80亿元\n\n今年,萧山经开区加快发展。",
    "图为萧山经开区 记者 摄",
])
def test_headlines_and_captions_carry_no_facts(text):
    assert rows(text) == []


@pytest.mark.parametrize("text, value, period", [
    ("临江经开区今年将实施倍增计划，力争全年新能源产业产值突破600亿元。", 600, ("target", date(2023, 1, 1), date(2023, 12, 31))),
    ("临江经开区计划年内盘活低效用地不少于800亩。", 800, ("target", date(2023, 1, 1), date(2023, 12, 31))),
    ("2022年，临江经开区实现产值100亿元，力争今年达到120亿元。", 120, ("target", date(2023, 1, 1), date(2023, 12, 31))),
    ("浙江临江药业有限公司预计今年产值可突破10亿元。", 10, ("target", date(2023, 1, 1), date(2023, 12, 31))),
    ("2022年，临江经开区实现产值100亿元。", 100, ("actual", date(2022, 1, 1), date(2022, 12, 31))),
])
def test_goal_word_before_the_year_it_governs(text, value, period):
    facts = {float(f.value): (f.period_kind, f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts}
    assert facts[value] == period


@pytest.mark.parametrize("text, name", [
    ("在江南新城，企业项目建设正酣。", "江南新城"),
    ("临江新城今年新增企业120家。", "临江新城"),
])
def test_new_town_is_a_platform(text, name):
    assert ("platform", name) in {(e.kind, e.name) for e in extract(text, PUBLISHED).entities}


@pytest.mark.parametrize("text, subjects", [
    # a bare class noun opening a clause refers back to the last one of its class
    ("在开发区北部的临江信息港小镇，企业加速集聚。截至6月底，小镇累计入驻企业逾1200家。", {"临江信息港小镇"}),
    ("浙江青禾生物医药有限公司创新药生产基地项目建设正酣。项目占地约95亩，总投资26亿元。",
     {"浙江青禾生物医药有限公司创新药生产基地项目"}),
    # a park modified by a 的-clause heads the clause: what follows is about the park
    ("临江新城有企业300家。新城内的云帆时尚产业园，已集聚品牌企业近三百家。", {"临江新城", "云帆时尚产业园"}),
])
def test_subject_named_by_its_class_or_a_de_clause(text, subjects):
    assert {f.subject_name for f in extract(text, PUBLISHED).facts} == subjects


@pytest.mark.parametrize("text, subject, metric, period", [
    # a goal over a plan period is met at its end
    ("临江经开区加快发展。“十四五”期间，开发区计划累计引进亿元以上项目不少于100个。",
     "临江经开区", "计划累计引进亿元以上项目", ("target", date(2025, 1, 1), date(2025, 12, 31))),
    ("今年，临江高新区计划实施重点项目120个，年度计划投资180亿元。",
     "临江高新区", "投资", ("target", date(2023, 1, 1), date(2023, 12, 31))),
    # 开发区 opening a sentence is the development zone named last, whatever its short form
    ("临江经开区发展快。浙江云岭电子有限公司去年营业收入18亿元。开发区今年一季度技改投资约7.2亿元。",
     "临江经开区", "技改投资", ("actual", date(2023, 1, 1), date(2023, 3, 31))),
])
def test_plan_periods_and_zone_anaphors(text, subject, metric, period):
    facts = extract(text, PUBLISHED).facts
    assert (subject, metric, period) in {(f.subject_name, f.metric_text, (f.period_kind, f.period_start, f.period_end))
                                         for f in facts}


@pytest.mark.parametrize("text, periods", [
    # 力争/确保 govern the rest of their sentence
    ("临江经开区力争全年产值突破600亿元，新招引10亿元以上项目不少于8个。",
     {600: "target", 8: "target"}),
    ("临江经开区力争明年实现产值100亿元，2022年该区产值为80亿元。", {100: "target", 80: "actual"}),
    # 预计 stays with its clause; about 2022, already over in a 2023 article, it estimates the actual
    ("2022年，临江经开区实现产值80亿元，预计增长10%，新增企业12家。", {80: "actual", 10: "actual", 12: "actual"}),
    ("2023年，临江经开区实现产值80亿元，预计明年增长10%。", {80: "actual", 10: "target"}),
])
def test_governing_goal_words(text, periods):
    assert {int(f.value): f.period_kind for f in extract(text, PUBLISHED).facts} == periods


@pytest.mark.parametrize("text, metrics", [
    ("杭州云岭精密机械股份有限公司去年营业收入12.8亿元，今年有望突破15亿元。", ["营业收入", "营业收入"]),
    ("临江新城有望实现产值突破50亿元。", ["产值"]),
    ("临江新城预计产值达到50亿元。", ["产值"]),
])
def test_goal_word_is_not_part_of_the_metric(text, metrics):
    assert [f.metric_text for f in extract(text, PUBLISHED).facts] == metrics


@pytest.mark.parametrize("text, facts", [
    ("临江新材料产业园去年亩均税收不足20万元，今年力争提高到25万元以上。",
     [("临江新材料产业园", "亩均税收", 20, "less_than"), ("临江新材料产业园", "亩均税收", 25, "more_than")]),
    ("临江生命科学城上半年新增注册企业两百多家。", [("临江生命科学城", "新增注册企业", 200, "more_than")]),
])
def test_raised_to_keeps_the_metric_and_science_city_is_a_platform(text, facts):
    assert [(f.subject_name, f.metric_text, int(f.value), f.qualifier) for f in extract(text, PUBLISHED).facts] == facts


def test_date_of_an_event_told_after_its_figure():
    text = "临江智造产业园已引进企业五十余家，园区一期12.6万平方米标准厂房去年投入使用，出租率达到92%。"
    got = [(f.metric_text, f.period_kind, f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts]
    assert got == [("引进企业", "asof", None, PUBLISHED),
                   ("一期标准厂房", "actual", date(2022, 1, 1), date(2022, 12, 31)),
                   ("出租率", "asof", None, PUBLISHED)]


def test_figure_of_an_institution_built_with_a_zone_is_not_the_zones():
    text = "临江新城发展快，新增企业12家。新城与浙江工业大学共建的智能制造研究院已累计孵化科技型企业30多家。"
    assert [int(f.value) for f in extract(text, PUBLISHED).facts] == [12]


@pytest.mark.parametrize("text, periods", [
    # a sentence without a time goes on with the year-to-date span of the one before
    ("上半年，临江经开区实现产值156.8亿元。固定资产投资完成98.3亿元，增长17.5%。",
     {156.8: ("actual", date(2023, 1, 1), date(2023, 6, 30)), 98.3: ("actual", date(2023, 1, 1), date(2023, 6, 30)),
      17.5: ("actual", date(2023, 1, 1), date(2023, 6, 30))}),
    # ...and a paragraph opening with 其中 goes on with the paragraph before
    ("今年1-9月，临江经开区实现产值702.5亿元。\n\n其中，临江智造产业园完成产值57.2亿元。",
     {702.5: ("actual", date(2023, 1, 1), date(2023, 9, 30)), 57.2: ("actual", date(2023, 1, 1), date(2023, 9, 30))}),
    # a point in time (年底) is not carried: the stock is as of publication
    ("2022年底，临江智造产业园开园。园区集聚工程师1500余名。", {1500: ("asof", None, PUBLISHED)}),
    # a paragraph with a time of its own does not take the one before
    ("今年1-9月，临江经开区实现产值702.5亿元。\n\n2022年，临江智造产业园完成产值57.2亿元。",
     {702.5: ("actual", date(2023, 1, 1), date(2023, 9, 30)), 57.2: ("actual", date(2022, 1, 1), date(2022, 12, 31))}),
])
def test_year_to_date_span_carries_to_the_next_sentence(text, periods):
    assert {float(f.value): (f.period_kind, f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts} == periods


@pytest.mark.parametrize("text, subjects", [
    # the company opening the clause before comes with its project: the investment is the project's
    ("宁川锂源材料有限公司（以下简称“锂源材料”）年产5万吨正极材料项目于6月开工，总投资36亿元；宁川恒岳化工股份有限公司氢氟酸项目建成投产。",
     {36: "年产5万吨正极材料项目"}),
    ("宁川锂源材料有限公司年产5万吨正极材料项目于6月开工，总投资36亿元。", {36: "宁川锂源材料有限公司年产5万吨正极材料项目"}),
    ("宁川锂源材料有限公司于6月开工建设，总投资36亿元。", {36: "宁川锂源材料有限公司"}),
])
def test_investment_after_a_company_and_its_project_is_the_projects(text, subjects):
    assert {int(f.value): f.subject_name for f in extract(text, PUBLISHED).facts} == subjects


@pytest.mark.parametrize("text, facts", [
    # a span of years before 从X增长到Y: X is the first year's, Y the last's; 年均 qualifies the metric before
    ("2019年至2021年，临江经开区产值从412.6亿元增长到586.2亿元，年均增长19.2%。",
     [("产值", 412.6, date(2019, 1, 1), date(2019, 12, 31)), ("产值", 586.2, date(2021, 1, 1), date(2021, 12, 31)),
      ("产值年均增长", 19.2, date(2019, 1, 1), date(2021, 12, 31))]),
    # a topic clause (X方面) names the metric of the bare figures after it
    ("税收收入方面，临江经开区2019年为21.5亿元，2020年为23.8亿元。",
     [("税收收入", 21.5, date(2019, 1, 1), date(2019, 12, 31)), ("税收收入", 23.8, date(2020, 1, 1), date(2020, 12, 31))]),
    ("2022年，亩均税收方面，临江经开区以每亩42.8万元位居第一。", [("亩均税收", 42.8, date(2022, 1, 1), date(2022, 12, 31))]),
])
def test_year_spans_and_topic_clauses(text, facts):
    assert [(f.metric_text, float(f.value), f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts] == facts


@pytest.mark.parametrize("text, published, periods", [
    # 全年 in a first-quarter article, with no year before it, is the year just closed
    ("临江经开区全年完成工业投资96.5亿元。", date(2024, 3, 6), {96.5: ("actual", date(2023, 1, 1), date(2023, 12, 31))}),
    ("临江经开区力争全年产值突破600亿元。", date(2024, 3, 6), {600: ("target", date(2024, 1, 1), date(2024, 12, 31))}),
    # a flow figure in a paragraph with no time of its own is read as of the paragraph before
    ("去年，临江经开区实现产值1085亿元。\n\n亩均税收方面，临江经开区以每亩42.8万元位居第一。", date(2024, 3, 6),
     {1085: ("actual", date(2023, 1, 1), date(2023, 12, 31)), 42.8: ("actual", date(2023, 1, 1), date(2023, 12, 31))}),
])
def test_whole_year_of_a_first_quarter_article_and_the_paragraph_before(text, published, periods):
    assert {float(f.value): (f.period_kind, f.period_start, f.period_end) for f in extract(text, published).facts} == periods


@pytest.mark.parametrize("text, metrics", [
    ("王主任说：“今年以来，宁川经开区我们已经签约亿元以上项目31个。”", ["签约亿元以上项目"]),
])
def test_the_speakers_we_is_not_part_of_the_metric(text, metrics):
    assert [f.metric_text for f in extract(text, PUBLISHED).facts] == metrics


@pytest.mark.parametrize("text, facts", [
    # the clause before a bare 达 names (and ranks) the metric; 以X% after it measures the same
    ("今年一季度，宁川经济技术开发区规上工业产值增速最快，达18.6%，临江经济技术开发区以15.2%位居第二。",
     [("宁川经济技术开发区", "规上工业产值增速", 18.6), ("临江经济技术开发区", "规上工业产值增速", 15.2)]),
    # 分别 left in a metric: a partner was not recognised, so whose figure it is is unclear
    ("今年一季度，宁川经济技术开发区和临江港区分别实现产值312.5亿元和286.4亿元。", []),
])
def test_ranked_clause_names_the_metric_and_unclear_respective_figures_go(text, facts):
    assert [(f.subject_name, f.metric_text, float(f.value)) for f in extract(text, PUBLISHED).facts] == facts


def test_period_of_the_last_dated_paragraph_reaches_further():
    text = "今年一季度，宁川经开区实现产值88.6亿元。\n\n宁川经开区营业收入90.2亿元。\n\n宁川经开区实际利用外资1.8亿美元。"
    assert {(f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts} == {(date(2023, 1, 1), date(2023, 3, 31))}


@pytest.mark.parametrize("text, facts", [
    # the project named in the clause before owns 总投资/用地, even when a verb opens that clause
    ("宁川经开区新签约宁川康源水业有限公司年产30万吨饮用水项目，总投资6.5亿元，用地120亩。",
     [("宁川康源水业有限公司年产30万吨饮用水项目", "总投资", 6.5), ("宁川康源水业有限公司年产30万吨饮用水项目", "用地", 120)]),
    # a bare running total counts what the figure before it counted
    ("上半年，宁川经开区新增规上企业5家，累计达到96家。",
     [("宁川经开区", "新增规上企业", 5), ("宁川经开区", "规上企业", 96)]),
])
def test_project_figures_after_its_name_and_running_totals(text, facts):
    assert [(f.subject_name, f.metric_text, float(f.value)) for f in extract(text, PUBLISHED).facts] == facts


@pytest.mark.parametrize("text, subjects", [
    # X项目等重大项目15个: the company in the example's name is not what is counted
    ("宁川湾新区发展很快。今年以来，新区新落地宁川远航动力科技有限公司电驱系统项目等重大项目15个，计划总投资超200亿元。",
     {15: "宁川湾新区", 200: "宁川湾新区"}),
])
def test_an_example_before_deng_is_not_the_subject_of_the_count(text, subjects):
    assert {int(f.value): f.subject_name for f in extract(text, PUBLISHED).facts} == subjects


@pytest.mark.parametrize("text, facts", [
    # the year after 比/较 is the base compared with: the figure keeps the sentence's year and its metric
    ("2021年，临江经开区规上工业增加值比上年增长14.6%。", [("规上工业增加值增长", 14.6, date(2021, 1, 1), date(2021, 12, 31))]),
    ("2021年，临江经开区产值较2019年增长35%。", [("产值增长", 35.0, date(2021, 1, 1), date(2021, 12, 31))]),
])
def test_a_base_year_after_bi_is_not_the_period(text, facts):
    assert [(f.metric_text, float(f.value), f.period_start, f.period_end) for f in extract(text, PUBLISHED).facts] == facts


@pytest.mark.parametrize("text, facts", [
    # a list of years and 分别: each figure is its year's; a figure joined by 和 keeps the metric
    ("2019年、2020年、2021年，临江经开区分别实现产值186.2亿元、203.5亿元和251.8亿元。",
     [("产值", 186.2, 2019), ("产值", 203.5, 2020), ("产值", 251.8, 2021)]),
    ("2020年和2021年，临江经开区产值分别为203.5亿元和251.8亿元，分别增长6%和23.7%。",
     [("产值", 203.5, 2020), ("产值", 251.8, 2021), ("产值增长", 6.0, 2020), ("产值增长", 23.7, 2021)]),
])
def test_figures_told_respectively_for_a_list_of_years(text, facts):
    assert [(f.metric_text, float(f.value), f.period_start.year) for f in extract(text, PUBLISHED).facts] == facts


@pytest.mark.parametrize("text, facts", [
    # 以X的<metric>位居第一 names its metric after 的; 以Y紧随其后 measures the same
    ("前三季度，宁川经济开发区以126.5亿元的规上工业增加值位居第一，临江经济开发区以118.2亿元紧随其后。",
     [("宁川经济开发区", "规上工业增加值", 126.5), ("临江经济开发区", "规上工业增加值", 118.2)]),
    # ...but not across units
    ("前三季度，宁川经济开发区以126.5亿元的规上工业增加值位居第一，临江经济开发区以12%紧随其后。",
     [("宁川经济开发区", "规上工业增加值", 126.5)]),
])
def test_figure_ranked_by_the_metric_after_de(text, facts):
    assert [(f.subject_name, f.metric_text, float(f.value)) for f in extract(text, PUBLISHED).facts] == facts


def test_a_new_count_in_an_undated_paragraph_is_of_the_period_before():
    text = "去年，临江经开区实现产值1085亿元。\n\n新增高新技术企业方面，临江经开区新增78家，居全市第一。"
    got = {float(f.value): (f.period_kind, f.period_start, f.period_end) for f in extract(text, date(2024, 3, 6)).facts}
    assert got[78] == ("actual", date(2023, 1, 1), date(2023, 12, 31))


def test_a_headline_period_dates_the_undated_lines_under_it():
    text = "临江经济技术开发区2023年1-6月经济运行简况\n\n1.工业生产：临江经济技术开发区规上工业总产值412.6亿元，同比增长7.2%。"
    assert {(f.period_kind, f.period_start, f.period_end) for f in extract(text, date(2023, 7, 25)).facts} \
        == {("actual", date(2023, 1, 1), date(2023, 6, 30))}


def test_fixed_asset_investment_after_a_project_clause_stays_the_zones():
    text = "今年，宁川经开区新开工宁川康源水业有限公司饮用水项目，固定资产投资完成56.3亿元。"
    assert [(f.subject_name, float(f.value)) for f in extract(text, PUBLISHED).facts] == [("宁川经开区", 56.3)]


@pytest.mark.parametrize("text, facts", [
    # figures in parentheses after the names of a ranked list measure what the list is ranked by
    ("前三季度，规上工业增加值排名前两位的是宁川经济开发区（126.5亿元）和临江经济开发区（118.2亿元）。",
     [("宁川经济开发区", "规上工业增加值", 126.5), ("临江经济开发区", "规上工业增加值", 118.2)]),
    # a topic clause does not override a metric the clause names itself (总投资)
    ("新签约项目方面，宁川经济开发区签约项目23个，总投资156亿元。",
     [("宁川经济开发区", "签约项目", 23.0), ("宁川经济开发区", "总投资", 156.0)]),
])
def test_ranked_list_in_parentheses_and_topic_only_for_bare_figures(text, facts):
    assert [(f.subject_name, f.metric_text, float(f.value)) for f in extract(text, PUBLISHED).facts] == facts
