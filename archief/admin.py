"""The admin: the Selectielijst (read-only), the retention index, vernietigingslijsten and
the dashboard 'informatiehuishouding op orde'. Every change goes through the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join

from common import tijd
from common.downloads import content_disposition
from common.exceptions import DomainError

from . import rapportage, roles, selectors, services
from .charts import bar_chart
from .models import (
    Beoordeling,
    IndexDocument,
    IndexZaak,
    IndexZaakType,
    ItemStatus,
    Overgang,
    ProcesType,
    Resultaat,
    ResultaatTypeOmschrijvingGeneriek,
    Vernietigingslijst,
    VernietigingslijstItem,
    VernietigingslijstStatus,
    WachttijdWijziging,
)
from .overbrenging import selectors as overbrenging_selectors
from .overbrenging import services as overbrenging_services
from .verklaring import verklaring_csv, verklaring_xlsx
from .vernietiging import waarom_niet_uitgevoerd

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReadOnlyAdmin(admin.ModelAdmin):
    """The Selectielijst is VNG's published content: shown for reference, changed only by a migration."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ResultaatInline(admin.TabularInline):
    model = Resultaat
    fields = ("volledig_nummer", "naam", "omschrijving", "waardering", "procestermijn", "bewaartermijn")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return selectors.resultaat_list()


@admin.register(ProcesType)
class ProcesTypeAdmin(ReadOnlyAdmin):
    list_display = ("nummer", "naam", "jaar", "procesobject")
    list_filter = ("jaar",)
    search_fields = ("naam", "omschrijving", "procesobject", "uuid")
    ordering = ("jaar", "nummer")
    inlines = [ResultaatInline]


@admin.register(Resultaat)
class ResultaatAdmin(ReadOnlyAdmin):
    list_display = ("volledig_nummer", "naam", "omschrijving", "waardering", "procestermijn", "bewaartermijn")
    list_filter = ("proces_type__jaar", "waardering", "procestermijn", "proces_type")
    search_fields = ("naam", "omschrijving", "toelichting", "uuid")

    def get_queryset(self, request):
        return selectors.resultaat_list()

    @admin.display(description="volledig nummer")
    def volledig_nummer(self, obj: Resultaat) -> str:
        return obj.volledig_nummer


@admin.register(ResultaatTypeOmschrijvingGeneriek)
class ResultaatTypeOmschrijvingGeneriekAdmin(ReadOnlyAdmin):
    list_display = ("omschrijving", "definitie", "opmerking")
    search_fields = ("omschrijving",)


# --- the retention index, vernietigingslijsten and the dashboard ------------------------------


class ArchiveringsblokkadeFilter(admin.SimpleListFilter):
    title = "archiveringsblokkade"
    parameter_name = "geblokkeerd"

    def lookups(self, request, model_admin):
        return [("ja", "Kan niet gearchiveerd worden"), ("nee", "Geen blokkade")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.exclude(archiveringsblokkade="")
        if self.value() == "nee":
            return queryset.filter(archiveringsblokkade="")
        return queryset


class VernietigbaarFilter(admin.SimpleListFilter):
    title = "vernietigbaar"
    parameter_name = "vernietigbaar"

    def lookups(self, request, model_admin):
        return [("ja", "Kandidaat voor vernietiging")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(pk__in=selectors.vernietigbare_zaken().values("pk"))
        return queryset


def _als_tekst(veld: str, label: str):
    """A URL field shown as text: a link would open another API's JSON, not a page for people."""

    @admin.display(description=label)
    def weergave(self, obj) -> str:
        return getattr(obj, veld) or "-"

    return weergave


class OverdraagbaarFilter(admin.SimpleListFilter):
    title = "overdraagbaar"
    parameter_name = "overdraagbaar"

    def lookups(self, request, model_admin):
        return [("ja", "Kandidaat voor overbrenging")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(pk__in=overbrenging_selectors.overdraagbare_zaken().values("pk"))
        return queryset


class IndexDocumentInline(admin.TabularInline):
    model = IndexDocument
    fields = ("titel", "identificatie", "status", "integriteit_in_orde", "integriteit_gecontroleerd_op", "document_url")
    readonly_fields = fields
    document_url = _als_tekst("url", "URL in de Documenten API")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


BEVESTIGD = "bevestigd"

# The admin's help texts, in the language of the people who use it (the models' own texts
# describe the API's fields).
INDEXZAAK_HULPTEKSTEN = {
    "identificatie": "De identificatie van de zaak.",
    "omschrijving": "De omschrijving van de zaak.",
    "bronorganisatie": "Het RSIN van de bronorganisatie.",
    "zaaktype_omschrijving": "De omschrijving van het zaaktype.",
    "startdatum": "De startdatum van de zaak.",
    "einddatum": "De einddatum van de zaak; leeg zolang zij open is.",
    "resultaat_omschrijving": "De omschrijving van het resultaattype.",
    "selectielijstklasse_nummer": "Het volledige nummer van de selectielijstklasse, bijvoorbeeld 11.1.2.",
    "selectielijst_jaar": "De versie (het jaar) van de selectielijst waartoe de klasse behoort.",
    "archiefnominatie": "Blijvend bewaren of vernietigen.",
    "archiefactiedatum": "Wanneer de zaak vernietigd of overgebracht moet worden.",
    "archiefstatus": "De archiefstatus van de zaak in de Zaken API.",
    "archiveringsblokkade": "Waarom de archiveringsstap deze afgesloten zaak niet kon archiveren; anders leeg.",
    "gesynchroniseerd_op": "Wanneer deze gegevens het laatst via de API's zijn gelezen.",
}
VERNIETIGINGSLIJST_HULPTEKSTEN = {
    "naam": "De naam van de lijst.",
    "toelichting": "Waarom deze zaken samen worden voorgesteld.",
    "beoordelaar": "De beoordelaar die de lijst moet goedkeuren voordat de archivaris haar ziet.",
    "medebeoordelaars": "Eventuele medebeoordelaars; ieder van hen moet ook akkoord geven.",
    "archivaris": "De archivaris die de lijst vaststelt.",
    "status": "Waar de lijst is in haar beoordeling en vernietiging.",
    "auteur": "De recordmanager die de lijst heeft voorgesteld.",
    "aangemaakt_op": "Wanneer de lijst is voorgesteld.",
    "vernietigen_vanaf": "Na de vaststelling: het einde van de wachttijd, het vroegste moment van de vernietiging.",
    "uitgevoerd_op": "Wanneer de vernietiging het laatst is uitgevoerd.",
}


def _publicatie_admin_url(url: str) -> str:
    """The admin page of a publication the Publicaties API names, when its admin runs here too."""
    uuid = url.rstrip("/").rsplit("/", 1)[-1]
    try:
        return reverse("admin:openbaarmaking_publicatie_op_uuid", args=[uuid])
    except NoReverseMatch:
        return ""


def _weigering_in_formulier(form: forms.Form, exc: DomainError) -> None:
    """A service's refusal, shown at the fields it is about; the input stays as it was."""
    form.add_error(None, str(exc.detail))
    for param in exc.invalid_params:
        veld = param.get("name", "")
        form.add_error(veld if veld in form.fields else None, param["reason"])


class NieuweLijstForm(forms.Form):
    naam = forms.CharField(label="naam", max_length=200)
    toelichting = forms.CharField(label="toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    beoordelaar = forms.ModelChoiceField(label="beoordelaar", queryset=None)
    medebeoordelaars = forms.ModelMultipleChoiceField(label="medebeoordelaars", queryset=None, required=False)
    archivaris = forms.ModelChoiceField(label="archivaris", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beoordelaar"].queryset = _users_with(roles.REVIEW)
        self.fields["medebeoordelaars"].queryset = _users_with(roles.COREVIEW)
        self.fields["archivaris"].queryset = _users_with(roles.APPROVE)


class BestaandeLijstForm(forms.Form):
    lijst = forms.ModelChoiceField(
        label="vernietigingslijst",
        queryset=None,
        help_text="Uw lijsten met status Nieuw of Wijzigingen gevraagd.",
    )

    def __init__(self, *args, auteur, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lijst"].queryset = Vernietigingslijst.objects.filter(
            auteur=auteur, status__in=services.TOEVOEGEN_MOGELIJK
        )


class NieuweOverbrengingForm(forms.Form):
    afspraak = forms.ModelChoiceField(label="overbrengingsafspraak", queryset=None)
    naam = forms.CharField(
        label="naam", max_length=100, required=False, help_text=escape("Leeg: overbrenging-<datum>.")
    )
    omschrijving = forms.CharField(label="omschrijving", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["afspraak"].queryset = overbrenging_selectors.overbrengingsafspraak_list()


@admin.register(IndexZaak)
class IndexZaakAdmin(ReadOnlyAdmin):
    """The archive's index; it is filled through the APIs, never edited here."""

    list_display = (
        "identificatie",
        "zaaktype_omschrijving",
        "einddatum",
        "resultaat_omschrijving",
        "selectielijstklasse_nummer",
        "archiefnominatie",
        "archiefactiedatum",
        "archiefstatus",
        "documenten_totaal",
        "archiveringsblokkade",
    )
    list_filter = (
        VernietigbaarFilter,
        OverdraagbaarFilter,
        "archiefnominatie",
        "archiefstatus",
        ArchiveringsblokkadeFilter,
        "zaaktype_omschrijving",
        "selectielijst_jaar",
    )
    search_fields = ("identificatie", "url", "omschrijving")
    date_hierarchy = "archiefactiedatum"
    inlines = [IndexDocumentInline]
    change_list_template = "admin/archief/indexzaak/change_list.html"
    actions = ["op_nieuwe_lijst", "op_bestaande_lijst", "in_nieuwe_overbrenging"]
    fields = (
        "identificatie",
        "omschrijving",
        "bronorganisatie",
        "zaak_url",
        "zaaktype_omschrijving",
        "zaaktype_url",
        "startdatum",
        "einddatum",
        "resultaat_omschrijving",
        "selectielijstklasse_nummer",
        "selectielijst_jaar",
        "archiefnominatie",
        "archiefactiedatum",
        "archiefstatus",
        "archiveringsblokkade",
        "op_vernietigingslijst",
        "gesynchroniseerd_op",
    )
    readonly_fields = fields
    zaak_url = _als_tekst("url", "URL in de Zaken API")
    zaaktype_url = _als_tekst("zaaktype", "URL van het zaaktype")

    @admin.display(description="op vernietigingslijst")
    def op_vernietigingslijst(self, obj: IndexZaak) -> str:
        items = VernietigingslijstItem.objects.filter(zaak=obj.url).select_related("lijst").order_by("-lijst__pk")
        links = [
            format_html(
                '<a href="{}">{}</a> ({})',
                reverse("admin:archief_vernietigingslijst_change", args=[item.lijst.pk]),
                item.lijst,
                item.get_status_display().lower(),
            )
            for item in items
        ]
        return format_html_join(", ", "{}", ((link,) for link in links)) if links else "-"

    def has_propose_permission(self, request) -> bool:
        return request.user.has_perm(roles.perm(roles.PROPOSE))

    def has_propose_transfer_permission(self, request) -> bool:
        return request.user.has_perm(roles.perm(roles.PROPOSE_TRANSFER))

    def _actie(self, request, queryset, action: str, title: str, uitleg: str, form):
        """The page between choosing an action and carrying it out: the zaken, the form, the refusal."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "uitleg": uitleg,
            "zaken": queryset,
            "action": action,
            "form": form,
            "bevestigd": BEVESTIGD,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archief/indexzaak/actie.html", context)

    @staticmethod
    def _bevestigd(request) -> dict | None:
        return request.POST if request.POST.get(BEVESTIGD) == "ja" else None

    @admin.action(description="Op een nieuwe vernietigingslijst zetten", permissions=["propose"])
    def op_nieuwe_lijst(self, request, queryset):
        form = NieuweLijstForm(self._bevestigd(request))
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                lijst = services.vernietigingslijst_create(
                    auteur=request.user,
                    naam=data["naam"],
                    toelichting=data["toelichting"],
                    zaken=[zaak.url for zaak in queryset],
                    beoordelaar=data["beoordelaar"],
                    archivaris=data["archivaris"],
                    medebeoordelaars=data["medebeoordelaars"],
                )
            except DomainError as exc:
                _weigering_in_formulier(form, exc)
            else:
                self.message_user(request, f"Vernietigingslijst {lijst} gemaakt met {queryset.count()} zaken.")
                return HttpResponseRedirect(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk]))
        uitleg = "Deze zaken komen op een nieuwe vernietigingslijst, die u daarna indient voor beoordeling."
        return self._actie(request, queryset, "op_nieuwe_lijst", "Op een nieuwe vernietigingslijst", uitleg, form)

    @admin.action(description="Aan een bestaande vernietigingslijst toevoegen", permissions=["propose"])
    def op_bestaande_lijst(self, request, queryset):
        form = BestaandeLijstForm(self._bevestigd(request), auteur=request.user)
        if form.is_bound and form.is_valid():
            lijst = form.cleaned_data["lijst"]
            try:
                aantal = services.vernietigingslijst_zaken_toevoegen(
                    lijst, gebruiker=request.user, zaken=[zaak.url for zaak in queryset]
                )
            except DomainError as exc:
                _weigering_in_formulier(form, exc)
            else:
                self.message_user(request, f"{aantal} zaken toegevoegd aan vernietigingslijst {lijst}.")
                return HttpResponseRedirect(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk]))
        uitleg = "Deze zaken komen op een van uw vernietigingslijsten die nog niet (opnieuw) is ingediend."
        titel = "Aan een vernietigingslijst toevoegen"
        return self._actie(request, queryset, "op_bestaande_lijst", titel, uitleg, form)

    @admin.action(description="In een nieuwe overbrenging zetten", permissions=["propose_transfer"])
    def in_nieuwe_overbrenging(self, request, queryset):
        form = NieuweOverbrengingForm(self._bevestigd(request))
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                overbrenging = overbrenging_services.overbrenging_create(
                    afspraak=data["afspraak"],
                    zaken=[zaak.url for zaak in queryset],
                    door=request.user,
                    naam=data["naam"],
                    omschrijving=data["omschrijving"],
                )
            except DomainError as exc:
                _weigering_in_formulier(form, exc)
            else:
                self.message_user(request, f"Overbrenging {overbrenging} samengesteld (concept).")
                return HttpResponseRedirect(reverse("admin:overbrenging_overbrenging_change", args=[overbrenging.pk]))
        uitleg = (
            "Deze zaken komen in een nieuwe overbrenging (concept); elke zaak wordt eerst gecontroleerd, "
            "een zaak die niet over mag, wordt met de reden gemeld."
        )
        return self._actie(request, queryset, "in_nieuwe_overbrenging", "In een nieuwe overbrenging", uitleg, form)

    def get_queryset(self, request):
        return selectors.indexzaak_list()

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", INDEXZAAK_HULPTEKSTEN)
        return super().get_form(request, obj, **kwargs)

    @admin.display(description="documenten", ordering="documenten_totaal")
    def documenten_totaal(self, obj) -> int:
        return obj.documenten_totaal

    def get_urls(self):
        return [
            path("dashboard/", self.admin_site.admin_view(self.dashboard_view), name="archief_dashboard"),
            path("dashboard/csv/", self.admin_site.admin_view(self.dashboard_csv), name="archief_dashboard_csv"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        """Informatiehuishouding op orde: every norm as a chart, per zaaktype, with the zaken behind it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        uitkomsten = rapportage.rapportage()
        index = {z.url: z for z in IndexZaak.objects.filter(url__in={u for n in uitkomsten for u in n.zaken})}
        zaaktypen = {
            t.url: t for t in IndexZaakType.objects.filter(url__in={u for n in uitkomsten for u in n.objecten})
        }
        normen = [
            {
                "uitkomst": uitkomst,
                "chart": bar_chart(
                    [(t.omschrijving or t.zaaktype, t.aantal) for t in uitkomst.per_zaaktype],
                    title=uitkomst.titel,
                )
                if uitkomst.per_zaaktype
                else None,
                "zaken": [(url, index.get(url)) for url in uitkomst.zaken[:50]],
                "meer": max(len(uitkomst.zaken) - 50, 0),
                "publicaties": [(url, _publicatie_admin_url(url)) for url in uitkomst.objecten[:50]],
                "zaaktypen": [(url, zaaktypen.get(url)) for url in uitkomst.objecten[:50]],
                "meer_publicaties": max(len(uitkomst.objecten) - 50, 0),
            }
            for uitkomst in uitkomsten
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Informatiehuishouding op orde",
            "overzicht": bar_chart(
                [(u.titel, u.aantal if u.beschikbaar else None) for u in uitkomsten], title="Alle normen"
            ),
            "normen": normen,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/archief/dashboard.html", context)

    def dashboard_csv(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(rapportage.rapportage_csv(rapportage.rapportage()), content_type="text/csv")
        response["Content-Disposition"] = content_disposition("informatiehuishouding.csv")
        return response


@admin.register(IndexZaakType)
class IndexZaakTypeAdmin(ReadOnlyAdmin):
    list_display = ("omschrijving", "identificatie", "concept", "compleet", "gesynchroniseerd_op")
    search_fields = ("omschrijving", "identificatie", "url")

    @admin.display(description="archiveringsparameters compleet", boolean=True)
    def compleet(self, obj) -> bool:
        return obj.archiveringsparameters_compleet


class VernietigingslijstForm(forms.ModelForm):
    zaken = forms.ModelMultipleChoiceField(
        queryset=IndexZaak.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Zaken met archiefnominatie `vernietigen` waarvan de archiefactiedatum bereikt is en die op "
        "geen andere open vernietigingslijst staan.",
    )

    class Meta:
        model = Vernietigingslijst
        fields = ("naam", "toelichting", "beoordelaar", "medebeoordelaars", "archivaris")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        querysets = {
            "zaken": selectors.vrije_vernietigbare_zaken(),
            "beoordelaar": _users_with(roles.REVIEW),
            "archivaris": _users_with(roles.APPROVE),
            "medebeoordelaars": _users_with(roles.COREVIEW),
        }
        for name, queryset in querysets.items():
            if name in self.fields:  # a saved list is shown read-only, without form fields
                self.fields[name].queryset = queryset
        if "medebeoordelaars" in self.fields:
            self.fields["medebeoordelaars"].required = False


def _users_with(codename: str):
    from django.contrib.auth.models import User

    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename))
        .distinct()
    )


class TransitieForm(forms.Form):
    toelichting = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ItemInline(admin.TabularInline):
    model = VernietigingslijstItem
    fields = (
        "zaak_in_index",
        "zaaktype_omschrijving",
        "einddatum",
        "selectielijstklasse_nummer",
        "archiefactiedatum",
        "status",
        "uitzonderingsreden",
        "fout",
        "vernietigd_op",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description="zaak")
    def zaak_in_index(self, obj: VernietigingslijstItem) -> str:
        """The zaak's page in the archive index; after its destruction only its identificatie is left."""
        zaak = IndexZaak.objects.filter(url=obj.zaak).only("pk").first()
        if zaak is None:
            return obj.identificatie or obj.zaak
        url = reverse("admin:archief_indexzaak_change", args=[zaak.pk])
        return format_html('<a href="{}">{}</a>', url, obj.identificatie or obj.zaak)

    def has_add_permission(self, request, obj=None):
        return False


class BeoordelingInline(admin.TabularInline):
    model = Beoordeling
    fields = ("datum", "gebruiker", "rol", "oordeel", "toelichting", "ronde")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class WachttijdWijzigingInline(admin.TabularInline):
    model = WachttijdWijziging
    fields = ("datum", "gebruiker", "oud", "nieuw", "reden")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "wijzigingen van de wachttijd"

    def has_add_permission(self, request, obj=None):
        return False


class WachttijdForm(forms.Form):
    vernietigen_vanaf = forms.DateTimeField(
        label="nieuw einde van de wachttijd",
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Vroeger: de wachttijd wordt korter; later: langer. Niet vóór de vaststelling.",
    )
    reden = forms.CharField(label="reden", widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


WACHTTIJD_INVOER = "archief_wachttijd_invoer"


def wachttijd_tekst(lijst: Vernietigingslijst, *, nu=None) -> str:
    """The waiting period of an approved list with its end, in words."""
    if lijst.status != VernietigingslijstStatus.klaar_voor_vernietiging or lijst.vernietigen_vanaf is None:
        return "—"
    nu = nu or timezone.now()
    einde = tijd.lokaal(lijst.vernietigen_vanaf)
    if einde <= nu:
        return f"verstreken op {einde:%d-%m-%Y %H:%M}; de vernietiging volgt bij de volgende run"
    rest = einde - nu
    dagen, uren, minuten = rest.days, rest.seconds // 3600, rest.seconds % 3600 // 60
    if dagen:
        nog = f"{dagen} dag{'en' if dagen != 1 else ''} en {uren} uur"
    elif uren:
        nog = f"{uren} uur en {minuten} minuten"
    else:
        nog = f"{max(minuten, 1)} minu{'ten' if minuten > 1 else 'ut'}"
    return f"tot {einde:%d-%m-%Y %H:%M} (nog {nog})"


class OvergangInline(admin.TabularInline):
    model = Overgang
    fields = ("datum", "van", "naar", "gebruiker", "toelichting")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


# name -> (label, service call, whether it takes a judgement)
TRANSITIES = {
    "indienen": ("Indienen voor beoordeling", services.vernietigingslijst_indienen, None),
    "goedkeuren": ("Goedkeuren (beoordeling)", services.vernietigingslijst_beoordelen, True),
    "afkeuren": ("Wijzigingen vragen (beoordeling)", services.vernietigingslijst_beoordelen, False),
    "aanbieden": ("Aanbieden aan de archivaris", services.vernietigingslijst_aanbieden, None),
    "vaststellen": ("Vaststellen (archivaris)", services.vernietigingslijst_vaststellen, True),
    "terugsturen": ("Wijzigingen vragen (archivaris)", services.vernietigingslijst_vaststellen, False),
}


@admin.register(Vernietigingslijst)
class VernietigingslijstAdmin(admin.ModelAdmin):
    """Lists are proposed here or through the API; every step goes through the services."""

    form = VernietigingslijstForm
    list_display = ("naam", "status", "auteur", "beoordelaar", "archivaris", "aangemaakt_op", "wachttijd")
    list_filter = ("status",)
    search_fields = ("naam", "items__identificatie")
    inlines = [ItemInline, BeoordelingInline, OvergangInline, WachttijdWijzigingInline]
    change_form_template = "admin/archief/vernietigingslijst/change_form.html"
    readonly_fields = (
        "status",
        "voortgang",
        "auteur",
        "aangemaakt_op",
        "vernietigen_vanaf",
        "uitgevoerd_op",
        "verklaring_xlsx_url",
        "verklaring_csv_url",
        "verklaring_zaak_url",
    )
    # where the verklaring is stored, as text: the buttons above download it
    verklaring_xlsx_url = _als_tekst("verklaring", "verklaring van vernietiging (XLSX) in de Documenten API")
    verklaring_csv_url = _als_tekst("verklaring_csv", "verklaring van vernietiging (CSV) in de Documenten API")
    verklaring_zaak_url = _als_tekst("verklaring_zaak", "zaak van de verklaring in de Zaken API")

    @admin.display(description="wachttijd", ordering="vernietigen_vanaf")
    def wachttijd(self, obj: Vernietigingslijst) -> str:
        return wachttijd_tekst(obj)

    @admin.display(description="voortgang")
    def voortgang(self, obj: Vernietigingslijst) -> str:
        """How far the destruction is: a progress bar over the zaken that are not excluded."""
        counts = dict(obj.items.values_list("status").annotate(n=Count("pk")).order_by())
        total = sum(n for status, n in counts.items() if status != ItemStatus.uitgezonderd)
        done = sum(counts.get(s, 0) for s in (ItemStatus.vernietigd, ItemStatus.overgeslagen, ItemStatus.verdwenen))
        summary = ", ".join(f"{counts[s]} {label.lower()}" for s, label in ItemStatus.choices if counts.get(s))
        return format_html('<progress value="{}" max="{}"></progress> {}', done, total or 1, summary)

    def has_add_permission(self, request):
        return request.user.has_perm(roles.perm(roles.PROPOSE))

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", VERNIETIGINGSLIJST_HULPTEKSTEN)
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("naam", "toelichting", "beoordelaar", "medebeoordelaars", "archivaris", "zaken")
        return ("naam", "toelichting", "beoordelaar", "medebeoordelaars", "archivaris", *self.readonly_fields)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            lijst = services.vernietigingslijst_create(
                auteur=request.user,
                naam=data["naam"],
                toelichting=data.get("toelichting", ""),
                zaken=[zaak.url for zaak in data["zaken"]],
                beoordelaar=data["beoordelaar"],
                archivaris=data["archivaris"],
                medebeoordelaars=data.get("medebeoordelaars") or [],
            )
        except DomainError as exc:
            reasons = "; ".join(p["reason"] for p in exc.invalid_params) or str(exc.detail)
            raise _AdminRefusalError(f"{exc.detail} {reasons}") from exc
        obj.pk = lijst.pk

    def save_related(self, request, form, formsets, change):
        """The service has set the co-reviewers already."""

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except _AdminRefusalError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(request.get_full_path())

    def get_urls(self):
        return [
            path(
                "<int:pk>/transitie/<str:name>/",
                self.admin_site.admin_view(self.transitie_view),
                name="archief_vernietigingslijst_transitie",
            ),
            path(
                "<int:pk>/uitzonderen/<int:item>/",
                self.admin_site.admin_view(self.uitzonderen_view),
                name="archief_vernietigingslijst_uitzonderen",
            ),
            path(
                "<int:pk>/uitvoeren/",
                self.admin_site.admin_view(self.uitvoeren_view),
                name="archief_vernietigingslijst_uitvoeren",
            ),
            path(
                "<int:pk>/wachttijd/",
                self.admin_site.admin_view(self.wachttijd_view),
                name="archief_vernietigingslijst_wachttijd",
            ),
            path(
                "<int:pk>/verklaring/<str:formaat>/",
                self.admin_site.admin_view(self.verklaring_view),
                name="archief_vernietigingslijst_verklaring",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        lijst = self.get_object(request, object_id)
        stappen = services.vernietigingslijst_stappen(lijst, request.user) if lijst is not None else []
        extra_context = {
            **(extra_context or {}),
            "transities": [(name, label) for name, (label, _, _) in TRANSITIES.items() if name in stappen],
            "lijst": lijst,
            "wacht": waarom_niet_uitgevoerd(lijst) if lijst is not None else "",
            "uitvoerbaar": "uitvoeren" in stappen,
            "wachttijd": wachttijd_tekst(lijst) if lijst is not None else "",
            "wachttijd_wijzigers": roles.wachttijd_wijzigers_beschrijving(),
            "wachttijd_form": (
                WachttijdForm(request.session.pop(WACHTTIJD_INVOER, None) or None) if "wachttijd" in stappen else None
            ),
            "uitzonderbaar": (lijst.items.filter(status=ItemStatus.voorgesteld) if "uitzonderen" in stappen else []),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _back(self, lijst):
        return HttpResponseRedirect(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk]))

    def transitie_view(self, request, pk: int, name: str):
        lijst = self.get_object(request, str(pk))
        if lijst is None or name not in TRANSITIES or request.method != "POST":
            raise Http404
        label, call, akkoord = TRANSITIES[name]
        form = TransitieForm(request.POST)
        form.is_valid()
        kwargs = {"gebruiker": request.user, "toelichting": form.cleaned_data.get("toelichting", "")}
        if akkoord is not None:
            kwargs["akkoord"] = akkoord
        try:
            call(lijst, **kwargs)
        except DomainError as exc:
            reasons = "; ".join(p["reason"] for p in exc.invalid_params)
            messages.error(request, f"{label}: {exc.detail} {reasons}".strip())
        else:
            messages.success(request, f"{label}: gelukt.")
        return self._back(lijst)

    def uitzonderen_view(self, request, pk: int, item: int):
        lijst = self.get_object(request, str(pk))
        if lijst is None or request.method != "POST":
            raise Http404
        entry = get_object_or_404(VernietigingslijstItem, pk=item, lijst=lijst)
        try:
            services.item_uitzonderen(entry, gebruiker=request.user, reden=request.POST.get("reden", ""))
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, f"{entry} is uitgezonderd.")
        return self._back(lijst)

    def wachttijd_view(self, request, pk: int):
        """Shorten or lengthen the waiting period; a refusal is shown with what was typed still there."""
        lijst = self.get_object(request, str(pk))
        if lijst is None or request.method != "POST":
            raise Http404
        form = WachttijdForm(request.POST)
        if form.is_valid():
            try:
                services.vernietigingslijst_wachttijd_wijzigen(
                    lijst,
                    gebruiker=request.user,
                    vernietigen_vanaf=form.cleaned_data["vernietigen_vanaf"],
                    reden=form.cleaned_data["reden"],
                )
            except DomainError as exc:
                messages.error(request, f"Wachttijd niet gewijzigd: {exc.detail}")
            else:
                lijst.refresh_from_db()
                messages.success(request, f"De wachttijd loopt nu {wachttijd_tekst(lijst)}.")
                return self._back(lijst)
        else:
            fouten = "; ".join(f"{form.fields[veld].label}: {' '.join(f)}" for veld, f in form.errors.items())
            messages.error(request, f"Wachttijd niet gewijzigd: {fouten}")
        request.session[WACHTTIJD_INVOER] = {key: request.POST.get(key, "") for key in ("vernietigen_vanaf", "reden")}
        return self._back(lijst)

    def uitvoeren_view(self, request, pk: int):
        """Carry out a list now (after the waiting period), or rerun a failed one: archivists only."""
        lijst = self.get_object(request, str(pk))
        if lijst is None or request.method != "POST":
            raise Http404
        try:
            services.vernietigingslijst_uitvoeren_aanvragen(lijst, gebruiker=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.info(request, "De vernietiging is ingepland; de voortgang staat bij de zaken hieronder.")
        return self._back(lijst)

    def verklaring_view(self, request, pk: int, formaat: str):
        lijst = self.get_object(request, str(pk))
        if lijst is None or formaat not in ("csv", "xlsx"):
            raise Http404
        if formaat == "csv":
            response = HttpResponse(verklaring_csv(lijst), content_type="text/csv")
        else:
            response = HttpResponse(verklaring_xlsx(lijst), content_type=XLSX)
        response["Content-Disposition"] = content_disposition(f"verklaring-van-vernietiging-{lijst.pk}.{formaat}")
        return response


class _AdminRefusalError(Exception):
    """A service refused a change made in the admin; shown as a message."""
