from common.urls import Router, api_urlpatterns

from .catalogi import views

app_name = "catalogi"

router = Router()
router.register("besluittypen", views.BesluitTypeViewSet)
router.register("catalogussen", views.CatalogusViewSet)
router.register("eigenschappen", views.EigenschapViewSet)
router.register("informatieobjecttypen", views.InformatieObjectTypeViewSet)
router.register("resultaattypen", views.ResultaatTypeViewSet)
router.register("roltypen", views.RolTypeViewSet)
router.register("statustypen", views.StatusTypeViewSet)
router.register("zaakobjecttypen", views.ZaakObjectTypeViewSet)
router.register("zaaktype-informatieobjecttypen", views.ZaakTypeInformatieObjectTypeViewSet)
router.register("zaaktypen", views.ZaakTypeViewSet)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/catalogi/api/v1/",
    title="Catalogi API",
    version="1.3.1",
    description="Zaaktypen and everything that describes them, with archiving parameters by design.\n\n"
    "A zaaktype is published only when each of its resultaattypen carries complete archiving parameters: "
    "archiefnominatie, archiefactietermijn, a brondatumArchiefprocedure whose afleidingswijze has what it "
    "needs, and a selectielijstklasse that resolves in the Selectielijst API and fits the zaaktype's "
    "procestype. A case type that cannot be archived cannot be used.\n\n"
    "Notifications are published on the kanalen `zaaktypen`, `informatieobjecttypen` and `besluittypen` "
    "(kenmerk: `catalogus`).",
)
