"""Load the limited API client the VNG collection expects, mirroring its fixture_ac.json.

bin/conformance makes the main client with `manage.py create_api_client zgw_api_tests
secret --all` (an applicatie with heeftAlleAutorisaties). The fixture gives the limited
client `zgw_api_tests_limited` / `secret_limited` only its secret, no applicatie: the
collection itself creates an applicatie with the autorisaties each test needs (and
deletes any it finds first). This does the same.

Run from the repository root: `.venv/bin/python conformance/setup_clients.py`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from common.models import ClientCredential  # noqa: E402

LIMITED = ("zgw_api_tests_limited", "secret_limited")


def main() -> None:
    ClientCredential.objects.update_or_create(client_id=LIMITED[0], defaults={"secret": LIMITED[1]})
    print(f"API client {LIMITED[0]} ready (secret only, no applicatie: the collection makes its own).")


if __name__ == "__main__":
    main()
