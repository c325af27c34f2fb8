"""Serializer fields shared by the Zaken and Besluiten APIs: references by URL."""

from __future__ import annotations

import functools
import uuid as _uuid
from collections.abc import Callable
from typing import Any

from django.urls import reverse as django_reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.auth import ClientAuth
from common.safe_urls import resolve_url

from ...clients import foreign_reference_code
from ...models import BesluitType, Eigenschap, ResultaatType, RolType, StatusType, ZaakObjectType, ZaakType

# model -> (URL namespace, route name) of the API that serves it
ROUTES = {
    ZaakType: ("catalogi", "zaaktype"),
    StatusType: ("catalogi", "statustype"),
    ResultaatType: ("catalogi", "resultaattype"),
    RolType: ("catalogi", "roltype"),
    Eigenschap: ("catalogi", "eigenschap"),
    ZaakObjectType: ("catalogi", "zaakobjecttype"),
    BesluitType: ("catalogi", "besluittype"),
}


@functools.cache
def route(model) -> tuple[str, str]:
    if model in ROUTES:
        return ROUTES[model]
    from ...models import Besluit, BesluitInformatieObject

    if model in (Besluit, BesluitInformatieObject):
        return "besluiten", model._meta.model_name
    return "zaken", model._meta.model_name


NESTED_IN_ZAAK = ("zaakeigenschap", "zaakbesluit")
_SENTINEL = "00000000-0000-0000-0000-00000000000{}"


@functools.cache
def _path_template(namespace: str, name: str) -> str:
    """The path of a detail URL with `{uuid}` (and `{zaak_uuid}`) left to fill in.

    `reverse` walks the URL resolver on every call; a list of 100 zaken makes hundreds of
    URLs, so each route is reversed once with sentinel values and then filled in.
    """
    kwargs = {"uuid": _SENTINEL.format(1)}
    if name in NESTED_IN_ZAAK:
        kwargs["zaak_uuid"] = _SENTINEL.format(2)
    path = django_reverse(f"{namespace}:{name}-detail", kwargs=kwargs)
    return path.replace(_SENTINEL.format(1), "{uuid}").replace(_SENTINEL.format(2), "{zaak_uuid}")


def _origin(request) -> str:
    """`scheme://host` of the request, computed once per request."""
    if request is None:
        return ""
    origin = getattr(request, "_levensloop_origin", None)
    if origin is None:
        origin = request.build_absolute_uri("/")[:-1]
        request._levensloop_origin = origin
    return origin


def object_url(obj, request) -> str:
    namespace, name = route(type(obj))
    zaak_uuid = obj.zaak.uuid if name in NESTED_IN_ZAAK else ""
    return _origin(request) + _path_template(namespace, name).format(uuid=obj.uuid, zaak_uuid=zaak_uuid)


def uuid_in_url(url: str, model) -> _uuid.UUID | None:
    """The uuid of a `model` object in one of our URLs, else None."""
    namespace, name = route(model)
    match = resolve_url(url)
    if match is None or match.namespace != namespace or match.url_name != f"{name}-detail":
        return None
    try:
        return _uuid.UUID(str(match.kwargs.get("uuid")))
    except ValueError:
        return None


@extend_schema_field(OpenApiTypes.URI)
class ReferenceField(serializers.RelatedField):
    """A reference to an object of this app, written and read as its URL.

    A URL that is not one of ours is `bad-url`; one of ours that leads to another kind of
    resource is `invalid-resource`; a right kind that does not exist is `does_not_exist`.
    """

    default_error_messages = {
        "bad-url": "De URL {value} leidt niet naar een object van deze API's.",
        "invalid-resource": "De URL {value} leidt niet naar een {name}.",
        "does_not_exist": "Er is geen {name} op {value}.",
        "no_match": "Ongeldige hyperlink - Geen overeenkomende URL.",
        "max_length": "Een URL heeft hoogstens 1000 tekens.",
    }

    def __init__(
        self,
        *,
        model,
        zichtbaar: Callable[[ClientAuth, Any], bool] | None = None,
        eigenaar: Callable[[ClientAuth, Any, set[str]], None] | None = None,
        **kwargs,
    ) -> None:
        """`zichtbaar(auth, obj)`: whether the client may refer to `obj` at all; one it may not
        see is answered as one that does not exist, so the answer tells nothing of it.
        `eigenaar(auth, obj, scopes)`: for the object that what is written belongs to (a status's
        zaak); raises PermissionDenied, before any other rule is checked, when the client may
        not write there with the scopes of the action."""
        self.model = model
        self.zichtbaar = zichtbaar
        self.eigenaar = eigenaar
        kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.startswith(("http://", "https://")):
            self.fail("bad-url", value=data)
        if len(data) > 1000:
            self.fail("max_length")
        uuid = uuid_in_url(data, self.model)
        if uuid is None:
            if resolve_url(data) is None:
                if self._in_this_api():
                    # A reference within one API (a hoofdzaak): no route of ours matches.
                    self.fail("no_match")
                # A reference to another API (a zaaktype): what answers there decides.
                if foreign_reference_code(data) == "bad-url":
                    self.fail("bad-url", value=data)
            self.fail("invalid-resource", value=data, name=self.model._meta.verbose_name)
        obj = self.get_queryset().filter(uuid=uuid).first()
        auth = self._auth()
        if obj is None or (auth is not None and self.zichtbaar is not None and not self.zichtbaar(auth, obj)):
            self.fail("does_not_exist", value=data, name=self.model._meta.verbose_name)
        if auth is not None and self.eigenaar is not None:
            view = self.context.get("view")
            scopes = getattr(view, "required_scopes", {}).get(getattr(view, "action", None), set())
            self.eigenaar(auth, obj, set(scopes))
        return obj

    def _auth(self) -> ClientAuth | None:
        """The client of the request; None for a write of our own (a task, a command)."""
        auth = getattr(self.context.get("request"), "auth", None)
        return auth if isinstance(auth, ClientAuth) else None

    def _in_this_api(self) -> bool:
        """The referenced model is served by the API this request is made to."""
        request = self.context.get("request")
        match = getattr(request, "resolver_match", None)
        return match is not None and match.namespace == route(self.model)[0]

    def get_attribute(self, instance):
        loaded = getattr(instance, "relatie_uuids", None)
        if loaded is not None and self.source in loaded:
            return loaded[self.source]
        return super().get_attribute(instance)

    def to_representation(self, value):
        if isinstance(value, _uuid.UUID):  # from `zaak_selectors.zaken_pagina`
            return url_for(self.model, value, self.context.get("request"))
        return object_url(value, self.context.get("request"))

    def use_pk_only_optimization(self):
        return False


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True})
class ReferencesField(serializers.ReadOnlyField):
    """The URLs of related objects of `model` (read-only).

    From the uuids `zaak_selectors` put on the zaak (lists and reads), or else from the
    relation itself.
    """

    def __init__(self, *, model, **kwargs) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        loaded = getattr(instance, "relatie_uuids", None)
        if loaded is not None and self.source in loaded:
            return [(uuid, instance.uuid) for uuid in loaded[self.source]]
        nested = route(self.model)[1] in NESTED_IN_ZAAK
        return [(obj.uuid, obj.zaak.uuid if nested else "") for obj in super().get_attribute(instance).all()]

    def to_representation(self, value):
        if not value:
            return []
        template = _path_template(*route(self.model))
        origin = _origin(self.context.get("request"))
        return [origin + template.format(uuid=uuid, zaak_uuid=zaak_uuid) for uuid, zaak_uuid in value]


def url_for(model, uuid, request, zaak_uuid="") -> str:
    """The URL of a `model` object known by its uuid alone."""
    return _origin(request) + _path_template(*route(model)).format(uuid=uuid, zaak_uuid=zaak_uuid)


def url_maker(model, request) -> Callable[[_uuid.UUID], str]:
    """`url_for` for the many objects of one `model` in a list (not one nested in a zaak, whose
    URL has the zaak's uuid too): route and origin looked up once, each URL one concatenation."""
    before, after = _path_template(*route(model)).split("{uuid}")
    if "{" in before + after:
        raise ValueError(f"The URL of a {model.__name__} has more than its own uuid; use `url_for`.")
    before = _origin(request) + before
    return lambda uuid: before + str(uuid) + after


def validate_rsin(value: str) -> None:
    """An RSIN: nine digits that pass the elfproef."""
    if not value.isdigit():
        raise serializers.ValidationError("Voer een getal in.", code="only-digits")
    if len(value) != 9:
        raise serializers.ValidationError("Een RSIN heeft 9 cijfers.", code="invalid-length")
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True))
    if (total - int(value[8])) % 11 != 0:
        raise serializers.ValidationError("Onjuist RSIN: de elfproef faalt.", code="invalid")


class RSINField(serializers.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 9)
        super().__init__(**kwargs)
        self.validators.append(validate_rsin)
