"""Writes that cross from one component to another: after the commit, and consistent on both
sides whatever the provider does in the middle (issue 13).

The Zaken and Besluiten APIs mirror each zaakinformatieobject and besluitinformatieobject as an
objectinformatieobject in the Documenten API, and remove the mirror with the relation (also when
a besluit or zaak goes). Each such write is tried here with the Documenten API answering, down
(nothing listens: a connection error), failing before it stores (500) and failing after it
stored (500 once its own transaction committed). Afterwards the two sides agree: a relation on
one side exactly when its mirror is on the other. The provider runs in-process on its own
thread and connection (common/clients.py), as it would in another deployment: it sees only what
the caller committed, so a mirror made inside the caller's transaction would be refused.
"""

from __future__ import annotations

import base64

import httpx
import pytest
from django.conf import settings
from django.db import transaction

from common.clients import APIClient, InProcessTransport
from common.models import AuditTrail
from common.services import api_client_create_or_update
from documenten.api.views import ObjectInformatieObjectViewSet
from zaken.models import BesluitInformatieObject, SpiegelVerwijdering, ZaakInformatieObject
from zaken.zaak_services import spiegels_verwijderen

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENTEN = settings.DOCUMENTEN_API_ROOT


@pytest.fixture
def apis(documenten_storage):
    api_client_create_or_update(
        client_id=settings.API_CLIENT_ID, secret=settings.API_CLIENT_SECRET, alle_autorisaties=True
    )
    clients = {
        name: APIClient(getattr(settings, f"{name.upper()}_API_ROOT"))
        for name in ("catalogi", "zaken", "besluiten", "documenten")
    }
    yield clients
    for client in clients.values():
        client.close()


@pytest.fixture
def wereld(apis):
    return wereld_maken(apis)


def wereld_maken(apis: dict) -> dict:
    """A published zaaktype and besluittype that take a published informatieobjecttype, a
    zaak, a besluit and a document, made through the APIs of `apis` (clients by API name)."""
    catalogi = apis["catalogi"]
    catalogus = catalogi.create(
        "catalogussen", {"domein": "SPGL", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada Archivaris"}
    )
    iotype = catalogi.create(
        "informatieobjecttypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Brief",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "Brief",
            "beginGeldigheid": "2020-01-01",
        },
    )
    assert catalogi.request("POST", iotype["url"] + "/publish").status_code == 200
    besluittype = catalogi.create(
        "besluittypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Vergunning",
            "publicatieIndicatie": False,
            "informatieobjecttypen": ["Brief"],
            "beginGeldigheid": "2020-01-01",
        },
    )
    assert catalogi.request("POST", besluittype["url"] + "/publish").status_code == 200
    zaaktype = catalogi.create(
        "zaaktypen",
        {
            "identificatie": "SPIEGEL",
            "omschrijving": "Zaak met documenten",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Documenten bij een zaak.",
            "aanleiding": "Een aanvraag.",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "aanvragen",
            "onderwerp": "Aanvraag",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P10D",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": ["https://pdc.example.nl/producten/aanvraag"],
            "selectielijstProcestype": f"{settings.SELECTIELIJST_API_ROOT}procestypen/"
            "388645ae-bb7f-4b2b-ba70-94b70f713d45",
            "referentieproces": {"naam": "Aanvraag behandelen"},
            "verantwoordelijke": "Team Documenten",
            "catalogus": catalogus["url"],
            "besluittypen": [besluittype["url"]],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2020-01-01",
            "versiedatum": "2020-01-01",
        },
    )
    catalogi.create(
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype["url"], "informatieobjecttype": iotype["url"], "volgnummer": 1, "richting": "inkomend"},
    )
    catalogi.create("statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen", "volgnummer": 1})
    assert catalogi.request("POST", zaaktype["url"] + "/publish").status_code == 200
    zaak = apis["zaken"].create(
        "zaken",
        {
            "zaaktype": zaaktype["url"],
            "bronorganisatie": "002220647",
            "verantwoordelijkeOrganisatie": "002220647",
            "startdatum": "2024-05-01",
        },
    )
    besluit = apis["besluiten"].create(
        "besluiten",
        {
            "besluittype": besluittype["url"],
            "verantwoordelijkeOrganisatie": "002220647",
            "datum": "2024-05-02",
            "ingangsdatum": "2024-05-02",
        },
    )
    document = apis["documenten"].create(
        "enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": "002220647",
            "creatiedatum": "2024-05-01",
            "titel": "Aanvraag",
            "auteur": "Ada Aanvrager",
            "taal": "dut",
            "bestandsnaam": "aanvraag.txt",
            "inhoud": base64.b64encode(b"aanvraag").decode(),
            "informatieobjecttype": iotype["url"],
        },
    )
    return {"zaak": zaak["url"], "besluit": besluit["url"], "document": document["url"]}


def _mirrors(apis, document: str) -> list[tuple[str, str]]:
    relations = apis["documenten"].list("objectinformatieobjecten", {"informatieobject": document})
    return sorted((relation["object"], relation["objectType"]) for relation in relations)


def _relations(document: str) -> list[tuple[str, str]]:
    zaken = [
        (f"{settings.ZAKEN_API_ROOT}zaken/{zio.zaak.uuid}", "zaak")
        for zio in ZaakInformatieObject.objects.filter(informatieobject=document).select_related("zaak")
    ]
    besluiten = [
        (f"{settings.BESLUITEN_API_ROOT}besluiten/{bio.besluit.uuid}", "besluit")
        for bio in BesluitInformatieObject.objects.filter(informatieobject=document).select_related("besluit")
    ]
    return sorted(zaken + besluiten)


def _assert_consistent(apis, document: str) -> None:
    assert _mirrors(apis, document) == _relations(document)


# --- how the Documenten API misbehaves -------------------------------------------------------


@pytest.fixture
def documenten_down(monkeypatch):
    """The Documenten API goes down in the middle of the write: the document was read, then
    nothing answers for its objectinformatieobjecten (a connection error), until `up()`."""
    original = InProcessTransport.handle_request
    state = {"down": True}

    def handle(self, request):
        if state["down"] and str(request.url).startswith(DOCUMENTEN + "objectinformatieobjecten"):
            raise httpx.ConnectError("Connection refused", request=request)
        return original(self, request)

    monkeypatch.setattr(InProcessTransport, "handle_request", handle)
    state["up"] = lambda: state.update(down=False)
    return state


@pytest.fixture
def documenten_500(monkeypatch):
    """Creating or deleting an objectinformatieobject answers 500, `na`: after storing it
    (its own transaction committed) or before."""

    def install(*, na: bool) -> None:
        for action in ("create", "destroy"):
            original = getattr(ObjectInformatieObjectViewSet, action)

            def failing(self, request, *args, _original=original, **kwargs):
                if na:
                    _original(self, request, *args, **kwargs)
                raise RuntimeError("Documenten API: interne fout")

            monkeypatch.setattr(ObjectInformatieObjectViewSet, action, failing)

    return install


# --- creating a relation --------------------------------------------------------------------------


CREATES = {
    "zaakinformatieobject": ("zaken", "zaakinformatieobjecten", "zaak"),
    "besluitinformatieobject": ("besluiten", "besluitinformatieobjecten", "besluit"),
}


@pytest.mark.parametrize("soort", CREATES)
def test_a_new_relation_is_mirrored_after_its_commit(apis, wereld, soort):
    api, collection, field = CREATES[soort]
    apis[api].create(collection, {field: wereld[field], "informatieobject": wereld["document"]})
    assert _mirrors(apis, wereld["document"]) == [(wereld[field], field)]
    _assert_consistent(apis, wereld["document"])


@pytest.mark.parametrize("soort", CREATES)
@pytest.mark.parametrize("storing", ["down", "500 voor"])
def test_a_refused_mirror_undoes_the_new_relation(apis, wereld, soort, storing, request, documenten_500):
    api, collection, field = CREATES[soort]
    if storing == "down":
        documenten = request.getfixturevalue("documenten_down")
    else:
        documenten_500(na=False)
    audit_before = AuditTrail.objects.order_by("pk").values_list("pk", flat=True).last() or 0

    response = apis[api].request(
        "POST", collection, json={field: wereld[field], "informatieobject": wereld["document"]}
    )

    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["invalidParams"][0]["code"] == "objectinformatieobject-create-failed"
    assert _relations(wereld["document"]) == []
    # The undo is audited: the create, then its removal with the reason.
    trail = list(AuditTrail.objects.filter(pk__gt=audit_before, resource=soort).order_by("pk"))
    assert [entry.actie for entry in trail] == ["create", "destroy"]
    assert trail[1].toelichting.startswith("Ongedaan gemaakt: ")
    if storing == "down":
        # In case it was stored all the same, its removal waits for the Documenten API.
        assert SpiegelVerwijdering.objects.count() == 1
        documenten["up"]()
        SpiegelVerwijdering.objects.update(volgende_poging="2000-01-01T00:00:00Z")
        assert spiegels_verwijderen() == 1
    assert SpiegelVerwijdering.objects.count() == 0
    _assert_consistent(apis, wereld["document"])


@pytest.mark.parametrize("soort", CREATES)
def test_a_mirror_stored_before_a_500_keeps_the_new_relation(apis, wereld, soort, documenten_500):
    """What the Documenten API holds decides, not what it answered: the mirror is there, so
    the relation is made."""
    api, collection, field = CREATES[soort]
    documenten_500(na=True)

    response = apis[api].request(
        "POST", collection, json={field: wereld[field], "informatieobject": wereld["document"]}
    )

    assert response.status_code == 201, response.text
    assert _relations(wereld["document"]) == [(wereld[field], field)]
    assert SpiegelVerwijdering.objects.count() == 0
    _assert_consistent(apis, wereld["document"])


@pytest.mark.parametrize("soort", CREATES)
def test_a_relation_made_inside_an_open_transaction_is_refused(apis, wereld, soort):
    """The guard: a write in another component from inside a transaction is a programming
    error, in-process or not."""
    api, collection, field = CREATES[soort]
    with pytest.raises(RuntimeError, match="after the commit"), transaction.atomic():
        apis[api].create(collection, {field: wereld[field], "informatieobject": wereld["document"]})


# --- removing a relation --------------------------------------------------------------------------


def _relate_both(apis, wereld) -> dict:
    return {
        field: apis[api].create(collection, {field: wereld[field], "informatieobject": wereld["document"]})["url"]
        for api, collection, field in CREATES.values()
    }


REMOVALS = {
    "zaakinformatieobject": lambda apis, wereld, urls: apis["zaken"].delete(urls["zaak"]),
    "besluitinformatieobject": lambda apis, wereld, urls: apis["besluiten"].delete(urls["besluit"]),
    "besluit": lambda apis, wereld, urls: apis["besluiten"].delete(wereld["besluit"]),
    "zaak": lambda apis, wereld, urls: apis["zaken"].delete(wereld["zaak"]),
}


@pytest.mark.parametrize("wat", REMOVALS)
@pytest.mark.parametrize("storing", ["geen", "down", "500 voor", "500 na"])
def test_a_removed_relation_takes_its_mirror_along(apis, wereld, wat, storing, request, documenten_500):
    urls = _relate_both(apis, wereld)
    assert len(_mirrors(apis, wereld["document"])) == 2
    documenten = request.getfixturevalue("documenten_down") if storing == "down" else None
    if storing.startswith("500"):
        documenten_500(na=storing == "500 na")

    REMOVALS[wat](apis, wereld, urls)  # our side answers 204 whatever the Documenten API does

    if storing != "geen":
        # The removal is written down and waits; the mirror is still there unless the
        # Documenten API removed it before failing to say so …
        assert SpiegelVerwijdering.objects.count() == 1
        assert SpiegelVerwijdering.objects.get().pogingen == 1
        assert _mirrors_stored(wereld["document"]) == (1 if storing == "500 na" else 2)
        if documenten:
            documenten["up"]()
        else:
            request.getfixturevalue("monkeypatch").undo()
        SpiegelVerwijdering.objects.update(volgende_poging="2000-01-01T00:00:00Z")
        assert spiegels_verwijderen() == 1  # … and is done once the Documenten API answers
    assert SpiegelVerwijdering.objects.count() == 0
    assert len(_mirrors(apis, wereld["document"])) == 1
    _assert_consistent(apis, wereld["document"])


def _mirrors_stored(document: str) -> int:
    """The mirrors the Documenten API holds, read from its tables (it may be 'down')."""
    from documenten.models import ObjectInformatieObject

    return ObjectInformatieObject.objects.filter(informatieobject__uuid=document.rstrip("/").rsplit("/", 1)[-1]).count()


def test_a_relation_made_again_before_the_retry_keeps_its_mirror(apis, wereld, documenten_down):
    documenten_down["up"]()
    relatie = apis["zaken"].create(
        "zaakinformatieobjecten", {"zaak": wereld["zaak"], "informatieobject": wereld["document"]}
    )
    documenten_down["down"] = True
    apis["zaken"].delete(relatie["url"])
    assert SpiegelVerwijdering.objects.count() == 1  # waits for the Documenten API
    documenten_down["up"]()

    apis["zaken"].create("zaakinformatieobjecten", {"zaak": wereld["zaak"], "informatieobject": wereld["document"]})

    # The waiting removal was called off: the mirror that is still there is the new one's.
    assert SpiegelVerwijdering.objects.count() == 0
    assert _mirrors(apis, wereld["document"]) == [(wereld["zaak"], "zaak")]
    _assert_consistent(apis, wereld["document"])


def test_a_waiting_removal_never_takes_the_mirror_of_an_existing_relation(apis, wereld):
    """Were a removal still written down for a relation that exists (made again while the
    retry ran), carrying it out leaves the mirror."""
    apis["zaken"].create("zaakinformatieobjecten", {"zaak": wereld["zaak"], "informatieobject": wereld["document"]})
    SpiegelVerwijdering.objects.create(informatieobject=wereld["document"], object=wereld["zaak"])

    assert spiegels_verwijderen() == 1
    assert SpiegelVerwijdering.objects.count() == 0
    assert _mirrors(apis, wereld["document"]) == [(wereld["zaak"], "zaak")]
    _assert_consistent(apis, wereld["document"])
