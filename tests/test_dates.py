"""Publication dates: printed date lines, inference rules and manifest date strings."""
from datetime import date

import pytest

from loaders.dates import (
    DateGuess, byline_date, closing_date, infer_date, latest_full_year, parse_manifest_date, partial_year_end, printed_date,
)

FULL_2021 = "2021年,青山湖科技城规上工业增加值首次破百亿,达113.8亿元,同比增长31%。"


@pytest.mark.parametrize("text, guess", [
    ("标题\n\n2023-01-06\n\n正文。", DateGuess(date(2023, 1, 6), "day", "printed date line '2023-01-06'")),
    ("标题\n2023年1月6日 星期五\n正文。", DateGuess(date(2023, 1, 6), "day", "printed date line '2023年1月6日 星期五'")),
    ("标题\n2023/1/6 10:20:33\n正文。", DateGuess(date(2023, 1, 6), "day", "printed date line '2023/1/6 10:20:33'")),
    ("标题\n发布时间：2022.12.30 来源：浙江日报\n正文。",
     DateGuess(date(2022, 12, 30), "day", "printed date line '发布时间：2022.12.30 来源：浙江日报'")),
    ("標題\n發佈日期：２０２３年１０月１８日　來源：日報\n正文。",
     DateGuess(date(2023, 10, 18), "day", "printed date line '發佈日期：２０２３年１０月１８日\\u3000來源：日報'")),
    ("标题\n成文日期：2023-02-20\n发布日期：2023-02-24\n正文。",
     DateGuess(date(2023, 2, 24), "day", "printed date line '发布日期：2023-02-24'")),
    ("标题\n成文日期：2023-02-20\n正文。", DateGuess(date(2023, 2, 20), "day", "printed date line '成文日期：2023-02-20'")),
    # two labels to a line: the one right before the date counts
    ("标题\n发布机构：示例办公室  生成日期：2023-01-16\n文号：示〔2023〕2号  发布日期：2023-01-18\n正文。",
     DateGuess(date(2023, 1, 18), "day", "printed date line '文号：示〔2023〕2号  发布日期：2023-01-18'")),
])
def test_printed_date_formats(text, guess):
    assert printed_date(text) == guess


@pytest.mark.parametrize("text", [
    "标题\n\n2022年9月6日,办公室成立,举全区之力加快推进建设。",    # a sentence, not a date line
    "标题\n\n2023-02-30\n\n正文。",                                  # not a real day
    "标题\n\n2022年9月\n\n正文。",                                    # no day: not a printed date
    "\n".join(["段落。"] * 12 + ["2023-01-06"]),                      # too far from the top
])
def test_no_printed_date(text):
    assert printed_date(text) is None


@pytest.mark.parametrize("text, year", [
    (FULL_2021, 2021),
    (FULL_2021 + "2022年,该区规上工业增加值756亿元。", 2022),
    ("到2025年,科技城产业空间将达到300万平方米以上。", None),        # a target
    ("2021年,钱开区规划工作专班紧跟规划动态。", None),                # no figure
    ("成功入选2021年国家级绿色工厂,产值达5亿元。", None),             # not a clause opener
])
def test_latest_full_year(text, year):
    assert latest_full_year(text) == year


@pytest.mark.parametrize("text, span", [
    ("今年1~3月,投资14.5亿元。", (3, "今年1~3月")),
    ("今年1—5月,增加值305.8亿元。今年一季度,开工20个项目。", (5, "今年1—5月")),
    ("今年一季度,开工20个项目。", (3, "今年一季度")),
    ("今年上半年,产值增长8%。", (6, "今年上半年")),
    ("今年前三季度,产值增长8%。", (9, "今年前三季度")),
    ("1-3月,投资14.5亿元。", None),
])
def test_partial_year_end(text, span):
    assert partial_year_end(text) == span


@pytest.mark.parametrize("text, guess", [
    (FULL_2021 + "今年1~3月,固定资产投资总额14.5亿元。",
     DateGuess(date(2022, 4, 1), "month", "inferred: latest full-year figures 2021, partial-year 今年1~3月 → 2022-04")),
    ("2022年,该区规上工业增加值756亿元;今年1—5月,增加值305.8亿元。",
     DateGuess(date(2023, 6, 1), "month", "inferred: latest full-year figures 2022, partial-year 今年1—5月 → 2023-06")),
    ("“十三五”收官之际,科技城交出成绩单。2020年,签约项目33个。去年,引进基金3家。",
     DateGuess(date(2021, 1, 1), "month", "inferred: 十三五 收官 review → 2021-01")),
    ("2020年,签约项目33个。去年底,科技城启动大孵化器战略。",
     DateGuess(date(2021, 1, 1), "year", "inferred: latest full-year figures 2020 told as past → 2021")),
    ("2022 全省制造业高质量发展大会\n\n标题\n\n正文。",
     DateGuess(date(2022, 1, 1), "year", "inferred: event banner '2022 全省制造业高质量发展大会'")),
])
def test_inferred_date_rules(text, guess):
    assert infer_date(text) == guess


@pytest.mark.parametrize("text", [
    "科技城加快建设。",
    "今年1~3月,投资14.5亿元。",       # partial-year span but no full year to anchor it
    FULL_2021,                          # full-year figures but nothing relative to now
])
def test_nothing_to_infer(text):
    assert infer_date(text) is None


@pytest.mark.parametrize("value, parsed", [
    ("2023-01-06", (date(2023, 1, 6), "day")),
    ("2022-04", (date(2022, 4, 1), "month")),
    ("2021", (date(2021, 1, 1), "year")),
])
def test_parse_manifest_date(value, parsed):
    assert parse_manifest_date(value) == parsed


@pytest.mark.parametrize("value", ["2022/04", "22-04", "2022-13", "2023-02-30", "April 2022", ""])
def test_parse_manifest_date_rejects(value):
    with pytest.raises(ValueError, match="published_on"):
        parse_manifest_date(value)


@pytest.mark.parametrize("text, guess", [
    ("标题\n\n11月20日，记者从示例小镇获悉，今年1-10月……\n\n正文。\n\n（稿件来源：示例融媒体中心 2022年 记者 张三）",
     DateGuess(date(2022, 11, 20), "day",
               "year of the byline '（稿件来源：示例融媒体中心 2022年 记者 张三）', day of the lead '11月20日，'")),
    ("标题\n\n今年以来，示例园区……\n\n（来源：示例日报 2021年 编辑 李四）",
     DateGuess(date(2021, 1, 1), "year", "year of the byline '（来源：示例日报 2021年 编辑 李四）'")),
])
def test_byline_year_with_the_lead_day(text, guess):
    assert byline_date(text) == guess


@pytest.mark.parametrize("text", [
    "标题\n\n11月20日，记者从示例小镇获悉。\n\n正文。",                          # no byline year
    "标题\n\n正文。\n\n到2025年，园区产值将突破500亿元。",                    # a target year, not a byline
    "标题\n\n正文。\n\n记者 张三 报道：2022年度工作总结",                     # 年度 is a period
])
def test_no_byline_date(text):
    assert byline_date(text) is None


@pytest.mark.parametrize("text, guess", [
    ("标题\n\n正文。\n\n（原载《示例日报》2024年8月5日第A03版）",
     DateGuess(date(2024, 8, 5), "day", "printed date at the end '（原载《示例日报》2024年8月5日第A03版）'")),
    ("示例管委会文件\n\n正文。\n\n示例管委会\n2023年1月16日\n\n抄送：区统计局。\n示例办公室  2023年1月16日印发\n\n— 3 —",
     DateGuess(date(2023, 1, 16), "day", "printed date at the end '示例办公室  2023年1月16日印发'")),
])
def test_a_date_printed_at_the_end(text, guess):
    assert closing_date(text) == guess


@pytest.mark.parametrize("text", [
    "标题\n\n正文。\n\n到2025年12月31日，园区产值将突破500亿元。",           # a sentence, no source cue
    "标题\n\n2023年1月16日\n\n" + "正文段落，内容。\n\n" * 9,                 # not among the last lines
])
def test_no_date_at_the_end(text):
    assert closing_date(text) is None
