"""Files in storage that no document refers to.

A request that fails removes what it wrote, and deletes remove their files after commit;
only a process killed between writing a file and committing its row can leave one behind.
This sweep removes such files once they are older than a grace period (so an upload in
progress is never touched).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from .models import BestandsDeel, EnkelvoudigInformatieObject, documenten_storage

logger = logging.getLogger(__name__)

GRACE = timedelta(hours=6)


def _walk(storage, path: str = ""):
    directories, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from _walk(storage, f"{path}/{directory}" if path else directory)


def orphaned_files_remove(*, grace: timedelta = GRACE) -> list[str]:
    storage = documenten_storage()
    referenced = set(EnkelvoudigInformatieObject.objects.exclude(inhoud="").values_list("inhoud", flat=True))
    referenced |= set(BestandsDeel.objects.exclude(inhoud="").values_list("inhoud", flat=True))
    cutoff = timezone.now() - grace
    removed = []
    try:
        names = list(_walk(storage))
    except FileNotFoundError:
        return removed
    for name in names:
        if name in referenced:
            continue
        if storage.get_modified_time(name) > cutoff:
            continue
        storage.delete(name)
        removed.append(name)
    if removed:
        logger.warning("orphaned_files_removed", extra={"count": len(removed)})
    return removed
