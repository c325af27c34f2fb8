"""How gunicorn serves Levensloop: `bin/run` starts it with this file, and so does the
Documenten benchmark (`manage.py bench_documenten`), so the benchmark measures the server
as it runs.

Threads (gunicorn's gthread worker) let a slow upload or download not hold a whole worker;
the request timeout leaves room for the last bestandsdeel, which reads the whole file back
to compute its SHA-256 when the parts could not be hashed as they were written.
"""

workers = 2
threads = 4
timeout = 120
