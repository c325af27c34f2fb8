"""factory_boy factories for the archive's index and lists."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone
from factory.django import DjangoModelFactory

from common.constants import Archiefnominatie

from ..models import IndexDocument, IndexZaak, IndexZaakType

ZAKEN = "http://localhost:8000/zaken/api/v1/zaken/"
CATALOGI = "http://localhost:8000/catalogi/api/v1/"


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"medewerker{n}")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class IndexZaakTypeFactory(DjangoModelFactory):
    url = factory.Sequence(lambda n: f"{CATALOGI}zaaktypen/00000000-0000-0000-0000-{n:012d}")
    identificatie = factory.Sequence(lambda n: f"ZT-{n}")
    omschrijving = factory.Sequence(lambda n: f"Zaaktype {n}")
    gesynchroniseerd_op = factory.LazyFunction(timezone.now)

    class Meta:
        model = IndexZaakType


class IndexZaakFactory(DjangoModelFactory):
    """A closed zaak, nominated for destruction, whose archiefactiedatum has passed."""

    url = factory.Sequence(lambda n: f"{ZAKEN}11111111-0000-0000-0000-{n:012d}")
    identificatie = factory.Sequence(lambda n: f"ZAAK-{n:05d}")
    bronorganisatie = "000000000"
    zaaktype = f"{CATALOGI}zaaktypen/00000000-0000-0000-0000-000000000000"
    zaaktype_omschrijving = "Melding openbare ruimte"
    startdatum = dt.date(2010, 1, 4)
    einddatum = dt.date(2010, 3, 1)
    resultaat_omschrijving = "Afgehandeld"
    selectielijstklasse = "http://localhost:8000/selectielijst/api/v1/resultaten/aaaa"
    selectielijstklasse_nummer = "11.1.2"
    selectielijst_jaar = 2020
    archiefnominatie = Archiefnominatie.vernietigen
    archiefactiedatum = dt.date(2015, 3, 1)
    gesynchroniseerd_op = factory.LazyFunction(timezone.now)

    class Meta:
        model = IndexZaak


class IndexDocumentFactory(DjangoModelFactory):
    zaak = factory.SubFactory(IndexZaakFactory)
    url = factory.Sequence(lambda n: f"http://localhost:8000/documenten/api/v1/enkelvoudiginformatieobjecten/{n}")
    titel = factory.Sequence(lambda n: f"Document {n}")
    status = "definitief"
    integriteit_algoritme = "sha_256"
    integriteit_waarde = factory.Sequence(lambda n: f"{n:064x}")
    versie = 1

    class Meta:
        model = IndexDocument
