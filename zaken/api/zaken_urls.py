from common.urls import Router, api_urlpatterns

from .zaken import views

app_name = "zaken"

router = Router()
router.register("zaken", views.ZaakViewSet)
router.register("klantcontacten", views.KlantContactViewSet)
router.register("statussen", views.StatusViewSet)
router.register("resultaten", views.ResultaatViewSet)
router.register("rollen", views.RolViewSet)
router.register("zaakobjecten", views.ZaakObjectViewSet)
router.register("zaakinformatieobjecten", views.ZaakInformatieObjectViewSet)
router.register("zaakcontactmomenten", views.ZaakContactMomentViewSet)
router.register("zaakverzoeken", views.ZaakVerzoekViewSet)
router.register(r"zaken/(?P<zaak_uuid>[^/.]+)/zaakeigenschappen", views.ZaakEigenschapViewSet)
router.register(r"zaken/(?P<zaak_uuid>[^/.]+)/besluiten", views.ZaakBesluitViewSet)
router.register(r"zaken/(?P<zaak_uuid>[^/.]+)/audittrail", views.ZaakAuditTrailViewSet, basename="zaak-audittrail")

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/zaken/api/v1/",
    title="Zaken API",
    version="1.5.1",
    description="Zaken and everything that belongs to them, with archiving parameters derived by design.\n\n"
    "Setting the eindstatus (the statustype with the highest volgnummer) closes a zaak and derives "
    "`archiefnominatie`, `startdatumBewaartermijn` (the brondatum) and `archiefactiedatum` from the resultaattype's "
    "brondatumArchiefprocedure, for every afleidingswijze; they are derived again when an input changes later "
    "(resultaat, besluiten, zaakeigenschap, zaakobject, hoofdzaak, relevante andere zaken) and cleared when the "
    "zaak is reopened.\n\n"
    "Lists and reads are limited to the zaaktypen and vertrouwelijkheidaanduidingen the client is authorised "
    "for.\n\nNotifications are published on kanaal `zaken` (kenmerken: `bronorganisatie`, `zaaktype`, "
    "`vertrouwelijkheidaanduiding`).",
)
