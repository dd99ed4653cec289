"""Hostile input at the extraction end (issue "Hardening", items 1, 3 and 9): invisible
characters inside numbers, signs, malformed and absurd numbers, a whole article on one line.
(Extraction time linear in an article's length, item 11, is measured by bench/extract_scaling.py.)"""
from datetime import date

import pytest

from loaders.clean import clean_text
from loaders.extract import extract
from loaders.extract.quantities import find_quantities

INVISIBLE = {"zero-width space": "\u200b", "soft hyphen": "\u00ad", "zero-width joiner": "\u200d",
             "BOM": "\ufeff", "no-break space": "\xa0", "right-to-left mark": "\u200f", "word joiner": "\u2060"}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_inside_a_number_does_not_change_it(char):
    text = clean_text(f"示例开发区2023年实现营业收入1{char}13.8亿元。")
    assert [(str(q.value), q.unit) for q in find_quantities(text)] == [("113.8", "亿元")]


@pytest.mark.parametrize("written, value", [("-113.8亿元", "-113.8"), ("−2.3%", "-2.3"), ("增速为-2.3%", "-2.3")])
def test_a_minus_sign_is_read(written, value):
    assert [str(q.value) for q in find_quantities(f"示例开发区利润{written}。")] == [value]


@pytest.mark.parametrize("text", ["营业收入1.2.3.4亿元", "营业收入" + "9" * 5000 + "亿元", "营业收入" + "1" * 19 + "元"])
def test_a_malformed_or_absurd_number_is_refused_not_cut_to_a_suffix(text):
    assert find_quantities(text) == []
    assert extract(text, date(2024, 1, 1)).facts == []


def test_a_one_line_article_loses_only_its_boilerplate():
    line = ("首页 > 新闻中心 > 园区动态 示例开发区今年实现产值50亿元，同比增长8%。园区新增企业20家，其中高新技术企业12家，"
            "发展势头良好。责任编辑：张三 版权所有 示例网 浙ICP备12345678号")
    cleaned = clean_text(line)
    assert cleaned.startswith("示例开发区今年实现产值50亿元") and cleaned.endswith("发展势头良好。")
