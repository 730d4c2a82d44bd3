"""On GitHub (GITHUB_ACTIONS=true) the checks write one annotation per problem on its file and
line, and a job summary in the editors' words; run here as GitHub runs them, on planted faults."""

from __future__ import annotations

import subprocess
import sys

from devtools.site import build_env
from sitecheck.core.finding import NOTICE, Finding
from sitecheck.outputs import github
from sitecheck.outputs.report import read_json
from tests.checks import mistakes
from tests.conftest import page

CATALOGUE = {m.id: m for m in mistakes.load()}


def on_github(root, summary_file) -> subprocess.CompletedProcess:
    env = {**build_env(), "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)}
    return subprocess.run(
        [sys.executable, "-m", "sitecheck.drivers.build", "build", "--strict", "-d", "site"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def annotations(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("::")]


def test_escaping_follows_githubs_workflow_command_rules():
    finding = Finding("docs/a,b:c.md", 3, "100% sure\r\nnot", "write: a, b", "claims")
    assert github.annotation(finding) == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,title=Medical claim::100%25 sure%0D%0Anot "
        "Fix: write: a, b"
    )
    notice = Finding("docs/x.md", 0, "review due.", "review it.", "review-date", NOTICE)
    assert github.annotation(notice) == (
        "::notice file=docs/x.md,title=Medical review::review due. Fix: review it."
    )
    theme = Finding("theme template (404.html)", 0, "a | b", "c", "links")
    assert github.annotation(theme) == "::error title=Broken link::a | b Fix: c"
    assert "| `theme template (404.html)` | a \\| b | c |" in github.summary([theme])


def test_planted_faults_become_annotations_and_a_summary_table(project, tmp_path):
    price, nbsp = CATALOGUE["price-with-comma"], CATALOGUE["nbsp-after-title"]
    originals = {m.file: project.path(m.file).read_text(encoding="utf-8") for m in (price, nbsp)}
    price.plant(project.root)
    nbsp.plant(project.root)
    price_line = price.expected_line(originals["clinic.yml"])
    summary_file = tmp_path / "summary.md"
    result = on_github(project.root, summary_file)
    assert result.returncode == 1
    assert annotations(result.stdout) == [
        f"::error file=clinic.yml,line={price_line},title=Clinic fact::the setting "
        "clinic.price.amount (the average price) is written 1,790, which is text, not a whole "
        "number. Fix: write 1790, without a comma or a currency sign.",
        "::error file=docs/cost.md,line=2,title=The file cannot be read::column 7 has a "
        'non-breaking space, which looks like a space, between "title:" and "Cost" (usually '
        "pasted from Word or a web page). Fix: delete it and type an ordinary space.",
    ]
    assert summary_file.read_text(encoding="utf-8") == (
        "## Editorial checks\n\n"
        "**2 problem(s) to fix before this change can be published.** Each one is also marked "
        "on its line under *Files changed*.\n\n"
        "| Where | What is wrong | How to fix it |\n| --- | --- | --- |\n"
        f"| `clinic.yml:{price_line}` | the setting clinic.price.amount (the average price) is "
        "written 1,790, which is text, not a whole number. | write 1790, without a comma or a "
        "currency sign. |\n"
        "| `docs/cost.md:2` | column 7 has a non-breaking space, which looks like a space, "
        'between "title:" and "Cost" (usually pasted from Word or a web page). | delete it and '
        "type an ordinary space. |\n\n"
    )


def test_a_page_fault_found_in_the_build_is_annotated_from_the_engines_report(project, tmp_path):
    project.write("docs/claimy.md", page("Claimy", "It is 100% effective."))
    project.add_to_menu("claimy.md")
    summary_file = tmp_path / "summary.md"
    result = on_github(project.root, summary_file)
    assert result.returncode == 1
    findings = [f for f in read_json(project.root) if f.severity == "error"]
    claims = [f for f in findings if f.file == "docs/claimy.md" and f.rule == "claims"]
    assert claims and claims[0].line == 11
    lines = annotations(result.stdout)
    assert lines == [github.annotation(f) for f in read_json(project.root)]
    claim = next(line for line in lines if "docs/claimy.md" in line)
    assert claim.startswith("::error file=docs/claimy.md,line=11,title=Medical claim::")
    assert "100%25 effective" in claim and "100% effective" not in claim
    assert "| `docs/claimy.md:11` |" in summary_file.read_text(encoding="utf-8")


def test_a_clean_change_says_it_can_be_published(project, tmp_path):
    summary_file = tmp_path / "summary.md"
    result = on_github(project.root, summary_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in annotations(result.stdout) if line.startswith("::error")]
    summary = summary_file.read_text(encoding="utf-8")
    assert summary.startswith("## Editorial checks\n\nNo problems: this change can be published.\n")
