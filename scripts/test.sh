#!/usr/bin/env bash
# The tests, on a fresh machine too: installs what they start (Debian's redis-server,
# redis-sentinel, redis-tools, chromium, and libreoffice-calc and poppler-utils for the print test
# of the sơ kết) when it is missing, then runs every test with the race
# detector. Redis for the ordinary tests: $REDIS_URL if set, else a redis-server the tests start on
# a free port; the Cluster, Sentinel and browser tests start their own.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for bin in redis-server redis-sentinel redis-cli; do
  command -v "$bin" >/dev/null 2>&1 || { need+=(redis-server redis-sentinel redis-tools); break; }
done
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "test: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}") >/dev/null
fi
exec go test -race -count=1 "$@" ./...
