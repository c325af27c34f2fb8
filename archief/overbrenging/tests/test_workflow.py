"""A transfer's life: selection, approval, packaging, delivery, verification, the archive's
verdict, completion, and resumption after the worker dies at several points."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
from lxml import etree

from archief.overbrenging import clients, services
from archief.overbrenging.builder import SipBuilder, sort_zaken
from archief.overbrenging.models import (
    ContainerStatus,
    ItemStatus,
    Overbrenging,
    Status,
)
from archief.overbrenging.targets import LokaleMap
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld
from common.clients import APIClient
from common.exceptions import DomainError

from . import sipdata
from .conftest import assert_valid
from .fake_zgw import FakeZGW, Killed
from .rollen import persoon

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def run(overbrenging: Overbrenging) -> Overbrenging:
    """Work as the Celery chain does: step after step until there is nothing left."""
    while overbrenging_stap_vergrendeld(overbrenging.pk):
        pass
    overbrenging.refresh_from_db()
    return overbrenging


def selectie(fake: FakeZGW, count: int = 3, **kwargs) -> list[str]:
    return [fake.add(sipdata.zaak(i, documenten=2, size=300_000, **kwargs)) for i in range(1, count + 1)]


def create(afspraak, zaken, **kwargs) -> Overbrenging:
    return services.overbrenging_create(
        afspraak=afspraak, zaken=zaken, door=persoon("Recordmanager"), vandaag=TODAY, **kwargs
    )


def packaged(afspraak, fake, count: int = 3) -> Overbrenging:
    overbrenging = create(afspraak, selectie(fake, count))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    overbrenging = run(overbrenging)
    assert_valid(Path(afspraak.doel_locatie))
    return overbrenging


def test_a_selection_of_eligible_cases_becomes_a_concept(afspraak, fake):
    zaken = selectie(fake)
    overbrenging = create(afspraak, zaken, naam="ob-2026")
    assert overbrenging.status == Status.concept
    assert not overbrenging.vervroegd
    item = overbrenging.items.get(zaak=zaken[0])
    assert item.identificatie == "ZAAK-2003-0001"
    assert item.omvang == 600_000
    assert len(item.documenten) == 2
    assert item.beperking_einde == 2079  # zaakvertrouwelijk: 75 years after the einddatum in 2004
    assert [(g.van, g.naar, g.door) for g in overbrenging.gebeurtenissen.all()] == [(None, "concept", "recordmanager")]


def test_a_selection_with_an_ineligible_case_is_refused_whole(afspraak, fake):
    zaken = selectie(fake, 2)
    young = fake.add(sipdata.zaak(9, einddatum="2024-06-30"))
    with pytest.raises(DomainError) as error:
        create(afspraak, [*zaken, young])
    assert error.value.error_code == "niet-overdraagbaar"
    assert young in error.value.invalid_params[0]["reason"]
    assert "vervroegde overbrenging niet toe" in error.value.invalid_params[0]["reason"]
    assert not Overbrenging.objects.exists()


def test_the_legal_term_is_a_setting(afspraak, fake, settings):
    zaak = fake.add(sipdata.zaak(9, einddatum="2015-06-30"))
    with pytest.raises(DomainError):
        create(afspraak, [zaak])
    settings.ARCHIEF_OVERBRENGINGSTERMIJN = 10  # the new Archiefwet
    overbrenging = create(afspraak, [zaak])
    assert not overbrenging.vervroegd


def test_early_transfer_of_young_cases_under_the_agreement(afspraak, fake, catalogus):
    afspraak.vervroegd_toegestaan = True
    afspraak.vervroegd_zaaktypen = [catalogus["zaaktype"]]
    afspraak.save()
    young = fake.add(sipdata.zaak(9, einddatum="2024-06-30"))
    overbrenging = create(afspraak, [young])
    assert overbrenging.vervroegd
    assert overbrenging.items.get().vervroegd


def test_approval_packages_delivers_and_verifies(afspraak, fake, edepot, valid):
    overbrenging = packaged(afspraak, fake)
    assert overbrenging.status == Status.geverifieerd
    assert [(g.van, g.naar) for g in overbrenging.gebeurtenissen.all()] == [
        (None, "concept"),
        ("concept", "goedgekeurd"),
        ("goedgekeurd", "verpakken"),
        ("verpakken", "afgeleverd"),
        ("afgeleverd", "geverifieerd"),
    ]
    assert all(g.door and g.op for g in overbrenging.gebeurtenissen.all())
    containers = list(overbrenging.containers.all())
    assert len(containers) == 3  # 1 MiB per container, each case ~300 kB plus room for sidecars
    assert {c.status for c in containers} == {ContainerStatus.geverifieerd}
    assert set(overbrenging.items.values_list("status", flat=True)) == {ItemStatus.verpakt}
    valid(edepot)
    # nothing is overgedragen before the archive accepted
    assert {fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all()} == {"gearchiveerd"}


@pytest.mark.keten
def test_approval_starts_the_celery_chain(afspraak, fake, django_capture_on_commit_callbacks, celery_eager):
    overbrenging = create(afspraak, selectie(fake, 2))
    with django_capture_on_commit_callbacks(execute=True):
        services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.geverifieerd


def test_transitions_out_of_order_are_refused(afspraak, fake):
    overbrenging = create(afspraak, selectie(fake, 1))
    with pytest.raises(DomainError) as error:
        services.overbrenging_beoordelen(overbrenging=overbrenging, uitslagen=[], door=persoon("Archivaris"))
    assert error.value.error_code == "ongeldige-statusovergang"
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    with pytest.raises(DomainError):
        services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))


def uitslag(overbrenging, accepted: set[int]) -> list[dict]:
    return [
        {"zaak": item.zaak, "geaccepteerd": i in accepted, "reden": "" if i in accepted else "Metagegevens onvolledig"}
        for i, item in enumerate(overbrenging.items.order_by("identificatie"))
    ]


def test_full_acceptance_marks_the_cases_overgedragen_and_stores_the_verklaring(afspraak, fake):
    overbrenging = packaged(afspraak, fake)
    services.overbrenging_beoordelen(
        overbrenging=overbrenging, uitslagen=uitslag(overbrenging, {0, 1, 2}), door=persoon("Archivaris")
    )
    overbrenging = run(overbrenging)
    assert overbrenging.status == Status.afgerond
    assert [g.naar for g in overbrenging.gebeurtenissen.all()][-2:] == ["geaccepteerd", "afgerond"]
    assert {fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all()} == {"overgedragen"}
    assert set(overbrenging.items.values_list("status", flat=True)) == {ItemStatus.overgedragen}
    verklaring = fake.objects[overbrenging.verklaring]
    assert verklaring["titel"] == f"Verklaring van overbrenging {overbrenging.naam}"
    tree = etree.fromstring(fake.contents[overbrenging.verklaring])
    zaken = tree.findall("overgebrachteStukken/zaak")
    assert [z.get("identificatie") for z in zaken] == ["ZAAK-2003-0001", "ZAAK-2003-0002", "ZAAK-2003-0003"]
    assert zaken[0].findtext("openbaarheidsbeperking/eindjaar") == "2079"
    assert "persoonlijke levenssfeer" in zaken[0].findtext("openbaarheidsbeperking/grond")
    # the local copies are kept by default
    assert all(len(content) for url, content in fake.contents.items() if url != overbrenging.verklaring)


def test_partial_acceptance_transfers_only_the_accepted_cases(afspraak, fake):
    overbrenging = packaged(afspraak, fake)
    verdicts = uitslag(overbrenging, {0, 2})
    services.overbrenging_beoordelen(overbrenging=overbrenging, uitslagen=verdicts[:1], door=persoon("Archivaris"))
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.geverifieerd  # not every case has a verdict yet
    services.overbrenging_beoordelen(overbrenging=overbrenging, uitslagen=verdicts[1:], door=persoon("Archivaris"))
    overbrenging = run(overbrenging)
    assert [g.naar for g in overbrenging.gebeurtenissen.all()][-2:] == ["deels_geaccepteerd", "afgerond"]
    rejected = overbrenging.items.get(identificatie="ZAAK-2003-0002")
    assert rejected.status == ItemStatus.afgewezen
    assert rejected.reden == "Metagegevens onvolledig"
    assert rejected.beoordeeld_door == "archivaris" and rejected.beoordeeld_op
    assert fake.zaak(rejected.zaak)["archiefstatus"] == "gearchiveerd"
    states = {item.identificatie: fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all()}
    assert states == {
        "ZAAK-2003-0001": "overgedragen",
        "ZAAK-2003-0002": "gearchiveerd",
        "ZAAK-2003-0003": "overgedragen",
    }
    listed = etree.fromstring(fake.contents[overbrenging.verklaring]).findall("overgebrachteStukken/zaak")
    assert [z.get("identificatie") for z in listed] == ["ZAAK-2003-0001", "ZAAK-2003-0003"]


def test_rejection_transfers_nothing(afspraak, fake):
    overbrenging = packaged(afspraak, fake, 2)
    services.overbrenging_beoordelen(
        overbrenging=overbrenging, uitslagen=uitslag(overbrenging, set()), door=persoon("Archivaris")
    )
    overbrenging = run(overbrenging)
    assert [g.naar for g in overbrenging.gebeurtenissen.all()][-2:] == ["afgewezen", "afgerond"]
    assert {fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all()} == {"gearchiveerd"}
    assert not overbrenging.verklaring


def test_a_rejection_needs_a_reason_and_a_verdict_a_delivered_case(afspraak, fake):
    overbrenging = packaged(afspraak, fake, 1)
    item = overbrenging.items.get()
    with pytest.raises(DomainError) as error:
        services.overbrenging_beoordelen(
            overbrenging=overbrenging,
            uitslagen=[
                {"zaak": item.zaak, "geaccepteerd": False},
                {"zaak": "http://elders/zaak", "geaccepteerd": True},
            ],
            door=persoon("Archivaris"),
        )
    assert [p["name"] for p in error.value.invalid_params] == ["uitslagen.0.reden", "uitslagen.1.zaak"]
    item.refresh_from_db()
    assert item.status == ItemStatus.verpakt


def test_a_changed_file_stops_its_case_with_a_clear_error(afspraak, fake, edepot, valid):
    zaken = selectie(fake, 3)
    damaged = fake.zios[zaken[1]][0]
    fake.contents[damaged] = b"X" + fake.contents[damaged][1:]
    overbrenging = create(afspraak, zaken)
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    overbrenging = run(overbrenging)
    assert overbrenging.status == Status.geverifieerd
    failed = overbrenging.items.get(zaak=zaken[1])
    assert failed.status == ItemStatus.fout
    assert failed.fout_code == "integriteit"
    assert "komt niet overeen met de integriteit" in failed.fout
    valid(edepot)
    # the other cases can be accepted and the transfer completes without the broken one
    services.overbrenging_beoordelen(
        overbrenging=overbrenging,
        uitslagen=[{"zaak": z, "geaccepteerd": True} for z in (zaken[0], zaken[2])],
        door=persoon("Archivaris"),
    )
    overbrenging = run(overbrenging)
    assert overbrenging.status == Status.afgerond
    assert fake.zaak(zaken[1])["archiefstatus"] == "gearchiveerd"


def test_local_copies_are_emptied_after_acceptance_when_agreed(afspraak, fake):
    afspraak.lokale_kopie = "inhoud_vernietigen"
    afspraak.save()
    overbrenging = packaged(afspraak, fake, 1)
    documents = overbrenging.items.get().documenten
    services.overbrenging_beoordelen(
        overbrenging=overbrenging, uitslagen=uitslag(overbrenging, {0}), door=persoon("Archivaris")
    )
    run(overbrenging)
    assert [fake.contents[url] for url in documents] == [b"", b""]
    assert all(fake.objects[url]["titel"] for url in documents)  # the metadata stays
    assert not fake.locks


def delivered_bytes(edepot: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(edepot.iterdir())}


def reference_package(tmp_path: Path, overbrenging: Overbrenging, fake: FakeZGW) -> dict[str, bytes]:
    """The package an uninterrupted build makes from the same cases and clock."""
    out = tmp_path / "referentie"
    builder = SipBuilder(
        overbrenging.afspraak.sip_afspraak(), naam=overbrenging.naam, clock=overbrenging.peilmoment, out_dir=out
    )
    plan: dict[int, list[str]] = {}
    for item in overbrenging.items.all():
        plan.setdefault(item.container, []).append(item.zaak)
    with clients.ZGWBron() as bron:
        for number, urls in sorted(plan.items()):
            zaken = sort_zaken(bron.zaak_gegevens(url) for url in urls)
            builder.build_container(number, len(plan), zaken)
    return delivered_bytes(out)


KILL_POINTS = {
    "reading the first case": lambda fake: (
        lambda method, url: method == "GET" and url.endswith("zaakinformatieobjecten")
    ),
    "halfway through a download in the last container": lambda fake: (
        lambda method, url, seen=[]: method == "STREAM" and (seen.append(url) or len(seen) == 14)
    ),
    "reading the third case": lambda fake: lambda method, url: method == "GET" and url.endswith("0003"),
}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_resumption_after_the_worker_dies_while_packaging(afspraak, fake, edepot, tmp_path, valid, point):
    overbrenging = create(afspraak, selectie(fake, 3))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    placed = []
    original = LokaleMap.plaats

    def counting(self, bron, naam):
        placed.append(naam)
        return original(self, bron, naam)

    fake.kill_on(KILL_POINTS[point](fake))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LokaleMap, "plaats", counting)
        with pytest.raises(Killed):
            run(overbrenging)
        assert {fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all()} == {"gearchiveerd"}
        overbrenging = run(overbrenging)  # the worker starts again
    assert overbrenging.status == Status.geverifieerd
    assert sorted(placed) == sorted(set(placed)), "something was delivered twice"
    assert delivered_bytes(edepot) == reference_package(tmp_path, overbrenging, fake)
    valid(edepot)


def test_resumption_after_the_worker_dies_while_delivering(afspraak, fake, edepot, tmp_path, valid):
    overbrenging = create(afspraak, selectie(fake, 3))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    placed = []
    original = LokaleMap.plaats

    def dying(self, bron, naam):
        original(self, bron, naam)
        placed.append(naam)
        if len(placed) == 4:  # the second container is in place, its pakbon not yet
            raise Killed(naam)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LokaleMap, "plaats", dying)
        with pytest.raises(Killed):
            run(overbrenging)
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.verpakken
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LokaleMap, "plaats", lambda self, bron, naam: (placed.append(naam), original(self, bron, naam)))
        overbrenging = run(overbrenging)
    assert overbrenging.status == Status.geverifieerd
    assert sorted(placed) == sorted(set(placed)), "something was delivered twice"
    assert len(placed) == 9  # three containers, each with its pakbon and checksum file
    assert delivered_bytes(edepot) == reference_package(tmp_path, overbrenging, fake)
    valid(edepot)


def test_resumption_after_the_worker_dies_while_completing(afspraak, fake):
    overbrenging = packaged(afspraak, fake)
    services.overbrenging_beoordelen(
        overbrenging=overbrenging, uitslagen=uitslag(overbrenging, {0, 1, 2}), door=persoon("Archivaris")
    )
    patches = []
    fake.kill_on(lambda method, url: method == "PATCH" and (patches.append(url) or len(patches) == 2))
    with pytest.raises(Killed):
        run(overbrenging)
    states = sorted(fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all())
    assert states == ["gearchiveerd", "gearchiveerd", "overgedragen"]
    overbrenging = run(overbrenging)
    assert overbrenging.status == Status.afgerond
    assert {fake.zaak(item.zaak)["archiefstatus"] for item in overbrenging.items.all()} == {"overgedragen"}
    verklaringen = [
        url for method, url in fake.requests if method == "POST" and url.endswith("enkelvoudiginformatieobjecten")
    ]
    assert len(verklaringen) == 1


def test_a_damaged_delivery_is_delivered_again(afspraak, fake, edepot, valid):
    overbrenging = create(afspraak, selectie(fake, 1))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    original = LokaleMap.plaats
    damaged = []

    def damaging(self, bron, naam):
        original(self, bron, naam)
        if naam.endswith(".tar") and not damaged:
            target = self.root / naam
            data = bytearray(target.read_bytes())
            target.unlink()  # break the link with the staged container before changing it
            data[2000] ^= 0xFF
            target.write_bytes(bytes(data))
            damaged.append(naam)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LokaleMap, "plaats", damaging)
        overbrenging = run(overbrenging)
    assert overbrenging.status == Status.geverifieerd
    assert damaged and "opnieuw afgeleverd" in overbrenging.fout
    assert overbrenging.containers.get().afleverpogingen == 1
    valid(edepot)


def test_completion_without_a_type_for_the_verklaring_uses_the_archives_own_catalogue(afspraak, fake, settings):
    overbrenging = packaged(afspraak, fake, 1)
    services.overbrenging_beoordelen(
        overbrenging=overbrenging, uitslagen=uitslag(overbrenging, {0}), door=persoon("Archivaris")
    )
    settings.TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE = ""

    run(overbrenging)

    overbrenging.refresh_from_db()
    verklaring = fake.zaak(overbrenging.verklaring)
    with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
        iotype = catalogi.retrieve(verklaring["informatieobjecttype"])
        catalogus = catalogi.retrieve(iotype["catalogus"])
    assert (iotype["omschrijving"], iotype["concept"]) == ("Verklaring van overbrenging", False)
    assert (catalogus["domein"], catalogus["rsin"]) == ("ARCHB", "002220647")
    assert verklaring["bronorganisatie"] == "002220647"
    assert fake.zaak(overbrenging.items.get().zaak)["archiefstatus"] == "overgedragen"


def test_completion_without_a_bronorganisatie_marks_nothing(afspraak, fake, settings):
    overbrenging = packaged(afspraak, fake, 1)
    services.overbrenging_beoordelen(
        overbrenging=overbrenging, uitslagen=uitslag(overbrenging, {0}), door=persoon("Archivaris")
    )
    settings.TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE = ""
    settings.ARCHIEF_BRONORGANISATIE = ""
    with pytest.raises(DomainError) as error:
        run(overbrenging)
    assert "ARCHIEF_BRONORGANISATIE" in str(error.value.detail)
    assert fake.zaak(overbrenging.items.get().zaak)["archiefstatus"] == "gearchiveerd"


def test_a_case_or_file_gone_from_the_source_fails_that_case_only(afspraak, fake, valid):
    zaken = selectie(fake, 3)
    overbrenging = create(afspraak, zaken)
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    del fake.objects[zaken[0]]  # removed from the Zaken API after the selection
    del fake.contents[fake.zios[zaken[1]][1]]  # its file is gone from the Documenten API
    overbrenging = run(overbrenging)
    assert overbrenging.status == Status.geverifieerd
    items = {item.zaak: item for item in overbrenging.items.all()}
    assert (items[zaken[0]].status, items[zaken[0]].fout_code) == (ItemStatus.fout, "bron")
    assert (items[zaken[1]].status, items[zaken[1]].fout_code) == (ItemStatus.fout, "inhoud")
    assert items[zaken[2]].status == ItemStatus.verpakt
    valid(Path(afspraak.doel_locatie))


def test_an_outage_of_the_source_stops_the_step_to_be_retried(afspraak, fake, valid):
    from common.clients import ClientError

    overbrenging = create(afspraak, selectie(fake, 2))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    fake.fail_on(lambda method, url: url.endswith("/download"))
    with pytest.raises(ClientError):
        run(overbrenging)
    assert set(overbrenging.items.values_list("status", flat=True)) == {ItemStatus.geselecteerd}
    fake.fail_on(None)
    overbrenging = run(overbrenging)  # Celery's retry, once the provider is back
    assert set(overbrenging.items.values_list("status", flat=True)) == {ItemStatus.verpakt}
    valid(Path(afspraak.doel_locatie))


def test_resumption_after_the_worker_dies_while_verifying(afspraak, fake, edepot, tmp_path, valid):
    overbrenging = create(afspraak, selectie(fake, 2))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    placed, reads = [], []
    plaats, checksum = LokaleMap.plaats, LokaleMap.checksum

    def dying_checksum(self, naam, algorithm):
        reads.append(naam)
        if len(reads) == 1 and overbrenging.containers.filter(status=ContainerStatus.afgeleverd).exists():
            raise Killed(naam)
        return checksum(self, naam, algorithm)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LokaleMap, "plaats", lambda self, bron, naam: (placed.append(naam), plaats(self, bron, naam)))
        patch.setattr(LokaleMap, "checksum", dying_checksum)
        with pytest.raises(Killed):
            run(overbrenging)
        overbrenging = run(overbrenging)
    assert overbrenging.status == Status.geverifieerd
    assert sorted(placed) == sorted(set(placed)), "something was delivered twice"
    assert delivered_bytes(edepot) == reference_package(tmp_path, overbrenging, fake)
    valid(edepot)


def test_a_transfer_whose_worker_was_killed_resumes_by_itself_exactly_once(
    afspraak, fake, edepot, tmp_path, valid, worker_by_hand
):
    from django.utils import timezone

    from archief.overbrenging.tasks import overbrenging_verwerken, overbrengingen_hervatten

    overbrenging = create(afspraak, selectie(fake, 3))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    token = Overbrenging.objects.get(pk=overbrenging.pk).lease_token
    worker_by_hand()  # the chain approval queued never ran; what follows runs as queued
    placed = []
    original = LokaleMap.plaats
    fake.kill_on(KILL_POINTS["reading the third case"](fake))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LokaleMap, "plaats", lambda self, bron, naam: (placed.append(naam), original(self, bron, naam)))
        with pytest.raises(Killed):  # the worker's chain, with its lease, dies mid-step
            while overbrenging_stap_vergrendeld(overbrenging.pk, token):
                pass
        assert overbrengingen_hervatten() == 0, "a live lease is not taken over"
        Overbrenging.objects.filter(pk=overbrenging.pk).update(lease_tot=timezone.now() - dt.timedelta(seconds=1))
        fake.kill_on(lambda method, url: False)

        resumed = [overbrengingen_hervatten(), overbrengingen_hervatten()]  # two beats; tasks run in-process

        overbrenging_verwerken.delay(overbrenging.pk, str(token))  # the dead run's message, delivered again
    overbrenging.refresh_from_db()
    assert resumed == [1, 0]
    assert overbrenging.status == Status.geverifieerd
    assert overbrenging.lease_token is None and overbrenging.lease_tot is None  # waits for the archive's verdict
    assert [g.naar for g in overbrenging.gebeurtenissen.all()].count(Status.afgeleverd) == 1
    assert sorted(placed) == sorted(set(placed)), "something was delivered twice"
    assert delivered_bytes(edepot) == reference_package(tmp_path, overbrenging, fake)
    valid(edepot)


def test_the_sip_build_asks_the_source_for_a_file_not_json(afspraak, fake, edepot, valid):
    """As Open Zaak, the source answers 406 to a download that asks for JSON; the build asks for a file."""
    zaak = fake.add(sipdata.zaak(1, documenten=1, size=1000))
    document = fake.objects[fake.zios[zaak][0]]
    refused = fake.handle_request(httpx.Request("GET", document["inhoud"], headers={"Accept": "application/json"}))
    assert refused.status_code == 406

    overbrenging = create(afspraak, [zaak])
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    overbrenging = run(overbrenging)

    assert overbrenging.status == Status.geverifieerd
    assert fake.downloads == [document["url"]]
