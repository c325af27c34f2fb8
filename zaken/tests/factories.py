"""factory_boy factories for the catalogue and zaken."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from common.constants import Archiefnominatie, VertrouwelijkheidsAanduiding

from ..models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    Zaak,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from ..models.choices import Afleidingswijze, EigenschapFormaat, Richting, RolOmschrijvingGeneriek
from . import selectielijst


class CatalogusFactory(DjangoModelFactory):
    domein = factory.Sequence(lambda n: f"D{n:04d}")
    rsin = "000000000"
    contactpersoon_beheer_naam = "Ada Archivaris"
    naam = factory.Sequence(lambda n: f"Catalogus {n}")

    class Meta:
        model = Catalogus


class ZaakTypeFactory(DjangoModelFactory):
    catalogus = factory.SubFactory(CatalogusFactory)
    identificatie = factory.Sequence(lambda n: f"ZT-{n}")
    omschrijving = factory.Sequence(lambda n: f"Melding openbare ruimte {n}")
    vertrouwelijkheidaanduiding = VertrouwelijkheidsAanduiding.openbaar
    doel = "Meldingen afhandelen"
    aanleiding = "Een melding"
    indicatie_intern_of_extern = "extern"
    handeling_initiator = "melden"
    onderwerp = "Openbare ruimte"
    handeling_behandelaar = "behandelen"
    doorlooptijd = "P30D"
    opschorting_en_aanhouding_mogelijk = False
    verlenging_mogelijk = False
    publicatie_indicatie = False
    producten_of_diensten: list[str] = []
    selectielijst_procestype = factory.LazyFunction(lambda: selectielijst.procestype(selectielijst.PROCESTYPE_15))
    referentieproces_naam = "Melding"
    verantwoordelijke = "Team Buitenruimte"
    versiedatum = dt.date(2020, 1, 1)
    begin_geldigheid = dt.date(2020, 1, 1)

    class Meta:
        model = ZaakType

    class Params:
        gepubliceerd = factory.Trait(concept=False)


class InformatieObjectTypeFactory(DjangoModelFactory):
    catalogus = factory.SubFactory(CatalogusFactory)
    omschrijving = factory.Sequence(lambda n: f"Document {n}")
    vertrouwelijkheidaanduiding = VertrouwelijkheidsAanduiding.openbaar
    informatieobjectcategorie = "Melding"
    begin_geldigheid = dt.date(2020, 1, 1)

    class Meta:
        model = InformatieObjectType

    class Params:
        gepubliceerd = factory.Trait(concept=False)


class BesluitTypeFactory(DjangoModelFactory):
    catalogus = factory.SubFactory(CatalogusFactory)
    omschrijving = factory.Sequence(lambda n: f"Besluit {n}")
    publicatie_indicatie = False
    begin_geldigheid = dt.date(2020, 1, 1)

    class Meta:
        model = BesluitType

    class Params:
        gepubliceerd = factory.Trait(concept=False)


class StatusTypeFactory(DjangoModelFactory):
    zaaktype = factory.SubFactory(ZaakTypeFactory)
    omschrijving = factory.Sequence(lambda n: f"Status {n}")
    volgnummer = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = StatusType


class RolTypeFactory(DjangoModelFactory):
    zaaktype = factory.SubFactory(ZaakTypeFactory)
    omschrijving = "Melder"
    omschrijving_generiek = RolOmschrijvingGeneriek.initiator

    class Meta:
        model = RolType


class EigenschapFactory(DjangoModelFactory):
    zaaktype = factory.SubFactory(ZaakTypeFactory)
    naam = factory.Sequence(lambda n: f"eigenschap{n}")
    definitie = "Een eigenschap"
    specificatie_formaat = EigenschapFormaat.datum
    specificatie_lengte = "8"
    specificatie_kardinaliteit = "1"

    class Meta:
        model = Eigenschap


class ResultaatTypeFactory(DjangoModelFactory):
    """A resultaattype with complete archiving parameters (procestype 15, procestermijn nihil)."""

    zaaktype = factory.SubFactory(ZaakTypeFactory)
    omschrijving = factory.Sequence(lambda n: f"Resultaat {n}")
    resultaattypeomschrijving = factory.LazyFunction(
        lambda: selectielijst.resultaattypeomschrijving(selectielijst.AFGEWEZEN)
    )
    omschrijving_generiek = "Afgewezen"
    selectielijstklasse = factory.LazyFunction(lambda: selectielijst.resultaat(selectielijst.NIHIL_P5Y))
    archiefnominatie = Archiefnominatie.vernietigen
    archiefactietermijn = "P5Y"
    brondatum_archiefprocedure_afleidingswijze = Afleidingswijze.afgehandeld

    class Meta:
        model = ResultaatType


class ZaakObjectTypeFactory(DjangoModelFactory):
    zaaktype = factory.SubFactory(ZaakTypeFactory)
    ander_objecttype = False
    objecttype = "https://objecttypen.example.nl/api/v2/objecttypes/1"
    relatie_omschrijving = "Betreft"
    begin_geldigheid = dt.date(2020, 1, 1)

    class Meta:
        model = ZaakObjectType


class ZaakTypeInformatieObjectTypeFactory(DjangoModelFactory):
    zaaktype = factory.SubFactory(ZaakTypeFactory)
    informatieobjecttype = factory.SubFactory(
        InformatieObjectTypeFactory, catalogus=factory.SelfAttribute("..zaaktype.catalogus")
    )
    volgnummer = factory.Sequence(lambda n: n + 1)
    richting = Richting.inkomend

    class Meta:
        model = ZaakTypeInformatieObjectType


class ZaakFactory(DjangoModelFactory):
    """A zaak written straight to the database, past the API's rules (for counts and lists)."""

    identificatie = factory.Sequence(lambda n: f"ZAAK-{n:06d}")
    bronorganisatie = "002220647"
    verantwoordelijke_organisatie = "002220647"
    zaaktype = factory.SubFactory(ZaakTypeFactory, gepubliceerd=True)
    startdatum = dt.date(2024, 1, 15)
    vertrouwelijkheidaanduiding = VertrouwelijkheidsAanduiding.openbaar

    class Meta:
        model = Zaak


def publiceerbaar_zaaktype(**kwargs) -> ZaakType:
    """A concept zaaktype that is complete: two statustypen, a roltype and an archivable resultaattype."""
    zaaktype = ZaakTypeFactory(**kwargs)
    StatusTypeFactory(zaaktype=zaaktype, volgnummer=1, omschrijving="Ontvangen")
    StatusTypeFactory(zaaktype=zaaktype, volgnummer=2, omschrijving="Afgehandeld")
    RolTypeFactory(zaaktype=zaaktype)
    ResultaatTypeFactory(zaaktype=zaaktype)
    return zaaktype


def gepubliceerd_zaaktype(**kwargs) -> ZaakType:
    """A published zaaktype with statustypen 1 (begin) and 2 (eind), a roltype and a resultaattype."""
    zaaktype = publiceerbaar_zaaktype(**kwargs)
    zaaktype.concept = False
    zaaktype.save()
    return zaaktype
