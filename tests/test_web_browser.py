"""parkdb serve in a real browser (issue 13): Debian's headless Chromium driven by Playwright.

The test starts `parkdb serve --port 0` on a database loaded with the seeds, opens an
article, checks a figure is highlighted at its place, follows it to its subject's chart
and back, rejects it with a reason, sees the corrected state and undoes it. Every page
is saved as a screenshot under the run's output folder ($PARKDB_TEST_OUTPUT, default
.parkdb/test-output/screenshots); the article, subject and review shots are copied
into docs/ for README. Chromium comes from apt (installed here when missing, as root);
Playwright never downloads a browser.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from loaders import cli

from databases import fresh_database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED_KEY = "000_d31637c278a3ddae.txt"
SEED_TITLE = "杭州青山湖科技城：循绿色发展之脉 阔步迈向高质量"
OUTPUT = Path(os.environ.get("PARKDB_TEST_OUTPUT") or ROOT / ".parkdb" / "test-output") / "screenshots"
FOR_README = ("article", "subject", "review")

pytestmark = pytest.mark.slow


def ensure_chromium() -> None:
    """Debian's chromium (and a CJK font, else every character is a box), installed with apt when missing."""
    if Path(CHROMIUM).exists():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(f"{CHROMIUM} is missing: run `sudo apt-get install -y chromium fonts-wqy-microhei`")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    packages = ["chromium", "fonts-wqy-microhei"]
    if subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env, capture_output=True).returncode:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
        done = subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env, capture_output=True, text=True)
        if done.returncode:
            pytest.fail(f"apt-get install chromium failed: {done.stderr.strip().splitlines()[-1:]}")


@pytest.fixture(scope="module")
def seeded_url(postgresql_proc):
    with fresh_database(postgresql_proc, "parkdb_web_browser") as url:
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["load", str(ROOT / "seeds"), "--database-url", url, "--quiet"]) == 0
        yield url


@pytest.fixture(scope="module")
def server(seeded_url):
    """`parkdb serve --port 0` as a user starts it; its first line is the URL."""
    proc = subprocess.Popen([sys.executable, "-m", "loaders", "serve", "--port", "0", "--database-url", seeded_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline()
    if not line.startswith("parkdb serve: http://127.0.0.1:"):
        proc.kill()
        pytest.fail(f"parkdb serve did not print its URL: {line!r} {proc.stderr.read()[-2000:]}")
    yield line.split()[2]
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("parkdb serve did not stop within 15 s of SIGTERM")


@pytest.fixture(scope="module")
def browser():
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def shot(page, name: str, full_page: bool = False) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=full_page)
    if name in FOR_README:
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(OUTPUT / f"{name}.png", ROOT / "docs" / f"serve-{name}.png")


def test_read_follow_reject_and_undo_in_a_browser(page, server, seeded_url):
    engine = sa.create_engine(seeded_url)
    with engine.connect() as conn:
        key = conn.execute(sa.text("SELECT fact_key FROM reporting.facts WHERE source_key = :k AND quote LIKE :q"
                                   " AND unit = '亿元'"), {"k": SEED_KEY, "q": "%达113.8亿元%"}).scalar_one()
        text = conn.execute(sa.text("SELECT text FROM public.sources WHERE source_key = :k"), {"k": SEED_KEY}).scalar_one()
    engine.dispose()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The list of articles, then the article.
    page.goto(server)
    assert page.locator("table tbody tr").count() == 5
    shot(page, "articles")
    page.get_by_role("link", name=SEED_TITLE).click()
    page.wait_for_url("**/article?key=*")

    # The figure is highlighted where the article says it, and tells what it is on focus.
    figure = page.locator(f"#q-{key}")
    assert figure.inner_text() == "113.8亿元"
    start = int(figure.get_attribute("data-start"))
    assert text[start:start + len("113.8亿元")] == "113.8亿元"
    before = figure.evaluate("""el => { const r = document.createRange();
        r.setStart(el.closest('p'), 0); r.setEndBefore(el); return r.toString(); }""")
    assert before and text[start - len(before):start] == before
    figure.focus()
    assert figure.evaluate("el => el === document.activeElement")
    tip = figure.evaluate("el => getComputedStyle(el, '::after').content")
    assert "杭州青山湖科技城" in tip and "规上工业增加值" in tip and "113.8 亿元" in tip
    assert figure.evaluate("el => getComputedStyle(el).outlineStyle") != "none"  # visible focus
    shot(page, "article")

    # Follow it to the subject's chart, and the chart's point back to the sentence.
    figure.click()
    page.locator(f"#fact-{key} a.subject-link").click()
    page.wait_for_url("**/subject?kind=platform*")
    point = page.locator(f'svg.chart a[data-fact-key="{key}"]')
    assert point.count() == 1
    assert page.locator("h1").inner_text().startswith("杭州青山湖科技城")
    point.scroll_into_view_if_needed()
    shot(page, "subject")
    point.click()
    page.wait_for_url(f"**/article?key={SEED_KEY}#q-{key}")

    # Reject it with a reason.
    item = page.locator(f"#fact-{key}")
    item.locator("summary", has_text="Reject").click()
    item.locator("form.reject input[name=why]").fill("the same figure as 破百亿, counted once")
    item.scroll_into_view_if_needed()
    shot(page, "review")
    with page.expect_navigation():
        item.locator("form.reject button").click()

    # The corrected state: no longer highlighted, listed as rejected, the judgement shown.
    assert "reject" in page.locator(".flash").inner_text()
    assert page.locator(f"#q-{key}").count() == 0
    assert page.locator(f'ul.rejected li[data-fact-key="{key}"]').inner_text().startswith("113.8 亿元")
    row = page.locator("#judgements tbody tr").first
    assert "reject" in row.inner_text() and "the same figure as 破百亿, counted once" in row.inner_text()
    page.locator("#judgements").scroll_into_view_if_needed()
    shot(page, "corrected")

    # Undo it: the figure is back.
    with page.expect_navigation():
        row.get_by_role("button", name="Undo 撤销").click()
    assert "undone" in page.locator(".flash").inner_text(), page.content()[-1500:]
    assert page.locator(f"#q-{key}").inner_text() == "113.8亿元"
    assert errors == []


@pytest.mark.parametrize("name, path, expect", [
    ("facts", "facts?sort=value", "table.facts-table tbody tr"),
    ("conflicts", "conflicts", "main h1"),
    ("raw", f"article/raw?key={SEED_KEY}", "pre.raw"),
    ("phone-article", f"article?key={SEED_KEY}", "#article-text p"),
])
def test_each_page_renders_in_a_browser(browser, server, name, path, expect):
    phone = name.startswith("phone")
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(request.url))
    page.goto(server + path)
    assert page.locator(expect).first.is_visible()
    if phone:  # one column: the text is not squeezed beside the side panels
        assert page.locator("#article-text").bounding_box()["width"] > 300
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, name)
    context.close()
    assert errors == []


def test_keyboard_reaches_the_first_figure(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + f"article?key={SEED_KEY}")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fig')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('fig')")
    context.close()
