"""What every response must carry, checked wherever headers appear: the source in
sitecheck/outputs/headers.yml, the generated _headers file, and real nginx responses.

These rules restate the clinic's security requirements independently of the generator, so a
header dropped from the source, or a weakened value, fails with the header and the fix named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from sitecheck.core.finding import Finding
from sitecheck.outputs.headers import deploy_dir
from tests.checks.problems import at

SOURCE_FIX = "set it under 'security:' in sitecheck/outputs/headers.yml, then rebuild (./run build)"
# Referrer policies that send no more than the origin to other sites.
STRICT_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
# Browser features a page of patient information never needs; each must be denied.
DENIED_FEATURES = (
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "serial",
    "hid",
    "midi",
    "display-capture",
    "accelerometer",
    "gyroscope",
    "magnetometer",
    "browsing-topics",
)
ONE_YEAR = 31_536_000
EXACT_DIRECTIVES = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def csp_directives(value: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def _csp_problems(value: str, where: str) -> list[Finding]:
    problems = []
    directives = csp_directives(value)
    for name, wanted in EXACT_DIRECTIVES.items():
        if directives.get(name) != wanted:
            problems.append(
                at(
                    where,
                    f"Content-Security-Policy has {name} {directives.get(name)}, not {' '.join(wanted)}",
                    f"write '{name}: [{', '.join(wanted)}]' in sitecheck/outputs/headers.yml",
                )
            )
    scripts = directives.get("script-src", directives.get("default-src", []))
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
        if unsafe in scripts:
            problems.append(
                at(
                    where,
                    f"Content-Security-Policy allows {unsafe} scripts",
                    "remove it from script-src in sitecheck/outputs/headers.yml; inline scripts are allowed "
                    "only by the hashes the build computes",
                )
            )
    for directive in ("style-src", "style-src-attr"):
        if "'unsafe-inline'" in directives.get(directive, []):
            problems.append(
                at(
                    where,
                    f"Content-Security-Policy allows 'unsafe-inline' in {directive}",
                    "remove it from sitecheck/outputs/headers.yml; style attributes are allowed only by "
                    "the hashes the build computes",
                )
            )
    return problems


def header_problems(headers: Mapping[str, str], where: str) -> list[Finding]:
    """Every required security header is present with a strict enough value."""
    found = {name.lower(): value for name, value in headers.items()}
    problems = []

    def missing(name: str, example: str) -> None:
        problems.append(at(where, f"the {name} header is missing", f"{SOURCE_FIX}: {example}"))

    csp = found.get("content-security-policy")
    if csp is None:
        missing("Content-Security-Policy", "default-src 'self' and the directives in the README")
    else:
        problems += _csp_problems(csp, where)

    hsts = found.get("strict-transport-security")
    if hsts is None:
        missing("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    else:
        age = re.search(r"max-age=(\d+)", hsts)
        if not age or int(age.group(1)) < ONE_YEAR:
            problems.append(
                at(where, f"Strict-Transport-Security is '{hsts}', shorter than a year", SOURCE_FIX)
            )

    nosniff = found.get("x-content-type-options")
    if nosniff is None:
        missing("X-Content-Type-Options", "nosniff")
    elif nosniff.strip().lower() != "nosniff":
        problems.append(
            at(where, f"X-Content-Type-Options is '{nosniff}', not nosniff", SOURCE_FIX)
        )

    referrer = found.get("referrer-policy")
    if referrer is None:
        missing("Referrer-Policy", "no-referrer")
    elif referrer.strip().lower() not in STRICT_REFERRERS:
        problems.append(
            at(where, f"Referrer-Policy '{referrer}' tells other sites too much", SOURCE_FIX)
        )

    permissions = found.get("permissions-policy")
    if permissions is None:
        missing("Permissions-Policy", "camera=(), microphone=(), geolocation=() ...")
    else:
        denied = {item.strip() for item in permissions.split(",")}
        for feature in DENIED_FEATURES:
            if f"{feature}=()" not in denied:
                problems.append(
                    at(
                        where,
                        f"Permissions-Policy does not deny {feature}",
                        f"add '- {feature}' under Permissions-Policy in sitecheck/outputs/headers.yml",
                    )
                )
    return problems


def read_headers_file(path: Path) -> dict[str, dict[str, str]]:
    """Parse a Netlify / Cloudflare Pages `_headers` file: path rule -> headers."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


def site_policy(site: Path) -> str:
    """The Content-Security-Policy the build wrote for this site (site/_headers), as hosts send it.

    It allows scripts only from the site's files plus Material's small inline scripts by their
    sha256 hashes; never 'unsafe-inline' for scripts.
    """
    return read_headers_file(deploy_dir(site) / "_headers")["/*"]["Content-Security-Policy"]
