"""The catalogue in the admin: archivists see each zaaktype's resultaattypen and their archiving parameters.

The catalogue is designed through the Catalogi API, where its rules apply (concepts,
versions, the Selectielijst, notifications); the admin shows it and can publish a
concept zaaktype through the same service, so it is no way around those rules.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from common.exceptions import DomainError

from . import archiving, services
from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    SpiegelVerwijdering,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from .selectors import zaaktype_is_deelzaaktype


def archiveringsbezwaren(resultaattype: ResultaatType) -> list[str]:
    """What keeps zaken with this result from being archived automatically (no Selectielijst call)."""
    zaaktype = resultaattype.zaaktype
    return archiving.archiefparameters_ontbrekend(
        archiving.ResultaattypeArchivering(
            archiefnominatie=resultaattype.archiefnominatie,
            archiefactietermijn=resultaattype.archiefactietermijn,
            selectielijstklasse=resultaattype.selectielijstklasse,
            brondatum_archiefprocedure=resultaattype.brondatum_archiefprocedure,
            eigenschappen=frozenset(zaaktype.eigenschappen.values_list("naam", flat=True)),
            heeft_besluittypen=zaaktype.besluittypen.exists(),
            is_deelzaaktype=zaaktype_is_deelzaaktype(zaaktype),
        )
    )


class AlleenLezenMixin:
    """The catalogue changes through the Catalogi API only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenLezenInline(AlleenLezenMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class StatusTypeInline(AlleenLezenInline):
    model = StatusType
    fields = ("volgnummer", "omschrijving", "omschrijving_generiek", "informeren", "doorlooptijd")


class RolTypeInline(AlleenLezenInline):
    model = RolType
    fields = ("omschrijving", "omschrijving_generiek")


class EigenschapInline(AlleenLezenInline):
    model = Eigenschap
    fields = ("naam", "definitie", "specificatie_formaat")


class ZaakTypeInformatieObjectTypeInline(AlleenLezenInline):
    model = ZaakTypeInformatieObjectType
    fields = ("volgnummer", "informatieobjecttype", "richting", "statustype")


class ZaakObjectTypeInline(AlleenLezenInline):
    model = ZaakObjectType
    fields = ("relatie_omschrijving", "objecttype", "ander_objecttype")


class ResultaatTypeInline(AlleenLezenInline):
    """The archiving parameters of each result, and whether they are complete."""

    model = ResultaatType
    verbose_name_plural = "resultaattypen en hun archiefparameters"
    fields = (
        "omschrijving",
        "omschrijving_generiek",
        "archiefnominatie",
        "archiefactietermijn",
        "brondatum_archiefprocedure_afleidingswijze",
        "brondatum_archiefprocedure_datumkenmerk",
        "brondatum_archiefprocedure_objecttype",
        "brondatum_archiefprocedure_registratie",
        "brondatum_archiefprocedure_procestermijn",
        "selectielijst",
        "archivering",
    )
    readonly_fields = ("selectielijst", "archivering")

    @admin.display(description="selectielijstklasse")
    def selectielijst(self, obj: ResultaatType) -> str:
        return format_html('<a href="{}">{}</a>', obj.selectielijstklasse, obj.selectielijstklasse.rsplit("/", 1)[-1])

    @admin.display(description="archivering")
    def archivering(self, obj: ResultaatType) -> str:
        bezwaren = archiveringsbezwaren(obj)
        if not bezwaren:
            return "compleet"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((b,) for b in bezwaren)))


@admin.register(Catalogus)
class CatalogusAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ("domein", "rsin", "naam", "versie", "contactpersoon_beheer_naam")
    search_fields = ("domein", "rsin", "naam")


@admin.register(ZaakType)
class ZaakTypeAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ("identificatie", "omschrijving", "catalogus", "begin_geldigheid", "einde_geldigheid", "concept")
    list_filter = ("concept", "catalogus")
    search_fields = ("identificatie", "omschrijving")
    ordering = ("catalogus", "identificatie", "begin_geldigheid")
    inlines = (
        ResultaatTypeInline,
        StatusTypeInline,
        RolTypeInline,
        EigenschapInline,
        ZaakTypeInformatieObjectTypeInline,
        ZaakObjectTypeInline,
    )
    actions = ("publiceren",)

    def has_change_permission(self, request, obj=None):
        # Viewing needs the view permission only; the publish action needs change rights on
        # the changelist (obj=None) and goes through the service with all its rules.
        return obj is None and request.user.has_perm("zaken.change_zaaktype")

    @admin.action(description="Publiceren (als het zaaktype compleet en archiveerbaar is)")
    def publiceren(self, request, queryset):
        for zaaktype in queryset.filter(concept=True):
            try:
                services.zaaktype_publish(zaaktype=zaaktype)
            except DomainError as exc:
                bezwaren = "; ".join(p["reason"] for p in exc.invalid_params)
                self.message_user(request, f"{zaaktype} is niet gepubliceerd: {bezwaren}", messages.ERROR)
            else:
                self.message_user(request, f"{zaaktype} is gepubliceerd.", messages.SUCCESS)


@admin.register(ResultaatType)
class ResultaatTypeAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """All resultaattypen with their archiving parameters: where is archiving not yet by design?"""

    list_display = (
        "omschrijving",
        "zaaktype",
        "archiefnominatie",
        "archiefactietermijn",
        "brondatum_archiefprocedure_afleidingswijze",
        "archiveerbaar",
    )
    list_filter = ("archiefnominatie", "brondatum_archiefprocedure_afleidingswijze", "zaaktype__concept")
    search_fields = ("omschrijving", "zaaktype__identificatie", "zaaktype__omschrijving")
    list_select_related = ("zaaktype",)

    @admin.display(boolean=True, description="archiveerbaar")
    def archiveerbaar(self, obj: ResultaatType) -> bool:
        return not archiveringsbezwaren(obj)


@admin.register(InformatieObjectType)
class InformatieObjectTypeAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ("omschrijving", "vertrouwelijkheidaanduiding", "catalogus", "begin_geldigheid", "concept")
    list_filter = ("concept", "vertrouwelijkheidaanduiding", "catalogus")
    search_fields = ("omschrijving",)


@admin.register(BesluitType)
class BesluitTypeAdmin(AlleenLezenMixin, admin.ModelAdmin):
    list_display = ("omschrijving", "catalogus", "begin_geldigheid", "concept")
    list_filter = ("concept", "catalogus")
    search_fields = ("omschrijving",)


@admin.register(SpiegelVerwijdering)
class SpiegelVerwijderingAdmin(AlleenLezenMixin, admin.ModelAdmin):
    """Removals of mirrored relations that wait for the Documenten API to answer; the beat
    tries them again (`zaken.tasks.spiegels_verwijderen`). A list that grows says the
    Documenten API has been unreachable since the oldest one."""

    list_display = ("informatieobject", "object", "aangemaakt", "pogingen", "volgende_poging", "laatste_fout")
    ordering = ("aangemaakt",)
