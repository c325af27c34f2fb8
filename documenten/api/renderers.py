"""camelCase JSON for the Documenten API, where `_expand` keeps its name."""

from __future__ import annotations

from common.renderers import ZGWJSONRenderer


class ExpandRenderer(ZGWJSONRenderer):
    # camelCase would turn `_expand` into `Expand`
    json_underscoreize = {**ZGWJSONRenderer.json_underscoreize, "ignore_keys": ("_expand",)}
