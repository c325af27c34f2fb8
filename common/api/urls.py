from common.urls import Router, api_urlpatterns

from .views import ApplicatieViewSet

app_name = "autorisaties"

router = Router()
router.register("applicaties", ApplicatieViewSet)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/autorisaties/api/v1/",
    title="Autorisaties API",
    version="1.0.1",
    description="Which applications may use which ZGW components, with which scopes, for which types.",
)
