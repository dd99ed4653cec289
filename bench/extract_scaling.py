#!/usr/bin/env python3
"""Extraction time against an article's length: is it linear?

usage: python bench/extract_scaling.py [--max-kb N]

Builds articles of growing length from distinct invented paragraphs (each with a zone, a
period, several figures) and times ``extract`` on each, after one warm-up; prints seconds,
microseconds per character and the ratio of the largest to the smallest per-character cost
(1.0 is perfectly linear; a quadratic step doubles it with every doubling of the length).
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.extract import extract  # noqa: E402


def paragraph(i: int) -> str:
    return (f"示例{i % 97}号开发区今年前三季度实现规上工业产值{50 + i % 40}.{i % 10}亿元，同比增长{i % 12}.{i % 7}%，"
            f"新引进项目{i % 30 + 3}个，总投资{i % 50 + 10}亿元。该园区新增企业{i % 20 + 5}家。\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-kb", type=int, default=400)
    args = ap.parse_args()
    extract(paragraph(0) * 5, date(2024, 10, 20))
    sizes, kb = [], 25
    while kb <= args.max_kb:
        sizes.append(kb)
        kb *= 2
    rows = []
    for kb in sizes:
        text, i = "", 0
        while len(text.encode("utf-8")) < kb * 1024:
            text += paragraph(i)
            i += 1
        start = time.perf_counter()
        extract(text, date(2024, 10, 20))
        seconds = time.perf_counter() - start
        rows.append((kb, len(text), seconds))
        print(f"{kb:5d} KB  {len(text):8d} chars  {seconds:8.2f} s  {seconds / len(text) * 1e6:6.1f} us/char")
    per_char = [s / n for _, n, s in rows]
    print(f"largest/smallest per-character cost: {per_char[-1] / per_char[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
