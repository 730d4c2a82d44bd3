"""Every address in the clinic's facts is on the clinic's own domain.

clinic.yml is the editors' file, and its `booking_url` is the Book button on every page: a
compromised account that moves it to `book.your-clinic.com.secure-booking.net` sends patients
and their card details elsewhere, and looks right at a glance. So every web address and e-mail
address in clinic.yml must be on the clinic's own domain, the one `site_url` in mkdocs.yml names
(developer territory), or on a host in OTHER_HOSTS below, which only developers change
(sitecheck/ is theirs in CODEOWNERS). The host is read as a browser reads it (userinfo, port and
case dropped), and must be the domain or end in "." + the domain.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

from sitecheck.core.finding import Finding
from sitecheck.rules.facts.clinic_facts import node_lines

RULE = "clinic-facts"
FILE = "clinic.yml"
# Hosts the clinic uses that are not on its own domain (a booking service, a regulator). Each
# needs a developer's review: add the host exactly, e.g. "clinic.booking-provider.com".
OTHER_HOSTS: frozenset[str] = frozenset()

URL = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[^\s'\"<>]+", re.IGNORECASE)
EMAIL = re.compile(r"[^\s@<>\"']+@([^\s@<>\"',;]+)")


def own_domain(site_url: str) -> str | None:
    """The clinic's domain: site_url's host without its first label when it has three or more
    (patients.your-clinic.com -> your-clinic.com; your-clinic.co.uk stays as it is). None for
    a site served from this machine (localhost, 127.0.0.1): a local copy names no domain."""
    host = (urlsplit(site_url or "").hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or _is_address(host):
        return None
    labels = host.split(".")
    return ".".join(labels[1:]) if len(labels) >= 3 else host


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def on_domain(host: str, domain: str) -> bool:
    host = host.rstrip(".").lower()
    return host == domain or host.endswith("." + domain) or host in OTHER_HOSTS


def check(project: Path, site_url: str | None) -> list[Finding]:
    path = project / FILE
    domain = own_domain(site_url or "")
    if domain is None or not path.is_file():
        return []
    out = []
    for key_path, (line, raw) in sorted(
        node_lines(path.read_text(encoding="utf-8")).items(), key=lambda item: item[1][0]
    ):
        if not isinstance(raw, str):
            continue
        name = ".".join(str(p) for p in key_path)
        hosts = [(m.group(), urlsplit(m.group()).hostname or "") for m in URL.finditer(raw)]
        hosts += [(m.group(), m.group(1)) for m in EMAIL.finditer(URL.sub(" ", raw))]
        for written, host in hosts:
            if on_domain(host, domain):
                continue
            out.append(
                Finding(
                    FILE,
                    line,
                    f"the fact '{name}' sends patients to '{host}' ({written}), which is not "
                    f"the clinic's own domain {domain} (site_url in mkdocs.yml): a look-alike "
                    "address would take patients, and what they type, to someone else.",
                    f"write an address on {domain} (e.g. https://book.{domain}/…); if the "
                    "clinic really uses another host, a developer adds it to OTHER_HOSTS in "
                    "sitecheck/rules/facts/own_hosts.py.",
                    rule=RULE,
                )
            )
    return out
