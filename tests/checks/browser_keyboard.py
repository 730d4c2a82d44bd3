"""Keyboard and search checks on one open page: the skip link, visible focus, offline search."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Focus must show: an outline or a ring (box-shadow) at least 2 px, in any state Material uses.
FOCUS_STYLE_JS = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden radio (Material's colour switch) shows its focus on the label after it.
  if (el.matches('input.md-option') && el.nextElementSibling) el = el.nextElementSibling;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {
    name: `<${el.tagName.toLowerCase()}> "${(el.innerText || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 40)}"`,
    visible: outline || ring,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""


def skip_link_problems(page, url: str) -> list[str]:
    """Tab once from a fresh load: the first stop is a visible skip link that moves to the content."""
    page.goto(url)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE_JS)
    if first is None or "skip" not in first["name"].lower():
        return [f"the first Tab stop is {first and first['name']}, not a 'Skip to content' link"]
    problems = []
    if not (first["visible"] and first["onScreen"]):
        problems.append("the skip link is not visible when it has focus")
    target = page.evaluate("document.querySelector('.md-skip').hash")
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=target)
    in_content = page.evaluate(
        """h => { const t = document.getElementById(h.slice(1));
                 return !!t && !!t.closest('.md-content') && t.getBoundingClientRect().top < innerHeight; }""",
        target,
    )
    if not in_content:
        problems.append(f"the skip link ({target}) does not bring the page content into view")
    return problems


def focus_problems(page, url: str, stops: int = 12) -> list[str]:
    """Tab through the first `stops` controls; each must show where the focus is."""
    page.goto(url)
    problems = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE_JS)
        if state and state["onScreen"] and not state["visible"]:
            problems.append(f"focus on {state['name']} is not visible (no outline or ring)")
    return problems


def search_results(page, url: str | None, word: str) -> list[str]:
    """Type `word` into Material's search box (on `url`, or the open page when None)."""
    if url is not None:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    if page.locator(".md-search__input").count() == 0:
        return []  # no search box at all (e.g. the search plugin was removed)
    if not page.locator(".md-search__input").evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # Material's shortcut; the same as clicking the search box
    # Typed key by key: Material searches on key presses, not on a pasted value.
    page.locator(".md-search__input").press_sequentially(word, delay=30)
    try:
        page.locator(".md-search-result__meta").filter(has_text="match").wait_for()
    except PlaywrightTimeout:
        return []
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
