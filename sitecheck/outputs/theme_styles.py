"""Stylesheets the theme's own scripts write into the page: their hashes for the policy.

Zensical 0.0.73 builds its search dialog in a shadow root, with a <style> element whose text is
a string in its bundle (`C("style",{},Tc.toString())`). A Content-Security-Policy without
'unsafe-inline' blocks that element unless its hash is listed. The text is read from the
site's own scripts under assets/javascripts/ (served from 'self', so already trusted), so an
upgrade brings its new stylesheet with it and nothing a page writes can add one. Material's
bundle writes no such element, so a MkDocs build's policy is unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitecheck.rules.page.csp_inline import csp_hash

SCRIPTS = Path("assets") / "javascripts"
# The bundle's element helper called with "style", no attributes and one named string.
STYLE_CALL = re.compile(r'\(\s*"style"\s*,\s*\{\}\s*,\s*([A-Za-z_$][\w$]*)(?:\.toString\(\))?\s*\)')


def _literal(js: str, name: str) -> str | None:
    """The value of `name = '…'` (or "…", `…` without ${}) in the bundle, escapes decoded."""
    found = re.search(
        r"(?<![\w$.])" + re.escape(name) + r"""\s*=\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1""", js
    )
    if not found or (found.group(1) == "`" and "${" in found.group(2)):
        return None
    text = found.group(2)
    if "\\" not in text:
        return text
    # A JavaScript string's escapes read as JSON's (\n, \t, \uXXXX, \\); a quote needs none.
    try:
        return json.loads('"' + text.replace("\\'", "'").replace('"', '\\"') + '"')
    except ValueError:  # an escape JSON does not know: no hash, and the browser test says so
        return None


def script_style_hashes(site: Path) -> list[str]:
    """The CSP hashes of the <style> texts the site's own scripts insert."""
    hashes = set()
    for script in sorted((site / SCRIPTS).rglob("*.js")):
        js = script.read_text(encoding="utf-8", errors="replace")
        for name in STYLE_CALL.findall(js):
            text = _literal(js, name)
            if text:
                hashes.add(csp_hash(text))
    return sorted(hashes)
