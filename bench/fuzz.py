"""Hostile files for `parkdb load`: a fixed-seed corpus of everything a scraper's folder may hold.

    .venv/bin/python bench/fuzz.py FOLDER [--seed 20261207] [--count 400]
    .venv/bin/parkdb load FOLDER        # must end with exit 1, no traceback, every file accounted for

Random bytes; truncated and bit-flipped UTF-8; the article in every encoding Python has
that can carry it (and some that cannot); deeply nested and entity-bomb HTML; format
characters inside numbers; absurd numbers (up to 300 digits: longer ones are the
extractor's own test); odd file names (spaces, newlines, a leading dash, 255 bytes, GBK
bytes, unsupported extensions) and special files (FIFO, dangling symlink, symlink loop,
a folder named like an article).  tests/hardening/test_fuzz.py runs it.
"""
from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

ARTICLE = ("示例高新区今年一季度成绩单\n\n记者 王小明\n\n"
           "2022年,示例高新区规上工业增加值达120.5亿元,同比增长12.3%。"
           "截至目前,示例高新区已累计培育国家高新技术企业210家,总投资超过150亿元的项目23个。\n")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "gb18030", "gbk",
             "gb2312", "big5", "big5hkscs", "cp950", "hz", "iso2022_jp_2", "euc_jp", "shift_jis", "euc_kr", "cp949",
             "utf-7", "latin-1", "cp1252", "koi8_r", "mac_roman", "ascii", "cp037")
FORMAT_CHARS = ("\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u061c", "\u180e", "\ufe0f")


def article_variants(rng: random.Random):
    """(name, bytes) of the article mangled every way the seed picks."""
    data = ARTICLE.encode("utf-8")
    for encoding in ENCODINGS:
        yield f"enc_{encoding}.txt", ARTICLE.encode(encoding, errors="replace")
    for i in range(80):
        yield f"truncated_{i:02d}.txt", data[: rng.randrange(1, len(data))]
    for i in range(120):
        flipped = bytearray(data)
        for _ in range(rng.randrange(1, 12)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        yield f"flipped_{i:02d}.txt", bytes(flipped)
    for i in range(80):
        yield f"random_{i:02d}.{rng.choice(['txt', 'html', 'htm'])}", rng.randbytes(rng.choice([1, 7, 100, 4096, 65536]))
    for i, ch in enumerate(FORMAT_CHARS):
        yield f"format_{i:02d}.txt", ARTICLE.replace("120.5", f"12{ch}0.5").replace("210", f"2{ch}1{ch}0").encode()
    for i, number in enumerate(("9" * 300, "0." + "0" * 299 + "1", "1e308", "-0", "1,2,3,4,5,6,7,8,9,0" * 20,
                                "九" * 200, "十" * 300, "两三" * 100, "1/0", "٣٤٥", "１２０．５", "NaN", "inf")):
        yield f"number_{i:02d}.txt", ARTICLE.replace("120.5", number).encode()
    yield "nested.html", ("<html><body>" + "<div>" * 20000 + ARTICLE + "</div>" * 20000 + "</body></html>").encode()
    yield "unclosed.html", ("<html><body>" + "<p><b><i>" * 5000 + ARTICLE).encode()
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i else "")) * 10}">' for i in range(1, 10))
            + ']><html><body><p>&lol9;</p><p>' + ARTICLE + '</p></body></html>')
    yield "entity_bomb.html", bomb.encode()
    yield "entities.html", ("<html><body><p>" + "&amp;" * 200000 + ARTICLE + "&#x4e00;" * 1000 + "</p></body></html>").encode()
    yield "script_only.html", b"<html><head><script>" + b"x" * 100000 + b"</script></head></html>"
    yield "long_line.txt", ("示例" * 200000 + ARTICLE).encode()
    yield "many_lines.txt", ("\n" * 100000 + ARTICLE).encode()
    yield "crlf.txt", ARTICLE.replace("\n", "\r\n").encode()
    yield "lone_cr.txt", ARTICLE.replace("\n", "\r").encode()
    yield "nul.txt", ARTICLE.encode() + b"\x00"
    yield "surrogates.txt", ARTICLE.encode() + b"\xed\xa0\x80"
    yield "overlong.txt", b"\xc0\xaf" + ARTICLE.encode()


ODD_NAMES = ("with space.txt", "new\nline.txt", "-rf.txt", "tab\there.txt", ".hidden.txt", "UPPER.TXT", "page.HTM",
             "x" * 251 + ".txt", "\u202etxt.exe", "semi;colon.txt", "quote'\".txt", "back\\slash.txt")


def make(folder: Path, seed: int = 20261207, count: int = 400) -> int:
    """Write the corpus into folder; return how many entries (files and special files) it holds."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    entries = 0
    for name, data in list(article_variants(rng))[:count]:
        (folder / name).write_bytes(data)
        entries += 1
    for name in ODD_NAMES:
        (folder / name).write_bytes(ARTICLE.replace("示例", name[:4]).encode())
        entries += 1
    raw = os.fsencode(folder)
    for name in ("测试".encode("gbk") + b".txt", b"\xff\xfe.html", "名".encode("big5") + b".txt"):
        with open(os.path.join(raw, name), "wb") as handle:
            handle.write(rng.randbytes(64) + ARTICLE.encode("gbk"))
        entries += 1
    for name in ("report.pdf", "data.docx", "image.png", "noextension", "archive.zip"):
        (folder / name).write_bytes(rng.randbytes(256))
        entries += 1
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere")
    (folder / "loop.html").symlink_to(folder / "loop.html")
    (folder / "folder.txt").mkdir()      # a folder named like an article: walked, holds nothing
    return entries + 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    print(f"{make(args.folder, args.seed, args.count)} entries written to {args.folder}")


if __name__ == "__main__":
    main()
