"""The audit trail helper records who did what, with the before and after."""

from __future__ import annotations

from common.audit import audittrail_for, audittrail_record
from common.auth import ClientAuth
from common.models import Applicatie

ZAAK = "http://localhost:8000/zaken/api/v1/zaken/0b5c3a2e-0000-4000-8000-000000000001"


def test_records_the_client_the_user_and_the_change(db):
    applicatie = Applicatie.objects.create(client_ids=["zaaksysteem"], label="Zaaksysteem")
    auth = ClientAuth(client_id="zaaksysteem", claims={"user_id": "jdv", "user_representation": "J. de Vries"})
    audittrail_record(
        bron="zrc",
        auth=auth,
        actie="create",
        resultaat=201,
        hoofd_object=ZAAK,
        resource="zaak",
        resource_url=ZAAK,
        resource_weergave="ZAAK-2026-0000000001",
        nieuw={"identificatie": "ZAAK-2026-0000000001"},
    )
    audittrail_record(
        bron="zrc",
        auth=auth,
        actie="partial_update",
        resultaat=200,
        hoofd_object=ZAAK,
        resource="zaak",
        resource_url=ZAAK,
        toelichting="Omschrijving verbeterd",
        oud={"omschrijving": "a"},
        nieuw={"omschrijving": "b"},
    )
    first, second = audittrail_for(ZAAK)
    assert first.applicatie_id == str(applicatie.uuid)
    assert first.applicatie_weergave == "Zaaksysteem"
    assert first.gebruikers_id == "jdv"
    assert first.gebruikers_weergave == "J. de Vries"
    assert first.actie_weergave == "Object aangemaakt"
    assert first.oud is None and first.nieuw == {"identificatie": "ZAAK-2026-0000000001"}
    assert second.actie == "partial_update"
    assert (second.oud, second.nieuw, second.toelichting) == (
        {"omschrijving": "a"},
        {"omschrijving": "b"},
        "Omschrijving verbeterd",
    )
    assert list(audittrail_for("http://localhost:8000/zaken/api/v1/zaken/other")) == []
