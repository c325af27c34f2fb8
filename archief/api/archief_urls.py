"""The Archiefbeheer API at /archief/api/v1/.

`router` is module level so that other parts of the archive (transfers) register their
resources beside these.
"""

from common.urls import Router, api_urlpatterns

from ..overbrenging.api import register as register_overbrenging
from .archief_views import IndexZaakViewSet, NotificatieViewSet, RapportageViewSet, VernietigingslijstViewSet

app_name = "archief"

router = Router()
router.register("zaken", IndexZaakViewSet, basename="indexzaak")
router.register("vernietigingslijsten", VernietigingslijstViewSet, basename="vernietigingslijst")
router.register("rapportage", RapportageViewSet, basename="rapportage")
router.register("notificaties", NotificatieViewSet, basename="notificatie")
register_overbrenging(router)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/archief/api/v1/",
    title="Archiefbeheer API",
    version="1.0.0",
    description="Retention index, vernietigingslijsten with their review and verklaring van vernietiging, "
    "the report 'informatiehuishouding op orde', and transfers (overbrengingen) to the archive's e-Depot.",
)
