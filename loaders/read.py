"""Read one article file: bytes in, :class:`Article` out, or :class:`RejectedFile` with a reason.

Pure: the caller reads the file and passes its bytes, so this module does no I/O
(``load_manifest`` excepted, which reads the folder's manifest.csv).  Decoding is
by content, never by extension; HTML goes through trafilatura, plain text
through :mod:`loaders.clean`; the date comes from the manifest, a printed date
line, or :mod:`loaders.dates` inference, in that order.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import charset_normalizer

from loaders.clean import clean_text, publisher_and_url, read_header
from loaders.dates import DateGuess, byline_date, closing_date, infer_date, parse_manifest_date, printed_date
from loaders.records import Article

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "url", "publisher", "published_on")

# Byte-order marks, longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
# Encodings that can carry Chinese.  charset-normalizer ranks a short GBK
# string as Korean cp949 as readily as GB18030; our corpus is Chinese, so a
# Chinese candidate is preferred whenever one decodes cleanly.
_CHINESE_FAMILY = ("gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "utf_8", "utf_16", "utf_32")
_GB_FAMILY = ("gbk", "gb2312")   # decoded with their superset gb18030
# ...but only when it decodes about as cleanly as the best guess: Korean EUC-KR
# also decodes as GB18030, into nonsense that charset-normalizer scores ~0.18.
_CHAOS_MARGIN = 0.05
_CJK_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")
_HTML_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_SUFFIXES = (".html", ".htm")
_MIN_ARTICLE_CHARS = 50


class RejectedFile(Exception):
    """A file that cannot be read as an article; str(exc) is the human reason."""


@dataclass(frozen=True)
class ManifestEntry:
    """What a folder's manifest.csv says about one file."""

    url: str | None
    publisher: str | None
    published_on: date | None
    precision: str | None   # day / month / year


def _size(n: int) -> str:
    """A byte count for people: '812 bytes', '3.2 KB', '10.0 MB'."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    """Decode data that starts with a byte-order mark, or None when there is none."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise RejectedFile(f"cannot decode text ({codec} byte-order mark but invalid {codec}: {exc.reason})") from None
    return None


def _detect(data: bytes) -> tuple[str, str]:
    """Decode bytes without a BOM: strict UTF-8 first, then charset-normalizer's candidates."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise RejectedFile("cannot decode text (no encoding fits the bytes)")
    best = matches[0]
    chosen = next((m for m in matches if m.encoding in _CHINESE_FAMILY and m.chaos <= best.chaos + _CHAOS_MARGIN), best)
    codec = "gb18030" if chosen.encoding in _GB_FAMILY else chosen.encoding
    text = data.decode(codec)
    if chosen.encoding not in _CHINESE_FAMILY and _CJK_IDEOGRAPH.search(text):
        raise RejectedFile(f"cannot decode text (looks like {chosen.encoding}, not a Chinese encoding)")
    return text, codec


def decode(data: bytes) -> tuple[str, str]:
    """The text and the codec name it was decoded with; RejectedFile for binary or undecodable bytes."""
    decoded = _decode_bom(data)
    if decoded is None:
        if b"\x00" in data:
            raise RejectedFile("binary file (NUL bytes)")
        decoded = _detect(data)
    text, codec = decoded
    if "\x00" in text:
        raise RejectedFile("binary file (NUL bytes)")
    return text, codec


def is_html(path: Path, text: str) -> bool:
    """HTML by extension or by how the content starts."""
    return path.suffix.lower() in _HTML_SUFFIXES or bool(_HTML_SNIFF.match(text[:4096]))


@dataclass(frozen=True)
class _Page:
    """What trafilatura found in an HTML page."""

    text: str
    title: str | None
    date: date | None
    authors: tuple[str, ...]
    publisher: str | None
    url: str | None


def extract_html(html: str) -> _Page:
    """Main text and metadata of an HTML page via trafilatura (no network: no URL, no fetching)."""
    import trafilatura  # imported lazily: it costs ~0.3 s and plain-text runs never need it

    # favor_recall keeps the short one-sentence paragraphs Chinese news pages are
    # made of; comments are not article text.  No url is passed and nothing is
    # downloaded: bare_extraction only parses the string it is given.
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, include_comments=False,
                                      include_tables=True, config=_trafilatura_config(),
                                      # no guessing from copyright years or URLs: a wrong date
                                      # is worse than the one printed under the headline
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or not (doc.text or "").strip():
        raise RejectedFile("no article text found in HTML")
    return _Page(
        text=doc.text,
        title=doc.title or None,
        date=_iso_date(doc.date) or _headline_date(html, doc.title),
        authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
        publisher=doc.sitename or None,
        url=doc.url or None,
    )


_INVISIBLE = re.compile(r"<(script|style|noscript|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:div|p|br|h[1-6]|li|ul|ol|tr|td|table|section|article|header|footer|span|dd|dt)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")


def page_lines(html: str) -> list[str]:
    """The visible text of a page, one line per block or span, blank lines dropped."""
    import html as htmllib

    body = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", _INVISIBLE.sub("", html)))
    lines = (htmllib.unescape(line).replace("\xa0", " ").strip() for line in body.split("\n"))
    return [line for line in lines if line]


def _headline_date(html: str, title: str | None) -> date | None:
    """The date printed on a line just under the page's headline (发布时间：2021年12月20日 …)."""
    lines = page_lines(html)
    start = next((i for i, line in enumerate(lines) if title and (line == title or title in line)), None)
    if start is None:
        return None
    guess = printed_date("\n".join(lines[start + 1:start + 6]))
    return guess.on if guess else None


@functools.cache
def _trafilatura_config():
    """trafilatura settings for Chinese pages, built once."""
    from trafilatura.settings import use_config

    config = use_config()
    # The default (250 characters) is tuned for alphabetic text, ~40 words; a
    # Chinese character carries about a word, so a short Chinese article fell
    # below it and trafilatura fell back to the whole page, menus included.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_MIN_ARTICLE_CHARS))
    return config


def _iso_date(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date, None if absent or malformed."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def choose_date(text: str, manifest: ManifestEntry | None, page_date: date | None) -> tuple[DateGuess | None, str | None]:
    """Publication date and its basis: manifest, else printed (HTML metadata, a date line under the
    headline or at the end, or a closing byline's year with the lead's day), else inferred."""
    if manifest and manifest.published_on:
        return DateGuess(manifest.published_on, manifest.precision or "day",
                         f"manifest published_on {_manifest_repr(manifest)}"), "manifest"
    if page_date:
        return DateGuess(page_date, "day", f"HTML publication date {page_date.isoformat()}"), "explicit"
    printed = printed_date(text) or closing_date(text) or byline_date(text)
    if printed:
        return printed, "explicit"
    inferred = infer_date(text)
    return inferred, "inferred" if inferred else None


def _manifest_repr(entry: ManifestEntry) -> str:
    """The manifest date as it was written (2022-04 for month precision)."""
    on = entry.published_on
    return {"year": f"{on:%Y}", "month": f"{on:%Y-%m}"}.get(entry.precision or "day", on.isoformat())


def read_article(path: Path, data: bytes, *, manifest: ManifestEntry | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Turn one file's bytes into an Article; raise RejectedFile with the reason when it is not one."""
    if len(data) > max_bytes:
        raise RejectedFile(f"file is {_size(len(data))}, over the {_size(max_bytes)} limit")
    if not data.strip():
        raise RejectedFile("empty file")
    raw, encoding = decode(data)
    if not raw.strip():
        raise RejectedFile("empty file")
    page = extract_html(raw) if is_html(path, raw) else None
    source = page.text if page else raw
    text = clean_text(source)
    if not _CJK_IDEOGRAPH.search(text):
        raise RejectedFile("no Chinese text")
    header = read_header(source)
    publisher, url = publisher_and_url(source.split("\n"))
    if page:
        publisher, url = page.publisher or publisher, page.url or url
    guess, basis = choose_date(text, manifest, page.date if page else None)
    return Article(
        text=text,
        raw_text=raw,
        title=(page.title if page and page.title else header.title),
        subtitle=None if page else header.subtitle,
        authors=(page.authors or header.authors) if page else header.authors,
        publisher=(manifest.publisher if manifest and manifest.publisher else publisher),
        url=(manifest.url if manifest and manifest.url else url),
        published_on=guess.on if guess else None,
        date_precision=guess.precision if guess else None,
        date_basis=basis,
        date_note=guess.note if guess else None,
        encoding=encoding,
        media_type="text/html" if page else "text/plain",
        canonical_url=page.url if page else None,
    )


def load_manifest(folder: Path, errors: list[str] | None = None) -> dict[str, ManifestEntry]:
    """Entries of folder/manifest.csv keyed by file name; {} when there is none; ValueError if malformed
    (a bad row only goes to errors when a list is given)."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return parse_manifest(content, str(path), errors)


def manifest_repr(entry: ManifestEntry | None) -> str | None:
    """A manifest row as stored in sources.manifest_entry (url, publisher, date as written)."""
    if entry is None:
        return None
    import json

    return json.dumps([entry.url, entry.publisher, _manifest_repr(entry) if entry.published_on else None],
                      ensure_ascii=False)


def parse_manifest(content: str, name: str = MANIFEST_NAME, errors: list[str] | None = None) -> dict[str, ManifestEntry]:
    """Parse manifest CSV text; '#' lines are comments; errors name the file and line.

    A bad header raises ValueError.  A bad row raises too, unless errors is a list: then
    the row is left out and its error appended, and the other rows still count.
    """
    return _parse_manifest(content, name, {}, errors)


class _BadRow(ValueError):
    """One manifest row that cannot be used."""


def _parse_manifest(content: str, name: str, entries: dict[str, ManifestEntry],
                    errors: list[str] | None) -> dict[str, ManifestEntry]:
    header: list[str] | None = None
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in next(csv.reader([line]))]
        if header is None:
            if fields != list(MANIFEST_COLUMNS):
                raise ValueError(f"{name}: line {number}: header must be {','.join(MANIFEST_COLUMNS)}, got {line!r}")
            header = fields
            continue
        try:
            file, entry = _manifest_row(fields, header, entries, f"{name}: line {number}")
        except _BadRow as exc:
            if errors is None:
                raise ValueError(str(exc)) from None
            errors.append(str(exc))
            continue
        entries[file] = entry
    return entries


def _manifest_row(fields: list[str], header: list[str], entries: dict[str, ManifestEntry],
                  where: str) -> tuple[str, ManifestEntry]:
    """One manifest row as (file name, entry); _BadRow naming where and why."""
    if len(fields) != len(header):
        raise _BadRow(f"{where}: expected {len(header)} fields, got {len(fields)}")
    row = dict(zip(header, fields))
    if not row["file"]:
        raise _BadRow(f"{where}: empty file name")
    if row["file"] in entries:
        raise _BadRow(f"{where}: {row['file']} listed twice")
    published_on, precision = None, None
    if row["published_on"]:
        try:
            published_on, precision = parse_manifest_date(row["published_on"])
        except ValueError as exc:
            raise _BadRow(f"{where}: {exc}") from None
    return row["file"], ManifestEntry(row["url"] or None, row["publisher"] or None, published_on, precision)
