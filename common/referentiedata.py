"""Reference data that a migration loads (the Selectielijst, the Woo categories) comes back
after a flush: `manage.py flush`, and the end of every transactional test, empty every table
but migrate nothing."""

from __future__ import annotations

import importlib

from django.apps import apps


def opnieuw_laden(model: str, migration: str, using: str = "default") -> None:
    """Run `migration`'s `load` when the table of `model` (`app_label.Model`) stands empty."""
    if apps.get_model(model).objects.using(using).exists():
        return
    importlib.import_module(migration).load(apps, None)
