#!/usr/bin/env python3
"""The statuses every operation can answer whatever its data, replayed for EVERY operation that the document says
answers them (so a new operation is covered without writing a scenario): 401 (a bad key), 403 (a previewer key, the lowest
role, wherever more is needed), 404 (unknown ids), 413 (a body over 1 MiB), 415 (another media type), 4XX (a URL over 8192
characters) and 429 (against a second API whose rate limits are 1 a minute). Requests are built from the document:
path parameters and required parameters from their schemas, bodies as minimal schema-valid instances.

Environment: API_BASE (Prism validating requests and responses), API_LOOSE (Prism validating responses only, for
requests that break the contract on purpose), API_LIMITED (Prism in front of the rate-limited API), ADMIN_KEY,
LIMITED_ADMIN_KEY, EDITOR_KEY, PREVIEWER_KEY, EXCHANGES (the log that coverage.py reads)."""
import json
import os
import sys
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

DOC = json.load(open(sys.argv[1]))
ENV = os.environ
PATH_VALUES = {"slug": "no-such-article-sweep", "kind": "side_effects", "number": "1", "a": "1", "b": "2"}
UNKNOWN_ID = "7d0e2b9a-1c3f-4a5e-8b6d-9f0a1b2c3d4e"
ROOT = os.path.dirname(os.path.abspath(sys.argv[1]))
# Bodies that also pass the API's own validation (so a 404 is reached); other schemas get a minimal instance.
SAMPLES = {
    "KeyInput": {"name": "sweep", "role": "editor"},
    "ArticleInput": json.load(open(os.path.join(ROOT, "..", "examples", "article.json"))),
    "ReviewInput": {"reviewedBy": "Dr. Sweep", "notes": "Checked."},
    "ReviewerInput": {"name": "Dr. Sweep"},
    "PublishInput": {"revision": 1},
    "WithdrawInput": {"reason": "safety"},
    "TaskInput": {"title": "Sweep", "assignee": "editor"},
    "TopicCodesInput": {"codes": []},
    "ArticleClinicalInput": {"codes": []},
    "FeedbackInput": {"helpful": True},
    "WebhookInput": {"url": "https://93.184.215.14/hooks/content", "events": ["article.published"]},  # an address literal: no DNS needed
}


def resolve(schema):
    ref = schema.get("$ref")
    return DOC["components"]["schemas"][ref.split("/")[-1]] if ref else schema


def instance(schema, depth=0):
    """A minimal value the schema accepts."""
    ref = schema.get("$ref", "").split("/")[-1]
    if ref in SAMPLES:
        return SAMPLES[ref]
    s = resolve(schema)
    if "enum" in s:
        return s["enum"][0]
    if "example" in s:
        return s["example"]
    t = s.get("type", "object")
    fmt = s.get("format")
    if t == "object":
        return {name: instance(s["properties"][name], depth + 1) for name in s.get("required", [])}
    if t == "array":
        return [instance(s["items"], depth + 1) for _ in range(s.get("minItems", 0))]
    if t == "integer":
        return max(1, int(s.get("minimum", 1)))
    if t == "number":
        return 1
    if t == "boolean":
        return False
    if fmt == "uuid":
        return UNKNOWN_ID
    if fmt == "date-time":
        return "2100-01-01T00:00:00Z"
    if fmt == "uri":
        return "https://front.example.org/hooks"
    return "sweep"


def request(path, op, key, *, body=None, content_type=None, extra_query=""):
    url_path = path
    query = {}
    headers = {}
    for p in op.get("parameters", []):
        if p["in"] == "path":
            value = UNKNOWN_ID if resolve(p.get("schema", {})).get("format") == "uuid" else PATH_VALUES.get(p["name"], "x")
            url_path = url_path.replace("{" + p["name"] + "}", quote(value))
        elif p.get("required") and p["in"] == "query":
            query[p["name"]] = p.get("example") or instance(p.get("schema", {}))
        elif p.get("required") and p["in"] == "header":
            headers[p["name"]] = p.get("example") or '"1"'
    if key:
        headers["Authorization"] = f"Bearer {key}"
    if body is None and "requestBody" in op:
        content_type, media = next(iter(op["requestBody"]["content"].items()))
        value = media.get("example", instance(media.get("schema", {})))
        body = value.encode() if isinstance(value, str) else json.dumps(value).encode()
    if body is not None:
        headers["Content-Type"] = content_type or "application/json"
        if headers["Content-Type"] == "multipart/form-data":
            # A form needs its boundary; the body becomes one file part holding what was to be sent.
            headers["Content-Type"] += "; boundary=sweep"
            body = (b'--sweep\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\n'
                    b'Content-Type: application/octet-stream\r\n\r\n' + body + b'\r\n--sweep--\r\n')
    qs = urlencode(query)
    if extra_query:
        qs = f"{qs}&{extra_query}" if qs else extra_query
    return url_path + (f"?{qs}" if qs else ""), headers, body


def send(base, method, target, headers, body, want):
    url = base + target
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, got = r.status, r.headers
    except urllib.error.HTTPError as e:
        status, got = e.code, e.headers
    except OSError as e:
        print(f"sweep: {method} {target[:120]} failed: {e}", file=sys.stderr)
        return False
    with open(ENV["EXCHANGES"], "a") as log:
        log.write(json.dumps({"method": method, "url": url, "status": status, "headers": sorted(set(got.keys()))}) + "\n")
    ok = str(status) == want or (want == "4XX" and 400 <= status < 500)
    if not ok:
        print(f"sweep: {method} {target[:120]} answered {status}, expected {want}", file=sys.stderr)
    return ok


def main():
    failures = 0
    ops = [(path, method.upper(), op) for path, item in DOC["paths"].items() for method, op in item.items()]
    secured = lambda op: bool(op.get("security"))
    # Use up the limited API's windows: one request per key partition and per address.
    # (A 404, because a cached answer is served before any limiter.)
    send(ENV["API_LIMITED"], "GET", "/v1/articles/sweep-warm-up", {}, None, "404")
    send(ENV["API_LIMITED"], "GET", "/v1/manage/keys", {"Authorization": f"Bearer {ENV['LIMITED_ADMIN_KEY']}"}, None, "200")
    for path, method, op in ops:
        responses = op["responses"]
        admin = ENV["ADMIN_KEY"] if secured(op) else None
        cases = []
        if "401" in responses:
            cases.append((ENV["API_BASE"], "401", request(path, op, "kc_sweep-unknown-key-000000000000")))
        if "403" in responses:
            cases.append((ENV["API_BASE"], "403", request(path, op, ENV["PREVIEWER_KEY"])))
        if "404" in responses and "{" in path:
            cases.append((ENV["API_BASE"], "404", request(path, op, admin)))
        if "413" in responses:
            ct = next(iter(op["requestBody"]["content"]))
            # Over the operation's own limit: a file part's maxLength where the document gives one, else the 1 MiB body limit.
            file_max = resolve(op["requestBody"]["content"][ct].get("schema", {})).get("properties", {}).get("file", {}).get("maxLength")
            size = (file_max or 1_048_576) + 100_000
            big = (b'"' + b"x" * size + b'"') if ct.endswith("json") else b"x" * size
            cases.append((ENV["API_LOOSE"], "413", request(path, op, admin, body=big, content_type=ct)))
        if "415" in responses:
            other = "application/json" if "application/json" not in op["requestBody"]["content"] else "text/plain"
            cases.append((ENV["API_LOOSE"], "415", request(path, op, admin, body=b'"x"' if other.endswith("json") else b"x", content_type=other)))
        if "4XX" in responses:
            cases.append((ENV["API_LOOSE"], "4XX", request(path, op, admin, extra_query="long=" + "x" * 9000)))
        if "429" in responses:
            limited = ENV["LIMITED_ADMIN_KEY"] if secured(op) else None
            cases.append((ENV["API_LIMITED"], "429", request(path, op, limited)))
        for base, want, (target, headers, body) in cases:
            if not send(base, method, target, headers, body, want):
                failures += 1
    print(f"sweep: {failures} unexpected answers")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
