"""Reads of the Zaken API that lists need to stay fast: the related rows of a page of zaken.

A zaak in the API lists the URLs of its deelzaken, eigenschappen, rollen,
zaakinformatieobjecten and zaakobjecten, and its last status. Django's prefetch builds a
model instance and a related manager per row; for a page of zaken only the uuids matter,
so one `values_list` query per relation fetches them, a fixed number of queries whatever
the page size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .models import Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject

# attribute of the API -> (model, the foreign key to the zaak)
RELATIES = {
    "deelzaken": (Zaak, "hoofdzaak_id"),
    "zaakeigenschappen": (ZaakEigenschap, "zaak_id"),
    "rollen": (Rol, "zaak_id"),
    "zaakinformatieobjecten": (ZaakInformatieObject, "zaak_id"),
    "zaakobjecten": (ZaakObject, "zaak_id"),
}


def zaken_relaties_laden(zaken: Sequence[Zaak]) -> None:
    """Set `zaak.relatie_uuids` (name -> uuids, oldest first) and `zaak.laatste_status_uuid` on each zaak."""
    ids = [zaak.pk for zaak in zaken]
    gevonden: dict[str, dict[int, list]] = {}
    for naam, (model, fk) in RELATIES.items():
        per_zaak: dict[int, list] = defaultdict(list)
        for zaak_id, uuid in model.objects.filter(**{f"{fk}__in": ids}).order_by("pk").values_list(fk, "uuid"):
            per_zaak[zaak_id].append(uuid)
        gevonden[naam] = per_zaak
    laatste: dict[int, tuple] = {}
    rows = Status.objects.filter(zaak_id__in=ids).values_list("zaak_id", "datum_status_gezet", "pk", "uuid")
    for zaak_id, gezet, pk, uuid in rows:
        if zaak_id not in laatste or (gezet, pk) > laatste[zaak_id][:2]:
            laatste[zaak_id] = (gezet, pk, uuid)
    for zaak in zaken:
        zaak.relatie_uuids = {naam: per_zaak.get(zaak.pk, []) for naam, per_zaak in gevonden.items()}
        zaak.laatste_status_uuid = laatste[zaak.pk][2] if zaak.pk in laatste else None
