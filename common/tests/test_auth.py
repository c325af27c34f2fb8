"""JWT-ZGW authentication: what is accepted and what is refused, with which status."""

from __future__ import annotations

import time

import jwt
import pytest

from common.models import ClientCredential

URL = "/autorisaties/api/v1/applicaties"


@pytest.fixture
def credential(db):
    from common.services import api_client_create_or_update

    api_client_create_or_update(client_id="app", secret="s3cret", alle_autorisaties=True)
    return ClientCredential.objects.get(client_id="app")


def token(secret="s3cret", alg="HS256", **overrides):
    claims = {
        "iss": "app",
        "iat": int(time.time()),
        "client_id": "app",
        "user_id": "u1",
        "user_representation": "Gebruiker Een",
    }
    claims.update(overrides)
    return jwt.encode(claims, secret if alg != "none" else None, algorithm=alg)


def get(client, tok):
    return client.get(URL, HTTP_AUTHORIZATION=f"Bearer {tok}")


def test_valid_token_is_accepted(client, credential):
    response = get(client, token())
    assert response.status_code == 200
    assert "app" in [cid for app in response.json()["results"] for cid in app["clientIds"]]


def test_missing_token_is_401_problem(client, credential):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "bad_token",
    [
        pytest.param(lambda: token(alg="none"), id="alg-none"),
        pytest.param(lambda: token(secret="wrong"), id="wrong-secret"),
        pytest.param(lambda: token(iat=int(time.time()) - 7200), id="expired"),
        pytest.param(lambda: token(iat=int(time.time()) + 3600), id="issued-in-future"),
        pytest.param(lambda: token(client_id="stranger", iss="stranger"), id="unknown-client"),
        pytest.param(lambda: "not-a-jwt", id="garbage"),
        pytest.param(lambda: token(alg="HS512"), id="other-algorithm"),
    ],
)
def test_bad_tokens_are_refused_with_401(client, credential, bad_token):
    response = get(client, bad_token())
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == 401
    assert body["code"] == "authentication_failed"
    assert set(body) >= {"type", "code", "title", "status", "detail", "instance"}


def test_leeway_accepts_slightly_expired(client, credential, settings):
    settings.JWT_EXPIRY = 60
    settings.JWT_LEEWAY = 30
    assert get(client, token(iat=int(time.time()) - 80)).status_code == 200
    assert get(client, token(iat=int(time.time()) - 100)).status_code == 401


def test_scopes_are_enforced(make_api_client):
    reader = make_api_client(autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    assert reader.get(URL).status_code == 200
    response = reader.post(URL, {"clientIds": ["x"], "label": "x", "heeftAlleAutorisaties": True}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    nobody = make_api_client()
    assert nobody.get(URL).status_code == 403


def test_a_request_reads_its_own_applicatie_only_however_many_there_are(client, credential):
    """Authentication and `consumer` select the client's applicatie in the database, among
    look-alike client IDs, in as many queries and instances with 300 applicaties as with 1."""
    from django.db import connection
    from django.db.models.signals import post_init
    from django.test.utils import CaptureQueriesContext

    from common.models import Applicatie

    loaded: list[Applicatie] = []

    def read(instance, **kwargs):
        loaded.append(instance)

    def request() -> tuple[dict, int, int]:
        loaded.clear()
        post_init.connect(read, sender=Applicatie)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{URL}/consumer", {"clientId": "app"}, HTTP_AUTHORIZATION=f"Bearer {token()}")
        finally:
            post_init.disconnect(read, sender=Applicatie)
        assert response.status_code == 200
        return response.json(), len(queries.captured_queries), len(loaded)

    eigen, queries_few, loaded_few = request()
    Applicatie.objects.bulk_create(
        Applicatie(client_ids=[f"app-{i}", f"{i}app", "App"], label=f"Ander {i}") for i in range(300)
    )
    assert request() == (eigen, queries_few, loaded_few)
    assert eigen["clientIds"] == ["app"]


def test_a_change_to_a_clients_autorisaties_counts_from_the_next_request(make_api_client):
    """A client's autorisaties are kept between requests, and a change counts from the next
    request however it is made: here a queryset update and plain SQL, which send no signals."""
    from django.db import connection

    from common.models import Autorisatie

    reader = make_api_client(autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    assert reader.get(URL).status_code == 200
    assert reader.get(URL).status_code == 200

    Autorisatie.objects.filter(component="ac").update(scopes=["autorisaties.bijwerken"])
    assert reader.get(URL).status_code == 403
    Autorisatie.objects.filter(component="ac").update(scopes=["autorisaties.lezen"])
    assert reader.get(URL).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_autorisatie")
    assert reader.get(URL).status_code == 403


def test_a_new_secret_counts_from_the_next_request(client, credential):
    assert get(client, token()).status_code == 200

    ClientCredential.objects.filter(client_id="app").update(secret="nieuw")

    assert get(client, token()).status_code == 401
    assert get(client, token(secret="nieuw")).status_code == 200


def test_a_rolled_back_change_is_not_taken_for_a_later_one(make_api_client):
    """The version of the autorisaties is a new random value at every change: a counter would
    come back to the same number after a rollback, and the client kept at that number inside
    the rolled-back transaction would be taken for the later change's."""
    from django.db import transaction

    from common.models import Applicatie, Autorisatie

    reader = make_api_client(autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    assert reader.get(URL).status_code == 200
    with pytest.raises(RuntimeError), transaction.atomic():
        Autorisatie.objects.filter(component="ac").update(scopes=[])
        assert reader.get(URL).status_code == 403
        raise RuntimeError("rolled back")

    Applicatie.objects.filter(autorisaties__component="ac").update(label="Hernoemd")

    assert reader.get(URL).status_code == 200


def test_an_unchanged_client_is_not_read_again(client, credential):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as eerste:
        assert get(client, token()).status_code == 200
    with CaptureQueriesContext(connection) as tweede:
        assert get(client, token()).status_code == 200

    assert len(tweede.captured_queries) < len(eerste.captured_queries)


def test_a_token_without_client_id_is_refused_even_with_iss(client, credential):
    """JWT-ZGW requires `client_id`; `iss` does not stand in for it."""
    claims = {"iss": "app", "iat": int(time.time()), "user_id": "u1", "user_representation": ""}
    response = get(client, jwt.encode(claims, "s3cret", algorithm="HS256"))
    assert response.status_code == 401
    assert "client_id" in response.json()["detail"]
    assert get(client, token(iss="iemand-anders")).status_code == 200  # client_id decides


def test_an_unknown_client_and_a_wrong_signature_get_one_answer(client, credential):
    """Nothing in the answer tells whether a client ID exists."""
    unknown = get(client, token(client_id="bestaat-niet", iss="bestaat-niet"))
    wrong = get(client, token(secret="fout"))
    unknown_expired = get(client, token(client_id="bestaat-niet", iat=int(time.time()) - 7200))
    for response in (unknown, wrong, unknown_expired):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == wrong["WWW-Authenticate"]
    assert unknown.json() == wrong.json() == unknown_expired.json()


def test_an_unknown_client_costs_what_a_wrong_signature_costs(credential):
    """No timing gap worth the name: an unknown client's token is verified against a dummy
    secret, and its absence is kept like a known client is, so neither does extra work."""
    from rest_framework.exceptions import AuthenticationFailed

    from common.auth import authenticate_token

    def median_seconds(tok: str) -> float:
        timings = []
        for _ in range(300):
            start = time.perf_counter()
            with pytest.raises(AuthenticationFailed):
                authenticate_token(tok)
            timings.append(time.perf_counter() - start)
        return sorted(timings)[len(timings) // 2]

    unknown, wrong = token(client_id="bestaat-niet"), token(secret="fout")
    median_seconds(unknown), median_seconds(wrong)  # warm up both paths
    ratio = median_seconds(unknown) / median_seconds(wrong)
    assert 0.67 < ratio < 1.5, ratio
