#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need when it is missing, then runs every test.
#   ./test.sh        every test: the fast lane, then the full lane (each test runs exactly once)
#   ./test.sh fast   the fast lane only: Core rules, bUnit, SQLite (no servers, no browser; under a minute)
#   Needs (full lane): Debian's chromium (browser tests), fonts-noto-cjk (readable Chinese in screenshots),
#          postgresql 15 and redis-server (real servers started by test fixtures on 127.0.0.1).
#   Needs (both lanes): fonts-wqy-microhei, the Chinese TrueType font embedded (subset) in generated PDFs.
# A test class is in the full lane when it carries [FullLane] (TradingOps.Tests/Fixtures/Lanes.cs); in the fast
# lane the PostgreSQL, Redis, browser, web node and web app fixtures refuse to start, so a test that needs them and
# lacks the mark fails there rather than slowing the lane down.
set -euo pipefail
cd "$(dirname "$0")"

lane="${1:-all}"
case "$lane" in
  all|fast) ;;
  *) echo "usage: ./test.sh [fast]" >&2; exit 2 ;;
esac

missing=()
packages=(chromium fonts-noto-cjk fonts-wqy-microhei postgresql redis-server)
[ "$lane" = fast ] && packages=(fonts-wqy-microhei) # the fast lane starts no server and no browser, but writes PDFs
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# The fast lane with its guard on (TRADINGOPS_TEST_LANE=fast), then the rest; "Lane!=Full" and "Lane=Full" split
# the tests in two without overlap or gap.
TRADINGOPS_TEST_LANE=fast dotnet test TradingOps.sln --nologo --filter "Lane!=Full" 2>&1 | tee "$log" || status=$?
if [ "$lane" = all ]; then
  dotnet test TradingOps.sln --nologo --no-build --filter "Lane=Full" 2>&1 | tee -a "$log" || status=$?
fi

# One plain closing line: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
