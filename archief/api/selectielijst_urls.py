from common.urls import Router, api_urlpatterns

app_name = "selectielijst"

router = Router()

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/selectielijst/api/v1/",
    title="Selectielijst API",
    version="1.0.0",
    description="The VNG Selectielijst gemeenten en intergemeentelijke organen 2020.",
)
