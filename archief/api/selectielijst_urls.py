from common.urls import Router, api_urlpatterns

from .views import ProcesTypeViewSet, ResultaatTypeOmschrijvingGeneriekViewSet, ResultaatViewSet

app_name = "selectielijst"

router = Router()
router.register("procestypen", ProcesTypeViewSet, basename="procestype")
router.register("resultaten", ResultaatViewSet, basename="resultaat")
router.register(
    "resultaattypeomschrijvingen",
    ResultaatTypeOmschrijvingGeneriekViewSet,
    basename="resultaattypeomschrijvinggeneriek",
)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/selectielijst/api/v1/",
    title="Selectielijst API",
    version="1.0.0",
    description="The VNG Selectielijst gemeenten en intergemeentelijke organen 2020.",
)
