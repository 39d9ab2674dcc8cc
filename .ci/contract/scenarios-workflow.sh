# Comments and tasks (sourced by scenarios.sh: expect, idem, json, etag, B, D, E, R, J, run and body are set there).
wslug="contract-workflow-$run"
wbody=$(sed "s/ketamine-and-sleep/$wslug/" "$(dirname "$0")/../../examples/article.json")
expect 201 "${E[@]}" "${J[@]}" -X POST -d "$wbody" "$B/v1/manage/articles"
wid=$(json "['id']")
idem 201 "comment-$run" "${R[@]}" "${J[@]}" -X POST -d '{"body":"Does this match current guidance?","revision":1,"sectionKind":"side_effects"}' "$B/v1/manage/articles/$wid/comments"
expect 400 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$wid/comments" -d '{"body":"","revision":1}'
expect 200 "${E[@]}" "$B/v1/manage/articles/$wid/comments?revision=1"
expect 400 "${E[@]}" "$D/v1/manage/articles/$wid/comments?revision=0"
expect 201 "${R[@]}" "${J[@]}" -H "Idempotency-Key: task-$run" -X POST -d '{"title":"Check the side effects","assignee":"editor","revision":1}' "$B/v1/manage/articles/$wid/tasks"
task=$(json "['id']"); task_etag=$(etag)
expect 422 "${R[@]}" "${J[@]}" -H "Idempotency-Key: task-$run" -X POST -d '{"title":"Check","assignee":"editor"}' "$B/v1/manage/articles/$wid/tasks"
expect 400 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$wid/tasks" -d '{"title":"Check","assignee":"nobody"}'
expect 200 "${E[@]}" "$B/v1/manage/articles/$wid/tasks?state=open"
expect 400 "${E[@]}" "$D/v1/manage/articles/$wid/tasks?state=maybe"
expect 428 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/articles/$wid/tasks/$task/resolve" -d '{}'
expect 412 "${E[@]}" "${J[@]}" -H 'If-Match: "t9"' -X POST "$B/v1/manage/articles/$wid/tasks/$task/resolve" -d '{}'
expect 400 "${E[@]}" "${J[@]}" -H "If-Match: $task_etag" -X POST "$D/v1/manage/articles/$wid/tasks/$task/resolve" -d '{"note":"x\u0001"}'
expect 428 "${E[@]}" -X POST "$D/v1/manage/articles/$wid/tasks/$task/reopen"
expect 412 "${E[@]}" -H 'If-Match: "t9"' -X POST "$B/v1/manage/articles/$wid/tasks/$task/reopen"
expect 409 "${E[@]}" -H "If-Match: $task_etag" -X POST "$B/v1/manage/articles/$wid/tasks/$task/reopen"
expect 200 "${E[@]}" "${J[@]}" -H "Idempotency-Key: resolve-$run" -H "If-Match: $task_etag" -X POST -d '{"note":"Checked."}' "$B/v1/manage/articles/$wid/tasks/$task/resolve"
task_etag=$(etag)
expect 422 "${E[@]}" "${J[@]}" -H "Idempotency-Key: resolve-$run" -H "If-Match: $task_etag" -X POST -d '{"note":"Other."}' "$B/v1/manage/articles/$wid/tasks/$task/resolve"
expect 409 "${E[@]}" "${J[@]}" -H "If-Match: $task_etag" -X POST "$B/v1/manage/articles/$wid/tasks/$task/resolve" -d '{}'
idem 200 "reopen-$run" "${E[@]}" -H "If-Match: $task_etag" -X POST "$B/v1/manage/articles/$wid/tasks/$task/reopen"

# Releases: an article reviewed for the release, then every answer of the release operations.
rslug="contract-release-$run"
expect 201 "${E[@]}" "${J[@]}" -X POST -d "$(sed "s/ketamine-and-sleep/$rslug/" "$(dirname "$0")/../../examples/article.json")" "$B/v1/manage/articles"
rid=$(json "['id']")
expect 201 "${R[@]}" "${J[@]}" -X POST -d '{"reviewedBy":"Dr. Contract","notes":"ok"}' "$B/v1/manage/articles/$rid/revisions/1/review"
RU="$B/v1/manage/releases"
expect 201 "${E[@]}" "${J[@]}" -H "Idempotency-Key: release-$run" -X POST -d '{"title":"Contract release","notes":"Two articles."}' "$RU"
rel=$(json "['id']"); re=$(etag)
expect 422 "${E[@]}" "${J[@]}" -H "Idempotency-Key: release-$run" -X POST -d '{"title":"Another release"}' "$RU"
expect 400 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/releases" -d '{"title":""}'
expect 200 "${E[@]}" "$RU?state=open"
expect 400 "${E[@]}" "$D/v1/manage/releases?state=gone"
expect 200 "${E[@]}" "$RU/$rel"
expect 428 "${E[@]}" "${J[@]}" -X POST "$D/v1/manage/releases/$rel/items" -d "{\"articleId\":\"$rid\",\"revision\":1}"
expect 412 "${E[@]}" "${J[@]}" -H 'If-Match: "r99"' -X POST "$RU/$rel/items" -d "{\"articleId\":\"$rid\",\"revision\":1}"
expect 400 "${E[@]}" "${J[@]}" -H "If-Match: $re" -X POST "$D/v1/manage/releases/$rel/items" -d "{\"articleId\":\"$rid\",\"revision\":0}"
expect 200 "${E[@]}" "${J[@]}" -H "Idempotency-Key: item-$run" -H "If-Match: $re" -X POST -d "{\"articleId\":\"$rid\",\"revision\":1}" "$RU/$rel/items"
re=$(etag)
expect 422 "${E[@]}" "${J[@]}" -H "Idempotency-Key: item-$run" -H "If-Match: $re" -X POST -d "{\"articleId\":\"$wid\",\"revision\":1}" "$RU/$rel/items"
expect 200 "${E[@]}" "${J[@]}" -H "If-Match: $re" -X POST -d "{\"articleId\":\"$wid\",\"revision\":1}" "$RU/$rel/items"
re=$(etag)
expect 428 "${E[@]}" -X DELETE "$D/v1/manage/releases/$rel/items/$wid"
expect 412 "${E[@]}" -H 'If-Match: "r99"' -X DELETE "$RU/$rel/items/$wid"
expect 200 "${E[@]}" -H "Idempotency-Key: unitem-$run" -H "If-Match: $re" -X DELETE "$RU/$rel/items/$wid"
re=$(etag)
expect 422 "${E[@]}" -H "Idempotency-Key: unitem-$run" -H "If-Match: $re" -X DELETE "$RU/$rel/items/$rid"
expect 200 "${E[@]}" -X POST "$RU/$rel/validate"
expect 428 "${R[@]}" "${J[@]}" -X POST "$D/v1/manage/releases/$rel/publish" -d '{}'
expect 412 "${R[@]}" "${J[@]}" -H 'If-Match: "r99"' -X POST "$RU/$rel/publish" -d '{}'
expect 400 "${R[@]}" "${J[@]}" -H "If-Match: $re" -X POST "$D/v1/manage/releases/$rel/publish" -d '{"at":"soon"}'
expect 202 "${R[@]}" "${J[@]}" -H "If-Match: $re" -X POST "$RU/$rel/publish" -d '{"at":"2100-01-01T00:00:00Z"}'
re=$(etag)
expect 200 "${R[@]}" "${J[@]}" -H "Idempotency-Key: publish-release-$run" -H "If-Match: $re" -X POST -d '{}' "$RU/$rel/publish"
re=$(etag)
expect 422 "${R[@]}" "${J[@]}" -H "Idempotency-Key: publish-release-$run" -H "If-Match: $re" -X POST -d '{"at":"2100-01-01T00:00:00Z"}' "$RU/$rel/publish"
expect 409 "${R[@]}" "${J[@]}" -H "If-Match: $re" -X POST "$RU/$rel/publish" -d '{}'
expect 409 "${E[@]}" "${J[@]}" -H "If-Match: $re" -X POST "$RU/$rel/items" -d "{\"articleId\":\"$wid\",\"revision\":1}"
expect 409 "${E[@]}" -H "If-Match: $re" -X DELETE "$RU/$rel/items/$rid"
expect 428 "${R[@]}" -X POST "$D/v1/manage/releases/$rel/revert"
expect 412 "${R[@]}" -H 'If-Match: "r99"' -X POST "$RU/$rel/revert"
expect 200 "${R[@]}" -H "Idempotency-Key: revert-$run" -H "If-Match: $re" -X POST "$RU/$rel/revert"
re=$(etag)
expect 422 "${R[@]}" -H "Idempotency-Key: revert-$run" -H "If-Match: $re" -X POST "$RU/$rel/revert?again=1"
expect 409 "${R[@]}" -H "If-Match: $re" -X POST "$RU/$rel/revert"
