"""Generate the nginx configuration and the `_headers` file from sitecheck/outputs/headers.yml.

Both files come from the one source plus the built site itself: the Content-Security-Policy
lists the sha256 hash of every inline script the build actually emitted, so a theme change or
a Material upgrade that alters those scripts is picked up by the next build, never by hand.

    python -m sitecheck.outputs.headers SITE_DIR     # after a build made without the MkDocs hook

The inline scripts and style attributes come from the engine's one parse of each page
(inline_code.Collected), never from re-reading the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from sitecheck.outputs import theme_styles
from sitecheck.rules.page.csp_inline import keep, style_allowed

SOURCE = Path(__file__).with_name("headers.yml")
HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx.conf"
DEPLOY_DIR = "deploy"
# Hosts that cannot send headers (GitHub Pages): ./run deploy with this set to 1 puts the CSP in
# a <meta> tag on every page (the workflow does).
META_POLICY = "SITECHECK_META_CSP"
HASHES_PLACEHOLDER = "{inline_script_hashes}"
STYLE_HASHES_PLACEHOLDER = "{style_attribute_hashes}"
SHEET_HASHES_PLACEHOLDER = "{style_block_hashes}"
GENERATED = "Generated from sitecheck/outputs/headers.yml by sitecheck/outputs/headers.py: edit that file, then rebuild."


def load_source(path: Path = SOURCE) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def header_value(
    name: str, value, hashes: list[str], styles: list[str] = (), sheets: list[str] = ()
) -> str:
    if name == "Content-Security-Policy":
        fill = {
            HASHES_PLACEHOLDER: list(hashes),
            STYLE_HASHES_PLACEHOLDER: list(styles),
            SHEET_HASHES_PLACEHOLDER: list(sheets),
        }
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
    source: dict, hashes: list[str], styles: list[str] = (), sheets: list[str] = ()
) -> list[tuple[str, str]]:
    security = source["security"].items()
    return [(name, header_value(name, value, hashes, styles, sheets)) for name, value in security]


def fingerprinted_files(outputs, caching: dict) -> list[str]:
    pattern = re.compile(caching["fingerprinted"]["match"])
    return sorted("/" + name for name in outputs if pattern.search(name))


def render_headers_file(
    source: dict, hashes: list[str], outputs, styles: list[str] = (), sheets: list[str] = ()
) -> str:
    """Netlify / Cloudflare Pages format. Rules that match one path add up, so Cache-Control
    is set only on the fingerprinted files; pages keep the hosts' default of revalidating."""
    lines = [f"# {GENERATED}", "/*"]
    security = security_headers(source, hashes, styles, sheets)
    lines += [f"  {name}: {value}" for name, value in security]
    caching = source["caching"]
    cache = caching["fingerprinted"]["cache_control"]
    fingerprinted = fingerprinted_files(outputs, caching)
    for path in fingerprinted:
        lines += [path, f"  Cache-Control: {cache}"]
    if source.get("svg_policy"):  # both policies apply to an SVG: the stricter one wins
        lines += ["/*.svg", f"  Content-Security-Policy: {source['svg_policy']}"]
    own = re.compile(caching["scripts_and_styles"]["match"])
    for path in sorted("/" + name for name in outputs if own.search(name)):
        if path not in fingerprinted:
            lines += [path, f"  Cache-Control: {caching['scripts_and_styles']['cache_control']}"]
    return "\n".join(lines) + "\n"


def deploy_dir(site: Path) -> Path:
    """Where the deploy files go: beside the built site, never inside it, so no host that
    publishes the folder as it is (GitHub Pages) serves them."""
    return site.parent / DEPLOY_DIR


TLS_CIPHERS = (  # Mozilla's "intermediate" list: TLS 1.2 with forward secrecy and AEAD only
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305"
)


def _cache_map(caching: dict) -> list[str]:
    # One Cache-Control per address, chosen by a map, so every header is added once, at server
    # level: add_header inside a location would drop the server's.
    order = ("fingerprinted", "pages", "scripts_and_styles")
    lines = [
        "map $uri $patient_site_cache_control {",
        f'    default "{caching["other"]["cache_control"]}";',
    ]
    lines += [f'    "~{caching[k]["match"]}" "{caching[k]["cache_control"]}";' for k in order]
    return [*lines, "}", ""]


def render_nginx(
    source: dict,
    hashes: list[str],
    styles: list[str] = (),
    sheets: list[str] = (),
    *,
    root: str = "/var/www/patient-site",
    listen: str = "[::]:443 ssl http2 ipv6only=off",
    server_name: str = "_",
) -> str:
    headers = [*security_headers(source, hashes, styles, sheets)]
    svg_map = []
    if source.get("svg_policy"):  # an SVG gets its own policy, chosen by a map like the cache
        page_policy = dict(headers)["Content-Security-Policy"]
        svg_map = [
            "map $uri $patient_site_csp {",
            f'    default "{page_policy}";',
            f'    "~*\\.svgz?$" "{source["svg_policy"]}";',
            "}",
            "",
        ]
        headers = [
            (n, "$patient_site_csp" if n == "Content-Security-Policy" else v) for n, v in headers
        ]
    headers.append(("Cache-Control", "$patient_site_cache_control"))
    i1, i2 = "    ", "        "
    tls = "ssl" in listen.split()
    lines = [
        f"# {GENERATED}",
        "# For /etc/nginx/conf.d/ (inside Debian's http { } with its mime.types): a map and a",
        "# server block. Set root to where you copy site/; HTTP-to-HTTPS redirects are left to",
        "# your main config.",
        *_cache_map(source["caching"]),
        *svg_map,
        "server {",
        f"{i1}# IPv6 and IPv4 on one socket, HTTP/2.",
        f"{i1}listen {listen};",
        f"{i1}server_name {server_name};",
        *(
            [
                f"{i1}# Where certbot puts the certificate; change if yours lives elsewhere.",
                f"{i1}ssl_certificate /etc/letsencrypt/live/{server_name}/fullchain.pem;",
                f"{i1}ssl_certificate_key /etc/letsencrypt/live/{server_name}/privkey.pem;",
                f"{i1}ssl_protocols TLSv1.2 TLSv1.3;",
                f"{i1}ssl_ciphers {TLS_CIPHERS};",
                f"{i1}ssl_prefer_server_ciphers off;",
                f"{i1}ssl_session_timeout 1d;",
                f"{i1}ssl_session_cache shared:PatientSiteTLS:10m;",
                f"{i1}ssl_session_tickets off;",
            ]
            if tls
            else []
        ),
        f"{i1}root {root};",
        f"{i1}index index.html;",
        f"{i1}charset utf-8;",
        f"{i1}server_tokens off;",
        f"{i1}# Redirects (/cost -> /cost/) name no host, so a forged Host header is never echoed.",
        f"{i1}absolute_redirect off;",
        f"{i1}autoindex off;",
        f"{i1}# Whole files only: nginx adds every header twice to its 416 'range not satisfiable'.",
        f"{i1}max_ranges 0;",
        "",
        f"{i1}gzip on;",
        f"{i1}gzip_vary on;",
        f"{i1}gzip_comp_level 5;",
        f"{i1}gzip_min_length 256;",
        f"{i1}gzip_proxied any;",
        f"{i1}gzip_types text/css application/javascript text/javascript application/json",
        f"{i2}image/svg+xml application/xml text/xml text/plain;",
        "",
        f"{i1}# Every response, errors included, carries each header once (`always`).",
        *[f'{i1}add_header {name} "{value}" always;' for name, value in headers],
        "",
        f"{i1}# The site's own page for unknown addresses and for folders, with status 404.",
        f"{i1}error_page 404 /404.html;",
        f"{i1}error_page 403 =404 /404.html;",
        "",
        f"{i1}location = /404.html {{",
        f"{i2}internal;",
        f"{i1}}}",
        "",
        f"{i1}# Hidden files (.git, .env) are never part of the site.",
        f"{i1}location ~ /\\. {{",
        f"{i2}return 404;",
        f"{i1}}}",
        # Everything else: nginx's static files, /cost -> /cost/ and its index.html; no
        # try_files, which gixy flags as slow without open_file_cache.
        "}",
    ]
    return "\n".join(lines) + "\n"


def write_deploy_files(
    site: Path,
    collected,
    outputs,
    source_path: Path = SOURCE,
    *,
    server_name: str = "_",
) -> tuple[int, int]:
    """Write _headers and _nginx.conf beside the built site (deploy_dir); return how many
    script and style-attribute hashes the policy lists. `collected`: inline_code.Collected."""
    source = load_source(source_path)
    hashes, styles = collected.script_hashes(), collected.style_hashes()
    # and the <style> texts the theme's own scripts insert (Zensical's search dialog)
    sheets = sorted({*collected.block_hashes(), *theme_styles.script_style_hashes(site)})
    target = deploy_dir(site)
    target.mkdir(parents=True, exist_ok=True)
    headers_file = render_headers_file(source, hashes, outputs, styles, sheets)
    (target / HEADERS_FILE).write_text(headers_file, encoding="utf-8")
    nginx = render_nginx(source, hashes, styles, sheets, server_name=server_name)
    (target / NGINX_FILE).write_text(nginx, encoding="utf-8")
    for stale in (site / HEADERS_FILE, site / NGINX_FILE):  # written there by older builds
        stale.unlink(missing_ok=True)
    return len(hashes), len(styles)


def meta_policy(source: dict, hashes: list[str], styles: list[str], sheets: list[str]) -> str:
    """The CSP for a <meta> tag, for hosts that cannot send headers (GitHub Pages). Browsers
    ignore frame-ancestors there, so it is left out; HSTS and the other headers are missing."""
    value = dict(security_headers(source, hashes, styles, sheets))["Content-Security-Policy"]
    return "; ".join(p for p in value.split("; ") if not p.startswith("frame-ancestors"))


def with_meta_policy(html: str, page_inline, allow, sheet: str) -> str:
    """The page with its own policy as the first element of <head>: its own scripts' hashes."""
    hashes = sorted({s.hash for s in page_inline.scripts if allow(s.code)})
    style_hashes = sorted({s.hash for s in page_inline.styles if style_allowed(s.value)})
    sheets = sorted({k.hash for b in page_inline.blocks if (k := keep(b, sheet)).hash})
    policy = meta_policy(load_source(), hashes, style_hashes, sheets)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"<head>", lambda m: m.group(0) + tag, html, count=1)
