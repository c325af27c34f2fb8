from django.contrib import admin

from .models import Abonnement, Aflevering, Applicatie, AuditTrail, Autorisatie, ClientCredential, Notificatie


@admin.register(ClientCredential)
class ClientCredentialAdmin(admin.ModelAdmin):
    list_display = ("client_id",)
    search_fields = ("client_id",)


class AutorisatieInline(admin.TabularInline):
    model = Autorisatie
    extra = 0


@admin.register(Applicatie)
class ApplicatieAdmin(admin.ModelAdmin):
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
