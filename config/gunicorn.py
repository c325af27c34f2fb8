"""How gunicorn serves Levensloop: `bin/run` starts it with this file, and so does the
Documenten benchmark (`manage.py bench_documenten`), so the benchmark measures the server
as it runs.

Threads (gunicorn's gthread worker) let a slow upload or download not hold a whole worker;
the request timeout leaves room for the last bestandsdeel, which reads the whole file back
to compute its SHA-256 when the parts could not be hashed as they were written.
"""

import gc

workers = 2
threads = 4
timeout = 120


def post_worker_init(worker) -> None:
    """Leave what the worker loaded at start-up (Django, the apps, the URL patterns: some
    170,000 objects) out of the garbage collector's full collections, which otherwise walk
    all of them every few dozen requests. Each worker loads the application itself, after
    the fork, so this runs there rather than in the master."""
    gc.freeze()
