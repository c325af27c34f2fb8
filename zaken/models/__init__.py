"""Models of the zaken app: the catalogue (Catalogi API)."""

from .catalogi import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
    ZaakTypenRelatie,
)

__all__ = [
    "BesluitType",
    "Catalogus",
    "Eigenschap",
    "InformatieObjectType",
    "ResultaatType",
    "RolType",
    "StatusType",
    "ZaakObjectType",
    "ZaakType",
    "ZaakTypeInformatieObjectType",
    "ZaakTypenRelatie",
]
