#!/usr/bin/env bash
# Times `caseload due --json` end to end (process start, key derivation,
# migrations check, query, JSON) on a synthetic 2,000-client caseload:
# 200,000 notes and 20,000 deadlines in an encrypted file. Prints the time
# to build the caseload and the median of several runs.
#
#   scripts/bench-due.sh            # 2,000 clients, 9 runs
#   CLIENTS=500 RUNS=5 scripts/bench-due.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-2000}
RUNS=${RUNS:-9}

cargo build --release --quiet
bin=target/release/caseload

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
db="$work/bench.db"
export CASELOAD_PASSPHRASE="benchmark passphrase"
export CASELOAD_NOW="2026-11-22T09:00:00"
unset CASELOAD_DB

ms() { echo $(( $(date +%s%N) / 1000000 )); }

t0=$(ms)
"$bin" --db "$db" demo --clients "$CLIENTS" --seed 1
t1=$(ms)
echo "build: $((t1 - t0)) ms for $CLIENTS clients ($(du -h "$db" | cut -f1) on disk)"

items=$("$bin" --db "$db" due --json | grep -c '"kind"')
echo "due --json: $items items"

times=()
for _ in $(seq "$RUNS"); do
  a=$(ms)
  "$bin" --db "$db" due --json >/dev/null
  b=$(ms)
  times+=($((b - a)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "due --json runs (ms): $(echo "$sorted" | tr '\n' ' ')"
echo "median: ${median} ms over $RUNS runs ($(nproc) cores, $(uname -m))"

# For scale: the same process doing almost nothing after opening the file.
a=$(ms); "$bin" --db "$db" deadline list 1 --json >/dev/null; b=$(ms)
echo "for comparison, one client's deadlines (open + key derivation + a tiny query): $((b - a)) ms"
