"""Shared records: API clients and their authorisations, audit trail, notifications."""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from django.utils import timezone

from .constants import Actie, ComponentTypes, VertrouwelijkheidsAanduiding


class ClientCredential(models.Model):
    """The shared secret a client signs its JWT-ZGW tokens with."""

    client_id = models.CharField(
        "client ID", max_length=255, unique=True, help_text="The `client_id` claim of the tokens."
    )
    secret = models.CharField(
        max_length=255, help_text="Shared secret for the HS256 signature of this client's tokens."
    )

    class Meta:
        verbose_name = "client credential"
        verbose_name_plural = "client credentials"

    def __str__(self) -> str:
        return self.client_id


class Applicatie(models.Model):
    """An application that calls the APIs, with the client IDs it uses (ZGW Autorisaties)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique resource identifier.")
    client_ids = models.JSONField(
        "client IDs",
        default=list,
        help_text="The client IDs this application uses in its JWT-ZGW tokens.",
    )
    label = models.CharField(max_length=100, help_text="A human readable name for the application.")
    heeft_alle_autorisaties = models.BooleanField(
        default=False, help_text="When set, the application may do everything in every component."
    )

    class Meta:
        verbose_name = "applicatie"
        verbose_name_plural = "applicaties"

    def __str__(self) -> str:
        return self.label


class Autorisatie(models.Model):
    """Scopes of an applicatie in one component, optionally for one type and confidentiality."""

    applicatie = models.ForeignKey(
        Applicatie, on_delete=models.CASCADE, related_name="autorisaties", help_text="The applicatie."
    )
    component = models.CharField(
        max_length=50, choices=ComponentTypes.choices, help_text="Component the scopes apply to."
    )
    scopes = models.JSONField(default=list, help_text="Scopes granted in this component.")
    zaaktype = models.URLField(max_length=1000, blank=True, help_text="URL of the zaaktype, for component `zrc`.")
    informatieobjecttype = models.URLField(
        max_length=1000, blank=True, help_text="URL of the informatieobjecttype, for component `drc`."
    )
    besluittype = models.URLField(max_length=1000, blank=True, help_text="URL of the besluittype, for component `brc`.")
    max_vertrouwelijkheidaanduiding = models.CharField(
        max_length=100,
        choices=VertrouwelijkheidsAanduiding.choices,
        blank=True,
        help_text="Most confidential level the applicatie may see for this type.",
    )

    class Meta:
        verbose_name = "autorisatie"
        verbose_name_plural = "autorisaties"

    def __str__(self) -> str:
        return f"{self.component}: {', '.join(self.scopes)}"


class AuditTrail(models.Model):
    """One change to, or read of, a resource (the ZGW `audittrail` resource)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique resource identifier.")
    bron = models.CharField(
        max_length=50, choices=ComponentTypes.choices, help_text="The component that made the change."
    )
    applicatie_id = models.CharField(max_length=100, blank=True, help_text="UUID of the applicatie.")
    applicatie_weergave = models.CharField(max_length=200, blank=True, help_text="Label of the applicatie.")
    gebruikers_id = models.CharField(max_length=255, blank=True, help_text="`user_id` of the token.")
    gebruikers_weergave = models.CharField(max_length=255, blank=True, help_text="`user_representation` of the token.")
    actie = models.CharField(max_length=50, help_text="The action, e.g. `create`.")
    actie_weergave = models.CharField(max_length=200, blank=True, help_text="Human readable action.")
    resultaat = models.IntegerField(help_text="HTTP status code of the action.")
    hoofd_object = models.URLField(max_length=1000, help_text="URL of the main object.")
    resource = models.CharField(max_length=50, help_text="Resource type, e.g. `zaak`.")
    resource_url = models.URLField(max_length=1000, help_text="URL of the resource.")
    toelichting = models.TextField(blank=True, help_text="Explanation given with the change.")
    resource_weergave = models.CharField(max_length=200, blank=True, help_text="Readable resource.")
    aanmaakdatum = models.DateTimeField(default=timezone.now, help_text="When it happened.")
    oud = models.JSONField(null=True, blank=True, help_text="The resource before the change.")
    nieuw = models.JSONField(null=True, blank=True, help_text="The resource after the change.")

    class Meta:
        verbose_name = "audit trail entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["hoofd_object", "aanmaakdatum"])]
        ordering = ["aanmaakdatum", "pk"]

    def __str__(self) -> str:
        return f"{self.actie} {self.resource_url}"


class Abonnement(models.Model):
    """A subscriber that receives notifications on its callback URL."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique identifier.")
    label = models.CharField(max_length=100, help_text="Who this is.")
    callback_url = models.URLField(max_length=1000, help_text="Where notifications are POSTed.")
    auth = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Value of the Authorization header sent with each notification.",
    )
    kanalen = models.JSONField(default=list, help_text='Kanalen to receive, e.g. ["zaken", "documenten"]; empty: all.')
    filters = models.JSONField(
        default=dict,
        blank=True,
        help_text='Kenmerken that must match, e.g. {"bronorganisatie": "002220647"}.',
    )
    actief = models.BooleanField(default=True, help_text="Only active subscribers receive messages.")

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnementen"

    def __str__(self) -> str:
        return self.label

    def wants(self, kanaal: str, kenmerken: dict) -> bool:
        if self.kanalen and kanaal not in self.kanalen:
            return False
        return all(str(kenmerken.get(key)) == str(value) for key, value in (self.filters or {}).items())


class Notificatie(models.Model):
    """A notification in the outbox, written in the same transaction as its change."""

    kanaal = models.CharField(max_length=50, help_text="Kanaal, e.g. `zaken`.")
    hoofd_object = models.URLField(max_length=1000, help_text="URL of the main object.")
    resource = models.CharField(max_length=100, help_text="Resource type, e.g. `status`.")
    resource_url = models.URLField(max_length=1000, help_text="URL of the resource.")
    actie = models.CharField(max_length=50, choices=Actie.choices, help_text="What happened.")
    aanmaakdatum = models.DateTimeField(default=timezone.now, help_text="When it happened.")
    kenmerken = models.JSONField(default=dict, blank=True, help_text="Kenmerken to filter on.")

    class Meta:
        verbose_name = "notificatie"
        verbose_name_plural = "notificaties"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kanaal} {self.actie} {self.resource_url}"

    def message(self) -> dict:
        """The message body in the ZGW Notificaties format."""
        return {
            "kanaal": self.kanaal,
            "hoofdObject": self.hoofd_object,
            "resource": self.resource,
            "resourceUrl": self.resource_url,
            "actie": self.actie,
            "aanmaakdatum": self.aanmaakdatum.isoformat().replace("+00:00", "Z"),
            "kenmerken": self.kenmerken,
        }


class Aflevering(models.Model):
    """Delivery of one notification to one subscriber, retried until it succeeds."""

    class Status(models.TextChoices):
        pending = "pending", "Wacht op aflevering"
        delivered = "delivered", "Afgeleverd"
        failed = "failed", "Opgegeven"

    notificatie = models.ForeignKey(Notificatie, on_delete=models.CASCADE, related_name="afleveringen")
    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="afleveringen")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.pending)
    pogingen = models.PositiveIntegerField(default=0, help_text="Delivery attempts so far.")
    volgende_poging = models.DateTimeField(default=timezone.now, help_text="Not before this moment.")
    laatste_fout = models.TextField(blank=True, help_text="What went wrong last time.")
    afgeleverd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "aflevering"
        verbose_name_plural = "afleveringen"
        unique_together = [("notificatie", "abonnement")]
        indexes = [models.Index(fields=["status", "volgende_poging"])]

    def __str__(self) -> str:
        return f"{self.notificatie} → {self.abonnement} ({self.status})"
