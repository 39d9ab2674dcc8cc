#!/usr/bin/env bash
# The integration scenarios as plain HTTP calls (replayed through Prism by .ci/contract/run). Each call must answer
# the expected status; the contract check itself is Prism's.
set -euo pipefail
B=$API_BASE
# Requests that break the contract on purpose (to check the API refuses them) go straight to the API: through
# Prism they would be request violations by design. Their problem+json answers are asserted by the xunit suite.
D=${API_DIRECT:-$API_BASE}
expect() { # expect STATUS curl-args...
  local want=$1; shift
  local got; got=$(curl -s -o /tmp/kc-contract-body -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then echo "expected $want, got $got: $*" >&2; cat /tmp/kc-contract-body >&2; exit 1; fi
}
json() { python3 -c "import json,sys; print(json.load(open('/tmp/kc-contract-body'))$1)"; }
A=(-H "Authorization: Bearer $ADMIN_KEY")
J=(-H "Content-Type: application/json")

expect 200 "$B/v1/articles"
expect 200 "$B/v1/articles?topic=addiction&sort=title&limit=1"
expect 200 "$B/v1/articles/ketamine-for-anxiety"
etag=$(curl -s -D - -o /dev/null "$B/v1/articles/ketamine-for-anxiety" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
expect 304 -H "If-None-Match: $etag" "$B/v1/articles/ketamine-for-anxiety"
expect 200 "$B/v1/articles/ketamine-for-anxiety?format=html&fields=title,sections"
expect 200 "$B/v1/articles/ketamine-for-anxiety?format=jsonld"
expect 200 "$B/v1/articles/ketamine-for-anxiety/sections/side_effects"
expect 404 "$B/v1/articles/no-such-article"
expect 400 "$D/v1/articles?limit=500"
expect 200 "$B/v1/topics"
expect 200 "$B/v1/search?q=nausea"
expect 400 "$B/v1/search?q="
expect 200 "$B/v1/sync?limit=2"
expect 400 "$B/v1/sync?cursor=bogus"

expect 201 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/keys" -d '{"name":"contract editor","role":"editor"}'
editor=$(json "['key']"); E=(-H "Authorization: Bearer $editor")
expect 201 "${A[@]}" "${J[@]}" -X POST "$B/v1/manage/keys" -d '{"name":"contract reviewer","role":"reviewer"}'
reviewer=$(json "['key']"); R=(-H "Authorization: Bearer $reviewer")
expect 200 "${A[@]}" "$B/v1/manage/keys"
expect 401 "$D/v1/manage/articles"
slug="contract-$(date +%s)"
body=$(sed "s/ketamine-and-sleep/$slug/" "$(dirname "$0")/../../examples/article.json")
expect 201 "${E[@]}" "${J[@]}" -H "Idempotency-Key: $slug" -X POST "$B/v1/manage/articles" -d "$body"
id=$(json "['id']")
expect 201 "${E[@]}" "${J[@]}" -H "Idempotency-Key: $slug" -X POST "$B/v1/manage/articles" -d "$body"
expect 200 "${E[@]}" "$B/v1/manage/articles?status=draft"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id"
expect 428 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$id/revisions" -d "$body"
expect 201 "${E[@]}" "${J[@]}" -H 'If-Match: "1"' -X POST "$B/v1/manage/articles/$id/revisions" -d "$body"
expect 412 "${E[@]}" "${J[@]}" -H 'If-Match: "1"' -X POST "$B/v1/manage/articles/$id/revisions" -d "$body"
expect 400 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/articles" -d '{"slug":"Bad Slug"}'
expect 403 "${E[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d '{"revision":2}'
expect 422 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d '{"revision":2}'
expect 201 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/revisions/2/review" -d '{"reviewedBy":"Dr. Contract","notes":"ok"}'
expect 200 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d '{"revision":2}'
expect 200 "$B/v1/articles/$slug"
expect 201 "${E[@]}" -H 'If-Match: "2"' -X POST "$B/v1/manage/articles/$id/revisions/1/restore"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/revisions"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/revisions/2"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/revisions/1/diff/3"
expect 200 "${E[@]}" "$B/v1/manage/articles/$id/preview?revision=3"
expect 202 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/publish" -d "{\"revision\":2,\"at\":\"2100-01-01T00:00:00Z\"}"
expect 200 "${R[@]}" "${J[@]}" -X POST "$B/v1/manage/articles/$id/unpublish" -d '{"reason":"safety","replacementSlug":"ketamine-for-anxiety"}'
expect 410 "$B/v1/articles/$slug"
expect 200 "${R[@]}" -X POST "$B/v1/manage/articles/$id/archive"
expect 409 "${R[@]}" -X POST "$B/v1/manage/articles/$id/archive"
expect 200 "${R[@]}" -X POST "$B/v1/manage/articles/$id/unarchive"
expect 200 "${A[@]}" "$B/v1/manage/audit?articleId=$id"
expect 404 "${A[@]}" -X DELETE "$B/v1/manage/keys/00000000-0000-0000-0000-000000000000"
echo "contract scenarios: all statuses as expected"
