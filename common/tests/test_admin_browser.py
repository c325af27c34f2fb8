"""Managing API clients in the admin, in a real browser."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from common.auth import ClientAuth
from common.models import Applicatie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_an_applicatie_with_scoped_autorisaties(admin_browser):
    browser = admin_browser
    browser.get(f"{browser.base_url}/admin/common/applicatie/add/")
    browser.find_element(By.NAME, "label").send_keys("Zaaksysteem")
    browser.find_element(By.NAME, "client_ids").send_keys("zaaksysteem, zaaksysteem-test")
    browser.find_element(By.CSS_SELECTOR, "#autorisaties-group .add-row a").click()
    Select(browser.find_element(By.NAME, "autorisaties-0-component")).select_by_value("zrc")
    browser.find_element(By.NAME, "autorisaties-0-scopes").send_keys("zaken.lezen, zaken.aanmaken")
    browser.find_element(By.NAME, "autorisaties-0-zaaktype").send_keys(
        "http://localhost:8000/catalogi/api/v1/zaaktypen/8a1b2c3d-0000-4000-8000-000000000001"
    )
    Select(browser.find_element(By.NAME, "autorisaties-0-max_vertrouwelijkheidaanduiding")).select_by_value(
        "zaakvertrouwelijk"
    )
    browser.find_element(By.NAME, "_save").click()

    changelist = f"{browser.base_url}/admin/common/applicatie/"
    WebDriverWait(browser, 10).until(
        lambda driver: driver.current_url == changelist or driver.find_elements(By.CSS_SELECTOR, ".errorlist")
    )
    errors = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".errorlist")]
    assert browser.current_url == changelist, errors
    assert "Zaaksysteem" in browser.find_element(By.ID, "result_list").text
    applicatie = Applicatie.objects.get(label="Zaaksysteem")
    assert applicatie.client_ids == ["zaaksysteem", "zaaksysteem-test"]
    autorisatie = applicatie.autorisaties.get()
    assert autorisatie.scopes == ["zaken.lezen", "zaken.aanmaken"]
    auth = ClientAuth(client_id="zaaksysteem-test")
    zaaktype = autorisatie.zaaktype
    assert auth.may_see("zrc", {"zaken.lezen"}, "zaaktype", zaaktype, "intern")
    assert not auth.may_see("zrc", {"zaken.lezen"}, "zaaktype", zaaktype, "geheim")


def test_admin_refuses_a_client_id_that_is_taken(admin_browser):
    Applicatie.objects.create(client_ids=["bezet"], label="Eerste")
    browser = admin_browser
    browser.get(f"{browser.base_url}/admin/common/applicatie/add/")
    browser.find_element(By.NAME, "label").send_keys("Tweede")
    browser.find_element(By.NAME, "client_ids").send_keys("bezet")
    browser.find_element(By.NAME, "_save").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".errorlist"))
    error = browser.find_element(By.CSS_SELECTOR, ".errorlist").text
    assert "bezet" in error
    assert not Applicatie.objects.filter(label="Tweede").exists()


def test_the_admin_pages_break_no_rule_of_their_content_security_policy(admin_browser):
    """Chromium enforces the policy and reports every blocked script or style: none may be."""
    browser = admin_browser
    browser.get_log("browser")  # what the sign-in logged
    for path in (
        "/admin/",
        "/admin/common/applicatie/add/",
        "/admin/archief/indexzaak/",
        "/admin/archief/vernietigingslijst/add/",
        "/admin/openbaarmaking/publicatie/grafiek/",
        "/admin/overbrenging/overbrengingsafspraak/add/",
    ):
        browser.get(f"{browser.base_url}{path}")
        assert browser.find_elements(By.ID, "user-tools"), path
        blocked = [
            entry["message"] for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]
        ]
        assert blocked == [], (path, blocked)

    # The check can see a violation: an inline style set on the page is refused and reported.
    browser.execute_script("document.body.setAttribute('style', 'color: red')")
    assert any("Content Security Policy" in entry["message"] for entry in browser.get_log("browser"))
