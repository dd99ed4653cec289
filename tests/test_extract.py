"""extract(): the public API, designations, the metric catalogue, and the seed articles' spans."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from loaders.extract import EXTRACTOR_VERSION, dictionary_hash, extract
from loaders.extract.metrics import CATALOGUE, canonical_metric, tidy
from loaders.records import ENTITY_KINDS, PERIOD_KINDS, PLATFORM_KINDS, QUALIFIERS, SUBJECT_KINDS, Extraction

PUBLISHED = date(2023, 6, 15)
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_version_and_dictionary_hash():
    assert re.fullmatch(r"\d+\.\d+\.\d+", EXTRACTOR_VERSION)
    assert re.fullmatch(r"[0-9a-f]{64}", dictionary_hash())
    assert dictionary_hash() == dictionary_hash()


@pytest.mark.parametrize("text", ["", "\n\n", "本报讯"])
def test_text_without_anything_gives_an_empty_extraction(text):
    assert extract(text, PUBLISHED) == Extraction()


@pytest.mark.parametrize("text, designations", [
    ("杭州云帆智能科技股份有限公司入选2022年国家级绿色工厂。",
     [("enterprise", "杭州云帆智能科技股份有限公司", "国家级绿色工厂", 2022,
       "杭州云帆智能科技股份有限公司入选2022年国家级绿色工厂", 0, 28)]),
    ("梦想小镇成功创建为省级特色小镇。",
     [("platform", "梦想小镇", "省级特色小镇", None, "梦想小镇成功创建为省级特色小镇", 0, 15)]),
    ("今年,启明光电被评为浙江省专精特新中小企业。",
     [("enterprise", "启明光电", "浙江省专精特新中小企业", 2023, "启明光电被评为浙江省专精特新中小企业", 3, 21)]),
    ("杭州拓维动力科技有限公司是国家高新技术企业。",
     [("enterprise", "杭州拓维动力科技有限公司", "国家高新技术企业", None, "杭州拓维动力科技有限公司是国家高新技术企业", 0, 21)]),
    ("2022年,萧山科技城有5家企业被评为专精特新企业。", []),
    ("拓维动力正在筹备上市。这家公司是国家高新技术企业。",
     [("enterprise", "拓维动力", "国家高新技术企业", None, "这家公司是国家高新技术企业", 11, 24)]),
    ("2021年开园的萧山科技城创新中心,已被认定为省级新型研发机构。",
     [("institution", "萧山科技城创新中心", "省级新型研发机构", None, "萧山科技城创新中心,已被认定为省级新型研发机构", 8, 31)]),
])
def test_designations(text, designations):
    got = extract(text, PUBLISHED).designations
    assert [(d.subject_kind, d.subject_name, d.designation, d.year, d.quote, d.start, d.end) for d in got] == designations


@pytest.mark.parametrize("phrase, base_unit, metric", [
    ("规模以上工业增加值", None, "规上工业增加值"),
    ("规上工业增加值同比增长", None, "规上工业增加值增速"),
    ("固定资产投资总额", None, "固定资产投资"),
    ("规上工业亩均增加值", None, "亩均增加值"),
    ("签约", "count", "签约项目数"),
    ("年产值超5亿元企业", "count", "年产值超5亿元企业"),       # a size class, not all enterprises
    ("年产值", "yuan", "产值"),
    ("“链长制”措施", "count", "链长制措施"),
])
def test_canonical_metric(phrase, base_unit, metric):
    assert canonical_metric(phrase, base_unit) == metric


@pytest.mark.parametrize("phrase, base_unit, unit, metric", [
    # the alias must end the phrase, after filler only when it is generic
    ("累计签约项目", "count", "个", "签约项目数"),
    ("新签约", "count", "个", "签约项目数"),
    ("已开工项目", "count", "个", "开工项目数"),
    ("共有在建项目", "count", "个", "在建项目数"),
    ("现有入驻企业", "count", "家", "入驻企业数"),
    ("累计企业", "count", "家", "企业数"),
    ("企业", "count", "家", "企业数"),
    ("总占地", "mu", "亩", "用地"),
    ("规划面积", "m2", "平方公里", "面积"),
    ("全年税收", "yuan", "亿元", "税收"),
    ("人才", "count", "名", "人才数"),
    # a modifier before a generic head changes what is counted
    ("智能化改造项目", "count", "个", "智能化改造项目"),
    ("国家级企业工程中心", "count", "家", "国家级企业工程中心"),
    ("百亿级企业", "count", "家", "百亿级企业"),
    ("瞪羚企业", "count", "家", "瞪羚企业"),
    ("海外人才创业项目", "count", "个", "海外人才创业项目"),
    ("企业服务专员", "count", "名", "企业服务专员"),
    ("配套商业用地", "mu", "亩", "配套商业用地"),
    ("营收超千万元企业", "count", "家", "营收超千万元企业"),
    # negation never maps to the positive metric
    ("尚未开工项目", "count", "个", "尚未开工项目"),
    ("未签约", "count", "个", "未签约"),
    ("非公企业", "count", "家", "非公企业"),
    # a per-unit prefix makes an intensity
    ("万元产值综合能耗", "tce", "吨标煤", "万元产值综合能耗"),
    ("人均产值", "yuan", "万元", "人均产值"),
    # the unit must be one the metric is counted in
    ("向企业发放服务券", "count", "次", "向企业发放服务券"),
    ("累计企业", "count", "次", "累计企业"),
    # specific aliases keep any modifier, and measure words after them
    ("全区规模以上工业增加值", "yuan", "亿元", "规上工业增加值"),
    ("累计认定国家高新技术企业", "count", "家", "高新技术企业数"),
    ("综合能耗总量", "tce", "吨标煤", "综合能耗"),
    ("固定资产投资总额同比下降", None, "%", "固定资产投资增速"),
    ("规上工业增加值", "count", "家", "规上工业增加值"),       # wrong unit family: keep the phrase
])
def test_canonical_metric_needs_the_head_noun(phrase, base_unit, unit, metric):
    assert canonical_metric(phrase, base_unit, unit) == metric


@pytest.mark.parametrize("raw, tidy_text", [
    ("、示范车间项目", "示范车间项目"),
    ("这片面积", "面积"),
    ("该园区总面积范围内", "总面积"),
    ("开发区实现工业产值", "工业产值"),
    ("全区研发投入", "研发投入"),
    ("区域协作项目", "区域协作项目"),
    ("例如计划总投资", "计划总投资"),
    ("其研发投入的", "研发投入"),
    ("拥有专利等", "专利"),
    ("集聚了研发人员", "研发人员"),
    ("3家企业被认定为省级隐形冠军企业", "省级隐形冠军企业"),
    ("“链长制”措施、设立“创新券”……围绕", "链长制措施"),
    ("省级研发中心(技术中心)", "省级研发中心(技术中心)"),
    ("企业划分成", "企业"),
    ("其他企业", "其他企业"),
    ("企业实施数字化改造项目", "数字化改造项目"),
    ("周边将新增产业用地", "新增产业用地"),
    ("将近", "将近"),
    ("并购项目", "并购项目"),
    ("如期竣工项目", "如期竣工项目"),
    ("此次签约项目", "此次签约项目"),
    ("企业分为服务片区", "服务片区"),
    ("建成", "建成"),                             # a bare verb stays: nothing meaningful would remain
])
def test_metric_text_is_trimmed(raw, tidy_text):
    assert tidy(raw) == tidy_text


def test_catalogue_names_are_unique_and_map_to_themselves():
    names = [m.name for m in CATALOGUE]
    assert len(names) == len(set(names))
    assert all(canonical_metric(n) == n for n in names)


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_spans_quotes_and_vocabularies(path):
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    result = extract(text, PUBLISHED)
    assert result.facts and result.mentions
    for f in result.facts:
        assert text[f.start:f.end] == f.quote
        assert f.subject_kind in SUBJECT_KINDS and f.period_kind in PERIOD_KINDS
        assert f.qualifier in (*QUALIFIERS, None)
        assert f.period_start is None or f.period_end is None or f.period_start <= f.period_end
    for m in result.mentions:
        assert text[m.start:m.end] == m.surface and m.kind in ENTITY_KINDS
    for d in result.designations:
        assert text[d.start:d.end] == d.quote
    names = {e.name for e in result.entities}
    assert all(m.name in names for m in result.mentions)
    assert all(e.platform_kind in PLATFORM_KINDS for e in result.entities if e.kind == "platform")


def test_extraction_is_deterministic():
    text = SEEDS[0].read_text(encoding="utf-8")
    assert extract(text, PUBLISHED) == extract(text, PUBLISHED)


# Short invented articles about platforms, forms and scripts the seeds do not cover; each
# asserts every fact (subject, metric, value, unit, qualifier, period) and the key entities.
D = date
OCTOBER = date(2023, 10, 20)
GENERAL = [
    ("萧山经济技术开发区:上半年工业投资逆势增长\n\n今年1—6月,萧山经济技术开发区实现规上工业增加值186.4亿元,"
     "同比增长9.2%;工业投资52.7亿元,同比增长21.5%。截至6月底,开发区累计集聚规上工业企业超过430家。",
     {("platform", "萧山经济技术开发区")},
     [("萧山经济技术开发区", "规上工业增加值", "186.4", "亿元", None, "actual", D(2023, 1, 1), D(2023, 6, 30)),
      ("萧山经济技术开发区", "规上工业增加值增速", "9.2", "%", None, "actual", D(2023, 1, 1), D(2023, 6, 30)),
      ("萧山经济技术开发区", "工业投资", "52.7", "亿元", None, "actual", D(2023, 1, 1), D(2023, 6, 30)),
      ("萧山经济技术开发区", "工业投资增速", "21.5", "%", None, "actual", D(2023, 1, 1), D(2023, 6, 30)),
      ("萧山经济技术开发区", "累计集聚规上工业企业", "430", "家", "more_than", "asof", None, D(2023, 6, 30))]),
    ("余杭经开区新签约一批重大项目\n\n3月28日,余杭经济技术开发区举行重点项目集中签约仪式,共签约项目18个,总投资约136亿元。"
     "其中,杭州星澜储能科技有限公司(以下简称“星澜储能”)新型储能电池基地项目总投资约45亿元,计划年内开工建设。"
     "星澜储能是一家国家高新技术企业。",
     {("platform", "余杭经济技术开发区"), ("enterprise", "杭州星澜储能科技有限公司"), ("project", "新型储能电池基地项目")},
     [("余杭经济技术开发区", "签约项目数", "18", "个", None, "asof", None, D(2023, 3, 28)),     # as of the event's day
      ("余杭经济技术开发区", "项目总投资", "136", "亿元", "about", "asof", None, D(2023, 3, 28)),
      ("新型储能电池基地项目", "总投资", "45", "亿元", "about", "asof", None, D(2023, 3, 28))]),
    ("杭州医药港:生物医药产业加速集聚\n\n前三季度,杭州医药港生物医药产业实现产值412亿元,同比下降3.6%。"
     "截至9月底,杭州医药港已集聚生物医药企业近2000家,其中上市企业23家。",
     {("platform", "杭州医药港")},
     [("杭州医药港", "生物医药产业产值", "412", "亿元", None, "actual", D(2023, 1, 1), D(2023, 9, 30)),
      ("杭州医药港", "生物医药产业产值同比下降", "-3.6", "%", None, "actual", D(2023, 1, 1), D(2023, 9, 30)),
      ("杭州医药港", "生物医药企业", "2000", "家", "about", "asof", None, D(2023, 9, 30)),
      ("杭州医药港", "上市企业", "23", "家", None, "asof", None, D(2023, 9, 30))]),
    ("之江实验室牵头建设智能计算平台\n\n之江实验室与余杭经济技术开发区共建的智能计算创新中心项目日前竣工,总投资约8.6亿元。"
     "到2025年,之江实验室计划集聚科研人员超过4000名。",
     {("institution", "之江实验室"), ("platform", "余杭经济技术开发区"), ("project", "智能计算创新中心项目")},
     [("智能计算创新中心项目", "总投资", "8.6", "亿元", "about", "asof", None, OCTOBER)]),
    ("杭州錢塘新區聚焦先進製造業\n\n今年1至5月,錢塘新區規上工業增加值達到318.5億元,同比增長12.4%;"
     "固定資產投資超過200億元。新區現有國家高新技術企業逾900家。",
     {("platform", "杭州钱塘新区")},
     [("杭州钱塘新区", "规上工业增加值", "318.5", "亿元", None, "actual", D(2023, 1, 1), D(2023, 5, 31)),
      ("杭州钱塘新区", "规上工业增加值增速", "12.4", "%", None, "actual", D(2023, 1, 1), D(2023, 5, 31)),
      ("杭州钱塘新区", "固定资产投资", "200", "亿元", "more_than", "actual", D(2023, 1, 1), D(2023, 5, 31)),
      ("杭州钱塘新区", "高新技术企业数", "900", "家", "more_than", "asof", None, OCTOBER)]),
    ("桐庐经济开发区土地集约利用见成效\n\n２０２２年,桐庐经济开发区亩均税收达到３５.６万元/亩,不足全市平均水平。"
     "开发区规划面积约３２平方公里,已开工项目１２个,尚未开工项目５个。",
     {("platform", "桐庐经济开发区")},
     [("桐庐经济开发区", "亩均税收", "35.6", "万元/亩", None, "actual", D(2022, 1, 1), D(2022, 12, 31)),
      ("桐庐经济开发区", "面积", "32", "平方公里", "about", "asof", None, OCTOBER),
      ("桐庐经济开发区", "开工项目数", "12", "个", None, "asof", None, OCTOBER),
      ("桐庐经济开发区", "尚未开工项目", "5", "个", None, "asof", None, OCTOBER)]),
    ("杭州湾上虞经济技术开发区稳中有进\n\n截至今年3月底,杭州湾上虞经济技术开发区共有规上企业368家,"
     "其中年营业收入超过10亿元的企业不足20家。一季度,开发区实现工业总产值约245亿元,同比增长6.8%。"
     "到2025年,开发区力争工业总产值突破1200亿元。",
     {("platform", "杭州湾上虞经济技术开发区")},
     [("杭州湾上虞经济技术开发区", "规上企业", "368", "家", None, "asof", None, D(2023, 3, 31)),
      ("杭州湾上虞经济技术开发区", "年营业收入超过10亿元的企业", "20", "家", "less_than", "asof", None, D(2023, 3, 31)),
      ("杭州湾上虞经济技术开发区", "工业总产值", "245", "亿元", "about", "actual", D(2023, 1, 1), D(2023, 3, 31)),
      ("杭州湾上虞经济技术开发区", "工业总产值增速", "6.8", "%", None, "actual", D(2023, 1, 1), D(2023, 3, 31)),
      ("杭州湾上虞经济技术开发区", "工业总产值", "1200", "亿元", "more_than", "target", D(2025, 1, 1), D(2025, 12, 31))]),
    ("浙江启元智造股份有限公司新基地竣工投产\n\n位于萧山经济技术开发区的浙江启元智造股份有限公司(简称“启元智造”)"
     "智能装备产业园项目日前竣工投产。该项目总投资12.5亿元,用地约150亩,达产后可新增年产值30亿元。"
     "去年,启元智造实现营业收入18.3亿元,同比增长15%。",
     {("platform", "萧山经济技术开发区"), ("enterprise", "浙江启元智造股份有限公司"), ("project", "智能装备产业园项目")},
     [("智能装备产业园项目", "总投资", "12.5", "亿元", None, "asof", None, OCTOBER),
      ("智能装备产业园项目", "用地", "150", "亩", "about", "asof", None, OCTOBER),
      ("智能装备产业园项目", "产值", "30", "亿元", None, "unknown", None, None),
      ("浙江启元智造股份有限公司", "营业收入", "18.3", "亿元", None, "actual", D(2022, 1, 1), D(2022, 12, 31)),
      ("浙江启元智造股份有限公司", "营业收入增速", "15", "%", None, "actual", D(2022, 1, 1), D(2022, 12, 31))]),
]


@pytest.mark.parametrize("text, entities, facts", GENERAL, ids=[t.split("\n")[0][:12] for t, _, _ in GENERAL])
def test_articles_beyond_the_seeds(text, entities, facts):
    result = extract(text, OCTOBER)
    assert entities <= {(e.kind, e.name) for e in result.entities}
    assert [(f.subject_name, f.metric, str(f.value), f.unit, f.qualifier, f.period_kind, f.period_start,
             f.period_end) for f in result.facts] == facts


def test_project_status_of_a_plan_and_a_completion():
    planned = {e.name: e.status for e in extract(GENERAL[1][0], OCTOBER).entities if e.kind == "project"}
    done = {e.name: e.status for e in extract(GENERAL[7][0], OCTOBER).entities if e.kind == "project"}
    assert planned == {"新型储能电池基地项目": "planned"}
    assert done["智能装备产业园项目"] == "operating"
