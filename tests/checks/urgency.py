"""Urgency cards (!!! soon / urgent / emergency) keep WCAG AA contrast in light, dark and print.

Measured in Chromium on the rendered card: the title text against the title's background (4.5:1),
and the coloured edge and the icon against the card (3:1, WCAG 1.4.11 for graphics). Colours
with transparency are blended over what lies beneath, as the eye sees them.
"""

from __future__ import annotations

import re

from devtools.chromium import new_context
from sitecheck.core.finding import Finding
from tests.checks.problems import at

LEVELS = ("soon", "urgent", "emergency")

MEASURE = """() => [...document.querySelectorAll('.admonition.soon, .admonition.urgent, .admonition.emergency')]
  .map(card => {
    const title = card.querySelector('.admonition-title');
    let under = card, bg = 'rgba(0, 0, 0, 0)';
    while (under && /rgba\\(0, 0, 0, 0\\)|transparent/.test(getComputedStyle(under).backgroundColor)) {
      under = under.parentElement;
    }
    bg = under ? getComputedStyle(under).backgroundColor : 'rgb(255, 255, 255)';
    return {
      level: [...card.classList].find(c => ['soon', 'urgent', 'emergency'].includes(c)),
      title: title.textContent.trim(),
      page: bg,
      card: getComputedStyle(card).backgroundColor,
      edge: getComputedStyle(card).borderLeftColor,
      titleBg: getComputedStyle(title).backgroundColor,
      text: getComputedStyle(title).color,
      icon: getComputedStyle(title, '::before').backgroundColor,
    };
  })"""


def rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if css.startswith("color("):  # color(srgb r g b / a), channels 0..1
        r, g, b, *a = numbers
        return r * 255, g * 255, b * 255, (a[0] if a else 1.0)
    r, g, b, *a = numbers
    return r, g, b, (a[0] if a else 1.0)


def over(top: str | tuple, bottom: tuple) -> tuple:
    r, g, b, a = rgba(top) if isinstance(top, str) else top
    return (*(a * c + (1 - a) * d for c, d in zip((r, g, b), bottom[:3], strict=True)), 1.0)


def luminance(color: tuple) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple, b: tuple) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def card_problems(cards: list[dict], where: str) -> list[Finding]:
    problems = []
    for card in cards:
        page = over(card["page"], (255, 255, 255, 1.0))
        body = over(card["card"], page)
        title_bg = over(card["titleBg"], body)
        name = f"{where}: the '{card['level']}' card \"{card['title']}\""
        for part, color, against, need in (
            ("title text", card["text"], title_bg, 4.5),
            ("coloured edge", card["edge"], body, 3.0),
            ("icon", card["icon"], title_bg, 3.0),
        ):
            ratio = contrast(over(color, against), against)
            if ratio < need:
                problems.append(
                    at(
                        name,
                        f"its {part} has a contrast of {ratio:.2f}:1; at least {need}:1 is needed",
                        f"darken (light scheme) or lighten (dark scheme) --hc-{card['level']} in "
                        "overrides/assets/stylesheets/theme.css",
                    )
                )
    return problems


def measure(browser, url: str, scheme: str, media: str = "screen") -> list[dict]:
    context = new_context(browser, color_scheme=scheme)
    try:
        page = context.new_page()
        page.emulate_media(media=media, color_scheme=scheme)
        page.goto(url)
        page.wait_for_selector(".md-content article", state="attached")
        return page.evaluate(MEASURE)
    finally:
        context.close()
