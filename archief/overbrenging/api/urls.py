"""The transfer resources on their own, as an API (for tests and the committed contract).

The lead mounts them into the Archiefbeheer API at /archief/api/v1/ through `register`;
this module serves the same routes under the same namespace so the schema and the tests
see exactly what that API will serve.
"""

from common.urls import Router, api_urlpatterns

from . import register

app_name = "archief"

router = Router()
register(router)

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/archief/api/v1/",
    title="Archiefbeheer API: overbrenging",
    version="1.0.0",
    description="Archiefinstellingen, overbrengingsafspraken and overbrengingen (transfer to the e-Depot) of "
    "Levensloop's archive.",
)
