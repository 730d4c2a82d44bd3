"""The site's own scripts send nothing, store nothing and load nothing.

Every `*.js` under docs/ and overrides/ runs in every patient's browser. The self-check reads
answers about diabetes, cancer and pregnancy, so a script that talks to the network is a leak
of health data. The check reads each script as tokens (comments dropped, strings and regular
expressions kept apart from names, `\\u0066etch` decoded) and refuses:

- the browser's ways to reach a server or navigate: fetch, XMLHttpRequest, sendBeacon,
  WebSocket, EventSource, Worker, importScripts, `new Image()`/`Audio`, `import()`, `open`,
  `navigator`, and any write to `src`, `href`, `action`, `location` …;
- ways to build code or markup from text (eval, Function, constructor, innerHTML,
  document.write, createElement), which would bring the same back in disguise;
- storage (cookies, localStorage, sessionStorage, indexedDB);
- a name looked up by string on the global objects (`window["fe" + "tch"]`) and any string that
  is an address on another host (`https://…`, `//host/…`).

Scripts do their work on the page itself; none is permitted to reach any origin, the site's
own included (nothing the site does needs it). A developer who needs one changes this file.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.core.finding import Finding

RULE = "scripts"
NETWORK = {
    "fetch",
    "XMLHttpRequest",
    "sendBeacon",
    "WebSocket",
    "EventSource",
    "Worker",
    "SharedWorker",
    "serviceWorker",
    "importScripts",
    "RTCPeerConnection",
    "webkitRTCPeerConnection",
    "Image",
    "Audio",
    "Request",
    "navigator",
    "open",
    "location",
    "assign",
    "src",
    "srcset",
    "href",
    "action",
    "formAction",
    "ping",
    "poster",
    "submit",
    "requestSubmit",
    "postMessage",
    "BroadcastChannel",
}
CODE = {
    "eval",
    "Function",
    "constructor",
    "__proto__",
    "import",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "write",
    "writeln",
    "createElement",
    "createElementNS",
    "createContextualFragment",
    "DOMParser",
    "setTimeout",
    "setInterval",
    "Reflect",
    "globalThis",
}
STORAGE = {"cookie", "localStorage", "sessionStorage", "indexedDB", "caches"}
GLOBALS = {"window", "self", "top", "parent", "frames", "document", "this", "globalThis"}
# Reading the page's own address is fine (theme.js shows link addresses in print):
READ_ONLY = {"location", "href"}

_IDENT = re.compile(
    r"(?:[A-Za-z_$\u0080-\uffff]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})"
    r"(?:[\w$\u0080-\uffff]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})*"
)
_UNICODE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})")
_ADDRESS = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*://|//|\\/\\/|(?:javascript|blob|ws|wss):)", re.I)


def _decode(name: str) -> str:
    return _UNICODE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), name)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, value, line): kinds 'name', 'string', 'regex', 'punct'."""
    out: list[tuple[str, str, int]] = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else n
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
        elif c in "\"'`":
            start, j, value = line, i + 1, []
            while j < n and text[j] != c:
                if text[j] == "\\" and j + 1 < n:
                    m = _UNICODE.match(text, j)
                    if m:
                        value.append(chr(int(m.group(1) or m.group(2), 16)))
                        j = m.end()
                        continue
                    if text[j + 1] == "x" and re.match(r"[0-9a-fA-F]{2}", text[j + 2 : j + 4]):
                        value.append(chr(int(text[j + 2 : j + 4], 16)))
                        j += 4
                        continue
                    value.append(text[j + 1])
                    j += 2
                    continue
                if text[j] == "\n":
                    line += 1
                value.append(text[j])
                j += 1
            out.append(("string", "".join(value), start))
            i = j + 1
        elif c == "/" and (
            not out
            or (out[-1][0] == "punct" and out[-1][1] not in ")]}")
            or (out[-1][0] == "name" and out[-1][1] in ("return", "typeof", "case", "in", "of"))
        ):
            j = i + 1
            in_class = False
            while j < n and text[j] != "\n":
                if text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "[":
                    in_class = True
                elif text[j] == "]":
                    in_class = False
                elif text[j] == "/" and not in_class:
                    break
                j += 1
            out.append(("regex", text[i : j + 1], line))
            i = j + 1
            while i < n and text[i].isalpha():
                i += 1
        elif m := _IDENT.match(text, i):
            out.append(("name", _decode(m.group()), line))
            i = m.end()
        elif c.isdigit():
            m = re.compile(r"[0-9A-Za-z_.]+").match(text, i)
            out.append(("number", m.group(), line))
            i = m.end()
        else:
            out.append(("punct", c, line))
            i += 1
    return out


def check_text(text: str, file: str) -> list[Finding]:
    out: list[Finding] = []
    toks = tokens(text)

    def refuse(line: int, what: str) -> None:
        out.append(
            Finding(
                file,
                line,
                f"{what}: the site's scripts may not send, store or load anything (they run on "
                "every patient's page; the self-check reads health answers).",
                "do the work on the page itself; remove the line. If the site really needs it, "
                "a developer changes sitecheck/rules/project/scripts.py, reviewed by a code "
                "owner, and the privacy page.",
                rule=RULE,
            )
        )

    for k, (kind, value, line) in enumerate(toks):
        after = toks[k + 1] if k + 1 < len(toks) else ("", "", 0)
        after2 = toks[k + 2] if k + 2 < len(toks) else ("", "", 0)
        if kind == "name":
            assigned = after[1] == "=" and after2[1] != "="
            if (
                value in READ_ONLY
                and not assigned
                and not (
                    value == "location" and after[1] == "." and after2[1] in ("assign", "replace")
                )
            ):
                continue
            if value in NETWORK:
                refuse(line, f"'{value}' reaches a server or navigates the page")
            elif value in CODE:
                refuse(line, f"'{value}' builds code or markup from text")
            elif value in STORAGE:
                refuse(line, f"'{value}' stores data in the patient's browser")
            elif value in GLOBALS and after == ("punct", "[", after[2]):
                refuse(line, f"'{value}[…]' looks a name up by a string, which hides what it uses")
        elif kind == "string":
            if value in NETWORK | CODE | STORAGE:
                refuse(line, f"the string '{value}' names a way to send, store or run code")
            elif _ADDRESS.match(value) and not value.lower().startswith(("data:", "#")):
                refuse(line, f"the address '{value[:80]}' is another place the script could reach")
    return out


def check(project: Path) -> list[Finding]:
    out = []
    for folder in ("docs", "overrides"):
        root = project / folder
        if root.is_dir():
            for path in sorted(root.rglob("*.js")):
                text = path.read_text(encoding="utf-8", errors="replace")
                out += check_text(text, path.relative_to(project).as_posix())
    return out
