"""find_quantities, parse_number, to_base and matching_text on short sentences in the style of the articles."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.extract.quantities import Quantity, find_quantities, parse_number
from loaders.extract.textnorm import matching_text
from loaders.extract.units import BASE_UNITS, to_base


def q(value, unit, qualifier, base, base_unit, span, number_span, change=None, role=None):
    """An expected Quantity, written compactly: spans as (start, end) pairs."""
    return Quantity(Decimal(value), unit, qualifier, Decimal(base), base_unit,
                    span[0], span[1], number_span[0], number_span[1], change, role)


@pytest.mark.parametrize("text, expected", [
    # Plain figures: value and unit as written, base value for comparison.
    ("工业总产值达86.4亿元", [q("86.4", "亿元", None, "8640000000", "yuan", (6, 12), (6, 10))]),
    ("实现营业收入3265万元", [q("3265", "万元", None, "32650000", "yuan", (6, 12), (6, 10))]),
    ("奖励资金500元", [q("500", "元", None, "500", "yuan", (4, 8), (4, 7))]),
    ("总规模1.2万亿元", [q("1.2", "万亿元", None, "1200000000000", "yuan", (3, 9), (3, 6))]),
    ("募集资金3千万元", [q("3", "千万元", None, "30000000", "yuan", (4, 8), (4, 5))]),
    ("出口额2.6亿美元", [q("2.6", "亿美元", None, "260000000", "usd", (3, 9), (3, 6))]),
    ("新增用地1,280亩", [q("1280", "亩", None, "1280", "mu", (4, 10), (4, 9))]),
    ("腾出空间5.5万亩", [q("5.5", "万亩", None, "55000", "mu", (4, 9), (4, 7))]),
    ("建筑面积12.6万平方米", [q("12.6", "万平方米", None, "126000", "m2", (4, 12), (4, 8))]),
    ("厂房面积8000㎡", [q("8000", "㎡", None, "8000", "m2", (4, 9), (4, 8))]),
    ("规划面积约46平方公里", [q("46", "平方公里", "about", "46000000", "m2", (4, 11), (5, 7))]),
    ("亩均税收达56.2万元/亩", [q("56.2", "万元/亩", None, "562000", "yuan_per_mu", (5, 13), (5, 9))]),
    ("综合能耗18436吨标煤", [q("18436", "吨标煤", None, "18436", "tce", (4, 12), (4, 9))]),
    ("节约标煤1.3万吨标煤", [q("1.3", "万吨标煤", None, "13000", "tce", (4, 11), (4, 7))]),
    ("年产能扩大到5万吨", [q("5", "万吨", None, "50000", "t", (6, 9), (6, 7))]),
    ("光伏装机容量12.5兆瓦", [q("12.5", "兆瓦", None, "12500", "kW", (6, 12), (6, 10))]),
    ("新建110千伏变电站", [q("110", "千伏", None, "110", "kV", (2, 7), (2, 5))]),
    ("建成8英寸晶圆生产线", [q("8", "英寸", None, "8", "inch", (2, 5), (2, 3))]),
    ("重达300公斤", [q("300", "公斤", None, "300", "kg", (2, 7), (2, 5))]),
    ("审批时间压缩至3个工作日", [q("3", "个工作日", None, "3", "days", (7, 12), (7, 8))]),
    ("24个小时不间断生产", [q("24", "个小时", None, "24", "hours", (0, 5), (0, 2))]),
    ("改造厂房10万平方", [q("10", "万平方", None, "100000", "m2", (4, 9), (4, 6))]),
    ("集聚企业3万多家", [q("3", "万家", "more_than", "30000", "count", (4, 8), (4, 5))]),
    ("总建筑面积约30万方", [q("30", "万方", "about", "300000", "m2", (5, 10), (6, 8))]),
    ("新增床位500张", [q("500", "张", None, "500", "count", (4, 8), (4, 7))]),
    ("新建220kV变电站", [q("220", "kV", None, "220", "kV", (2, 7), (2, 5))]),
    ("车程缩短为25分钟", [q("25", "分钟", None, "25", "minutes", (5, 9), (5, 7))]),
    ("是全国平均水平的3.6倍", [q("3.6", "倍", None, "3.6", "times", (8, 12), (8, 11))]),
    ("培育规上企业64家", [q("64", "家", None, "64", "count", (6, 9), (6, 8))]),
    ("集聚研发人员2300名", [q("2300", "名", None, "2300", "count", (6, 11), (6, 10))]),
    ("引进高端人才47人", [q("47", "人", None, "47", "count", (6, 9), (6, 8))]),
    ("累计服务企业1.6万家", [q("1.6", "万家", None, "16000", "count", (6, 11), (6, 9))]),
    ("年产新能源汽车12万台", [q("12", "万台", None, "120000", "count", (7, 11), (7, 9))]),
    ("“四链融合”22条政策", [q("22", "条", None, "22", "count", (6, 9), (6, 8))]),
    ("出台扶持政策22条", [q("22", "条", None, "22", "count", (6, 9), (6, 8))]),
    ("签约重大项目19项", [q("19", "项", None, "19", "count", (6, 9), (6, 8))]),
    ("年产硅片60万片", [q("60", "万片", None, "600000", "count", (4, 8), (4, 6))]),
    ("举办对接活动36场", [q("36", "场", None, "36", "count", (6, 9), (6, 8))]),
    ("废水回用率可达75%", [q("75", "%", None, "75", "percent", (7, 10), (7, 9))]),
    ("占比提高到百分之六十", [q("60", "%", None, "60", "percent", (5, 10), (8, 10))]),
    # Chinese numerals, approximations and magnitudes.
    ("增加值九十六点五亿元", [q("96.5", "亿元", None, "9650000000", "yuan", (3, 10), (3, 8))]),
    ("新增企业十五家", [q("15", "家", None, "15", "count", (4, 7), (4, 6))]),
    ("新落户企业二十七家", [q("27", "家", None, "27", "count", (5, 9), (5, 8))]),
    ("与两家龙头企业签约", [q("2", "家", None, "2", "count", (1, 3), (1, 2))]),
    ("已有三四家企业有意向", [q("3", "家", "about", "3", "count", (2, 5), (2, 4))]),
    ("营收在五六百亿元之间", [q("500", "亿元", "more_than", "50000000000", "yuan", (3, 8), (3, 6))]),
    ("产值首次破百亿", [q("100", "亿元", "more_than", "10000000000", "yuan", (4, 7), (5, 6))]),
    ("集群规模突破万亿元", [q("10000", "亿元", "more_than", "1000000000000", "yuan", (4, 9), (6, 7))]),
    ("三万亿元", [q("3", "万亿元", None, "3000000000000", "yuan", (0, 4), (0, 1))]),
    ("吸引上万名游客", [q("1", "万名", "more_than", "10000", "count", (2, 5), (3, 4))]),
    ("超亿元企业41家", [q("1", "亿元", "more_than", "100000000", "yuan", (0, 3), (1, 2)),
                 q("41", "家", None, "41", "count", (5, 8), (5, 7))]),
    ("带动就业数千人", [q("1000", "人", "more_than", "1000", "count", (4, 7), (5, 6))]),
    ("孵化企业十几家", [q("10", "家", "more_than", "10", "count", (4, 7), (4, 5))]),
    ("营收1亿多元", [q("1", "亿元", "more_than", "100000000", "yuan", (2, 6), (2, 3))]),
    ("项目总投资5000万", [q("5000", "万元", None, "50000000", "yuan", (5, 10), (5, 9))]),
    ("项目投资五千万", [q("5000", "万元", None, "50000000", "yuan", (4, 7), (4, 6))]),
    ("吸引游客5000万", []),         # a bare 万 is 万元 only where the clause is about money
    ("税收两个亿", [q("2", "亿元", None, "200000000", "yuan", (2, 5), (2, 3))]),
    ("入驻百余家企业", [q("100", "家", "more_than", "100", "count", (2, 5), (2, 3))]),
    ("吸纳就业万余人", [q("1", "万人", "more_than", "10000", "count", (4, 7), (4, 5))]),
    ("投入资金3000余万元", [q("3000", "万元", "more_than", "30000000", "yuan", (4, 11), (4, 8))]),
    ("撬动社会资本数十亿元", [q("10", "亿元", "more_than", "1000000000", "yuan", (6, 10), (7, 8))]),
    ("总投资超千亿元", [q("1000", "亿元", "more_than", "100000000000", "yuan", (3, 7), (4, 5))]),
    ("厂房1.2万㎡", [q("1.2", "万㎡", None, "12000", "m2", (2, 7), (2, 5))]),
    ("产值100 亿元", [q("100", "亿元", None, "10000000000", "yuan", (2, 8), (2, 5))]),
    ("近两成企业", [q("2", "成", "about", "20", "percent", (0, 3), (1, 2))]),
    # Qualifiers before and after the number, and inside it.
    ("新增至少3家", [q("3", "家", "more_than", "3", "count", (2, 6), (4, 5))]),
    ("总投资超过65亿元", [q("65", "亿元", "more_than", "6500000000", "yuan", (3, 9), (5, 7))]),
    ("销售额突破了100亿元", [q("100", "亿元", "more_than", "10000000000", "yuan", (3, 11), (6, 9))]),
    ("营收逾20亿元", [q("20", "亿元", "more_than", "2000000000", "yuan", (2, 7), (3, 5))]),
    ("年产值超5亿元企业", [q("5", "亿元", "more_than", "500000000", "yuan", (3, 7), (4, 5))]),
    ("集聚企业30余家", [q("30", "家", "more_than", "30", "count", (4, 8), (4, 6))]),
    ("拥有研发人员800多名", [q("800", "名", "more_than", "800", "count", (6, 11), (6, 9))]),
    ("单台设备重200多公斤", [q("200", "公斤", "more_than", "200", "kg", (5, 11), (5, 8))]),
    ("合作企业十余家", [q("10", "家", "more_than", "10", "count", (4, 7), (4, 5))]),
    ("新增面积5万平方米以上", [q("5", "万平方米", "more_than", "50000", "m2", (4, 11), (4, 5))]),
    ("节约成本1万余元", [q("1", "万元", "more_than", "10000", "yuan", (4, 8), (4, 5))]),
    ("总投资约35亿元", [q("35", "亿元", "about", "3500000000", "yuan", (3, 8), (4, 6))]),
    ("年产值3亿元左右", [q("3", "亿元", "about", "300000000", "yuan", (3, 8), (3, 4))]),
    ("带动近千名村民就业", [q("1000", "名", "about", "1000", "count", (2, 5), (3, 4))]),
    ("将近千家企业参与", [q("1000", "家", "about", "1000", "count", (0, 4), (2, 3))]),
    ("扶持资金接近8000万元", [q("8000", "万元", "about", "80000000", "yuan", (4, 12), (6, 10))]),
    ("用地不足50亩", [q("50", "亩", "less_than", "50", "mu", (2, 7), (4, 6))]),
    ("能耗在0.3吨标煤以下", [q("0.3", "吨标煤", "less_than", "0.3", "tce", (3, 11), (3, 6))]),
    ("投资额不超过2亿元", [q("2", "亿元", "less_than", "200000000", "yuan", (3, 9), (6, 7))]),
    # Rates of change: direction from the verb, a fall is negative.
    ("同比增长18.6%", [q("18.6", "%", None, "18.6", "percent", (4, 9), (4, 8), change="increase")]),
    ("增速9.2%", [q("9.2", "%", None, "9.2", "percent", (2, 6), (2, 5), change="increase")]),
    ("能耗同比下降4.3%", [q("-4.3", "%", None, "-4.3", "percent", (6, 10), (6, 9), change="decrease")]),
    ("成本降低了12%", [q("-12", "%", None, "-12", "percent", (5, 8), (5, 7), change="decrease")]),
    ("占比提高2.5个百分点", [q("2.5", "个百分点", None, "2.5", "pp", (4, 11), (4, 7), change="increase")]),
    ("增幅超过20%", [q("20", "%", "more_than", "20", "percent", (2, 7), (4, 6), change="increase")]),
    ("增长率达12%", [q("12", "%", None, "12", "percent", (4, 7), (4, 6), change="increase")]),
    ("出口增长超三成", [q("3", "成", "more_than", "30", "percent", (4, 7), (5, 6), change="increase")]),
    ("比上年增长1倍", [q("1", "倍", None, "1", "times", (5, 7), (5, 6), change="increase")]),
    ("分别增长12%和15%", [q("12", "%", None, "12", "percent", (4, 7), (4, 6), change="increase"),
                      q("15", "%", None, "15", "percent", (8, 11), (8, 10), change="increase")]),
    ("同比分别下降3.5%、2.1%", [q("-3.5", "%", None, "-3.5", "percent", (6, 10), (6, 9), change="decrease"),
                         q("-2.1", "%", None, "-2.1", "percent", (11, 15), (11, 14), change="decrease")]),
    ("增长率分别为12%、占比15%", [q("12", "%", None, "12", "percent", (6, 9), (6, 8), change="increase"),
                         q("15", "%", None, "15", "percent", (12, 15), (12, 14))]),
    ("研发投入增加3家", [q("3", "家", None, "3", "count", (6, 8), (6, 7))]),
    # From / to.
    ("产能从6万台提升至20万台", [q("6", "万台", None, "60000", "count", (3, 6), (3, 4), role="from"),
                       q("20", "万台", None, "200000", "count", (9, 13), (9, 11), role="to")]),
    ("良品率由85%提高到97%", [q("85", "%", None, "85", "percent", (4, 7), (4, 6), role="from"),
                      q("97", "%", None, "97", "percent", (10, 13), (10, 12), role="to")]),
    ("企业数从2019年的20家增加到2022年的45家",
     [q("20", "家", None, "20", "count", (10, 13), (10, 12), role="from"),
      q("45", "家", None, "45", "count", (22, 25), (22, 24), role="to")]),
    ("从业人员120人", [q("120", "人", None, "120", "count", (4, 8), (4, 7))]),   # 从业 is a word
    # Ranges keep the lower bound.
    ("每年新增3~5家", [q("3", "家", "more_than", "3", "count", (4, 8), (4, 5))]),
    ("单个项目10至20亿元", [q("10", "亿元", "more_than", "1000000000", "yuan", (4, 11), (4, 6))]),
    # Durations are quantities; calendar years are not.
    ("连续五年位居全市首位", [q("5", "年", None, "5", "years", (2, 4), (2, 3))]),
    ("已有2000余年历史", [q("2000", "年", "more_than", "2000", "years", (2, 8), (2, 6))]),
    ("深耕行业20年之久", [q("20", "年", None, "20", "years", (4, 7), (4, 6))]),
    ("2023年实现产值8亿元", [q("8", "亿元", None, "800000000", "yuan", (9, 12), (9, 10))]),
    # Full-width digits and Traditional script: spans still point into the original.
    ("營業收入達１２．５億元", [q("12.5", "亿元", None, "1250000000", "yuan", (5, 11), (5, 9))]),
    ("增長３１％", [q("31", "%", None, "31", "percent", (2, 5), (2, 4), change="increase")]),
    ("营收5000萬元，占地120畝", [q("5000", "万元", None, "50000000", "yuan", (2, 8), (2, 6)),
                          q("120", "亩", None, "120", "mu", (11, 15), (11, 14))]),
    ("引進企業１５家，總投資４２億元", [q("15", "家", None, "15", "count", (4, 7), (4, 6)),
                          q("42", "亿元", None, "4200000000", "yuan", (11, 15), (11, 13))]),
    # A full-width comma separates clauses, an ASCII one separates thousands.
    ("新增3，500家", [q("500", "家", None, "500", "count", (4, 8), (4, 7))]),
    ("年产值分别为1,350万元、2,100万元", [q("1350", "万元", None, "13500000", "yuan", (6, 13), (6, 11)),
                                q("2100", "万元", None, "21000000", "yuan", (14, 21), (14, 19))]),
])
def test_find_quantities(text, expected):
    assert find_quantities(text) == expected


@pytest.mark.parametrize("text", [
    "2022年",                    # a calendar year is a period
    "二〇二二年",
    "3月",
    "6月20日",
    "1~3月",
    "今年1—5月",
    "前11个月",
    "前三个季度",
    "近3年来",
    "近五年",
    "10年来",
    "2021—2025年",
    "位列全市第一",               # ordinals
    "第3位",
    "第三篇",
    "①",
    "推进“十四五”规划",           # plan names
    "一家高新技术企业",           # 一 + classifier works as an article
    "一批重点项目",
    "一条路",
    "一幢楼",
    "PreMed 5200超声设备",        # model numbers
    "PM2.5浓度",
    "“315”现代产业体系",          # a number with no unit
    "打造千亿级产业集群",          # a size class, not a figure
    "百亿级企业",
    "千家万户",                   # idioms
    "百年老店",
    "每万元增加值能耗",
    "电话0571-88888888",
    "零部件企业",                 # 零 in a word
    "零件",
    "唯一一家",                   # not 11
    "打通最后一公里",              # 一 as an article
    "签约仪式",
    "三方合作",                   # 方 alone is a party, not an area
    "实施“五个一”工程",           # a slogan's name
    "位列全国前10名",             # a rank
    "划分为3片区",                # a classifier that begins a word
    "打造10场景",
    "10年前",                     # a point in time
    "未来3年后",
    "17—24版",
])
def test_not_a_quantity(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("written, value", [
    ("113", "113"),
    ("１２．５", "12.5"),
    ("1,234", "1234"),
    ("一百零五点三", "105.3"),
    ("三十三", "33"),
    ("十二", "12"),
    ("两", "2"),
    ("两千三百万", "23000000"),
    ("一千二百亿", "120000000000"),
    ("1.5万", "15000"),
    ("千", "1000"),
    ("万", "10000"),
    ("两三", "2"),
    ("七八百", "700"),
    ("二〇二一", "2021"),
])
def test_parse_number(written, value):
    assert parse_number(written) == Decimal(value)


@pytest.mark.parametrize("written", ["", "abc", "第", "点"])
def test_parse_number_rejects(written):
    assert parse_number(written) is None


@pytest.mark.parametrize("value, unit, base", [
    ("86.4", "亿元", ("8640000000", "yuan")),
    ("3", "万亿元", ("3000000000000", "yuan")),
    ("2", "个百分点", ("2", "pp")),
    ("21", "平方公里", ("21000000", "m2")),
    ("1.5", "万家", ("15000", "count")),
    ("1851.1", "万元/亩", ("18511000", "yuan_per_mu")),
    ("7", "万吨标煤", ("70000", "tce")),
])
def test_to_base(value, unit, base):
    assert to_base(Decimal(value), unit) == (Decimal(base[0]), base[1])


def test_to_base_unknown_unit():
    assert to_base(Decimal(1), "光年") == (None, None)


def test_every_unit_has_a_base():
    assert all(base and factor > 0 for base, factor in BASE_UNITS.values())


@pytest.mark.parametrize("text, normal", [
    ("營業收入達１２．５億元", "营业收入达12.5亿元"),
    ("增长３１％，位列第一", "增长31%,位列第一"),
    ("总投资　10亿元", "总投资 10亿元"),
])
def test_matching_text_keeps_length(text, normal):
    assert matching_text(text) == normal and len(normal) == len(text)


def test_matching_text_falls_back_to_per_character_conversion(monkeypatch):
    """If a phrase conversion changed the length, each character is converted on its own."""
    from loaders.extract import textnorm

    class PhraseChangingConverter:
        def convert(self, text):
            return {"後": "后", "臺": "台"}.get(text, text + "!" if len(text) > 1 else text)

    monkeypatch.setattr(textnorm, "_T2S", PhraseChangingConverter())
    assert textnorm.matching_text.__wrapped__("以後１臺") == "以后1台"


@pytest.mark.parametrize("text, unit, base", [
    ("完成订单1260万单。", "万单", Decimal("12600000")),
    ("保障飞行起降4.3万架次。", "万架次", Decimal("43000")),
    ("发放贷款3000笔。", "笔", Decimal("3000")),
])
def test_orders_transactions_and_flights_are_counted(text, unit, base):
    found = find_quantities(text)
    assert [(f.unit, f.base_unit, f.value_base) for f in found] == [(unit, "count", base)]


def test_computing_power_is_measured_in_petaflops():
    assert [(f.value, f.unit, f.base_unit) for f in find_quantities("算力规模达2000P。")] == [
        (Decimal("2000"), "P", "pflops")]
