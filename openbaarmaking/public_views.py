"""What the public and the Woo-index reach without authentication: robots.txt, the DiWoo
sitemaps and the download of published documents."""

from __future__ import annotations

import logging
from contextlib import ExitStack

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from common.downloads import content_disposition

from . import sitemaps
from .clients import BadReferenceError, DocumentenClient, ProviderUnavailableError
from .models import PublicatieDocument, PublicatieStatus

logger = logging.getLogger(__name__)

XML = "application/xml; charset=utf-8"
CHUNK = 64 * 1024


@require_safe
def robots_txt(request):
    return HttpResponse(sitemaps.robots_txt(), content_type="text/plain; charset=utf-8")


@require_safe
def sitemapindex(request, nummer: str):
    content = sitemaps.sitemapindex_xml(int(nummer))
    if content is None:
        raise Http404("No sitemapindex for this category.")
    return HttpResponse(content, content_type=XML)


@require_safe
def sitemap(request, naam: str):
    path = sitemaps.sitemap_path(naam)
    if path is None or not path.exists():
        raise Http404("No such sitemap.")
    response = FileResponse(open(path, "rb"), content_type=XML)  # noqa: SIM115 (FileResponse closes it)
    response["Content-Disposition"] = content_disposition(path.name, attachment=False)
    return response


def _gone(reason: str) -> HttpResponse:
    return HttpResponse(reason, status=410, content_type="text/plain; charset=utf-8")


@require_safe
def document_download(request, uuid):
    """Stream a published document's file from the Documenten API.

    404 for an unknown document or one whose publicatie is still a concept, 410 Gone for a
    revoked one (and for one that is no longer public at the source). The file passes
    through in chunks, never whole in memory.
    """
    item = PublicatieDocument.objects.select_related("publicatie").filter(uuid=uuid).first()
    if item is None or item.publicatie.status == PublicatieStatus.concept:
        raise Http404("No published document with this identifier.")
    if item.publicatie.status == PublicatieStatus.ingetrokken:
        return _gone("Deze publicatie is ingetrokken.")
    client = DocumentenClient()
    stack = ExitStack()
    try:
        document = client.document(item.document)
        if not document.is_openbaar:
            logger.warning("woo_document_niet_meer_openbaar", extra={"document": item.document})
            return _gone("Dit document is niet meer openbaar.")
        upstream = stack.enter_context(client.inhoud(document))
    except BadReferenceError:
        stack.close()
        return _gone("Dit document bestaat niet meer.")
    except ProviderUnavailableError:
        stack.close()
        logger.warning("woo_download_bron_onbereikbaar", extra={"document": item.document}, exc_info=True)
        return HttpResponse("De bron is tijdelijk niet bereikbaar.", status=503, content_type="text/plain")

    def chunks():
        with stack:
            yield from upstream.iter_bytes(CHUNK)

    response = StreamingHttpResponse(chunks(), content_type=document.formaat or "application/octet-stream")
    if upstream.headers.get("content-length"):
        response["Content-Length"] = upstream.headers["content-length"]
    response["Content-Disposition"] = content_disposition(
        document.bestandsnaam, attachment=False, default=str(item.uuid)
    )
    response["Last-Modified"] = item.laatst_gewijzigd.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response
