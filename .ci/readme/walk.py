#!/usr/bin/env python3
"""Turns the README's curl examples into a bash script that checks each answers as written (run by .ci/readme/run).

Every line of a ```bash block that starts with `curl` must end with a comment naming the status it answers
(`# 200`, `# 304`, `# 400 problem+json naming 'limit'`); headers the comment names (ETag, Link, Location, ...) must be
in the answer. A line `NAME=$(curl ...)` is run as written and must set NAME to something (not empty, not null).
Other lines (dotnet, npm, open, cd ...) are not run. http://127.0.0.1:8080 and "..." before /v1 stand for the API.
"""
import re
import shlex
import sys

HEADERS = ["ETag", "Link", "Location", "Retry-After", "Content-Language", "Idempotent-Replayed", "Access-Control-Allow-Origin",
           "WWW-Authenticate", "Cache-Control", "Surrogate-Key", "Vary"]


def first_unquoted(text, hit):
    """The index of the first character outside quotes for which hit(text, i) holds, else len(text)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif hit(text, i):
            return i
    return len(text)


def split_comment(line):
    """(code, comment): the comment starts at the first # outside quotes that follows a space."""
    i = first_unquoted(line, lambda t, j: t[j] == "#" and (j == 0 or t[j - 1].isspace()))
    return line[:i].rstrip(), line[i + 1:].strip()


def strip_pipe(code):
    return code[:first_unquoted(code, lambda t, j: t[j] == "|")].rstrip()


def commands(readme):
    lines, block = [], None
    for raw in open(readme, encoding="utf-8"):
        if raw.startswith("```"):
            block = [] if raw.strip() == "```bash" and block is None else None
            continue
        if block is not None:
            if lines and lines[-1].endswith("\\"):
                lines[-1] = lines[-1][:-1].rstrip() + " " + raw.strip()
            else:
                lines.append(raw.rstrip("\n"))
    return lines


def main(readme):
    out = ['fail=0; n=0']
    base = lambda s: s.replace("http://127.0.0.1:8080", "$BASE").replace('"...', '"$BASE')
    for line in commands(readme):
        code, comment = split_comment(line.strip())
        if re.match(r"^[A-Z_]+=\$\(curl ", code):
            name = code.split("=", 1)[0]
            out.append(f"{base(code)}")
            out.append(f'n=$((n+1)); if [ -z "${{{name}:-}}" ] || [ "${{{name}}}" = null ]; then echo "readme: {name} not set by:" {shlex.quote(line.strip())} >&2; fail=1; fi')
            continue
        if not code.startswith("curl "):
            continue
        m = re.match(r"(\d{3})\b(.*)", comment)
        if not m:
            out.append(f'echo "readme: no expected status in the comment of:" {shlex.quote(line.strip())} >&2; fail=1')
            continue
        want, claims = m.group(1), [h for h in HEADERS if re.search(rf"\b{re.escape(h)}\b", m.group(2))]
        out.append(f"got=$({base(strip_pipe(code))} -o \"$BODY\" -D \"$HEAD\" -w '%{{http_code}}') || true; n=$((n+1))")
        text = shlex.quote(line.strip())
        out.append(f'if [ "$got" != {want} ]; then echo "readme: expected {want}, got $got:" {text} >&2; cat "$BODY" >&2; echo >&2; fail=1; fi')
        for h in claims:
            out.append(f'grep -qi "^{h}:" "$HEAD" || {{ echo "readme: no {h} header in the answer to:" {text} >&2; fail=1; }}')
    out.append('echo "readme: $n examples walked"; exit $fail')
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
