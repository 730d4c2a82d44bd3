"""gixy (gixy-ng, pinned in requirements.lock) finds nothing in the shipped nginx block: TLS
versions and ciphers, header inheritance, host handling, regexes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sitecheck.outputs.headers import deploy_dir

GIXY = Path(sys.executable).with_name("gixy")


def gixy(conf: str, folder: Path) -> list[dict]:
    (folder / "site.conf").write_text(conf, encoding="utf-8")
    wrapper = folder / "nginx.conf"
    wrapper.write_text(
        f"events {{}}\nhttp {{\n    include /etc/nginx/mime.types;\n    include {folder}/site.conf;\n}}\n"
    )
    run = subprocess.run(
        [str(GIXY), "-f", "json", str(wrapper)], capture_output=True, text=True, check=False
    )
    assert run.stdout.strip().startswith("["), run.stdout + run.stderr
    return json.loads(run.stdout)


def test_shipped_nginx_block_has_no_gixy_finding(built_site, tmp_path):
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in conf
    found = gixy(conf, tmp_path)
    assert found == [], json.dumps(found, indent=2)


def test_gixy_catches_weak_tls(built_site, tmp_path):
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    weak = conf.replace("ssl_protocols TLSv1.2 TLSv1.3;", "ssl_protocols TLSv1 TLSv1.2;")
    found = gixy(weak, tmp_path)
    assert any("TLS" in json.dumps(f) or "ssl" in json.dumps(f).lower() for f in found), found
