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
