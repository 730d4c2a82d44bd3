"""The GitHub Pages workflow runs the README's commands and passes zizmor, a maintained
GitHub Actions linter (from PyPI); zizmor catches the faults it exists for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from devtools.site import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_workflow_passes_zizmor():
    result = zizmor(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_then_publishes_with_the_readme_commands():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    runs = {job: [s.get("run", "") for s in spec["steps"]] for job, spec in jobs.items()}
    uses = [s.get("uses", "").split("@")[0] for spec in jobs.values() for s in spec["steps"]]
    assert "bash .ci/run" in runs["test"]
    assert "./run deploy" in runs["build"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_requests_are_checked_never_published():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert triggers["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    check = jobs["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert check["permissions"] == {"contents": "read"}
    # mkdocs.yml against the developers' allow-list first, before anything of the PR runs.
    runs = [s.get("run") for s in check["steps"] if s.get("run")]
    assert runs == ["./run config-check", "./run build"]
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"] == "site" and upload["if"] == "always()"
    # The publishing jobs never run for a pull request; the tests do, read-only.
    for job in ("build", "deploy"):
        assert jobs[job]["if"] == "github.event_name != 'pull_request'"
    assert "if" not in jobs["test"] and jobs["test"]["permissions"] == {"contents": "read"}
    assert workflow["permissions"] == {}


def test_zizmor_catches_an_unpinned_action_and_a_script_injection(tmp_path):
    text = WORKFLOW.read_text(encoding="utf-8")
    text = text.replace(
        "uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
        "uses: actions/checkout@v4",
        1,
    )
    text = text.replace(
        "run: ./run deploy", 'run: echo "${{ github.event.head_commit.message }}" && ./run deploy'
    )
    planted = tmp_path / ".github" / "workflows" / "deploy.yml"
    planted.parent.mkdir(parents=True)
    planted.write_text(text, encoding="utf-8")
    result = zizmor(planted)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout
    assert "template-injection" in result.stdout
