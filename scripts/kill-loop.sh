#!/usr/bin/env bash
# Kills `caseload note add --final` with SIGKILL at random moments, RUNS
# times (default 300), then checks that no stray draft was left behind and
# that every acknowledged (printed) note id is stored.
#
#   scripts/kill-loop.sh            # 300 runs
#   RUNS=50 scripts/kill-loop.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-300}
cargo build --quiet
bin=target/debug/caseload

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
db="$work/kill.db"
export CASELOAD_PASSPHRASE="kill loop passphrase"
unset CASELOAD_DB CASELOAD_NOW

"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" client add --given Ada --family Kestrel >/dev/null

acked=()
killed=0
for i in $(seq "$RUNS"); do
  out="$work/out"
  "$bin" --db "$db" note add 1 --kind phone --final --text "Run $i: rang to check in." >"$out" 2>/dev/null &
  pid=$!
  sleep "0.$(( RANDOM % 40 + 5 ))"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true
  id=$(tr -d '[:space:]' <"$out")
  [[ -n "$id" ]] && acked+=("$id")
done

list=$("$bin" --db "$db" note list 1 --json)
drafts=$(grep -c '"status": "draft"' <<<"$list" || true)
missing=0
for id in "${acked[@]}"; do
  grep -q "\"id\": $id," <<<"$list" || missing=$((missing + 1))
done
"$bin" --db "$db" check >/dev/null
echo "$RUNS runs, $killed killed, ${#acked[@]} acknowledged, $missing missing, $drafts stray drafts"
[[ "$drafts" == 0 && "$missing" == 0 ]]
