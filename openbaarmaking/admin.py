"""The publication officer's view: publications by status and deadline (overdue first), bulk
publishing and revoking with a confirmation, and a chart of publications per category per month."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import TruncMonth
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from common import tijd
from common.admin import HelpTextAsText
from common.exceptions import DomainError

from . import services, waardelijsten
from .clients import BadReferenceError, CatalogiClient, ProviderUnavailableError
from .models import (
    Informatiecategorie,
    Organisatie,
    Publicatie,
    PublicatieDocument,
    Publicatieregel,
    PublicatieStatus,
    SitemapBestand,
    SitemapGeneratie,
)

CONFIRMED = "bevestigd"


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Informatiecategorie)
class InformatiecategorieAdmin(ReadOnlyAdmin):
    """The TOOI list, loaded by a migration."""

    list_display = ("nummer", "naam", "identifier")
    search_fields = ("naam", "identifier")


class OrganisatieForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ("naam", "identifier")

    def clean_identifier(self):
        identifier = self.cleaned_data["identifier"]
        if identifier not in waardelijsten.organisaties():
            raise forms.ValidationError("Deze identifier staat niet in de TOOI-organisatielijsten van DiWoo.")
        return identifier


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    form = OrganisatieForm
    list_display = ("naam", "identifier")
    search_fields = ("naam", "identifier")


def _informatieobjecttype_label(body: dict) -> str:
    concept = " (concept)" if body.get("concept") else ""
    return f"{body.get('omschrijving') or body['url']}{concept}, geldig vanaf {body.get('beginGeldigheid') or '?'}"


class PublicatieregelForm(forms.ModelForm):
    """The informatieobjecttype is picked from the Catalogi API's list, not pasted as a URL.

    When the Catalogi API does not answer, the URL can be typed instead (and is still
    checked against the API before it is saved).
    """

    informatieobjecttype = forms.ChoiceField(
        label="informatieobjecttype",
        help_text="Het informatieobjecttype uit de Catalogi API waarvan definitieve, openbare documenten "
        "onder deze regel vallen.",
    )

    class Meta:
        model = Publicatieregel
        fields = ("informatieobjecttype", "informatiecategorie", "automatisch_publiceren", "termijn_dagen")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        huidig = self.initial.get("informatieobjecttype") or ""
        try:
            typen = CatalogiClient().informatieobjecttypen()
        except ProviderUnavailableError:
            self.fields["informatieobjecttype"] = forms.URLField(
                label="informatieobjecttype",
                max_length=1000,
                assume_scheme="https",
                help_text="De Catalogi API antwoordt nu niet, dus er is geen lijst om uit te kiezen: "
                "plak de URL van het informatieobjecttype.",
            )
            return
        keuzes = sorted(((t["url"], _informatieobjecttype_label(t)) for t in typen), key=lambda k: k[1].lower())
        if huidig and huidig not in {url for url, _ in keuzes}:
            keuzes.append((huidig, f"{huidig} (niet gevonden in de Catalogi API)"))
        self.fields["informatieobjecttype"].choices = [("", "---------"), *keuzes]

    def clean_informatieobjecttype(self):
        url = self.cleaned_data["informatieobjecttype"]
        try:
            CatalogiClient().informatieobjecttype(url)
        except BadReferenceError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


@admin.register(Publicatieregel)
class PublicatieregelAdmin(admin.ModelAdmin):
    form = PublicatieregelForm
    list_display = ("informatieobjecttype", "informatiecategorie", "automatisch_publiceren", "termijn_dagen")
    list_filter = ("automatisch_publiceren", "informatiecategorie")

    def get_list_display(self, request):
        # The names of the types, from one call to the Catalogi API for the page; while it
        # does not answer, the list shows the URLs.
        try:
            namen = {t["url"]: t.get("omschrijving", "") for t in CatalogiClient().informatieobjecttypen()}
        except ProviderUnavailableError:
            namen = {}

        @admin.display(description="informatieobjecttype", ordering="informatieobjecttype")
        def informatieobjecttype_naam(obj: Publicatieregel) -> str:
            naam = namen.get(obj.informatieobjecttype)
            return f"{naam} ({obj.informatieobjecttype})" if naam else obj.informatieobjecttype

        return (informatieobjecttype_naam, *self.list_display[1:])


class DocumentInline(admin.TabularInline):
    model = PublicatieDocument
    fields = ("officiele_titel", "document", "bestandsnaam", "formaat", "bestandsomvang", "vastgesteld_op")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DeadlineFilter(admin.SimpleListFilter):
    title = "deadline"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return (("verlopen", "Verlopen"), ("binnenkort", "Binnenkort (binnen de waarschuwingstermijn)"))

    def queryset(self, request, queryset):
        vandaag = tijd.vandaag()
        if self.value() == "verlopen":
            return queryset.filter(status=PublicatieStatus.concept, deadline__lt=vandaag)
        if self.value() == "binnenkort":
            tot = vandaag + dt.timedelta(days=settings.OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN)
            return queryset.filter(status=PublicatieStatus.concept, deadline__gte=vandaag, deadline__lte=tot)
        return queryset


class IntrekkenForm(forms.Form):
    reden = forms.ChoiceField(
        label="Reden van intrekking",
        choices=lambda: list(waardelijsten.redenen_intrekking().items()),
        help_text="Uit de TOOI-lijst van redenen voor intrekking of vervanging.",
    )
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Publicatie)
class PublicatieAdmin(admin.ModelAdmin):
    list_display = ("officiele_titel", "status", "deadline_weergave", "categorieen", "datum_gepubliceerd")
    list_filter = ("status", DeadlineFilter, "informatiecategorieen")
    search_fields = ("officiele_titel", "verkorte_titel", "bron_document")
    filter_horizontal = ("informatiecategorieen",)
    inlines = [DocumentInline]
    actions = ("publiceren", "intrekken")
    change_list_template = "admin/openbaarmaking/publicatie/change_list.html"
    readonly_fields = (
        "uuid",
        "status",
        "registratiedatum",
        "datum_gepubliceerd",
        "datum_ingetrokken",
        "reden_intrekking",
        "toelichting_intrekking",
        "bron_document",
        "publicatieregel",
        "laatst_gewijzigd",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("informatiecategorieen")

    def get_ordering(self, request):
        """Overdue concepts first, then concepts by deadline, then everything else, newest first."""
        vandaag = tijd.vandaag()
        urgentie = Case(
            When(Q(status=PublicatieStatus.concept, deadline__lt=vandaag), then=Value(0)),
            When(Q(status=PublicatieStatus.concept, deadline__isnull=False), then=Value(1)),
            When(status=PublicatieStatus.concept, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return (urgentie.asc(), "deadline", "-registratiedatum")

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == PublicatieStatus.concept

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == PublicatieStatus.ingetrokken:
            return [f.name for f in Publicatie._meta.fields] + ["informatiecategorieen"]
        return self.readonly_fields

    @admin.display(description="deadline", ordering="deadline")
    def deadline_weergave(self, obj: Publicatie):
        if obj.deadline is None:
            return "—"
        if obj.status == PublicatieStatus.concept and obj.deadline < tijd.vandaag():
            return format_html('<strong style="color:#ba2121">{} (verlopen)</strong>', obj.deadline)
        return obj.deadline

    @admin.display(description="informatiecategorieën")
    def categorieen(self, obj: Publicatie) -> str:
        return ", ".join(f"{c.nummer:03d}" for c in obj.informatiecategorieen.all())

    def _confirm(self, request, queryset, action: str, title: str, form=None):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "publicaties": queryset,
            "action": action,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/openbaarmaking/publicatie/bevestigen.html", context)

    def _run(self, request, queryset, service, **kwargs) -> None:
        gelukt = 0
        for publicatie in queryset:
            try:
                service(publicatie=publicatie, **kwargs)
                gelukt += 1
            except DomainError as exc:
                self.message_user(request, f"{publicatie}: {exc.detail}", messages.ERROR)
        if gelukt:
            self.message_user(request, f"{gelukt} publicatie(s) bijgewerkt.", messages.SUCCESS)

    @admin.action(description="Publiceren (na bevestiging)", permissions=["change"])
    def publiceren(self, request, queryset):
        queryset = queryset.filter(status=PublicatieStatus.concept)
        if request.POST.get(CONFIRMED) != "ja":
            return self._confirm(request, queryset, "publiceren", "Deze concepten publiceren?")
        self._run(request, queryset, services.publicatie_publiceren)
        return None

    @admin.action(description="Intrekken (na bevestiging, met reden)", permissions=["change"])
    def intrekken(self, request, queryset):
        queryset = queryset.filter(status=PublicatieStatus.gepubliceerd)
        form = IntrekkenForm(request.POST if request.POST.get(CONFIRMED) == "ja" else None)
        if not form.is_bound or not form.is_valid():
            return self._confirm(request, queryset, "intrekken", "Deze publicaties intrekken?", form)
        self._run(
            request,
            queryset,
            services.publicatie_intrekken,
            reden=form.cleaned_data["reden"],
            toelichting=form.cleaned_data["toelichting"],
        )
        return None

    def get_urls(self):
        return [
            path("grafiek/", self.admin_site.admin_view(self.grafiek_view), name="openbaarmaking_publicatie_grafiek"),
            path(
                "op-uuid/<uuid:uuid>/",
                self.admin_site.admin_view(self.op_uuid_view),
                name="openbaarmaking_publicatie_op_uuid",
            ),
            *super().get_urls(),
        ]

    def op_uuid_view(self, request, uuid):
        """The admin page of the publication the Publicaties API addresses by `uuid` (links from the report)."""
        publicatie = get_object_or_404(Publicatie, uuid=uuid)
        return HttpResponseRedirect(reverse("admin:openbaarmaking_publicatie_change", args=[publicatie.pk]))

    def grafiek_view(self, request):
        """Published publications per category per month (the last twelve months with any)."""
        rows = (
            Publicatie.objects.filter(datum_gepubliceerd__isnull=False)
            .annotate(maand=TruncMonth("datum_gepubliceerd"))
            .values("maand", "informatiecategorieen__nummer", "informatiecategorieen__naam")
            .annotate(aantal=Count("pk"))
            .order_by("maand", "informatiecategorieen__nummer")
        )
        maanden: dict[dt.date, list[dict]] = defaultdict(list)
        for row in rows:
            maanden[row["maand"].date() if hasattr(row["maand"], "date") else row["maand"]].append(row)
        hoogste = max((row["aantal"] for row in rows), default=0) or 1
        grafiek = [
            {
                "maand": maand,
                "totaal": sum(r["aantal"] for r in items),
                "balken": [
                    {
                        "nummer": r["informatiecategorieen__nummer"],
                        "naam": r["informatiecategorieen__naam"],
                        "aantal": r["aantal"],
                        "breedte": round(100 * r["aantal"] / hoogste),
                    }
                    for r in items
                ],
            }
            for maand, items in sorted(maanden.items())[-12:]
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Publicaties per informatiecategorie per maand",
            "grafiek": grafiek,
            "opts": self.model._meta,
            "changelist_url": reverse("admin:openbaarmaking_publicatie_changelist"),
        }
        return TemplateResponse(request, "admin/openbaarmaking/publicatie/grafiek.html", context)


class SitemapBestandInline(HelpTextAsText, admin.TabularInline):
    model = SitemapBestand
    fields = ("naam", "informatiecategorie", "aantal_urls", "grootte", "lastmod")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SitemapGeneratie)
class SitemapGeneratieAdmin(ReadOnlyAdmin):
    list_display = ("map", "gestart", "voltooid", "aantal_urls")
    inlines = [SitemapBestandInline]
