#!/usr/bin/env bash
# Whole-process timings, alternating two tools on the same machine:
#   caseload due --json    on a 2,000-client synthetic caseload (200,000
#                          notes, 20,000 deadlines), unlocked once with
#                          `caseload unlock`, and for comparison without it
#   task next limit:20     taskwarrior on 5,000 pending tasks (`task import`)
# Prints the time to build the caseload, each median and the ratio
# (task next / caseload due: above 1 means caseload is faster).
#
#   scripts/bench-cli.sh                      # 2,000 clients, 5,000 tasks, 15 rounds
#   CLIENTS=500 TASKS=1000 RUNS=5 scripts/bench-cli.sh
# Needs taskwarrior (`apt-get install taskwarrior`) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-2000}
TASKS=${TASKS:-5000}
RUNS=${RUNS:-15}

command -v task >/dev/null || { echo "taskwarrior is not installed (apt-get install taskwarrior)" >&2; exit 1; }
cargo build --release --quiet

work=$(mktemp -d)
chmod 700 "$work"
# Run from a copy, as `cargo install` would put it: a binary the linker
# has just written to target/ starts measurably slower (on Linux its
# pages sit in the page cache in smaller pieces).
install -m 755 target/release/caseload "$work/caseload"
bin=$work/caseload
db="$work/bench.db"
export CASELOAD_NOW="2026-11-22T09:00:00"
unset CASELOAD_DB
cleanup() { "$bin" --db "$db" lock >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# Each command is timed in microseconds by bash's own clock
# ($EPOCHREALTIME, read inline: no process or subshell is started to read
# it, so nothing but the command is timed), printed in milliseconds to one
# decimal place.
ms() { echo $(( $(date +%s%N) / 1000000 )); }
tenths() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# --- caseload -------------------------------------------------------------
t0=$(ms)
CASELOAD_PASSPHRASE="benchmark passphrase" "$bin" --db "$db" demo --clients "$CLIENTS" --seed 1
t1=$(ms)
echo "build: $((t1 - t0)) ms for $CLIENTS clients ($(du -h "$db" | cut -f1) on disk)"
# What the build wrote goes to disk before anything is timed, so no
# write-back of some 370 MB runs beside the commands measured.
t0=$(ms); sync; t1=$(ms)
echo "written to disk: $((t1 - t0)) ms"
t0=$(ms)
CASELOAD_PASSPHRASE="benchmark passphrase" "$bin" --db "$db" unlock --idle-minutes 30 >/dev/null
t1=$(ms)
echo "caseload unlock: $((t1 - t0)) ms (one key derivation)"

# --- taskwarrior ----------------------------------------------------------
export TASKRC="$work/taskrc" TASKDATA="$work/task"
mkdir -p "$TASKDATA"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n' "$TASKDATA" > "$TASKRC"
python3 - "$TASKS" > "$work/tasks.json" <<'PY'
import json, sys, uuid, random
random.seed(1)
n = int(sys.argv[1])
words = "call visit review chase write send book check update plan".split()
tasks = [{
    "uuid": str(uuid.UUID(int=random.getrandbits(128))),
    "status": "pending",
    "description": f"{random.choice(words)} {random.choice(words)} for case {i}",
    "entry": "20260101T090000Z",
    "due": f"2026{random.randint(11, 12):02d}{random.randint(1, 28):02d}T170000Z",
    "project": f"team{i % 12}",
    "priority": random.choice(["H", "M", "L", ""]) or None,
} for i in range(n)]
for t in tasks:
    if t["priority"] is None:
        del t["priority"]
print(json.dumps(tasks))
PY
task import "$work/tasks.json" >/dev/null 2>&1
echo "taskwarrior: $(task status:pending count 2>/dev/null) pending tasks"

# --- alternate ------------------------------------------------------------
unset CASELOAD_PASSPHRASE
items=$("$bin" --db "$db" due --json </dev/null | grep -c '"kind"')
echo "due --json: $items items"
due=(); tw=()
for _ in $(seq "$RUNS"); do
  a=${EPOCHREALTIME/./}; "$bin" --db "$db" due --json </dev/null >/dev/null; b=${EPOCHREALTIME/./}
  task next limit:20 >/dev/null 2>&1; c=${EPOCHREALTIME/./}
  due+=($((10#$b - 10#$a))); tw+=($((10#$c - 10#$b)))
done
locked=()
"$bin" --db "$db" lock >/dev/null
for _ in $(seq 5); do
  a=${EPOCHREALTIME/./}; CASELOAD_PASSPHRASE="benchmark passphrase" "$bin" --db "$db" due --json >/dev/null; b=${EPOCHREALTIME/./}
  locked+=($((10#$b - 10#$a)))
done

md=$(median "${due[@]}"); mt=$(median "${tw[@]}"); ml=$(median "${locked[@]}")
list() { for u in $(printf '%s\n' "$@" | sort -n); do printf '%s ' "$(tenths "$u")"; done; }
echo "caseload due --json, unlocked (ms): $(list "${due[@]}")"
echo "task next limit:20 (ms):            $(list "${tw[@]}")"
echo "caseload due --json, no agent (ms): $(list "${locked[@]}")"
echo "medians: caseload $(tenths "$md") ms unlocked ($(tenths "$ml") ms without the agent), task next $(tenths "$mt") ms"
awk -v d="$md" -v t="$mt" 'BEGIN { if (d > 0) printf "ratio task next / caseload due (unlocked): %.2f\n", t / d }'
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)"
