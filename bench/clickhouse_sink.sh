#!/usr/bin/env bash
# Ingest throughput with and without the ClickHouse sink (docs/clickhouse.md).
# Starts its own clickhouse-server on free loopback ports in a temp dir (as
# tests/clickhouse do), ingests one JSON Lines corpus into a fresh SQLite
# store twice -- without --sink, then with it -- and prints documents/s, the
# rows ClickHouse holds and the time of two queries over them. Stops the
# server and removes its files at the end.
#
#   bench/clickhouse_sink.sh CORPUS.jsonl [DOSSIER_BINARY] [JOBS]
#
# Needs /usr/bin/time (Debian package time) and curl.
# A corpus: bench/make_provenance_corpus.py FA-KES-Dataset.csv 10 > fakes-x10.jsonl
set -euo pipefail
corpus=${1:?usage: bench/clickhouse_sink.sh CORPUS.jsonl [DOSSIER_BINARY] [JOBS]}
dossier=${2:-build/dossier}
jobs=${3:-2}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port)
tcp=$(free_port)
mkdir -p "$work/ch/log"
cat > "$work/ch/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$work/ch/log/server.log</log><errorlog>$work/ch/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <path>$work/ch/data/</path>
  <tmp_path>$work/ch/tmp/</tmp_path>
  <user_files_path>$work/ch/user_files/</user_files_path>
  <users_config>$work/ch/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
</yandex>
XML
cat > "$work/ch/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
clickhouse-server --config-file="$work/ch/config.xml" >"$work/ch/log/stdout.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$http/ping" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$http/ping" >/dev/null || { cat "$work/ch/log/error.log"; exit 1; }
q() { curl -sS --data-binary "$1" "http://127.0.0.1:$http/"; }

docs=$(wc -l < "$corpus")
mb=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1048576:.1f}')" "$corpus")
echo "corpus: $corpus ($docs lines, $mb MB), $dossier -j$jobs, clickhouse-server $(q 'SELECT version()')"

# run NAME ARGS...: one timed ingest into a fresh store; prints wall and user s.
run() {
  local name=$1; shift
  rm -f "$work/$name.db"
  /usr/bin/env time -f "%e %U %S" -o "$work/$name.time" \
    "$dossier" ingest "$corpus" --db "$work/$name.db" -j "$jobs" --no-progress "$@" \
    2> "$work/$name.err" || { cat "$work/$name.err"; exit 1; }
  read -r wall user sys < "$work/$name.time"
  printf '%-28s wall %7.2f s  user %7.2f s  sys %5.2f s  %7.0f docs/s\n' "$name" "$wall" "$user" "$sys" \
    "$(python3 -c "print($docs / max($wall, 1e-3))")"
  grep -E "^(ingest|sink):" "$work/$name.err" | sed 's/^/    /'
}
run "without sink"
run "with sink" --sink "clickhouse://127.0.0.1:$http/dossier"
run "with sink, again (dedup)" --sink "clickhouse://127.0.0.1:$http/dossier"
echo "rows: documents $(q 'SELECT count() FROM dossier.documents'), events $(q 'SELECT count() FROM dossier.events') (FINAL $(q 'SELECT count() FROM dossier.events FINAL')), mentions $(q 'SELECT count() FROM dossier.event_mentions')"
timed() {
  local start end
  start=$(date +%s.%N)
  q "$1" > /dev/null
  end=$(date +%s.%N)
  printf '  %6.1f ms  %s\n' "$(python3 -c "print(($end - $start) * 1000)")" "$1"
}
echo "queries (one run each, HTTP round trip included):"
timed "SELECT toStartOfMonth(if(date_precision = '', published, date)) AS month, plover, count() FROM dossier.events FINAL GROUP BY month, plover"
timed "SELECT place_country, sum(dead_value) FROM dossier.events FINAL WHERE modality = 'asserted' AND same_as = '' GROUP BY place_country"
timed "SELECT outlet, count(), uniqExact(event_key) FROM dossier.event_mentions FINAL GROUP BY outlet"
