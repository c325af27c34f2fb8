"""How gunicorn serves Levensloop: `bin/run` starts it with this file, and so does the
Documenten benchmark (`manage.py bench_documenten`), so the benchmark measures the server
as it runs.

Threads (gunicorn's gthread worker) let a slow upload or download not hold a whole worker;
the request timeout leaves room for the last bestandsdeel, which reads the whole file back
to compute its SHA-256 when the parts could not be hashed as they were written.
"""

import gc
import os
import sys
from pathlib import Path

# gunicorn reads this file before it puts the working directory on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.logs import default_format, logging_config

workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 120

# gunicorn's own lines (start, worker boot and exit) in the shape of the application's
# (config/logs.py); LOG_FORMAT and LOG_LEVEL as for Django.
logconfig_dict = logging_config(
    log_format=os.environ.get("LOG_FORMAT")
    or default_format(os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}),
    level=os.environ.get("LOG_LEVEL", "INFO"),
)
# The application logs each request itself (`request_finished`, with its request_id, API and
# route; common/requestid.py); gunicorn's access line would say the same with less.
logconfig_dict["loggers"]["gunicorn.access"] = {"handlers": [], "propagate": False}


def post_worker_init(worker) -> None:
    """Leave what the worker loaded at start-up (Django, the apps, the URL patterns: some
    170,000 objects) out of the garbage collector's full collections, which otherwise walk
    all of them every few dozen requests. Each worker loads the application itself, after
    the fork, so this runs there rather than in the master."""
    gc.freeze()


def child_exit(server, worker) -> None:
    """A worker that exits leaves its metric files behind (its counters still count, as
    Prometheus expects); this only lets the multiprocess collector drop its live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
