# Sourced by .ci/run: installs the independent consumers the export tests
# check documents with (Chromium prints the outage pack to PDF, pdftotext
# reads it back, Python's icalendar and csv parse the calendar and the
# spreadsheets), and exports CASELOAD_CONSUMER_PYTHON for the tests.
# Never fails the run by itself: tests that lack a tool say what to install,
# and fail only under CASELOAD_REQUIRE_TOOLS=1.
consumers_need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || consumers_need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || consumers_need+=(poppler-utils)
python3 -c 'import ensurepip' >/dev/null 2>&1 || consumers_need+=(python3-venv)
if [ ${#consumers_need[@]} -gt 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${consumers_need[@]}") >/dev/null 2>&1 \
    || echo "warning: could not install ${consumers_need[*]}"
fi
consumers_venv="$PWD/target/consumer-venv"
if ! "$consumers_venv/bin/python" -c 'import icalendar' >/dev/null 2>&1; then
  (python3 -m venv "$consumers_venv" && "$consumers_venv/bin/pip" install -q icalendar) >/dev/null 2>&1 \
    || echo "warning: could not make the Python venv with icalendar at $consumers_venv"
fi
export CASELOAD_CONSUMER_PYTHON="$consumers_venv/bin/python"
unset consumers_need consumers_venv
