"""Issue 30: a page's templates format the facts; they cannot make work without end."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from macros.sandbox import PageSandbox
from sitecheck.rules.source.template_code import check_template_code

FACTS = {"clinic", "emergency_number"}


@pytest.mark.parametrize(
    ("template", "said"),
    [
        ("{{ clinic.name * 99999 }}", "multiplies by 99999"),
        ('{{ "x" * 3 }}', "repeats a text or a list"),
        ("{{ [1, 2] * 2 }}", "repeats a list"),
        ('{{ "%0300000000d" | format(1) }}', "with a wide width"),
        ('{{ "%*d" | format(9, 1) }}', "with a wide width"),
        ("{{ clinic.name | center(100000) }}", "'|center' with 100000"),
        ("{{ clinic.name | indent(width=5000) }}", "'|indent' with 5000"),
        ("{{ clinic.name | truncate(clinic.price.amount) }}", "not a number"),
        (
            "{% for a in clinic.name %}{% for b in clinic.name %}{% for c in clinic.name %}x"
            "{% endfor %}{% endfor %}{% endfor %}",
            "a loop inside 2 other loops",
        ),
        ("{% for a in clinic.not_for recursive %}{{ a }}{% endfor %}", "recursive"),
        ("{% set a = clinic.name %}{% set b = a ~ a %}{{ b }}", "built from another {% set %}"),
    ],
)
def test_unbounded_template_is_refused_with_its_line(template, said):
    text = "---\ntitle: T\n---\n\n# T\n\n" + template + "\n"
    (finding,) = check_template_code(text, "docs/x.md", FACTS)
    assert finding.line == 7
    assert said in finding.what and "Fix: " in str(finding)


@pytest.mark.parametrize(
    "template",
    [
        "{{ clinic.sessions.later_min * clinic.price.later_session }}",
        "{{ clinic.price.blood_tests + clinic.price.amount }}",
        "{% for rule in clinic.not_for %}{{ rule.ask }}{% endfor %}",
        "{% for item in clinic.price.includes -%}\n- {{ item }}\n{% endfor %}",
        "{{ clinic.price.amount * 2 }}",
        '{{ "%.2f" | format(clinic.price.amount) }}',
    ],
)
def test_the_sites_own_templates_stay_allowed(template):
    assert check_template_code(template, "docs/x.md", FACTS) == []


def test_the_sandbox_refuses_repeated_text_when_it_renders():
    box = PageSandbox()
    with pytest.raises(SecurityError):
        box.from_string("{{ s * n }}").render(s="ab", n=10**7)
    with pytest.raises(SecurityError):
        box.from_string("{{ 9 ** 9 }}").render()
    assert box.from_string("{{ a * b }}").render(a=2, b=250) == "500"
