"""The metric catalogue: canonical names of the economic quantities articles report.

Names follow the National Bureau of Statistics' usage where it has one (规模以上工业增加值
is written 规上工业增加值 in local reporting; 固定资产投资 per the NBS investment survey);
the rest is general economic vocabulary of development-zone reporting.  A phrase maps to
a catalogue name when one of the metric's aliases ends it (the head noun of a Chinese noun
phrase comes last) and what precedes a generic alias is only filler; a growth form
(…同比增长, …增速) maps to the name plus 增速.  Anything else keeps the article's own
phrase, tidied (``tidy``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.words import contains, longest_first, strip_end


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
    Metric("专精特新企业数", "count", "specialised and innovative SMEs (专精特新)", ("专精特新企业", "专精特新")),
    Metric("企业数", "count", "enterprises", ("企业",)),
    Metric("面积", "m2", "area", ("总面积", "规划面积", "占地面积", "面积")),
    Metric("用地", "mu", "land", ("总占地", "占地", "用地", "土地")),
    Metric("综合能耗", "tce", "comprehensive energy consumption", ("综合能耗",)),
    Metric("人才数", "count", "people, engineers, talents", ("工程师", "人才", "员工", "从业人员")),
)

_GROWTH = re.compile(r"(?:同比)?(?:增长|增速|增幅|下降|减少|提高|提升)$")


# Base units of units.BASE_UNITS -> the catalogue's unit families.
FAMILY = {"yuan": "yuan", "count": "count", "m2": "m2", "mu": "mu", "tce": "tce"}

# Count metrics say what they count; a count in 次 or 条 is not a number of enterprises.
COUNT_UNITS = {
    "企业数": ("家", "个", "户"), "入驻企业数": ("家", "个", "户"),
    "高新技术企业数": ("家", "个", "户"), "专精特新企业数": ("家", "个", "户"),
    "人才数": ("名", "人", "位", "万人"),
}

# A head noun this general names the metric only when nothing but filler precedes it:
# 累计签约项目 is the signed-project count, 国家级企业技术中心 is not 企业数.
GENERIC = frozenset({"企业", "人才", "员工", "工程师", "从业人员", "签约", "开工", "竣工", "在建", "入驻",
                     "签约项目", "开工项目", "竣工项目", "在建项目", "竣工投产", "入驻企业", "企业入驻",
                     "面积", "总面积", "规划面积", "占地面积", "用地", "总占地", "占地", "土地",
                     "产值", "总产值", "年产值", "税收", "营收", "总投资", "计划总投资"})
# Words that time, accumulate or introduce a figure without changing what is counted.
FILLER = re.compile(r"(?:累计|已经|已|共计|共有|共|新增|新|现有|总|全年|今年|当年|目前|实现|完成|其中|全部)*")
# Negation turns 开工项目 into its complement; it never maps to the positive metric.
NEGATION = longest_first("未", "尚未", "没有", "非", "不")
# A per-unit prefix makes an intensity of a total (万元产值综合能耗, 人均产值).
PER_UNIT = longest_first("万元", "每", "单位", "人均", "户均")
# Measure words after the head noun that do not change the quantity.
TAIL = longest_first("总额", "总量", "等价值", "数量", "数")

# Metric text is trimmed of punctuation and function words at both ends: a demonstrative
# or an example marker (这座面积, 比如总投资) and a place word (总面积范围内) are not the name.
EDGE_PUNCT = "、，,。；;：:…．.！!？?”’\"'》　 "
LEAD_WORDS = re.compile(r"^(?:比如|例如|譬如|[这那][座片个些里块所家项批]|该|其(?![他它余])|以及|及|和|与|另有)+")
TRAIL_WORDS = re.compile(r"(?:范围内|以内|之内|的|之|等|内)+$")
# Clause-leading verbs that introduce a stock rather than name it (承载着工程师 -> 工程师).
LEAD_VERBS = re.compile(r"^(?:.*?(?:被评为|被认定为|被列为)|力争|争取|预计|达产后(?:可|将)?|承载着|承载|分布着|列入|拥有|集聚了?|聚集了?|建成了?|培育了?|实施了?)")


# A short subject or place before the verb that introduces the figure (企业实施…项目,
# 周边将增加…用地): the quantity's name starts after it.  将近 means "nearly", not "will".
SUBJECT_VERB = re.compile(r"^[^实将]{1,4}(?:实施了?|将(?!近))(?=..)")
# A platform word at the front refers back to the subject (开发区规划面积 -> 规划面积).
LEAD_ANAPHOR = re.compile(r"^(?:[全该本]区|[全该本]?(?:开发区|经开区|高新区|新区|园区|科技城|合作区|产业园|小镇))(?=..)")
# 把企业划分成5个网格: a figure after the verb counts what it divides into, one before it
# (1000家企业划分成) counts what is divided.
DIVIDE = re.compile(r"划分成|划分为|分成|分为")
# 实现 only carries the figure (产业实现产值): the quantity is named without it.
SUPPORT_VERB = re.compile(r"实现(?=..)")


def tidy(phrase: str) -> str:
    """The metric phrase trimmed of quotes, edge punctuation, function words and leading verbs."""
    text = re.sub(r"[\s“”\"'‘’「」《》]", "", phrase)
    if "……" in text:                        # A政策、建立B……围绕: a list cut short; its first item names it
        text = text.split("……", 1)[0].split("、", 1)[0]
    prev = None
    while prev != text:
        prev = text
        text = text.strip(EDGE_PUNCT)
        text = LEAD_WORDS.sub("", text)
        text = TRAIL_WORDS.sub("", text)
    text = SUPPORT_VERB.sub("", LEAD_ANAPHOR.sub("", text))
    divide = DIVIDE.search(text)
    if divide:
        text = text[divide.end():] or text[:divide.start()]
    text = SUBJECT_VERB.sub("", text)
    verb = LEAD_VERBS.match(text)
    if verb and len(text) - verb.end() >= 2:
        text = text[verb.end():]
    return text


def _accepts(metric: Metric, alias: str, prefix: str, unit: str | None) -> bool:
    """Whether a phrase ending in alias after prefix really is the metric."""
    if contains(prefix, NEGATION) or prefix.startswith(PER_UNIT):
        return False
    if unit and metric.name in COUNT_UNITS and unit not in COUNT_UNITS[metric.name]:
        return False
    return alias not in GENERIC or FILLER.fullmatch(prefix) is not None


def _lookup(phrase: str, family: str | None = None, unit: str | None = None) -> str | None:
    """The catalogue name whose alias heads the phrase (ends it), first in catalogue order."""
    head = strip_end(phrase, TAIL) if len(phrase) > 4 else phrase
    for metric in CATALOGUE:
        if family and metric.unit_family != family and not (family == "m2" and metric.unit_family == "mu"):
            continue
        for alias in metric.aliases:
            for text in (phrase, head):
                if text.endswith(alias) and _accepts(metric, alias, text[:-len(alias)], unit):
                    return metric.name
    return None


def canonical_metric(phrase: str, base_unit: str | None = None, unit: str | None = None) -> str:
    """Catalogue name for a metric phrase (or its growth form), else the tidied phrase.

    An alias must end the phrase, since a Chinese noun phrase ends in its head; a generic
    alias counts only after filler, never after a negation or a per-unit prefix.  With
    ``base_unit`` (a Fact's base unit) only metrics measured that way are considered, so
    年产值超5亿元企业 counted in 家 is not taken for 产值; with ``unit`` a count must be
    in a unit its metric is counted in (3500次 is not a number of enterprises).
    """
    text = tidy(phrase)
    growth = _GROWTH.search(text)
    base = text[:growth.start()] if growth else text
    family = None if growth or base_unit is None else FAMILY.get(base_unit, "other")
    name = _lookup(base, family, unit)
    if name is None:
        return text
    return name + "增速" if growth else name
