#!/usr/bin/env bash
# Checks that two dossier binaries store exactly the same thing: ingests the
# same inputs with each into fresh SQLite stores and compares `sqlite3 .dump`
# (wall-clock columns masked: every *_at, first_seen, last_seen value has the
# NowUtc format 2024-05-01T12:00:00.123Z) and the `dossier corpus` listings.
# For speed work on the store layer (src/store, src/corpus, ingest).
#
#   bench/store_identity.sh BEFORE_BIN AFTER_BIN WORKDIR INPUT_SET...
#
# Each INPUT_SET is one ingest run into its own store: paths separated by
# commas ("a/,b.jsonl"); a set of the form "resume:X|Y" ingests X, then Y into
# the same store in a second run (the resume path). Exit 0 when every store
# and listing is identical. Needs sqlite3.
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n '2,13p' "$0"
  exit 2
fi
before=$1 after=$2 work=$3
shift 3
mkdir -p "$work"
mask() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/<time>/g'; }
run_set() {  # bin db set
  local bin=$1 db=$2 set=$3
  rm -f "$db" "$db"-wal "$db"-shm
  local runs=("$set")
  if [[ $set == resume:* ]]; then
    IFS='|' read -r -a runs <<<"${set#resume:}"
  fi
  for r in "${runs[@]}"; do
    IFS=',' read -r -a inputs <<<"$r"
    "$bin" ingest "${inputs[@]}" --db "$db" -q || [ $? -eq 3 ]  # 3: some inputs failed
  done
}
fail=0
i=0
for set in "$@"; do
  i=$((i + 1))
  for side in before after; do
    bin=$before
    [ $side = after ] && bin=$after
    db="$work/$side-$i.db"
    run_set "$bin" "$db" "$set"
    sqlite3 "$db" .dump | mask >"$work/$side-$i.dump"
    : >"$work/$side-$i.corpus"
    for action in duplicates origins reuse citations claims events; do
      echo "== $action" >>"$work/$side-$i.corpus"
      "$bin" corpus "$action" --db "$db" -q >>"$work/$side-$i.corpus"
    done
  done
  rows=$(grep -c '^INSERT' "$work/before-$i.dump" || true)
  if cmp -s "$work/before-$i.dump" "$work/after-$i.dump" &&
     cmp -s "$work/before-$i.corpus" "$work/after-$i.corpus"; then
    echo "identical: set $i ($set): $rows rows, $(wc -l <"$work/before-$i.corpus") corpus lines"
  else
    echo "DIFFERENT: set $i ($set): diff $work/{before,after}-$i.{dump,corpus}"
    fail=1
  fi
done
exit $fail
