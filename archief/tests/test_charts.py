"""The dashboard's bar charts: every label whole, wrapped beside its bar, never cut off."""

from __future__ import annotations

import re

from ..charts import LABEL_CHARS, bar_chart

LANG = "Blijvend te bewaren zaken ouder dan 20 jaar die nog niet overgebracht zijn"
WOORD = "Omgevingsvergunningverleningsprocedurebeschikkingsvoorbereidingstraject"


def labels(svg: str) -> list[str]:
    return [
        " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
        for text in re.findall(r'<text text-anchor="end"[^>]*class="label">(.*?)</text>', svg)
    ]


def test_a_long_label_is_wrapped_whole():
    svg = bar_chart([(LANG, 3), ("Kort", 0), ("Geen", None)], title="Alle normen")

    assert labels(svg) == [LANG, "Kort", "Geen"]
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert len(lines) == 4 and all(len(line) <= LABEL_CHARS for line in lines)


def test_a_word_longer_than_a_line_is_broken_not_dropped():
    svg = bar_chart([(WOORD, 1)], title="t")

    assert labels(svg)[0].replace(" ", "") == WOORD


def test_the_chart_grows_with_its_wrapped_labels():
    kort = bar_chart([("a", 1), ("b", 2)], title="t")
    lang = bar_chart([(LANG, 1), (LANG + " " + LANG, 2)], title="t")

    def height(svg: str) -> float:
        return float(re.search(r'height="([\d.]+)"', svg).group(1))

    assert height(lang) > height(kort)
