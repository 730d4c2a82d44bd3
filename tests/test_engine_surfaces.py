"""Every engine rule reaches every surface: the build's verdict, the preview box, the JSON report.

The faults are the ones editors met only in the test suite before the engine: each now stops
`./run build` (whatever its flags) and shows in the preview box on its own page.
"""

from __future__ import annotations

import json
import os
import subprocess

from devtools.site import ROOT, build_env
from sitecheck.outputs.preview_box import BOX_ID
from sitecheck.rules.source import medical_review
from tests.conftest import page
from tests.test_editorial_preview import mkdocs_serve, wait_until

HARD = (
    "Autologous adipose-derived stromal vascular fraction, notwithstanding considerable "
    "methodological heterogeneity and insufficiently characterised dose-response relationships, "
    "demonstrated statistically significant improvements in terminal hair density. "
)
# page -> (Markdown body, the line the box must name, words of the message)
FAULTS = {
    "rawlink": ('Read on.\n\n<p><a href="../nowhere/">the next step</a></p>', 13, "does not exist"),
    "deleted": ("Read [the old page](old-page.md) first.", 11, "does not exist"),
    "grade": (HARD * 4, 0, "reading grade"),
    "phone": ("Call us on +1 555-0134 today.", 11, "phone number (+1 555-0134) is typed"),
    "tooltip": (
        "Intro.\n\n<div>PRP is written inside HTML here.</div>",
        13,
        "without its glossary",
    ),
    "citation": ("A large study found that hair grew back.", 11, "links to no source"),
}


def plant(project) -> None:
    for name, (body, _, _) in FAULTS.items():
        project.write(f"docs/{name}.md", page(name.title(), body))
    project.add_to_menu(*(f"{name}.md" for name in FAULTS))
    project.write("docs/orphan.md", page("Orphan", "Nobody can find this page in the menu."))


def expected(name: str) -> str:
    _, line, _ = FAULTS[name]
    return f"docs/{name}.md:{line}" if line else f"docs/{name}.md"


def test_each_rule_shows_in_the_preview_box_of_its_page(project, tmp_path):
    plant(project)
    log_path = tmp_path / "serve.log"
    with mkdocs_serve(project.root, log_path) as (proc, base):
        bodies = {
            name: wait_until(proc, f"{base}{name}/", log_path) for name in [*FAULTS, "orphan"]
        }
        clean = wait_until(proc, base + "cost/", log_path)
        assert proc.poll() is None, "the preview must keep running with problems on its pages"
    for name, body in bodies.items():
        assert BOX_ID in body, f"{name}: no problem box\n{body[:500]}"
        box = body[body.index(f'<section id="{BOX_ID}"') :]
        box = box[: box.index("</section>")]
        if name == "orphan":
            assert "docs/orphan.md:1</strong>: this page is not in the site" in box
            continue
        words = FAULTS[name][2]
        assert f"<strong>{expected(name)}</strong>" in box and words in box, f"{name}:\n{box}"
        assert "Fix:" in box
    assert BOX_ID not in clean


def test_each_rule_stops_the_build_and_is_in_the_json_report(project):
    plant(project)
    result = project.build(strict=True)
    assert result.returncode != 0
    report = json.loads((project.root / "reports" / "editorial.json").read_text(encoding="utf-8"))
    assert report["problems"] >= len(FAULTS) + 1
    keys = {"file", "line", "rule", "severity", "message", "fix"}
    assert all(set(item) == keys for item in report["findings"])
    rules: dict[str, set[str]] = {}
    for item in report["findings"]:
        rules.setdefault(item["file"], set()).add(item["rule"])
    assert "readability" in rules["docs/grade.md"]
    assert "typed-facts" in rules["docs/phone.md"]
    assert "menu" in rules["docs/orphan.md"]
    for name in FAULTS:
        assert expected(name) in result.output, f"{name} not in the build's verdict"


def quiet_build(project, *args: str) -> subprocess.CompletedProcess:
    """`./run build` exactly as an editor runs it, in the copy, with the project's own .venv."""
    for name in ("run", "requirements.lock"):
        (project.root / name).write_bytes((ROOT / name).read_bytes())
    os.chmod(project.root / "run", 0o755)
    venv = project.root / ".venv"
    if not venv.exists():
        venv.symlink_to(ROOT / ".venv")
    env = {k: v for k, v in build_env().items() if k != "SITECHECK_REPORT_ONLY"}
    return subprocess.run(
        ["./run", *args], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )


def test_quiet_build_still_stops_on_a_broken_link(project):
    project.append("docs/cost.md", "\nSee [the price list](prices.md).\n")
    for args in (["build", "-q"], ["build", "--quiet", "--no-strict"]):
        result = quiet_build(project, *args)
        assert result.returncode != 0, f"./run {' '.join(args)} published a broken link"
        said = result.stdout + result.stderr
        assert "docs/cost.md:" in said and "'prices.md' points to a page" in said, said
        assert "Traceback" not in said


def test_a_claim_inside_a_clinic_fact_is_caught_on_the_pages_that_show_it(project):
    # The Markdown says only {{ clinic.preparation }}; the claim is in clinic.yml.
    text = project.path("clinic.yml").read_text(encoding="utf-8")
    start = text.index("  preparation:")
    end = text.index("\n", start)
    project.write(
        "clinic.yml",
        text[:start] + '  preparation: "A completely safe, same-day process."' + text[end:],
    )
    # The answered placeholder waits for the medical reviewer (./run deploy); signed off by
    # mistake or not, the pages catch the claim.
    assert "clinic.yml:91: this medical sentence is not reviewed yet" in "\n".join(
        medical_review.refusals(project.root)
    )
    medical_review.sign(project.root, ["clinic.yml"])
    result = project.build()
    found = [f for f in result.findings("claims") if "completely safe" in f.what]
    assert found, result.output
    assert {f.file for f in found} >= {"docs/procedure.md"}
    assert all("comes through a macro, from a clinic fact in clinic.yml" in f.what for f in found)


def test_a_rule_that_fails_stops_the_build_with_one_sentence(project):
    # A programming fault in a rule (not an editor's mistake) must still stop `./run build`,
    # with the traceback kept for a developer.
    project.replace(
        "sitecheck/rules/facts/hand_typed.py",
        "def check_source(raw: str, file: str, facts: dict)",
        "def check_source(raw, file, facts):\n    raise KeyError('planted')\n\n\n"
        "def unused(raw: str, file: str, facts: dict)",
    )
    result = quiet_build(project, "build")
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "The build failed in a way the checks do not recognise" in said, said
    assert "KeyError: 'planted'" in said, said
    assert "Traceback" not in said
    log = (project.root / "reports" / "build.log").read_text(encoding="utf-8")
    assert "raise KeyError('planted')" in log  # the rule's own traceback, for a developer
