"""Every inline script and style attribute in the built site must be allowed by the CSP the
server sends."""

from __future__ import annotations

from sitecheck.core.finding import Finding
from tests.checks.problems import at
from tests.checks.security_headers import csp_directives


def inline_script_problems(build, csp: str, csp_from: str) -> list[Finding]:
    """Scripts whose hash the policy lacks (a stale _headers / nginx file), and code in
    attributes, which no hash can allow."""
    directives = csp_directives(csp)
    allowed = set(directives.get("script-src", []))
    styles_allowed = set(directives.get("style-src-attr", directives.get("style-src", [])))
    name = build.source_of
    inline = build.engine().inline
    scripts, handlers = inline.scripts, inline.handlers
    problems = []
    for script in scripts:
        if script.hash not in allowed:
            start = " ".join(script.code.split())[:60]
            problems.append(
                at(
                    f"{name(script.page)} ({script.page})",
                    f"inline script '{start}...' ({script.hash}) is not allowed by the "
                    f"Content-Security-Policy in {csp_from}, so browsers block it",
                    "rebuild the site (./run build, or ./run headers SITE after a Zensical build) "
                    "and deploy the new _headers / _nginx.conf with it; better, move the code to "
                    "a file in docs/javascripts/",
                )
            )
    for style in inline.styles:
        if style.hash not in styles_allowed:
            problems.append(
                at(
                    f"{name(style.page)} ({style.page})",
                    f'style="{style.value}" ({style.hash}) is not allowed by the '
                    f"Content-Security-Policy in {csp_from}, so browsers ignore it",
                    "rebuild the site and deploy the new _headers / _nginx.conf with it",
                )
            )
    for handler in handlers:
        problems.append(
            at(
                f"{name(handler.page)} ({handler.page})",
                f"<{handler.tag} {handler.attribute}=...> is JavaScript in an attribute, which "
                "the Content-Security-Policy blocks",
                "move the code to a file in docs/javascripts/ and attach it with "
                "addEventListener inside document$.subscribe(...)",
            )
        )
    return problems
