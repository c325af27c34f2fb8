"""Authorisation, route by route: a client limited to one zaaktype, one informatieobjecttype
and one besluittype, each up to `openbaar`, reads nothing outside its autorisaties on any
route of any API, and cannot write across that boundary.

The routes are walked from Django's URL resolver, not from a list kept by hand: a route
added later is walked too. Every object outside the client's autorisaties carries the word
VERBORGEN in its texts; no answer to the limited client may hold that word or the uuid of
such an object, in its body or its headers.
"""

from __future__ import annotations

import base64
import json
import re
import uuid
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from common.auth import jwt_encode
from common.models import Applicatie, AuditTrail, Autorisatie, ClientCredential
from documenten.models import Gebruiksrechten, InformatieObject, ObjectInformatieObject, Verzending
from zaken.models import (
    Besluit,
    BesluitInformatieObject,
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakVerzoek,
)
from zaken.services import catalogi_url
from zaken.tests.factories import (
    BesluitTypeFactory,
    CatalogusFactory,
    EigenschapFactory,
    InformatieObjectTypeFactory,
    ZaakObjectTypeFactory,
    ZaakTypeInformatieObjectTypeFactory,
    gepubliceerd_zaaktype,
)

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection

HOST = "localhost:8000"
ORIGIN = f"http://{HOST}"
RSIN = "002220647"
MARK = "VERBORGEN"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Where the contactmomenten and verzoeken of other providers live: outside every configured
# API root, so the Zaken API takes their URLs as given and fetches nothing.
KLANTINTERACTIES = "https://klantinteracties.example/api/v1"
ZAAK_ONDERDELEN = (
    Status,
    Resultaat,
    Rol,
    ZaakObject,
    ZaakEigenschap,
    ZaakInformatieObject,
    KlantContact,
    ZaakContactMoment,
    ZaakVerzoek,
)
# The widest `expand` of each resource of the Documenten API that has one.
DOCUMENTEN_EXPAND = {
    "enkelvoudiginformatieobject": "informatieobjecttype",
    "gebruiksrechten": "informatieobject.informatieobjecttype",
    "objectinformatieobject": "informatieobject.informatieobjecttype",
    "verzending": "informatieobject.informatieobjecttype",
}
ZRC_SCOPES = [
    "zaken.lezen",
    "zaken.aanmaken",
    "zaken.bijwerken",
    "zaken.verwijderen",
    "zaken.heropenen",
    "zaken.statussen.toevoegen",
    "zaken.geforceerd-bijwerken",
    "audittrails.lezen",
]
DRC_SCOPES = [
    "documenten.lezen",
    "documenten.aanmaken",
    "documenten.bijwerken",
    "documenten.verwijderen",
    "documenten.lock",
    "documenten.geforceerd-unlock",
    "documenten.geforceerd-bijwerken",
    "audittrails.lezen",
]
BRC_SCOPES = [
    "besluiten.lezen",
    "besluiten.aanmaken",
    "besluiten.bijwerken",
    "besluiten.verwijderen",
    "audittrails.lezen",
]


def _client(client_id: str) -> APIClient:
    client = APIClient(HTTP_HOST=HOST, HTTP_ACCEPT_CRS="EPSG:4326", HTTP_CONTENT_CRS="EPSG:4326")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_encode(client_id, 'test-secret', user_id='tester')}")
    return client


def _applicatie(client_id: str, *, alle: bool = False, autorisaties: tuple[dict, ...] = ()) -> APIClient:
    ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": "test-secret"})
    applicatie = Applicatie.objects.create(client_ids=[client_id], label=client_id, heeft_alle_autorisaties=alle)
    for autorisatie in autorisaties:
        Autorisatie.objects.create(applicatie=applicatie, **autorisatie)
    return _client(client_id)


def _created(response) -> dict:
    assert response.status_code == 201, (response.status_code, response.content[:2000])
    return response.json()


@dataclass
class World:
    """What the full client made: the objects inside the limited client's autorisaties and
    those outside it (their uuids and the word VERBORGEN are what must never show)."""

    beheer: APIClient
    beperkt: APIClient
    binnen: dict[str, dict] = field(default_factory=dict)
    buiten: dict[str, dict] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    def hidden_uuids(self) -> set[str]:
        """Every object outside the autorisaties, read from the database: also the rows the
        APIs made on their own (audit trail, objectinformatieobjecten, versions)."""
        zaken = Zaak.objects.filter(omschrijving__contains=MARK)
        besluiten = Besluit.objects.filter(toelichting__contains=MARK)
        documenten = InformatieObject.objects.filter(versies__titel__contains=MARK).distinct()
        uuids: set[uuid.UUID] = set()
        uuids.update(zaken.values_list("uuid", flat=True))
        for model in ZAAK_ONDERDELEN:
            uuids.update(model.objects.filter(zaak__in=zaken).values_list("uuid", flat=True))
        uuids.update(besluiten.values_list("uuid", flat=True))
        uuids.update(BesluitInformatieObject.objects.filter(besluit__in=besluiten).values_list("uuid", flat=True))
        uuids.update(documenten.values_list("uuid", flat=True))
        uuids.update(Gebruiksrechten.objects.filter(informatieobject__in=documenten).values_list("uuid", flat=True))
        uuids.update(Verzending.objects.filter(informatieobject__in=documenten).values_list("uuid", flat=True))
        uuids.update(
            ObjectInformatieObject.objects.filter(informatieobject__in=documenten).values_list("uuid", flat=True)
        )
        hoofd = [o["url"] for o in self.buiten.values() if o.get("_hoofd")]
        uuids.update(AuditTrail.objects.filter(hoofd_object__in=hoofd).values_list("uuid", flat=True))
        return {str(u) for u in uuids}


def _document(beheer: APIClient, iotype: str, *, titel: str, vertrouwelijkheid: str) -> dict:
    return _created(
        beheer.post(
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": RSIN,
                "creatiedatum": "2024-05-01",
                "titel": titel,
                "auteur": titel,
                "taal": "dut",
                "bestandsnaam": "brief.txt",
                "inhoud": base64.b64encode(f"inhoud {titel}".encode()).decode(),
                "informatieobjecttype": iotype,
                "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            },
            format="json",
        )
    )


def _zaak_met_onderdelen(world: World, naam: str, zaaktype, *, vertrouwelijkheid: str, iotype: str, besluittype):
    """A zaak with one of every part, a document linked to it and a besluit on it."""
    beheer = world.beheer
    tekst = f"{naam} {MARK}" if naam != "binnen" else "zichtbaar"
    store = world.buiten if naam != "binnen" else world.binnen
    kenmerk = f"{MARK}-{naam}" if naam != "binnen" else naam
    zaak = _created(
        beheer.post(
            "/zaken/api/v1/zaken",
            {
                "zaaktype": catalogi_url(zaaktype),
                "bronorganisatie": RSIN,
                "verantwoordelijkeOrganisatie": RSIN,
                "startdatum": "2024-01-15",
                "omschrijving": tekst,
                "toelichting": tekst,
                "vertrouwelijkheidaanduiding": vertrouwelijkheid,
                **({"identificatie": f"{MARK}-{naam}"} if naam != "binnen" else {}),
            },
            format="json",
        )
    )
    zaak["_hoofd"] = True
    store[f"zaak-{naam}"] = zaak
    document = _document(beheer, iotype, titel=tekst, vertrouwelijkheid=vertrouwelijkheid)
    document["_hoofd"] = True
    store[f"document-{naam}"] = document
    store[f"zaakinformatieobject-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/zaakinformatieobjecten",
            {"zaak": zaak["url"], "informatieobject": document["url"], "titel": tekst},
            format="json",
        )
    )
    store[f"gebruiksrechten-{naam}"] = _created(
        beheer.post(
            "/documenten/api/v1/gebruiksrechten",
            {
                "informatieobject": document["url"],
                "startdatum": "2024-01-01T00:00:00Z",
                "omschrijvingVoorwaarden": tekst,
            },
            format="json",
        )
    )
    store[f"verzending-{naam}"] = _created(
        beheer.post(
            "/documenten/api/v1/verzendingen",
            {
                "informatieobject": document["url"],
                "betrokkene": f"{KLANTINTERACTIES}/klanten/{kenmerk}",
                "aardRelatie": "geadresseerde",
                "verzenddatum": "2024-05-02",
                "contactPersoon": f"{KLANTINTERACTIES}/medewerkers/{kenmerk}",
                "toelichting": tekst[:200],
                "emailadres": "ada@example.org",
            },
            format="json",
        )
    )
    statustype = zaaktype.statustypen.order_by("volgnummer").first()
    store[f"status-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/statussen",
            {
                "zaak": zaak["url"],
                "statustype": catalogi_url(statustype),
                "datumStatusGezet": "2024-01-16T10:00:00Z",
                "statustoelichting": tekst,
            },
            format="json",
        )
    )
    store[f"rol-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/rollen",
            {
                "zaak": zaak["url"],
                "roltype": catalogi_url(zaaktype.roltypen.first()),
                "betrokkeneType": "natuurlijk_persoon",
                "roltoelichting": tekst,
                "betrokkeneIdentificatie": {"geslachtsnaam": tekst},
            },
            format="json",
        )
    )
    store[f"zaakobject-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/zaakobjecten",
            {
                "zaak": zaak["url"],
                "objectType": "overige",
                "objectTypeOverige": "boom",
                "relatieomschrijving": tekst[:80],
                "objectIdentificatie": {"overigeData": {"naam": tekst}},
            },
            format="json",
        )
    )
    store[f"klantcontact-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/klantcontacten",
            {
                "zaak": zaak["url"],
                "datumtijd": "2024-01-16T10:00:00Z",
                "kanaal": "telefoon",
                "onderwerp": tekst[:200],
                "toelichting": tekst,
            },
            format="json",
        )
    )
    store[f"zaakcontactmoment-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/zaakcontactmomenten",
            {"zaak": zaak["url"], "contactmoment": f"{KLANTINTERACTIES}/contactmomenten/{kenmerk}"},
            format="json",
        )
    )
    store[f"zaakverzoek-{naam}"] = _created(
        beheer.post(
            "/zaken/api/v1/zaakverzoeken",
            {"zaak": zaak["url"], "verzoek": f"{KLANTINTERACTIES}/verzoeken/{kenmerk}"},
            format="json",
        )
    )
    store[f"zaakeigenschap-{naam}"] = _created(
        beheer.post(
            f"{zaak['url']}/zaakeigenschappen",
            {"zaak": zaak["url"], "eigenschap": catalogi_url(zaaktype.eigenschappen.first()), "waarde": tekst},
            format="json",
        )
    )
    besluit = _created(
        beheer.post(
            "/besluiten/api/v1/besluiten",
            {
                "verantwoordelijkeOrganisatie": RSIN,
                "besluittype": catalogi_url(besluittype),
                "zaak": zaak["url"],
                "datum": "2024-02-01",
                "ingangsdatum": "2024-02-01",
                "toelichting": tekst,
                **({"identificatie": f"{MARK}-{naam}"} if naam != "binnen" else {}),
            },
            format="json",
        )
    )
    besluit["_hoofd"] = True
    store[f"besluit-{naam}"] = besluit
    besluit_document = _document(beheer, iotype, titel=f"{tekst} besluit", vertrouwelijkheid=vertrouwelijkheid)
    besluit_document["_hoofd"] = True
    store[f"besluitdocument-{naam}"] = besluit_document
    store[f"besluitinformatieobject-{naam}"] = _created(
        beheer.post(
            "/besluiten/api/v1/besluitinformatieobjecten",
            {"besluit": besluit["url"], "informatieobject": besluit_document["url"]},
            format="json",
        )
    )


@pytest.fixture
def world(documenten_storage) -> World:
    catalogus = CatalogusFactory(rsin=RSIN)
    iotype_a = InformatieObjectTypeFactory(
        catalogus=catalogus, gepubliceerd=True, vertrouwelijkheidaanduiding="openbaar"
    )
    iotype_b = InformatieObjectTypeFactory(
        catalogus=catalogus, gepubliceerd=True, vertrouwelijkheidaanduiding="openbaar"
    )
    besluittype_a = BesluitTypeFactory(catalogus=catalogus, gepubliceerd=True)
    besluittype_b = BesluitTypeFactory(catalogus=catalogus, gepubliceerd=True)
    besluittype_a.informatieobjecttypen.add(iotype_a, iotype_b)
    besluittype_b.informatieobjecttypen.add(iotype_a, iotype_b)
    zaaktypen = {}
    for naam, iotype in (("a", iotype_a), ("b", iotype_b)):
        zaaktype = gepubliceerd_zaaktype(catalogus=catalogus)
        EigenschapFactory(zaaktype=zaaktype, specificatie_formaat="tekst", specificatie_lengte="255")
        ZaakObjectTypeFactory(zaaktype=zaaktype)
        ZaakTypeInformatieObjectTypeFactory(zaaktype=zaaktype, informatieobjecttype=iotype)
        zaaktype.besluittypen.add(besluittype_a, besluittype_b)
        zaaktypen[naam] = zaaktype

    beheer = _applicatie("beheer", alle=True)
    beperkt = _applicatie(
        "beperkt",
        autorisaties=(
            {"component": "ztc", "scopes": ["catalogi.lezen"]},
            {
                "component": "zrc",
                "scopes": ZRC_SCOPES,
                "zaaktype": catalogi_url(zaaktypen["a"]),
                "max_vertrouwelijkheidaanduiding": "openbaar",
            },
            {
                "component": "drc",
                "scopes": DRC_SCOPES,
                "informatieobjecttype": catalogi_url(iotype_a),
                "max_vertrouwelijkheidaanduiding": "openbaar",
            },
            {"component": "brc", "scopes": BRC_SCOPES, "besluittype": catalogi_url(besluittype_a)},
        ),
    )
    world = World(
        beheer=beheer,
        beperkt=beperkt,
        types={
            "zaaktype-a": catalogi_url(zaaktypen["a"]),
            "zaaktype-b": catalogi_url(zaaktypen["b"]),
            "informatieobjecttype-a": catalogi_url(iotype_a),
            "informatieobjecttype-b": catalogi_url(iotype_b),
            "besluittype-a": catalogi_url(besluittype_a),
            "besluittype-b": catalogi_url(besluittype_b),
        },
    )
    # inside: type a, openbaar; outside: type a but geheim (zaak and documents), and type b
    _zaak_met_onderdelen(
        world,
        "binnen",
        zaaktypen["a"],
        vertrouwelijkheid="openbaar",
        iotype=world.types["informatieobjecttype-a"],
        besluittype=besluittype_a,
    )
    _zaak_met_onderdelen(
        world,
        "geheim",
        zaaktypen["a"],
        vertrouwelijkheid="geheim",
        iotype=world.types["informatieobjecttype-a"],
        besluittype=besluittype_b,
    )
    _zaak_met_onderdelen(
        world,
        "anders",
        zaaktypen["b"],
        vertrouwelijkheid="openbaar",
        iotype=world.types["informatieobjecttype-b"],
        besluittype=besluittype_b,
    )
    # the audit trail of an outside document changed later, so it has more than one entry
    geheim_document = world.buiten["document-geheim"]["url"]
    lock = beheer.post(f"{geheim_document}/lock").json()["lock"]
    assert beheer.patch(geheim_document, {"lock": lock, "auteur": f"{MARK} auteur"}, format="json").status_code == 200
    assert beheer.post(f"{geheim_document}/unlock", {"lock": lock}, format="json").status_code == 204
    return world


# --- the routes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    pattern: str  # the regex of the whole path, as the resolver has it
    view: str
    cls: type | None
    actions: tuple[tuple[str, str], ...]  # (method, action) pairs; for plain views GET

    @property
    def kwargs(self) -> list[str]:
        return re.findall(r"\(\?P<(\w+)>", self.pattern)

    def path(self, **values: str) -> str:
        path = self.pattern.replace("^", "").replace("$", "")
        for name, value in values.items():
            path = re.sub(rf"\(\?P<{name}>[^)]*\)", value, path, count=1)
        path = re.sub(r"<uuid:(\w+)>", lambda m: values[m.group(1)], path)
        return "/" + path.replace("\\", "")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def routes() -> list[Route]:
    """Every route Django serves outside the admin, with the methods each answers."""
    found = []
    for pattern, urlpattern in _walk(get_resolver().url_patterns):
        if (
            not pattern
            or pattern.startswith("admin/")
            or "<format>" in pattern
            or "format_suffix" in pattern
            or "schema/" in pattern
        ):
            continue
        callback = urlpattern.callback
        actions = getattr(callback, "actions", None)
        cls = getattr(callback, "cls", None)
        view = getattr(cls, "__name__", callback.__name__)
        pairs = tuple(sorted(actions.items())) if actions else (("get", "get"),)
        found.append(Route(pattern, view, cls, pairs))
    return found


def _uuid_kwargs(route: Route, world: World, hidden: list[str]) -> list[dict[str, str]]:
    """The values to fill in: for a parent (`zaak_uuid`, ...) an inside and an outside
    parent; for `uuid` every hidden object's uuid."""
    names = route.kwargs + re.findall(r"<uuid:(\w+)>", route.pattern)
    if not names:
        return [{}]
    parents = {
        "zaak_uuid": [world.binnen["zaak-binnen"], world.buiten["zaak-geheim"], world.buiten["zaak-anders"]],
        "besluit_uuid": [
            world.binnen["besluit-binnen"],
            world.buiten["besluit-geheim"],
            world.buiten["besluit-anders"],
        ],
        "enkelvoudiginformatieobject_uuid": [
            world.binnen["document-binnen"],
            world.buiten["document-geheim"],
            world.buiten["document-anders"],
        ],
    }
    combinations: list[dict[str, str]] = [{}]
    for name in names:
        if name in parents:
            values = [o["url"].rstrip("/").rsplit("/", 1)[1] for o in parents[name]]
        elif name == "uuid":
            values = hidden
        else:
            return []  # not an object route (sitemap names, numbers)
        combinations = [{**c, name: v} for c in combinations for v in values]
    return combinations


def _leaks(response, hidden: set[str], sent: tuple[str, ...] = ()) -> list[str]:
    """What of the hidden objects the response shows. The uuids the request itself sent do
    not count (a problem's `instance` repeats the path, an error may repeat a value): every
    hidden object also carries VERBORGEN, or the uuids of other hidden objects, in what it shows."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace") + " ".join(f"{k}: {v}" for k, v in response.items())
    echoed = set(UUID.findall(" ".join(sent)))
    found = [MARK] if MARK in text else []
    found += [u for u in set(UUID.findall(text)) & hidden if u not in echoed]
    return found


def _filter_names(route: Route) -> list[str]:
    viewset = route.cls(action="list", request=None, format_kwarg=None, kwargs={})
    filterset_class = getattr(viewset, "filterset_class", None)
    if filterset_class is None:
        return []
    return sorted(filterset_class.base_filters)


def test_the_walk_covers_every_api(world):
    """Guard of the walk itself: it reaches every API and the objects it hides exist."""
    walked = routes()
    assert {r.pattern.split("/", 1)[0] for r in walked} >= {
        "zaken",
        "besluiten",
        "documenten",
        "catalogi",
        "archief",
        "openbaarmaking",
        "autorisaties",
        "selectielijst",
    }
    # every view Django serves outside the admin and the schemas is walked: none dropped by
    # the walk's own filter (the format-suffix patterns repeat the same views)
    served = {
        getattr(p.callback, "cls", p.callback.__name__)
        for path, p in _walk(get_resolver().url_patterns)
        if not path.startswith("admin/") and "schema/" not in path and path
    }
    assert served == {r.cls or r.view for r in walked}
    hidden = world.hidden_uuids()
    assert len(hidden) > 40
    # the full client sees what the limited one may not
    assert _leaks(world.beheer.get("/zaken/api/v1/zaken"), hidden)
    assert _leaks(world.beheer.get(world.buiten["document-geheim"]["url"] + "/audittrail"), hidden)


def test_reads_of_a_limited_client_hold_nothing_outside_its_autorisaties(world):
    hidden = world.hidden_uuids()
    hidden_list = sorted(hidden)
    outside_urls = [o["url"] for o in world.buiten.values()]
    problems: list[str] = []
    answered = 0

    def check(method: str, path: str, response, *sent: str) -> None:
        nonlocal answered
        answered += 1
        if response.status_code >= 500:
            problems.append(f"{method} {path}: {response.status_code}")
        leaked = _leaks(response, hidden, (path, *sent))
        if leaked:
            problems.append(f"{method} {path} ({response.status_code}) shows {leaked[:3]}")

    for route in routes():
        for method, action in route.actions:
            if method not in ("get", "post") or (method == "post" and action not in ("zoek",)):
                continue
            for values in _uuid_kwargs(route, world, hidden_list):
                path = route.path(**values)
                if method == "get":
                    check("GET", path, world.beperkt.get(path))
                    if action == "list":
                        for name in _filter_names(route):
                            for url in outside_urls:
                                check("GET", f"{path}?{name}={url}", world.beperkt.get(path, {name: url}), url)
                        if route.view == "ZaakViewSet":
                            expand = "hoofdzaak,deelzaken,rollen,status,resultaat,zaakinformatieobjecten,eigenschappen"
                            check("GET", f"{path}?expand", world.beperkt.get(path, {"expand": expand}))
                    if action == "retrieve" and route.view == "ZaakViewSet":
                        check("GET", f"{path}?expand", world.beperkt.get(path, {"expand": "hoofdzaak,rollen"}))
                    documenten_expand = DOCUMENTEN_EXPAND.get(getattr(route.cls, "expand_resource", None))
                    if documenten_expand and action in ("list", "retrieve"):
                        check("GET", f"{path}?expand", world.beperkt.get(path, {"expand": documenten_expand}))
                else:
                    check(
                        "POST", path, world.beperkt.post(path, {"uuid__in": hidden_list}, format="json"), *hidden_list
                    )
                    check("POST", path, world.beperkt.post(path, {}, format="json"))
    assert answered > 2000
    assert not problems, "\n".join(problems)


# --- writes -----------------------------------------------------------------------------------

WRITES = ("put", "patch", "delete", "post")
PROTECTED = ("zrc", "brc", "drc")


def _state(world: World) -> dict[str, bytes]:
    """What the full client reads of every object outside the limited client's autorisaties."""
    state = {}
    for naam, obj in world.buiten.items():
        response = world.beheer.get(obj["url"])
        state[naam] = response.content if response.status_code == 200 else str(response.status_code).encode()
    for naam in ("zaak-geheim", "zaak-anders"):
        state[f"{naam}-audittrail-count"] = str(len(world.beheer.get(world.buiten[naam]["url"] + "/audittrail").json()))
    return state


def test_a_limited_client_changes_nothing_outside_its_autorisaties(world):
    """Every write route of every API, on every object outside the autorisaties: refused
    (403 or 404, never a validation answer that would say the object exists) and nothing changed."""
    hidden = sorted(world.hidden_uuids())
    before = _state(world)
    problems: list[str] = []
    tried = 0
    for route in routes():
        for method, action in route.actions:
            if method not in WRITES or action in ("create", "zoek") or (method == "post" and not route.kwargs):
                continue
            for values in _uuid_kwargs(route, world, hidden):
                path = route.path(**values)
                # a body the full client could send: what it reads there, so that no answer is a
                # mere complaint about the body
                current = world.beheer.get(path)
                body = current.json() if current.status_code == 200 and "json" in current["Content-Type"] else {}
                response = getattr(world.beperkt, method)(path, body, format="json")
                tried += 1
                if response.status_code not in (403, 404, 405):
                    problems.append(f"{method.upper()} {path}: {response.status_code} {response.content[:200]!r}")
    # the nested creates below a zaak the client may not see
    for route in routes():
        for _, action in route.actions:
            if action == "create" and "zaak_uuid" in route.kwargs:
                for naam in ("zaak-geheim", "zaak-anders"):
                    zaak = world.buiten[naam]
                    path = route.path(zaak_uuid=zaak["url"].rsplit("/", 1)[1])
                    response = world.beperkt.post(path, {"zaak": zaak["url"]}, format="json")
                    tried += 1
                    if response.status_code not in (403, 404):
                        problems.append(f"POST {path}: {response.status_code} {response.content[:200]!r}")
    assert tried > 500
    assert not problems, "\n".join(problems)
    assert _state(world) == before


def _get(body, field: str):
    for part in field.split("."):
        body = body[int(part)] if part.isdigit() else body[part]
    return body


def _with(body: dict, field: str, value: str) -> dict:
    """`body` with `field` (`relevanteAndereZaken.0.url` for a nested one) set to `value`."""
    body = json.loads(json.dumps(body))
    *parents, last = field.split(".")
    target = body
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return body


# The references of a body: (field, kind, role). An `eigenaar` is what the new object belongs to
# (a status's zaak): writing there is refused with 403, as a write to that object is. A `relatie`
# only links: one the client may not see is refused exactly as one that does not exist.
EIGENAAR, RELATIE = "eigenaar", "relatie"


def _create_bodies(world: World) -> dict[str, tuple[str, dict, tuple[tuple[str, str, str], ...]]]:
    """Per create route of the Zaken, Besluiten and Documenten APIs, a body that the limited
    client may send, and the references in it to zaken, besluiten and documenten."""
    zaak = world.binnen["zaak-binnen"]["url"]
    besluit = world.binnen["besluit-binnen"]["url"]
    document = world.binnen["document-binnen"]["url"]
    zaaktype_a = Zaak.objects.get(uuid=zaak.rsplit("/", 1)[1]).zaaktype
    zaak_uuid = zaak.rsplit("/", 1)[1]

    def nieuw_document() -> str:
        iotype = world.types["informatieobjecttype-a"]
        return _document(world.beheer, iotype, titel="nieuw", vertrouwelijkheid="openbaar")["url"]

    return {
        "ZaakViewSet": (
            "/zaken/api/v1/zaken",
            {
                "zaaktype": world.types["zaaktype-a"],
                "bronorganisatie": RSIN,
                "verantwoordelijkeOrganisatie": RSIN,
                "startdatum": "2024-01-15",
                "vertrouwelijkheidaanduiding": "openbaar",
                "hoofdzaak": zaak,
                "relevanteAndereZaken": [{"url": zaak, "aardRelatie": "vervolg"}],
            },
            (("hoofdzaak", "zaak", RELATIE), ("relevanteAndereZaken.0.url", "zaak", RELATIE)),
        ),
        "StatusViewSet": (
            "/zaken/api/v1/statussen",
            {
                "zaak": zaak,
                "statustype": catalogi_url(zaaktype_a.statustypen.order_by("volgnummer").first()),
                "datumStatusGezet": "2024-01-17T10:00:00Z",
            },
            (("zaak", "zaak", EIGENAAR),),
        ),
        "ResultaatViewSet": (
            "/zaken/api/v1/resultaten",
            {"zaak": zaak, "resultaattype": catalogi_url(zaaktype_a.resultaattypen.first()), "toelichting": "x"},
            (("zaak", "zaak", EIGENAAR),),
        ),
        "RolViewSet": (
            "/zaken/api/v1/rollen",
            {
                "zaak": zaak,
                "roltype": catalogi_url(zaaktype_a.roltypen.first()),
                "betrokkeneType": "natuurlijk_persoon",
                "roltoelichting": "x",
                "betrokkeneIdentificatie": {"geslachtsnaam": "Jansen"},
            },
            (("zaak", "zaak", EIGENAAR),),
        ),
        "ZaakObjectViewSet": (
            "/zaken/api/v1/zaakobjecten",
            {
                "zaak": zaak,
                "objectType": "overige",
                "objectTypeOverige": "boom",
                "objectIdentificatie": {"overigeData": {}},
            },
            (("zaak", "zaak", EIGENAAR),),
        ),
        "KlantContactViewSet": (
            "/zaken/api/v1/klantcontacten",
            {"zaak": zaak, "datumtijd": "2024-01-16T10:00:00Z", "kanaal": "balie"},
            (("zaak", "zaak", EIGENAAR),),
        ),
        "ZaakContactMomentViewSet": (
            "/zaken/api/v1/zaakcontactmomenten",
            {"zaak": zaak, "contactmoment": f"{KLANTINTERACTIES}/contactmomenten/nieuw"},
            (("zaak", "zaak", EIGENAAR),),
        ),
        "ZaakVerzoekViewSet": (
            "/zaken/api/v1/zaakverzoeken",
            {"zaak": zaak, "verzoek": f"{KLANTINTERACTIES}/verzoeken/nieuw"},
            (("zaak", "zaak", EIGENAAR),),
        ),
        "ZaakInformatieObjectViewSet": (
            "/zaken/api/v1/zaakinformatieobjecten",
            {"zaak": zaak, "informatieobject": nieuw_document()},
            (("zaak", "zaak", EIGENAAR), ("informatieobject", "document", RELATIE)),
        ),
        # below a zaak in the path: the zaak in the path is walked in the test of writes
        "ZaakEigenschapViewSet": (
            f"/zaken/api/v1/zaken/{zaak_uuid}/zaakeigenschappen",
            {"zaak": zaak, "eigenschap": catalogi_url(zaaktype_a.eigenschappen.first()), "waarde": "x"},
            (),
        ),
        "ZaakBesluitViewSet": (
            f"/zaken/api/v1/zaken/{zaak_uuid}/besluiten",
            {"besluit": besluit},
            (("besluit", "besluit", RELATIE),),
        ),
        "BesluitViewSet": (
            "/besluiten/api/v1/besluiten",
            {
                "verantwoordelijkeOrganisatie": RSIN,
                "besluittype": world.types["besluittype-a"],
                "zaak": zaak,
                "datum": "2024-02-01",
                "ingangsdatum": "2024-02-01",
            },
            (("zaak", "zaak", RELATIE),),
        ),
        "BesluitInformatieObjectViewSet": (
            "/besluiten/api/v1/besluitinformatieobjecten",
            {"besluit": besluit, "informatieobject": nieuw_document()},
            (("besluit", "besluit", EIGENAAR), ("informatieobject", "document", RELATIE)),
        ),
        "EnkelvoudigInformatieObjectViewSet": (
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": RSIN,
                "creatiedatum": "2024-05-01",
                "titel": "nieuw",
                "auteur": "nieuw",
                "taal": "dut",
                "informatieobjecttype": world.types["informatieobjecttype-a"],
                "vertrouwelijkheidaanduiding": "openbaar",
            },
            (),
        ),
        "GebruiksrechtenViewSet": (
            "/documenten/api/v1/gebruiksrechten",
            {"informatieobject": document, "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
            (("informatieobject", "document", EIGENAAR),),
        ),
        "VerzendingViewSet": (
            "/documenten/api/v1/verzendingen",
            {
                "informatieobject": document,
                "betrokkene": f"{KLANTINTERACTIES}/klanten/nieuw",
                "aardRelatie": "geadresseerde",
                "verzenddatum": "2024-05-02",
                "contactPersoon": f"{KLANTINTERACTIES}/medewerkers/nieuw",
                "mijnOverheid": True,
            },
            (("informatieobject", "document", EIGENAAR),),
        ),
        "ObjectInformatieObjectViewSet": (
            "/documenten/api/v1/objectinformatieobjecten",
            {"informatieobject": document, "object": zaak, "objectType": "zaak"},
            (("informatieobject", "document", EIGENAAR), ("object", "zaak", RELATIE)),
        ),
    }


def _answer(response) -> tuple:
    """What a client learns from a refusal: the status, the code and the fields it names."""
    body = response.json() if "json" in response.get("Content-Type", "") else {}
    params = sorted((p.get("name"), p.get("code")) for p in body.get("invalidParams") or [])
    return response.status_code, body.get("code"), params


def _count_of_everything() -> int:
    models = (Zaak, *ZAAK_ONDERDELEN, Besluit)
    return (
        sum(m.objects.count() for m in models)
        + BesluitInformatieObject.objects.count()
        + Gebruiksrechten.objects.count()
        + Verzending.objects.count()
    )


def test_a_limited_client_cannot_refer_to_what_it_may_not_see(world):
    """Every create route of the Zaken, Besluiten and Documenten APIs, with each reference to a
    zaak, besluit or document replaced by one outside the autorisaties. What the new object
    belongs to: 403, as any write there. What it only links to: refused exactly as a
    reference to an object that does not exist (no existence oracle). Nothing is made."""
    bodies = _create_bodies(world)
    creates = {
        r.view
        for r in routes()
        if r.cls and getattr(r.cls, "component", "") in PROTECTED and ("post", "create") in r.actions
    }
    assert creates == set(bodies), "a create route without a body in this test"
    outside = {"zaak": ("zaak-geheim", "zaak-anders"), "besluit": ("besluit-geheim", "besluit-anders")}
    outside["document"] = ("document-geheim", "document-anders")
    problems: list[str] = []
    count = _count_of_everything()
    swapped = 0
    for view, (path, body, references) in sorted(bodies.items()):
        for field_name, kind, role in references:
            inside = str(_get(body, field_name))
            missing = inside.rsplit("/", 1)[0] + f"/{uuid.uuid4()}"
            expected = _answer(world.beperkt.post(path, _with(body, field_name, missing), format="json"))
            if expected[0] != 400:
                problems.append(f"{view}.{field_name}: a missing {kind} gives {expected}")
            for naam in outside[kind]:
                response = world.beperkt.post(path, _with(body, field_name, world.buiten[naam]["url"]), format="json")
                swapped += 1
                got = _answer(response)
                if role == EIGENAAR and got[:2] != (403, "permission_denied"):
                    problems.append(f"{view}.{field_name} = {naam}: {got}, not 403")
                if role == RELATIE and got != expected:
                    problems.append(f"{view}.{field_name} = {naam}: {got}, a missing {kind} gives {expected}")
    assert swapped >= 30
    assert not problems, "\n".join(problems)
    assert _count_of_everything() == count
    # the bodies themselves are good: with the inside references the limited client may create
    for view, (path, body, _) in sorted(bodies.items()):
        if view == "ObjectInformatieObjectViewSet":
            continue  # made by the Zaken and Besluiten APIs when they make the relation on their side
        if view == "ZaakBesluitViewSet":
            continue  # the besluit already names the zaak; made by the Besluiten API
        response = world.beperkt.post(path, body, format="json")
        assert response.status_code == 201, (view, response.status_code, response.content[:500])


def test_a_limited_client_cannot_put_anything_outside_its_autorisaties(world):
    """A write that would leave the new or changed object outside the client's autorisaties (a
    type it has none for, a vertrouwelijkheidaanduiding above its maximum) is refused with 403,
    on every create, update and partial update of the Zaken, Besluiten and Documenten APIs
    whose object has such a field; nothing changes."""
    bodies = _create_bodies(world)
    beyond = {
        "zaaktype": world.types["zaaktype-b"],
        "besluittype": world.types["besluittype-b"],
        "informatieobjecttype": world.types["informatieobjecttype-b"],
        "vertrouwelijkheidaanduiding": "zeer_geheim",
    }
    problems: list[str] = []
    tried = 0
    count = _count_of_everything()
    for path, body, _ in bodies.values():
        for field_name in beyond.keys() & body.keys():
            response = world.beperkt.post(path, {**body, field_name: beyond[field_name]}, format="json")
            tried += 1
            if response.status_code != 403:
                problems.append(f"POST {path} {field_name}: {_answer(response)}")
    for naam, obj in world.binnen.items():
        url = obj["url"]
        current = world.beheer.get(url).json()
        current.pop("inhoud", None)  # a document's download URL, not content to send back
        for field_name in beyond.keys() & current.keys():
            extra = {}
            if "/enkelvoudiginformatieobjecten/" in url:
                extra["lock"] = world.beperkt.post(f"{url}/lock").json()["lock"]
            for method in ("patch", "put"):
                response = getattr(world.beperkt, method)(
                    url, {**current, **extra, field_name: beyond[field_name]}, format="json"
                )
                tried += 1
                # the type of a zaak or besluit is not to be changed at all (400 is the standard's answer)
                refused = response.status_code == 403 or (
                    field_name != "vertrouwelijkheidaanduiding" and response.status_code == 400
                )
                if not refused:
                    problems.append(f"{method.upper()} {naam} {field_name}: {_answer(response)}")
            if extra:
                world.beperkt.post(f"{url}/unlock", extra, format="json")
            after = world.beheer.get(url).json()
            if after.get(field_name) != current.get(field_name):
                problems.append(f"{naam} {field_name} changed to {after.get(field_name)}")
    assert tried >= 12
    assert not problems, "\n".join(problems)
    assert _count_of_everything() == count
