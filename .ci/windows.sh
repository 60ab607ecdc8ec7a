#!/usr/bin/env bash
# Windows: cross-build caseload for x86_64-pc-windows-gnu and run the
# library and CLI tests under Wine. Installs what it needs itself; called by
# .ci/run, or on its own. Fails on any failing test or compiler warning.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
export CARGO_TERM_COLOR=never

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || need+=(wine64)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

# Wine 8 lacks ProcessPrng (see tests/windows/process_prng.c): a stand-in
# DLL for the test binaries only, never part of a release.
work=target/$target/wine
mkdir -p "$work"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  tests/windows/process_prng.c tests/windows/process_prng.def -ladvapi32
export CASELOAD_WINE_SHIM=$PWD/$work/bcryptprimitives.dll
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$PWD/tests/windows/wine-runner.sh
export WINEPREFIX=$PWD/$work/prefix
export WINEDEBUG=-all
# No Mono or Gecko install prompts: the tests need neither.
export WINEDLLOVERRIDES="mscoree,mshtml="

log=$work/test.log
cargo test --target "$target" --lib --test cli 2>&1 | tee "$log"
# The Windows build must be as warning-free as the Linux one (cargo replays
# a cached crate's warnings, so this holds on warm runs too).
if grep -q '^warning' "$log"; then
  echo "windows: the build has warnings (see above)" >&2
  exit 1
fi
