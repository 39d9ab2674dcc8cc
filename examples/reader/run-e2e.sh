#!/usr/bin/env bash
# Builds the typed client (generated from openapi/v1.json, checked by tsc), starts the API (embedded PostgreSQL, sample
# content, CORS for the page's origin) and a static server for the page, and runs the Chromium test. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
npm run build --silent
work=$(mktemp -d); chmod 755 "$work"
api_port=18481; page_port=18482
cleanup() { kill "${page_pid:-}" "${api_pid:-}" 2>/dev/null || true; wait "${api_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build "$root/src/KetamineContent.Api/KetamineContent.Api.csproj" -v quiet -nologo >/dev/null
(cd "$root/src/KetamineContent.Api" && ASPNETCORE_ENVIRONMENT=Development LocalPostgres__DataDirectory="$work/pg" \
  Security__CorsOrigins__0="http://127.0.0.1:$page_port" exec dotnet bin/Debug/net10.0/KetamineContent.Api.dll --urls "http://127.0.0.1:$api_port") > "$work/api.log" 2>&1 &
api_pid=$!
python3 -m http.server "$page_port" --bind 127.0.0.1 --directory . > "$work/page.log" 2>&1 &
page_pid=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$api_port/health/ready" && break; sleep 0.5; done
API_BASE="http://127.0.0.1:$api_port" PAGE_BASE="http://127.0.0.1:$page_port" node e2e/reader.mjs
