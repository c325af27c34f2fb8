"""`expand`: related resources inline, under `_expand`, as the Zaken API 1.5 describes.

`expand=zaaktype,status.statustype,resultaat.resultaattype` puts the zaaktype, the status
(with its statustype in the status's own `_expand`) and the resultaat (with its
resultaattype) beside the zaak's fields. Zaken that come along (hoofdzaak, deelzaken) are
only shown when the client may see them; others stay a plain URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework import exceptions

from ...models import Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject
from ..catalogi import serializers as catalogi
from . import access
from . import serializers as zaken

MAX_DEPTH = 4


def _laatste_status(zaak: Zaak) -> Status | None:
    statussen = list(zaak.statussen.all())
    return max(statussen, key=lambda s: (s.datum_status_gezet, s.pk)) if statussen else None


def _resultaat(zaak: Zaak) -> Resultaat | None:
    try:
        return zaak.resultaat
    except Resultaat.DoesNotExist:
        return None


# model -> expandable name -> (how to get it, its serializer, many)
Getter = Callable[[Any], Any]
EXPANDABLE: dict[type, dict[str, tuple[Getter, type, bool]]] = {
    Zaak: {
        "zaaktype": (lambda z: z.zaaktype, catalogi.ZaakTypeSerializer, False),
        "status": (_laatste_status, zaken.StatusSerializer, False),
        "resultaat": (_resultaat, zaken.ResultaatSerializer, False),
        "hoofdzaak": (lambda z: z.hoofdzaak, zaken.ZaakSerializer, False),
        "deelzaken": (lambda z: Zaak.objects.filter(hoofdzaak=z).order_by("pk"), zaken.ZaakSerializer, True),
        "rollen": (lambda z: Rol.objects.filter(zaak=z).order_by("pk"), zaken.RolSerializer, True),
        "eigenschappen": (
            lambda z: ZaakEigenschap.objects.filter(zaak=z).order_by("pk"),
            zaken.ZaakEigenschapSerializer,
            True,
        ),
        "zaakobjecten": (lambda z: ZaakObject.objects.filter(zaak=z).order_by("pk"), zaken.ZaakObjectSerializer, True),
        "zaakinformatieobjecten": (
            lambda z: ZaakInformatieObject.objects.filter(zaak=z).order_by("pk"),
            zaken.ZaakInformatieObjectSerializer,
            True,
        ),
    },
    Status: {
        "statustype": (lambda s: s.statustype, catalogi.StatusTypeSerializer, False),
        "gezetdoor": (lambda s: s.gezetdoor, zaken.RolSerializer, False),
    },
    Resultaat: {"resultaattype": (lambda r: r.resultaattype, catalogi.ResultaatTypeSerializer, False)},
    Rol: {"roltype": (lambda r: r.roltype, catalogi.RolTypeSerializer, False)},
    ZaakEigenschap: {"eigenschap": (lambda e: e.eigenschap, catalogi.EigenschapSerializer, False)},
    ZaakObject: {"zaakobjecttype": (lambda o: o.zaakobjecttype, catalogi.ZaakObjectTypeSerializer, False)},
    ZaakInformatieObject: {"status": (lambda z: z.status, zaken.StatusSerializer, False)},
}


def parse(paths: str) -> dict:
    """`a.b,c` -> {"a": {"b": {}}, "c": {}}; an unknown name is a 400 (`invalid-expand`)."""
    tree: dict = {}
    for path in filter(None, (p.strip() for p in paths.split(","))):
        parts = path.split(".")
        if len(parts) > MAX_DEPTH:
            raise exceptions.ValidationError(
                {"expand": [exceptions.ErrorDetail(f"`{path}` gaat te diep (hoogstens {MAX_DEPTH}).", "invalid")]}
            )
        node = tree
        for part in parts:
            node = node.setdefault(part, {})
    return tree


def _check(model: type, tree: dict, where: str = "") -> None:
    for name, sub in tree.items():
        spec = EXPANDABLE.get(model, {}).get(name)
        if spec is None:
            raise exceptions.ValidationError(
                {"expand": [exceptions.ErrorDetail(f"`{where}{name}` kan niet uitgebreid worden.", "invalid-expand")]}
            )
        serializer_model = spec[1].Meta.model
        if sub:
            _check(serializer_model, sub, f"{where}{name}.")


def _visible(obj, auth) -> bool:
    return not isinstance(obj, Zaak) or access.zaak_toegestaan(auth, obj, {"zaken.lezen"})


def _expand_one(obj, data: dict, tree: dict, context: dict, auth) -> dict:
    expanded: dict = {}
    for name, sub in tree.items():
        getter, serializer_class, many = EXPANDABLE[type(obj)][name]
        value = getter(obj)
        if many:
            items = [item for item in value if _visible(item, auth)]
            rendered = serializer_class(items, many=True, context=context).data
            expanded[name] = [_expand_one(i, dict(d), sub, context, auth) for i, d in zip(items, rendered, strict=True)]
        elif value is None or not _visible(value, auth):
            expanded[name] = None
        else:
            expanded[name] = _expand_one(value, dict(serializer_class(value, context=context).data), sub, context, auth)
    if expanded:
        data["_expand"] = expanded
    return data


def expand_many(instances, data_list, paths: str, context: dict, auth) -> list[dict]:
    tree = parse(paths)
    if not tree:
        return list(data_list)
    _check(Zaak, tree)
    return [_expand_one(obj, dict(data), tree, context, auth) for obj, data in zip(instances, data_list, strict=True)]
