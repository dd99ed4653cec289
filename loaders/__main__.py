"""`python -m loaders` is `parkdb`.

`python -m` puts the current folder first on sys.path; an analyst's own models.py
(or store.py, ...) there must not be imported in place of parkdb's, so the folder
is dropped before anything else is imported.
"""
import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()) and os.path.realpath(sys.path[0] or ".") != os.path.realpath(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")):
    del sys.path[0]

from loaders.cli import main  # noqa: E402

sys.exit(main())
