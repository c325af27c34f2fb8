"""The archivist's view of transfers: progress, errors per case, and what can be done now.

A transfer is composed from a list of zaak URLs (the service checks each case), approved
with an action, and accepted by uploading the archive's receipt. Everything else (the
package, delivery, verification, completion) is the worker's, shown here as it goes.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html

from common.admin import HelpTextAsText
from common.clients import ClientError
from common.exceptions import DomainError

from .. import roles
from . import selectors, services
from .clients import ZGWBron
from .models import (
    Archiefinstelling,
    Overbrenging,
    OverbrengingContainer,
    OverbrengingGebeurtenis,
    OverbrengingItem,
    Overbrengingsafspraak,
    Status,
)


def _bytes(value: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


@admin.register(Archiefinstelling)
class ArchiefinstellingAdmin(admin.ModelAdmin):
    list_display = ("naam", "identificatie", "contact")
    search_fields = ("naam", "identificatie")


class URLRegelsField(forms.CharField):
    """A list of URLs, typed one per line (the agreement's zaaktypen when the Catalogi API is down)."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 80})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        regels = [regel.strip() for regel in (value or "").splitlines() if regel.strip()]
        valideer = URLValidator(schemes=["http", "https"])
        fout = []
        for nummer, regel in enumerate(regels, start=1):
            try:
                valideer(regel)
            except ValidationError:
                fout.append(f"regel {nummer} ({regel})")
        if fout:
            raise ValidationError("Geen geldige URL op " + ", ".join(fout) + ". Zet één URL op elke regel.")
        return list(dict.fromkeys(regels))


def _zaaktype_label(body: dict) -> str:
    concept = ", concept" if body.get("concept") else ""
    naam = body.get("omschrijving") or body["url"]
    return f"{naam} ({body.get('identificatie') or '?'}, versie {body.get('versiedatum') or '?'}{concept})"


# The agreement form in the admin, in its sections; the form edits exactly these fields.
AFSPRAAK_FIELDSETS = (
    (None, {"fields": ("archiefinstelling", "naam", "contact")}),
    (
        "Archiefvormer",
        {
            "fields": (
                "archiefvormer_naam",
                "archiefvormer_identificatie",
                "archiefvormer_bron",
                "identificatiebron",
            )
        },
    ),
    (
        "Aflevering",
        {
            "fields": (
                "doel_type",
                "doel_locatie",
                "doel_host",
                "doel_poort",
                "doel_gebruiker",
                "doel_sleutelbestand",
                "doel_hostsleutel",
                "doel_endpoint",
                "container_vorm",
                "max_container_omvang",
                "checksum_algoritme",
            )
        },
    ),
    (
        "Vervroegde overbrenging",
        {
            "fields": (
                "vervroegd_toegestaan",
                "vervroegd_zaaktypen",
                "vervroegd_einddatum_vanaf",
                "vervroegd_einddatum_tot",
            )
        },
    ),
    (
        "Openbaarheid en eigen kopie",
        {"fields": ("beperking_grond", "beperking_code", "beperking_jaren", "lokale_kopie")},
    ),
)


class OverbrengingsafspraakForm(forms.ModelForm):
    """The zaaktypen of the early-transfer rule are ticked in the Catalogi API's list.

    A zaaktype already on the agreement that the API no longer lists stays ticked, so saving
    loses nothing; when the API does not answer, the URLs are typed one per line.
    """

    vervroegd_zaaktypen = forms.MultipleChoiceField(
        label="zaaktypen voor vervroegde overbrenging",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="De zaaktypen waarvoor vervroegde overbrenging geldt; niets aangevinkt: alle zaaktypen.",
    )

    class Meta:
        model = Overbrengingsafspraak
        fields = flatten_fieldsets(AFSPRAAK_FIELDSETS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gekozen = list(self.initial.get("vervroegd_zaaktypen") or [])
        try:
            with ZGWBron() as bron:
                typen = bron.zaaktypen()
        except ClientError:
            self.fields["vervroegd_zaaktypen"] = URLRegelsField(
                label="zaaktypen voor vervroegde overbrenging",
                required=False,
                help_text="De Catalogi API antwoordt nu niet, dus er is geen lijst om uit te kiezen: zet de URL's "
                "van de zaaktypen hier, één per regel. Leeg: alle zaaktypen.",
            )
            return
        keuzes = sorted(((t["url"], _zaaktype_label(t)) for t in typen), key=lambda k: k[1].lower())
        bekend = {url for url, _ in keuzes}
        keuzes += [(url, f"{url} (niet gevonden in de Catalogi API)") for url in gekozen if url not in bekend]
        self.fields["vervroegd_zaaktypen"].choices = keuzes


@admin.register(Overbrengingsafspraak)
class OverbrengingsafspraakAdmin(admin.ModelAdmin):
    form = OverbrengingsafspraakForm
    list_display = ("naam", "archiefinstelling", "doel_type", "container_vorm", "vervroegd_toegestaan")
    list_filter = ("archiefinstelling", "doel_type", "vervroegd_toegestaan")
    search_fields = ("naam", "archiefvormer_naam")
    fieldsets = AFSPRAAK_FIELDSETS


class ItemInline(admin.TabularInline):
    model = OverbrengingItem
    fields = ("identificatie", "einddatum", "vervroegd", "omvang_leesbaar", "container", "status", "fout", "reden")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="omvang")
    def omvang_leesbaar(self, obj: OverbrengingItem) -> str:
        return _bytes(obj.omvang)


class ContainerInline(admin.TabularInline):
    model = OverbrengingContainer
    fields = ("volgnummer", "naam", "status", "omvang", "checksum", "afgeleverd_op", "geverifieerd_op")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class GebeurtenisInline(admin.TabularInline):
    model = OverbrengingGebeurtenis
    fields = ("van", "naar", "door", "op", "toelichting")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class IndexZaakKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.identificatie or obj.url}: {obj.zaaktype_omschrijving or '?'}, einddatum {obj.einddatum}"


class SelectieForm(forms.Form):
    afspraak = forms.ModelChoiceField(label="overbrengingsafspraak", queryset=Overbrengingsafspraak.objects.all())
    naam = forms.CharField(max_length=100, required=False, help_text=escape("Leeg: overbrenging-<datum>."))
    omschrijving = forms.CharField(max_length=500, required=False)
    zaken = IndexZaakKeuze(
        queryset=selectors.overdraagbare_zaken(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Afgesloten zaken uit de archiefindex die blijvend bewaard worden en nog niet (in een lopende "
        "overbrenging) zijn overgebracht. Veel zaken tegelijk: filter ze in de archiefindex en kies de actie "
        "'In een nieuwe overbrenging zetten'.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zaken"].queryset = selectors.overdraagbare_zaken()


class OntvangstbewijsForm(forms.Form):
    ontvangstbewijs = forms.FileField(
        help_text=escape(
            'XML van het archief: <ontvangstbewijs><zaak identificatie="…" status="geaccepteerd|afgewezen">'
            "reden</zaak>…</ontvangstbewijs>"
        )
    )


@admin.register(Overbrenging)
class OverbrengingAdmin(HelpTextAsText, admin.ModelAdmin):
    list_display = ("naam", "afspraak", "status", "vervroegd", "voortgang", "aangemaakt_op")
    list_filter = ("status", "vervroegd", "afspraak")
    search_fields = ("naam", "items__identificatie")
    readonly_fields = (
        "naam",
        "afspraak",
        "omschrijving",
        "status",
        "vervroegd",
        "peilmoment",
        "voortgang",
        "acties",
        "fout",
        "verklaring",
        "ontvangstbewijs",
    )
    fields = readonly_fields
    inlines = [ItemInline, ContainerInline, GebeurtenisInline]
    actions = ["goedkeuren", "hervatten"]

    def has_approve_permission(self, request) -> bool:
        return request.user.has_perm(roles.perm(roles.APPROVE_TRANSFER))

    def has_resume_permission(self, request) -> bool:
        return any(request.user.has_perm(roles.perm(c)) for c in (roles.PROPOSE_TRANSFER, roles.APPROVE_TRANSFER))

    def get_queryset(self, request):
        return selectors.overbrenging_list()

    @admin.display(description="voortgang")
    def voortgang(self, obj: Overbrenging) -> str:
        v = selectors.overbrenging_voortgang(obj)
        return format_html(
            '<progress max="100" value="{}" title="{}%"></progress> '
            '<span class="voortgang">{} van {} zaken, {} van {}{}</span>',
            v.procent,
            v.procent,
            v.zaken_klaar,
            v.zaken_totaal,
            _bytes(v.bytes_klaar),
            _bytes(v.bytes_totaal),
            f", {v.zaken_fout} met fout" if v.zaken_fout else "",
        )

    def get_readonly_fields(self, request, obj=None):
        """What may be done next, as this user's role allows: the archivist sees the steps that
        are hers (approving, the archive's receipt), anyone else what waits for whom."""
        archivaris = request.user.has_perm(roles.perm(roles.VERDICT_TRANSFER))
        return tuple(
            name if name != "acties" or archivaris else "acties_wacht_op"
            for name in super().get_readonly_fields(request, obj)
        )

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    @admin.display(description="toegestane acties")
    def acties(self, obj: Overbrenging) -> str:
        if obj.status == Status.concept:
            return "Goedkeuren (actie in de lijst)."
        if obj.status == Status.geverifieerd:
            url = reverse("admin:overbrenging_overbrenging_ontvangstbewijs", args=[obj.pk])
            return format_html('<a class="button" href="{}">Ontvangstbewijs van het archief uploaden</a>', url)
        return self._werk(obj)

    @admin.display(description="toegestane acties")
    def acties_wacht_op(self, obj: Overbrenging) -> str:
        if obj.status == Status.concept:
            return "Wacht op de goedkeuring door een archivaris."
        if obj.status == Status.geverifieerd:
            return "Wacht op het ontvangstbewijs van het archief; een archivaris verwerkt het."
        return self._werk(obj)

    @staticmethod
    def _werk(obj: Overbrenging) -> str:
        if obj.status in (Status.goedgekeurd, Status.verpakken, Status.afgeleverd):
            return "Het pakket wordt gemaakt en afgeleverd; hervatten kan als het werk stilstaat."
        return "Geen."

    def get_urls(self):
        return [
            path(
                "<int:pk>/ontvangstbewijs/",
                self.admin_site.admin_view(self.ontvangstbewijs_view),
                name="overbrenging_overbrenging_ontvangstbewijs",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        form = SelectieForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            zaken = [zaak.url for zaak in form.cleaned_data["zaken"]]
            try:
                overbrenging = services.overbrenging_create(
                    afspraak=form.cleaned_data["afspraak"],
                    zaken=zaken,
                    door=request.user,
                    naam=form.cleaned_data["naam"],
                    omschrijving=form.cleaned_data["omschrijving"],
                )
            except DomainError as exc:
                form.add_error("zaken", str(exc.detail))
                for param in exc.invalid_params:
                    form.add_error("zaken", param["reason"])
            else:
                self.message_user(request, f"Overbrenging {overbrenging} samengesteld (concept).")
                return HttpResponseRedirect(reverse("admin:overbrenging_overbrenging_change", args=[overbrenging.pk]))
        return self._form_page(request, form, "Overbrenging samenstellen")

    def ontvangstbewijs_view(self, request, pk: int):
        overbrenging = get_object_or_404(Overbrenging, pk=pk)
        form = OntvangstbewijsForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data["ontvangstbewijs"].read()
            try:
                uitslagen = services.ontvangstbewijs_uitslagen(data, overbrenging)
                services.overbrenging_beoordelen(overbrenging=overbrenging, uitslagen=uitslagen, door=request.user)
            except DomainError as exc:
                form.add_error("ontvangstbewijs", str(exc.detail))
                for param in exc.invalid_params:
                    form.add_error("ontvangstbewijs", f"{param['name']}: {param['reason']}")
            else:
                # only the receipt: the rest of this instance is older than the transition just made
                overbrenging.ontvangstbewijs.save(f"{overbrenging.naam}.xml", ContentFile(data), save=False)
                overbrenging.save(update_fields=["ontvangstbewijs"])
                self.message_user(request, f"Ontvangstbewijs verwerkt: {len(uitslagen)} zaken beoordeeld.")
                return HttpResponseRedirect(reverse("admin:overbrenging_overbrenging_change", args=[overbrenging.pk]))
        return self._form_page(request, form, f"Ontvangstbewijs voor {overbrenging}")

    def _form_page(self, request, form, title: str):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/overbrenging/formulier.html", context)

    @admin.action(description="Geselecteerde overbrengingen goedkeuren", permissions=["approve"])
    def goedkeuren(self, request, queryset):
        for overbrenging in queryset:
            try:
                services.overbrenging_approve(overbrenging=overbrenging, door=request.user)
            except DomainError as exc:
                self.message_user(request, f"{overbrenging}: {exc.detail}", messages.ERROR)
            else:
                self.message_user(request, f"{overbrenging} goedgekeurd; het pakket wordt gemaakt.")

    @admin.action(description="Stilgevallen werk hervatten", permissions=["resume"])
    def hervatten(self, request, queryset):
        """After a failure that needed a person (see `fout`); a killed worker's work resumes by itself."""
        from common.werk import lease_geven

        from .tasks import WERK, overbrenging_verwerken

        started = list(queryset.filter(status__in=WERK).values_list("pk", flat=True))
        for pk in started:
            overbrenging_verwerken.delay(pk, str(lease_geven(Overbrenging, pk)))  # the old run, if any, stops
        self.message_user(request, f"{len(started)} overbrenging(en) weer in de wachtrij.")
