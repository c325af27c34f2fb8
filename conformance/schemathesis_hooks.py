"""Schemathesis hooks for the conformance run (loaded through SCHEMATHESIS_HOOKS).

Against the Autorisaties API, schemathesis's stateful phase finds the applicatie of the
very client it authenticates with (`GET /applicaties/consumer?clientId=…`) and deletes or
rewrites it; every later request then gets 403 and tests nothing. After each successful
change to an applicatie this hook gives the test client its applicatie with all
autorisaties back, directly in the database the server uses (same DATABASE_URL).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import schemathesis

CLIENT_ID = os.environ.get("CONFORMANCE_CLIENT_ID", "zgw_api_tests")
SECRET = os.environ.get("CONFORMANCE_CLIENT_SECRET", "secret")
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}

_restore = None


def _restorer():
    global _restore
    if _restore is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from common.services import api_client_create_or_update

        def restore() -> None:
            api_client_create_or_update(client_id=CLIENT_ID, secret=SECRET, alle_autorisaties=True)

        _restore = restore
    return _restore


@schemathesis.hook
def after_call(ctx, case, response):
    if case.method.upper() in MUTATING and case.path.startswith("/applicaties") and response.status_code < 300:
        _restorer()()
