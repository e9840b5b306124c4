#!/usr/bin/env bash
# Ingest throughput into each store backend, with one worker and with two
# shard workers at once (docs/scale.md). Starts a throw-away PostgreSQL with
# scripts/pg_test_server, ingests one JSON Lines corpus four times -- SQLite
# 1 worker, SQLite 2 workers (--shard 0/2 and 1/2 into one file), PostgreSQL
# 1 worker, PostgreSQL 2 workers into one database -- each into a fresh store,
# and prints wall seconds, documents/s, MB/s and the workers' user CPU.
# The corpus layer is left out (--no-provenance) so the stores are compared
# on the same work; `dossier corpus rebuild` measures it on its own.
#
#   bench/store_backends.sh CORPUS.jsonl [DOSSIER_BINARY] [JOBS_PER_WORKER]
#
# A corpus: bench/make_provenance_corpus.py FA-KES-Dataset.csv 10 > fakes-x10.jsonl
set -euo pipefail
corpus=${1:?usage: bench/store_backends.sh CORPUS.jsonl [DOSSIER_BINARY] [JOBS_PER_WORKER]}
dossier=${2:-build/dossier}
jobs=${3:-1}
work=$(mktemp -d)
pgdir=$(mktemp -u /tmp/dossier-bench-pg.XXXXXX)  # the server's user must reach it
cleanup() {
  scripts/pg_test_server stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
url=$(scripts/pg_test_server start "$pgdir")
docs=$(wc -l < "$corpus")
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1048576)" "$corpus")

# run LABEL STORE WORKERS
run() {
  local label=$1 store=$2 workers=$3
  local t0 t1 user=0
  t0=$(date +%s.%N)
  for ((i = 0; i < workers; i++)); do
    local shard=()
    if [ "$workers" -gt 1 ]; then shard=(--shard "$i/$workers"); fi
    /usr/bin/time -f "%U" -o "$work/user.$i" \
      "$dossier" ingest -q --no-provenance -j "$jobs" "${shard[@]}" --store "$store" "$corpus" &
  done
  wait
  t1=$(date +%s.%N)
  for ((i = 0; i < workers; i++)); do user=$(python3 -c "print($user + $(tail -1 "$work/user.$i"))"); done
  python3 - "$label" "$t0" "$t1" "$docs" "$mb" "$user" <<'PY'
import sys
label, t0, t1, docs, mb, user = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
wall = t1 - t0
print(f"| {label} | {wall:.1f} | {docs / wall:.0f} | {mb / wall:.2f} | {user:.1f} |")
PY
}

# newdb NAME: a fresh database, its URL on stdout.
newdb() {
  psql "$url" -qc "CREATE DATABASE $1" >/dev/null
  echo "${url%/postgres}/$1"
}

echo "corpus: $corpus ($docs documents, $(printf '%.1f' "$mb") MB); -j $jobs per worker; $(nproc) cores"
echo "| store, workers | wall s | docs/s | MB/s | user s (workers) |"
echo "|---|--:|--:|--:|--:|"
run "SQLite, 1" "$work/one.db" 1
run "SQLite, 2 (shards)" "$work/two.db" 2
run "PostgreSQL, 1" "$(newdb one)" 1
run "PostgreSQL, 2 (shards)" "$(newdb two)" 2
