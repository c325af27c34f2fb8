"""Scope checks for the ZGW APIs.

A viewset names its component (`component = "ztc"`) and the scopes each action needs
(`required_scopes = {"list": {...}, "create": {...}}`). A request passes when one of the
client's autorisaties in that component grants one of those scopes. Views without
`required_scopes` are public (the Selectielijst API, for instance).
"""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from .auth import ClientAuth


class ScopePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        required = getattr(view, "required_scopes", None)
        if required is None:
            return True
        auth = request.auth
        if not isinstance(auth, ClientAuth):
            raise exceptions.NotAuthenticated("Authentication credentials were not provided: send a JWT-ZGW token.")
        action = getattr(view, "action", None) or request.method.lower()
        if action == "metadata":
            return True
        scopes = required.get(action)
        if scopes is None:
            raise exceptions.MethodNotAllowed(request.method)
        if not auth.has_scope(view.component, set(scopes)):
            raise exceptions.PermissionDenied(
                f"This client has none of the scopes {sorted(scopes)} in component `{view.component}`."
            )
        return True
