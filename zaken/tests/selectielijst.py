"""References into the VNG Selectielijst 2020 as the Selectielijst API serves it.

The list is published reference data and does not change; these are a few of its
procestypen and resultaten, chosen for their procestermijn.
"""

from django.conf import settings


def resultaat(uuid: str) -> str:
    return f"{settings.SELECTIELIJST_API_ROOT}resultaten/{uuid}"


def procestype(uuid: str) -> str:
    return f"{settings.SELECTIELIJST_API_ROOT}procestypen/{uuid}"


def resultaattypeomschrijving(uuid: str) -> str:
    return f"{settings.SELECTIELIJST_API_ROOT}resultaattypeomschrijvingen/{uuid}"


# Procestype 15 "Uitvoeren van beleid": procestermijnen nihil, ingeschatte_bestaansduur_procesobject and none.
PROCESTYPE_15 = "388645ae-bb7f-4b2b-ba70-94b70f713d45"
NIHIL_P5Y = "d8b21822-3ff1-4414-b17b-cbfd662b40d8"  # 15.1 Uitgevoerd, vernietigen, P5Y
NIHIL_P10Y = "d934439e-6efd-470a-ad8c-e5f31550d22d"  # vernietigen, P10Y
INGESCHATTE_BESTAANSDUUR = "59596a33-c8db-4aa7-bb81-140cb29bb42a"  # vernietigen, P5Y
ZONDER_PROCESTERMIJN = "a2807664-dd89-48cd-b3ae-b3b67246900c"  # blijvend_bewaren, no bewaartermijn

# Procestype 3: vast_te_leggen_datum.
PROCESTYPE_3 = "e04ccf9b-501b-4228-8e16-c95eab801ee5"
VAST_TE_LEGGEN_DATUM = "f3e74904-dd73-4a62-8f0e-d47959795fa4"  # vernietigen, P5Y

AFGEWEZEN = "e6a0c939-3404-45b0-88e3-76c94fb80ea7"  # resultaattypeomschrijving "Afgewezen"
TOEGEKEND = "fb65d251-1518-4185-865f-b8bdcfad07b1"  # resultaattypeomschrijving "Toegekend"
