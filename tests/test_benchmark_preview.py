"""The preview benchmark times a real `mkdocs serve` with ./run preview's options, and cleans up."""

from __future__ import annotations

from benchmarks import preview
from devtools.site import ROOT


def test_preview_uses_the_options_of_run_preview():
    args = preview.preview_args()
    assert args, "run should define PREVIEW_ARGS"
    # ./run preview hands them to the real `mkdocs serve` behind its wrapper (preview/).
    assert 'exec "${PY[@]}" preview "${PREVIEW_ARGS[@]}"' in (ROOT / "run").read_text(
        encoding="utf-8"
    )


def test_a_save_is_timed_until_served_and_the_page_is_restored(project):
    source, _ = preview.pick_page(project.root)
    before = source.read_text(encoding="utf-8")
    result = preview.measure(project.root, "real site", saves=1, log=lambda _: None)
    assert len(result.saves) == 1 and 0 < result.saves[0] < 60
    assert result.pages == len(preview.source_map(project.root))
    assert source.read_text(encoding="utf-8") == before


def test_a_preview_that_cannot_build_fails_at_once(project):
    """A broken site must stop the benchmark at once, not leave it polling."""
    import pytest

    project.write("docs/broken.md", "---\ntitle: [unclosed\n---\n")
    with pytest.raises(AssertionError, match=r"mkdocs serve on port [0-9]+: the server stopped"):
        preview.measure(project.root, "broken", saves=1, log=lambda _: None)
