"""parkdb serve (issue 13): every route against a real database loaded with the seeds and one
hostile article; escaping, CSRF, read-only refusal, least privilege, and each review action
recorded through review.judgements and undone."""
from __future__ import annotations

import contextlib
import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa
if True:  # the test client warns that starlette 1.x prefers httpx2; httpx works
    import warnings

    warnings.filterwarnings("ignore", message=".*httpx.*starlette.testclient.*")  # starlette 1.x prefers httpx2
    from starlette.testclient import TestClient

from loaders import cli, db
from loaders.web import app as web
from loaders.web import render, serve

from databases import fresh_database

ROOT = Path(__file__).resolve().parent.parent
SEED_KEY = "000_d31637c278a3ddae.txt"
PLATFORM = "杭州青山湖科技城"
HOSTILE_TITLE = '<script>alert("t")</script>青山湖'
HOSTILE_TEXT = ('<script>alert("t")</script>青山湖科技城发布新数据\n\n'
                "2022年，杭州青山湖科技城规上工业增加值达120亿元，<img src=x onerror=alert(1)>同比增长10%。\n")


@pytest.fixture(scope="module")
def seeded(postgresql_proc, tmp_path_factory):
    """One database for the module: the seeds and a hostile article, loaded once."""
    with fresh_database(postgresql_proc, "parkdb_web_routes") as url:
        hostile = tmp_path_factory.mktemp("hostile")
        (hostile / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["load", str(ROOT / "seeds"), "--database-url", url, "--quiet"]) == 0
            assert cli.main(["load", str(hostile), "--database-url", url, "--quiet"]) == 0
        owner = sa.create_engine(url)
        with owner.begin() as conn:
            conn.execute(sa.text("UPDATE public.sources SET title = :t WHERE source_key = 'hostile.txt'"),
                         {"t": HOSTILE_TITLE})
        yield url, owner
        owner.dispose()


@contextlib.contextmanager
def make_client(url: str, read_only: bool):
    engines = serve.engines(db.Database(url, embedded=False), read_only)
    try:
        with TestClient(web.create_app(engines, allowed_hosts=["testserver"]), follow_redirects=False) as c:
            yield c
    finally:
        for engine in (engines.reader, engines.reviewer, engines.loader):
            if engine is not None:
                engine.dispose()


@pytest.fixture(scope="module")
def client(seeded):
    with make_client(seeded[0], read_only=False) as c:
        yield c


@pytest.fixture(scope="module")
def read_only_client(seeded):
    with make_client(seeded[0], read_only=True) as c:
        yield c


def scalar(owner, query: str, **params):
    with owner.connect() as conn:
        return conn.execute(sa.text(query), params).scalar()


def token(client: TestClient) -> str:
    client.get("/")
    return client.cookies[web.CSRF_COOKIE]


def fact_key(owner, quote_part: str, unit: str) -> str:
    return scalar(owner, "SELECT fact_key FROM review.facts WHERE source_key = :k AND quote LIKE :q AND unit = :u"
                         " ORDER BY char_start LIMIT 1", k=SEED_KEY, q=f"%{quote_part}%", u=unit)


def post(client: TestClient, action: str, **form):
    return client.post(f"/review/{action}", data={"csrf_token": token(client), "next": "/", **form})


# --- pages ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/", "/?q=青山湖科技城", f"/?platform={quote(PLATFORM)}", "/?from=2022-01-01&to=2022-12-31",
    f"/article?key={SEED_KEY}", f"/article/raw?key={SEED_KEY}", "/facts", "/facts?sort=value&dir=asc&page=1",
    f"/facts?subject={quote(PLATFORM)}&year=2021&period_kind=actual", f"/subject?kind=platform&name={quote(PLATFORM)}",
    "/conflicts", f"/conflicts?subject={quote(PLATFORM)}", "/static/app.css", "/static/app.js",
])
def test_pages_answer(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize("path, status, says", [
    ("/article?key=nope.txt", 404, "no article with source_key"),
    ("/article/raw?key=nope.txt", 404, "no article with source_key"),
    ("/subject?kind=platform&name=没有这个平台", 404, "no platform named"),
    ("/subject?kind=galaxy&name=x", 400, "kind must be one of"),
    ("/facts?sort=drop table", 400, "sort must be one of"),
    ("/facts?year=20x2", 400, "is not a year"),
    ("/?from=yesterday", 400, "is not a date"),
    ("/?page=0", 400, "is not a page number"),
    ("/nowhere", 404, "no page /nowhere"),
])
def test_bad_requests_get_a_one_line_reason(client, path, status, says):
    response = client.get(path)
    assert response.status_code == status
    assert says in unescape(response.text)


def test_hostile_article_text_is_escaped_everywhere(client):
    pages = [client.get("/").text, client.get("/article?key=hostile.txt").text,
             client.get("/article/raw?key=hostile.txt").text, client.get("/facts?source=hostile.txt").text]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;青山湖" in pages[0]      # the title, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]                         # the body, as text


def test_pages_forbid_inline_script_and_framing(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_a_figure_is_marked_at_its_place_in_the_text(client, seeded):
    owner = seeded[1]
    key = fact_key(owner, "达113.8亿元", "亿元")
    text = scalar(owner, "SELECT text FROM public.sources WHERE source_key = :k", k=SEED_KEY)
    html = client.get(f"/article?key={SEED_KEY}").text
    mark = re.search(rf'<a class="fig [^"]*" id="q-{key}"[^>]*data-start="(\d+)" data-end="(\d+)"[^>]*>(.*?)</a>', html)
    assert mark is not None
    start, end = int(mark[1]), int(mark[2])
    assert text[start:end] == "113.8亿元" == re.sub(r"<[^>]+>", "", mark[3])
    assert "杭州青山湖科技城" in unescape(re.search(rf'id="q-{key}"[^>]*data-tip="([^"]*)"', html)[1])


def test_candidates_are_shown_faintly_and_mentions_underlined(client, seeded):
    owner = seeded[1]
    candidates = scalar(owner, "SELECT count(*) FROM reporting.fact_candidates WHERE source_key = :k", k=SEED_KEY)
    html = client.get(f"/article?key={SEED_KEY}").text
    assert candidates > 0 and html.count('class="fact ') - html.count("faint\"") >= 0
    assert len(re.findall(r'<a class="fig [^"]*faint"', html)) >= 1
    assert '<span class="ment" data-entity="platform" title="杭州青山湖科技城（platform）">' in html
    assert "(month, manifest)" in html  # the date and its basis


def test_facts_csv_is_exactly_the_page_with_a_bom(client):
    html = client.get("/facts?sort=value&dir=desc").text
    shown = re.findall(r'<td class="quote"><a href="([^"]+)">', html)
    response = client.get("/facts?sort=value&dir=desc&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffsource_key,published_on,subject_kind,subject_name")
    lines = body[1:].split("\r\n")
    assert lines[-1] == "" and len(lines) - 2 == len(shown) == 50
    keys = [unescape(link).rsplit("#q-", 1)[1] for link in shown]
    import csv

    assert [row["fact_key"] for row in csv.DictReader(io.StringIO(body[1:]))] == keys


def test_facts_are_paginated_on_the_server(client, seeded):
    total = scalar(seeded[1], "SELECT count(*) FROM reporting.facts")
    first = client.get("/facts?sort=subject&dir=asc").text
    second = client.get("/facts?sort=subject&dir=asc&page=2").text
    keys = lambda html: re.findall(r"#q-([0-9a-f]+)", html)
    assert f"{total:,} facts" in first and len(keys(first)) == 50
    assert len(keys(second)) == min(50, total - 50) and not set(keys(first)) & set(keys(second))


def test_the_article_views_hold_the_contract_views_rows(seeded):
    owner = seeded[1]
    def keys(query: str) -> list[str]:
        with owner.connect() as conn:
            return sorted(r[0] for r in conn.execute(sa.text(query)))

    assert keys("SELECT fact_key FROM reporting.source_facts WHERE is_shown") == keys("SELECT fact_key FROM reporting.facts")
    assert keys("SELECT fact_key FROM reporting.source_facts WHERE NOT is_shown") == keys(
        "SELECT fact_key FROM reporting.fact_candidates")
    columns = "source_key, entity_kind, entity_name, surface, char_start, char_end, entity_key"
    assert keys(f"SELECT ({columns})::text FROM reporting.source_mentions") == keys(
        f"SELECT ({columns})::text FROM reporting.entity_mentions")


def test_subject_page_charts_each_metric_with_points_linking_to_sentences(client, seeded):
    key = fact_key(seeded[1], "达113.8亿元", "亿元")
    html = client.get(f"/subject?kind=platform&name={quote(PLATFORM)}").text
    assert html.count('<svg class="chart"') == scalar(
        seeded[1], "SELECT count(DISTINCT (metric, coalesce(base_unit, unit))) FROM reporting.facts"
                   " WHERE subject_name = :n", n=PLATFORM)
    assert f'href="/article?key={SEED_KEY}#q-{key}" class="pt-link" data-fact-key="{key}"' in html
    assert "杭州城西科创大走廊</a> › <strong>杭州青山湖科技城" in html  # its place in the hierarchy
    assert "国家级绿色工业园区" in html                                   # its designation


def test_a_subject_with_too_many_figures_charts_its_latest_and_says_so(client, monkeypatch):
    from loaders.web import queries

    monkeypatch.setattr(queries, "CHART_FACTS", 3)
    html = client.get(f"/subject?kind=platform&name={quote(PLATFORM)}").text
    assert html.count('class="pt-link"') == 3
    assert "these are the 3 of its latest articles" in html


def test_search_segments_the_query_with_the_domain_dictionary(client):
    # the domain dictionary keeps 规上工业增加值 whole (plain jieba cuts 城规 / 上)
    assert web.segment("青山湖科技城规上工业增加值") == ("青山湖", "科技城", "规上工业增加值")
    html = client.get("/?q=" + quote("青山湖科技城 规上工业增加值")).text
    assert SEED_KEY in html and "001_566e17749c99ed6d.txt" not in html


def test_conflicts_too_slow_to_find_ask_for_a_subject(client, monkeypatch):
    from loaders.web import queries

    def slow(conn, subject, page):  # the view on a big database: longer than its statement timeout
        conn.execute(sa.text("SET LOCAL statement_timeout = 1"))
        conn.execute(sa.text("SELECT pg_sleep(0.2)"))

    monkeypatch.setattr(queries, "conflicts", slow)
    response = client.get("/conflicts")
    assert response.status_code == 503 and "choose a subject" in response.text
    assert client.get("/").status_code == 200  # the connection went back to the pool usable


def test_conflict_rows_of_either_shape_become_groups():
    pair = {"subject_kind": "platform", "subject_name": "A", "metric": "m", "period_kind": "actual",
            "period_start": None, "period_end": None, "value_a": 1, "unit_a": "亿元", "source_key_a": "a.txt",
            "quote_a": "达1亿元", "value_b": 2, "unit_b": "亿元", "source_key_b": "b.txt", "quote_b": "达2亿元"}
    groups = render.conflict_groups(list(pair), [pair, {**pair, "value_b": 3, "source_key_b": "c.txt"}])
    assert len(groups) == 1 and [s["value"] for s in groups[0]["statements"]] == [1, 2, 3]
    series = {"subject_kind": "platform", "subject_name": "A", "metric": "m", "period_kind": "actual",
              "period_start": None, "period_end": None, "values": [1, 2], "source_keys": ["a.txt", "b.txt"],
              "value_count": 2}
    groups = render.conflict_groups(list(series), [series])
    assert [(s["value"], s["source_key"]) for s in groups[0]["statements"]] == [(1, "a.txt"), (2, "b.txt")]
    assert groups[0]["other"]["value_count"] == 2


# --- least privilege, CSRF, read-only -----------------------------------------------------------------

def test_pages_read_as_parkdb_reader_and_forms_write_as_parkdb_reviewer(seeded, request):
    engines = serve.engines(db.Database(seeded[0], embedded=False), read_only=False)
    request.addfinalizer(lambda: [e.dispose() for e in (engines.reader, engines.reviewer, engines.loader)])
    with engines.reader.connect() as conn:
        assert conn.execute(sa.text("SELECT current_user")).scalar() == "parkdb_reader"
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            conn.execute(sa.text("SELECT 1 FROM public.sources"))
    with engines.reviewer.connect() as conn:
        assert conn.execute(sa.text("SELECT current_user")).scalar() == "parkdb_reviewer"
    with engines.loader.connect() as conn:
        assert conn.execute(sa.text("SELECT current_user")).scalar() == "parkdb_loader"


@pytest.mark.parametrize("given", [None, "forged"])
def test_a_form_without_its_csrf_token_is_refused(client, seeded, given):
    key = fact_key(seeded[1], "仅增长7%", "%")
    before = scalar(seeded[1], "SELECT count(*) FROM review.judgements")
    token(client)
    form = {"fact_key": key, "why": "test", "next": "/"} | ({"csrf_token": given} if given else {})
    response = client.post("/review/reject", data=form)
    assert response.status_code == 403 and "CSRF token" in response.text
    assert scalar(seeded[1], "SELECT count(*) FROM review.judgements") == before


def test_read_only_shows_no_form_and_refuses_actions(read_only_client, seeded):
    key = fact_key(seeded[1], "仅增长7%", "%")
    html = read_only_client.get(f"/article?key={SEED_KEY}").text
    assert "/review/" not in html and "read-only" in html
    response = post(read_only_client, "reject", fact_key=key, why="test")
    assert response.status_code == 403 and "read-only" in response.text
    assert scalar(seeded[1], "SELECT count(*) FROM review.judgements WHERE fact_key = :k", k=key) == 0


def test_a_redirect_never_leaves_the_site():
    assert web.safe_next("//evil.example/x") == "/" and web.safe_next("https://evil.example") == "/"
    assert web.safe_next("/article?key=a.txt#q-1") == "/article?key=a.txt#q-1"


# --- review actions -----------------------------------------------------------------------------------

def judgement(owner, action: str, key: str) -> int:
    return scalar(owner, "SELECT max(id) FROM review.judgements WHERE action = :a"
                         " AND coalesce(fact_key, source_key, entity_key) = :k AND undone_at IS NULL", a=action, k=key)


def test_the_facts_table_offers_the_review_forms_unless_read_only(client, read_only_client, seeded):
    key = fact_key(seeded[1], "仅增长7%", "%")
    html = client.get(f"/facts?source={SEED_KEY}").text
    assert re.search(rf'action="/review/reject" class="reject">.*?name="fact_key" value="{key}"', html, re.S)
    assert "/review/" not in read_only_client.get(f"/facts?source={SEED_KEY}").text


def test_reject_from_the_facts_table_comes_back_to_it(client, seeded):
    owner, key = seeded[1], fact_key(seeded[1], "规模工业综合能耗等价值", "吨标煤")
    here = f"/facts?source={SEED_KEY}&sort=value"
    response = client.post("/review/reject", data={"csrf_token": token(client), "next": here, "fact_key": key,
                                                    "why": "checked against the yearbook"})
    assert response.status_code == 303 and response.headers["location"] == here
    assert key not in client.get(here).text
    assert post(client, "undo", id=str(judgement(owner, "reject", key))).status_code == 303
    assert key in client.get(here).text


def test_reject_then_undo(client, seeded):
    owner, key = seeded[1], fact_key(seeded[1], "仅增长7%", "%")
    assert post(client, "reject", fact_key=key, why="").status_code == 400  # a reason is required
    response = post(client, "reject", fact_key=key, why="a growth rate, not a stock")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert scalar(owner, "SELECT count(*) FROM reporting.facts WHERE fact_key = :k", k=key) == 0
    assert scalar(owner, "SELECT why FROM review.judgements WHERE fact_key = :k", k=key) == "a growth rate, not a stock"
    html = client.get(f"/article?key={SEED_KEY}").text
    assert f'id="q-{key}"' not in html and "<del>7 % " in html
    assert post(client, "undo", id=str(judgement(owner, "reject", key))).status_code == 303
    assert scalar(owner, "SELECT count(*) FROM reporting.facts WHERE fact_key = :k", k=key) == 1


def test_confirm_and_edit_a_fact(client, seeded):
    owner, key = seeded[1], fact_key(seeded[1], "达113.8亿元", "亿元")
    assert post(client, "set", fact_key=key, value="113.9亿元", why="typo in the article").status_code == 303
    assert scalar(owner, "SELECT value::text || review_status FROM reporting.facts WHERE fact_key = :k", k=key) == "113.9corrected"
    assert post(client, "undo", id=str(judgement(owner, "set", key))).status_code == 303
    assert post(client, "confirm", fact_key=key, why="checked").status_code == 303
    assert scalar(owner, "SELECT review_status FROM reporting.facts WHERE fact_key = :k", k=key) == "confirmed"
    response = post(client, "confirm", fact_key=key, why="again")
    assert response.status_code == 400 and "contradicts or repeats judgement" in unescape(response.text)
    assert post(client, "undo", id=str(judgement(owner, "confirm", key))).status_code == 303


def test_add_a_missed_figure_from_its_quote(client, seeded):
    owner = seeded[1]
    response = post(client, "add", source_key=SEED_KEY, quote="与全省0.49的“标准线”相比", figure="0.49", unit="吨标煤", subject=PLATFORM, subject_kind="platform",
                    metric="万元增加值综合能耗", period="unknown", why="the province's benchmark")
    assert response.status_code == 303, response.text
    added = scalar(owner, "SELECT fact_key FROM reporting.facts WHERE review_status = 'added' AND source_key = :k", k=SEED_KEY)
    assert added and f'id="q-{added}"' in client.get(f"/article?key={SEED_KEY}").text
    response = post(client, "add", source_key=SEED_KEY, quote="这句话不在文章里", subject=PLATFORM, metric="x", why="y")
    assert response.status_code == 400 and "is not in" in unescape(response.text)
    assert post(client, "undo", id=str(judgement(owner, "add", added))).status_code == 303


def test_fix_an_articles_date_rereads_it_and_undo_puts_it_back(client, seeded):
    owner = seeded[1]
    basis = lambda: scalar(owner, "SELECT published_on::text || ' ' || published_basis FROM reporting.sources"
                                  " WHERE source_key = :k", k=SEED_KEY)
    loaded = lambda: scalar(owner, "SELECT last_loaded_at FROM reporting.sources WHERE source_key = :k", k=SEED_KEY)
    assert basis() == "2022-04-01 manifest"
    before = loaded()
    assert post(client, "date", source_key=SEED_KEY, date="2022-05-06", why="the paper's print date").status_code == 303
    assert basis() == "2022-05-06 review"
    assert loaded() > before  # read again (as parkdb_loader) against the new date
    response = post(client, "date", source_key=SEED_KEY, date="not a date", why="x")
    assert response.status_code == 400 and "does not parse" in unescape(response.text)
    assert post(client, "undo", id=str(judgement(owner, "source_set", SEED_KEY))).status_code == 303
    assert basis() == "2022-04-01 manifest"


def test_a_date_whose_rereading_fails_says_so(client, seeded, monkeypatch):
    from urllib.parse import unquote

    def broken(conn, key):
        raise RuntimeError("disk full")

    monkeypatch.setattr("loaders.review.reextract", broken)
    response = post(client, "date", source_key=SEED_KEY, date="2022-05-07", why="test")
    assert response.status_code == 303
    assert "reading 000_d31637c278a3ddae.txt again failed (RuntimeError: disk full)" in unquote(
        response.cookies.get("parkdb_flash") or client.cookies.get("parkdb_flash"))
    assert post(client, "undo", id=str(judgement(seeded[1], "source_set", SEED_KEY))).status_code == 303


def test_merge_two_entities(client, seeded):
    owner = seeded[1]
    first, second = (scalar(owner, "SELECT entity_key FROM public.enterprises WHERE name = :n", n=n)
                     for n in ("嘉实基金", "安捷伦"))
    assert first and second
    response = post(client, "merge", entity=first, other=second, why="test: fold one into the other")
    assert response.status_code == 303, response.text
    assert scalar(owner, "SELECT count(*) FROM public.enterprises WHERE entity_key = :k", k=second) == 0
    assert scalar(owner, "SELECT count(*) FROM public.enterprise_aliases WHERE alias = '安捷伦'") == 1
    response = post(client, "merge", entity=first, other=first, why="x")
    assert response.status_code == 400 and "into itself" in response.text


# --- the command ---------------------------------------------------------------------------------------

def test_serve_refuses_a_schema_not_at_head(postgresql_empty, capsys):
    from conftest import url_of

    url = url_of(postgresql_empty).render_as_string(hide_password=False)
    assert cli.main(["serve", "--port", "0", "--database-url", url]) == cli.EXIT_NOT_AT_HEAD
    assert "run parkdb upgrade" in capsys.readouterr().err


def test_serve_says_when_its_port_is_taken(seeded, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port), "--database-url", seeded[0]]) == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"parkdb serve: cannot listen on 127.0.0.1:{port}:")


def test_serve_answers_only_to_loopback_names_on_loopback():
    assert serve.allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "::1"]
    assert serve.allowed_hosts("0.0.0.0") is None


def test_the_conflicts_page_shows_each_distinct_figure_of_a_series(postgresql_proc, tmp_path):
    """Two articles telling one subject's metric for one year differently: one row, both figures."""
    with fresh_database(postgresql_proc, "parkdb_web_conflicts") as url:
        for i, value in enumerate(("120", "135")):
            folder = tmp_path / f"c{i}"
            folder.mkdir()
            (folder / f"{i}.txt").write_text(f"青山湖数据{i}\n\n2023年3月{i + 1}日讯 2022年，{PLATFORM}规上工业增加值达{value}亿元。\n",
                                             encoding="utf-8")
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli.main(["load", str(folder), "--database-url", url, "--quiet"]) == 0
        with make_client(url, read_only=True) as c:
            page = unescape(c.get(f"/conflicts?subject={quote(PLATFORM)}").text)
        assert "120" in page and "135" in page and "规上工业增加值" in page
