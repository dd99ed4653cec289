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
     [('platform', '临平新城', '企业数', '累计引进企业', '86', '家', None, 'asof', None, date(2023, 6, 15), '临平新城已累计引进企业86家', 5, 19)]),
    ('到2025年,良渚新城规上工业产值力争突破500亿元。',
     [('platform', '良渚新城', '产值', '规上工业产值', '500', '亿元', 'more_than', 'target', date(2025, 1, 1), date(2025, 12, 31), '良渚新城规上工业产值力争突破500亿元', 7, 26)]),
    ('萧山科技城将产能从2万台提升至12万台。',
     [('platform', '萧山科技城', '产能', '产能', '12', '万台', None, 'asof', None, date(2023, 6, 15), '萧山科技城将产能从2万台提升至12万台', 0, 19)]),
    ('公司成立于2015年,员工平均年龄28岁,联系电话0571-88888888。',
     []),
    ('萧山科技城综合实力位列全省第一。',
     []),
    ('萧山科技城拥有年营业收入超亿元企业15家。',
     [('platform', '萧山科技城', '企业数', '年营业收入超亿元企业', '15', '家', None, 'asof', None, date(2023, 6, 15), '萧山科技城拥有年营业收入超亿元企业15家', 0, 20)]),
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
     [('platform', '萧山科技城', '专精特新企业数', '企业被评为专精特新企业', '5', '家', None, 'actual', date(2022, 1, 1), date(2022, 12, 31), '萧山科技城有5家企业被评为专精特新企业', 6, 25)]),
    ('总投资约20亿元的云帆智能终端生产基地项目已正式投产。',
     [('project', '云帆智能终端生产基地项目', '总投资', '总投资', '20', '亿元', 'about', 'asof', None, date(2023, 6, 15), '总投资约20亿元的云帆智能终端生产基地项目已正式投产', 0, 26)]),
    ('截至目前,滨萧特别合作园已签约星河、光启等7个产业项目,总投资86亿元。',
     [('platform', '滨萧特别合作园', '签约项目数', '签约产业项目', '7', '个', None, 'asof', None, date(2023, 6, 15), '滨萧特别合作园已签约星河、光启等7个产业项目', 5, 27),
      ('platform', '滨萧特别合作园', '项目总投资', '总投资', '86', '亿元', None, 'asof', None, date(2023, 6, 15), '滨萧特别合作园已签约星河、光启等7个产业项目,总投资86亿元', 5, 35)]),
    ('杭州高新区（滨江）规上工业增加值达１２０亿元。',
     [('platform', '杭州高新区(滨江)', '规上工业增加值', '规上工业增加值', '120', '亿元', None, 'unknown', None, None, '杭州高新区（滨江）规上工业增加值达１２０亿元', 0, 22)]),
    ('萧山科技城今年1~3月營業收入達12.5億元。',
     [('platform', '萧山科技城', '营业收入', '营业收入', '12.5', '亿元', None, 'actual', date(2023, 1, 1), date(2023, 3, 31), '萧山科技城今年1~3月營業收入達12.5億元', 0, 22)]),
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


def test_relative_year_is_read_against_publication():
    facts = extract("今年一季度,萧山经开区实现工业投资25亿元。", date(2021, 5, 1)).facts
    assert [(f.period_start, f.period_end) for f in facts] == [(date(2021, 1, 1), date(2021, 3, 31))]
