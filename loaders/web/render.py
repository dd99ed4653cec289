"""HTML the templates cannot write well: the article with its figures in place, and SVG charts.

Everything from the database is untrusted (article text above all): every piece goes
through markupsafe.escape before it is joined into Markup.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from decimal import Decimal

from markupsafe import Markup, escape

PALETTE = 8  # subject colours: classes c0..c7 in app.css
QUALIFIER_SHAPES = {None: "exact", "more_than": "above", "less_than": "below", "about": "about"}


def colour(name: str) -> str:
    """A stable colour class per subject name."""
    return f"c{int(hashlib.sha1(name.encode()).hexdigest(), 16) % PALETTE}"


def anchor(fact_key: str) -> str:
    return f"q-{fact_key}"


def figure_span(fact: dict) -> tuple[int, int]:
    """Where the figure itself sits in the article: the quantity of the quote with the fact's value and unit.

    The views give the quote's span; the figure is found in it with extraction's own
    quantity reader. A quote where it cannot be found is highlighted whole.
    """
    from loaders.extract.quantities import find_quantities

    start, quote = fact["char_start"], fact["quote"]
    try:
        found = find_quantities(quote)
    except Exception:  # a reader bug must not take the page down: highlight the whole quote
        found = []
    same = [q for q in found if q.unit == fact["unit"] and Decimal(q.value) == Decimal(fact["value"])]
    if not same:
        same = [q for q in found if Decimal(q.value) == abs(Decimal(fact["value"]))]
    if same:
        return start + same[0].start, start + same[0].end
    return start, fact["char_end"]


def tooltip(fact: dict) -> str:
    period = period_text(fact)
    qualifier = {"more_than": "超过", "less_than": "不足", "about": "约"}.get(fact.get("qualifier"), "")
    parts = [f"{fact['subject_name']}（{fact['subject_kind']}）", f"{fact['metric']}",
             f"{qualifier}{number(fact['value'])} {fact['unit']}", period,
             f"confidence {fact['confidence']:.2f}", fact["review_status"]]
    if not fact.get("is_shown", True):
        parts.append("candidate: " + "; ".join(fact.get("reasons") or []))
    return " · ".join(p for p in parts if p)


def period_text(fact: dict) -> str:
    kind, start, end = fact["period_kind"], fact.get("period_start"), fact.get("period_end")
    if kind == "unknown" or end is None:
        return "undated"
    if kind == "asof":
        return f"as of {end}"
    prefix = "target " if kind == "target" else ""
    if start and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{prefix}{end.year}"
    return f"{prefix}{start or '…'} – {end}"


def number(value) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")


def _non_overlapping(items: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """Keep, in order, the intervals that do not overlap one already kept (earlier, then longer, wins)."""
    kept, end = [], -1
    for start, stop, item in sorted(items, key=lambda t: (t[0], -(t[1] - t[0]))):
        if start >= end and stop > start:
            kept.append((start, stop, item))
            end = stop
    return kept


def highlighted(text: str, facts: list[dict], mentions: list[dict]) -> Markup:
    """The cleaned article as HTML: figures marked in place, mentions underlined, paragraphs kept.

    A shown fact's figure is a focusable link (<a class="fig">) whose title and data-tip
    tell subject, metric, value, period, qualifier and confidence; a candidate's is faint.
    Overlapping figures (two facts on one number) keep the first; the fact list shows all.
    """
    figures = _non_overlapping([(*figure_span(f), f) for f in facts])
    marks = _non_overlapping([(m["char_start"], m["char_end"], m) for m in mentions])
    out: list[str] = []
    pos = 0

    def plain(a: int, b: int) -> None:
        """text[a:b] with its mentions underlined."""
        cursor = a
        for start, stop, m in marks:
            if stop <= a or start >= b:
                continue
            s, e = max(start, a), min(stop, b)
            out.append(str(escape(text[cursor:s])))
            out.append(f'<span class="ment" data-entity="{escape(m["entity_kind"])}"'
                       f' title="{escape(m["entity_name"])}（{escape(m["entity_kind"])}）">{escape(text[s:e])}</span>')
            cursor = e
        out.append(str(escape(text[cursor:b])))

    for start, stop, f in figures:
        plain(pos, start)
        classes = ["fig", colour(f["subject_name"])] + ([] if f.get("is_shown", True) else ["faint"])
        out.append(f'<a class="{" ".join(classes)}" id="{anchor(f["fact_key"])}" href="#fact-{escape(f["fact_key"])}"'
                   f' data-fact-key="{escape(f["fact_key"])}" data-start="{start}" data-end="{stop}"'
                   f' data-tip="{escape(tooltip(f))}" aria-label="{escape(tooltip(f))}">')
        plain(start, stop)
        out.append("</a>")
        pos = stop
    plain(pos, len(text))
    body = "".join(out)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return Markup("".join(f"<p>{p}</p>" for p in paragraphs))


# --- charts -----------------------------------------------------------------------------------------

W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 240, 64, 16, 16, 36


def series_charts(facts: list[dict]) -> list[dict]:
    """One chart per metric (and base unit) from a subject's facts: SVG markup, legend, undated facts."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in facts:
        groups[(f["metric"], f.get("base_unit") or f["unit"])].append(f)
    charts = []
    for (metric, unit), group in groups.items():
        dated = [f for f in group if f["period_end"] is not None and f["period_kind"] != "unknown"]
        undated = [f for f in group if f not in dated]
        sources = sorted({f["source_key"] for f in group})
        charts.append({"metric": metric, "unit": display_unit(group), "svg": chart_svg(metric, dated, sources),
                       "legend": [(s, f"s{i % PALETTE}") for i, s in enumerate(sources)], "undated": undated,
                       "facts": group, "anchor": chart_anchor(metric, unit)})
    return charts


def chart_anchor(metric: str, unit: str | None) -> str:
    """The id of a metric's chart on the subject page (metric and base unit, hashed: ids stay ASCII)."""
    return "m-" + hashlib.sha1(f"{metric}|{unit}".encode()).hexdigest()[:10]


def display_unit(group: list[dict]) -> str:
    units = [f["unit"] for f in group]
    return max(set(units), key=units.count)


def shown_value(f: dict, group_unit_factor: Decimal | None) -> Decimal:
    """The point's height: the base-unit value in the chart's display unit, else the value as written."""
    if group_unit_factor and f.get("value_base") is not None:
        return Decimal(f["value_base"]) / group_unit_factor
    return Decimal(f["value"])


def chart_svg(metric: str, dated: list[dict], sources: list[str]) -> Markup:
    if not dated:
        return Markup("")
    unit = display_unit(dated)
    ref = next((f for f in dated if f["unit"] == unit and f.get("value_base") is not None and f["value"]), None)
    factor = (Decimal(ref["value_base"]) / Decimal(ref["value"])) if ref else None
    xs = [f["period_end"].toordinal() for f in dated]
    ys = [shown_value(f, factor) for f in dated]
    x0, x1 = min(xs) - 30, max(xs) + 30
    y0, y1 = min(Decimal(0), min(ys)), max(ys) or Decimal(1)
    y1 = y1 + (y1 - y0) * Decimal("0.1") or Decimal(1)

    def px(x: int) -> float:
        return LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT)

    def py(y: Decimal) -> float:
        return H - BOTTOM - float((y - y0) / (y1 - y0)) * (H - TOP - BOTTOM)

    parts = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(metric)} ({escape(unit)})"'
             f' xmlns="http://www.w3.org/2000/svg">',
             f'<line class="axis" x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}"/>',
             f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}"/>']
    for tick in (y0, (y0 + y1) / 2, y1):
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{py(tick) + 4:.1f}" text-anchor="end">'
                     f'{escape(compact(tick))}</text>')
    years = sorted({date.fromordinal(x).year for x in xs})
    for year in years:
        x = px(date(year, 12, 31).toordinal())
        if LEFT <= x <= W - RIGHT:
            parts.append(f'<text class="tick" x="{x:.1f}" y="{H - BOTTOM + 16}" text-anchor="middle">{year}</text>')
    # Conflicts: a period reported with different values gets a red line joining them.
    by_period: dict[tuple, set] = defaultdict(set)
    for f, y in zip(dated, ys):
        by_period[(f["period_kind"], f["period_start"], f["period_end"])].add(y)
    for (_, _, end), values in by_period.items():
        if len(values) > 1:
            x = px(end.toordinal())
            parts.append(f'<line class="conflict" x1="{x:.1f}" y1="{py(min(values)):.1f}" x2="{x:.1f}"'
                         f' y2="{py(max(values)):.1f}"><title>conflicting values</title></line>')
    for f, x, y in zip(dated, xs, ys):
        shape = QUALIFIER_SHAPES.get(f["qualifier"], "exact")
        cls = f"pt s{sources.index(f['source_key']) % PALETTE} {shape}" + (" target" if f["period_kind"] == "target" else "")
        cx, cy = px(x), py(y)
        href = f"/article?key={_q(f['source_key'])}#{anchor(f['fact_key'])}"
        label = f"{number(f['value'])}{f['unit']} · {period_text(f)} · {f['source_key']}"
        parts.append(f'<a href="{escape(href)}" class="pt-link" data-fact-key="{escape(f["fact_key"])}">'
                     f'<title>{escape(label)}</title>{marker(shape, cls, cx, cy)}</a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def marker(shape: str, cls: str, cx: float, cy: float) -> str:
    """A circle for an exact figure, a triangle up for 超过 (a lower bound), down for 不足, a diamond for 约."""
    r = 6
    if shape == "exact":
        return f'<circle class="{cls}" cx="{cx:.1f}" cy="{cy:.1f}" r="{r}"/>'
    if shape == "above":
        pts = [(cx, cy - r - 1), (cx - r, cy + r - 1), (cx + r, cy + r - 1)]
    elif shape == "below":
        pts = [(cx, cy + r + 1), (cx - r, cy - r + 1), (cx + r, cy - r + 1)]
    else:
        pts = [(cx, cy - r - 1), (cx + r + 1, cy), (cx, cy + r + 1), (cx - r - 1, cy)]
    return f'<polygon class="{cls}" points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}"/>'


def compact(value: Decimal) -> str:
    value = Decimal(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return number(value.quantize(Decimal("0.01")) if value != value.to_integral() else value)


def _q(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


# --- conflicts --------------------------------------------------------------------------------------

SERIES_KEYS = ("subject_kind", "subject_name", "metric", "period_kind", "period_start", "period_end")


def conflict_groups(columns: list[str], found: list[dict]) -> list[dict]:
    """Rows of reporting.fact_conflicts as groups: one per subject × metric × period with its statements.

    Reads the pair shape (value_a/quote_a/source_key_a, ..._b) and a one-row-per-series
    shape with the same suffixes or array columns; any other column is shown as it is.
    """
    groups: dict[tuple, dict] = {}
    for row in found:
        key = tuple(row.get(k) for k in SERIES_KEYS)
        group = groups.setdefault(key, {**{k: row.get(k) for k in SERIES_KEYS}, "statements": [], "other": {}})
        suffixes = sorted({c.rsplit("_", 1)[1] for c in columns if c.startswith("value_") and len(c.rsplit("_", 1)[1]) == 1})
        for s in suffixes:
            statement = {f: row.get(f"{f}_{s}") for f in ("value", "unit", "qualifier", "source_key", "quote",
                                                          "published_on")}
            if statement not in group["statements"]:
                group["statements"].append(statement)
        if not suffixes and isinstance(row.get("values"), list):
            for i, v in enumerate(row["values"]):
                statement = {"value": v}
                for f in ("unit", "qualifier", "source_key", "quote", "published_on"):
                    many = row.get(f + "s")
                    statement[f] = many[i] if isinstance(many, list) and i < len(many) else row.get(f)
                group["statements"].append(statement)
        used = set(SERIES_KEYS) | {f"{f}_{s}" for s in suffixes for f in ("value", "unit", "qualifier", "source_key",
                                                                           "quote", "published_on")}
        for c in columns:
            if c not in used and c != "values" and row.get(c) is not None and not c.endswith(("_a", "_b")):
                group["other"][c] = row[c]
    return list(groups.values())
