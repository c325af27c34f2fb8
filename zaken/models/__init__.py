"""Models of the zaken app: the catalogue (Catalogi API), zaken (Zaken API) and besluiten (Besluiten API)."""

from .besluiten import Besluit, BesluitInformatieObject, ZaakBesluit
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
from .zaken import (
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakTelling,
)

__all__ = [
    "Besluit",
    "BesluitInformatieObject",
    "BesluitType",
    "Catalogus",
    "Eigenschap",
    "InformatieObjectType",
    "KlantContact",
    "Resultaat",
    "ResultaatType",
    "Rol",
    "RolType",
    "Status",
    "StatusType",
    "Zaak",
    "ZaakBesluit",
    "ZaakEigenschap",
    "ZaakInformatieObject",
    "ZaakObject",
    "ZaakObjectType",
    "ZaakTelling",
    "ZaakType",
    "ZaakTypeInformatieObjectType",
    "ZaakTypenRelatie",
]
