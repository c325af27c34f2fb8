"""A piece of the life of a record walked through the admin in a real browser (headless
Chromium), as the four roles of the destruction workflow and a publication officer would,
with a screenshot of every step in var/screenshots/ (for people to look at; the assertions
are what the test checks).

The record manager puts zaken from the archive index on a new vernietigingslijst (a bulk
action) and submits it; the reviewer and co-reviewer approve; the record manager hands it
to the archivist, who approves it and shortens its waiting period with a reason. The
publication officer adds a publication rule, picking its informatieobjecttype from the
Catalogi API's list, and opens the chart.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

from archief.models import Vernietigingslijst, VernietigingslijstStatus
from archief.tests.factories import IndexZaakFactory
from common.clients import APIClient
from openbaarmaking.models import Publicatieregel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


WACHTWOORD = "correct-horse-battery"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


class Wandeling:
    """The browser, signing in as one person after another and photographing each step."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser, self.base_url, self.stap = browser, base_url, 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def als(self, user: User) -> None:
        self.browser.delete_all_cookies()
        self.browser.get(f"{self.base_url}/admin/login/")
        self.browser.find_element(By.NAME, "username").send_keys(user.username)
        self.browser.find_element(By.NAME, "password").send_keys(WACHTWOORD)
        self.browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
        WebDriverWait(self.browser, 10).until(lambda driver: driver.find_elements(By.ID, "user-tools"))

    def open(self, path: str) -> None:
        self.browser.get(f"{self.base_url}{path}")

    def foto(self, wie: str, wat: str) -> Path:
        """A screenshot of the step; the page broke no rule of its Content-Security-Policy."""
        self.stap += 1
        pad = SCREENSHOTS / f"levensloop-{self.stap:02d}-{wie}-{wat}.png"
        self.browser.save_screenshot(str(pad))
        blocked = [e["message"] for e in self.browser.get_log("browser") if "Content Security Policy" in e["message"]]
        assert blocked == [], (wie, wat, blocked)
        return pad

    def klik(self, name: str) -> None:
        """Click and wait for the answer's page: the old page must be gone first (right after
        the click the old page still says it is complete)."""
        oud = self.browser.find_element(By.TAG_NAME, "html")
        self.browser.find_element(By.NAME, name).click()
        WebDriverWait(self.browser, 20).until(staleness_of(oud))
        WebDriverWait(self.browser, 20).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete"
        )

    def melding(self) -> str:
        return " ".join(e.text for e in self.browser.find_elements(By.CSS_SELECTOR, "ul.messagelist li"))


def mens(username: str, groep: str) -> User:
    user = User.objects.create_user(username, password=WACHTWOORD, is_staff=True)
    user.groups.add(Group.objects.get(name=groep))
    return user


@pytest.fixture
def informatieobjecttype(db) -> str:
    with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen", {"domein": "WALK", "rsin": "002220647", "contactpersoonBeheerNaam": "Wim"}
        )
        return catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Raadsbesluit",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Besluit",
                "beginGeldigheid": "2020-01-01",
            },
        )["url"]


def test_a_list_is_made_from_the_index_reviewed_and_approved_and_a_rule_is_picked(
    browser, live_server, settings, informatieobjecttype
):
    settings.ARCHIEF_WACHTTIJD_WIJZIGERS = ["groep:Archivaris"]
    recordmanager, beoordelaar = mens("recordmanager", "Recordmanager"), mens("beoordelaar", "Beoordelaar")
    medebeoordelaar, archivaris = mens("medebeoordelaar", "Medebeoordelaar"), mens("archivaris", "Archivaris")
    woo = mens("publicatiemedewerker", "Publicatiemedewerker")
    zaken = [IndexZaakFactory(identificatie=f"MOR-2010-{n}") for n in (1, 2, 3)]
    IndexZaakFactory(identificatie="NOG-NIET", archiefactiedatum=timezone.localdate().replace(year=2099))
    browser.set_window_size(1400, 1000)
    walk = Wandeling(browser, live_server.url)

    # the record manager: the destroyable zaken of the index onto a new list
    walk.als(recordmanager)
    walk.open("/admin/archief/indexzaak/?vernietigbaar=ja")
    rijen = browser.find_elements(By.CSS_SELECTOR, "#result_list tbody tr")
    assert sorted(r.find_element(By.CSS_SELECTOR, "th").text for r in rijen) == [z.identificatie for z in zaken]
    browser.find_element(By.ID, "action-toggle").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("op_nieuwe_lijst")
    walk.foto("recordmanager", "index-selectie")
    walk.klik("index")
    browser.find_element(By.NAME, "naam").send_keys("Meldingen openbare ruimte 2010")
    Select(browser.find_element(By.NAME, "beoordelaar")).select_by_visible_text("beoordelaar")
    Select(browser.find_element(By.NAME, "medebeoordelaars")).select_by_visible_text("medebeoordelaar")
    Select(browser.find_element(By.NAME, "archivaris")).select_by_visible_text("archivaris")
    walk.foto("recordmanager", "nieuwe-lijst")
    walk.klik("uitvoeren")
    lijst = Vernietigingslijst.objects.get()
    assert browser.current_url.endswith(f"/admin/archief/vernietigingslijst/{lijst.pk}/change/")
    assert sorted(lijst.items.values_list("identificatie", flat=True)) == [z.identificatie for z in zaken]
    walk.klik("transitie-indienen")
    walk.foto("recordmanager", "ingediend")
    assert "gelukt" in walk.melding()

    change = f"/admin/archief/vernietigingslijst/{lijst.pk}/change/"
    for persoon, naam in ((beoordelaar, "beoordelaar"), (medebeoordelaar, "medebeoordelaar")):
        walk.als(persoon)
        walk.open(change)
        aangeboden = {e.get_attribute("name") for e in browser.find_elements(By.CSS_SELECTOR, "[name^=transitie-]")}
        assert aangeboden == {"transitie-goedkeuren", "transitie-afkeuren"}
        walk.foto(naam, "beoordelen")
        walk.klik("transitie-goedkeuren")
        assert "gelukt" in walk.melding()
    lijst.refresh_from_db()
    assert lijst.status == VernietigingslijstStatus.beoordeeld

    walk.als(recordmanager)
    walk.open(change)
    walk.klik("transitie-aanbieden")
    walk.foto("recordmanager", "aangeboden")

    walk.als(archivaris)
    walk.open(change)
    aangeboden = {e.get_attribute("name") for e in browser.find_elements(By.CSS_SELECTOR, "[name^=transitie-]")}
    assert aangeboden == {"transitie-vaststellen", "transitie-terugsturen"}
    walk.klik("transitie-vaststellen")
    walk.foto("archivaris", "vastgesteld")
    lijst.refresh_from_db()
    assert lijst.status == VernietigingslijstStatus.klaar_voor_vernietiging
    # the field takes whole minutes; five ahead, so the period has not run out when the list
    # page is read (one minute ahead raced a slow machine)
    nu = (timezone.localtime() + dt.timedelta(minutes=5)).replace(second=0, microsecond=0)
    veld = browser.find_element(By.NAME, "vernietigen_vanaf")
    browser.execute_script("arguments[0].value = arguments[1]", veld, f"{nu:%Y-%m-%dT%H:%M}")
    browser.find_element(By.NAME, "reden").send_keys("Afgestemd met de afdeling; geen bezwaar")
    walk.klik("wachttijd")
    walk.foto("archivaris", "wachttijd-ingekort")
    assert "De wachttijd loopt nu" in walk.melding()
    wijziging = lijst.wachttijdwijzigingen.get()
    assert (wijziging.gebruiker, wijziging.reden) == (archivaris, "Afgestemd met de afdeling; geen bezwaar")
    assert "Afgestemd met de afdeling; geen bezwaar" in browser.find_element(By.ID, "wachttijdwijzigingen-group").text
    walk.open("/admin/archief/vernietigingslijst/")
    assert f"tot {nu:%d-%m-%Y %H:%M} (nog " in browser.find_element(By.ID, "result_list").text
    walk.foto("archivaris", "lijsten")

    # the publication officer: a rule whose informatieobjecttype is picked from the list
    walk.als(woo)
    walk.open("/admin/openbaarmaking/publicatieregel/add/")
    Select(browser.find_element(By.NAME, "informatieobjecttype")).select_by_value(informatieobjecttype)
    Select(browser.find_element(By.NAME, "informatiecategorie")).select_by_index(16)
    walk.foto("publicatiemedewerker", "publicatieregel")
    walk.klik("_save")
    assert Publicatieregel.objects.get().informatieobjecttype == informatieobjecttype
    walk.open("/admin/openbaarmaking/publicatie/grafiek/")
    walk.foto("publicatiemedewerker", "grafiek")
    assert browser.find_elements(By.ID, "user-tools")

    assert len(list(SCREENSHOTS.glob("levensloop-*.png"))) >= walk.stap
