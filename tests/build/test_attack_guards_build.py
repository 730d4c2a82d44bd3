"""The attack guards through the real `./run build`: each plant refused before MkDocs runs,
named at the file the attacker changed, with nothing run on the build machine; the nearest
honest edits still build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.checks.config_payloads import run_build, runnable
from tests.conftest import ProjectCopy

MARKER = "/tmp/sitecheck-attack-guard-ran"

PLANTS = {
    "a package at the top named like a library": (
        "jinja2/__init__.py",
        f"open({MARKER!r}, 'w').close()\nfrom jinja2 import *\n",
        "jinja2/: 'jinja2/' at the top of the project is not on the list",
    ),
    "an icon in a theme dot folder": (
        "overrides/.icons/fontawesome/solid/phone.svg",
        "{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "') }}<svg/>",
        "overrides/.icons/fontawesome/solid/phone.svg:1: ",
    ),
    "a stylesheet showing a number through an escape": (
        "overrides/assets/stylesheets/extra.css",
        '.md-footer::after {\n  content: "\\31 -900-555-0100";\n}\n',
        "overrides/assets/stylesheets/extra.css:2: 'content' shows the text \"1-900-555-0100\"",
    ),
    "a script posting answers with XMLHttpRequest": (
        "docs/javascripts/count.js",
        "var r = new XMLHttpRequest();\nr.open('POST', '/count');\n",
        "docs/javascripts/count.js:1: 'XMLHttpRequest' reaches a server",
    ),
}


@pytest.fixture(scope="module", params=sorted(PLANTS))
def refused(request, tmp_path_factory):
    Path(MARKER).unlink(missing_ok=True)
    name, text, _ = PLANTS[request.param]
    project = ProjectCopy(tmp_path_factory.mktemp("guard") / "project")
    runnable(project)
    project.write(name, text)
    return request.param, run_build(project), project


def test_each_plant_is_refused_at_its_file_before_anything_runs(refused):
    key, result, project = refused
    assert result.returncode != 0
    assert PLANTS[key][2] in result.stderr, result.stderr
    assert "Fix: " in result.stderr and "Traceback" not in result.stdout + result.stderr
    assert not os.path.exists(MARKER), "the planted code ran on the build machine"
    assert not project.path("site/index.html").exists()


def test_a_look_alike_booking_host_and_an_escaping_redirect_are_refused(tmp_path):
    project = ProjectCopy(tmp_path / "project")
    runnable(project)
    project.replace(
        "clinic.yml",
        "booking_url: https://book.hair-clinic.example/consultation",
        "booking_url: https://hair-clinic.example-booking.net/consultation",
    )
    result = run_build(project)
    assert result.returncode != 0
    assert "clinic.yml:9: the fact 'clinic.booking_url' sends patients to" in result.stderr


def test_the_nearest_honest_edits_still_build(tmp_path):
    project = ProjectCopy(tmp_path / "project")
    runnable(project)
    project.append(
        "overrides/assets/stylesheets/theme.css",
        '\n.hc-trust__due::before {\n  content: "\\2192  ";\n}\n',
    )
    project.append(
        "docs/javascripts/self-check.js",
        "\n// A second box on the page works the same: no request, nothing stored.\n",
    )
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems" in result.stdout
