#!/bin/sh
# Load the held-out corpus into a fresh embedded database and score it against tests/heldout/gold.
# usage: sh tests/heldout/score.sh [--show-misses]
set -e
cd "$(dirname "$0")/../.."
home=$(mktemp -d)
corpus="$home/corpus"
.venv/bin/python tests/heldout/make_corpus.py "$corpus" >/dev/null
PARKDB_HOME="$home" .venv/bin/parkdb load "$corpus" --quiet || true
url=$(PARKDB_HOME="$home" .venv/bin/parkdb url)
.venv/bin/python ../shared/gold/score.py --database-url "$url" tests/heldout/gold "$@" || true
PARKDB_HOME="$home" .venv/bin/parkdb stop >/dev/null
rm -rf "$home"
