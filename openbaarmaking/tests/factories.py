"""Factories of openbaarmaking's own records (documents in the Documenten API come from the fake)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from openbaarmaking.models import Informatiecategorie, Organisatie, Publicatie, PublicatieDocument, PublicatieStatus


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ("identifier",)

    naam = "gemeente Utrecht"
    identifier = "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"


class PublicatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publicatie
        skip_postgeneration_save = True

    officiele_titel = factory.Sequence(lambda n: f"Besluit {n}")
    publisher = factory.SubFactory(OrganisatieFactory)
    status = PublicatieStatus.concept

    @factory.post_generation
    def informatiecategorieen(self, create, extracted, **kwargs):
        self.informatiecategorieen.set(extracted or [Informatiecategorie.objects.get(nummer=16)])


class PublicatieDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicatieDocument

    publicatie = factory.SubFactory(PublicatieFactory)
    document = factory.Sequence(lambda n: f"http://localhost:8000/documenten/api/v1/enkelvoudiginformatieobjecten/{n}")
    identificatie = factory.Sequence(lambda n: f"DOC-{n}")
    officiele_titel = factory.Sequence(lambda n: f"Document {n} & bijlage <1>")
    creatiedatum = dt.date(2026, 11, 1)
    bestandsnaam = "besluit.pdf"
    formaat = "application/pdf"
    bestandsomvang = 1234
    taal = "nld"
    vastgesteld_op = factory.LazyFunction(timezone.now)
