"""Serializer fields of the Catalogi API that plain DRF does not have."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from common.safe_urls import resolve_url

from ...archiving import validate_duration
from ...selectors import object_dates

NAMESPACE = "catalogi"


def detail_url(obj, request) -> str:
    """The absolute URL of a catalogue object, e.g. `…/catalogi/api/v1/zaaktypen/<uuid>`."""
    return reverse(f"{NAMESPACE}:{obj._meta.model_name}-detail", kwargs={"uuid": obj.uuid}, request=request)


def uuid_from_url(url: str, model) -> str | None:
    """The uuid in a URL of this API that points at a `model`, else None."""
    match = resolve_url(url)
    if match is None or match.namespace != NAMESPACE or match.url_name != f"{model._meta.model_name}-detail":
        return None
    return match.kwargs.get("uuid")


@extend_schema_field(OpenApiTypes.DURATION)
class DurationField(serializers.CharField):
    """An ISO 8601 duration (`P10Y`, `P1Y6M`, `P42D`), kept as written."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.validators.append(validate_duration)

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        return value or None


class LeegToegestaanMixin:
    """An optional value with a format (URL, e-mail): empty is written as `""` or `null`, read as `null`.

    Read as `null` because `""` is no URL or e-mail address: a client that checks the
    format would refuse it. (Not `allow_blank`: drf-spectacular would document that as a
    `oneOf` that `""` matches twice.)
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is None or data == "":
            return True, ""
        return super().validate_empty_values(data)

    def run_validation(self, data=serializers.empty):
        # CharField refuses "" as `blank` before it asks validate_empty_values.
        if data == "":
            return ""
        return super().run_validation(data)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class OptioneleUrlField(LeegToegestaanMixin, serializers.URLField):
    pass


class OptioneleEmailField(LeegToegestaanMixin, serializers.EmailField):
    pass


class GegevensgroepSerializer(serializers.Serializer):
    """A gegevensgroep: a nested object in the API, flat `<prefix>_<name>` fields in the model.

    Use with `source="*"`. A group is written as a whole: sub-fields left out are cleared.
    A nullable group (`allow_null=True`) reads as `null` when all its fields are empty and
    clears all of them when `null` is written.
    """

    prefix = ""

    def _empty(self) -> dict:
        values = {}
        for field in self.fields.values():
            if field.read_only:
                continue
            if isinstance(field, serializers.BooleanField):
                values[field.source] = False
            elif isinstance(field, serializers.ListField):
                values[field.source] = []
            elif getattr(field, "allow_null", False) and not isinstance(field, serializers.CharField):
                values[field.source] = None
            else:
                values[field.source] = ""
        return values

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, self._empty()
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if getattr(self.root, "partial", False) and isinstance(data, dict):
            # A group is written whole, in a PATCH too: DRF would skip its required fields.
            missing = {
                name: [serializers.ErrorDetail(field.error_messages["required"], code="required")]
                for name, field in self.fields.items()
                if field.required and not field.read_only and field.field_name not in data
            }
            if missing:
                raise serializers.ValidationError(missing)
        values = self._empty()
        values.update(super().to_internal_value(data))
        return values

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.allow_null and not any(value not in (None, "", False, []) for value in data.values()):
            return None
        return data


@extend_schema_field({"type": "string", "format": "date", "nullable": True, "readOnly": True})
class ObjectDatumField(serializers.ReadOnlyField):
    """`beginObject`/`eindeObject`: the begin of the first version, the end of the last one."""

    def __init__(self, which: str, **kwargs) -> None:
        self.which = which
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, value):
        name = f"{self.which}_object"
        datum = getattr(value, name) if hasattr(value, name) else object_dates(value)[self.which]
        return datum.isoformat() if datum else None


@extend_schema_field(build_array_type(build_basic_type(OpenApiTypes.URI)))
class UrlsField(serializers.ReadOnlyField):
    """The URLs of related catalogue objects (read-only), each once."""

    def to_representation(self, value):
        request = self.context.get("request")
        return list(dict.fromkeys(detail_url(obj, request) for obj in value.all()))


class VerwijzingenField(serializers.ListField):
    """References to other catalogue objects: by URL or by name.

    The Catalogi API 1.3 lets a client refer to besluittypen and informatieobjecttypen by
    `omschrijving` and to zaaktypen by `identificatie`, so a reference survives a new
    version; a URL of this API is accepted too. Writing gives the strings; the serializer
    resolves them within the catalogus. Reading gives the URLs of the related objects.
    """

    def __init__(self, *, naam: str, **kwargs) -> None:
        self.naam = naam
        kwargs.setdefault("child", serializers.CharField(max_length=1000))
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return [detail_url(obj, request) for obj in value.all()]


class VerwijzingField(serializers.CharField):
    """One reference to a catalogue object, by URL or by name; reads as the URL."""

    def __init__(self, *, naam: str, **kwargs) -> None:
        self.naam = naam
        super().__init__(**kwargs)

    def to_representation(self, value):
        return detail_url(value, self.context.get("request"))


class VerwijzingenFieldExtension(OpenApiSerializerFieldExtension):
    target_class = VerwijzingenField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return build_array_type(build_basic_type(OpenApiTypes.URI))
        return build_array_type({"type": "string", "description": f"URL of {self.target.naam}."})


class VerwijzingFieldExtension(OpenApiSerializerFieldExtension):
    target_class = VerwijzingField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return build_basic_type(OpenApiTypes.URI)
        return {"type": "string", "maxLength": 1000, "description": f"URL or omschrijving of the {self.target.naam}."}
