"""The transfer resources of the Archiefbeheer API (mounted at /archief/api/v1/)."""

from __future__ import annotations


def register(router) -> None:
    """Register the transfer resources on the Archiefbeheer API's router."""
    from .views import ArchiefinstellingViewSet, OverbrengingsafspraakViewSet, OverbrengingViewSet

    router.register("archiefinstellingen", ArchiefinstellingViewSet, basename="archiefinstelling")
    router.register("overbrengingsafspraken", OverbrengingsafspraakViewSet, basename="overbrengingsafspraak")
    router.register("overbrengingen", OverbrengingViewSet, basename="overbrenging")
