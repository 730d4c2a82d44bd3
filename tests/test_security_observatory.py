"""Mozilla's HTTP Observatory scores the shipped nginx block A+ (served over TLS on loopback)."""

from __future__ import annotations

import json

from devtools.nginx import require_nginx
from sitecheck.outputs.headers import deploy_dir
from tests.checks.observatory import observatory, tls_nginx


def scan(site, conf: str, prefix) -> dict:
    with tls_nginx(site, conf, prefix) as (http, https, cert):
        return observatory(http, https, cert)


def test_shipped_nginx_block_scores_a_plus(built_site, tmp_path):
    require_nginx()
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    result = scan(built_site.site, conf, tmp_path)
    failed = {k: v for k, v in result["tests"].items() if not v["pass"]}
    assert result["grade"] == "A+", json.dumps(result, indent=2)
    assert failed == {}, json.dumps(failed, indent=2)


def test_a_weakened_policy_loses_the_grade(built_site, tmp_path):
    require_nginx()
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    weak = conf.replace(
        "default-src 'self'; script-src 'self'", "default-src *; script-src * 'unsafe-inline'"
    )
    result = scan(built_site.site, weak, tmp_path)
    assert result["grade"] != "A+", json.dumps(result, indent=2)
    assert not result["tests"]["contentSecurityPolicyTest"]["pass"]
