"""Units as Chinese economic news writes them, and how to reach a base unit.

Every key is a unit *as written* (the gold convention: `113.8` with `亿元`); the value
is the base unit stored in `base_unit` and the factor that takes a written value there.
The table is general knowledge (SI prefixes, the Chinese 万/亿 magnitudes, the usual
classifiers), never a list taken from particular articles.
"""
from __future__ import annotations

from decimal import Decimal

# Chinese magnitude prefixes that combine with a unit as one written token
# (`1.5万家`, `3千万元`); 万 = 1e4 and 亿 = 1e8 are the standard magnitudes.
MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10) ** 4,
    "十万": Decimal(10) ** 5, "百万": Decimal(10) ** 6, "千万": Decimal(10) ** 7,
    "亿": Decimal(10) ** 8, "十亿": Decimal(10) ** 9, "百亿": Decimal(10) ** 10,
    "千亿": Decimal(10) ** 11, "万亿": Decimal(10) ** 12,
}

# Classifiers (量词) that count things: enterprises, projects, machines, people, ...
COUNT_WORDS = (
    "个", "家", "项", "台", "名", "人", "条", "座", "栋", "幢", "套", "件", "款", "次",
    "批", "所", "位", "户", "支", "只", "辆", "架", "艘", "处", "种", "类", "场", "轮",
    "篇", "间", "层", "人次", "份", "株", "颗", "块", "册", "片", "枚", "头", "棵", "张",
    "单", "笔", "票", "架次", "宗", "根", "幅", "部", "届", "家次", "辆次", "艘次", "班", "列",
    "趟", "盏", "组", "对", "口", "座次", "只", "尊",
)

# Base units whose written form takes magnitude prefixes (万元, 亿美元, 万吨, 万千瓦).
_SCALABLE: dict[str, tuple[str, Decimal]] = {
    "元": ("yuan", Decimal(1)),
    "元人民币": ("yuan", Decimal(1)),
    "美元": ("usd", Decimal(1)),
    "欧元": ("eur", Decimal(1)),
    "港元": ("hkd", Decimal(1)),
    "日元": ("jpy", Decimal(1)),
    "吨": ("t", Decimal(1)),
    "吨标煤": ("tce", Decimal(1)),
    "吨标准煤": ("tce", Decimal(1)),
    "千瓦": ("kW", Decimal(1)),
    "千瓦时": ("kWh", Decimal(1)),
    "平方米": ("m2", Decimal(1)),
    "平米": ("m2", Decimal(1)),
    "平方": ("m2", Decimal(1)),          # colloquial: 10万平方的厂房
    "立方米": ("m3", Decimal(1)),
    "㎡": ("m2", Decimal(1)),
    "亩": ("mu", Decimal(1)),
    "公里": ("km", Decimal(1)),
}

# Units that are written without a magnitude prefix.
_PLAIN: dict[str, tuple[str, Decimal]] = {
    "%": ("percent", Decimal(1)),
    "‰": ("percent", Decimal("0.1")),
    "个百分点": ("pp", Decimal(1)),
    "百分点": ("pp", Decimal(1)),
    "成": ("percent", Decimal(10)),      # 三成 = 30%
    "倍": ("times", Decimal(1)),
    "个亿": ("yuan", Decimal(10) ** 8),   # spoken: 两个亿 = 2亿元
    # Points of an assessment (综合得分93.62分); read only where the clause speaks of a score
    # (quantities.SCORE_WORDS), since 分 also tells the time (10时30分) and divides (一分为二).
    "分": ("points", Decimal(1)),
    "nm": ("nm", Decimal(1)),
    "元/吨": ("yuan_per_t", Decimal(1)),
    "万元/吨": ("yuan_per_t", Decimal(10) ** 4),
    "平方公里": ("m2", Decimal(10) ** 6),
    "平方千米": ("m2", Decimal(10) ** 6),
    "公顷": ("m2", Decimal(10) ** 4),
    "km2": ("m2", Decimal(10) ** 6),
    "m2": ("m2", Decimal(1)),
    "公斤": ("kg", Decimal(1)),
    "千克": ("kg", Decimal(1)),
    "克": ("kg", Decimal("0.001")),
    "米": ("m", Decimal(1)),
    # Lengths in 万/亿 are output (印染布产量132.6亿米), not sizes: their own base, never skipped.
    "万米": ("m_output", Decimal(10) ** 4),
    "亿米": ("m_output", Decimal(10) ** 8),
    "千米": ("km", Decimal(1)),
    "厘米": ("m", Decimal("0.01")),
    "毫米": ("m", Decimal("0.001")),
    "纳米": ("nm", Decimal(1)),
    "英寸": ("inch", Decimal(1)),
    "PFLOPS": ("pflops", Decimal(1)),    # computing power: 算力规模2000P
    "PFlops": ("pflops", Decimal(1)),
    "P": ("pflops", Decimal(1)),
    "EFLOPS": ("pflops", Decimal(1000)),
    "千伏": ("kV", Decimal(1)),
    "伏": ("kV", Decimal("0.001")),
    "兆瓦": ("kW", Decimal(1000)),
    "吉瓦": ("kW", Decimal(10) ** 6),
    "吉瓦时": ("kWh", Decimal(10) ** 6),
    "千瓦时": ("kWh", Decimal(1)),
    "km": ("km", Decimal(1)),
    "km²": ("m2", Decimal(10) ** 6),
    # 万方 is the trade's short form of 万平方米 (floor area); a bare 方 (三方合作) is not.
    "万方": ("m2", Decimal(10) ** 4),
    "kV": ("kV", Decimal(1)),
    "KV": ("kV", Decimal(1)),
    "KW": ("kW", Decimal(1)),
    "kW": ("kW", Decimal(1)),
    "MW": ("kW", Decimal(1000)),
    "GW": ("kW", Decimal(10) ** 6),
    "kWh": ("kWh", Decimal(1)),
    "KWh": ("kWh", Decimal(1)),
    "MWh": ("kWh", Decimal(1000)),
    "GWh": ("kWh", Decimal(10) ** 6),
    "兆瓦时": ("kWh", Decimal(1000)),
    # 度 = 1 kWh in power statistics; only with a magnitude, since a bare 度 is a temperature.
    "万度": ("kWh", Decimal(10) ** 4),
    "亿度": ("kWh", Decimal(10) ** 8),
    "年": ("years", Decimal(1)),
    "周年": ("years", Decimal(1)),
    "个月": ("months", Decimal(1)),
    # Time spans counted with 个 are durations, not counts of things: 24个小时, 3个季度.
    "个小时": ("hours", Decimal(1)),
    "个季度": ("months", Decimal(3)),
    "个星期": ("days", Decimal(7)),
    "个工作日": ("days", Decimal(1)),
    "个交易日": ("days", Decimal(1)),
    "周": ("days", Decimal(7)),
    "天": ("days", Decimal(1)),
    "小时": ("hours", Decimal(1)),
    "分钟": ("minutes", Decimal(1)),
    "秒": ("seconds", Decimal(1)),
    "岁": ("years", Decimal(1)),
    "万元/亩": ("yuan_per_mu", Decimal(10) ** 4),
    "元/亩": ("yuan_per_mu", Decimal(1)),
    "亿元/亩": ("yuan_per_mu", Decimal(10) ** 8),
    "元/平方米": ("yuan_per_m2", Decimal(1)),
    "万元/平方米": ("yuan_per_m2", Decimal(10) ** 4),
    "元/㎡": ("yuan_per_m2", Decimal(1)),
    "万元/人": ("yuan_per_person", Decimal(10) ** 4),
    "元/人": ("yuan_per_person", Decimal(1)),
    "亿元/平方公里": ("yuan_per_km2", Decimal(10) ** 8),
    "吨标煤/万元": ("tce_per_10k_yuan", Decimal(1)),
    "万吨/年": ("t_per_year", Decimal(10) ** 4),
    "吨/年": ("t_per_year", Decimal(1)),
    "万台/年": ("count_per_year", Decimal(10) ** 4),
    "台/年": ("count_per_year", Decimal(1)),
}


def _build_table() -> dict[str, tuple[str, Decimal]]:
    """Combine plain units, scalable units and count words with the magnitude prefixes."""
    table = dict(_PLAIN)
    scalable = dict(_SCALABLE)
    scalable.update({word: ("count", Decimal(1)) for word in COUNT_WORDS})
    for unit, (base, factor) in scalable.items():
        table.setdefault(unit, (base, factor))
        for prefix, magnitude in MAGNITUDES.items():
            table.setdefault(prefix + unit, (base, factor * magnitude))
    return table


BASE_UNITS: dict[str, tuple[str, Decimal]] = _build_table()

# Longest first, so that a scan tries `万元/亩` before `万元` and `个百分点` before `个`.
UNITS_LONGEST_FIRST: tuple[str, ...] = tuple(sorted(BASE_UNITS, key=len, reverse=True))

# Units that state a rate of change, the only ones 增长/下降 turn into a change.
RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "成", "倍"})


def to_base(value: Decimal, unit: str) -> tuple[Decimal | None, str | None]:
    """The value in the base unit and that unit's name, or (None, None) for an unknown unit."""
    entry = BASE_UNITS.get(unit)
    if entry is None:
        return None, None
    base, factor = entry
    return _tidy(value * factor), base


def _tidy(value: Decimal) -> Decimal:
    """Drop a trailing exponent so 1.138E+10 reads as 11380000000 (same value)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
