"""Server-rendered SVG bar charts for the admin dashboard: no script, no CDN, no internet."""

from __future__ import annotations

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 26
LINE = 15
LABEL_WIDTH = 330
BAR_WIDTH = 360
# What fits in LABEL_WIDTH at font-size 12 even in a wide font (about 6.5 px a character):
# a longer label wraps onto more lines, and a word longer than a line is broken, never cut off.
LABEL_CHARS = 46


def label_lines(label: str) -> list[str]:
    """The label in lines that fit beside the bar; together they are the whole label."""
    return textwrap.wrap(label, LABEL_CHARS, break_long_words=True, break_on_hyphens=False) or [""]


def bar_chart(rows: list[tuple[str, int | None]], *, title: str) -> SafeString:
    """Horizontal bars, one per (label, value); a value of None is drawn as "n.v.t."."""
    highest = max([value for _, value in rows if value] or [1])
    width = LABEL_WIDTH + BAR_WIDTH + 60
    body = []
    y = 5
    for label, value in rows:
        lines = label_lines(label)
        height = max(ROW, LINE * len(lines) + 11)
        middle = y + height / 2
        first = middle + 4 - LINE * (len(lines) - 1) / 2
        tspans = "".join(
            f'<tspan x="{LABEL_WIDTH - 8}" y="{first + LINE * i:g}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        body.append(f'<text text-anchor="end" font-size="12" class="label">{tspans}</text>')
        if value is None:
            body.append(f'<text x="{LABEL_WIDTH}" y="{middle + 4:g}" font-size="12" fill="#777">n.v.t.</text>')
        else:
            bar = max(round(BAR_WIDTH * value / highest) if value else 0, 2)
            colour = "#2e7d32" if value == 0 else "#c62828"
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{middle - (ROW - 8) / 2:g}" width="{bar}" height="{ROW - 8}" '
                f'fill="{colour}"/>'
            )
            body.append(f'<text x="{LABEL_WIDTH + bar + 6}" y="{middle + 4:g}" font-size="12">{value}</text>')
        y += height
    height = y + 5
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height:g}" '
        f'viewBox="0 0 {width} {height:g}" class="archief-chart"><title>{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")
