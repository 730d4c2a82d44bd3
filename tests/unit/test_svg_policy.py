"""Issue 30: an SVG is served with a policy that runs and loads nothing, by nginx, by the
`_headers` file and by the preview; pages keep their own policy."""

from __future__ import annotations

from preview import policy
from sitecheck.outputs.headers import load_source, render_headers_file, render_nginx

SVG = load_source()["svg_policy"]


def test_the_svg_policy_runs_and_loads_nothing():
    assert "default-src 'none'" in SVG and "sandbox" in SVG and "script" not in SVG


def test_nginx_chooses_the_policy_by_address_and_adds_it_once():
    conf = render_nginx(load_source(), ["'sha256-x'"])
    assert "map $uri $patient_site_csp {" in conf
    assert f'"~*\\.svgz?$" "{SVG}";' in conf
    assert conf.count("add_header Content-Security-Policy") == 1
    assert 'add_header Content-Security-Policy "$patient_site_csp" always;' in conf
    csp_map = conf.split("map $uri $patient_site_csp {", 1)[1]
    page_policy = csp_map.split('default "', 1)[1].split('";', 1)[0]
    assert "script-src 'self' 'sha256-x'" in page_policy


def test_the_headers_file_adds_the_svg_policy_to_svg_files():
    text = render_headers_file(load_source(), [], set())
    assert f"/*.svg\n  Content-Security-Policy: {SVG}\n" in text


def test_the_preview_sends_the_svg_policy_for_svg():
    assert policy.is_svg("/images/a.svg", [("Content-Type", "image/svg+xml")])
    assert policy.is_svg("/images/a.SVG?x=1", [])
    assert not policy.is_svg("/cost/", [("Content-Type", "text/html")])
    assert policy.SVG_POLICY == SVG
