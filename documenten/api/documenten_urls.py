from common.urls import Router, api_urlpatterns

from . import views

app_name = "documenten"

router = Router()
router.register("bestandsdelen", views.BestandsDeelViewSet, basename="bestandsdeel")
router.register(
    r"enkelvoudiginformatieobjecten/(?P<enkelvoudiginformatieobject_uuid>[0-9a-f-]+)/audittrail",
    views.AuditTrailViewSet,
    basename="audittrail",
)
router.register(
    "enkelvoudiginformatieobjecten", views.EnkelvoudigInformatieObjectViewSet, basename="enkelvoudiginformatieobject"
)
router.register("gebruiksrechten", views.GebruiksrechtenViewSet)
router.register("integriteitsafwijkingen", views.IntegriteitsAfwijkingViewSet)
router.register("objectinformatieobjecten", views.ObjectInformatieObjectViewSet)
router.register("verzendingen", views.VerzendingViewSet)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/documenten/api/v1/",
    title="Documenten API",
    version="1.5.0",
    description="Documents (enkelvoudige informatieobjecten), their versions and files, as the ZGW Documenten API "
    "1.5 describes them.\n\n"
    "Files are streamed to and from storage: small ones as base64 `inhoud`, large ones in bestandsdelen. Every "
    "stored file gets its SHA-256 at write time in `integriteit`; a periodic task recomputes it and lists what no "
    "longer matches under `integriteitsafwijkingen` (an extension of the standard).\n\n"
    "Notifications are published on kanaal `documenten` for every create, update and delete (resources "
    "`enkelvoudiginformatieobject`, `gebruiksrechten`, `objectinformatieobject`, `verzending`), with the kenmerken "
    "`bronorganisatie`, `informatieobjecttype`, `vertrouwelijkheidaanduiding` and `status`.",
)
