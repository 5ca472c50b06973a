#!/usr/bin/env bash
# Starts the platform the way the README tells a newcomer to (npm start, embedded PostgreSQL,
# demo data), checks what must answer, walks the web app in Chromium, shows that a second
# instance on the same data directory refuses, stops it, and starts it again with its data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
chmod 755 "$data"
port=${ZT_SMOKE_PORT:-18181}
url="http://127.0.0.1:$port"
log="$data/server.log"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

start() {
  # what `npm start` runs, without npm in between, so the pid we signal is the server itself
  ZT_DATA_DIR="$data/zt" PORT=$port HOST=127.0.0.1 node scripts/start.mjs >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$url/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "server exited"; tail -50 "$log"; return 1; fi
    sleep 0.5
  done
  echo "server not ready in time"; tail -50 "$log"; return 1
}
stop() {
  kill "$pid"
  wait "$pid" || true
  pid=""
}
expect() { # expect CODE PATH [CONTENT-TYPE-PREFIX]
  local got
  got=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$url$2")
  case "$got" in
    "$1 ${3:-}"*) echo "ok   $2 → $got" ;;
    *) echo "FAIL $2 → $got (expected $1 ${3:-})"; return 1 ;;
  esac
}

start
expect 200 /healthz application/json
expect 200 /readyz application/json
expect 200 /metrics text/plain
expect 200 /openapi.json application/json
expect 200 /docs/ text/html
expect 200 / text/html
expect 200 /admin/calendar text/html
expect 404 /api/v1/nothing application/problem+json
expect 404 '/api/v1/directory/regions?parent=419000' application/problem+json
# read the whole answer first: `grep -q` stops at the first match, and a curl still writing into
# the closed pipe fails (exit 23) under pipefail once /metrics is long enough
metrics=$(curl -fsS "$url/metrics")
grep -q '^zt_http_request_duration_seconds_bucket' <<<"$metrics" || { echo "FAIL metrics lack the HTTP histogram"; exit 1; }
[ "$(curl -fsS "$url/api/v1/calendar/add-working-days?from=2025-09-30&days=5")" = '{"date":"2025-10-14","uncoveredYears":[]}' ] \
  || { echo "FAIL add-working-days"; exit 1; }

if [ -f e2e/smoke.e2e.ts ]; then
  ZT_E2E_URL=$url node --conditions=zt-source --import tsx --test --test-reporter=spec e2e/smoke.e2e.ts
fi

# a second Zhengtong on the same data directory refuses
if ZT_DATA_DIR="$data/zt" npm run -s zhengtong -- migrate >"$data/second.log" 2>&1; then
  echo "FAIL a second instance started on the same data directory"; exit 1
fi
grep -q "already running" "$data/second.log" && echo "ok   second instance refused: $(grep -o 'another Zhengtong[^;]*' "$data/second.log")"

stop
ZT_DATA_DIR="$data/zt" npm run -s zhengtong -- audit verify | tail -1
start
count=$(curl -fsS "$url/api/v1/directory/organisations?region=410000&subtree=true" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).items.length))")
[ "$count" -gt 30 ] && echo "ok   after restart the data is still there ($count organisations)" || { echo "FAIL data lost: $count"; exit 1; }
stop
echo "smoke: all checks passed"
