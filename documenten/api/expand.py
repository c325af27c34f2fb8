"""`expand`: related resources inline, under `_expand`, where the Documenten API 1.5 has the
parameter (the lists and reads of enkelvoudiginformatieobjecten, gebruiksrechten,
objectinformatieobjecten and verzendingen, and `_zoek`).

What can be expanded:
- from a document: `informatieobjecttype` (read from the Catalogi API);
- from a gebruiksrecht, objectinformatieobject or verzending: `informatieobject` (the latest
  version of the document) and, a level deeper, `informatieobject.informatieobjecttype`.

Each expanded object is shown only as far as the client could read it itself: a document
only with `documenten.lezen` for its informatieobjecttype and vertrouwelijkheidaanduiding,
an informatieobjecttype only with `catalogi.lezen`; otherwise the value is `null` and the
URL in the resource itself is all the client gets, as without `expand`. The same rule as the
Zaken API's `expand` (zaken/api/zaken/expand.py).
"""

from __future__ import annotations

from rest_framework import exceptions

from common.auth import ClientAuth

from .. import clients, services
from ..models import EnkelvoudigInformatieObject, InformatieObject

MAX_DEPTH = 2
INFORMATIEOBJECTTYPE = {"informatieobjecttype": {}}
# resource -> the names it expands, each with the names one level deeper
EXPANDABLE: dict[str, dict[str, dict]] = {
    "enkelvoudiginformatieobject": INFORMATIEOBJECTTYPE,
    "gebruiksrechten": {"informatieobject": INFORMATIEOBJECTTYPE},
    "objectinformatieobject": {"informatieobject": INFORMATIEOBJECTTYPE},
    "verzending": {"informatieobject": INFORMATIEOBJECTTYPE},
}


def parse(paths: str, resource: str) -> dict:
    """`informatieobject.informatieobjecttype` -> {"informatieobject": {"informatieobjecttype": {}}};
    a name the resource cannot expand is a 400 (`invalid-expand`)."""
    if not isinstance(paths, str):
        raise exceptions.ValidationError({"expand": [exceptions.ErrorDetail("Geef tekst.", "invalid")]})
    tree: dict = {}
    for path in filter(None, (p.strip() for p in paths.split(","))):
        parts = path.split(".")
        allowed = EXPANDABLE[resource]
        node = tree
        for depth, part in enumerate(parts):
            if depth >= MAX_DEPTH or part not in allowed:
                raise exceptions.ValidationError(
                    {"expand": [exceptions.ErrorDetail(f"`{path}` kan niet uitgebreid worden.", "invalid-expand")]}
                )
            allowed = allowed[part]
            node = node.setdefault(part, {})
    return tree


class Expander:
    """Expands the resources of one request; what it reads is read once per request."""

    def __init__(self, *, auth: ClientAuth | None, context: dict) -> None:
        self.auth = auth
        self.context = context
        self._typen: dict[str, dict | None] = {}

    def informatieobjecttype(self, url: str) -> dict | None:
        if self.auth is not None and not self.auth.has_scope("ztc", {"catalogi.lezen"}):
            return None
        if url not in self._typen:
            try:
                self._typen[url] = clients.informatieobjecttype_body(url)
            except clients.BadReferenceError:
                self._typen[url] = None
        return self._typen[url]

    def informatieobject(self, informatieobject: InformatieObject, tree: dict) -> dict | None:
        from .serializers import EnkelvoudigInformatieObjectSerializer

        versie = informatieobject.latest
        if self.auth is not None and not self.auth.may_see(
            services.COMPONENT,
            {services.SCOPE_LEZEN},
            "informatieobjecttype",
            versie.informatieobjecttype,
            versie.vertrouwelijkheidaanduiding,
        ):
            return None
        data = dict(EnkelvoudigInformatieObjectSerializer(versie, context=self.context).data)
        return self.document(versie, data, tree)

    def document(self, versie: EnkelvoudigInformatieObject, data: dict, tree: dict) -> dict:
        if "informatieobjecttype" in tree:
            data["_expand"] = {"informatieobjecttype": self.informatieobjecttype(versie.informatieobjecttype)}
        return data

    def one(self, resource: str, instance, data: dict, tree: dict) -> dict:
        if not tree:
            return data
        data = dict(data)
        if resource == "enkelvoudiginformatieobject":
            return self.document(instance, data, tree)
        data["_expand"] = {
            "informatieobject": self.informatieobject(instance.informatieobject, tree["informatieobject"])
        }
        return data

    def many(self, resource: str, instances, data_list, tree: dict) -> list[dict]:
        return [self.one(resource, i, d, tree) for i, d in zip(instances, data_list, strict=True)]
