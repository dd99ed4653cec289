"""Hardening 4 and 9: file names that are not UTF-8, and whatever else a folder may hold
(dangling symlinks, symlink loops, FIFOs, unlistable folders, symlinks leading outside)."""
from __future__ import annotations

import os

import pytest

from loaders import cli
from test_load import ARTICLE, load, rows
from tests.hardening.common import parkdb_load, summary

GBK_NAME = "测试".encode("gbk") + b".txt"     # as a zip archive made on a Chinese Windows leaves it


def test_a_name_that_is_not_utf8_loads_and_is_shown_escaped(database_url, engine, tmp_path):
    folder = tmp_path / "zip"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), GBK_NAME), "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    with open(os.path.join(os.fsencode(folder), "坏".encode("gbk") + b".txt"), "wb") as handle:
        handle.write(b"")
    for expected_code in (cli.EXIT_REJECTED, cli.EXIT_OK):     # the second run: nothing new, no traceback
        result = parkdb_load(database_url, folder, "--json")
        assert (result.returncode, "Traceback" in result.stderr) == (expected_code, False), result.stderr
    assert rows(engine, "SELECT source_key FROM sources") == [("\\xb2\\xe2\\xca\\xd4.txt",)]
    assert rows(engine, "SELECT path FROM rejected_files") == [(str(folder) + "/\\xbb\\xb5.txt",)]
    assert "rejected " + str(folder) + "/\\xbb\\xb5.txt: empty file" in parkdb_load(database_url, folder, "--force").stderr


@pytest.fixture
def odd_folder(tmp_path):
    """A folder with one article and every kind of entry that is not one."""
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir(), outside.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (outside / "secret.txt").write_text(ARTICLE.replace("示例高新区", "外部园区"), encoding="utf-8")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)                  # a folder loop
    (folder / "escape.txt").symlink_to(outside / "secret.txt")
    (folder / "inside.txt").symlink_to(folder / "a.txt")        # inside the folder: followed (the same file)
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_odd_entries_are_skipped_by_name_and_never_block(database_url, engine, odd_folder):
    result = parkdb_load(database_url, odd_folder, "--json", timeout=120)
    assert result.returncode == 0, result.stderr
    got = summary(result)
    reasons = {os.path.relpath(s["path"], odd_folder): s["reason"] for s in got["skipped"]}
    assert reasons == {
        "dangling.txt": "dangling symlink",
        "escape.txt": f"symlink leads outside {odd_folder} to {odd_folder.parent / 'outside' / 'secret.txt'}"
                      " (pass --follow-symlinks to follow it)",
        "loop.txt": "symlink loop",
        "pipe.txt": "not a regular file (FIFO)",
        "sub/up": "symlink loop (folder already visited)",
    }
    assert (got["files_seen"], got["files_stored"], got["files_skipped"]) == (1, 1, 5)
    assert rows(engine, "SELECT source_key FROM sources") == [("a.txt",)]


def test_follow_symlinks_follows_those_leading_outside(database_url, engine, odd_folder):
    got = summary(parkdb_load(database_url, odd_folder, "--json", "--follow-symlinks", timeout=120))
    assert (got["files_stored"], got["files_skipped"]) == (2, 4)
    assert sorted(rows(engine, "SELECT source_key FROM sources")) == [("a.txt",), ("escape.txt",)]


def test_an_unlistable_folder_is_skipped_by_name(database_url, corpus, monkeypatch):
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "locked").mkdir()
    (corpus / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real = os.scandir

    def scandir(path):      # root can list a chmod-000 folder, so refuse the way the kernel would
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, got = load(database_url, corpus)
    assert (code, got["files_stored"]) == (0, 1)
    assert got["skipped"] == [{"path": str(corpus / "locked"), "reason": "cannot list folder: Permission denied"}]


from test_load import corpus  # noqa: E402,F401  (a fixture)
