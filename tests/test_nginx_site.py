"""The strict build served by real nginx with the generated configuration: every response
carries the security headers, caching and compression are right, and every page works in
headless Chromium with zero Content-Security-Policy violations."""

from __future__ import annotations

import gzip
import subprocess
from urllib.parse import urlsplit

import pytest

from devtools.chromium import wait_for_path
from devtools.nginx import (
    BROWSER_ORIGIN,
    browser_context,
    prepare,
    require_nginx,
    run_nginx,
)
from sitecheck.outputs.headers import deploy_dir
from tests.checks.csp_watch import CspWatcher
from tests.checks.inline_scripts import inline_script_problems
from tests.checks.problems import assert_none, at
from tests.checks.security_headers import header_problems

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    require_nginx()
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    with run_nginx(built_site.site, conf, tmp_path_factory.mktemp("nginx")) as server:
        yield server


def fingerprinted(site, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in the build, found {found}"
    return "/" + found[0].relative_to(site).as_posix()


def test_every_kind_of_response_carries_the_headers(built_site, nginx):
    site = built_site.site
    # path -> (status, Cache-Control, compressed?)
    cases = {
        "/": (200, "no-cache", True),
        "/cost/": (200, "no-cache", True),
        "/cost/index.html": (200, "no-cache", True),
        fingerprinted(site, "assets/javascripts/bundle.*.min.js"): (200, IMMUTABLE, True),
        fingerprinted(site, "assets/stylesheets/main.*.min.css"): (200, IMMUTABLE, True),
        "/search/search_index.json": (200, "no-cache", True),
        "/sitemap.xml": (200, "no-cache", True),
        "/assets/images/favicon.png": (200, "public, max-age=3600", False),
        "/no/such/page/": (404, "no-cache", True),
        "/_nginx.conf": (404, "no-cache", True),  # deploy files are not published
    }
    problems = []
    for path, (status, cache, compressed) in cases.items():
        where = f"nginx GET {path}"
        reply = nginx.get(path)
        problems += header_problems(reply.headers, where)
        fix = "see the caching: section of sitecheck/outputs/headers.yml and the generated _nginx.conf"
        if reply.status != status:
            problems.append(at(where, f"status {reply.status}, expected {status}", fix))
        if reply.headers.get("cache-control") != cache:
            got = reply.headers.get("cache-control")
            problems.append(at(where, f"Cache-Control {got!r}, expected {cache!r}", fix))
        encoding = reply.headers.get("content-encoding")
        if compressed and encoding != "gzip":
            problems.append(at(where, f"not gzip-compressed ({encoding})", fix))
    assert_none(problems, "nginx responses")


def test_unknown_address_gets_the_sites_own_404_page(built_site, nginx):
    reply = nginx.get("/no/such/page/")
    assert reply.status == 404
    assert gzip.decompress(reply.body) == (built_site.site / "404.html").read_bytes()


def test_served_csp_allows_every_inline_script_of_the_build(built_site, nginx):
    csp = nginx.get("/").headers["content-security-policy"]
    problems = inline_script_problems(built_site, csp, "the nginx response")
    assert_none(problems, "inline scripts the served CSP blocks")


def test_generated_headers_file_matches_nginx(built_site, nginx):
    from tests.checks.security_headers import read_headers_file

    rules = read_headers_file(deploy_dir(built_site.site) / "_headers")
    assert_none(header_problems(rules["/*"], "site/_headers /*"), "the _headers file")
    served = nginx.get("/").headers
    for name, value in rules["/*"].items():
        assert served.get(name.lower()) == value, f"_headers and nginx differ on {name}"
    bundle = fingerprinted(built_site.site, "assets/javascripts/bundle.*.min.js")
    assert rules[bundle] == {"Cache-Control": IMMUTABLE}


@pytest.mark.browser
def test_every_page_through_nginx_has_no_csp_violation(built_site, nginx, browser):
    context = browser_context(browser, nginx)
    page = context.new_page()
    watcher = CspWatcher(page)
    problems = []
    pages = [p for p in built_site.html_pages() if p != "404.html"]
    urls = {p: BROWSER_ORIGIN + p.removesuffix("index.html") for p in pages}
    urls["404.html"] = BROWSER_ORIGIN + "no/such/page/"
    try:
        for html, url in urls.items():
            page.goto(url, wait_until="networkidle")
            for violation in watcher.take():
                problems.append(
                    at(
                        f"{built_site.source_of(html)} ({url})",
                        f"Content-Security-Policy violation: {violation}",
                        "move inline code to a file in docs/javascripts/, load nothing from "
                        "other hosts, and rebuild so the generated headers match the site",
                    )
                )
    finally:
        context.close()
    for text in sorted(set(watcher.header_errors)):
        problems.append(
            at(
                "sitecheck/outputs/headers.yml",
                f"Chromium rejects part of a header: {text}",
                "remove the feature Chromium does not know from Permissions-Policy",
            )
        )
    assert len(urls) >= 15, f"only {len(urls)} pages were loaded"
    assert_none(problems, "CSP violations in Chromium through nginx")


@pytest.mark.browser
def test_search_navigation_and_palette_work_under_the_csp(nginx, browser):
    context = browser_context(browser, nginx, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watcher = CspWatcher(page)
    try:
        page.goto(BROWSER_ORIGIN, wait_until="networkidle")

        # Instant navigation: the page changes without a full reload.
        page.evaluate("window.__stillHere = true")
        heading = page.locator("h1").first.inner_text()
        page.locator('.md-sidebar--primary a.md-nav__link[href$="cost/"]').first.click()
        wait_for_path(page, "cost/")
        # Instant navigation updates the address first, the content a moment later.
        page.wait_for_function("h => document.querySelector('h1').innerText !== h", arg=heading)
        assert page.evaluate("window.__stillHere === true"), "the click reloaded the whole page"

        # Search: Material's web worker loads and answers.
        page.locator("input.md-search__input").click()
        page.keyboard.type("cost", delay=30)  # Material searches on key events
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        assert "matching page" in page.locator(".md-search-result__meta").inner_text()
        page.keyboard.press("Escape")

        # Glossary tooltip: Material positions it through the CSSOM, which CSP allows.
        page.goto(BROWSER_ORIGIN + "sources/", wait_until="networkidle")
        page.locator("article abbr").first.hover()
        page.locator(".md-tooltip2--active").first.wait_for()

        # Palette toggle: light to dark.
        scheme = page.locator("body").get_attribute("data-md-color-scheme")
        page.locator('form[data-md-component="palette"] label:visible').first.click()
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') !== s", arg=scheme
        )
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"

        assert watcher.take() == []
    finally:
        context.close()


@pytest.mark.browser
def test_self_check_works_under_the_csp_after_instant_navigation(nginx, browser):
    from tests.checks.self_check import BOX, BOXES, PAGE, RESULT, check_answer

    context = browser_context(browser, nginx, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watcher = CspWatcher(page)
    try:
        page.goto(BROWSER_ORIGIN, wait_until="networkidle")
        page.evaluate("window.__stillHere = true")
        page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{PAGE}"]').first.click()
        page.locator(f"{BOX}[data-self-check-ready]").wait_for()
        assert page.evaluate("window.__stillHere === true"), "the click reloaded the whole page"
        before = page.locator(RESULT).inner_text()
        page.locator(BOXES).first.check()
        page.wait_for_function(
            "([sel, old]) => document.querySelector(sel).innerText !== old", arg=[RESULT, before]
        )
        after = page.locator(RESULT).inner_text().strip()
        assert_none(
            check_answer(after, "one box ticked", rule=True), "the self-check under the CSP"
        )
        assert watcher.take() == []
    finally:
        context.close()


def test_production_configuration_passes_nginx_t(built_site, tmp_path):
    """The file an administrator installs, unchanged but for the certificate and root paths."""
    require_nginx()
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    host = urlsplit(built_site.site_url).hostname
    certs = tmp_path / "certs"
    certs.mkdir()
    key, cert = certs / "privkey.pem", certs / "fullchain.pem"
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    subprocess.run(
        [*openssl, "-subj", f"/CN={host}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    assert "listen [::]:443 ssl http2 ipv6only=off;" in conf  # IPv6 and IPv4, HTTP/2
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in conf
    assert f"ssl_certificate /etc/letsencrypt/live/{host}/fullchain.pem;" in conf
    conf = conf.replace(f"/etc/letsencrypt/live/{host}", str(certs))
    conf = conf.replace("root /var/www/patient-site;", f"root {built_site.site};")
    prepare(conf, tmp_path / "prefix")  # runs nginx -t; fails with nginx's own message
