from common.urls import Router, api_urlpatterns

from .besluiten import views

app_name = "besluiten"

router = Router()
router.register("besluiten", views.BesluitViewSet)
router.register("besluitinformatieobjecten", views.BesluitInformatieObjectViewSet)
router.register(
    r"besluiten/(?P<besluit_uuid>[^/.]+)/audittrail", views.BesluitAuditTrailViewSet, basename="besluit-audittrail"
)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/besluiten/api/v1/",
    title="Besluiten API",
    version="1.0.2",
    description="Besluiten and the documents they are recorded in.\n\n"
    "A besluit about a zaak feeds the zaak's archiving parameters: with afleidingswijze `ingangsdatum_besluit` or "
    "`vervaldatum_besluit` the zaak's brondatum is the latest ingangsdatum or vervaldatum of its besluiten, derived "
    "again whenever a besluit changes.\n\nNotifications are published on kanaal `besluiten` (kenmerken: "
    "`verantwoordelijkeOrganisatie`, `besluittype`).",
)
