"""The metric catalogue: canonical names of the economic quantities articles report.

Names follow the National Bureau of Statistics' usage where it has one (规模以上工业增加值
is written 规上工业增加值 in local reporting; 固定资产投资 per the NBS investment survey);
the rest is general economic vocabulary of development-zone reporting.  A phrase maps to
a catalogue name when it contains one of the metric's aliases; a growth form (…同比增长,
…增速) maps to the name plus 增速.  Anything else keeps the article's own phrase, cleaned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """A canonical metric: name, the family of units it is measured in, and other spellings."""

    name: str
    unit_family: str            # yuan, count, m2, mu, tce, percent, yuan_per_mu
    description: str
    aliases: tuple[str, ...] = ()


CATALOGUE: tuple[Metric, ...] = (
    Metric("规上工业增加值", "yuan", "value added of industrial enterprises above designated size",
           ("规模以上工业增加值", "规上工业增加值", "规模工业增加值")),
    Metric("工业增加值", "yuan", "industrial value added", ("工业增加值",)),
    Metric("亩均增加值", "yuan_per_mu", "value added per mu of industrial land",
           ("亩均增加值", "亩均工业增加值")),
    Metric("亩均税收", "yuan_per_mu", "tax revenue per mu of industrial land", ("亩均税收",)),
    Metric("工业总产值", "yuan", "gross industrial output value", ("工业总产值", "规上工业总产值")),
    Metric("产值", "yuan", "output value", ("总产值", "年产值", "产值")),
    Metric("营业收入", "yuan", "operating revenue", ("营业收入", "营收", "主营业务收入")),
    Metric("固定资产投资", "yuan", "fixed-asset investment", ("固定资产投资",)),
    Metric("制造业投资", "yuan", "manufacturing investment", ("制造业投资",)),
    Metric("工业投资", "yuan", "industrial investment (manufacturing, mining, utilities)", ("工业投资",)),
    Metric("项目总投资", "yuan", "total investment of a set of projects", ("项目总投资", "项目计划总投资")),
    Metric("总投资", "yuan", "planned total investment of a project", ("计划总投资", "总投资")),
    Metric("税收", "yuan", "tax revenue", ("税收收入", "税收", "税收总额")),
    Metric("签约项目数", "count", "projects signed", ("签约项目", "签约")),
    Metric("开工项目数", "count", "projects started", ("开工项目", "开工")),
    Metric("竣工项目数", "count", "projects completed", ("竣工投产", "竣工项目", "竣工")),
    Metric("在建项目数", "count", "projects under construction", ("在建项目", "在建")),
    Metric("入驻企业数", "count", "enterprises settled", ("入驻企业", "企业入驻", "入驻")),
    Metric("高新技术企业数", "count", "high-tech enterprises (国家高新技术企业)",
           ("国家高新技术企业", "高新技术企业", "国家高新企业", "高新企业")),
    Metric("专精特新企业数", "count", "specialised and innovative SMEs (专精特新)", ("专精特新",)),
    Metric("企业数", "count", "enterprises", ("企业",)),
    Metric("面积", "m2", "area", ("总面积", "规划面积", "占地面积", "面积")),
    Metric("用地", "mu", "land", ("总占地", "占地", "用地", "土地")),
    Metric("综合能耗", "tce", "comprehensive energy consumption", ("综合能耗",)),
    Metric("人才数", "count", "people, engineers, talents", ("工程师", "人才", "员工", "从业人员")),
)

_GROWTH = re.compile(r"(?:同比)?(?:增长|增速|增幅|下降|减少|提高|提升)$")


# Base units of units.BASE_UNITS -> the catalogue's unit families.
FAMILY = {"yuan": "yuan", "count": "count", "m2": "m2", "mu": "mu", "tce": "tce"}


def _lookup(phrase: str, family: str | None = None) -> str | None:
    """The catalogue name whose alias the phrase contains (first in catalogue order)."""
    for metric in CATALOGUE:
        if family and metric.unit_family != family and not (family == "m2" and metric.unit_family == "mu"):
            continue
        if metric.name == "企业数":           # 企业走访 counts visits, not enterprises
            if any(phrase.endswith(alias) for alias in metric.aliases):
                return metric.name
        elif any(alias in phrase for alias in metric.aliases):
            return metric.name
    return None


def clean(phrase: str) -> str:
    """The phrase without quotes, spaces and trailing particles."""
    phrase = re.sub(r"[\s“”\"'‘’「」《》]", "", phrase)
    return re.sub(r"[的之]$", "", phrase)


def canonical_metric(phrase: str, base_unit: str | None = None) -> str:
    """Catalogue name for a metric phrase (or its growth form), else the cleaned phrase.

    With ``base_unit`` (a Fact's base unit) only metrics measured that way are considered,
    so 年产值超10亿元企业 counted in 家 is not taken for 产值.
    """
    text = clean(phrase)
    growth = _GROWTH.search(text)
    base = text[:growth.start()] if growth else text
    family = None if growth or base_unit is None else FAMILY.get(base_unit, "other")
    name = _lookup(base, family)
    if name is None:
        return text
    return name + "增速" if growth else name
