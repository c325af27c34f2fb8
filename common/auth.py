"""JWT-ZGW authentication: HS256 tokens signed with a secret per client.

A token carries `iss`, `iat`, `client_id`, `user_id` and `user_representation`. It is
valid from `iat` for `JWT_EXPIRY` seconds, with `JWT_LEEWAY` seconds of clock difference
allowed. Anything else (no token, `alg: none`, a wrong signature, an unknown client, an
expired token) is refused with 401, as the ZGW specifications list it.
"""

from __future__ import annotations

import secrets
import time
import warnings
from dataclasses import dataclass, field
from functools import cached_property

import jwt
from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from .autorisatieversie import autorisatieversie
from .constants import VertrouwelijkheidsAanduiding
from .models import Applicatie, Autorisatie, ClientCredential
from .selectors import applicaties_met_client_ids

# ZGW clients choose their own shared secrets, often short ones; warning on every request
# about their length would drown the logs. Choosing long secrets is documented instead.
warnings.filterwarnings("ignore", category=jwt.warnings.InsecureKeyLengthWarning)


def jwt_encode(client_id: str, secret: str, user_id: str = "", user_representation: str = "") -> str:
    """A JWT-ZGW token for `client_id`, as a client of our APIs would make one."""
    payload = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": user_id,
        "user_representation": user_representation,
    }
    return jwt.encode(payload, secret, algorithm="HS256")


@dataclass(frozen=True)
class ResolvedClient:
    """What a client ID resolves to: its secret, its applicaties and their autorisaties."""

    secret: str
    applicaties: tuple[Applicatie, ...]
    autorisaties: tuple[Autorisatie, ...]


# client ID -> (autorisatieversie, ResolvedClient or None): kept while the version stays the same
# (see `common.autorisatieversie`). Unknown client IDs are kept apart, so a flood of made-up IDs
# cannot push out the real clients; both are bounded as a guard.
_clients: dict[str, tuple[str, ResolvedClient]] = {}
_unknown: dict[str, str] = {}
_CLIENTS_MAX = 10_000

# Tokens of unknown clients are verified against this, so that refusing them costs what
# refusing a wrong signature costs: no answer or timing tells which client IDs exist.
_UNKNOWN_CLIENT_SECRET = secrets.token_urlsafe(48)
# The one answer for an unknown client and for a signature that does not match.
NOT_AUTHENTICATED = "The JWT signature is invalid or the client is not known."


def _grants_of(client_id: str) -> tuple[tuple[Applicatie, ...], tuple[Autorisatie, ...]]:
    """The applicaties with this client ID, and their autorisaties."""
    applicaties = tuple(applicaties_met_client_ids(client_ids=[client_id]))
    return applicaties, tuple(Autorisatie.objects.filter(applicatie__in=[a.pk for a in applicaties]))


def resolve_client(client_id: str) -> ResolvedClient | None:
    """The client behind `client_id` as the database has it now; None if unknown.

    The version is read first, so a change committed while the client is read makes the
    next request read it again rather than keep it under the newer version.
    """
    versie = autorisatieversie()
    kept = _clients.get(client_id)
    if kept is not None and versie is not None and kept[0] == versie:
        return kept[1]
    if versie is not None and _unknown.get(client_id) == versie:
        return None
    credential = ClientCredential.objects.filter(client_id=client_id).first()
    if credential is None:
        if versie is not None:
            if len(_unknown) >= _CLIENTS_MAX:
                _unknown.clear()
            _unknown[client_id] = versie
        return None
    client = ResolvedClient(credential.secret, *_grants_of(client_id))
    if versie is not None:
        if len(_clients) >= _CLIENTS_MAX:
            _clients.clear()
        _clients[client_id] = (versie, client)
    return client


@dataclass
class ClientAuth:
    """What an authenticated request may do: the applicaties behind its client ID."""

    client_id: str
    claims: dict = field(default_factory=dict)
    client: ResolvedClient | None = None

    @property
    def user_id(self) -> str:
        return str(self.claims.get("user_id") or "")

    @property
    def user_representation(self) -> str:
        return str(self.claims.get("user_representation") or "")

    @cached_property
    def _grants(self) -> tuple[tuple[Applicatie, ...], tuple[Autorisatie, ...]]:
        """From the resolved client; read here only for a ClientAuth made without one."""
        if self.client is not None:
            return self.client.applicaties, self.client.autorisaties
        return _grants_of(self.client_id)

    @cached_property
    def applicaties(self) -> list[Applicatie]:
        return list(self._grants[0])

    @cached_property
    def heeft_alle_autorisaties(self) -> bool:
        return any(a.heeft_alle_autorisaties for a in self.applicaties)

    @cached_property
    def autorisaties(self) -> list[Autorisatie]:
        return list(self._grants[1])

    def has_scope(self, component: str, scopes: set[str]) -> bool:
        """Whether any autorisatie in `component` grants one of `scopes`."""
        if self.heeft_alle_autorisaties:
            return True
        return any(a.component == component and scopes & set(a.scopes) for a in self.autorisaties)

    def type_grants(self, component: str, scopes: set[str], type_field: str) -> dict[str, str]:
        """Per type URL, the highest vertrouwelijkheidaanduiding granted with one of `scopes`.

        `type_field` is `zaaktype`, `informatieobjecttype` or `besluittype`.
        """
        grants: dict[str, str] = {}
        for autorisatie in self.autorisaties:
            if autorisatie.component != component or not scopes & set(autorisatie.scopes):
                continue
            type_url = getattr(autorisatie, type_field)
            level = autorisatie.max_vertrouwelijkheidaanduiding or VertrouwelijkheidsAanduiding.zeer_geheim
            current = grants.get(type_url)
            if current is None or VertrouwelijkheidsAanduiding.rank(level) > VertrouwelijkheidsAanduiding.rank(current):
                grants[type_url] = level
        return grants

    def may_see(
        self, component: str, scopes: set[str], type_field: str, type_url: str, vertrouwelijkheid: str | None
    ) -> bool:
        """Whether the client may act on one object of type `type_url` with that confidentiality."""
        if self.heeft_alle_autorisaties:
            return True
        level = self.type_grants(component, scopes, type_field).get(type_url)
        if level is None:
            return False
        if not vertrouwelijkheid:
            return True
        return VertrouwelijkheidsAanduiding.rank(vertrouwelijkheid) <= VertrouwelijkheidsAanduiding.rank(level)


class JWTAuthentication(BaseAuthentication):
    """DRF authentication with JWT-ZGW bearer tokens."""

    keyword = "Bearer"

    def authenticate_header(self, request) -> str:  # makes DRF answer 401, not 403
        return 'Bearer realm="levensloop"'

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() != self.keyword.lower().encode() or len(header) != 2:
            raise exceptions.AuthenticationFailed("Use the header `Authorization: Bearer <JWT>`.")
        token = header[1].decode("latin-1")
        auth = authenticate_token(token)
        return (None, auth)


def authenticate_token(token: str) -> ClientAuth:
    """Verify a token and return who it speaks for; raise AuthenticationFailed otherwise."""
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise exceptions.AuthenticationFailed(f"The JWT cannot be read: {exc}.") from exc
    if header.get("alg") != "HS256":
        raise exceptions.AuthenticationFailed("Only JWTs signed with HS256 are accepted.")
    # JWT-ZGW: `client_id` is required; `iss` does not stand in for it.
    client_id = unverified.get("client_id")
    if not client_id or not isinstance(client_id, str):
        raise exceptions.AuthenticationFailed("The JWT has no `client_id` claim.")
    client = resolve_client(client_id)
    try:
        claims = jwt.decode(
            token,
            client.secret if client is not None else _UNKNOWN_CLIENT_SECRET,
            algorithms=["HS256"],
            options={"require": ["iat"], "verify_iat": False},
            leeway=settings.JWT_LEEWAY,
        )
    except jwt.InvalidSignatureError as exc:
        raise exceptions.AuthenticationFailed(NOT_AUTHENTICATED) from exc
    except jwt.PyJWTError as exc:
        if client is None:
            raise exceptions.AuthenticationFailed(NOT_AUTHENTICATED) from exc
        raise exceptions.AuthenticationFailed(f"The JWT is invalid: {exc}.") from exc
    if client is None:  # only if someone guessed the per-process secret
        raise exceptions.AuthenticationFailed(NOT_AUTHENTICATED)
    issued = claims.get("iat")
    if not isinstance(issued, (int, float)):
        raise exceptions.AuthenticationFailed("The `iat` claim must be a number.")
    now = time.time()
    if issued > now + settings.JWT_LEEWAY:
        raise exceptions.AuthenticationFailed("The JWT was issued in the future.")
    if now > issued + settings.JWT_EXPIRY + settings.JWT_LEEWAY:
        raise exceptions.AuthenticationFailed("The JWT has expired.")
    return ClientAuth(client_id=client_id, claims=claims, client=client)
