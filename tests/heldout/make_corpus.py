#!/usr/bin/env python3
"""Write the held-out corpus into a folder, each article in the encoding it is tested in.

usage: python tests/heldout/make_corpus.py OUT_DIR

The sources under ``src/`` are UTF-8 as written; the ones named in ENCODINGS are
re-encoded here, so no binary file is kept in the repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent / "src"
# Articles served in a legacy Chinese encoding, as many county and city news sites still do.
ENCODINGS = {"a03_yiyaogang.txt": "gb18030", "a04_linping_big5.txt": "big5",
             "a16_jiande_gb.txt": "gb18030", "a17_haining_big5.txt": "big5",
             "a25_yuhuang_gb.txt": "gb18030", "f07_yichun_lithium_enterprise_gbk.txt": "gb18030"}


def write_corpus(out: Path) -> list[Path]:
    """Write every source article into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(SRC.iterdir()):
        if src.suffix not in (".txt", ".html"):
            continue
        text = src.read_bytes().decode("utf-8")     # as written: a BOM and CRLF line ends stay
        target = out / src.name
        target.write_bytes(text.encode(ENCODINGS.get(src.name, "utf-8")))
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in write_corpus(Path(sys.argv[1])):
        print(path)
