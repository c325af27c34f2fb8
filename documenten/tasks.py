"""Celery tasks of the documenten app: thin, rerunnable, the work is in the services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from .cleanup import orphaned_files_remove
from .fixity import fixity_check


@shared_task
def check_fixity(limit: int | None = None) -> dict:
    """Recompute the SHA-256 of the files checked longest ago and record mismatches (periodic)."""
    checked, mismatches = fixity_check(limit=limit or settings.DOCUMENTEN_FIXITY_BATCH)
    return {"checked": checked, "mismatches": mismatches}


@shared_task
def remove_orphaned_files() -> int:
    """Remove stored files that no row refers to, e.g. left by a worker killed mid-upload (periodic)."""
    return len(orphaned_files_remove())
