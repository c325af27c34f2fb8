from djangorestframework_camel_case.render import CamelCaseJSONRenderer


class ZGWJSONRenderer(CamelCaseJSONRenderer):
    """camelCase JSON; error bodies are already camelCase and keep their media type."""

    media_type = "application/json"
    format = "json"
    charset = None
    json_underscoreize = {"no_underscore_before_number": True}

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            return super(CamelCaseJSONRenderer, self).render(data, accepted_media_type, renderer_context)
        return super().render(data, accepted_media_type, renderer_context)
