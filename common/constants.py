"""Enumerations shared by every ZGW component."""

from django.db import models


class VertrouwelijkheidsAanduiding(models.TextChoices):
    """The confidentiality levels of the ZGW standards, from least to most restricted."""

    openbaar = "openbaar", "Openbaar"
    beperkt_openbaar = "beperkt_openbaar", "Beperkt openbaar"
    intern = "intern", "Intern"
    zaakvertrouwelijk = "zaakvertrouwelijk", "Zaakvertrouwelijk"
    vertrouwelijk = "vertrouwelijk", "Vertrouwelijk"
    confidentieel = "confidentieel", "Confidentieel"
    geheim = "geheim", "Geheim"
    zeer_geheim = "zeer_geheim", "Zeer geheim"

    @classmethod
    def rank(cls, value: str) -> int:
        """Position in the ordering: a client may see levels up to its maximum."""
        return cls.values.index(value)


class ComponentTypes(models.TextChoices):
    ac = "ac", "Autorisatiecomponent"
    nrc = "nrc", "Notificatierouteringcomponent"
    zrc = "zrc", "Zaakregistratiecomponent"
    ztc = "ztc", "Zaaktypecatalogus"
    drc = "drc", "Documentregistratiecomponent"
    brc = "brc", "Besluitregistratiecomponent"
    cmc = "cmc", "Contactmomentenregistratiecomponent"
    kc = "kc", "Klantencomponent"
    vrc = "vrc", "Verzoekregistratiecomponent"
    # Our own components, not part of the ZGW standard.
    arc = "arc", "Archiefbeheercomponent"
    orc = "orc", "Openbaarmakingscomponent"


class Archiefnominatie(models.TextChoices):
    blijvend_bewaren = "blijvend_bewaren", "Blijvend bewaren"
    vernietigen = "vernietigen", "Vernietigen"


class Archiefstatus(models.TextChoices):
    nog_te_archiveren = "nog_te_archiveren", "Nog te archiveren"
    gearchiveerd = "gearchiveerd", "Gearchiveerd"
    gearchiveerd_procestermijn_onbekend = (
        "gearchiveerd_procestermijn_onbekend",
        "Gearchiveerd (procestermijn onbekend)",
    )
    overgedragen = "overgedragen", "Overgedragen"


class Actie(models.TextChoices):
    """Actions recorded in the audit trail and sent in notifications."""

    create = "create", "Object aangemaakt"
    list = "list", "Lijst van objecten opgehaald"
    retrieve = "retrieve", "Object opgehaald"
    destroy = "destroy", "Object verwijderd"
    update = "update", "Object bijgewerkt"
    partial_update = "partial_update", "Object deels bijgewerkt"
