"""Each CHECK, key and NOT NULL keeps out the bad row it is meant to keep out."""
import pytest
import sqlalchemy as sa

SOURCE = dict(source_key="a.txt", original_path="/x/a.txt", sha256="a" * 64, byte_size=10, media_type="text/plain",
              encoding="utf-8", raw_text="正文", text="正文", extractor_version="t", dictionary_hash="h")
FACT = dict(fact_key="k", subject_kind="platform", metric_text="产值", value=1, unit="亿元", value_base=100000000,
            base_unit="yuan", qualifier=None, period_kind="actual", period_start="2021-01-01",
            period_end="2021-12-31", quote="产值1亿元", char_start=0, char_end=5, extractor_version="t")


@pytest.fixture
def world(engine):
    """A source, a platform and a metric to hang rows on; returns their ids."""
    with engine.begin() as conn:
        source = conn.execute(sa.text(
            "INSERT INTO sources (source_key, original_path, sha256, byte_size, media_type, encoding, raw_text,"
            " text, extractor_version, dictionary_hash) VALUES (:source_key, :original_path, :sha256, :byte_size,"
            " :media_type, :encoding, :raw_text, :text, :extractor_version, :dictionary_hash) RETURNING id"),
            SOURCE).scalar_one()
        platform = conn.execute(sa.text(
            "INSERT INTO platforms (name, kind) VALUES ('甲科技城', 'zone') RETURNING id")).scalar_one()
        metric = conn.execute(sa.text("INSERT INTO metrics (name) VALUES ('产值') RETURNING id")).scalar_one()
    return {"source_id": source, "subject_platform_id": platform, "metric_id": metric}


def insert_fact(engine, world, **changes):
    row = {**FACT, **world, **changes}
    columns = ", ".join(row)
    with engine.begin() as conn:
        conn.execute(sa.text(f"INSERT INTO facts ({columns}) VALUES ({', '.join(':' + c for c in row)})"), row)


def test_valid_fact_is_accepted(engine, world):
    insert_fact(engine, world)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM facts")).scalar_one() == 1


@pytest.mark.parametrize("changes, constraint", [
    ({"subject_kind": "enterprise"}, "ck_facts_one_subject"),
    ({"subject_kind": "planet"}, "ck_facts_(subject_kind|one_subject)"),  # checked in name order
    ({"qualifier": "roughly"}, "ck_facts_qualifier"),
    ({"period_kind": "someday"}, "ck_facts_period_kind"),
    ({"period_start": "2022-01-01", "period_end": "2021-12-31"}, "ck_facts_period_order"),
    ({"period_kind": "asof"}, "ck_facts_period_shape"),
    ({"period_kind": "unknown", "period_start": None}, "ck_facts_period_shape"),
    ({"period_kind": "actual", "period_start": None}, "ck_facts_period_shape"),
    ({"base_unit": None}, "ck_facts_base_unit_with_value"),
    ({"char_start": 5, "char_end": 5, "quote": ""}, "ck_facts_valid_span"),
    ({"char_start": -1, "char_end": 4}, "ck_facts_valid_span"),
    ({"char_end": 9}, "ck_facts_quote_fits_span"),
])
def test_fact_check_rejects(engine, world, changes, constraint):
    with pytest.raises(sa.exc.IntegrityError, match=constraint):
        insert_fact(engine, world, **changes)


def test_fact_needs_a_subject(engine, world):
    with pytest.raises(sa.exc.IntegrityError, match="ck_facts_one_subject"):
        insert_fact(engine, world, subject_platform_id=None)


def test_fact_key_is_unique_per_source(engine, world):
    insert_fact(engine, world)
    with pytest.raises(sa.exc.IntegrityError, match="uq_facts_source_id_fact_key"):
        insert_fact(engine, world)


def test_fact_metric_must_exist(engine, world):
    with pytest.raises(sa.exc.IntegrityError, match="fk_facts_metric_id_metrics"):
        insert_fact(engine, world, metric_id=10**9)


@pytest.mark.parametrize("sql, constraint", [
    ("INSERT INTO platforms (name, kind) VALUES ('乙园', 'city')", "ck_platforms_kind"),
    ("INSERT INTO platforms (name, kind) VALUES ('甲科技城', 'zone')", "uq_platforms_name"),
    ("UPDATE platforms SET parent_id = id", "ck_platforms_not_own_parent"),
    ("INSERT INTO projects (name, status) VALUES ('丙项目', 'dreaming')", "ck_projects_status"),
    ("INSERT INTO projects (name, investment_yuan) VALUES ('丙项目', -1)", "ck_projects_investment_not_negative"),
    ("INSERT INTO regions (name, level) VALUES ('某地', 'galaxy')", "ck_regions_level"),
    ("INSERT INTO sources (source_key, original_path, sha256, byte_size, media_type, encoding, raw_text, text,"
     " extractor_version, dictionary_hash) VALUES ('b.txt', '/b', 'xyz', 1, 'text/plain', 'utf-8', 'a', 'a', 't', 'h')",
     "ck_sources_sha256_hex"),
    ("UPDATE sources SET published_on = '2022-01-01', published_basis = 'explicit'", "ck_sources_precision_with_date"),
    ("UPDATE sources SET published_on = '2022-01-01', published_precision = 'day'", "ck_sources_basis_with_date"),
    ("UPDATE sources SET published_on = '2022-01-01', published_precision = 'day', published_basis = 'guess'",
     "ck_sources_published_basis"),
    ("UPDATE sources SET published_on = '2022-01-01', published_precision = 'week', published_basis = 'explicit'",
     "ck_sources_published_precision"),
    ("INSERT INTO load_runs (extractor_version, dictionary_hash, status) VALUES ('t', 'h', 'sleeping')",
     "ck_load_runs_status"),
    ("INSERT INTO load_runs (extractor_version, dictionary_hash, files_seen) VALUES ('t', 'h', -1)",
     "ck_load_runs_counts_not_negative"),
    ("INSERT INTO load_runs (extractor_version, dictionary_hash, started_at, finished_at)"
     " VALUES ('t', 'h', '2022-01-02', '2022-01-01')", "ck_load_runs_finished_after_start"),
])
def test_entity_and_source_checks_reject(engine, world, sql, constraint):
    with pytest.raises(sa.exc.IntegrityError, match=constraint), engine.begin() as conn:
        conn.execute(sa.text(sql))


def test_alias_names_one_platform_only(engine, world):
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO platform_aliases (platform_id, alias) VALUES (:p, '甲城')"),
                     {"p": world["subject_platform_id"]})
    with pytest.raises(sa.exc.IntegrityError, match="uq_platform_aliases_alias"), engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO platform_aliases (platform_id, alias) VALUES (:p, '甲城')"),
                     {"p": world["subject_platform_id"]})


@pytest.mark.parametrize("kind, column, constraint", [
    ("enterprise", "platform_id", "ck_entity_mentions_one_subject"),
    ("platform", "platform_id", None),
])
def test_mention_kind_must_match_its_entity(engine, world, kind, column, constraint):
    sql = sa.text(f"INSERT INTO entity_mentions (source_id, entity_kind, {column}, surface, char_start, char_end,"
                  " extractor_version) VALUES (:s, :k, :p, '正文', 0, 2, 't')")
    params = {"s": world["source_id"], "k": kind, "p": world["subject_platform_id"]}
    if constraint is None:
        with engine.begin() as conn:
            conn.execute(sql, params)
        return
    with pytest.raises(sa.exc.IntegrityError, match=constraint), engine.begin() as conn:
        conn.execute(sql, params)


def test_deleting_a_source_removes_its_facts(engine, world):
    insert_fact(engine, world)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM sources"))
        assert conn.execute(sa.text("SELECT count(*) FROM facts")).scalar_one() == 0
