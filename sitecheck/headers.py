"""Generate the nginx configuration and the `_headers` file from sitecheck/headers.yml.

Both files come from the one source plus the built site itself: the Content-Security-Policy
lists the sha256 hash of every inline script the build actually emitted, so a theme change or
a Material upgrade that alters those scripts is picked up by the next build, never by hand.

    python -m sitecheck.headers SITE_DIR     # after a build made without the MkDocs hook

The inline scripts and style attributes come from the engine's one parse of each page
(inline_code.Collected), never from re-reading the site.
"""

from __future__ import annotations

import argparse
import re
import sys
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


def fingerprinted_files(outputs, caching: dict) -> list[str]:
    pattern = re.compile(caching["fingerprinted"]["match"])
    return sorted("/" + name for name in outputs if pattern.search(name))


def render_headers_file(source: dict, hashes: list[str], outputs, styles: list[str] = ()) -> str:
    """Netlify / Cloudflare Pages format. Rules that match one path add up, so Cache-Control
    is set only on the fingerprinted files; pages keep the hosts' default of revalidating."""
    lines = [f"# {GENERATED}", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(source, hashes, styles)]
    cache = source["caching"]["fingerprinted"]["cache_control"]
    for path in fingerprinted_files(outputs, source["caching"]):
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
    collected,
    outputs,
    source_path: Path = SOURCE,
    *,
    server_name: str = "_",
) -> tuple[int, int]:
    """Write _headers and _nginx.conf for the built site; return how many script and
    style-attribute hashes the policy lists. `collected`: the engine's inline_code.Collected."""
    source = load_source(source_path)
    hashes, styles = collected.script_hashes(), collected.style_hashes()
    headers_file = render_headers_file(source, hashes, outputs, styles)
    (site / HEADERS_FILE).write_text(headers_file, encoding="utf-8")
    nginx = render_nginx(source, hashes, styles, server_name=server_name)
    (site / NGINX_FILE).write_text(nginx, encoding="utf-8")
    return len(hashes), len(styles)


def main(argv: list[str] | None = None) -> int:
    from .cli import load_built_site

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--server-name", default="_")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html not found: build the site first.", file=sys.stderr)
        return 1
    engine = load_built_site(Path.cwd(), args.site)
    outputs = engine.context.outputs
    scripts, styles = write_deploy_files(
        args.site, engine.inline, outputs, args.source, server_name=args.server_name
    )
    print(
        f"Wrote {args.site / HEADERS_FILE} and {args.site / NGINX_FILE} "
        f"({scripts} script hashes, {styles} style-attribute hashes)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
