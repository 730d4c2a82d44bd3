"""Material templates copied into overrides/ equal the installed Material version apart from
their marked (hc:) lines, so upgrading Material cannot be silently shadowed by an old copy."""

import shutil

from tests.checks.problems import assert_none, report
from tests.checks.theme_copies import OVERRIDES, material_templates, theme_copy_problems

COPIES = ["partials/nav-item.html", "partials/search.html"]


def test_copied_partials_equal_material_apart_from_marked_lines():
    text = {name: (OVERRIDES / name).read_text(encoding="utf-8") for name in COPIES}
    for name in COPIES:
        assert "Copied from Material for MkDocs" in text[name], f"{name} must declare the copy"
        assert "{#- hc:" in text[name], f"{name} must mark its change"
    assert_none(theme_copy_problems(), "copies of Material's templates")


def planted(tmp_path):
    """A copy of overrides/ and of Material's templates, to plant faults in either."""
    overrides, material = tmp_path / "overrides", tmp_path / "material"
    shutil.copytree(OVERRIDES, overrides)
    shutil.copytree(material_templates(), material)
    return overrides, material


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unmarked_change_in_a_copy_is_reported(tmp_path):
    overrides, material = planted(tmp_path)
    edit(overrides / "partials/search.html", 'role="search"', 'role="search" hidden')
    message = report(theme_copy_problems(overrides, material), "copies")
    assert (
        "overrides/partials/search.html: differs from Material's partials/search.html " in message
    )
    assert "without an hc: marker" in message and '+  <div class="md-search__inner" ' in message
    assert "Fix: copy Material's file again and re-apply each hc: change" in message


def test_material_upgrade_that_changes_the_copied_file_is_reported(tmp_path):
    overrides, material = planted(tmp_path)
    # A new Material release changes an unchanged line, and the line our copy changed.
    edit(material / "partials/nav-item.html", "md-nav__container", "md-nav__box")
    edit(material / "partials/search.html", 'role="dialog">', 'role="dialog" data-new>')
    message = report(theme_copy_problems(overrides, material), "copies")
    assert "overrides/partials/nav-item.html: differs from Material's" in message
    assert "overrides/partials/search.html: a marked line no longer contains Material's" in message
    assert 'role="dialog" data-new>' in message


def test_copy_that_does_not_say_it_is_one_is_reported(tmp_path):
    overrides, material = planted(tmp_path)
    edit(overrides / "partials/nav-item.html", "Copied from Material for MkDocs", "Taken from")
    message = report(theme_copy_problems(overrides, material), "copies")
    assert "overrides/partials/nav-item.html: repeats" in message
    assert "lines of Material's partials/nav-item.html but does not say it is a copy" in message
