"""Write the security headers for the built site: `_headers` and `_nginx.conf`.

The Content-Security-Policy allows inline scripts only by their sha256 hash, so the hashes must
come from the pages this very build wrote (Material's and our templates' inline scripts change
with versions). The work is done by deploy/site_headers.py from deploy/headers.yml; Zensical
ignores MkDocs hooks, so for its builds run `./run headers SITE` instead.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("mkdocs.hooks.security_headers")
# Built file -> Markdown source, so warnings name the file an editor opens.
_sources: dict[str, str] = {}


def on_pre_build(config, **kwargs):
    _sources.clear()


def on_post_page(output, page, config, **kwargs):
    _sources[page.file.dest_uri] = f"docs/{page.file.src_uri}"
    return output


def _generator(project: Path):
    path = project / "deploy" / "site_headers.py"
    spec = importlib.util.spec_from_file_location("deploy_site_headers", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def on_post_build(config, **kwargs):
    project = Path(config["config_file_path"]).parent
    site = Path(config["site_dir"])
    generator = _generator(project)
    collected = generator.collect(site)  # one parse of every page serves both steps below
    _, handlers = generator.scan_site(site, collected)
    for handler in handlers:
        # Code in an attribute cannot be allowed by a hash: it would be blocked for patients.
        log.warning(
            "%s (%s): <%s %s=...> puts JavaScript in an attribute, which the site's "
            "Content-Security-Policy blocks. Fix: move the code to a file in docs/javascripts/ "
            "and attach it with addEventListener inside document$.subscribe(...).",
            _sources.get(handler.page, "theme template"),
            handler.page,
            handler.tag,
            handler.attribute,
        )
    server_name = urlsplit(config.get("site_url") or "").hostname or "_"
    scripts, styles = generator.write_deploy_files(
        site, project / "deploy" / "headers.yml", server_name=server_name, collected=collected
    )
    log.info(
        "security headers: _headers and _nginx.conf written "
        "(%d inline script hashes, %d style-attribute hashes)",
        scripts,
        styles,
    )
