"""The brondatum calculator on its own: durations over leap days and month ends, each afleidingswijze."""

from __future__ import annotations

import datetime as dt

import pytest

from zaken.brondatum import BrondatumError, BrondatumInput, add_duration, archiefparameters, parse_datum

D = dt.date


@pytest.mark.parametrize(
    ("datum", "duur", "expected"),
    [
        (D(2024, 2, 29), "P1Y", D(2025, 2, 28)),  # leap day to a common year
        (D(2024, 2, 29), "P4Y", D(2028, 2, 29)),  # leap day to a leap year
        (D(2023, 1, 31), "P1M", D(2023, 2, 28)),  # month end to a shorter month
        (D(2024, 1, 31), "P1M", D(2024, 2, 29)),  # ... in a leap year
        (D(2023, 1, 31), "P1Y1M", D(2024, 2, 29)),
        (D(2024, 3, 31), "P1M", D(2024, 4, 30)),
        (D(2024, 12, 31), "P2M", D(2025, 2, 28)),
        (D(2024, 2, 28), "P1D", D(2024, 2, 29)),
        (D(2024, 2, 22), "P1W", D(2024, 2, 29)),
        (D(2020, 6, 15), "P10Y", D(2030, 6, 15)),
        (D(2020, 6, 15), "PT12H", D(2020, 6, 15)),
    ],
)
def test_add_duration_follows_the_calendar(datum, duur, expected):
    assert add_duration(datum, duur) == expected


@pytest.mark.parametrize(
    ("waarde", "expected"),
    [
        ("2024-02-29", D(2024, 2, 29)),
        ("20240229", D(2024, 2, 29)),
        ("2024-02-29T10:00:00Z", D(2024, 2, 29)),
        ("29-02-2024", None),
        ("", None),
        ("2023-02-29", None),
    ],
)
def test_parse_datum(waarde, expected):
    assert parse_datum(waarde) == expected


def invoer(afleidingswijze: str, **kwargs) -> BrondatumInput:
    values = {
        "einddatum": D(2024, 2, 29),
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P1Y",
        "afleidingswijze": afleidingswijze,
    }
    return BrondatumInput(**{**values, **kwargs})


# afleidingswijze, extra input, expected brondatum, expected archiefactiedatum
CASES = [
    ("afgehandeld", {}, D(2024, 2, 29), D(2025, 2, 28)),
    ("termijn", {"procestermijn": "P1M", "einddatum": D(2023, 1, 31)}, D(2023, 2, 28), D(2024, 2, 28)),
    ("hoofdzaak", {"heeft_hoofdzaak": True, "hoofdzaak_einddatum": D(2024, 3, 31)}, D(2024, 3, 31), D(2025, 3, 31)),
    ("hoofdzaak", {"heeft_hoofdzaak": True}, None, None),  # the hoofdzaak is still open
    ("eigenschap", {"datumkenmerk": "verval", "eigenschappen": {"verval": "20240131"}}, D(2024, 1, 31), D(2025, 1, 31)),
    ("eigenschap", {"datumkenmerk": "verval"}, None, None),  # may follow later
    ("ander_datumkenmerk", {"opgegeven_brondatum": D(2024, 2, 29)}, D(2024, 2, 29), D(2025, 2, 28)),
    ("ander_datumkenmerk", {}, None, None),
    (
        "zaakobject",
        {
            "objecttype": "woz_waarde",
            "datumkenmerk": "waardepeildatum",
            "zaakobjecten": [
                ("woz_waarde", {"waardepeildatum": "2023-01-31"}),
                ("woz_waarde", {"waardepeildatum": "2024-02-29"}),
                ("pand", {"waardepeildatum": "2030-01-01"}),  # another objecttype does not count
            ],
        },
        D(2024, 2, 29),
        D(2025, 2, 28),
    ),
    (
        "ingangsdatum_besluit",
        {"besluiten": [(D(2023, 1, 31), None), (D(2024, 2, 29), None)]},
        D(2024, 2, 29),
        D(2025, 2, 28),
    ),
    (
        "vervaldatum_besluit",
        {"besluiten": [(D(2020, 1, 1), D(2023, 1, 31)), (D(2020, 1, 1), D(2024, 2, 29))]},
        D(2024, 2, 29),
        D(2025, 2, 28),
    ),
    ("vervaldatum_besluit", {"besluiten": [(D(2020, 1, 1), None)]}, None, None),
    (
        "gerelateerde_zaak",
        {"gerelateerde_einddatums": [D(2023, 1, 31), None, D(2024, 2, 29)]},
        D(2024, 2, 29),
        D(2025, 2, 28),
    ),
]


@pytest.mark.parametrize(("afleidingswijze", "extra", "brondatum", "actiedatum"), CASES)
def test_each_afleidingswijze(afleidingswijze, extra, brondatum, actiedatum):
    parameters = archiefparameters(invoer(afleidingswijze, **extra))

    assert parameters.archiefnominatie == "vernietigen"
    assert parameters.startdatum_bewaartermijn == brondatum
    assert parameters.archiefactiedatum == actiedatum


@pytest.mark.parametrize(
    ("afleidingswijze", "extra"),
    [
        ("hoofdzaak", {}),
        ("zaakobject", {"objecttype": "pand", "datumkenmerk": "x"}),
        ("ingangsdatum_besluit", {}),
        ("gerelateerde_zaak", {"gerelateerde_einddatums": [None]}),
        ("eigenschap", {"datumkenmerk": "verval", "eigenschappen": {"verval": "volgend jaar"}}),
        ("termijn", {}),
    ],
)
def test_a_missing_input_that_cannot_follow_later_is_refused(afleidingswijze, extra):
    with pytest.raises(BrondatumError) as error:
        archiefparameters(invoer(afleidingswijze, **extra))
    assert error.value.code == "archiefactiedatum-error"


def test_blijvend_bewaren_needs_no_archiefactietermijn():
    parameters = archiefparameters(invoer("afgehandeld", archiefnominatie="blijvend_bewaren", archiefactietermijn=""))

    assert (parameters.startdatum_bewaartermijn, parameters.archiefactiedatum) == (D(2024, 2, 29), None)


def test_vernietigen_needs_an_archiefactietermijn():
    with pytest.raises(BrondatumError):
        archiefparameters(invoer("afgehandeld", archiefactietermijn=""))
