from common.urls import Router, api_urlpatterns

app_name = "catalogi"

router = Router()

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/catalogi/api/v1/",
    title="Catalogi API",
    version="1.3.1",
    description="Zaaktypen and everything that describes them, with archiving parameters by design.",
)
