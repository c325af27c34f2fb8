from djangorestframework_camel_case.parser import CamelCaseJSONParser


class ZGWJSONParser(CamelCaseJSONParser):
    """Accepts camelCase JSON and hands snake_case to the serializers."""

    json_underscoreize = {"no_underscore_before_number": True}
