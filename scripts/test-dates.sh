#!/usr/bin/env bash
# Runs the whole test suite with the machine's clock faked at the instants where date bugs hide
# (Debian's faketime, for the whole process tree: Node, tsx, Chromium). The suite itself runs at
# a fixed instant (test/helpers/clock.ts), so every run must pass whatever the machine's date.
#
#   scripts/test-dates.sh                      # npm test at each instant below
#   scripts/test-dates.sh '2027-07-14 12:00:00' # npm test at the instants given (Paris time)
#   TEST_DATES_COMMAND='npx vitest run' scripts/test-dates.sh   # another command
#
# The start-time form of faketime is used (`faketime 'DATE'`, like `-f '@DATE'`: the clock starts
# there and advances). The frozen form (`-f 'DATE'`, no @) stops time: Node's timers never fire
# and the run hangs (checked here with Node 20 and Debian's Chromium).
set -u
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "faketime est absent : apt-get install -y faketime" >&2
  exit 2
fi

if [ "$#" -gt 0 ]; then
  INSTANTS=("$@")
else
  INSTANTS=(
    '2027-01-01 00:30:00' # the 1st of a month and New Year in Paris, still 31 December in UTC
    '2027-03-02 00:30:00' # the 2nd: « yesterday » is the 1st, printed « 1er » (still the 1st in UTC)
    '2026-12-31 23:30:00' # New Year's Eve, 23:30 in Paris
    '2028-02-29 12:00:00' # a leap day
    '2027-03-28 01:58:00' # the night clocks go forward in Paris (02:00 → 03:00 during the run)
    '2026-10-25 02:30:00' # the night clocks go back (02:30 happens twice)
  )
fi
COMMAND=${TEST_DATES_COMMAND:-npm test}

declare -a RESULTS=()
status=0
for instant in "${INSTANTS[@]}"; do
  echo "=== ${instant} (Europe/Paris) : ${COMMAND}"
  start=$(date +%s)
  if TZ=Europe/Paris faketime "${instant}" bash -c "${COMMAND}"; then
    outcome='ok'
  else
    outcome='ÉCHEC'
    status=1
  fi
  RESULTS+=("$(printf '%-22s %-6s %4ss' "${instant}" "${outcome}" "$(($(date +%s) - start))")")
done

echo
echo "Instant (Europe/Paris)  Résultat  Durée"
printf '%s\n' "${RESULTS[@]}"
exit "${status}"
