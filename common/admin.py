from django import forms
from django.contrib import admin
from django.utils.html import escape

from .models import Abonnement, Aflevering, Applicatie, AuditTrail, Autorisatie, ClientCredential, Notificatie


def _escaped_help_texts(model) -> dict[str, str]:
    return {
        field.name: escape(field.help_text)
        for field in model._meta.get_fields()
        if any(char in str(getattr(field, "help_text", "")) for char in "<>&")
    }


class HelpTextAsText:
    """Model help texts shown as text in the admin, for editable and read-only fields alike.

    The admin renders a help text as HTML (`|safe`), so a placeholder such as `<naam>` in a
    model's help text vanished as an unknown tag. The model keeps its plain text (the API
    schema shows it); only the admin gets it escaped.
    """

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", _escaped_help_texts(self.model))
        return super().get_form(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", _escaped_help_texts(self.model))
        return super().get_formset(request, obj, **kwargs)


@admin.register(ClientCredential)
class ClientCredentialAdmin(admin.ModelAdmin):
    list_display = ("client_id",)
    search_fields = ("client_id",)


class CommaSeparatedField(forms.CharField):
    """A list of strings, typed as `a, b, c` instead of JSON."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        return [part.strip() for part in (value or "").replace("\n", ",").split(",") if part.strip()]


class AutorisatieForm(forms.ModelForm):
    scopes = CommaSeparatedField(help_text="Scopes, separated by commas, e.g. `zaken.lezen, zaken.aanmaken`.")

    class Meta:
        model = Autorisatie
        fields = (
            "component",
            "scopes",
            "zaaktype",
            "informatieobjecttype",
            "besluittype",
            "max_vertrouwelijkheidaanduiding",
        )


class AutorisatieInline(admin.TabularInline):
    model = Autorisatie
    form = AutorisatieForm
    extra = 0


class ApplicatieForm(forms.ModelForm):
    client_ids = CommaSeparatedField(
        label="client IDs", help_text="The client IDs this application uses, separated by commas."
    )

    class Meta:
        model = Applicatie
        fields = ("label", "client_ids", "heeft_alle_autorisaties")

    def clean_client_ids(self):
        value = self.cleaned_data["client_ids"]
        others = Applicatie.objects.exclude(pk=self.instance.pk)
        taken = sorted({cid for app in others for cid in app.client_ids if cid in value})
        if taken:
            raise forms.ValidationError(f"Already used by another applicatie: {', '.join(taken)}.")
        return value


@admin.register(Applicatie)
class ApplicatieAdmin(admin.ModelAdmin):
    form = ApplicatieForm
    list_display = ("label", "client_ids", "heeft_alle_autorisaties")
    search_fields = ("label",)
    inlines = [AutorisatieInline]


@admin.register(AuditTrail)
class AuditTrailAdmin(admin.ModelAdmin):
    list_display = ("aanmaakdatum", "bron", "actie", "resource", "resource_url", "applicatie_weergave")
    list_filter = ("bron", "actie", "resource")
    search_fields = ("hoofd_object", "resource_url")
    date_hierarchy = "aanmaakdatum"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    list_display = ("label", "callback_url", "kanalen", "actief")
    list_filter = ("actief",)


class AfleveringInline(admin.TabularInline):
    model = Aflevering
    extra = 0
    readonly_fields = ("abonnement", "status", "pogingen", "volgende_poging", "laatste_fout", "afgeleverd_op")
    can_delete = False


@admin.register(Notificatie)
class NotificatieAdmin(admin.ModelAdmin):
    list_display = ("aanmaakdatum", "kanaal", "actie", "resource", "resource_url")
    list_filter = ("kanaal", "actie")
    inlines = [AfleveringInline]
