"""Server-rendered SVG bar charts for the admin dashboard: no script, no CDN, no internet."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 26
LABEL_WIDTH = 330
BAR_WIDTH = 360


def bar_chart(rows: list[tuple[str, int | None]], *, title: str) -> SafeString:
    """Horizontal bars, one per (label, value); a value of None is drawn as "n.v.t."."""
    highest = max([value for _, value in rows if value] or [1])
    height = ROW * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="archief-chart"><title>{escape(title)}</title>'
    ]
    for position, (label, value) in enumerate(rows):
        y = position * ROW + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" font-size="12">{escape(label[:55])}</text>'
        )
        if value is None:
            parts.append(f'<text x="{LABEL_WIDTH}" y="{y + 16}" font-size="12" fill="#777">n.v.t.</text>')
            continue
        bar = round(BAR_WIDTH * value / highest) if value else 0
        colour = "#2e7d32" if value == 0 else "#c62828"
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{max(bar, 2)}" height="{ROW - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + max(bar, 2) + 6}" y="{y + 16}" font-size="12">{value}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
