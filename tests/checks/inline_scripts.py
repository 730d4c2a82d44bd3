"""Every inline script and style attribute in the built site must be allowed by the CSP the
server sends."""

from __future__ import annotations

from pathlib import Path

from sitecheck.headers import scan_site, style_attributes
from tests.checks.problems import Problem
from tests.checks.security_headers import csp_directives


def inline_script_problems(site: Path, csp: str, csp_from: str, source_of=None) -> list[Problem]:
    """Scripts whose hash the policy lacks (a stale _headers / nginx file), and code in
    attributes, which no hash can allow."""
    directives = csp_directives(csp)
    allowed = set(directives.get("script-src", []))
    styles_allowed = set(directives.get("style-src-attr", directives.get("style-src", [])))
    name = source_of or (lambda page: page)
    scripts, handlers = scan_site(site)
    problems = []
    for script in scripts:
        if script.hash not in allowed:
            start = " ".join(script.code.split())[:60]
            problems.append(
                Problem(
                    f"{name(script.page)} ({script.page})",
                    f"inline script '{start}...' ({script.hash}) is not allowed by the "
                    f"Content-Security-Policy in {csp_from}, so browsers block it",
                    "rebuild the site (./run build, or ./run headers SITE after a Zensical build) "
                    "and deploy the new _headers / _nginx.conf with it; better, move the code to "
                    "a file in docs/javascripts/",
                )
            )
    for style in style_attributes(site):
        if style.hash not in styles_allowed:
            problems.append(
                Problem(
                    f"{name(style.page)} ({style.page})",
                    f'style="{style.value}" ({style.hash}) is not allowed by the '
                    f"Content-Security-Policy in {csp_from}, so browsers ignore it",
                    "rebuild the site and deploy the new _headers / _nginx.conf with it",
                )
            )
    for handler in handlers:
        problems.append(
            Problem(
                f"{name(handler.page)} ({handler.page})",
                f"<{handler.tag} {handler.attribute}=...> is JavaScript in an attribute, which "
                "the Content-Security-Policy blocks",
                "move the code to a file in docs/javascripts/ and attach it with "
                "addEventListener inside document$.subscribe(...)",
            )
        )
    return problems
