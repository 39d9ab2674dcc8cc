#!/usr/bin/env python3
"""Checks the replayed scenarios against openapi/v1.json (run by .ci/contract/run after scenarios.sh).

Input: the document and the exchange log the scenarios wrote through Prism (one JSON object a line:
method, url, status, headers). Fails when
  * an (operation, status) pair the document lists was never seen (the set is computed from the document);
  * an answer's status is not documented for its operation, or a request matches no operation;
  * an answer carries a header the document does not list for it, or lacks one it lists as required.
Headers every answer carries (security headers, framing) and Prism's own are not listed per response.
"""
import json
import os
import re
import sys
from urllib.parse import urlsplit

EVERYWHERE = {
    "date", "server", "connection", "keep-alive", "transfer-encoding", "content-type", "content-length",
    "x-content-type-options", "referrer-policy", "x-frame-options",
    # added by Prism itself (CORS on its listener, its violation report)
    "access-control-allow-origin", "access-control-allow-headers", "access-control-allow-credentials",
    "access-control-expose-headers", "sl-violations",
}


def operations(doc):
    ops = []
    for path, item in doc["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        literal = sum(1 for s in path.split("/") if s and not s.startswith("{"))
        for method, op in item.items():
            ops.append({"key": f"{method.upper()} {path}", "method": method.upper(), "re": re.compile(pattern),
                        "literal": literal, "responses": op["responses"]})
    return ops


def match(ops, method, url):
    path = urlsplit(url).path
    found = [o for o in ops if o["method"] == method and o["re"].match(path)]
    return max(found, key=lambda o: o["literal"]) if found else None


def response_key(responses, status):
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in responses:
            return key
    return None


def main(document, log):
    doc = json.load(open(document))
    ops = operations(doc)
    wanted = {(o["key"], s) for o in ops for s in o["responses"]}
    seen, problems = set(), []
    exchanges = [json.loads(line) for line in open(log) if line.strip()]
    for x in exchanges:
        op = match(ops, x["method"], x["url"])
        if op is None:
            problems.append(f"no operation matches {x['method']} {x['url']}")
            continue
        key = response_key(op["responses"], x["status"])
        if key is None:
            problems.append(f"{op['key']} answered {x['status']}, which the document does not list")
            continue
        seen.add((op["key"], key))
        documented = {h.lower(): spec for h, spec in op["responses"][key].get("headers", {}).items()}
        sent = {h.lower() for h in x["headers"]}
        for h in sorted(sent - EVERYWHERE - set(documented)):
            problems.append(f"{op['key']} {key} sends {h}, which the document does not list")
        for h, spec in documented.items():
            if spec.get("required") and h not in sent:
                problems.append(f"{op['key']} {key} lacks the required header {h}")
    # Pairs known to lack a scenario, listed one per line ("METHOD /path -> status") in not-yet-covered.txt: reported on
    # every run, never silently; a listed pair that is now seen (or no longer documented) fails, so the list only shrinks.
    listed = set()
    pending = os.path.join(os.path.dirname(os.path.abspath(__file__)), "not-yet-covered.txt")
    if os.path.exists(pending):
        for line in open(pending):
            if line.strip() and not line.startswith("#"):
                op, status = line.strip().rsplit(" -> ", 1)
                listed.add((op, status))
    for op, status in sorted(wanted - seen):
        if (op, status) in listed:
            print(f"coverage: not yet covered (listed): {op} -> {status}")
        else:
            problems.append(f"never seen: {op} -> {status}")
    for op, status in sorted(listed - (wanted - seen)):
        problems.append(f"listed in not-yet-covered.txt but seen or not documented: {op} -> {status}")
    for p in sorted(set(problems)):
        print("coverage: " + p, file=sys.stderr)
    print(f"coverage: {len(seen)} of {len(wanted)} documented (operation, status) pairs seen in {len(exchanges)} exchanges")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
