#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu (test tooling only): puts the
# ProcessPrng shim beside the .exe (and beside caseload.exe, which the CLI
# tests start from the folder above deps/), then runs it under Wine.
set -euo pipefail
exe=$1
shift
shim=${CASELOAD_WINE_SHIM:?set by .ci/windows.sh}
[ -f "$exe" ] || { echo "wine-runner: no such file: $exe" >&2; exit 2; }
dir=$(dirname "$exe")
dirs=("$dir")
[ "$(basename "$dir")" = deps ] && dirs+=("$(dirname "$dir")")
for d in "${dirs[@]}"; do
  cmp -s "$shim" "$d/bcryptprimitives.dll" || cp "$shim" "$d/bcryptprimitives.dll"
done
# Cargo hands the tests Unix paths to the binaries (CARGO_BIN_EXE_*);
# under Wine the Unix root is drive Z:.
for v in $(compgen -e | grep '^CARGO_BIN_EXE_' || true); do
  export "$v=Z:${!v//\//\\}"
done
# assert_cmd would start caseload.exe through this runner too, which a
# Windows process cannot do: the tests start it directly.
unset CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER
export WINEDEBUG=-all
exec /usr/lib/wine/wine64 "$exe" "$@"
