"""`./run deploy` refuses to publish the example clinic details, naming each setting to change;
previews, `./run build` and the tests keep working with them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from devtools.site import ROOT
from sitecheck.rules.facts.deploy_gate import example_settings
from sitecheck.rules.source import medical_review

REAL = {
    "site_author: Example Hair Clinic": "site_author: Riverside Hair Clinic",
    "site_url: https://patients.hair-clinic.example/": "site_url: https://patients.riverside-hair.co.uk/",
    "repo_url: https://github.com/example-hair-clinic/patient-site": "repo_url: https://github.com/riverside-hair/patient-site",
    "copyright: Example Hair Clinic": "copyright: Riverside Hair Clinic",
    "name: Example Hair Clinic": "name: Riverside Hair Clinic",
    'phone: "+1 555-0134"': 'phone: "+44 20 7946 1234"',
    'phone_link: "+15550134"': 'phone_link: "+442079461234"',
    "email: appointments@hair-clinic.example": "email: appointments@riverside-hair.co.uk",
    "address: 12 Example Street, Springfield": "address: 4 Mill Lane, Riverside",
    "booking_url: https://book.hair-clinic.example/consultation": "booking_url: https://riverside-hair.co.uk/book",
}

# The facts only the clinic can give are placeholders until it confirms them.
PLACEHOLDER = re.compile(r'"[^"\n]*TO BE CONFIRMED BY THE CLINIC[^"\n]*"')
PLACEHOLDERS = (
    "price.prp_course",
    "price.micrograft_session",
    "sessions.later_first_year",
    "sessions.later_what",
    "sessions.after_first_year",
    "product",
    "legal_basis",
    "legal_number",
    "preparation",
    "injector",
    "complaints_contact",
    "medical_board",
    "refunds",
    "methods_offered.fat",
    "methods_offered.prp",
    "methods_offered.micrografts",
    # Content round three (issue 26).
    "price.also_covers",
    "price.consultation",
    "price.blood_tests",
    "price.later_session",
    "sessions.second_what",
    "sessions.interval",
    "sessions.later_min",
    "sessions.later_max",
    "micrograft_plan",
    "result_measure",
    "injection_site",
    "pain_relief",
    "preparation_steps",
    "min_age",
    "out_of_hours",
    "reviewer",
    "device_ties",
)
# Clinic facts kept as snippets (a new clinic.yml key needs a schema entry in sitecheck/), with
# the answer the clinic's editor types in.
SNIPPET_PLACEHOLDERS = {
    "docs/snippets/interpreter.md": "Tenemos intérpretes por teléfono.",
    "docs/snippets/visit-length.md": "About 3 to 4 hours.",
}
# The answer each placeholder gets in confirmed(), by the type its fact needs (facts.yml).
NUMBERS = {
    "prp_course": "900",
    "micrograft_session": "900",
    "consultation": "150",
    "blood_tests": "90",
    "later_session": "1800",
    "later_min": "2",
    "later_max": "4",
    "min_age": "18",
    "interval": '"6 to 8 weeks"',  # a number and its unit (facts.yml)
    # A number to call, and a way to reach the person (facts.yml)
    "out_of_hours": '"call our on-call doctor on +44 20 7946 1299"',
    "complaints_contact": '"our practice manager, at complaints@riverside-hair.co.uk or +44 20 7946 1234"',
}


def confirmed(text: str) -> str:
    """mkdocs.yml or clinic.yml with every example value and placeholder replaced by a real answer."""
    for old, new in REAL.items():
        text = text.replace(old, new)
    lines = []
    for line in text.split("\n"):  # each answer of the type its fact needs (facts.yml)
        key = line.strip().split(":", 1)[0]
        answer = NUMBERS.get(key, '"Confirmed by us."')
        answer = "true" if key in ("fat", "prp", "micrografts") else answer
        lines.append(PLACEHOLDER.sub(answer, line))
    return "\n".join(lines)


def runnable(project):
    """The copy gets the ./run script and the real .venv, so the README command runs as is."""
    shutil.copy2(ROOT / "run", project.path("run"))
    shutil.copy2(ROOT / "requirements.lock", project.path("requirements.lock"))
    project.path(".venv").symlink_to(ROOT / ".venv")


def run(project, *args):
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    return subprocess.run(
        ["./run", *args], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )


def test_deploy_refuses_example_values_naming_each_setting(project):
    runnable(project)
    result = run(project, "deploy")
    assert result.returncode != 0
    out = result.stderr
    assert (
        f"Not publishing: {10 + len(PLACEHOLDERS) + len(SNIPPET_PLACEHOLDERS)} setting(s) in "
        "mkdocs.yml and clinic.yml still "
        "hold example "
        "values or placeholders." in out
    )
    for expected in (
        "site_url is the example address https://patients.hair-clinic.example/; set the clinic's real web address",
        "repo_url is the example address https://github.com/example-hair-clinic/patient-site",
        "clinic.phone is the example number +1 555-0134; set the clinic's real number.",
        "clinic.phone_link is the example number +15550134",
        "clinic.email is the example address appointments@hair-clinic.example; set the clinic's real e-mail address.",
        "clinic.booking_url is the example address https://book.hair-clinic.example/consultation",
        "clinic.name is the example value 'Example Hair Clinic'",
        "clinic.address is the example value '12 Example Street, Springfield'",
    ):
        assert expected in out, out
    site_url = next(
        n
        for n, line in enumerate((ROOT / "mkdocs.yml").read_text().splitlines(), 1)
        if line.startswith("site_url:")
    )
    assert f"mkdocs.yml:{site_url}: site_url" in out  # the line to open
    assert re.search(r"clinic\.yml:\d+: clinic\.phone is the example number", out), out
    for snippet in SNIPPET_PLACEHOLDERS:
        assert f"{snippet}:1: a placeholder is typed into the page" in out, out
    assert not project.path("site").exists(), "a refused deploy must not leave a site to upload"


def test_build_and_preview_config_are_not_blocked_by_example_values(project):
    runnable(project)
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert project.path("site/index.html").is_file()


def test_deploy_builds_once_the_values_are_real(project):
    runnable(project)
    # The clinic's editors fill in clinic.yml; the site's address is a developer's change to
    # mkdocs.yml, committed with its allow-list.
    for name in ("mkdocs.yml", "clinic.yml"):
        project.write(name, confirmed(project.path(name).read_text(encoding="utf-8")))
    for name, answer in SNIPPET_PLACEHOLDERS.items():
        project.write(name, answer + "\n")
    # Until the medical reviewer signs off the filled-in advice (pain relief, the injector),
    # deploy refuses it; then it publishes.
    refused = run(project, "deploy")
    assert refused.returncode != 0
    assert "clinic.yml:102: this medical sentence is not reviewed yet: “pain_relief:" in (
        refused.stdout + refused.stderr
    )
    medical_review.sign(project.root, ["clinic.yml"])
    project.accept_config()
    result = run(project, "deploy")
    assert result.returncode == 0, result.stderr
    assert "ready to publish" in result.stdout
    assert project.path("deploy/_headers").is_file()
    conf = project.path("deploy/_nginx.conf").read_text(encoding="utf-8")
    assert "server_name patients.riverside-hair.co.uk;" in conf


def test_one_example_value_left_gives_exactly_one_message():
    text = confirmed((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    text = text.replace(REAL['phone: "+1 555-0134"'], 'phone: "+1 555-0134"')
    messages = example_settings(text, "clinic.yml")
    assert len(messages) == 1, messages
    assert "clinic.phone is the example number +1 555-0134" in messages[0]


def test_real_numbers_that_contain_555_are_not_mistaken_for_examples():
    assert example_settings('extra:\n  clinic:\n    phone: "+1 212 555 0234"\n') == []
    assert example_settings('extra:\n  clinic:\n    phone: "+44 20 5550 1999"\n') == []


def test_each_clinic_placeholder_is_refused_with_its_line(project):
    runnable(project)
    result = run(project, "deploy")
    assert result.returncode != 0
    lines = (ROOT / "clinic.yml").read_text(encoding="utf-8").splitlines()
    for name in PLACEHOLDERS:
        key = name.rpartition(".")[2]
        line = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:"))
        expected = re.compile(
            rf"clinic\.yml:{line}: clinic\.{re.escape(name)} is still a placeholder: "
            r"'[^'\n]*TO BE CONFIRMED BY THE CLINIC"
        )
        assert expected.search(result.stderr), result.stderr
    assert "Write the clinic's real answer in its place." in result.stderr


def test_one_placeholder_left_is_named_alone():
    text = confirmed((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    text = text.replace(
        '  legal_number: "Confirmed by us."', '  legal_number: "To be confirmed by the clinic"'
    )
    messages = example_settings(text)
    assert len(messages) == 1, messages
    assert (
        "clinic.legal_number is still a placeholder: 'To be confirmed by the clinic'"
        in (messages[0])
    )
