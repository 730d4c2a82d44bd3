"""Print results as Markdown tables: readable in a terminal and pasteable into the README."""

from __future__ import annotations


def markdown_table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(head, *rows, strict=False)]

    def line(cells: list[str]) -> str:
        return (
            "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False)) + " |"
        )

    return [line(head), "| " + " | ".join("-" * w for w in widths) + " |", *map(line, rows)]
