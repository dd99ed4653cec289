"""read_article: decoding, rejections, HTML, the five seeds, manifests and date precedence."""
from datetime import date
from pathlib import Path

import pytest

from loaders.read import ManifestEntry, RejectedFile, load_manifest, parse_manifest, read_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIMPLIFIED = "青山湖科技城规上工业增加值达113.8亿元，同比增长31%。"
TRADITIONAL = "青山湖科技城規上工業增加值達113.8億元，同比增長31%。"


def read(data: bytes, name: str = "a.txt", **kwargs):
    """read_article on in-memory bytes under a made-up file name."""
    return read_article(Path(name), data, **kwargs)


@pytest.mark.parametrize("data, text, encoding", [
    (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
    (("\ufeff" + SIMPLIFIED).encode("utf-8"), SIMPLIFIED, "utf-8-sig"),
    (SIMPLIFIED.encode("utf-16"), SIMPLIFIED, "utf-16"),
    (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, "utf-16"),
    (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
    (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
    (SIMPLIFIED.encode("gb2312"), SIMPLIFIED, "gb18030"),
    ("杭州科技城".encode("gbk"), "杭州科技城", "gb18030"),
    (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
])
def test_decodes_chinese_encodings(data, text, encoding):
    article = read(data)
    assert (article.text, article.raw_text, article.encoding) == (text, text, encoding)


def test_encoding_is_detected_from_content_not_extension():
    article = read(SIMPLIFIED.encode("gb18030"), name="a.html.txt")
    assert (article.text, article.encoding, article.media_type) == (SIMPLIFIED, "gb18030", "text/plain")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \r\n\t\n", "empty file"),
    ("\ufeff \n".encode("utf-8"), "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (NUL bytes)"),
    ("杭州".encode("utf-8") + b"\x00\x00", "binary file (NUL bytes)"),
    (bytes(range(128, 256)) * 4, "cannot decode text (no encoding fits the bytes)"),
    (b"Quarterly report: output rose 31%.", "no Chinese text"),
    ("Café déjà vu, naïve résumé".encode("latin-1"), "no Chinese text"),
    (b"<html><body><p>Only English here, nothing else at all.</p></body></html>", "no Chinese text"),
])
def test_rejects_with_reason(data, reason):
    with pytest.raises(RejectedFile) as exc:
        read(data)
    assert str(exc.value) == reason


@pytest.mark.parametrize("data, reason", [
    ("東京都の工業生産額は前年より増加した。新しい工場が建設されている。".encode("shift_jis"),
     "cannot decode text (looks like cp932, not a Chinese encoding)"),
    ("東京都の工業生産額は前年より増加した。".encode("euc_jp"), "no Chinese text"),  # decodes to Hangul only
    ("서울시 산업 생산액이 증가했다. 새로운 공장이 건설되고 있다.".encode("euc_kr"), "no Chinese text"),
])
def test_rejects_mojibake_rather_than_guessing_chinese(data, reason):
    with pytest.raises(RejectedFile) as exc:
        read(data)
    assert str(exc.value) == reason


def test_rejects_undecodable_utf16():
    with pytest.raises(RejectedFile, match=r"^cannot decode text \(utf-16 byte-order mark"):
        read(b"\xff\xfe" + "杭州".encode("utf-16-le") + b"\x00\xd8")


@pytest.mark.parametrize("size, limit, reason", [
    (11, 10, "file is 11 bytes, over the 10 bytes limit"),
    (3 * 1024, 2048, "file is 3.0 KB, over the 2.0 KB limit"),
    (10 * 1024 * 1024, 5 * 1024 * 1024, "file is 10.0 MB, over the 5.0 MB limit"),
])
def test_rejects_oversized_file_before_decoding(size, limit, reason):
    # NUL bytes would be a different rejection: size must be checked first.
    with pytest.raises(RejectedFile) as exc:
        read(b"\x00" * size, max_bytes=limit)
    assert str(exc.value) == reason


def test_accepts_file_at_the_limit():
    data = "杭州".encode("utf-8")
    assert read(data, max_bytes=len(data)).text == "杭州"


PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>紫金港科技城创新制胜_新江南网</title>
<meta property="og:title" content="紫金港科技城创新制胜 培育新动能塑造新优势">
<meta property="og:site_name" content="新江南网">
<link rel="canonical" href="https://www.xjnnet.com/news/2023/0106/123.html">
<style>.nav {{ color: red }} .样式 {{ font-size: 12px }}</style>
<script>var tracking = "统计脚本内容";</script>
</head><body>
<nav class="nav"><a href="/">首页</a> <a href="/news">新闻中心</a> <a href="/about">导航栏目录</a></nav>
<div class="article">
<h1>紫金港科技城创新制胜 培育新动能塑造新优势</h1>
<div class="info">2023-01-06 10:20 来源:新江南网</div>
<p>作为城西科创大走廊的东首、杭州云城的重要组成部分,紫金港科技城这座面积约21平方公里的“城”,打造出了一片产业热土。</p>
<p>2022年9月,杭州城西科创大走廊西湖片区高质量发展领导小组办公室成立。</p>
<p>如今,紫金港科技城正挥舞着创新之翼。</p>
</div>
<footer>新江南网版权所有 苏ICP备17007001号-1 页脚联系我们</footer>
<script>document.write("页脚脚本");</script>
</body></html>"""


@pytest.mark.parametrize("name, charset", [("page.html", "utf-8"), ("page.htm", "gb18030"), ("page.txt", "utf-8")])
def test_html_main_text_title_and_date(name, charset):
    article = read(PAGE.format(charset=charset).encode(charset), name=name)
    assert "打造出了一片产业热土。" in article.text
    assert "正挥舞着创新之翼。" in article.text
    for chrome in ("统计脚本内容", "页脚脚本", "导航栏目录", "font-size", "ICP备", "页脚联系我们"):
        assert chrome not in article.text
    assert (article.title, article.published_on, article.date_precision, article.date_basis) == (
        "紫金港科技城创新制胜 培育新动能塑造新优势", date(2023, 1, 6), "day", "explicit")
    assert (article.publisher, article.url, article.media_type) == (
        "新江南网", "https://www.xjnnet.com/news/2023/0106/123.html", "text/html")
    assert article.raw_text == PAGE.format(charset=charset)


SHORT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>钱开区交出高质量发展成绩单-浙江在线</title></head><body>
<div id="top"><ul><li><a href="/">首页</a></li><li><a href="/a">要闻</a></li><li><a href="/c">侧栏链接甲</a></li></ul></div>
<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a href="/a">资讯</a> &gt; 正文</div>
<div class="main"><h1 class="title">钱开区交出高质量发展成绩单</h1>
<div class="meta"><span>2022-04-19 08:30</span> <span>来源:浙江日报</span></div>
<div class="content"><p>记者 张三 通讯员 李四</p>
<p>\u3000\u30003年来,钱开区已成功引进项目40余个。</p>
<p>\u3000\u3000钱开区实施“点对点”服务。</p>
<p>\u3000\u3000(责任编辑:王五)</p></div></div>
<div class="side"><h3>相关新闻</h3><ul><li><a href="/x1">侧栏新闻标题一则很长很长</a></li></ul></div>
<div class="footer">浙江在线版权所有 浙ICP备05050855号</div>
</body></html>"""


def test_short_html_page_keeps_article_and_drops_page_chrome():
    article = read(SHORT_PAGE.encode("gb2312"), name="short.htm")
    assert article.text == ("钱开区交出高质量发展成绩单\n\n2022-04-19 08:30 来源:浙江日报\n\n记者 张三 通讯员 李四\n\n"
                            "3年来,钱开区已成功引进项目40余个。\n\n钱开区实施“点对点”服务。")
    assert (article.title, article.authors, article.publisher, article.published_on, article.encoding) == (
        "钱开区交出高质量发展成绩单", ("张三", "李四"), "浙江日报", date(2022, 4, 19), "gb18030")


def test_html_without_article_text_is_rejected():
    with pytest.raises(RejectedFile, match="^no article text found in HTML$"):
        read(b"<html><head><script>var a = 1;</script></head><body><nav></nav></body></html>", name="a.html")


@pytest.mark.parametrize("name, title, subtitle, authors", [
    ("000_d31637c278a3ddae.txt", "杭州青山湖科技城：循绿色发展之脉 阔步迈向高质量",
     "打造“硬科技”创新策源地 勇做大走廊发展增长极", ("姜晓涵", "周艳清")),
    ("001_566e17749c99ed6d.txt", "打赢“翻身仗”冲刺“半年红” 杭州产业平台发力拼经济",
     None, ("张留", "王心慧", "宋桔丽", "叶松耸")),
    ("002_8ab3c409b172f4a7.txt", "双引擎蓄力“石头城”变身未来产业经济增长地 杭州钱开区:交出高质量发展成绩单",
     None, ("应陶",)),
    ("003_f116ed68645fab5e.txt", "“硬科技”之城③丨集聚一流项目 做强产业生态圈", None, ()),
    ("004_a58be657e1a5f8cd.txt", "紫金港科技城创新制胜 培育新动能塑造新优势", None, ()),
])
def test_seed_headline_kicker_and_byline(name, title, subtitle, authors):
    article = read((SEEDS / name).read_bytes(), name=name)
    assert (article.title, article.subtitle, article.authors) == (title, subtitle, authors)


@pytest.mark.parametrize("name, published_on, precision, basis", [
    ("000_d31637c278a3ddae.txt", date(2022, 4, 1), "month", "inferred"),
    ("001_566e17749c99ed6d.txt", date(2023, 6, 1), "month", "inferred"),
    ("002_8ab3c409b172f4a7.txt", date(2022, 1, 1), "year", "inferred"),
    ("003_f116ed68645fab5e.txt", date(2021, 1, 1), "month", "inferred"),
    ("004_a58be657e1a5f8cd.txt", date(2023, 1, 6), "day", "explicit"),
])
def test_seed_date_without_manifest(name, published_on, precision, basis):
    article = read((SEEDS / name).read_bytes(), name=name)
    assert (article.published_on, article.date_precision, article.date_basis) == (published_on, precision, basis)


def test_seed_004_site_publisher_and_url_from_text():
    article = read((SEEDS / "004_a58be657e1a5f8cd.txt").read_bytes())
    assert (article.publisher, article.url) == ("新江南网", "https://www.xjnnet.com/")


def test_seed_text_keeps_every_gold_quote():
    import json
    gold = Path("/work/shared/gold")
    if not gold.is_dir():
        pytest.skip("gold annotations not available")
    missing = []
    for path in sorted(gold.glob("0*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = read((SEEDS / record["article"]).read_bytes()).text
        missing += [q["quote"] for q in record["facts"] if q["quote"] not in text]
    assert missing == []


def test_seed_manifest_dates_match_gold():
    entries = load_manifest(SEEDS)
    assert {name: (e.published_on, e.precision) for name, e in entries.items()} == {
        "000_d31637c278a3ddae.txt": (date(2022, 4, 1), "month"),
        "001_566e17749c99ed6d.txt": (date(2023, 6, 1), "month"),
        "002_8ab3c409b172f4a7.txt": (date(2022, 4, 1), "month"),
        "003_f116ed68645fab5e.txt": (date(2021, 2, 1), "month"),
        "004_a58be657e1a5f8cd.txt": (date(2023, 1, 6), "day"),
    }


def test_manifest_parses_comments_and_date_precisions():
    content = ("file,url,publisher,published_on\n"
               "# how the dates were found\n"
               "a.txt,https://example.com/a,浙江日报,2023-01-06\n"
               "b.txt,,,2022-04\n"
               "\n"
               "c.txt,,新江南网,2021\n"
               "d.txt,,,\n")
    assert parse_manifest(content) == {
        "a.txt": ManifestEntry("https://example.com/a", "浙江日报", date(2023, 1, 6), "day"),
        "b.txt": ManifestEntry(None, None, date(2022, 4, 1), "month"),
        "c.txt": ManifestEntry(None, "新江南网", date(2021, 1, 1), "year"),
        "d.txt": ManifestEntry(None, None, None, None),
    }


def test_missing_manifest_is_empty(tmp_path):
    assert load_manifest(tmp_path) == {}


def test_manifest_file_is_read_from_folder(tmp_path):
    (tmp_path / "manifest.csv").write_text("\ufefffile,url,publisher,published_on\na.txt,,,2022-04\n", encoding="utf-8")
    assert load_manifest(tmp_path) == {"a.txt": ManifestEntry(None, None, date(2022, 4, 1), "month")}


@pytest.mark.parametrize("content, message", [
    ("file,url,published_on\n", "line 1: header must be file,url,publisher,published_on"),
    ("file,url,publisher,published_on\n# c\na.txt,,,2022-4-1-1\n", "line 3: published_on '2022-4-1-1' is not"),
    ("file,url,publisher,published_on\na.txt,,,2022-13\n", "line 2: published_on '2022-13'"),
    ("file,url,publisher,published_on\na.txt,,\n", "line 2: expected 4 fields, got 3"),
    ("file,url,publisher,published_on\n,,,2022\n", "line 2: empty file name"),
    ("file,url,publisher,published_on\na.txt,,,\na.txt,,,\n", "line 3: a.txt listed twice"),
])
def test_malformed_manifest_names_file_and_line(tmp_path, content, message):
    (tmp_path / "manifest.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        load_manifest(tmp_path)
    assert str(exc.value).startswith(f"{tmp_path / 'manifest.csv'}: {message}")


DATED = "紫金港科技城创新制胜\n\n2023-01-06 来源:新江南网\n\n2021年,科技城规上工业增加值达113.8亿元。今年1~3月,投资14.5亿元。"


def test_manifest_date_beats_printed_date():
    entry = ManifestEntry(None, None, date(2022, 4, 1), "month")
    article = read(DATED.encode("utf-8"), manifest=entry)
    assert (article.published_on, article.date_precision, article.date_basis, article.date_note) == (
        date(2022, 4, 1), "month", "manifest", "manifest published_on 2022-04")


def test_printed_date_beats_inference():
    article = read(DATED.encode("utf-8"))
    assert (article.published_on, article.date_precision, article.date_basis, article.date_note) == (
        date(2023, 1, 6), "day", "explicit", "printed date line '2023-01-06 来源:新江南网'")


def test_manifest_publisher_and_url_override_text():
    entry = ManifestEntry("https://example.com/a.html", "浙江日报", None, None)
    article = read(DATED.encode("utf-8"), manifest=entry)
    assert (article.publisher, article.url, article.date_basis) == ("浙江日报", "https://example.com/a.html", "explicit")


def test_source_line_gives_publisher():
    assert read(DATED.encode("utf-8")).publisher == "新江南网"


def test_no_date_at_all():
    article = read("科技城加快建设。".encode("utf-8"))
    assert (article.published_on, article.date_precision, article.date_basis, article.date_note) == (None, None, None, None)


DATED_UNDER_HEADLINE = """<html><head><meta charset="utf-8"><title>开发区跑出加速度 - 某某新闻网</title></head><body>
<div class="menu"><a href="/">首页</a><a href="/fy/">本地新闻</a></div>
<div id="main"><h2 class="title">开发区跑出加速度</h2>
<div class="meta">发布时间：2021年12月20日 16:42:05 &nbsp; 来源：某某日报 &nbsp; 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="text"><p>\u3000\u3000今年1—11月，开发区实现规上工业产值812.6亿元，同比增长18.5%。</p>
<p>\u3000\u3000开发区完成工业投资63.4亿元，同比增长24.7%。</p></div></div>
<div id="footer"><p>Copyright © 2021 example.com.cn All Rights Reserved 版权所有</p></div>
</body></html>"""


def test_html_date_printed_under_headline_beats_copyright_year():
    article = read(DATED_UNDER_HEADLINE.encode("utf-8"), name="page.html")
    assert (article.published_on, article.date_basis) == (date(2021, 12, 20), "explicit")


@pytest.mark.parametrize("meta_line, published_on", [
    ("来源：萧山日报    发布时间：2023-07-25 09:12    编辑：王琳", date(2023, 7, 25)),
    ("2022年08月16日 10:05  来源：钱江晚报  作者：吴思远", date(2022, 8, 16)),
    ("發佈日期：2023年11月08日　　來源：臨平日報", date(2023, 11, 8)),
])
def test_metadata_line_is_not_joined_to_the_first_paragraph(meta_line, published_on):
    raw = f"开发区上半年规上工业增加值增长8.6%\n{meta_line}\n【字号 大 中 小】\n\n　　本报讯 今年1—6月，开发区实现规上工业增加值186.4亿元。"
    article = read(raw.encode("utf-8"))
    assert article.published_on == published_on
    assert article.text.split("\n\n")[-1].startswith("本报讯")
