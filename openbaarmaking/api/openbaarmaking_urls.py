from common.urls import Router, api_urlpatterns

from . import views

app_name = "openbaarmaking"

router = Router()
router.register("informatiecategorieen", views.InformatiecategorieViewSet, basename="informatiecategorie")
router.register("organisaties", views.OrganisatieViewSet, basename="organisatie")
router.register("publicaties", views.PublicatieViewSet, basename="publicatie")
router.register("deadlineoverzicht", views.DeadlineoverzichtViewSet, basename="deadlineoverzicht")
router.register("documenten", views.PublicatieDocumentViewSet, basename="document")
router.register("publicatieregels", views.PublicatieregelViewSet, basename="publicatieregel")
router.register("notificaties", views.NotificatieViewSet, basename="notificatie")

urlpatterns = api_urlpatterns(
    app_name,
    router.urls,
    root="/openbaarmaking/api/v1/",
    title="Publicaties API",
    version="1.0.0",
    description="Woo publications: definitive, public documents of the Documenten API, published under the Woo "
    "information categories and harvested by the national Woo-index through the DiWoo sitemaps.\n\n"
    "A publicatie moves from `concept` to `gepubliceerd` to `ingetrokken`, and no other way. A document that is "
    "not `openbaar` is never published. Publicatieregels say which informatieobjecttype belongs to which "
    "category and whether its documents publish automatically or wait as a concept with a deadline. The "
    "webhook `notificaties` receives the `documenten` kanaal of the Notificaties API; a periodic reconciliation "
    "through the Documenten API catches any missed notification.\n\n"
    "Public, without authentication: `/robots.txt`, `/sitemapindex-diwoo-infocatNNN.xml`, `/sitemaps/…` and the "
    "download of a published document at `/woo/documenten/{uuid}`.",
)
