"""What a phone shows of the diagrams: label sizes, labels inside the picture, layout shift,
black-and-white print. Each function returns plain-language problems (empty when all is well).
"""

from __future__ import annotations

MIN_LABEL_PX = 16

# Each label's rendered size (font size times the picture's scale) and whether it fits the
# picture: a wider system font must not push a label off the edge.
LABELS_JS = """(minPx) => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.hc-diagram')) {
    const svg = fig.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      const label = t.textContent.trim();
      if (px < minPx - 0.01) out.push(`“${label}” is ${px.toFixed(1)} px, under ${minPx} px`);
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        out.push(`“${label}” runs past the edge of the picture (${Math.round(r.left)} to ${Math.round(r.right)} px, picture ${Math.round(box.left)} to ${Math.round(box.right)} px)`);
      }
    }
  }
  return out;
}"""

# Cumulative layout shift so far (entries are buffered by the browser from the first paint).
SHIFT_JS = """() => {
  let total = 0;
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: 'layout-shift', buffered: true});
  for (const entry of observer.takeRecords()) if (!entry.hadRecentInput) total += entry.value;
  observer.disconnect();
  return total;
}"""

# On paper every line, label and fill of a diagram is black, white or grey.
PRINT_JS = """() => {
  const grey = c => c === 'none' || /^rgba?\\((\\d+), \\1, \\1(, [\\d.]+)?\\)$/.test(c);
  const out = [];
  for (const fig of document.querySelectorAll('figure.hc-diagram')) {
    const name = fig.className.split('--')[1];
    if (getComputedStyle(fig).color !== 'rgb(0, 0, 0)') out.push(`${name}: text is ${getComputedStyle(fig).color}, not black`);
    // Groups paint nothing themselves; the shapes and text inside them are checked.
    for (const el of fig.querySelectorAll('svg :is(rect, circle, ellipse, path, line, polyline, polygon, text, tspan)')) {
      const style = getComputedStyle(el);
      for (const [what, value] of [['fill', style.fill], ['stroke', style.stroke]]) {
        if (!grey(value)) out.push(`${name}: <${el.tagName} class="${el.getAttribute('class') || ''}"> ${what} ${value} is a colour`);
      }
    }
  }
  return out;
}"""


def label_problems(page) -> list[str]:
    return page.evaluate(LABELS_JS, MIN_LABEL_PX)


def layout_shift(page) -> float:
    return page.evaluate(SHIFT_JS)


def print_colour_problems(page) -> list[str]:
    page.emulate_media(media="print")
    try:
        return page.evaluate(PRINT_JS)
    finally:
        page.emulate_media(media="screen")


def after_next_frames(page) -> None:
    """Wait until the browser has painted twice: a state, not a time."""
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))"
    )
