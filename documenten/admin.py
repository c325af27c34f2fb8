from django.contrib import admin

from .models import (
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObject,
    IntegriteitsAfwijking,
    ObjectInformatieObject,
    Verzending,
)


class VersieInline(admin.TabularInline):
    model = EnkelvoudigInformatieObject
    fields = ("versie", "titel", "status", "vertrouwelijkheidaanduiding", "bestandsomvang", "integriteit_waarde")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(InformatieObject)
class InformatieObjectAdmin(admin.ModelAdmin):
    list_display = ("uuid", "lock")
    search_fields = ("uuid", "versies__titel", "versies__identificatie")
    inlines = [VersieInline]
    readonly_fields = ("uuid", "lock")


@admin.register(EnkelvoudigInformatieObject)
class EnkelvoudigInformatieObjectAdmin(admin.ModelAdmin):
    """Read-only: documents change through the API, which keeps versions, audit trail and notifications."""

    list_display = ("titel", "identificatie", "versie", "status", "vertrouwelijkheidaanduiding", "begin_registratie")
    list_filter = ("status", "vertrouwelijkheidaanduiding")
    search_fields = ("titel", "identificatie", "bronorganisatie")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IntegriteitsAfwijking)
class IntegriteitsAfwijkingAdmin(admin.ModelAdmin):
    """What the fixity task found: files whose SHA-256 no longer matches, or that are gone."""

    list_display = ("gecontroleerd_op", "informatieobject_uuid", "versienummer", "soort", "bestand")
    list_filter = ("soort",)
    search_fields = ("informatieobject_uuid", "bestand")
    date_hierarchy = "gecontroleerd_op"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Gebruiksrechten)
admin.site.register(ObjectInformatieObject)


@admin.register(Verzending)
class VerzendingAdmin(admin.ModelAdmin):
    """Read-only: verzendingen change through the API, which checks their rules and keeps audit trail and
    notifications."""

    list_display = ("informatieobject", "aard_relatie", "betrokkene", "ontvangstdatum", "verzenddatum")
    list_filter = ("aard_relatie",)
    search_fields = ("informatieobject__uuid", "betrokkene")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
