"""The publication officer's chart in a real browser (headless Chromium): every label whole."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from openbaarmaking.models import Informatiecategorie, PublicatieStatus

from .factories import PublicatieFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("breedte", [1400, 1920])
def test_every_category_label_of_the_chart_is_whole(admin_browser, breedte):
    moment = dt.datetime(2026, 10, 15, 12, tzinfo=dt.UTC)
    categorieen = list(Informatiecategorie.objects.order_by("nummer"))
    assert len(categorieen) >= 17
    for categorie in categorieen:
        PublicatieFactory(
            status=PublicatieStatus.gepubliceerd, datum_gepubliceerd=moment, informatiecategorieen=[categorie]
        )
    browser = admin_browser
    browser.set_window_size(breedte, 1000)

    browser.get(f"{browser.base_url}/admin/openbaarmaking/publicatie/grafiek/")
    browser.save_screenshot(f"var/screenshots/woo-grafiek-{breedte}.png")

    cellen = browser.find_elements(By.CSS_SELECTOR, "table.woo-grafiek td.categorie")
    assert [cel.text for cel in cellen] == [f"{c.nummer:03d} {c.naam}" for c in categorieen]
    for cel in cellen:
        maat = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return {scroll: arguments[0].scrollWidth, client: arguments[0].clientWidth, right: r.right,"
            " window: document.documentElement.clientWidth};",
            cel,
        )
        assert maat["scroll"] <= maat["client"] and maat["right"] <= maat["window"], (cel.text, maat)
