#!/bin/sh
# Load one corpus into a fresh embedded database and score it with ../shared/gold/score.py.
# usage: sh tests/score_corpus.sh heldout|seeds|locked/r7 [score.py options, e.g. --show-misses --json]
# heldout and locked rounds are written by their make_corpus step (legacy encodings restored).
set -e
cd "$(dirname "$0")/.."
which=$1; shift
home=$(mktemp -d)
corpus="$home/corpus"
case "$which" in
  seeds) corpus=seeds; gold=../shared/gold ;;
  heldout) .venv/bin/python tests/heldout/make_corpus.py "$corpus" >/dev/null; gold=tests/heldout/gold ;;
  *) mkdir -p "$corpus"; cp tests/$which/src/* "$corpus"/; gold=tests/$which/gold ;;
esac
PARKDB_HOME="$home" .venv/bin/parkdb load "$corpus" --quiet >/dev/null 2>&1 || true
url=$(PARKDB_HOME="$home" .venv/bin/parkdb url)
.venv/bin/python ../shared/gold/score.py --database-url "$url" "$gold" "$@" || true
PARKDB_HOME="$home" .venv/bin/parkdb stop >/dev/null
rm -rf "$home"
