"""Delivery targets are the operator's: only what the settings allow, at input and at delivery.

An agreement is API input (and admin input). Its SFTP host and port, S3 endpoint and local
directory must be on the settings' allow-lists, or the agreement is refused with 400; an
agreement stored before a setting changed is refused again when it would deliver. A target
that cannot be reached gets one message, whether its port is closed or open to something else.
"""

from __future__ import annotations

import socket
import threading

import pytest
from django.urls import reverse

from archief.overbrenging import services
from archief.overbrenging.models import Overbrengingsafspraak, Status
from archief.overbrenging.targets import ONBEREIKBAAR, DeliveryError, S3Map, SFTPMap
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld
from archief.overbrenging.tests.rollen import persoon

from . import sipdata
from .test_api import ROOT, checked

pytestmark = pytest.mark.django_db


@pytest.fixture
def archief_client(make_api_client):
    return make_api_client(
        autorisaties=[{"component": "arc", "scopes": ["archiefbeheer.lezen", "archiefbeheer.schrijven"]}]
    )


class Listener:
    """A TCP port on 127.0.0.1 that records every connection and answers with a line that is
    no SSH banner (an open port of some other service)."""

    def __init__(self) -> None:
        self.connections = 0
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            with connection:
                connection.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener():
    instance = Listener()
    yield instance
    instance.close()


def closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.fixture
def instelling(archief_client):
    response = archief_client.post(ROOT + "archiefinstellingen", {"naam": "RA", "contact": "x@ra.nl"}, format="json")
    return response.json()["url"]


def afspraak_body(instelling: str, **doel) -> dict:
    return {
        "archiefinstelling": instelling,
        "naam": "Afspraak",
        "archiefvormerNaam": "Gemeente Voorbeeld",
        "identificatiebron": "Zaaksysteem",
        "contact": "archief@voorbeeld.nl",
        **doel,
    }


@pytest.fixture
def allowed(settings, tmp_path, listener):
    settings.OVERBRENGING_LOCAL_ROOT = tmp_path / "edepot"
    settings.OVERBRENGING_SFTP_HOSTS = ["sftp.ra.example:22", f"127.0.0.1:{listener.port}"]
    settings.OVERBRENGING_S3_ENDPOINTS = ["https://s3.ra.example"]
    (tmp_path / "edepot").mkdir()
    (tmp_path / "geheim").mkdir()
    (tmp_path / "edepot" / "link").symlink_to(tmp_path / "geheim")
    settings.OVERBRENGING_SLEUTEL_ROOT = tmp_path / "sleutels"
    (tmp_path / "sleutels").mkdir()
    (tmp_path / "sleutels" / "buiten").symlink_to(tmp_path / "geheim")
    return tmp_path


def refused_targets(tmp_path, listener) -> list[tuple[dict, str]]:
    return [
        ({"doelType": "sftp", "doelHost": "127.0.0.1", "doelPoort": closed_port(), "doelLocatie": "/in"}, "doelHost"),
        ({"doelType": "sftp", "doelHost": "127.0.0.1", "doelPoort": 22, "doelLocatie": "/in"}, "doelHost"),
        ({"doelType": "sftp", "doelHost": "localhost", "doelPoort": listener.port, "doelLocatie": "/in"}, "doelHost"),
        ({"doelType": "s3", "doelEndpoint": "http://127.0.0.1:9000", "doelLocatie": "b/p"}, "doelEndpoint"),
        ({"doelType": "s3", "doelEndpoint": "", "doelLocatie": "b/p"}, "doelEndpoint"),
        ({"doelType": "s3", "doelEndpoint": "https://s3.ra.example@127.0.0.1/", "doelLocatie": "b/p"}, "doelEndpoint"),
        ({"doelType": "lokaal", "doelLocatie": "/etc"}, "doelLocatie"),
        ({"doelType": "lokaal", "doelLocatie": str(tmp_path / "geheim")}, "doelLocatie"),
        ({"doelType": "lokaal", "doelLocatie": str(tmp_path / "edepot" / ".." / "geheim")}, "doelLocatie"),
        ({"doelType": "lokaal", "doelLocatie": "../geheim"}, "doelLocatie"),
        ({"doelType": "lokaal", "doelLocatie": str(tmp_path / "edepot" / "link")}, "doelLocatie"),
        ({"doelType": "lokaal", "doelLocatie": "link/binnen"}, "doelLocatie"),
        # an allowed SFTP server, but a key file the API names outside OVERBRENGING_SLEUTEL_ROOT
        (sftp_met_sleutel("/etc/ssh/ssh_host_ed25519_key"), "doelSleutelbestand"),
        (sftp_met_sleutel(str(tmp_path / "geheim" / "id_ed25519")), "doelSleutelbestand"),
        (sftp_met_sleutel("../geheim/id_ed25519"), "doelSleutelbestand"),
        (sftp_met_sleutel("buiten/id_ed25519"), "doelSleutelbestand"),
    ]


def sftp_met_sleutel(sleutelbestand: str) -> dict:
    return {
        "doelType": "sftp",
        "doelHost": "sftp.ra.example",
        "doelPoort": 22,
        "doelLocatie": "/in",
        "doelSleutelbestand": sleutelbestand,
    }


def test_the_api_refuses_targets_the_settings_do_not_allow(archief_client, instelling, allowed, listener):
    for doel, field in refused_targets(allowed, listener):
        response = checked(
            archief_client.post(ROOT + "overbrengingsafspraken", afspraak_body(instelling, **doel), format="json")
        )
        assert response.status_code == 400, doel
        assert response["Content-Type"] == "application/problem+json"
        assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [(field, "doel-niet-toegestaan")]
    assert not Overbrengingsafspraak.objects.exists()
    assert listener.connections == 0


def test_the_api_accepts_the_allowed_targets_and_a_change_is_checked_too(archief_client, instelling, allowed, listener):
    accepted = [
        {"doelType": "sftp", "doelHost": "SFTP.ra.example", "doelPoort": 22, "doelLocatie": "/in"},
        {"doelType": "sftp", "doelHost": "127.0.0.1", "doelPoort": listener.port, "doelLocatie": "/in"},
        {"doelType": "s3", "doelEndpoint": "https://S3.ra.example/", "doelLocatie": "b/p"},
        {"doelType": "lokaal", "doelLocatie": str(allowed / "edepot" / "ra")},
        {"doelType": "lokaal", "doelLocatie": "ra/2026"},
    ]
    for doel in accepted:
        response = checked(
            archief_client.post(ROOT + "overbrengingsafspraken", afspraak_body(instelling, **doel), format="json")
        )
        assert response.status_code == 201, (doel, response.json())
    url = response.json()["url"]
    patched = checked(archief_client.patch(url, {"doelLocatie": "/tmp"}, format="json"))
    assert patched.status_code == 400
    patched = checked(archief_client.patch(url, {"doelType": "sftp", "doelHost": "10.0.0.1"}, format="json"))
    assert patched.status_code == 400
    assert listener.connections == 0


def test_the_admin_form_refuses_them_too(admin_client, allowed, listener):
    from archief.overbrenging.models import Archiefinstelling

    instelling = Archiefinstelling.objects.create(naam="RA", contact="x@ra.nl")
    add = reverse("admin:overbrenging_overbrengingsafspraak_add")
    form = admin_client.get(add).context["adminform"].form
    data = {name: field.initial for name, field in form.fields.items() if field.initial is not None}
    data |= {
        "archiefinstelling": instelling.pk,
        "naam": "Afspraak",
        "archiefvormer_naam": "Gemeente",
        "identificatiebron": "Zaaksysteem",
        "contact": "a@b.nl",
    }
    response = admin_client.post(add, data | {"doel_type": "sftp", "doel_host": "127.0.0.1", "doel_poort": 22})
    assert response.status_code == 200
    assert "OVERBRENGING_SFTP_HOSTS" in response.content.decode()
    response = admin_client.post(add, data | {"doel_type": "lokaal", "doel_locatie": "/etc"})
    assert "OVERBRENGING_LOCAL_ROOT" in response.content.decode()
    assert not Overbrengingsafspraak.objects.exists()
    response = admin_client.post(add, data | {"doel_type": "lokaal", "doel_locatie": "ra"})
    assert response.status_code == 302
    assert Overbrengingsafspraak.objects.count() == 1


def test_a_stored_agreement_is_checked_again_before_delivery(afspraak, fake, settings, listener):
    """An agreement made before the allow-list changed: the transfer stops with a clear error
    and no connection is made."""
    Overbrengingsafspraak.objects.filter(pk=afspraak.pk).update(
        doel_type="sftp", doel_host="127.0.0.1", doel_poort=listener.port, doel_locatie="/in"
    )
    settings.OVERBRENGING_SFTP_HOSTS = []
    afspraak.refresh_from_db()
    overbrenging = services.overbrenging_create(
        afspraak=afspraak, zaken=[fake.add(sipdata.zaak(1))], door=persoon("Recordmanager")
    )
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    with pytest.raises(Exception, match="OVERBRENGING_SFTP_HOSTS") as raised:
        while overbrenging_stap_vergrendeld(overbrenging.pk):
            pass
    assert raised.value.error_code == "doel-niet-toegestaan"
    overbrenging.refresh_from_db()
    assert overbrenging.status != Status.afgeleverd
    assert listener.connections == 0


def test_a_closed_port_and_an_open_one_get_the_same_message(listener, monkeypatch):
    """Whatever stops the connection, the error text (which the API shows) is the same."""
    messages = []
    for port in (closed_port(), listener.port):
        doel = SFTPMap(host="127.0.0.1", poort=port, gebruiker="a", sleutelbestand="", locatie="/in")
        with pytest.raises(DeliveryError) as raised:
            doel.omvang("c.tar")
        messages.append(str(raised.value))
    assert listener.connections == 1
    assert messages == [ONBEREIKBAAR, ONBEREIKBAAR]

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    s3_messages = []
    for endpoint in (f"http://127.0.0.1:{closed_port()}", f"http://127.0.0.1:{listener.port}"):
        with pytest.raises(DeliveryError) as raised:
            S3Map(locatie="bucket/p", endpoint=endpoint).omvang("c.tar")
        s3_messages.append(str(raised.value))
    assert s3_messages == [ONBEREIKBAAR, ONBEREIKBAAR]
