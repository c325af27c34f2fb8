"""camelCase JSON for the Zaken API, with `_expand` and ready-made list representations."""

from __future__ import annotations

import functools

from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework.renderers import JSONRenderer

from common.renderers import ZGWJSONRenderer


class CamelCaseList(list):
    """Representations whose keys are camelCase already (`list_representation`): the renderer
    passes them by instead of walking every key again."""


@functools.lru_cache(maxsize=4096)
def _camel_key(key: str) -> str:
    return camelize_re.sub(underscore_to_camel, key) if "_" in key and key != "_expand" else key


# values that need no walking: nearly all of them
_PLAIN = frozenset({str, int, float, bool, type(None)})


def camelize(data):
    """camelCase keys, as `djangorestframework_camel_case` makes them, with each key converted
    once per process instead of once per object (a list of zaken repeats the same keys), and
    plain values passed as they are, without a call."""
    if isinstance(data, dict):
        return {
            _camel_key(key) if isinstance(key, str) else key: value if type(value) in _PLAIN else camelize(value)
            for key, value in data.items()
        }
    if isinstance(data, CamelCaseList):
        return data
    if isinstance(data, list | tuple):
        return [item if type(item) in _PLAIN else camelize(item) for item in data]
    return data


class ExpandRenderer(ZGWJSONRenderer):
    """camelCase JSON where `_expand` keeps its name (camelCase would make it `Expand`)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            return super().render(data, accepted_media_type, renderer_context)
        return JSONRenderer.render(self, camelize(data), accepted_media_type, renderer_context)
