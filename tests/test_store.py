"""Records -> rows: entities merge across articles by name and alias, rows carry provenance."""
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa

from loaders import store
from loaders.records import Article, Entity, Extraction, Fact, Mention

VERSIONS = store.Versions("test", "dict")
CATALOGUE = [SimpleNamespace(name="规上工业增加值", unit_family="yuan", description="规模以上工业增加值",
                             aliases=("规模以上工业增加值",))]
TEXT = "示例科技城规上工业增加值达10亿元。"


def article(text=TEXT):
    return Article(text=text, raw_text=text, title="标题", published_on=date(2022, 4, 1), date_precision="month",
                   date_basis="manifest")


def platform_fact(name):
    return Fact("platform", name, "规上工业增加值", "规上工业增加值", Decimal("10"), "亿元", Decimal("1000000000"),
                "yuan", None, "actual", date(2021, 1, 1), date(2021, 12, 31), TEXT[:17], 0, 17)


def save(engine, key, extraction, text=TEXT):
    with engine.begin() as conn:
        store.sync_catalogue(conn, CATALOGUE)
        return store.store_article(conn, source_key=key, path=Path("/corpus") / key, sha256=key[0] * 64,
                                   byte_size=len(text.encode()), article=article(text), extraction=extraction,
                                   versions=VERSIONS, run_id=None)


def rows(engine, sql):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def test_a_platform_named_by_alias_in_another_article_is_one_row(engine):
    save(engine, "a.txt", Extraction(entities=[Entity("platform", "示例科技城", platform_kind="zone")]))
    save(engine, "b.txt", Extraction(entities=[Entity("platform", "杭州示例科技城", ("示例科技城",), "zone")]))
    assert rows(engine, "SELECT name, kind FROM platforms") == [("杭州示例科技城", "zone")]
    assert rows(engine, "SELECT alias FROM platform_aliases") == [("示例科技城",)]


def test_the_fuller_name_wins_whatever_the_order(engine):
    save(engine, "a.txt", Extraction(entities=[Entity("platform", "杭州示例科技城", platform_kind="zone")]))
    save(engine, "b.txt", Extraction(entities=[Entity("platform", "示例科技城", platform_kind="zone")]))
    assert rows(engine, "SELECT name FROM platforms") == [("杭州示例科技城",)]


def test_hierarchy_and_project_links_are_stored(engine):
    extraction = Extraction(entities=[
        Entity("platform", "示例走廊", platform_kind="corridor"),
        Entity("platform", "示例科技城", platform_kind="zone", parent="示例走廊", district="示例区"),
        Entity("enterprise", "示例科技有限公司", platform="示例科技城"),
        Entity("project", "示例产业基地项目", platform="示例科技城", enterprise="示例科技有限公司",
               investment_yuan=Decimal("1000000000"), status="signed"),
    ])
    save(engine, "a.txt", extraction)
    assert rows(engine, "SELECT c.name, p.name, c.district FROM platforms c JOIN platforms p ON p.id = c.parent_id"
                ) == [("示例科技城", "示例走廊", "示例区")]
    assert rows(engine, "SELECT pr.name, pl.name, e.name, pr.investment_yuan, pr.status FROM projects pr"
                        " JOIN platforms pl ON pl.id = pr.platform_id JOIN enterprises e ON e.id = pr.enterprise_id"
                ) == [("示例产业基地项目", "示例科技城", "示例科技有限公司", Decimal("1000000000"), "signed")]


def test_facts_and_mentions_carry_provenance(engine):
    extraction = Extraction(entities=[Entity("platform", "示例科技城", platform_kind="zone")],
                            mentions=[Mention("platform", "示例科技城", "示例科技城", 0, 5)],
                            facts=[platform_fact("示例科技城")])
    counts = save(engine, "a.txt", extraction)
    assert (counts.facts, counts.mentions) == (1, 1)
    assert rows(engine, "SELECT source_key, subject_name, metric, value, quote, char_start, char_end"
                        " FROM reporting.facts") == [
        ("a.txt", "示例科技城", "规上工业增加值", Decimal("10"), TEXT[:17], 0, 17)]
    assert rows(engine, "SELECT extractor_version FROM facts UNION ALL SELECT extractor_version FROM entity_mentions"
                ) == [("test",), ("test",)]
    assert rows(engine, "SELECT source_key, entity_name, surface FROM reporting.entity_mentions") == [
        ("a.txt", "示例科技城", "示例科技城")]


def test_storing_the_same_extraction_twice_keeps_one_set_of_rows(engine):
    extraction = Extraction(entities=[Entity("platform", "示例科技城", platform_kind="zone")],
                            facts=[platform_fact("示例科技城")])
    save(engine, "a.txt", extraction)
    first = rows(engine, "SELECT id, fact_key FROM facts")
    save(engine, "a.txt", extraction)
    second = rows(engine, "SELECT fact_key FROM facts")
    assert [k for _, k in first] == [k for (k,) in second] and len(second) == 1


def test_region_subjects_get_a_level(engine):
    fact = platform_fact("浙江省")
    fact = Fact("region", "浙江省", *list(fact.__dict__.values())[2:])
    save(engine, "a.txt", Extraction(facts=[fact]))
    assert rows(engine, "SELECT name, level FROM regions") == [("浙江省", "province")]


def test_catalogue_sync_is_idempotent(engine):
    with engine.begin() as conn:
        store.sync_catalogue(conn, CATALOGUE)
        store.sync_catalogue(conn, CATALOGUE)
    assert rows(engine, "SELECT m.name, m.is_catalogued, a.alias FROM metrics m JOIN metric_aliases a"
                        " ON a.metric_id = m.id") == [("规上工业增加值", True, "规模以上工业增加值")]
