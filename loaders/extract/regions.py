"""Administrative regions: which words name a province, city or county, and how a figure's
region subject is written.

Two sources: ``regions.txt`` (Hangzhou after its 2021 districts, scope words such as 全市)
and ``admin_regions.tsv`` (every province, prefecture and county of China with 3+
characters, from the MIT-licensed cpca package; see its header).  Names are written the
way the gold conventions write region subjects: a prefecture-level city by its short name
(宁波, 合肥), a province and a county-level division in full (江苏省, 北仑区, 慈溪市).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from loaders.extract.segment import data_lines
from loaders.extract.words import longest_first, strip_end

SCOPE_WORDS = ("全省", "全市", "全区", "全县", "全国")
# Province short forms people write (江苏, 安徽); the autonomous regions have their own.
_PROVINCE_SUFFIX = longest_first("省", "市", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区")


@dataclass(frozen=True)
class Region:
    name: str          # as a fact's subject is written
    level: str         # province, prefecture, county, scope
    province: str      # 浙江省, 江苏省, ... ('' for scope words)


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every surface form of a region mapped to the region it names."""
    table: dict[str, Region] = {}
    rows = [line.split("\t") for line in data_lines("admin_regions.tsv")[1:]]
    for name, level, province, _ in rows:
        if level == "province":
            region = Region(name, level, name)
            short = strip_end(name, _PROVINCE_SUFFIX)
        elif level == "prefecture":
            short = name[:-1] if name.endswith("市") and len(name) >= 3 else None
            region = Region(short or name, level, province)
        else:
            region = Region(name, level, province)
            # a Zhejiang county's short form (北仑, 慈溪) is how local news writes it
            short = name[:-1] if province == "浙江省" and len(name) >= 3 and name[-1] in "区县市" else None
        table.setdefault(name, region)
        if short and len(short) >= 2:
            table.setdefault(short, region)
    for name in data_lines("regions.txt"):       # Hangzhou's own forms win (临平区 is newer than the table)
        if name in SCOPE_WORDS:
            table[name] = Region(name, "scope", "")
        elif name not in table:
            full = name if name[-1] in "区县市省" else next((n for n in (name + "区", name + "县", name + "市") if n in table), name)
            table[name] = Region(table[full].name if full in table else full, "county", "浙江省")
    table["浙江"] = table["浙江省"]
    table["杭州"] = table["杭州市"]
    return table


class Lexicon:
    """Fixed strings (two characters or more) found by their first two characters.

    A regular-expression alternation of thousands of names is slow in Python's re; one dict
    lookup per position, then the few names sharing those two characters, is not.
    """

    def __init__(self, forms) -> None:
        self.by_head: dict[str, tuple[str, ...]] = {}
        heads: dict[str, list[str]] = {}
        for form in forms:
            if len(form) < 2:
                raise ValueError(f"lexicon forms need two characters: {form!r}")
            heads.setdefault(form[:2], []).append(form)
        self.by_head = {h: tuple(sorted(fs, key=len, reverse=True)) for h, fs in heads.items()}

    def prefix(self, s: str, pos: int = 0) -> str:
        """The longest form s has at pos, or ''."""
        for form in self.by_head.get(s[pos:pos + 2], ()):
            if s.startswith(form, pos):
                return form
        return ""

    def finditer(self, s: str):
        """(start, end, form) of the longest forms, left to right, not overlapping."""
        pos, n = 0, len(s) - 1
        while pos < n:
            form = self.prefix(s, pos)
            if form:
                yield pos, pos + len(form), form
                pos += len(form)
            else:
                pos += 1


@lru_cache(maxsize=1)
def region_lexicon() -> Lexicon:
    return Lexicon(regions())


def region_prefix(s: str, pos: int = 0) -> str:
    """The region name s starts with at pos (the longest), or ''."""
    return region_lexicon().prefix(s, pos)


def subject_name(form: str) -> str:
    """The name a figure's region subject is stored under (宁波市 -> 宁波, 北仑 -> 北仑区)."""
    region = regions().get(form)
    return region.name if region else form


def home_region(mt: str, level: str, suffixes: tuple[str, ...] = ()) -> Region | None:
    """The region of that level the article names most (first named on a tie), or None."""
    counts: dict[Region, list[int]] = {}
    for start, _, form in region_lexicon().finditer(mt):
        region = regions()[form]
        if region.level == level and (not suffixes or region.name.endswith(suffixes)):
            counts.setdefault(region, [0, start])[0] += 1
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r][0], -counts[r][1]))


def home_province(mt: str, main_platform: str | None) -> str | None:
    """The province the article is about: its main platform's (东莞松山湖… is in 广东省), else the one
    its regions name most, inside names too; None when it names none."""
    place = regions().get(region_prefix(main_platform)) if main_platform else None
    if place and place.province:
        return place.province
    counts: dict[str, int] = {}
    for _, _, form in region_lexicon().finditer(mt):
        province = regions()[form].province
        if province:
            counts[province] = counts.get(province, 0) + 1
    return max(counts, key=counts.get) if counts else None


@lru_cache(maxsize=256)
def scope_region(mt: str, word: str) -> str | None:
    """The region 全市, 全区, 全县 or 全省 stands for in this article, or None."""
    if word == "全市":
        city = home_region(mt, "prefecture") or home_region(mt, "county", ("市",))
        return city.name if city else word
    if word == "全县":
        county = home_region(mt, "county", ("县",))
        return county.name if county else None
    if word == "全区":
        district = home_region(mt, "county", ("区",))
        return district.name if district else None
    if word == "全省":
        place = home_region(mt, "prefecture") or home_region(mt, "county") or home_region(mt, "province")
        return place.province if place else "浙江省"
    return word
