"""The archive's admin pages in a real browser (headless Chromium): layout and the roles' walk."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from .. import services
from .factories import IndexZaakFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "correct-horse-battery"


def login(browser, base_url: str, user) -> None:
    browser.delete_all_cookies()
    browser.get(f"{base_url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(user.username)
    browser.find_element(By.NAME, "password").send_keys(WACHTWOORD)
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    browser.find_element(By.ID, "user-tools")


def person(username: str, group: str):
    user = UserFactory(username=username, groups=[group], is_staff=True)
    user.set_password(WACHTWOORD)
    user.save()
    return user


@pytest.mark.parametrize("breedte", [1400, 1920])
def test_the_review_panel_fits_the_window(browser, live_server, breedte):
    auteur, beoordelaar = person("recordmanager", "Recordmanager"), person("beoordelaar", "Beoordelaar")
    archivaris = person("archivaris", "Archivaris")
    lijst = services.vernietigingslijst_create(
        naam="Meldingen 2010",
        zaken=[IndexZaakFactory().url for _ in range(3)],
        auteur=auteur,
        beoordelaar=beoordelaar,
        archivaris=archivaris,
    )
    services.vernietigingslijst_indienen(lijst, gebruiker=auteur)
    browser.set_window_size(breedte, 1000)
    login(browser, live_server.url, beoordelaar)

    browser.get(f"{live_server.url}/admin/archief/vernietigingslijst/{lijst.pk}/change/")
    paneel = browser.find_element(By.CSS_SELECTOR, ".archief-transities")
    browser.execute_script("arguments[0].scrollIntoView()", paneel)
    browser.save_screenshot(f"var/screenshots/review-panel-{breedte}.png")

    venster = browser.execute_script("return document.documentElement.clientWidth")
    rechts = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return r.right;", paneel)
    assert rechts <= venster, (rechts, venster)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= venster
    uitleg = paneel.find_element(By.TAG_NAME, "p")
    # one line of text, not one word per line
    hoogte = browser.execute_script("return arguments[0].getBoundingClientRect().height", uitleg)
    regel = browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).lineHeight)", uitleg)
    assert hoogte < 3 * regel, (hoogte, regel)
    assert paneel.size["width"] > breedte / 2


LANGE_OMSCHRIJVING = "Aanvraag omgevingsvergunning voor het bouwen en het afwijken van het bestemmingsplan (uitgebreid)"


@pytest.mark.parametrize("breedte", [1400, 1920])
def test_every_chart_label_on_the_dashboard_is_whole_and_inside_its_chart(admin_browser, breedte):
    IndexZaakFactory(archiefnominatie="", archiefactiedatum=None, zaaktype_omschrijving=LANGE_OMSCHRIJVING)
    browser = admin_browser
    browser.set_window_size(breedte, 1000)

    browser.get(f"{browser.base_url}/admin/archief/indexzaak/dashboard/")
    browser.save_screenshot(f"var/screenshots/dashboard-{breedte}.png")

    labels = browser.execute_script(
        """
        return [...document.querySelectorAll('svg.archief-chart')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text.label')].map(text => {
                const r = text.getBoundingClientRect();
                return {text: [...text.querySelectorAll('tspan')].map(t => t.textContent).join(' '),
                        left: r.left - box.left, right: r.right - box.left, svgWidth: box.width,
                        windowRight: document.documentElement.clientWidth - r.right};
            });
        });
        """
    )
    assert labels, "no chart labels found"
    assert any(label["text"] == LANGE_OMSCHRIJVING for label in labels)
    assert any(label["text"].endswith("die nog niet overgebracht zijn") for label in labels)  # a norm's long title
    for label in labels:
        assert label["left"] >= 0 and label["right"] <= label["svgWidth"], label
        assert label["windowRight"] >= 0, label
