#!/usr/bin/env bash
# The integration scenarios as plain HTTP calls, replayed through Prism by .ci/contract/run. Each call must answer
# the expected status; Prism checks the contract, and every exchange is logged for coverage.py, which fails when a
# documented (operation, status) pair is never seen. Statuses any operation can answer whatever its data (401, 403,
# 404, 413, 415, 4XX, 429) are swept for every operation by sweep.py.
set -euo pipefail
B=$API_BASE
# Requests that break the contract on purpose (to check the API refuses them) go through the Prism that validates
# responses only: through the other they would be request violations by design.
D=${API_LOOSE:-$API_BASE}
EXCHANGES=${EXCHANGES:-/dev/null}
body_file=$(mktemp); head_file=$(mktemp)
trap 'rm -f "$body_file" "$head_file"' EXIT
expect() { # expect STATUS curl-args...
  local want=$1; shift
  local got method url
  read -r got method url < <(curl -s -o "$body_file" -D "$head_file" -w '%{http_code} %{method} %{url_effective}\n' "$@")
  python3 - "$method" "$url" "$got" "$head_file" >> "$EXCHANGES" <<'PY'
import json, sys
names = sorted({l.split(":", 1)[0].strip() for l in open(sys.argv[4]) if ":" in l and not l.startswith("HTTP/")})
print(json.dumps({"method": sys.argv[1], "url": sys.argv[2], "status": int(sys.argv[3]), "headers": names}))
PY
  if [ "$got" != "$want" ]; then echo "expected $want, got $got: $*" >&2; cat "$body_file" >&2; exit 1; fi
}
json() { python3 -c "import json,sys; print(json.load(open('$body_file'))$1)"; }
etag() { tr -d '\r' < "$head_file" | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
# idem STATUS KEY curl-args... URL: the command with an Idempotency-Key, then the same key with another request: 422.
idem() {
  local want=$1 key=$2; shift 2
  local url=${!#}; local args=("${@:1:$#-1}")
  expect "$want" "${args[@]}" -H "Idempotency-Key: $key" "$url"
  local sep='?'; [[ $url == *\?* ]] && sep='&'
  expect 422 "${args[@]}" -H "Idempotency-Key: $key" "$url${sep}another=request"
}
# fresh URL: the answer's ETag sent back in If-None-Match is 304.
fresh() { expect 200 "$@"; local t; t=$(etag); expect 304 -H "If-None-Match: $t" "$@"; }
A=(-H "Authorization: Bearer $ADMIN_KEY")
J=(-H "Content-Type: application/json")
P=(-H "Content-Type: application/merge-patch+json")
run=$(date +%s)

# Delivery
fresh "$B/v1/articles"
expect 200 "$B/v1/articles?topic=addiction&sort=title&limit=1"
fresh "$B/v1/articles/ketamine-for-anxiety"
expect 200 "$B/v1/articles/ketamine-for-anxiety?format=html&fields=title,sections"
expect 200 "$B/v1/articles/ketamine-for-anxiety?format=jsonld"
fresh "$B/v1/articles/ketamine-for-anxiety/sections/side_effects"
fresh "$B/v1/articles/ketamine-for-anxiety/references?format=csl"
expect 400 "$D/v1/articles/ketamine-for-anxiety/references?format=bogus"
expect 404 "$B/v1/articles/no-such-article/references"
expect 404 "$B/v1/articles/no-such-article"
expect 400 "$D/v1/articles?limit=500"
expect 400 "$D/v1/articles/ketamine-for-anxiety?format=bogus"
expect 400 "$D/v1/articles/ketamine-for-anxiety/sections/side_effects?format=bogus"
fresh "$B/v1/topics"
expect 400 "$D/v1/topics?locale=not_a_locale"
fresh "$B/v1/search?q=nausea"
expect 400 "$D/v1/search?q="
fresh "$B/v1/sync?limit=2"
expect 200 "$B/v1/sync?limit=100"
old_cursor=$(json "['nextCursor']")
expect 400 "$B/v1/sync?cursor=bogus"

# Keys
expect 201 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/keys" -d '{"name":"contract editor","role":"editor"}'
editor=$(json "['key']"); E=(-H "Authorization: Bearer $editor")
[ -z "${KEY_FILE:-}" ] || printf '%s' "$editor" > "$KEY_FILE"
expect 201 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/keys" -d '{"name":"contract reviewer","role":"reviewer"}'
reviewer=$(json "['key']"); R=(-H "Authorization: Bearer $reviewer")
expect 201 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/keys" -d '{"name":"contract previewer","role":"previewer"}'
previewer=$(json "['key']"); V=(-H "Authorization: Bearer $previewer")
[ -z "${PREVIEWER_KEY_FILE:-}" ] || printf '%s' "$previewer" > "$PREVIEWER_KEY_FILE"
idem 201 "key-$run" "${A[@]}" "${J[@]}" -X POST -d '{"name":"contract spare","role":"editor"}' "$B/v1/manage/keys"
expect 400 "${A[@]}" "${J[@]}" -X POST "$D/v1/manage/keys" -d '{"name":"contract bad","role":"reader"}'
expect 200 "${A[@]}" "$B/v1/manage/keys"
spare=$(curl -s "${A[@]}" "$B/v1/manage/keys" | python3 -c "import json,sys; print([k['id'] for k in json.load(sys.stdin)['items'] if k['name']=='contract spare'][0])")
expect 200 "${A[@]}" "$B/v1/manage/keys/$spare"
idem 204 "revoke-$run" "${A[@]}" -X DELETE "$B/v1/manage/keys/$spare"

# Webhooks (the target is a closed local port: deliveries fail and stay redeliverable)
idem 201 "hook-$run" "${A[@]}" "${J[@]}" -X POST -d '{"url":"http://127.0.0.1:9/hook","events":["article.published"]}' "$B/v1/manage/webhooks"
hook=$(curl -s "${A[@]}" "$B/v1/manage/webhooks" | python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")
expect 400 "${A[@]}" "${J[@]}" -X POST "$D/v1/manage/webhooks" -d '{"url":"ftp://example.org","events":["article.published"]}'
expect 200 "${A[@]}" "$B/v1/manage/webhooks"
expect 200 "${A[@]}" "$B/v1/manage/webhooks/$hook"
idem 200 "put-$run" "${A[@]}" "${J[@]}" -X PUT -d '{"url":"http://127.0.0.1:9/hook","events":["article.published","article.withdrawn"]}' "$B/v1/manage/webhooks/$hook"
expect 400 "${A[@]}" "${J[@]}" -X PUT "$D/v1/manage/webhooks/$hook" -d '{"url":"http://127.0.0.1:9/hook","events":["no.such.event"]}'
idem 200 "rotate-$run" "${A[@]}" -X POST "$B/v1/manage/webhooks/$hook/rotate-secret"

# Reviewer profiles (admin): create, list, get, replace with If-Match; a sign-off names one below.
idem 201 "reviewer-$run" "${A[@]}" "${J[@]}" -X POST -d '{"name":"Dr. Contract","credentials":["MD"],"specialty":"Psychiatry","profileUrl":"https://example.org/reviewers/contract","orcid":"0000-0002-1825-0097"}' "$B/v1/manage/reviewers"
expect 409 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/reviewers" -d '{"name":"Dr. Twin","orcid":"0000-0002-1825-0097"}'
expect 400 "${A[@]}" "${J[@]}" -X POST "$D/v1/manage/reviewers" -d '{"name":"Dr. Typo","orcid":"0000-0002-1825-0096"}'
expect 200 "${A[@]}" "$B/v1/manage/reviewers"
profile=$(json "['items']" | python3 -c "import ast,sys; print([p['id'] for p in ast.literal_eval(sys.stdin.read()) if p['name']=='Dr. Contract'][0])")
expect 200 "${A[@]}" "$B/v1/manage/reviewers/$profile"
expect 428 "${A[@]}" "${J[@]}" -X PUT "$D/v1/manage/reviewers/$profile" -d '{"name":"Dr. Contract","credentials":["MD","PhD"]}'
expect 412 "${A[@]}" "${J[@]}" -H 'If-Match: "9"' -X PUT "$B/v1/manage/reviewers/$profile" -d '{"name":"Dr. Contract","credentials":["MD","PhD"]}'
expect 400 "${A[@]}" "${J[@]}" -H 'If-Match: "1"' -X PUT "$D/v1/manage/reviewers/$profile" -d '{"name":"Dr. Contract","profileUrl":"http://example.org/"}'
expect 201 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/reviewers" -d '{"name":"Dr. Other","orcid":"0000-0001-5109-3700"}'
expect 409 "${A[@]}" "${J[@]}" -H 'If-Match: "1"' -X PUT "$B/v1/manage/reviewers/$profile" -d '{"name":"Dr. Contract","orcid":"0000-0001-5109-3700"}'
idem 200 "reviewer-put-$run" "${A[@]}" "${J[@]}" -H 'If-Match: "1"' -X PUT -d '{"name":"Dr. Contract","credentials":["MD","PhD"],"specialty":"Psychiatry","profileUrl":"https://example.org/reviewers/contract","orcid":"0000-0002-1825-0097"}' "$B/v1/manage/reviewers/$profile"

# Editing
expect 401 -H "Authorization: Bearer kc_not-a-key-000000000000000000" "$B/v1/manage/articles"
slug="contract-$run"
body=$(sed "s/ketamine-and-sleep/$slug/" "$(dirname "$0")/../../examples/article.json")
idem 201 "$slug" "${E[@]}" "${J[@]}" -X POST -d "$body" "$B/v1/manage/articles"
id=$(curl -s "${E[@]}" "$B/v1/manage/articles?status=draft&limit=100" | python3 -c "import json,sys; print([a['id'] for a in json.load(sys.stdin)['items'] if a['slug']=='$slug'][0])")
expect 409 "${E[@]}" "${J[@]}" -X POST "$B/v1/manage/articles" -d "$body"
expect 400 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/articles" -d '{"slug":"Bad Slug"}'
expect 200 "${E[@]}" "$B/v1/manage/articles?status=draft"
expect 400 "${E[@]}" "$D/v1/manage/articles?limit=0"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/linked-from"
expect 428 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/revisions" -d "$body"
idem 201 "rev-$slug" "${E[@]}" "${J[@]}" -H 'If-Match: "1"' -X POST -d "$body" "$B/v1/manage/articles/$id/revisions"
expect 412 "${E[@]}" "${J[@]}" -H 'If-Match: "1"' -X POST "$B/v1/manage/articles/$id/revisions" -d "$body"
expect 400 "${E[@]}" "${J[@]}" -H 'If-Match: "2"' -X POST "$D/v1/manage/articles/$id/revisions" -d '{"title":""}'
expect 422 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d '{"revision":2}'
expect 400 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/publish" -d '{"revision":"two"}'
expect 400 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/revisions/2/review" -d '{"reviewedBy":""}'
expect 422 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/revisions/2/review" -d '{"reviewerId":"00000000-0000-4000-8000-000000000000"}'
idem 201 "review-$slug" "${R[@]}" "${J[@]}" -X POST -d "{\"reviewerId\":\"$profile\",\"notes\":\"ok\"}" "$B/v1/manage/articles/$id/revisions/2/review"
idem 200 "publish-$slug" "${R[@]}" "${J[@]}" -X POST -d '{"revision":2}' "$B/v1/manage/articles/$id/publish"
expect 200 "$B/v1/articles/$slug"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/published"
expect 400 "${E[@]}" "$D/v1/manage/articles/$id/published?asOf=yesterday"
expect 428 "${E[@]}" -X POST "$D/v1/manage/articles/$id/revisions/1/restore"
expect 412 "${E[@]}" -H 'If-Match: "1"' -X POST "$B/v1/manage/articles/$id/revisions/1/restore"
expect 400 "${E[@]}" -H 'If-Match: *' -X POST "$D/v1/manage/articles/$id/revisions/1/restore"
idem 201 "restore-$slug" "${E[@]}" -H 'If-Match: "2"' -X POST "$B/v1/manage/articles/$id/revisions/1/restore"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/revisions"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/revisions/2"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/revisions/1/diff/3"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/preview?revision=3"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/preview?format=html"
expect 400 "${E[@]}" "$D/v1/manage/articles/$id/preview?format=jsonld"
expect 202 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d "{\"revision\":2,\"at\":\"2100-01-01T00:00:00Z\"}"
expect 400 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/unpublish" -d '{"reason":"x\u0001"}'
idem 200 "unpublish-$slug" "${R[@]}" "${J[@]}" -X POST -d '{"reason":"safety","replacementSlug":"ketamine-for-anxiety"}' "$B/v1/manage/articles/$id/unpublish"
expect 409 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/unpublish" -d '{"reason":"safety"}'
expect 410 "$B/v1/articles/$slug"
expect 410 "$B/v1/articles/$slug/sections/side_effects"
expect 410 "$B/v1/articles/$slug/references"
expect 410 "${J[@]}" -X POST "$B/v1/articles/$slug/feedback" -d '{"helpful":true}'
expect 400 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/archive" -d '{"reason":"x\u0001"}'
idem 200 "archive-$slug" "${R[@]}" -X POST "$B/v1/manage/articles/$id/archive"
expect 409 "${E[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/preview-links" -d '{"expiresInHours":1}'
expect 409 "${R[@]}" -X POST "$B/v1/manage/articles/$id/archive"
expect 409 "${E[@]}" "${J[@]}" -H 'If-Match: "3"' -X POST "$B/v1/manage/articles/$id/revisions" -d "$body"
expect 409 "${E[@]}" -H 'If-Match: "3"' -X POST "$B/v1/manage/articles/$id/revisions/1/restore"
expect 409 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d '{"revision":2}'
expect 409 "${E[@]}" "${P[@]}" -H 'If-Match: "3"' -X PATCH "$B/v1/manage/articles/$id" -d '{"title":"Ketamine and sleep, revised"}'
idem 200 "unarchive-$slug" "${R[@]}" -X POST "$B/v1/manage/articles/$id/unarchive"
expect 409 "${R[@]}" -X POST "$B/v1/manage/articles/$id/unarchive"
idem 201 "patch-$slug" "${E[@]}" "${P[@]}" -H 'If-Match: "3"' -X PATCH -d '{"title":"Ketamine and sleep, revised"}' "$B/v1/manage/articles/$id"
expect 412 "${E[@]}" "${P[@]}" -H 'If-Match: "3"' -X PATCH "$B/v1/manage/articles/$id" -d '{"title":"Ketamine and sleep, again"}'
expect 428 "${E[@]}" "${P[@]}" -X PATCH "$D/v1/manage/articles/$id" -d '{"title":"Ketamine and sleep, again"}'
expect 400 "${E[@]}" "${P[@]}" -H 'If-Match: "4"' -X PATCH "$D/v1/manage/articles/$id" -d '{"title":""}'

# Preview: a previewer key reads the latest draft; a preview link shows it without a key until it is revoked.
expect 200 "${V[@]}" "$B/v1/preview/articles?limit=5"
expect 400 "${V[@]}" "$D/v1/preview/articles?limit=0"
expect 200 "${V[@]}" "$B/v1/preview/articles/$slug"
expect 200 "${V[@]}" "$B/v1/preview/articles/$slug?revision=1&format=html"
expect 400 "${V[@]}" "$D/v1/preview/articles/$slug?format=bogus"
idem 201 "preview-link-$slug" "${E[@]}" "${J[@]}" -X POST -d '{"expiresInHours":2}' "$B/v1/manage/articles/$id/preview-links"
token=$(curl -s "${E[@]}" "${J[@]}" -X POST -d '{"expiresInHours":2}' "$API_DIRECT/v1/manage/articles/$id/preview-links" | python3 -c "import json,sys; print(json.load(sys.stdin)['token'])")
expect 400 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/preview-links" -d '{"expiresInHours":169}'
expect 303 "$API_DIRECT/v1/preview/articles/$slug?token=$token"  # a preview link (a browser step in front of the operation, so the document declares no token and Prism would drop it: sent direct)
expect 200 -H "Cookie: kc_preview=$token" "$B/v1/preview/articles/$slug"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/preview-links"
link=$(json "['items'][0]['id']")
idem 204 "unlink-$slug" "${E[@]}" -X DELETE "$B/v1/manage/articles/$id/preview-links/$link"
expect 401 "$API_DIRECT/v1/preview/articles/$slug?token=$token"
expect 401 -H "Cookie: kc_preview=$token" "$D/v1/preview/articles/$slug"

# Import
md='# Ketamine and sleep\n\nWhat is known about sleep after a session.\n\n## How it works\n\nIt blocks the NMDA receptor.'
idem 201 "import-$slug" "${E[@]}" -H 'Content-Type: text/markdown' -X POST --data-binary "$(printf "$md")" "$B/v1/manage/articles/import?slug=$slug-imported&topic=depression"
expect 409 "${E[@]}" -H 'Content-Type: text/markdown' -X POST --data-binary "$(printf "$md")" "$B/v1/manage/articles/import?slug=$slug-imported&topic=depression"
expect 400 "${E[@]}" -H 'Content-Type: text/markdown' -X POST --data-binary "$(printf "$md")" "$D/v1/manage/articles/import?topic=depression"

# Webhook deliveries: the publish above was delivered (and failed) to the subscription.
expect 200 "${A[@]}" "$B/v1/manage/webhooks/$hook/deliveries"
delivery=$(json "['items'][0]['id']")
idem 204 "redeliver-$run" "${A[@]}" -X POST "$B/v1/manage/webhooks/$hook/deliveries/$delivery/redeliver"
idem 204 "unhook-$run" "${A[@]}" -X DELETE "$B/v1/manage/webhooks/$hook"

# Assets: upload a tiny PNG (straight to the API: Prism re-encodes multipart bodies and the bytes arrive changed), read,
# change, list, read the file, use it in an article (409 on delete), and delete an unused one.
png=$(mktemp --suffix=.png)
python3 - "$png" <<'PY'
import struct, sys, zlib
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
raw = b"".join(b"\x00" + b"\x80\x80\x80" * 4 for _ in range(4))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
expect 201 "${E[@]}" -H "Idempotency-Key: asset-$run" -X POST -F "file=@$png;type=image/png" -F "alt=A single grey dot" "$API_DIRECT/v1/manage/assets"
asset=$(json "['id']"); asset_etag=$(etag); asset_url=$(json "['url']")
expect 422 "${E[@]}" -H "Idempotency-Key: asset-$run" -X POST -F "file=@$png;type=image/png" -F "alt=A single grey dot" "$B/v1/manage/assets?another=request"
expect 400 "${E[@]}" -X POST -F "alt=No file" "$D/v1/manage/assets"
expect 200 "${E[@]}" "$B/v1/manage/assets/$asset"
expect 428 "${E[@]}" "${J[@]}" -X PUT "$D/v1/manage/assets/$asset" -d '{"alt":"A grey dot","decorative":false}'
expect 412 "${E[@]}" "${J[@]}" -H 'If-Match: "stale"' -X PUT "$B/v1/manage/assets/$asset" -d '{"alt":"A grey dot","decorative":false}'
expect 400 "${E[@]}" "${J[@]}" -H "If-Match: $asset_etag" -X PUT "$D/v1/manage/assets/$asset" -d '{"alt":"","decorative":false}'
idem 200 "asset-put-$run" "${E[@]}" "${J[@]}" -H "If-Match: $asset_etag" -X PUT -d '{"alt":"A grey dot","decorative":false}' "$B/v1/manage/assets/$asset"
expect 200 "${E[@]}" "$B/v1/manage/assets?missingAlt=false"
expect 400 "${E[@]}" "$D/v1/manage/assets?limit=0"
expect 200 "${E[@]}" "$B/v1/manage/assets/$asset/usage"
# The file: editors' keys see it before any published revision uses it; a rendition; a bad rendition parameter.
fresh "${E[@]}" "$B$asset_url"
expect 200 "${E[@]}" "$B$asset_url?w=64&fm=png"
expect 400 "${E[@]}" "$D$asset_url?fit=bogus"
# A node whose renditions outlive their time limit (SLOW_RENDITIONS_BASE: another API on the same database with
# Assets:RenditionTimeoutSeconds at 1 ms) serves originals and answers 422 for a rendition.
# (A one-pixel rendition can finish inside 1 ms, so its 422 is not replayed: listed in not-yet-covered.txt.)
[ -z "${SLOW_RENDITIONS_BASE:-}" ] || fresh "${E[@]}" "$SLOW_RENDITIONS_BASE$asset_url"
# In use by an article's latest revision: 409 listing it; a stale If-Match is 412 before that.
used_body=$(printf '%s' "$body" | sed "s/\"$slug\"/\"$slug-image\"/; s/glutamate signalling\./glutamate signalling. ![A grey dot](asset:$asset)/")
expect 201 "${E[@]}" "${J[@]}" -X POST "$B/v1/manage/articles" -d "$used_body"
expect 409 "${E[@]}" -X DELETE "$B/v1/manage/assets/$asset"
expect 412 "${E[@]}" -H 'If-Match: "stale"' -X DELETE "$B/v1/manage/assets/$asset"
expect 201 "${E[@]}" -X POST -F "file=@$png;type=image/png" -F "decorative=true" "$API_DIRECT/v1/manage/assets"
unused=$(json "['id']")
idem 204 "asset-delete-$run" "${E[@]}" -X DELETE "$B/v1/manage/assets/$unused"
rm -f "$png"

# Comments, tasks and releases
. "$(dirname "$0")/scenarios-workflow.sh"

# Audit
expect 200 "${A[@]}" "$B/v1/manage/audit?articleId=$id"
expect 400 "${A[@]}" "$D/v1/manage/audit?limit=0"

# Sync: a cursor older than the retained feed is 410 (the horizon is moved the way pruning moves it).
if [ -n "${PG_DATA:-}" ]; then
  port=$(sed -n 4p "$PG_DATA/data/postmaster.pid")
  psql -h 127.0.0.1 -p "$port" -U postgres -d ketaminecontent -qAtc "UPDATE sync_state SET horizon = last_seq WHERE id = 1" >/dev/null
  expect 410 "$B/v1/sync?cursor=$old_cursor"
fi
# Clinical: topic codes (admin), an article's codes and declarations (editor), the HL7 Infobutton, reader feedback.
anxiety=6b1f0c1e-0004-4000-8000-000000000004
expect 200 "${A[@]}" "$B/v1/manage/topics/anxiety/codes"
expect 404 "${A[@]}" "$B/v1/manage/topics/no-such-topic/codes"
expect 428 "${A[@]}" "${J[@]}" -X PUT "$D/v1/manage/topics/anxiety/codes" -d '{"codes":[{"system":"icd-10-cm","code":"F41"}]}'
expect 412 "${A[@]}" "${J[@]}" -H 'If-Match: "9"' -X PUT "$B/v1/manage/topics/anxiety/codes" -d '{"codes":[{"system":"icd-10-cm","code":"F41"}]}'
expect 400 "${A[@]}" "${J[@]}" -H 'If-Match: "1"' -X PUT "$D/v1/manage/topics/anxiety/codes" -d '{"codes":[{"system":"snomed-ct","code":"123"}]}'
expect 404 "${A[@]}" "${J[@]}" -H 'If-Match: "1"' -X PUT "$B/v1/manage/topics/no-such-topic/codes" -d '{"codes":[]}'
idem 200 "topic-codes-$run" "${A[@]}" "${J[@]}" -H 'If-Match: "1"' -X PUT -d '{"codes":[{"system":"icd-10-cm","code":"F41","display":"Other anxiety disorders"},{"system":"icd-10-cm","code":"F40.1"}]}' "$B/v1/manage/topics/anxiety/codes"
expect 200 "${E[@]}" "$B/v1/manage/articles/$anxiety/clinical"
expect 404 "${E[@]}" "$B/v1/manage/articles/00000000-0000-4000-8000-000000000000/clinical"
expect 428 "${E[@]}" "${J[@]}" -X PUT "$D/v1/manage/articles/$anxiety/clinical" -d '{"codes":[]}'
expect 412 "${E[@]}" "${J[@]}" -H 'If-Match: "9"' -X PUT "$B/v1/manage/articles/$anxiety/clinical" -d '{"codes":[]}'
expect 400 "${E[@]}" "${J[@]}" -H 'If-Match: "0"' -X PUT "$D/v1/manage/articles/$anxiety/clinical" -d '{"codes":[{"system":"rxnorm","code":"x"}]}'
expect 404 "${E[@]}" "${J[@]}" -H 'If-Match: "0"' -X PUT "$B/v1/manage/articles/00000000-0000-4000-8000-000000000000/clinical" -d '{"codes":[]}'
idem 200 "clinical-$run" "${E[@]}" "${J[@]}" -H 'If-Match: "0"' -X PUT -d '{"codes":[],"funding":"Written without outside funding.","conflictsOfInterest":"None declared."}' "$B/v1/manage/articles/$anxiety/clinical"
fresh -H "Accept: application/json" "$API_DIRECT/v1/infobutton?mainSearchCriteria.v.c=F41.1&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&knowledgeResponseType=application/json"
expect 200 "$B/v1/infobutton?mainSearchCriteria.v.c=F41.1&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&informationRecipient=PAT"
expect 200 -H "Accept: application/json" "$API_DIRECT/v1/infobutton?mainSearchCriteria.v.dn=anxiety&knowledgeResponseType=application/json"
expect 400 "$D/v1/infobutton?mainSearchCriteria.v.c=F41.1"
expect 202 "${J[@]}" -X POST "$B/v1/articles/ketamine-for-anxiety/feedback" -d '{"helpful":false,"comment":"The side effects part was unclear.","sectionKind":"side_effects"}'
feedback=$(json "['id']")
expect 400 "${J[@]}" -X POST "$D/v1/articles/ketamine-for-anxiety/feedback" -d '{"comment":"no verdict"}'
expect 404 "${J[@]}" -X POST "$B/v1/articles/no-such-article/feedback" -d '{"helpful":true}'
expect 200 "${E[@]}" "$B/v1/manage/articles/$anxiety/feedback"
expect 400 "${E[@]}" "$D/v1/manage/articles/$anxiety/feedback?limit=0"
expect 404 "${E[@]}" "$B/v1/manage/articles/00000000-0000-4000-8000-000000000000/feedback"
idem 200 "handled-$run" "${E[@]}" -X POST "$B/v1/manage/articles/$anxiety/feedback/$feedback/handled"
expect 404 "${E[@]}" -X POST "$B/v1/manage/articles/$anxiety/feedback/00000000-0000-4000-8000-000000000000/handled"

echo "contract scenarios: all statuses as expected"
