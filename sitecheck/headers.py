"""Generate the nginx configuration and the `_headers` file from sitecheck/headers.yml.

Both files come from the one source plus the built site itself: the Content-Security-Policy
lists the sha256 hash of every inline script the build actually emitted, so a theme change or
a Material upgrade that alters those scripts is picked up by the next build, never by hand.

    python -m sitecheck.headers SITE_DIR     # after a build made without the MkDocs hook
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

SOURCE = Path(__file__).with_name("headers.yml")
HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx.conf"
HASHES_PLACEHOLDER = "{inline_script_hashes}"
STYLE_HASHES_PLACEHOLDER = "{style_attribute_hashes}"
GENERATED = (
    "Generated from sitecheck/headers.yml by sitecheck/headers.py: edit that file, then rebuild."
)

# Script types a browser executes (HTML standard). Others, e.g. application/json and
# application/ld+json, are data blocks: never run, so CSP does not apply and needs no hash.
JS_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}


URL_ATTRIBUTES = ("href", "src", "action", "formaction")


@dataclass(frozen=True)
class InlineScript:
    page: str  # built file, relative to the site: "cost/index.html"
    code: str

    @property
    def hash(self) -> str:
        return csp_hash(self.code)


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class StyleAttribute:
    """A style="" attribute the build wrote (Markdown tables align columns with them)."""

    page: str
    value: str

    @property
    def hash(self) -> str:
        return csp_hash(self.value)


@dataclass(frozen=True)
class InlineHandler:
    """Code in an attribute (onclick=, href="javascript:"): no hash can allow it."""

    page: str
    tag: str
    attribute: str


class _ScriptCollector(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.scripts: list[InlineScript] = []
        self.handlers: list[InlineHandler] = []
        self.styles: list[StyleAttribute] = []
        self._open: bool | None = None  # inside an executable inline <script>?
        self._chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, value in attrs:
            js_url = name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            )
            if name.startswith("on") or js_url:
                self.handlers.append(InlineHandler(self.page, tag, name))
            if name == "style" and value is not None:
                self.styles.append(StyleAttribute(self.page, value))
        if tag == "script":
            kind = (names.get("type") or "").split(";")[0].strip().lower()
            self._open = "src" not in names and kind in JS_TYPES
            self._chunks = []

    def handle_data(self, data):
        if self._open:
            self._chunks.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            if self._open:
                self.scripts.append(InlineScript(self.page, "".join(self._chunks)))
            self._open = None


def collect(site: Path) -> list[_ScriptCollector]:
    """Parse every built page once; the other functions read their answers from this."""
    return _collect(site)


def _collect(site: Path) -> list[_ScriptCollector]:
    collectors = []
    for path in sorted(site.rglob("*.html")):
        collector = _ScriptCollector(path.relative_to(site).as_posix())
        collector.feed(path.read_text(encoding="utf-8"))
        collector.close()
        collectors.append(collector)
    return collectors


def scan_site(
    site: Path, collectors: list[_ScriptCollector] | None = None
) -> tuple[list[InlineScript], list[InlineHandler]]:
    """Every executable inline script and inline handler in every built HTML file."""
    collectors = _collect(site) if collectors is None else collectors
    scripts = [script for c in collectors for script in c.scripts]
    return scripts, [handler for c in collectors for handler in c.handlers]


def script_hashes(site: Path) -> list[str]:
    return sorted({script.hash for script in scan_site(site)[0]})


def style_attributes(site: Path) -> list[StyleAttribute]:
    return [style for c in _collect(site) for style in c.styles]


def style_hashes(site: Path) -> list[str]:
    return sorted({style.hash for style in style_attributes(site)})


def load_source(path: Path = SOURCE) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def header_value(name: str, value, hashes: list[str], styles: list[str] = ()) -> str:
    if name == "Content-Security-Policy":
        fill = {HASHES_PLACEHOLDER: list(hashes), STYLE_HASHES_PLACEHOLDER: list(styles)}
        parts = []
        for directive, sources in value.items():
            sources = [s for item in sources for s in fill.get(item, [item])]
            if sources == ["'unsafe-hashes'"]:
                sources = ["'none'"]  # no style attribute in this build: allow none
            parts.append(" ".join([directive, *sources]))
        return "; ".join(parts)
    if name == "Permissions-Policy":
        return ", ".join(f"{feature}=()" for feature in value)
    return str(value)


def security_headers(
    source: dict, hashes: list[str], styles: list[str] = ()
) -> list[tuple[str, str]]:
    security = source["security"].items()
    return [(name, header_value(name, value, hashes, styles)) for name, value in security]


def fingerprinted_files(site: Path, caching: dict) -> list[str]:
    pattern = re.compile(caching["fingerprinted"]["match"])
    found = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted("/" + name for name in found if pattern.search(name))


def render_headers_file(source: dict, hashes: list[str], site: Path, styles: list[str] = ()) -> str:
    """Netlify / Cloudflare Pages format. Rules that match one path add up, so Cache-Control
    is set only on the fingerprinted files; pages keep the hosts' default of revalidating."""
    lines = [f"# {GENERATED}", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(source, hashes, styles)]
    cache = source["caching"]["fingerprinted"]["cache_control"]
    for path in fingerprinted_files(site, source["caching"]):
        lines += [path, f"  Cache-Control: {cache}"]
    return "\n".join(lines) + "\n"


def _nginx_headers(headers: list[tuple[str, str]], cache_control: str, indent: str) -> list[str]:
    # nginx drops server-level add_header lines in any location that has its own, so every
    # location repeats the whole set; `always` adds them to 404 responses too.
    pairs = [*headers, ("Cache-Control", cache_control)]
    return [f'{indent}add_header {name} "{value}" always;' for name, value in pairs]


def render_nginx(
    source: dict,
    hashes: list[str],
    styles: list[str] = (),
    *,
    root: str = "/var/www/patient-site",
    listen: str = "443 ssl",
    server_name: str = "_",
) -> str:
    headers = security_headers(source, hashes, styles)
    caching = source["caching"]
    i1, i2 = "    ", "        "

    lines = [
        f"# {GENERATED}",
        "# A server block for /etc/nginx/conf.d/ (inside Debian's http { } with its mime.types).",
        "# Set root to where you copy site/; HTTP-to-HTTPS redirects are left to your main config.",
        "server {",
        f"{i1}listen {listen};",
        f"{i1}server_name {server_name};",
        *(
            [
                f"{i1}# Where certbot puts the certificate; change if yours lives elsewhere.",
                f"{i1}ssl_certificate /etc/letsencrypt/live/{server_name}/fullchain.pem;",
                f"{i1}ssl_certificate_key /etc/letsencrypt/live/{server_name}/privkey.pem;",
            ]
            if "ssl" in listen.split()
            else []
        ),
        f"{i1}root {root};",
        f"{i1}index index.html;",
        f"{i1}charset utf-8;",
        f"{i1}server_tokens off;",
        "",
        f"{i1}gzip on;",
        f"{i1}gzip_vary on;",
        f"{i1}gzip_comp_level 5;",
        f"{i1}gzip_min_length 256;",
        f"{i1}gzip_proxied any;",
        f"{i1}gzip_types text/css application/javascript text/javascript application/json",
        f"{i2}image/svg+xml application/xml text/xml text/plain;",
        "",
        f"{i1}# The site's own page for unknown addresses, with status 404.",
        f"{i1}error_page 404 /404.html;",
        "",
    ]
    blocks = [
        ("= /404.html", caching["pages"]["cache_control"], "internal;"),
        # Deploy files that are not part of the site.
        (
            f'~ "^/({HEADERS_FILE}|{re.escape(NGINX_FILE)})$"',
            caching["pages"]["cache_control"],
            "return 404;",
        ),
        (f'~ "{caching["fingerprinted"]["match"]}"', caching["fingerprinted"]["cache_control"]),
        (f'~ "{caching["pages"]["match"]}"', caching["pages"]["cache_control"]),
        ("/", caching["other"]["cache_control"]),
    ]
    for match, cache_control, *body in blocks:
        lines.append(f"{i1}location {match} {{")
        lines += _nginx_headers(headers, cache_control, i2)
        lines += [f"{i2}{line}" for line in (body or ["try_files $uri $uri/ =404;"])]
        lines += [f"{i1}}}", ""]
    lines[-1] = "}"
    return "\n".join(lines) + "\n"


def write_deploy_files(
    site: Path,
    source_path: Path = SOURCE,
    *,
    server_name: str = "_",
    collected: list[_ScriptCollector] | None = None,
) -> tuple[int, int]:
    """Write _headers and _nginx.conf into the built site; return how many script and
    style-attribute hashes the policy lists. `collected` reuses a scan the caller already made
    (parsing every page is most of this step's cost on a large site)."""
    source = load_source(source_path)
    collectors = _collect(site) if collected is None else collected
    hashes = sorted({script.hash for c in collectors for script in c.scripts})
    styles = sorted({style.hash for c in collectors for style in c.styles})
    headers_file = render_headers_file(source, hashes, site, styles)
    (site / HEADERS_FILE).write_text(headers_file, encoding="utf-8")
    nginx = render_nginx(source, hashes, styles, server_name=server_name)
    (site / NGINX_FILE).write_text(nginx, encoding="utf-8")
    return len(hashes), len(styles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--server-name", default="_")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html not found: build the site first.", file=sys.stderr)
        return 1
    scripts, styles = write_deploy_files(args.site, args.source, server_name=args.server_name)
    print(
        f"Wrote {args.site / HEADERS_FILE} and {args.site / NGINX_FILE} "
        f"({scripts} script hashes, {styles} style-attribute hashes)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
