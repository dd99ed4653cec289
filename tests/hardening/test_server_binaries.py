"""Run as root from a checkout under a private folder (a 0700 temporary folder, /root), the
server's unprivileged account must still reach PostgreSQL's binaries, without parkdb opening up
any folder on the way (issue "Hardening", item 15)."""
import os
import pwd
import stat

import pytest

from loaders import server


@pytest.fixture
def nobody():
    return pwd.getpwnam("nobody")


def test_reachable_by_needs_search_permission_on_every_folder(tmp_path, nobody):
    private = tmp_path / "private"
    inner = private / "bin"
    inner.mkdir(parents=True)
    os.chmod(tmp_path, 0o755)
    os.chmod(private, 0o700)
    assert not server.reachable_by(inner, nobody)
    os.chmod(private, 0o755)
    os.chmod(inner, 0o755)
    assert server.reachable_by(inner, nobody) == server.reachable_by(tmp_path, nobody)   # only the folders above decide


@pytest.mark.skipif(os.geteuid() != 0, reason="only root runs the server under another account")
def test_binaries_behind_a_private_folder_are_run_from_a_root_owned_copy(nobody):
    bins = server.server_bin_dir(nobody)
    assert server.reachable_by(bins, nobody)
    assert (bins / "postgres").exists() and os.access(bins / "postgres", os.X_OK)
    for folder in [*bins.parents, bins]:
        st = folder.lstat()
        assert st.st_uid == 0 and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH), folder
