"""The preview benchmark times a real `mkdocs serve` with ./run preview's options, and cleans up."""

from __future__ import annotations

from benchmarks import preview
from benchmarks.sitegen import generate
from devtools.site import ROOT


def test_preview_uses_the_options_of_run_preview():
    args = preview.preview_args()
    assert args, "run should define PREVIEW_ARGS"
    # ./run preview hands them to the real `mkdocs serve` behind its wrapper (preview/).
    assert '-m preview "${PREVIEW_ARGS[@]}"' in (ROOT / "run").read_text(encoding="utf-8")


def test_a_save_is_timed_until_served_and_the_page_is_restored(tmp_path):
    site = generate(tmp_path / "site", 10)
    source, _ = preview.pick_page(site.root)
    before = source.read_text(encoding="utf-8")
    result = preview.measure(site.root, "synthetic 10", saves=1, log=lambda _: None)
    assert len(result.saves) == 1 and 0 < result.saves[0] < 60
    assert result.pages == site.pages
    assert source.read_text(encoding="utf-8") == before


def test_a_preview_that_cannot_build_fails_at_once(tmp_path):
    """A broken site must stop the benchmark, not leave it polling for fifteen minutes."""
    import time

    import pytest

    site = generate(tmp_path / "site", 10)
    (site.root / "docs" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(AssertionError, match=r"mkdocs serve on port [0-9]+: the server stopped"):
        preview.measure(site.root, "broken", saves=1, log=lambda _: None)
    assert time.monotonic() - start < 60
