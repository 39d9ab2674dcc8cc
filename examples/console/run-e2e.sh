#!/usr/bin/env bash
# Starts the API (embedded PostgreSQL, sample content, CORS for the reader page), makes an editor, a reviewer and an
# admin key, serves examples/reader, and runs the console's Chromium test. Screenshots go to $OUT (default
# examples/console/screenshots). Used by .ci/run; run it under `flock /work/coord/ports.lock` on a shared machine.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
out=${OUT:-$PWD/screenshots}
npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
(cd ../reader && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null && npm run build --silent)
work=$(mktemp -d); chmod 755 "$work"
api_port=18491; page_port=18492
admin=kc_console-e2e-admin-key-0123456789abcdef
cleanup() { kill "${page_pid:-}" "${api_pid:-}" 2>/dev/null || true; wait "${api_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build "$root/src/KetamineContent.Api/KetamineContent.Api.csproj" -v quiet -nologo >/dev/null
(cd "$root/src/KetamineContent.Api" && ASPNETCORE_ENVIRONMENT=Development LocalPostgres__DataDirectory="$work/pg" \
  Auth__BootstrapAdminKey="$admin" Security__CorsOrigins__0="http://127.0.0.1:$page_port" \
  exec dotnet bin/Debug/net10.0/KetamineContent.Api.dll --urls "http://127.0.0.1:$api_port") > "$work/api.log" 2>&1 &
api_pid=$!
python3 -m http.server "$page_port" --bind 127.0.0.1 --directory ../reader > "$work/page.log" 2>&1 &
page_pid=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$api_port/health/ready" && break; sleep 0.5; done
key() { curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"name\":\"console e2e $1\",\"role\":\"$1\"}" "http://127.0.0.1:$api_port/v1/manage/keys" | jq -r .key; }
API_BASE="http://127.0.0.1:$api_port" PAGE_BASE="http://127.0.0.1:$page_port" OUT="$out" \
  EDITOR_KEY=$(key editor) REVIEWER_KEY=$(key reviewer) ADMIN_KEY=${SKIP_ADMIN:+}${SKIP_ADMIN:-$(key admin)} node e2e/console.mjs \
  || { echo "--- API log (errors)"; grep -A8 -E "fail:|Exception" "$work/api.log" | head -60; exit 1; }
