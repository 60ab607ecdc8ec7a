#!/usr/bin/env bash
# Two builds of caseload compared on the same machine in one run,
# alternating, so both see the same load:
#   scripts/bench-ab.sh OLD_DIR NEW_DIR
# Each DIR holds `caseload` (target/release/caseload) and `ui` (the ui
# bench binary, target/release/deps/ui-*). Each build gets its own copy of
# the same 2,000-client caseload (`demo --seed 1`: the facts cache is filled
# under each build's own fingerprint, so sharing one file would make every
# alternation work it out again). Prints:
#   - `due --json` whole-process times, alternating OLD and NEW, unlocked;
#     their medians and NEW/OLD; and whether both printed the same JSON;
#   - the UI bench's key cases (criterion, short runs), OLD, NEW, OLD, NEW.
# Without a `ui` in both DIRs the UI part is left out; RUNS=0 leaves out
# the `due --json` part.
#   CLIENTS=500 RUNS=11 UI_FILTER=key_c scripts/bench-ab.sh old new
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd)
CLIENTS=${CLIENTS:-2000}
RUNS=${RUNS:-21}
UI_FILTER=${UI_FILTER:-'today_reload_key_t|key_c_today_to_caseload|key_esc_caseload_to_today|enter_on_a_client'}
work=$(mktemp -d)
chmod 700 "$work"
export CASELOAD_NOW="2026-11-22T09:00:00"
unset CASELOAD_DB
cleanup() {
  for v in old new; do "$work/$v/caseload" --db "$work/$v.db" lock >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
tenths() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
[ "$RUNS" -gt 0 ] && for v in old new; do
  mkdir -p "$work/$v"
  dir=$old; [ "$v" = new ] && dir=$new
  install -m 755 "$dir/caseload" "$work/$v/caseload"
  CASELOAD_PASSPHRASE="benchmark passphrase" "$work/$v/caseload" --db "$work/$v.db" demo --clients "$CLIENTS" --seed 1 >/dev/null
  CASELOAD_PASSPHRASE="benchmark passphrase" "$work/$v/caseload" --db "$work/$v.db" unlock --idle-minutes 30 >/dev/null
  # The first run settles the facts cache under this build's fingerprint.
  "$work/$v/caseload" --db "$work/$v.db" due --json </dev/null >"$work/$v.json"
done
sync
if [ "$RUNS" -gt 0 ]; then
if cmp -s "$work/old.json" "$work/new.json"; then
  echo "due --json: the same output from both ($(grep -c '"kind"' "$work/new.json") items)"
else
  echo "due --json: the outputs DIFFER"
fi
# Wall clock and CPU (user + system) of each process: on a loaded machine
# the CPU time is the steadier of the two.
TIMEFORMAT='%3R %3U %3S'
one() { { time "$work/$1/caseload" --db "$work/$1.db" due --json </dev/null >/dev/null; } 2>"$work/t"; read -r r u s <"$work/t"; echo "$r $u $s"; }
a=(); b=(); ca=(); cb=()
for _ in $(seq "$RUNS"); do
  read -r r u s <<<"$(one old)"; a+=("${r/./}"); ca+=($((10#${u/./} + 10#${s/./})))
  read -r r u s <<<"$(one new)"; b+=("${r/./}"); cb+=($((10#${u/./} + 10#${s/./})))
done
ms() { for u in $(printf '%s\n' "$@" | sort -n); do printf '%s ' "$((10#$u))"; done; }
ma=$(median "${a[@]}"); mb=$(median "${b[@]}"); mca=$(median "${ca[@]}"); mcb=$(median "${cb[@]}")
echo "old due --json, wall (ms): $(ms "${a[@]}")"
echo "new due --json, wall (ms): $(ms "${b[@]}")"
echo "old due --json, CPU (ms):  $(ms "${ca[@]}")"
echo "new due --json, CPU (ms):  $(ms "${cb[@]}")"
echo "medians: wall old $((10#$ma)) ms, new $((10#$mb)) ms; CPU old $mca ms, new $mcb ms"
awk -v a="$mca" -v b="$mcb" 'BEGIN { printf "CPU new / old: %.3f\n", b / a }'
awk -v a="$ma" -v b="$mb" 'BEGIN { printf "wall new / old: %.3f\n", b / a }'
fi
[ -x "$old/ui" ] && [ -x "$new/ui" ] &&
for round in 1 2; do
  for v in old new; do
    dir=$old; [ "$v" = new ] && dir=$new
    echo "--- ui bench, $v, round $round"
    (cd "$work" && CASELOAD_BENCH_DB="$work/ui-$v.db" "$dir/ui" --bench --noplot \
      --warm-up-time 1 --measurement-time 3 "$UI_FILTER" 2>&1 | grep -E -B1 'time:' | grep -v '^--' || true)
  done
done
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)"
