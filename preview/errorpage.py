"""The page the browser shows while the site cannot be built: what is wrong, where, the fix.

It is drawn inside the site's own 404 page (kept from the last good build), so it looks like
the site; before any good build, a plain page with the site's colours. A small script asks the
preview for its state every second and reloads as soon as the build has changed.
"""

from __future__ import annotations

import html
import re

from sitecheck.core.finding import Finding

ERROR_ID = "preview-error"
SCRIPT_PATH = "/__preview__/reload.js"
SCRIPT = """(function () {
  var seen = document.documentElement.getAttribute("data-preview-generation");
  function ask() {
    fetch("/__preview__/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (String(s.generation) !== seen && s.phase !== "building") { location.reload(); }
        else { setTimeout(ask, 1000); }
      })
      .catch(function () { setTimeout(ask, 1000); });
  }
  setTimeout(ask, 1000);
})();
"""
# #8a1c12 on #fff4f2 and #1a1a1a text pass WCAG AA, like the preview box (sitecheck/preview_box).
BOX = (
    "margin:0 0 1.5em;padding:.8em 1em;border:3px solid #8a1c12;border-radius:4px;"
    "background:#fff4f2;color:#1a1a1a;line-height:1.5"
)
FALLBACK = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The preview is waiting for a fix</title>
<style>body{{margin:0;font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff}}
header{{background:#00695c;color:#fff;padding:.8rem 1rem;font-weight:700}}
main{{max-width:46rem;margin:1.5rem auto;padding:0 1rem}}</style></head>
<body><header>Preview</header><main><article>{content}</article></main></body></html>"""


def stylesheets(page: bytes) -> list[str]:
    text = page.decode("utf-8", errors="replace")
    return re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text) + re.findall(
        r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', text
    )


def content(problems: list[Finding]) -> str:
    count = len(problems)
    items = "".join(
        f'<li style="margin:.6em 0"><strong>{html.escape(f.where)}</strong>: '
        f"{html.escape(f.what)}<br><strong>Fix:</strong> {html.escape(f.fix)}</li>"
        for f in problems
    )
    heading = (
        "The preview cannot show the site until this is fixed"
        if count == 1
        else f"The preview cannot show the site until these {count} problems are fixed"
    )
    return (
        f'<section id="{ERROR_ID}" role="alert" style="{BOX}">'
        f'<h1 style="margin:0 0 .4em;color:#8a1c12;font-size:1.4em">{heading}</h1>'
        f'<ul style="margin:0;padding-left:1.2em">{items}</ul>'
        '<p style="margin:.6em 0 0">Save the file after fixing it: this page reloads by itself. '
        "Nothing has been published.</p></section>"
    )


def render(problems: list[Finding], generation: int, look: bytes | None) -> str:
    body = content(problems)
    script = f'<script src="{SCRIPT_PATH}"></script>'
    page = None
    if look:
        text = look.decode("utf-8", errors="replace")
        found = re.search(r"(<article\b[^>]*>)(.*?)(</article>)", text, re.S)
        if found:
            page = text[: found.end(1)] + body + text[found.start(3) :]
            page = re.sub(
                r"<title>.*?</title>",
                "<title>Preview: please fix</title>",
                page,
                count=1,
                flags=re.S,
            )
            # The site's scripts would navigate away (instant loading); only ours runs.
            page = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    if page is None:
        page = FALLBACK.format(content=body)
    page = page.replace("<html", f'<html data-preview-generation="{generation}"', 1)
    return page.replace("</body>", script + "</body>", 1)
