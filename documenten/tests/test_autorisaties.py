"""Authorisation per informatieobjecttype and vertrouwelijkheidaanduiding, as for zaken."""

from __future__ import annotations

import pytest

from .conftest import DOCUMENTEN, eio_body

pytestmark = pytest.mark.django_db
EIO = DOCUMENTEN + "enkelvoudiginformatieobjecten"


@pytest.fixture
def documents(client, make_iotype):
    brief, memo = make_iotype("Brief"), make_iotype("Memo")
    made = {
        (iotype, level): client.post(EIO, eio_body(iotype, vertrouwelijkheidaanduiding=level), format="json").json()
        for iotype in (brief, memo)
        for level in ("openbaar", "geheim")
    }
    return brief, memo, made


def test_a_client_sees_only_its_types_up_to_its_level(make_api_client, documents):
    brief, memo, made = documents
    lezer = make_api_client(
        autorisaties=[
            {
                "component": "drc",
                "scopes": ["documenten.lezen"],
                "informatieobjecttype": brief,
                "max_vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            }
        ]
    )

    listed = [d["url"] for d in lezer.get(EIO).json()["results"]]

    assert listed == [made[(brief, "openbaar")]["url"]]
    assert lezer.get(made[(brief, "openbaar")]["url"]).status_code == 200
    assert lezer.get(made[(brief, "geheim")]["url"]).status_code == 403
    assert lezer.get(made[(memo, "openbaar")]["url"]).status_code == 403
    assert lezer.get(made[(memo, "openbaar")]["url"] + "/download").status_code == 403


def test_a_client_creates_only_what_it_may_see(make_api_client, iotype):
    schrijver = make_api_client(
        autorisaties=[
            {
                "component": "drc",
                "scopes": ["documenten.aanmaken", "documenten.lezen"],
                "informatieobjecttype": iotype,
                "max_vertrouwelijkheidaanduiding": "intern",
            }
        ]
    )

    allowed = schrijver.post(EIO, eio_body(iotype, vertrouwelijkheidaanduiding="intern"), format="json")
    refused = schrijver.post(EIO, eio_body(iotype, vertrouwelijkheidaanduiding="geheim"), format="json")

    assert allowed.status_code == 201
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"


def test_without_the_scope_or_a_token_nothing_happens(make_api_client, anonymous_client, document):
    lezer = make_api_client(
        autorisaties=[
            {
                "component": "drc",
                "scopes": ["documenten.lezen"],
                "informatieobjecttype": document["informatieobjecttype"],
                "max_vertrouwelijkheidaanduiding": "geheim",
            }
        ]
    )

    assert lezer.delete(document["url"]).status_code == 403
    assert lezer.get(document["url"] + "/audittrail").status_code == 403
    assert anonymous_client.get(EIO).status_code == 401
