#!/bin/bash
# The demo's memory over a long run (DESIGN.md: a kiosk demo stays small for days):
# `runtrace demo --scenario shop` with the kiosk open in headless Chromium, the runtrace process's
# VmRSS and the emulator's stores sampled once a minute for MINUTES minutes, on loopback only.
# Usage: bench/demo-rss.sh BIN PORT EMULATOR_PORT MINUTES OUT
#   e.g. bench/demo-rss.sh target/release/runtrace 18480 18481 90 target/bench/demo-rss.txt
# (after `cargo xtask dist` and `cargo build --release -p backend`). Run it under setsid/nohup:
# it takes MINUTES minutes and leaves nothing running when it ends.
set -u
[ $# -eq 5 ] || { sed -n 2,9p "$0"; exit 2; }
BIN=$1; PORT=$2; EPORT=$3; MINUTES=$4; OUT=$5
DIR=$(mktemp -d /tmp/rss-run.XXXX)
"$BIN" demo --scenario shop --listen 127.0.0.1:$PORT --emulator-listen 127.0.0.1:$EPORT >"$DIR/runtrace.log" 2>&1 &
RT=$!
for i in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 1; done
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --user-data-dir="$DIR/chromium" --remote-debugging-port=0 \
  "http://127.0.0.1:$PORT/kiosk?views=map,services,traces&every=30s" >"$DIR/chromium.log" 2>&1 &
CH=$!
{
  echo "# runtrace demo --scenario shop (pid $RT, 127.0.0.1:$PORT, emulator 127.0.0.1:$EPORT), kiosk in headless chromium (pid $CH): /kiosk?views=map,services,traces&every=30s"
  echo "# binary $BIN; logs in $DIR; started $(date -u +%FT%TZ)"
  echo "# minute utc vmrss_kb xray_segments xray_store_bytes spans spans_bytes kiosk_alive"
} >"$OUT"
for m in $(seq 0 "$MINUTES"); do
  rss=$(awk '/^VmRSS/ {print $2}' /proc/$RT/status 2>/dev/null)
  [ -z "$rss" ] && { echo "# runtrace exited at minute $m" >>"$OUT"; break; }
  h=$(curl -s -m 5 "http://127.0.0.1:$EPORT/_emulator/health")
  st=$(echo "$h" | python3 -c 'import json,sys
try:
  d=json.load(sys.stdin); print(d["xray"]["segments"], d["xray"]["bytes"], d["spans"]["spans"], d["spans"]["bytes"])
except Exception: print("- - - -")')
  alive=$(kill -0 $CH 2>/dev/null && echo yes || echo no)
  echo "$m $(date -u +%H:%M:%S) $rss $st $alive" >>"$OUT"
  [ "$m" -lt "$MINUTES" ] && sleep 60
done
echo "# finished $(date -u +%FT%TZ)" >>"$OUT"
kill $CH 2>/dev/null; kill $RT 2>/dev/null
