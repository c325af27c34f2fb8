from django.contrib import admin

from . import selectors
from .models import ProcesType, Resultaat, ResultaatTypeOmschrijvingGeneriek


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
